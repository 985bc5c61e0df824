use errors_core::ErrorTaxonomy;

#[derive(Debug, ErrorTaxonomy)]
enum RenderError {
    #[taxonomy(transparent, code = "conflict")]
    Inner(errors_core::Code),
}

fn main() {}
