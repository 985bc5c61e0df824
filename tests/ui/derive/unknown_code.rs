use errors_core::ErrorTaxonomy;

#[derive(Debug, ErrorTaxonomy)]
enum RenderError {
    #[taxonomy(code = "RATE_LIMIT_EXCEDED")]
    TooFast,
}

fn main() {}
