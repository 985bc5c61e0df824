//! From a response (status, headers, body) to one [`Classified`] response.

use std::borrow::Cow;
use std::fmt;

use super::body::{self, Detail, ErrorField, ErrorObject, Fields, Kept, StatusField, Unreadable};
use super::headers::{self, RateLimit, ResponseHeaders, RetryAfter};
use super::status_facts;
use crate::{Code, ErrorTaxonomy, ErrorType, Retry, Source, Status, TaskStatus};

/// Bodies longer than this are not parsed: the response is classified by
/// its status and headers, and [`BodyIssue::TooLarge`] notes it. Error
/// bodies are small; a huge one is a proxy page or an attack.
pub const MAX_BODY: usize = 64 * 1024;

/// The shape of a response body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Dialect {
    /// Queue gateway: `{"error": {"code", "message"}, "request_id"}` (000).
    Gateway,
    /// Queue application: `{"detail": "…"}` (000); also `FastAPI`'s list of
    /// validation errors `{"detail": [{"msg": …}]}`.
    Detail,
    /// Queue task status: `{"status": "COMPLETED", "error", "error_type"}` (002).
    TaskStatus,
    /// Runs API: `{"error": "<code>", "message": "…"}` (001).
    CodeAndMessage,
    /// Runs API async task, `GET /tasks/{task_id}`: `{"task_id", "status",
    /// "error": {"code", "message"}}` (001 names the `error` field; the
    /// rest of the shape is assumed).
    RunsTask,
    /// `each::labs`: a fixed string in `error` or `message` (003).
    ErrorString,
    /// `OpenAI` style: `{"error": {"message", "type", "code"}}`.
    OpenAi,
    /// RFC 9457 problem details: `type`, `title`, `status`, `detail`, `instance`.
    Problem,
    /// An HTML page, usually from an edge proxy.
    Html,
    /// Plain text.
    Text,
    /// No body at all (or only whitespace).
    Empty,
    /// JSON that is none of the shapes above (or not JSON it claimed to be).
    UnknownJson,
}

/// What the response means for the request. A failure carries what a
/// client needs to act on it; a failed task (a 2xx body reporting that the
/// task ran and failed) is its own variant, decided once, in [`classify`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Outcome {
    /// Not an error: 1xx–3xx, or a task `COMPLETED` without `error`.
    Succeeded,
    /// Not an error, not finished: `IN_QUEUE`, `IN_PROGRESS`, or a 202 on
    /// `response_url` (002: "do not treat it as an abnormal task").
    Pending,
    /// The request failed: a 4xx or 5xx status.
    RequestFailed {
        /// The catalogued code the body named, if any; `None` leaves the
        /// status to decide.
        code: Option<Code>,
    },
    /// The request succeeded but reports a task that ran and failed: a
    /// queue task `COMPLETED` with `error` (002), a runs task with a
    /// structured `error` (001). The task will not change.
    TaskFailed {
        /// The failure's code: the `error_type`'s, else the one the
        /// `error` text names, else [`Code::TaskFailed`].
        code: Code,
        /// The catalogued `error_type`, when the server sent one.
        error_type: Option<ErrorType>,
    },
}

/// Who produced the response, as far as it can be told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Origin {
    /// The API itself: a recognised error body, or a request id.
    Service,
    /// An edge proxy in front of it: 520/522/524, or an error with an HTML
    /// or plain-text body and no request id (the APIs answer in JSON). The
    /// service may never have seen the request.
    Edge,
    /// Nothing tells (an empty 500 without a request id, say).
    Unknown,
}

/// Why the body was not (fully) read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BodyIssue {
    /// Longer than [`MAX_BODY`]: not parsed at all.
    TooLarge {
        /// The body's length in bytes.
        len: usize,
    },
    /// It looked like JSON (or said so) but did not parse.
    Malformed,
    /// Not UTF-8: a text body, or a JSON one (JSON must be UTF-8, RFC 8259 §8.1).
    NotUtf8,
}

