//! From a response (status, headers, body) to one [`Classified`] response,
//! in the order the data flows: tell what kind of body it is ([`sniff`]),
//! read a JSON body along the catalogue's plan ([`found`]), recognise its
//! shape and read its fields ([`shapes`], or [`problem`] for RFC 9457),
//! then settle what it all means ([`settle`]).

mod found;
mod problem;
mod result;
mod settle;
mod shapes;
mod sniff;

use std::borrow::Cow;

pub use result::{BodyIssue, Classified, Dialect, Origin, Outcome, Reported};

use crate::Code;
use crate::wire::headers::{self, ResponseHeaders};
use found::{Found, Unreadable};

/// Bodies longer than this are not parsed: the response is classified by
/// its status and headers, and [`BodyIssue::TooLarge`] notes it. Error
/// bodies are small; a huge one is a proxy page or an attack.
pub const MAX_BODY: usize = 64 * 1024;

/// One place a node of the catalogue's reading plan, kept on the stack:
/// the plan's length is known when this crate compiles.
const PLACES: usize = crate::Shape::PLAN.len();

/// The longest text body kept as the message: the start of a text page
/// says what it is; the rest is noise in a log.
const MAX_TEXT_MESSAGE: usize = 1024;

/// A classification being read: the response, filled in place (moving a
/// struct of this size costs as much as reading a small body), and what
/// the body said before [`settle::settle`] turns it into an [`Outcome`].
struct Reading<'r, 'a> {
    out: &'r mut Classified<'a>,
    /// The API the client says it called: only its shapes are tried.
    known_source: Option<crate::Source>,
    code: Option<Code>,
    task_failed: bool,
}

/// Classifies a response from its parts. Never fails and never panics: a
/// body that cannot be read leaves an answer based on the status and
/// headers. Only the body is borrowed.
///
/// ```
/// # extern crate errors_runtime as errors_core;
/// use errors_core::wire::{classify, Dialect};
/// use errors_core::{Code, Shape, Source};
///
/// let body = br#"{"detail": "App not found: not_exists"}"#;
/// let response = classify(http::StatusCode::NOT_FOUND, &http::HeaderMap::new(), body);
/// assert_eq!(response.code(), Some(Code::ModelNotFound));
/// assert_eq!(response.dialect(), Dialect::Declared(Shape::Detail));
/// assert_eq!(response.source(), Some(Source::Queue));
/// assert_eq!(response.message(), Some("App not found: not_exists"));
/// ```
#[must_use]
pub fn classify<'body>(
    status: http::StatusCode,
    headers: &http::HeaderMap,
    body: &'body [u8],
) -> Classified<'body> {
    classify_in(None, status, headers, body)
}

/// Classifies a response from an API the client knows it called: only
/// `source`'s own shapes, and the shapes no source owns, are tried, so a
/// body that another API's shape would also fit is read as `source`'s,
/// and [`Classified::source`] is `source` whatever the body says.
///
/// ```
/// # extern crate errors_runtime as errors_core;
/// use errors_core::wire::{classify, classify_from, Dialect};
/// use errors_core::{Shape, Source};
///
/// // Both the runs API's `{"error", "message"}` and each::labs' fixed
/// // string fit this body; told which API answered, the classifier reads it
/// // as that API's.
/// let body = br#"{"error": "Something odd", "message": "Try again later"}"#;
/// let headers = http::HeaderMap::new();
/// let guessed = classify(http::StatusCode::BAD_REQUEST, &headers, body);
/// assert_eq!(guessed.dialect(), Dialect::Declared(Shape::CodeAndMessage));
/// let told = classify_from(Source::Eachlabs, http::StatusCode::BAD_REQUEST, &headers, body);
/// assert_eq!(told.dialect(), Dialect::Declared(Shape::ErrorString));
/// assert_eq!(told.source(), Some(Source::Eachlabs));
/// assert_eq!(told.message(), Some("Something odd"));
/// ```
#[must_use]
pub fn classify_from<'body>(
    source: crate::Source,
    status: http::StatusCode,
    headers: &http::HeaderMap,
    body: &'body [u8],
) -> Classified<'body> {
    classify_in(Some(source), status, headers, body)
}

fn classify_in<'body>(
    known_source: Option<crate::Source>,
    status: http::StatusCode,
    headers: &http::HeaderMap,
    body: &'body [u8],
) -> Classified<'body> {
    let mut out = Classified {
        status,
        outcome: Outcome::Succeeded,
        dialect: Dialect::Empty,
        source: None,
        origin: Origin::Unknown,
        body_issue: None,
        wire_code: None,
        kind: None,
        message: None,
        error_type: None,
        task_status: None,
        body_request_id: None,
        extra: None,
        headers: ResponseHeaders::default(),
    };
    let content_type = headers::scan(headers, &mut out.headers);
    let mut reading = Reading {
        out: &mut out,
        known_source,
        code: None,
        task_failed: false,
    };
    read_body(&mut reading, body, content_type);
    let (code, task_failed) = (reading.code, reading.task_failed);
    if known_source.is_some() {
        out.source = known_source;
    }
    settle::settle(&mut out, code, task_failed);
    out
}

/// Classifies an `http::Response` whose body is already read.
#[must_use]
pub fn classify_response<B: AsRef<[u8]>>(response: &http::Response<B>) -> Classified<'_> {
    classify(
        response.status(),
        response.headers(),
        response.body().as_ref(),
    )
}

fn read_body<'a>(r: &mut Reading<'_, 'a>, body: &'a [u8], content_type: Option<&[u8]>) {
    if body.len() > MAX_BODY {
        r.out.body_issue = Some(BodyIssue::TooLarge { len: body.len() });
        r.out.dialect = sniff::sniff(&body[..MAX_BODY], content_type);
        return;
    }
    let trimmed = sniff::strip_bom(body).trim_ascii();
    match sniff::sniff(trimmed, content_type) {
        Dialect::UnknownJson => {
            r.out.dialect = Dialect::UnknownJson;
            let mut places = [found::Place::MISSING; PLACES];
            match found::read(trimmed, crate::Shape::PLAN, &mut places) {
                Ok(mut found) if found.at(0).held == found::Held::Object => {
                    if problem::is_problem(&found, content_type) {
                        problem::read(r, &mut found);
                    } else {
                        shapes::read(r, &mut found);
                    }
                }
                Ok(_) => {}
                Err(issue) => {
                    r.out.body_issue = Some(match issue {
                        Unreadable::NotUtf8 => BodyIssue::NotUtf8,
                        Unreadable::Malformed => BodyIssue::Malformed,
                    });
                }
            }
        }
        Dialect::Text => {
            r.out.dialect = Dialect::Text;
            match std::str::from_utf8(trimmed) {
                Ok(text) => {
                    r.out.message = Some(Cow::Borrowed(sniff::prefix(text, MAX_TEXT_MESSAGE)));
                }
                Err(_) => r.out.body_issue = Some(BodyIssue::NotUtf8),
            }
        }
        other => r.out.dialect = other,
    }
}

/// Takes the text found at the first of `places` that holds a string.
fn take_string<'a>(found: &mut Found<'a, '_>, places: &[u16]) -> Option<Cow<'a, str>> {
    let at = places
        .iter()
        .copied()
        .find(|&p| found.string(p).is_some())?;
    found.take(at)
}
