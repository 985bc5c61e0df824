//! What the error catalogue's tools and its runtime share without reading YAML.
//!
//! `errors-catalogue` (the catalogue's loader), `errors-codegen` (its
//! generator), `errors-derive` (the `#[derive(ErrorTaxonomy)]` macro) and
//! `errors-core` (the runtime)
//! must agree on a few rules of the catalogue's language: the [`retry`]
//! vocabulary (one type, [`retry::RetryRule`], with its words), the small
//! closed sets [`Fault`] and [`Unit`], the [`wire`] words that say where
//! a body's fields sit, the [`leak`] rules (does a text a user will read
//! give away internals?), and, for the tools, the
//! one-line retry grammar, its checks and the "did you mean" ranking. They
//! live here, in a crate with no dependencies, so that the derive, which
//! every dependent of `errors-core` compiles, does not pull a YAML parser
//! or a pretty-printer into that build.
//!
//! # Features
//!
//! Without features the crate is the types and their words: what
//! `errors-core` needs, kept cheap to compile because every dependent of
//! `errors-core` compiles it.
//!
//! - `tools`: what only the catalogue's tools need: `retry::parse` (the
//!   derive's one-line form), `RetryRule::check`, `RetryRule::advice` and
//!   `nearest`. (Named without links: they exist only with the feature.)
//! - `tokens`: the values as Rust tokens, for the generator and the derive.
//! - `serde`: the catalogue's YAML form (`Deserialize`), for the loader.
//!
//! ```
//! # #[cfg(feature = "tools")] {
//! let codes = ["rate_limit_exceeded", "not_found"];
//! assert_eq!(errors_vocab::nearest("RateLimitExceded", codes, 1), ["rate_limit_exceeded"]);
//! # }
//! ```

#![warn(missing_docs, clippy::pedantic)]

pub mod ident;
mod kinds;
pub mod leak;
#[cfg(feature = "tools")]
mod nearest;
pub mod retry;
pub mod wire;

pub use kinds::{Fault, StopAction, Unit};
#[cfg(feature = "tools")]
pub use nearest::{MAX_RANKED_CHARS, nearest};