/// A value the catalogue may or may not know: servers add new ones, and a
/// client must keep what it was sent rather than fail.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Reported<'a, T> {
    /// A catalogued value.
    Known(T),
    /// A value the catalogue does not list, as sent.
    Unknown(Cow<'a, str>),
}

impl<T: Copy> Reported<'_, T> {
    /// The catalogued value, if it is one.
    #[must_use]
    pub fn known(&self) -> Option<T> {
        match self {
            Self::Known(value) => Some(*value),
            Self::Unknown(_) => None,
        }
    }
}

impl<T> Reported<'_, T> {
    /// The same value, owning its text.
    #[must_use]
    pub fn into_owned(self) -> Reported<'static, T> {
        match self {
            Self::Known(value) => Reported::Known(value),
            Self::Unknown(text) => Reported::Unknown(Cow::Owned(text.into_owned())),
        }
    }
}

/// One response, understood: whether it succeeded, is pending or failed,
/// whose fault a failure is, whether and when to retry, and what to tell
/// the user. Text is borrowed from the body (`'body`); what the headers
/// said is owned ([`ResponseHeaders`]), so the header map need not outlive
/// it.
///
/// Nothing here is required: an unknown code or `error_type` is kept as
/// sent and the response is handled by its status.
#[derive(Debug, Clone, PartialEq)]
pub struct Classified<'body> {
    status: http::StatusCode,
    outcome: Outcome,
    dialect: Dialect,
    source: Option<Source>,
    origin: Origin,
    body_issue: Option<BodyIssue>,
    wire_code: Option<Cow<'body, str>>,
    kind: Option<Cow<'body, str>>,
    message: Option<Cow<'body, str>>,
    error_type: Option<Reported<'body, ErrorType>>,
    task_status: Option<Reported<'body, TaskStatus>>,
    body_request_id: Option<Cow<'body, str>>,
    /// Behind a pointer: only task answers carry these, and every
    /// response pays for the size of this struct each time it moves.
    task: Option<Box<TaskRefs<'body>>>,
    headers: ResponseHeaders,
}

/// The ids and addresses of a task, as its answers send them.
#[derive(Debug, Clone, PartialEq)]
struct TaskRefs<'body> {
    run_id: Option<Cow<'body, str>>,
    task_id: Option<Cow<'body, str>>,
    queue_position: Option<u64>,
    status_url: Option<Cow<'body, str>>,
    response_url: Option<Cow<'body, str>>,
}

impl TaskRefs<'_> {
    fn into_owned(self) -> TaskRefs<'static> {
        TaskRefs {
            run_id: owned(self.run_id),
            task_id: owned(self.task_id),
            queue_position: self.queue_position,
            status_url: owned(self.status_url),
            response_url: owned(self.response_url),
        }
    }
}

