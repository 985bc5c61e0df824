//! Answer an axum request with a catalogued error.
//!
//! A handler returns [`Reply`] (usually as the error side of a `Result`);
//! it renders through [`wire::render`](crate::wire::render), so the status,
//! the body shape, `Retry-After` and the request id header all come from the
//! catalogue, and the body holds the user-safe message only.
//!
//! `?` works in a handler: any [`ErrorTaxonomy`] error (a derived enum, a
//! [`Code`](crate::Code)) converts into a `Reply` answered as RFC 9457
//! problem details, and a `Code` or an [`ErrorType`](crate::ErrorType) is
//! itself a response, so a handler may return `Result<_, Code>`:
//!
//! ```
//! # extern crate errors_runtime as errors_core;
//! use axum::response::IntoResponse;
//! use errors_core::Code;
//! use errors_core::integrations::axum::Reply;
//!
//! fn find_model(name: &str) -> Result<String, Code> {
//!     if name == "flux" { Ok(name.to_owned()) } else { Err(Code::ModelNotFound) }
//! }
//!
//! // The error converts into a `Reply` on `?`.
//! async fn generate() -> Result<String, Reply<Code>> {
//!     let model = find_model("nope")?;
//!     Ok(model)
//! }
//!
//! // Or the code is the error type itself.
//! async fn describe() -> Result<String, Code> {
//!     let model = find_model("nope")?;
//!     Ok(model)
//! }
//!
//! # tokio_test_block_on(async {
//! let response = generate().await.into_response();
//! assert_eq!(response.status(), 404);
//! assert_eq!(response.headers()["content-type"], "application/problem+json");
//! assert_eq!(describe().await.into_response().status(), 404);
//! # });
//! # fn tokio_test_block_on(f: impl std::future::Future<Output = ()>) {
//! #     tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(f)
//! # }
//! ```
//!
//! ```
//! # extern crate errors_runtime as errors_core;
//! use axum::response::IntoResponse;
//! use errors_core::{Code, Shape};
//! use errors_core::integrations::axum::Reply;
//! use errors_core::wire::RenderDialect;
//!
//! let response = Reply::new(Code::RateLimitExceeded, RenderDialect::Shape(Shape::Gateway))
//!     .request_id("req_123")
//!     .retry_after(std::time::Duration::from_secs(2))
//!     .into_response();
//! assert_eq!(response.status(), 429);
//! assert_eq!(response.headers()["retry-after"], "2");
//! ```

use std::time::Duration;

use ::axum::body::Body;
use ::axum::response::{IntoResponse, Response};
use http::header::{HeaderValue, RETRY_AFTER};

use crate::ErrorTaxonomy;
use crate::wire::{RenderDialect, render};

/// A catalogued error as an axum response, in one [`RenderDialect`].
#[derive(Debug, Clone)]
#[must_use = "a Reply does nothing until it is returned from a handler"]
pub struct Reply<E> {
    error: E,
    dialect: RenderDialect,
    request_id: Option<String>,
    retry_after: Option<Duration>,
}

impl<E: ErrorTaxonomy> Reply<E> {
    /// `error`, to be rendered in `dialect`.
    pub fn new(error: E, dialect: RenderDialect) -> Self {
        Self {
            error,
            dialect,
            request_id: None,
            retry_after: None,
        }
    }

    /// Sends `id` as the request id (in the body or a header, as the
    /// dialect does). An id that is not a valid header value is dropped
    /// rather than echoed: it may come from the peer.
    pub fn request_id(mut self, id: impl Into<String>) -> Self {
        self.request_id = Some(id.into());
        self
    }

    /// Sends `Retry-After` with this wait instead of the catalogue's
    /// fallback: whole seconds, rounded up so a client that honours it
    /// never comes back early.
    pub fn retry_after(mut self, wait: Duration) -> Self {
        self.retry_after = Some(wait);
        self
    }

    /// The error this reply renders.
    pub fn error(&self) -> &E {
        &self.error
    }
}

/// `?` in a handler: the error, answered as RFC 9457 problem details (a
/// standard shape any client reads; [`Reply::new`] chooses another).
impl<E: ErrorTaxonomy> From<E> for Reply<E> {
    fn from(error: E) -> Self {
        Self::new(error, RenderDialect::Problem)
    }
}

/// A code is a response: problem details with its status and user message.
impl IntoResponse for crate::Code {
    fn into_response(self) -> Response {
        Reply::from(self).into_response()
    }
}

/// A task failure type is a response, as its code.
impl IntoResponse for crate::ErrorType {
    fn into_response(self) -> Response {
        Reply::from(self).into_response()
    }
}

impl<E: ErrorTaxonomy> IntoResponse for Reply<E> {
    fn into_response(self) -> Response {
        let rendered = render(&self.error, self.dialect, self.request_id.as_deref())
            // Only the request id can make rendering fail: answer without it
            // rather than lose the error.
            .or_else(|_| render(&self.error, self.dialect, None));
        let mut response = match rendered {
            Ok(response) => response.map(Body::from),
            // Nothing left to put in a body: the status still tells the
            // client what happened.
            Err(_) => self.error.status().into_response(),
        };
        if let Some(wait) = self.retry_after {
            response
                .headers_mut()
                .insert(RETRY_AFTER, HeaderValue::from(whole_seconds(wait)));
        }
        response
    }
}

/// `wait` in whole seconds, rounded up; at least 1 so that `Retry-After: 0`
/// never invites an immediate retry storm.
fn whole_seconds(wait: Duration) -> u64 {
    let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    secs.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_retry_after_up_to_whole_seconds() {
        assert_eq!(whole_seconds(Duration::ZERO), 1);
        assert_eq!(whole_seconds(Duration::from_millis(1)), 1);
        assert_eq!(whole_seconds(Duration::from_secs(1)), 1);
        assert_eq!(whole_seconds(Duration::from_millis(1001)), 2);
    }
}
