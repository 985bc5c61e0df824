//! Classify a `reqwest` response.
//!
//! The body is read up to [`MAX_BODY`] bytes and no further, so a huge or
//! endless body costs nothing beyond that: [`classify`] then reports
//! [`BodyIssue::TooLarge`](crate::wire::BodyIssue::TooLarge) and judges the
//! response by its status and headers.
//!
//! ```no_run
//! # async fn run() -> Result<(), reqwest::Error> {
//! let response = reqwest::Client::new()
//!     .get("http://127.0.0.1:8080/v1/queue/ok/requests/mmsu_1/status")
//!     .send()
//!     .await?;
//! let error = errors_core::integrations::reqwest::classify(response).await?;
//! if error.is_failure() {
//!     eprintln!("{:?}: {}", error.code, errors_core::ErrorTaxonomy::user_message(&error));
//! }
//! # Ok(())
//! # }
//! ```

use http::{HeaderMap, StatusCode};

use crate::wire::{self, ApiError, MAX_BODY};

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

    /// What the response means, borrowing from it.
    #[must_use]
    pub fn classify(&self) -> ApiError<'_> {
        wire::classify(self.status, &self.headers, &self.body)
    }
}

/// Reads `response` (see [`ReadResponse::read`]) and classifies it; the
/// result owns its text, so the response can be dropped.
///
/// # Errors
/// When the body cannot be read.
pub async fn classify(
    response: ::reqwest::Response,
) -> Result<ApiError<'static>, ::reqwest::Error> {
    Ok(ReadResponse::read(response).await?.classify().into_owned())
}