fn owned(text: Option<Cow<'_, str>>) -> Option<Cow<'static, str>> {
    text.map(|text| Cow::Owned(text.into_owned()))
}

/// A classification being read: the response, filled in place (moving a
/// struct of this size costs as much as reading a small body), and what
/// the body said before [`settle`] turns it into an [`Outcome`].
struct Reading<'r, 'a> {
    out: &'r mut Classified<'a>,
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
/// use errors_core::{Code, Source};
///
/// let body = br#"{"detail": "App not found: not_exists"}"#;
/// let response = classify(http::StatusCode::NOT_FOUND, &http::HeaderMap::new(), body);
/// assert_eq!(response.code(), Some(Code::ModelNotFound));
/// assert_eq!(response.dialect(), Dialect::Detail);
/// assert_eq!(response.source(), Some(Source::Queue));
/// assert_eq!(response.message(), Some("App not found: not_exists"));
/// ```
#[must_use]
pub fn classify<'body>(
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
        task: None,
        headers: ResponseHeaders::default(),
    };
    let content_type = headers::scan(headers, &mut out.headers);
    let mut reading = Reading {
        out: &mut out,
        code: None,
        task_failed: false,
    };
    read_body(&mut reading, body, content_type);
    let (code, task_failed) = (reading.code, reading.task_failed);
    settle(&mut out, code, task_failed);
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

/// The longest text body kept as the message: the start of a text page
/// says what it is; the rest is noise in a log.
const MAX_TEXT_MESSAGE: usize = 1024;

fn read_body<'a>(r: &mut Reading<'_, 'a>, body: &'a [u8], content_type: Option<&[u8]>) {
    if body.len() > MAX_BODY {
        r.out.body_issue = Some(BodyIssue::TooLarge { len: body.len() });
        r.out.dialect = sniff(&body[..MAX_BODY], content_type);
        return;
    }
    let trimmed = strip_bom(body).trim_ascii();
    match sniff(trimmed, content_type) {
        Dialect::UnknownJson => {
            let mut fields = Fields::default();
            match body::scan(trimmed, &mut fields) {
                Ok(kept) => {
                    interpret(r, &mut fields, content_type);
                    if kept == Kept::Borrowed {
                        // Every text left in `fields` borrows from the body,
                        // so dropping it would free nothing, only test each
                        // of its options: on a small body a measurable part
                        // of the work (BENCHMARKS.md, "Classifying").
                        debug_assert!(fields.owns_nothing());
                        std::mem::forget(fields);
                    }
                }
                Err(issue) => {
                    r.out.dialect = Dialect::UnknownJson;
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
                Ok(text) => r.out.message = Some(Cow::Borrowed(prefix(text, MAX_TEXT_MESSAGE))),
                Err(_) => r.out.body_issue = Some(BodyIssue::NotUtf8),
            }
        }
        other => r.out.dialect = other,
    }
}

/// Tells JSON, HTML, text and nothing apart from the first byte, and the
/// `Content-Type` when the first byte does not say. JSON is recognised
/// by its opening brace or bracket whatever the header claims: edge
/// proxies send HTML as `application/json` and JSON as `text/plain`.
fn sniff(body: &[u8], content_type: Option<&[u8]>) -> Dialect {
    let body = strip_bom(body).trim_ascii_start();
    match body.first() {
        None => Dialect::Empty,
        Some(b'{' | b'[') => Dialect::UnknownJson,
        Some(b'<') => Dialect::Html,
        Some(_) if content_type.is_some_and(|ct| media_type_is(ct, "text/html")) => Dialect::Html,
        Some(_) => Dialect::Text,
    }
}

fn strip_bom(body: &[u8]) -> &[u8] {
    body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body)
}

/// Whether a `Content-Type` value names `media_type` (lower case),
/// parameters aside: `application/json; charset=utf-8` names
/// `application/json`.
fn media_type_is(content_type: &[u8], media_type: &str) -> bool {
    let content_type = content_type.trim_ascii_start();
    let Some((essence, rest)) = content_type.split_at_checked(media_type.len()) else {
        return false;
    };
    essence.eq_ignore_ascii_case(media_type.as_bytes())
        && matches!(rest.trim_ascii_start().first(), None | Some(b';'))
}

/// At most `max` bytes of `text`, cut at a character boundary.
fn prefix(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Which dialect the fields make, and what they say. The order matters:
/// a problem also has `detail` and `status`, a task status also has
/// `error`, so the more specific shapes are tried first.
fn interpret<'a>(r: &mut Reading<'_, 'a>, fields: &mut Fields<'a>, content_type: Option<&[u8]>) {
    r.out.dialect = Dialect::UnknownJson;
    if !fields.is_object {
        return;
    }
    let body_request_id = fields.request_id.is_some();
    if let Some(id) = fields.request_id.take() {
        r.out.body_request_id = Some(id);
    }
    if fields.run_id.is_some()
        || fields.task_id.is_some()
        || fields.queue_position.is_some()
        || fields.status_url.is_some()
        || fields.response_url.is_some()
    {
        r.out.task = Some(Box::new(TaskRefs {
            run_id: fields.run_id.take(),
            task_id: fields.task_id.take(),
            queue_position: fields.queue_position,
            status_url: fields.status_url.take(),
            response_url: fields.response_url.take(),
        }));
    }
    let is_problem = content_type.is_some_and(|ct| media_type_is(ct, "application/problem+json"))
        || (fields.title.is_some()
            && (fields.kind.is_some() || matches!(fields.status, Some(StatusField::Number))));
    if is_problem {
        return problem(r, fields);
    }
    if let Some(StatusField::Text(status)) = &fields.status
        && (fields.error_type.is_some() || TaskStatus::from_name(status).is_some())
    {
        return task_status(r, fields);
    }
    if (r.out.task_id().is_some() || r.out.run_id().is_some())
        && matches!(fields.status, Some(StatusField::Text(_)))
        && !matches!(fields.error, Some(ErrorField::Text(_)))
    {
        return runs_task(r, fields);
    }
    match fields.error.take() {
        Some(ErrorField::Object(object)) => error_object(r, object, body_request_id),
        Some(ErrorField::Text(text)) => code_and_message(r, Some(text), fields.message.take()),
        None => {
            if let Some(detail) = fields.detail.take() {
                detail_text(r, detail);
            } else if fields.code.is_some() || fields.message.is_some() {
                code_and_message(r, fields.code.take(), fields.message.take());
            }
        }
    }
}

