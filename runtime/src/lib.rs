//! errors-core without its derive: the generated enums, `Retry`, the
//! `ErrorTaxonomy` trait, the wire layer and the integrations.
//!
//! Depend on [errors-core](https://docs.rs/errors-core) instead: it
//! re-exports all of this crate, and `#[derive(ErrorTaxonomy)]` beside it,
//! under the paths the derive's expansion names (`errors_core::…`). The
//! two crates are split so that a build compiles this one in parallel with
//! the derive (which waits for `syn`), as serde does with `serde_core`;
//! see BENCHMARKS.md, "What depending on errors-core costs a build".
//!
//! The examples in these docs are written as a user of errors-core writes
//! them; each starts with a hidden `extern crate errors_runtime as
//! errors_core;` so that they run as this crate's doctests.

#![warn(missing_docs, clippy::pedantic)]
// On docs.rs, items behind a feature say which one.
#![cfg_attr(docsrs, feature(doc_cfg))]

mod named;
mod retry;
mod status;
mod taxonomy;
pub mod wire;

#[cfg(any(
    feature = "axum",
    feature = "reqwest",
    feature = "tower",
    feature = "reqwest-middleware",
    feature = "backon",
    feature = "utoipa"
))]
#[cfg_attr(
    docsrs,
    doc(cfg(any(
        feature = "axum",
        feature = "reqwest",
        feature = "tower",
        feature = "reqwest-middleware",
        feature = "backon",
        feature = "utoipa"
    )))
)]
pub mod integrations;

/// The enums generated from `taxonomy.yaml`, committed: written by
/// `cargo xtask generate` and checked by a test, so that no build of this
/// crate (or of a crate that depends on it) runs the generator.
mod generated {
    include!("generated/taxonomy.rs");
}

pub use generated::{
    Category, Code, ErrorType, Limit, Shape, Source, Status, StatusView, TaskStatus, Taxonomy,
};
pub use named::{Named, UnknownName};
pub use retry::Retry;
// Defined once for the catalogue's tools and this crate; shown here as
// this crate's own.
#[doc(inline)]
pub use errors_vocab::retry::CreateRule;
#[doc(inline)]
pub use errors_vocab::{Fault, StopAction, Unit};
pub use status::UncataloguedStatus;
pub use taxonomy::ErrorTaxonomy;

/// Paths the generated code and the derive's expansion use. Not public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::named::{deserialize, deserialize_number};
    pub use crate::status::status;
    pub use http;
    pub use serde;
    pub use std::borrow::Cow;
    #[cfg(feature = "strum")]
    pub use strum;
    // The derive's `IntoResponses` impl names utoipa through the runtime,
    // so a service need not depend on the same utoipa by name.
    #[cfg(feature = "utoipa")]
    pub use utoipa;
}
