use errors_core::ErrorTaxonomy;

#[derive(Debug, ErrorTaxonomy)]
enum RenderError {
    #[taxonomy(code = "conflict")]
    #[taxonomy(code = "gone")]
    Locked,
}

fn main() {}
