use errors_core::ErrorTaxonomy;

#[derive(Debug, ErrorTaxonomy)]
enum RenderError {
    #[taxonomy(code = "conflict")]
    Locked,
    Forgotten,
}

fn main() {}
