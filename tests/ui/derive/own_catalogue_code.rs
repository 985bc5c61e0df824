// With `catalogue`, a code is named by its canonical id: a wire spelling
// or a message cannot be resolved without the catalogue's file, so it is
// refused on the literal; a path that is not one is refused on its own.
use errors_core::ErrorTaxonomy;

#[derive(Debug, ErrorTaxonomy)]
#[taxonomy(catalogue = "crate::acme")]
enum AcmeError {
    #[taxonomy(code = "QUOTA")]
    Quota,
    #[taxonomy(code = "Quota exceeded")]
    Exceeded,
}

#[derive(Debug, ErrorTaxonomy)]
#[taxonomy(catalogue = "not a path")]
enum Other {
    #[taxonomy(code = "quota_exceeded")]
    Quota,
}

fn main() {}
