// Every mistake in one enum is reported in one build.
use errors_core::ErrorTaxonomy;

#[derive(Debug, ErrorTaxonomy)]
enum RenderError {
    #[taxonomy(code = "insuficient_credits")]
    OutOfCredits,
    #[taxonomy(status = 42, message = "Locked", retry = "sometimes")]
    Locked,
    #[taxonomy(staus = 500)]
    Broken,
}

fn main() {}
