//! Typed errors of generative-media APIs, generated from one catalogue.
//!
//! `taxonomy.yaml` at the workspace root describes how four APIs report
//! failures: HTTP statuses, error codes, task `error_type`s, the fixed
//! strings servers send, and what to do about each. It is generated into
//! enums (committed in this crate, so depending on it runs no generator);
//! the hand-written modules give them behaviour.
//!
//! - A **backend engineer** returns catalogued errors: a [`Code`] directly,
//!   or a service's own enum with `#[derive(ErrorTaxonomy)]`; both implement
//!   [`ErrorTaxonomy`] (status, retry rule, user-safe message, remedies).
//! - A **client engineer** looks up what a server sent ([`Code::from_wire`],
//!   [`Code::lookup`], [`ErrorType`], [`Status`]) and reads its [`Retry`] rule.
//! - A **support person** reads the same facts in these docs, or runs
//!   `cargo run -p taxonomy-cli -- explain 431`.
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
//! Every generated enum is `#[non_exhaustive]`: the catalogue grows (a
//! code, a status, a body shape added), and an added entry must not break
//! a dependent's `match`, which keeps a wildcard arm for what it does not
//! know. `taxonomy diff` calls an added entry news, not a break. A team
//! that generates its own catalogue with exhaustive enums (the `Builder`'s
//! default) gets the compile error instead.

#![warn(missing_docs, clippy::pedantic)]
// On docs.rs, items behind a feature say which one.
#![cfg_attr(docsrs, feature(doc_cfg))]

// The README's examples are compiled and run with this crate's doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;

// Everything but the derive lives in errors-runtime, which does not wait
// for `syn` and the derive to compile: a dependent's build compiles the
// two side by side (BENCHMARKS.md, "What depending on errors-core costs a
// build"). Shown here as this crate's own.
#[doc(inline)]
pub use errors_runtime::*;

#[cfg(feature = "derive")]
#[cfg_attr(docsrs, doc(cfg(feature = "derive")))]
pub use errors_derive::ErrorTaxonomy;
