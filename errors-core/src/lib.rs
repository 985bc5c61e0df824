//! Typed errors of generative-media APIs, generated from one catalogue.
//!
//! `taxonomy.yaml` at the workspace root describes how four APIs report
//! failures: HTTP statuses, error codes, task `error_type`s, the fixed
//! strings servers send, and what to do about each. It is generated into
//! exhaustive enums (committed in this crate, so depending on it runs no
//! generator); the hand-written modules give them behaviour.
//!
//! - A **backend engineer** returns catalogued errors: a [`Code`] directly,
//!   or a service's own enum with `#[derive(ErrorTaxonomy)]`; both implement
//!   [`ErrorTaxonomy`] (status, retry rule, user-safe message, remedies).
//! - A **client engineer** looks up what a server sent ([`Code::from_wire`],
//!   [`Code::lookup`], [`ErrorType`], [`Status`]) and reads its [`Retry`] rule.
//! - A **support person** reads the same facts in these docs, or runs
//!   `cargo run -p errors-codegen -- explain 431`.
//!
//! ```
//! use errors_core::{Code, Retry, Source, Status};
//!
//! let code = Code::from_wire(Source::Queue, "RATE_LIMIT_EXCEEDED").unwrap();
//! assert_eq!(code, Code::RateLimitExceeded);
//! assert_eq!(code.status(), http::StatusCode::TOO_MANY_REQUESTS);
//! assert_eq!(code.status_entry(), Status::TooManyRequests);
//! assert_eq!(code.wire_name(Source::Runs), Some("rate_limit_exceeded"));
//! assert!(matches!(code.retry(), Retry::AfterHeader { header: "Retry-After", .. }));
//! assert!(!code.user_message().is_empty());
//!
//! // Fixed messages with a variable part are recognised too.
//! assert_eq!(Code::lookup("App not found: my-app"), Some(Code::ModelNotFound));
//! ```
//!
//! Every enum is exhaustive: adding an entry to the catalogue makes each
//! `match` that does not handle it fail to compile.

#![warn(missing_docs, clippy::pedantic)]
// On docs.rs, items behind a feature say which one.
#![cfg_attr(docsrs, feature(doc_cfg))]

// The README's examples are compiled and run with this crate's doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;

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
    feature = "backon"
))]
#[cfg_attr(
    docsrs,
    doc(cfg(any(
        feature = "axum",
        feature = "reqwest",
        feature = "tower",
        feature = "reqwest-middleware",
        feature = "backon"
    )))
)]
pub mod integrations;

/// The enums generated from `taxonomy.yaml`, committed: written by
/// `cargo xtask generate` and checked by a test, so that no build of this
/// crate (or of a crate that depends on it) runs the generator.
mod generated {
    include!("generated/taxonomy.rs");
}

pub use generated::{Category, Code, ErrorType, Limit, Source, Status, StatusView, TaskStatus};
pub use named::{Named, UnknownName};
pub use retry::Retry;
// Defined once for the catalogue's tools and this crate; shown here as
// this crate's own.
#[doc(inline)]
pub use errors_vocab::retry::CreateRule;
#[doc(inline)]
pub use errors_vocab::{Fault, Shape, Unit};
pub use status::UncataloguedStatus;
pub use taxonomy::ErrorTaxonomy;

#[cfg(feature = "derive")]
#[cfg_attr(docsrs, doc(cfg(feature = "derive")))]
pub use errors_derive::ErrorTaxonomy;

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
}
