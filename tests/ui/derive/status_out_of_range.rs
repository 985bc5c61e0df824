use errors_core::ErrorTaxonomy;

#[derive(Debug, ErrorTaxonomy)]
enum RenderError {
    #[taxonomy(status = 1000, message = "Locked")]
    Locked,
}

fn main() {}
