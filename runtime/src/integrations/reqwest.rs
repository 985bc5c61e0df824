//! Classify a `reqwest` response.
//!
//! The body is read up to [`MAX_BODY`] bytes and no further, so a huge or
//! endless body costs nothing beyond that: [`classify`] then reports
//! [`BodyIssue::TooLarge`](crate::wire::BodyIssue::TooLarge) and judges the
//! response by its status and headers.
//!
//! ```no_run
//! # extern crate errors_runtime as errors_core;
//! # async fn run() -> Result<(), reqwest::Error> {
//! let response = reqwest::Client::new()
//!     .get("http://127.0.0.1:8080/v1/queue/ok/requests/mmsu_1/status")
//!     .send()
//!     .await?;
//! let classified = errors_core::integrations::reqwest::classify(response).await?;
//! if classified.is_failure() {
//!     eprintln!("{:?}: {}", classified.code(), classified.user_message());
//! }
//! # Ok(())
//! # }
//! ```

use http::{HeaderMap, StatusCode};

use super::failure::DescribeFailure;
use crate::wire::{self, AsClassified, Classified, MAX_BODY, TransportFailure};

/// A response whose body has been read, at most [`MAX_BODY`]` + 1` bytes
/// of it (one more than classify parses, so it can tell the body was
/// too large).
#[derive(Debug, Clone)]
pub struct ReadResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl ReadResponse {
    /// Reads `response`'s status, headers and body; stops reading the body
    /// past [`MAX_BODY`] bytes and drops the rest unread.
    ///
    /// # Errors
    /// When the body cannot be read (the connection failed midway, or
    /// the body is not valid for its transfer encoding).
    pub async fn read(mut response: ::reqwest::Response) -> Result<Self, ::reqwest::Error> {
        let status = response.status();
        let headers = std::mem::take(response.headers_mut());
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await? {
            let room = (MAX_BODY + 1).saturating_sub(body.len());
            body.extend_from_slice(&chunk[..chunk.len().min(room)]);
            if body.len() > MAX_BODY {
                break;
            }
        }
        Ok(Self {
            status,
            headers,
            body,
        })
    }

    /// The status received.
    #[must_use]
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The headers received.
    #[must_use]
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body as read: complete when it is at most [`MAX_BODY`] bytes
    /// long, cut at [`MAX_BODY`]` + 1` bytes otherwise.
    #[must_use]
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// What the response means, borrowing from its body.
    #[must_use]
    pub fn classify(&self) -> Classified<'_> {
        wire::classify(self.status, &self.headers, &self.body)
    }

    /// The body, taken out of the response.
    #[must_use]
    pub fn into_body(self) -> Vec<u8> {
        self.body
    }
}

impl AsClassified for ReadResponse {
    type Catalogue = crate::Taxonomy;

    fn with_classified<T>(&self, judge: impl FnOnce(&Classified<'_>) -> T) -> T {
        judge(&self.classify())
    }
}

/// How a request that got no (complete) response failed, for
/// [`RetryPolicy::decide_transport`](crate::wire::RetryPolicy::decide_transport):
/// a connect error never reached the server; a timeout or any other error
/// (a reset, a body cut short) came after the request was sent.
#[must_use]
pub fn transport_failure(error: &::reqwest::Error) -> TransportFailure {
    DescribeFailure::transport_failure(error)
}

/// Reads `response` (see [`ReadResponse::read`]) and classifies it; the
/// result owns its text, so the response can be dropped.
///
/// # Errors
/// When the body cannot be read.
pub async fn classify(
    response: ::reqwest::Response,
) -> Result<Classified<'static>, ::reqwest::Error> {
    Ok(ReadResponse::read(response).await?.classify().into_owned())
}
