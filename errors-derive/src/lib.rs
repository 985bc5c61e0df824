//! `#[derive(ErrorTaxonomy)]`: a service's own error type answers with the
//! catalogue's HTTP status, retry rule, user-safe message and remedies,
//! without copying them, and a code the catalogue does not have is a
//! compile error.
//!
//! Use it through `errors_core`, which re-exports it (feature `derive`, on
//! by default):
//!
//! ```
//! use std::borrow::Cow;
//! use errors_core::{Code, ErrorTaxonomy, Retry};
//!
//! #[derive(Debug, thiserror::Error, ErrorTaxonomy)]
//! enum RenderError {
//!     #[error("quota check failed for org {org}")]           // internal text: logs only
//!     #[taxonomy(code = "insufficient_credits")]               // status, retry, message, remedies from the catalogue
//!     OutOfCredits { org: String },
//!     #[error("storage: {0}")]
//!     #[taxonomy(code = "upstream_error", message = "Storage is briefly unavailable")]   // override the user message only
//!     Storage(#[source] std::io::Error),
//!     #[error("lock held")]
//!     #[taxonomy(status = 409, retry = "never", message = "This workflow is locked")]    // not in the catalogue: everything given
//!     Locked,
//! }
//!
//! let e = RenderError::OutOfCredits { org: "acme".into() };
//! assert_eq!(e.code(), Some(Code::InsufficientCredits));
//! assert_eq!(e.status(), 402);
//! assert_eq!(e.retry(), Retry::Never);
//! assert_eq!(e.user_message(), Code::InsufficientCredits.user_message());
//! assert!(!e.user_message().contains("acme"), "internal detail stays in logs");
//! assert_eq!(e.remedies(), Code::InsufficientCredits.remedies());
//!
//! let e = RenderError::Storage(std::io::Error::other("disk /dev/sda1 full"));
//! assert_eq!(e.status(), 502);
//! assert!(e.retry().is_retryable());
//! assert_eq!(e.user_message(), Cow::Borrowed("Storage is briefly unavailable"));
//! assert_eq!(e.to_string(), "storage: disk /dev/sda1 full");    // logs keep the detail
//!
//! let e = RenderError::Locked;
//! assert_eq!(e.code(), None);
//! assert_eq!(e.status(), 409);
//! assert_eq!(e.retry(), Retry::Never);
//! assert_eq!(e.user_message(), "This workflow is locked");
//! assert!(e.remedies().is_empty());
//! ```
//!
//! # How the macro knows the catalogue
//!
//! `cargo xtask generate` loads `taxonomy.yaml` (errors-catalogue) and
//! writes a small table, committed in `src/generated/catalogue.rs`
//! (errors-codegen's `Target::DeriveTable`, with the same `@generated`
//! header as every generated file, and a test that fails when it is
//! stale): every spelling of every code (canonical id, wire codes, fixed
//! wire messages as written) → its canonical id → its `Code` variant.
//! Three reasons:
//!
//! - the catalogue is read and validated **once**, not on every expansion;
//! - the macro stays **fast**: resolving `code = "…"` is a binary search in
//!   a static table (see BENCHMARKS.md, "Derive expansion");
//! - the expansion names the code by **path**, `errors_core::Code::Variant`,
//!   so rustc checks it as well: a runtime crate generated from another
//!   catalogue (`crate = "…"`) that lacks the code fails to compile, at the
//!   `code` literal, instead of misbehaving.
//!
//! The macro reads attributes, literals, types and generics only, so it
//! asks `syn` for `derive`, `parsing`, `printing` and `proc-macro`, not
//! `full`.
//!
//! The attribute grammar is documented on the derive:
//! [`ErrorTaxonomy`](derive@ErrorTaxonomy).

#![warn(missing_docs, clippy::pedantic)]

mod ast;
mod attr;
mod catalogue;
mod ctxt;
mod expand;
mod message;
mod valid;

