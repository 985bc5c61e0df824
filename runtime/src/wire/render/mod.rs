//! From a service's error to the response it sends: in a shape the
//! catalogue declares ([`shaped`]), or as RFC 9457 problem details.

mod shaped;

use http::header::{CONTENT_TYPE, RETRY_AFTER};
use http::{HeaderName, HeaderValue};
use serde::ser::{Serialize, SerializeMap, Serializer};

use errors_vocab::wire::PROBLEM_MEMBERS;

use super::Catalogue;
use super::classify::Dialect;
use crate::{ErrorTaxonomy, Retry, Taxonomy};

/// The body shape to answer in: one the catalogue declares, whose fields
/// say where the code, the message and the request id go, or RFC 9457
/// problem details.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RenderDialect<C: Catalogue = Taxonomy> {
    /// A shape the catalogue declares: the body holds the code, the
    /// message and the request id at the first place the shape gives each.
    Shape(C::Shape),
    /// RFC 9457 `application/problem+json`, with a `code` extension.
    Problem,
}

impl<C: Catalogue> RenderDialect<C> {
    /// The [`Dialect`] that `classify` finds in a body rendered this way,
    /// when the body can carry what the shape is recognised by: a shape
    /// recognised by a task's id or state (a task's status body) is not,
    /// from an error alone, and reads back as another.
    #[must_use]
    pub const fn dialect(self) -> Dialect<C> {
        match self {
            Self::Shape(shape) => Dialect::Declared(shape),
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
/// `Retry-After` when its rule names a wait, the request-id header when
/// `request_id` is given, and a body holding only the user-safe message
/// ([`ErrorTaxonomy::user_message`]: never `Debug`, `Display` or a source's text).
///
/// A declared shape's body is built from its fields (docs/body-shapes.md),
/// at the first place each field lists (`*` as the first element):
///
/// - **code**: as the shape's source spells it when it has a spelling there
///   (`UNAUTHORIZED`, `rate_limit_exceeded`), else its canonical id
///   (`model_not_found`, which `classify` reads back from any shape); an
///   error without a code uses its status's reason as an identifier, in the
///   case the source's spellings use (`TOO_MANY_REQUESTS`, `too_many_requests`).
/// - **message**: the user message; in a shape that has no place for a
///   code, the source's fixed message for the code when it has one without
///   a variable part (`"Request not found"`), so that the code travels.
/// - **request id**: where the shape has a place for it.
///
/// The request-id header is the shape's source's first (`X-Request-Id`),
/// else the catalogue's first. `Problem` answers `application/problem+json`
/// with `type` (the code's documentation, else `about:blank`), `title`,
/// `status`, `detail`, a `code` extension and `request_id`.
///
/// ```
/// # extern crate errors_runtime as errors_core;
/// use errors_core::{Code, Shape};
/// use errors_core::wire::{render, RenderDialect};
///
/// let response = render(&Code::RateLimitExceeded, RenderDialect::Shape(Shape::CodeAndMessage), Some("req_1")).unwrap();
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
pub fn render<C: Catalogue + Default, E: ErrorTaxonomy<C> + ?Sized>(
    error: &E,
    dialect: RenderDialect<C>,
    request_id: Option<&str>,
) -> Result<http::Response<Vec<u8>>, RenderError> {
    render_with(C::default(), error, dialect, request_id)
}

/// [`render`] with the catalogue given, for a catalogue that is a value
/// (one read at run time) rather than a generated unit type.
///
/// # Errors
/// As [`render`].
pub fn render_with<C: Catalogue, E: ErrorTaxonomy<C> + ?Sized>(
    catalogue: C,
    error: &E,
    dialect: RenderDialect<C>,
    request_id: Option<&str>,
) -> Result<http::Response<Vec<u8>>, RenderError> {
    let request_id_header = request_id.map(request_id_value).transpose()?;
    let status = error.status();
    let code = error.code();
    let message = error.user_message();
    let (body, content_type, source) = match dialect {
        RenderDialect::Shape(shape) => {
            let body = shaped::body(catalogue, shape, code, status, &message, request_id);
            let source = catalogue.shape_source(shape);
            (serde_json::to_vec(&body), "application/json", source)
        }
        RenderDialect::Problem => {
            let body = ProblemBody {
                kind: code
                    .and_then(|code| catalogue.code_docs_url(code))
                    .unwrap_or("about:blank"),
                title: reason(catalogue, status),
                status: status.as_u16(),
                detail: &message,
                code: code.map(|code| catalogue.code_id(code)),
                request_id,
            };
            (serde_json::to_vec(&body), "application/problem+json", None)
        }
    };
    let body = body.map_err(RenderError::Body)?;

    let mut response = http::Response::new(body);
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Some(seconds) = retry_after_seconds(error.retry()) {
        headers.insert(RETRY_AFTER, HeaderValue::from(seconds));
    }
    if let Some(id) = request_id_header
        && let Some(name) = request_id_header_name(catalogue, source)
    {
        headers.insert(name, id);
    }
    Ok(response)
}

/// The header a request id is echoed in: the source's first, else the
/// catalogue's first; `None` when the catalogue names none.
fn request_id_header_name<C: Catalogue>(
    catalogue: C,
    source: Option<C::Source>,
) -> Option<HeaderName> {
    source
        .and_then(|source| catalogue.source_request_id_headers(source).first())
        .or_else(|| catalogue.request_id_header_names().first())
        .and_then(|name| HeaderName::from_bytes(name.to_ascii_lowercase().as_bytes()).ok())
}

/// The longest request id echoed in a header.
pub const MAX_REQUEST_ID: usize = 256;

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

/// The reason phrase: the catalogue's (which names 499 and 52x), else the
/// standard one, else a plain word.
pub(crate) fn reason<C: Catalogue>(catalogue: C, status: http::StatusCode) -> &'static str {
    catalogue
        .status(status.as_u16())
        .map(|entry| catalogue.status_reason(entry))
        .or_else(|| status.canonical_reason())
        .unwrap_or("Error")
}

// The problem body is serialised by hand, in RFC 9457's order, rather than
// with `#[derive(Serialize)]`: that keeps serde_derive (and syn) out of the
// build of every crate that depends on this one.

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
        // The members the classifier reads back, named once (errors-vocab).
        let [kind, title, status, detail, code, request_id] = PROBLEM_MEMBERS;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry(kind, self.kind)?;
        map.serialize_entry(title, self.title)?;
        map.serialize_entry(status, &self.status)?;
        map.serialize_entry(detail, self.detail)?;
        if let Some(value) = self.code {
            map.serialize_entry(code, value)?;
        }
        if let Some(id) = self.request_id {
            map.serialize_entry(request_id, id)?;
        }
        map.end()
    }
}
