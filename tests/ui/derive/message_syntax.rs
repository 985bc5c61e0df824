use errors_core::ErrorTaxonomy;

#[derive(Debug, ErrorTaxonomy)]
enum RenderError {
    #[taxonomy(code = "insufficient_credits", message = "No credits left for {org:?}")]
    OutOfCredits {
        #[taxonomy(user)]
        org: String,
    },
}

fn main() {}
