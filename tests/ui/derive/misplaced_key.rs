use errors_core::ErrorTaxonomy;

#[derive(Debug, ErrorTaxonomy)]
#[taxonomy(code = "conflict")]
enum RenderError {
    #[taxonomy(code = "conflict", user)]
    Locked,
}

fn main() {}