/// RFC 9457: the `code` extension names the code; `detail`, else `title`,
/// is the message.
fn problem<'a>(r: &mut Reading<'_, 'a>, fields: &mut Fields<'a>) {
    r.out.dialect = Dialect::Problem;
    r.code = fields.code.as_deref().and_then(Code::lookup);
    r.out.wire_code = fields.code.take();
    r.out.kind = fields.kind.take();
    r.out.message = match fields.detail.take() {
        Some(Detail::Text(text)) => Some(text),
        Some(Detail::List(first)) => first.or(fields.title.take()),
        None => fields.title.take(),
    };
}

/// 002: the `error_type` names the code; else the `error` string does.
fn task_status<'a>(r: &mut Reading<'_, 'a>, fields: &mut Fields<'a>) {
    r.out.dialect = Dialect::TaskStatus;
    r.out.source = Some(Source::Queue);
    if let Some(StatusField::Text(status)) = fields.status.take() {
        r.out.task_status = Some(match TaskStatus::from_name(&status) {
            Some(known) => Reported::Known(known),
            None => Reported::Unknown(status),
        });
    }
    let error_text = match fields.error.take() {
        Some(ErrorField::Text(text)) => Some(text),
        Some(ErrorField::Object(object)) => object.message,
        None => None,
    };
    let known_type = fields.error_type.as_deref().and_then(ErrorType::from_name);
    r.code = known_type.map(ErrorType::code).or_else(|| {
        error_text
            .as_deref()
            .and_then(|text| Code::from_wire(Source::Queue, text))
    });
    r.out.error_type = fields.error_type.take().map(|raw| match known_type {
        Some(known) => Reported::Known(known),
        None => Reported::Unknown(raw),
    });
    r.task_failed = error_text.is_some() || r.out.error_type.is_some();
    r.out.message = error_text;
}

/// 001's async task, `GET /tasks/{task_id}`: "the error field … carries
/// the structured failure". The document shows no body; the shape read
/// here is the catalogue's assumed one, `{"task_id", "run_id", "status",
/// "error": {"code", "message"}}`, the code spelt as the runs API's error
/// bodies spell it (`error` is accepted in place of `code`).
fn runs_task<'a>(r: &mut Reading<'_, 'a>, fields: &mut Fields<'a>) {
    r.out.dialect = Dialect::RunsTask;
    r.out.source = Some(Source::Runs);
    if let Some(StatusField::Text(status)) = fields.status.take() {
        r.out.task_status = Some(match TaskStatus::from_name(&status) {
            Some(known) => Reported::Known(known),
            None => Reported::Unknown(status),
        });
    }
    if let Some(ErrorField::Object(object)) = fields.error.take() {
        r.task_failed = true;
        let code = object.code.or(object.error);
        r.code = code
            .as_deref()
            .and_then(|text| Code::from_wire(Source::Runs, text).or_else(|| Code::lookup(text)));
        r.out.wire_code = code;
        r.out.kind = object.kind;
        r.out.message = object.message.or_else(|| fields.message.take());
    }
}

