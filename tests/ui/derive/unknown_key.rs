use errors_core::ErrorTaxonomy;

#[derive(Debug, ErrorTaxonomy)]
enum RenderError {
    #[taxonomy(status = 409, mesage = "This workflow is locked")]
    Locked,
}

fn main() {}
