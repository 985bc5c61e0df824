use errors_core::ErrorTaxonomy;

#[derive(Debug, ErrorTaxonomy)]
enum RenderError {
    #[taxonomy(code = "insufficient_credits", message = "No credits left for {orgg}")]
    OutOfCredits {
        #[taxonomy(user)]
        org: String,
    },
}

fn main() {}