/// `{"error": {…}}`: `OpenAI`'s when it has a `type`, else the queue
/// gateway's (000), whose code or message may be the queue's spelling.
fn error_object<'a>(r: &mut Reading<'_, 'a>, object: ErrorObject<'a>, body_request_id: bool) {
    if object.kind.is_some() {
        r.out.dialect = Dialect::OpenAi;
        r.code = any_code(&[object.code.as_deref(), object.message.as_deref()]);
    } else {
        r.out.dialect = Dialect::Gateway;
        let texts = [object.code.as_deref(), object.message.as_deref()];
        let queue = texts
            .iter()
            .flatten()
            .find_map(|text| Code::from_wire(Source::Queue, text));
        if queue.is_some() || body_request_id {
            r.out.source = Some(Source::Queue);
        }
        r.code = queue.or_else(|| any_code(&texts));
    }
    r.out.wire_code = object.code;
    r.out.kind = object.kind;
    r.out.message = object.message;
}

/// `{"detail": …}` (000): the queue application's fixed messages.
fn detail_text<'a>(r: &mut Reading<'_, 'a>, detail: Detail<'a>) {
    r.out.dialect = Dialect::Detail;
    let text = match detail {
        Detail::Text(text) => Some(text),
        Detail::List(first) => first,
    };
    if let Some(text) = text.as_deref() {
        if let Some(found) = Code::from_wire(Source::Queue, text) {
            r.code = Some(found);
            r.out.source = Some(Source::Queue);
        } else {
            r.code = Code::lookup(text);
        }
    }
    r.out.message = text;
}

/// The first of `texts` that names a code in any spelling the catalogue
/// knows (canonical id, wire code, fixed message).
fn any_code(texts: &[Option<&str>]) -> Option<Code> {
    texts.iter().flatten().find_map(|text| Code::lookup(text))
}

/// `{"error": "<code>", "message": "…"}` (runs) or a lone fixed string in
/// `error` or `message` (`each::labs`).
fn code_and_message<'a>(
    r: &mut Reading<'_, 'a>,
    code: Option<Cow<'a, str>>,
    message: Option<Cow<'a, str>>,
) {
    let texts = [code.as_deref(), message.as_deref()];
    let runs = code
        .as_deref()
        .and_then(|text| Code::from_wire(Source::Runs, text));
    if let Some(found) = runs {
        r.code = Some(found);
        r.out.source = Some(Source::Runs);
    } else if let Some(found) = texts
        .iter()
        .flatten()
        .find_map(|text| Code::from_wire(Source::Eachlabs, text))
    {
        r.code = Some(found);
        r.out.source = Some(Source::Eachlabs);
    } else {
        r.code = any_code(&texts);
    }
    match (code, message) {
        (Some(code), Some(message)) => {
            r.out.dialect = Dialect::CodeAndMessage;
            r.out.wire_code = Some(code);
            r.out.message = Some(message);
        }
        (Some(code), None) if runs.is_some() => {
            r.out.dialect = Dialect::CodeAndMessage;
            r.out.wire_code = Some(code);
        }
        (Some(text), None) | (None, Some(text)) => {
            r.out.dialect = Dialect::ErrorString;
            r.out.message = Some(text);
        }
        (None, None) => {}
    }
}

/// Settles what depends on everything read, in one place: whether the
/// response succeeded, is pending, failed, or reports a failed task, and
/// who produced it.
fn settle(out: &mut Classified<'_>, code: Option<Code>, task_failed: bool) {
    let status = out.status;
    out.outcome = if status.is_client_error() || status.is_server_error() {
        Outcome::RequestFailed { code }
    } else if task_failed {
        let error_type = out.error_type.as_ref().and_then(Reported::known);
        Outcome::TaskFailed {
            code: error_type
                .map(ErrorType::code)
                .or(code)
                .unwrap_or(Code::TaskFailed),
            error_type,
        }
    } else if status_facts::is_pending(status)
        || matches!(
            out.task_status,
            Some(Reported::Known(
                TaskStatus::InQueue | TaskStatus::InProgress
            ))
        )
    {
        // A task status of `COMPLETED` makes a 202 no different: the
        // body is the more specific.
        if matches!(
            out.task_status,
            Some(Reported::Known(TaskStatus::Completed))
        ) {
            Outcome::Succeeded
        } else {
            Outcome::Pending
        }
    } else {
        Outcome::Succeeded
    };
    out.origin = origin(out);
}

