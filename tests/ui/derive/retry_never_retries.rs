use errors_core::ErrorTaxonomy;

// The catalogue rejects `backoff` with fewer than 2 attempts; so does the
// derive, in the same words.
#[derive(Debug, ErrorTaxonomy)]
enum RenderError {
    #[taxonomy(status = 503, message = "Busy", retry = "backoff(1)")]
    Busy,
}

fn main() {}
