//! Glue to HTTP frameworks, each behind a feature of the same name (all off
//! by default).
//!
//! - `axum`: [`axum::Reply`] answers a request with a catalogued error.
//! - `reqwest`: [`reqwest::classify`] reads and classifies a response;
//!   [`poll::QueueClient`] drives the queue protocol (documents 000 and
//!   002) and follows [`RetryPolicy`](crate::wire::RetryPolicy) on every
//!   failure.

#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod axum;

#[cfg(feature = "reqwest")]
#[cfg_attr(docsrs, doc(cfg(feature = "reqwest")))]
pub mod poll;

#[cfg(feature = "reqwest")]
#[cfg_attr(docsrs, doc(cfg(feature = "reqwest")))]
pub mod reqwest;