fn origin(response: &Classified<'_>) -> Origin {
    if status_facts::is_edge(response.status) {
        return Origin::Edge;
    }
    // The APIs answer in JSON and tag their answers with a request id; a
    // page or text without one is a proxy's (fal's clients tell ingress
    // errors apart the same way).
    if response.is_failure()
        && matches!(response.dialect, Dialect::Html | Dialect::Text)
        && response.request_id().is_none()
    {
        return Origin::Edge;
    }
    let recognised_body = matches!(
        response.dialect,
        Dialect::Gateway
            | Dialect::Detail
            | Dialect::TaskStatus
            | Dialect::CodeAndMessage
            | Dialect::RunsTask
            | Dialect::ErrorString
            | Dialect::OpenAi
            | Dialect::Problem
    );
    if recognised_body || response.request_id().is_some() {
        Origin::Service
    } else {
        Origin::Unknown
    }
}

impl<'body> Classified<'body> {
    /// The HTTP status received.
    #[must_use]
    pub fn status(&self) -> http::StatusCode {
        self.status
    }

    /// The catalogued status, `None` for a number the catalogue does not list.
    #[must_use]
    pub fn catalogued(&self) -> Option<Status> {
        Status::from_u16(self.status.as_u16())
    }

    /// What the response means for the request.
    #[must_use]
    pub fn outcome(&self) -> Outcome {
        self.outcome
    }

    /// The canonical code of a failure, when the body named one the
    /// catalogue knows (a failed task always has one); `None` on success.
    #[must_use]
    pub fn code(&self) -> Option<Code> {
        match self.outcome {
            Outcome::RequestFailed { code } => code,
            Outcome::TaskFailed { code, .. } => Some(code),
            Outcome::Succeeded | Outcome::Pending => None,
        }
    }

    /// The shape of the body.
    #[must_use]
    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// The API that sent it, when the body tells.
    #[must_use]
    pub fn source(&self) -> Option<Source> {
        self.source
    }

    /// Who produced the response.
    #[must_use]
    pub fn origin(&self) -> Origin {
        self.origin
    }

    /// Why the body was not read, if it was not.
    #[must_use]
    pub fn body_issue(&self) -> Option<BodyIssue> {
        self.body_issue
    }

    /// The machine code as sent (`"UNAUTHORIZED"`, `"not_found"`, an
    /// `OpenAI` `code`, a problem's `code` extension).
    #[must_use]
    pub fn wire_code(&self) -> Option<&str> {
        self.wire_code.as_deref()
    }

    /// The broad error class as sent: `OpenAI`'s `error.type`, a problem's `type` URI.
    #[must_use]
    pub fn kind(&self) -> Option<&str> {
        self.kind.as_deref()
    }

