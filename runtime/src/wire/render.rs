//! From a service's error to the response it sends.

use std::borrow::Cow;

use http::header::{CONTENT_TYPE, RETRY_AFTER};
use http::{HeaderName, HeaderValue};
use serde::ser::{Serialize, SerializeMap, Serializer};

use super::classify::Dialect;
use crate::{Code, ErrorTaxonomy, Retry, Shape, Source, Status};

/// The body shape to answer in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RenderDialect {
    /// `{"error": {"code", "message"}, "request_id"}`: the queue gateway.
    QueueGateway,
    /// `{"detail": "…"}`: the queue application.
    QueueDetail,
    /// `{"error": "<code>", "message": "…"}` and `X-Request-Id`: the runs API.
    Runs,
    /// RFC 9457 `application/problem+json`, with a `code` extension.
    Problem,
}

impl RenderDialect {
    /// The [`Dialect`] that `classify` finds in a body rendered this way.
    #[must_use]
    pub const fn dialect(self) -> Dialect {
        match self {
            Self::QueueGateway => Dialect::Declared(Shape::Gateway),
            Self::QueueDetail => Dialect::Declared(Shape::Detail),
            Self::Runs => Dialect::Declared(Shape::CodeAndMessage),
            Self::Problem => Dialect::Problem,
        }
    }
}

/// Why an error could not be rendered.
#[derive(Debug)]
#[non_exhaustive]
pub enum RenderError {
    /// The request id cannot go into a header: empty, too long, or with
    /// bytes outside visible ASCII (CR/LF would split the response).
    InvalidRequestId,
    /// The body could not be written.
    Body(serde_json::Error),
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::InvalidRequestId => f.write_str(
                "the request id is not a valid header value (1 to 256 visible ASCII characters, no spaces)",
            ),
            Self::Body(error) => write!(f, "the error body could not be written: {error}"),
        }
    }
}

impl std::error::Error for RenderError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::InvalidRequestId => None,
            Self::Body(error) => Some(error),
        }
    }
}

/// Renders `error` as a response in `dialect`: its status, `Content-Type`,
/// `Retry-After` when its rule names a wait, `X-Request-Id` when
/// `request_id` is given, and a body holding only the user-safe message
/// ([`ErrorTaxonomy::user_message`]: never `Debug`, `Display` or a source's text).
///
/// | dialect | body | `Content-Type` |
/// |---|---|---|
/// | `QueueGateway` | `{"error": {"code", "message"}, "request_id"}` | `application/json` |
/// | `QueueDetail` | `{"detail"}` | `application/json` |
/// | `Runs` | `{"error", "message"}` | `application/json` |
/// | `Problem` | `{"type", "title", "status", "detail", "code", "request_id"}` | `application/problem+json` |
///
/// The code is spelled as the dialect's API spells it when it has a
/// spelling there (`UNAUTHORIZED`, `rate_limit_exceeded`), else by its
/// canonical id (`model_not_found`); an error without a code uses its status's reason
/// (`TOO_MANY_REQUESTS`, `too_many_requests`). `QueueDetail` sends the
/// queue's fixed message when the code has one without a variable part
/// (`"Request not found"`), else the user message. `request_id` appears
/// in the body only where the dialect has a place for it.
///
/// ```
/// # extern crate errors_runtime as errors_core;
/// use errors_core::Code;
/// use errors_core::wire::{render, RenderDialect};
///
/// let response = render(&Code::RateLimitExceeded, RenderDialect::Runs, Some("req_1")).unwrap();
/// assert_eq!(response.status(), 429);
/// assert_eq!(response.headers()["retry-after"], "60");
/// assert_eq!(response.headers()["x-request-id"], "req_1");
/// let body: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
/// assert_eq!(body["error"], "rate_limit_exceeded");
/// ```
///
/// # Errors
/// [`RenderError::InvalidRequestId`] when `request_id` cannot be a header
/// value; it is refused rather than echoed.
pub fn render<E: ErrorTaxonomy + ?Sized>(
    error: &E,
    dialect: RenderDialect,
    request_id: Option<&str>,
) -> Result<http::Response<Vec<u8>>, RenderError> {
    let request_id_header = request_id.map(request_id_value).transpose()?;
    let status = error.status();
    let code = error.code();
    let message = error.user_message();
    let body = match dialect {
        RenderDialect::QueueGateway => {
            let wire = code.and_then(|code| code.wire_code(Source::Queue));
            let code_text = spelling(wire, code, status, Case::Upper);
            serde_json::to_vec(&GatewayBody {
                error: GatewayError {
                    code: &code_text,
                    message: &message,
                },
                request_id,
            })
        }
        RenderDialect::QueueDetail => {
            // The detail strings are the application's; a message the
            // gateway sends beside its code belongs to the gateway shape.
            let fixed = code
                .filter(|code| code.wire_code(Source::Queue).is_none())
                .and_then(|code| code.wire_message(Source::Queue))
                .filter(|text| !text.contains('{'));
            serde_json::to_vec(&DetailBody {
                detail: fixed.unwrap_or(&message),
            })
        }
        RenderDialect::Runs => {
            let wire = code.and_then(|code| code.wire_code(Source::Runs));
            let code_text = spelling(wire, code, status, Case::Lower);
            serde_json::to_vec(&RunsBody {
                error: &code_text,
                message: &message,
            })
        }
        RenderDialect::Problem => serde_json::to_vec(&ProblemBody {
            kind: code.map_or("about:blank", Code::docs_url),
            title: reason(status),
            status: status.as_u16(),
            detail: &message,
            code: code.map(Code::as_str),
            request_id,
        }),
    }
    .map_err(RenderError::Body)?;

    let mut response = http::Response::new(body);
    *response.status_mut() = status;
    let headers = response.headers_mut();
    let content_type = match dialect {
        RenderDialect::Problem => "application/problem+json",
        RenderDialect::QueueGateway | RenderDialect::QueueDetail | RenderDialect::Runs => {
            "application/json"
        }
    };
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Some(seconds) = retry_after_seconds(error.retry()) {
        headers.insert(RETRY_AFTER, HeaderValue::from(seconds));
    }
    if let Some(id) = request_id_header {
        headers.insert(X_REQUEST_ID, id);
    }
    Ok(response)
}

