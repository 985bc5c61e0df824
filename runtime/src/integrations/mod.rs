//! Glue to HTTP frameworks and retry libraries, each behind a feature of
//! the same name (all off by default).
//!
//! - `axum`: `axum::Reply` answers a request with a catalogued error.
//! - `reqwest`: `reqwest::classify` reads and classifies a response.
//! - `queue` (with `reqwest`): `queue::QueueClient` drives the queue
//!   protocol (documents 000 and 002) through one
//!   [`Retrier`](crate::wire::Retrier).
//! - `tower`: `tower::CatalogueRetryPolicy`, a `tower::retry::Policy`
//!   for `http` services, and the layer that installs it.
//! - `reqwest-middleware`: `reqwest_middleware::RetryMiddleware` for a
//!   `reqwest_middleware::ClientBuilder`.
//! - `backon`: `backon::BackonRetry`, the decision as backon's `.when`
//!   and `.adjust` hooks for a user's own error type.
//! - `utoipa`: `utoipa::responses`, the OpenAPI responses of catalogued
//!   errors (status, body schema, example, `Retry-After`), and
//!   `utoipa::IntoResponses` for `Code`, `ErrorType` and derived enums.
//!
//! Every retrying integration follows the same [`RetryPolicy`](crate::wire::RetryPolicy):
//! `Retry-After` honoured up to its cap, the shared
//! [`RetryBudget`](crate::wire::RetryBudget), and the idempotency rule: a
//! request that is not idempotent (module `idempotency`) and carries no
//! idempotency key is never repeated after an ambiguous failure.
//!
//! # How long a retry waits
//!
//! With the default policy: the server's `Retry-After` (or
//! `retry-after-ms`) whenever it sends one, up to 120 s (a longer wait
//! stops); else the catalogue's rule for the response: exponential backoff
//! from 0.5 s doubling to 8 s, jittered, for 500, 502, 504, a bare 503 and
//! timeouts; 60 s for a 429 without `Retry-After`; 30–60 s for a 503 only
//! where the source's document asks for it (the runs API's). A local test
//! server that answers a bare 503 is retried within about a second; one
//! that answers 429 without `Retry-After` is waited on for a minute, so
//! send the header in tests. The tables of [`wire`](crate::wire) give
//! every status's and code's rule.

// The paths above are not links: each module exists only with its feature,
// so a build with one feature would find links to the others broken.
// rustdoc's list of modules, under this text, links those a build has.

#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod axum;

#[cfg(feature = "backon")]
#[cfg_attr(docsrs, doc(cfg(feature = "backon")))]
pub mod backon;

#[cfg(any(feature = "reqwest", feature = "tower", feature = "reqwest-middleware"))]
pub mod failure;

#[cfg(any(feature = "reqwest", feature = "tower", feature = "reqwest-middleware"))]
pub mod idempotency;

#[cfg(feature = "queue")]
#[cfg_attr(docsrs, doc(cfg(feature = "queue")))]
pub mod queue;

#[cfg(feature = "reqwest")]
#[cfg_attr(docsrs, doc(cfg(feature = "reqwest")))]
pub mod reqwest;

#[cfg(feature = "reqwest-middleware")]
#[cfg_attr(docsrs, doc(cfg(feature = "reqwest-middleware")))]
pub mod reqwest_middleware;

#[cfg(feature = "tower")]
#[cfg_attr(docsrs, doc(cfg(feature = "tower")))]
pub mod tower;

#[cfg(feature = "utoipa")]
#[cfg_attr(docsrs, doc(cfg(feature = "utoipa")))]
pub mod utoipa;
