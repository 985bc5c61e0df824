use errors_core::ErrorTaxonomy;

#[derive(Debug, ErrorTaxonomy)]
enum RenderError {
    #[taxonomy(code = "insufficient_credits", status = 403)]
    OutOfCredits,
}

fn main() {}