    /// The server's message as sent (`message`, `detail`, the fixed error
    /// string, a problem's `detail` or `title`, the text of a text body).
    /// Not vetted for end users: show [`Classified::user_message`] instead.
    #[must_use]
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// A task's `error_type`, as sent.
    #[must_use]
    pub fn error_type(&self) -> Option<&Reported<'body, ErrorType>> {
        self.error_type.as_ref()
    }

    /// The catalogued `error_type`, if the task reported one.
    #[must_use]
    pub fn known_error_type(&self) -> Option<ErrorType> {
        self.error_type.as_ref().and_then(Reported::known)
    }

    /// A task's `status`, as sent.
    #[must_use]
    pub fn task_status(&self) -> Option<&Reported<'body, TaskStatus>> {
        self.task_status.as_ref()
    }

    /// The request id: the body's `request_id`, else the first request-id
    /// header ([`ResponseHeaders::request_id`]).
    #[must_use]
    pub fn request_id(&self) -> Option<&str> {
        self.body_request_id
            .as_deref()
            .or_else(|| self.headers.request_id())
    }

    /// The body's `run_id` (001: capture it from any response, successful
    /// or not, for support tickets).
    #[must_use]
    pub fn run_id(&self) -> Option<&str> {
        self.task.as_ref()?.run_id.as_deref()
    }

    /// The body's `task_id` (001: capture it from any response).
    #[must_use]
    pub fn task_id(&self) -> Option<&str> {
        self.task.as_ref()?.task_id.as_deref()
    }

    /// `queue_position`, while a queue task waits (002).
    #[must_use]
    pub fn queue_position(&self) -> Option<u64> {
        self.task.as_ref()?.queue_position
    }

    /// `status_url`, as a queue create or status answer sent it (000).
    #[must_use]
    pub fn status_url(&self) -> Option<&str> {
        self.task.as_ref()?.status_url.as_deref()
    }

    /// `response_url`, as a queue create or status answer sent it (000).
    #[must_use]
    pub fn response_url(&self) -> Option<&str> {
        self.task.as_ref()?.response_url.as_deref()
    }

    /// What the headers said.
    #[must_use]
    pub fn headers(&self) -> &ResponseHeaders {
        &self.headers
    }

    /// `retry-after-ms` or `Retry-After`, when readable.
    #[must_use]
    pub fn retry_after(&self) -> Option<RetryAfter> {
        self.headers.retry_after()
    }

    /// The rate-limit headers.
    #[must_use]
    pub fn rate_limit(&self) -> RateLimit {
        self.headers.rate_limit()
    }

    /// Whether the response reports a failure: of the request, or of the task.
    #[must_use]
    pub fn is_failure(&self) -> bool {
        matches!(
            self.outcome,
            Outcome::RequestFailed { .. } | Outcome::TaskFailed { .. }
        )
    }

    /// Whether it reports a task that ran and failed ([`Outcome::TaskFailed`]).
    #[must_use]
    pub fn is_task_failure(&self) -> bool {
        matches!(self.outcome, Outcome::TaskFailed { .. })
    }

    /// Whether the work is still running (see [`Outcome::Pending`]).
    #[must_use]
    pub fn is_pending(&self) -> bool {
        self.outcome == Outcome::Pending
    }

    /// Whether the request succeeded and nothing is pending.
    #[must_use]
    pub fn is_success(&self) -> bool {
        self.outcome == Outcome::Succeeded
    }

    /// Whether an edge proxy, not the service, produced the response.
    #[must_use]
    pub fn is_edge(&self) -> bool {
        self.origin == Origin::Edge
    }

    /// How a client should retry, in the catalogue's vocabulary. A failed
    /// task: its `error_type`'s rule, else its code's. A failed request:
    /// the code's rule, else the status's. Not an error:
    /// [`Retry::KeepPolling`] while pending, [`Retry::Never`] on success.
    #[must_use]
    pub fn retry(&self) -> Retry {
        match self.outcome {
            Outcome::Succeeded => Retry::Never,
            Outcome::Pending => Retry::KeepPolling,
            Outcome::TaskFailed { code, error_type } => {
                error_type.map_or_else(|| code.retry(), ErrorType::retry)
            }
            Outcome::RequestFailed { code: Some(code) } => code.retry(),
            Outcome::RequestFailed { code: None } => status_facts::retry(self.status),
        }
    }

    /// Text safe to show an end user. When the response comes from a
    /// source whose messages are documented as user-safe
    /// ([`Source::messages_user_safe`]), the server's own message, if it
    /// has one and passes the catalogue's leak rules (no placeholder,
    /// stack trace or file path): 001's `validation_error` message names
    /// the field to fix, which the catalogue's text cannot. Otherwise the
    /// catalogue's message for the code (or the task's `error_type`),
    /// else one for the status.
    ///
    /// ```
    /// # extern crate errors_runtime as errors_core;
    /// use errors_core::wire::classify;
    ///
    /// let body = br#"{"error": "validation_error", "message": "/prompt: must not be empty"}"#;
    /// let response = classify(http::StatusCode::UNPROCESSABLE_ENTITY, &http::HeaderMap::new(), body);
    /// assert_eq!(response.user_message(), "/prompt: must not be empty");
    /// ```
    #[must_use]
    pub fn user_message(&self) -> Cow<'_, str> {
        let code = match self.outcome {
            Outcome::Succeeded => return Cow::Borrowed(status_facts::succeeded_message()),
            Outcome::Pending => return Cow::Borrowed(status_facts::pending_message()),
            Outcome::TaskFailed { code, .. } => Some(code),
            Outcome::RequestFailed { code } => code,
        };
        if let Some(message) = self.safe_server_message() {
            return Cow::Borrowed(message);
        }
        Cow::Borrowed(code.map_or_else(
            || status_facts::user_message(self.status),
            Code::user_message,
        ))
    }

    /// The server's message, when its source documents its messages as
    /// user-safe and it passes the catalogue's leak rules.
    fn safe_server_message(&self) -> Option<&str> {
        let message = self.message.as_deref()?.trim();
        let safe = self.source.is_some_and(Source::messages_user_safe)
            && !message.is_empty()
            && crate::generated::leak::find(message).is_none();
        safe.then_some(message)
    }

    /// What the caller can do: the task's `error_type` remedies, else the
    /// code's, else the status's; empty for an uncatalogued status and
    /// for anything that is not a failure.
    #[must_use]
    pub fn remedies(&self) -> &'static [&'static str] {
        match self.outcome {
            Outcome::Succeeded | Outcome::Pending => &[],
            Outcome::TaskFailed {
                error_type: Some(error_type),
                ..
            } => error_type.remedies(),
            Outcome::TaskFailed { code, .. } | Outcome::RequestFailed { code: Some(code) } => {
                code.remedies()
            }
            Outcome::RequestFailed { code: None } => {
                self.catalogued().map_or(&[], Status::remedies)
            }
        }
    }

    /// The same response, owning all its text.
    #[must_use]
    pub fn into_owned(self) -> Classified<'static> {
        Classified {
            status: self.status,
            outcome: self.outcome,
            dialect: self.dialect,
            source: self.source,
            origin: self.origin,
            body_issue: self.body_issue,
            wire_code: owned(self.wire_code),
            kind: owned(self.kind),
            message: owned(self.message),
            error_type: self.error_type.map(Reported::into_owned),
            task_status: self.task_status.map(Reported::into_owned),
            body_request_id: owned(self.body_request_id),
            task: self.task.map(|task| Box::new(task.into_owned())),
            headers: self.headers,
        }
    }
}