/// Implements `errors_core::ErrorTaxonomy` for an enum or a struct.
///
/// Each variant (or the struct) is described by one `#[taxonomy(...)]`:
///
/// | key | meaning |
/// |---|---|
/// | `code = "…"` | a catalogued code, by canonical id (`"rate_limit_exceeded"`) or any spelling the catalogue lists (`"RATE_LIMIT_EXCEEDED"`, `"Workflow is locked"`, `"App not found: {app}"` as written). Status, retry, user message and remedies come from the catalogue. |
/// | `status = N` | an error the catalogue does not have, answered with status `N` (100..=999). Needs `message`. Cannot be combined with `code`, which brings its own status. |
/// | `retry = "…"` | the retry rule (grammar below). With `code` it overrides the code's rule; with `status` alone it defaults to the catalogue's rule for that status (`Status::from_u16(N).and_then(Status::retry)`), or `Retry::Never` for a status the catalogue does not list. |
/// | `message = "…"` | the text an end user may read. With `code` it overrides the code's user message. It may show fields marked `#[taxonomy(user)]`, by name (`{org}`) or position (`{0}`), with their `Display`; `{{` and `}}` are literal braces. No other field, no format spec. |
/// | `remedy = "…"` | repeatable: what the caller can do. With `code` it replaces the code's remedies; without, the default is none. |
/// | `transparent` | on a variant with exactly one field (or such a struct): every method delegates to that field, whose type implements `ErrorTaxonomy`, like thiserror's `#[error(transparent)]`. Takes no other key. |
///
/// On a field, `#[taxonomy(user)]` marks its value safe to show in
/// `message`. On the type, `#[taxonomy(crate = "path")]` names the runtime
/// crate in the expansion (default `::errors_core`), as serde's `crate`
/// does; a struct also takes its description keys there.
///
/// On the type, `#[taxonomy(catalogue = "path")]` ties the type to a
/// catalogue of the user's own, generated by errors-codegen into the
/// module at `path` (its `Code`, `Status` and `Taxonomy`): the impl is
/// `ErrorTaxonomy<path::Taxonomy>`, `code = "…"` is that catalogue's
/// canonical id, and rustc checks the variant it names at the literal
/// (the macro cannot read the user's file, so it cannot suggest spellings).
///
/// `user_message()` returns `Cow::Borrowed` for fixed text and `Cow::Owned`
/// when it shows fields. Nothing else reaches it: not a `#[source]`, not
/// `Debug`, not the `Display` text thiserror writes for logs.
///
/// # `retry` grammar
///
/// The catalogue's retry vocabulary in one line (the grammar of
/// `errors_vocab::retry::parse`, which the catalogue's loader shares):
///
/// ```text
/// retry   = rule [ "," "create" "=" create ]
/// rule    = "never" | "keep_polling" | "resubmit_async"
///         | "backoff" "(" ATTEMPTS ")"              attempts in all, at least 2
///         | "after" "(" SECS [ ".." SECS ] ")"      a fixed wait, or a range
///         | "after_header" "(" HEADER "," SECS ")"  the header, and the wait without it
/// create  = "idempotent_only" | "safe"              idempotent_only when omitted
/// ```
///
/// Spaces between tokens are ignored; `create` applies only to the rules
/// that retry. Every figure is written out, as in the catalogue, and a rule
/// the catalogue would reject (`backoff(1)`, `after(0)`) is rejected here in
/// the same words. Examples: `"backoff(3)"`, `"backoff(5), create = safe"`,
/// `"after(30..60)"`, `"after_header(Retry-After, 60), create = safe"`.
/// The rule read is the value `retry()` returns, figures as written:
/// `"after(30..60)"` is `Retry::After { min_secs: 30, max_secs: 60, create:
/// CreateRule::IdempotentOnly }` (one rule type, `errors_vocab::retry::RetryRule`,
/// for the grammar, the catalogue and the runtime).
///
/// # Errors at compile time
///
/// Every mistake in a type is reported at once, each on the token at fault:
/// an unknown or misplaced key (with the nearest valid one), a duplicate
/// key, a case with neither `code`, `status` nor `transparent`, `code`
/// with `status`, `status` without `message`, a status outside 100..=999,
/// a retry rule outside the grammar, a code the catalogue does not have
/// (with the nearest catalogued codes), a `message` showing a field that is
/// not `user` or does not exist, `transparent` without exactly one field,
/// and a union.
///
/// # Generics
///
/// Generic parameters and lifetimes are kept. A transparent field whose
/// type uses a type parameter gets an `ErrorTaxonomy` bound, and a field a
/// `message` shows gets a `Display` bound, in the impl's where clause.
///
/// # OpenAPI (errors-core's `utoipa` feature)
///
/// With the feature, the derive also implements
/// `errors_core::integrations::utoipa::DocumentedErrors` (one entry per
/// variant: its name, code, status, retry rule and user message) and
/// `utoipa::IntoResponses`, so `#[utoipa::path(..., responses(..., MyError))]`
/// documents every variant: one response per status, problem details with
/// an example per variant (the body `Reply` sends for it), and
/// `Retry-After` where the rule sends it. A `message` showing fields is
/// documented as written, placeholders kept (`"No image {id}"`): a document
/// describes every value of the variant. A transparent variant lists its
/// field's entries, so the field's type implements `DocumentedErrors` too
/// (derived types, `Code` and `ErrorType` do; a type whose
/// `ErrorTaxonomy` is written by hand lists its own).
#[proc_macro_derive(ErrorTaxonomy, attributes(taxonomy))]
pub fn derive_error_taxonomy(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    expand::derive(input.into()).into()
}

// Unit tests live beside the modules rather than inside them: the expansion
// bench compiles the modules by `#[path]`, without a test harness.
#[cfg(test)]
mod tests {
    mod catalogue;
    mod message;
}
