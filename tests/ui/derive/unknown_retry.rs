use errors_core::ErrorTaxonomy;

#[derive(Debug, ErrorTaxonomy)]
enum RenderError {
    #[taxonomy(status = 503, message = "Busy", retry = "backof(3)")]
    Busy,
}

fn main() {}
