// Every kind of case compiles, and the impl is usable as the trait.
use errors_core::{Code, ErrorTaxonomy};

#[derive(Debug, thiserror::Error, ErrorTaxonomy)]
enum RenderError<'a, E: std::error::Error + ErrorTaxonomy + 'static> {
    #[error("quota check failed for org {org}")]
    #[taxonomy(code = "insufficient_credits")]
    OutOfCredits { org: String },
    #[error("storage: {0}")]
    #[taxonomy(code = "upstream_error", message = "Storage is briefly unavailable")]
    Storage(#[source] std::io::Error),
    #[error("lock held by {holder}")]
    #[taxonomy(status = 409, retry = "never", message = "Locked by {holder}")]
    Locked {
        #[taxonomy(user)]
        holder: &'a str,
    },
    #[error(transparent)]
    #[taxonomy(transparent)]
    Inner(E),
}

#[derive(Debug, thiserror::Error, ErrorTaxonomy)]
#[error("rate limited")]
#[taxonomy(code = "RATE_LIMIT_EXCEEDED", retry = "after_header(Retry-After, 60), create = safe")]
struct RateLimited;

fn main() {
    let error: RenderError<'_, RateLimited> = RenderError::Inner(RateLimited);
    let as_trait: &dyn ErrorTaxonomy = &error;
    assert_eq!(as_trait.code(), Some(Code::RateLimitExceeded));
}