/// The longest request id echoed in a header.
pub const MAX_REQUEST_ID: usize = 256;

const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// A request id as a header value: 1 to [`MAX_REQUEST_ID`] visible ASCII
/// characters, no spaces. Stricter than HTTP requires: an id is a token,
/// and anything else is more likely an injection than an id.
fn request_id_value(id: &str) -> Result<HeaderValue, RenderError> {
    let valid = !id.is_empty()
        && id.len() <= MAX_REQUEST_ID
        && id.bytes().all(|byte| byte.is_ascii_graphic());
    if !valid {
        return Err(RenderError::InvalidRequestId);
    }
    HeaderValue::from_str(id).map_err(|_| RenderError::InvalidRequestId)
}

/// The wait a rule names, in whole seconds (never zero: `after(0..N)`
/// would otherwise send `Retry-After: 0`, "now").
fn retry_after_seconds(retry: Retry) -> Option<u64> {
    let seconds = match retry {
        Retry::AfterHeader { fallback_secs, .. } => fallback_secs,
        Retry::After { min_secs, .. } => min_secs,
        Retry::Never | Retry::KeepPolling | Retry::ResubmitAsync | Retry::Backoff { .. } => {
            return None;
        }
    };
    Some(u64::from(seconds.max(1)))
}

#[derive(Clone, Copy)]
enum Case {
    Upper,
    Lower,
}

/// The code as the dialect spells it, else its canonical id, else the
/// status's reason as an identifier in the dialect's case.
fn spelling(
    wire: Option<&'static str>,
    code: Option<Code>,
    status: http::StatusCode,
    case: Case,
) -> Cow<'static, str> {
    if let Some(wire) = wire {
        return Cow::Borrowed(wire);
    }
    if let Some(code) = code {
        // The canonical id as is: `Code::lookup` reads it back in any dialect.
        return Cow::Borrowed(code.as_str());
    }
    let identifier: String = reason(status)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    Cow::Owned(match case {
        Case::Upper => identifier.to_ascii_uppercase(),
        Case::Lower => identifier.to_ascii_lowercase(),
    })
}

/// The reason phrase: the catalogue's (which names 499 and 52x), else the
/// standard one, else a plain word.
fn reason(status: http::StatusCode) -> &'static str {
    Status::from_u16(status.as_u16())
        .map(Status::reason)
        .or_else(|| status.canonical_reason())
        .unwrap_or("Error")
}

// The bodies are serialised by hand, field by field in the documents'
// order, rather than with `#[derive(Serialize)]`: that keeps serde_derive
// (and syn) out of the build of every crate that depends on this one.

struct GatewayBody<'a> {
    error: GatewayError<'a>,
    request_id: Option<&'a str>,
}

impl Serialize for GatewayBody<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("error", &self.error)?;
        if let Some(id) = self.request_id {
            map.serialize_entry("request_id", id)?;
        }
        map.end()
    }
}

struct GatewayError<'a> {
    code: &'a str,
    message: &'a str,
}

impl Serialize for GatewayError<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("code", self.code)?;
        map.serialize_entry("message", self.message)?;
        map.end()
    }
}

struct DetailBody<'a> {
    detail: &'a str,
}

impl Serialize for DetailBody<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry("detail", self.detail)?;
        map.end()
    }
}

struct RunsBody<'a> {
    error: &'a str,
    message: &'a str,
}

impl Serialize for RunsBody<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("error", self.error)?;
        map.serialize_entry("message", self.message)?;
        map.end()
    }
}

struct ProblemBody<'a> {
    kind: &'a str,
    title: &'a str,
    status: u16,
    detail: &'a str,
    code: Option<&'a str>,
    request_id: Option<&'a str>,
}

impl Serialize for ProblemBody<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("type", self.kind)?;
        map.serialize_entry("title", self.title)?;
        map.serialize_entry("status", &self.status)?;
        map.serialize_entry("detail", self.detail)?;
        if let Some(code) = self.code {
            map.serialize_entry("code", code)?;
        }
        if let Some(id) = self.request_id {
            map.serialize_entry("request_id", id)?;
        }
        map.end()
    }
}
