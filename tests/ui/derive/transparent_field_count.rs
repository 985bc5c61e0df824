use errors_core::ErrorTaxonomy;

#[derive(Debug, ErrorTaxonomy)]
enum RenderError {
    #[taxonomy(transparent)]
    Nothing,
    #[taxonomy(transparent)]
    Two(errors_core::Code, errors_core::Code),
}

fn main() {}
