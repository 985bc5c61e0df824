use errors_core::ErrorTaxonomy;

#[derive(Debug, ErrorTaxonomy)]
enum RenderError {
    #[taxonomy(code = "insufficient_credits", message = "No credits left for {org}")]
    OutOfCredits { org: String },
}

fn main() {}
