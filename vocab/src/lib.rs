//! What the error catalogue's tools share without reading YAML.
//!
//! `errors-codegen` (the catalogue's loader and generator), `errors-derive`
//! (the `#[derive(ErrorTaxonomy)]` macro) and `errors-core` must agree on a
//! few rules of the catalogue's language: the [`retry`] vocabulary (its
//! grammar, checks, Rust form and words) and the "did you mean" ranking. They live here, in a crate with no
//! dependencies, so that the derive, which every dependent of `errors-core`
//! compiles, does not pull a YAML parser or a pretty-printer into that
//! build.
//!
//! ```
//! let codes = ["rate_limit_exceeded", "not_found"];
//! assert_eq!(errors_vocab::nearest("RateLimitExceded", codes, 1), ["rate_limit_exceeded"]);
//! ```

#![warn(missing_docs, clippy::pedantic)]

mod nearest;
pub mod retry;

pub use nearest::nearest;