/// For logs, not for users: status, code, the server's message and the
/// ids. Show [`Classified::user_message`] to users.
impl fmt::Display for Classified<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.status.as_u16())?;
        match (self.code(), self.wire_code.as_deref()) {
            (Some(code), _) => write!(f, " {code}")?,
            (None, Some(wire)) => write!(f, " {wire:?}")?,
            (None, None) => {}
        }
        if let Some(message) = &self.message {
            write!(f, ": {message:?}")?;
        }
        if let Some(id) = self.request_id() {
            write!(f, " (request id {id})")?;
        }
        for (name, id) in [("run", self.run_id()), ("task", self.task_id())] {
            if let Some(id) = id {
                write!(f, " ({name} id {id})")?;
            }
        }
        Ok(())
    }
}

/// A classified failure is an error a client can return as is; a success
/// classified this way displays as one too, for logs.
impl std::error::Error for Classified<'_> {}

impl ErrorTaxonomy for Classified<'_> {
    fn code(&self) -> Option<Code> {
        Classified::code(self)
    }

    fn status(&self) -> http::StatusCode {
        self.status
    }

    fn retry(&self) -> Retry {
        Classified::retry(self)
    }

    fn user_message(&self) -> Cow<'_, str> {
        Classified::user_message(self)
    }

    fn remedies(&self) -> &'static [&'static str] {
        Classified::remedies(self)
    }
}
