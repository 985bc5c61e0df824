//! From a response (status, headers, body) to one typed [`ApiError`].

use std::borrow::Cow;

use std::fmt;

use super::body::{self, Detail, ErrorField, ErrorObject, Fields, StatusField};
use super::headers::{self, RateLimit, RetryAfter};
use crate::{Code, CreateRule, ErrorTaxonomy, ErrorType, Retry, Source, Status, TaskStatus};

/// Bodies longer than this are not parsed: the response is classified by
/// its status and headers, and [`BodyIssue::TooLarge`] notes it. Error
/// bodies are small; a huge one is a proxy page or an attack.
pub const MAX_BODY: usize = 64 * 1024;

/// The shape of a response body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

/// What the response means for the request: done, not done yet, or failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// Not an error: 1xx–3xx, or a `COMPLETED` task without `error`.
    Success,
    /// Not an error, not finished: `IN_QUEUE`, `IN_PROGRESS`, or a 202 on
    /// `response_url` (002: "do not treat it as an abnormal task").
    Pending,
    /// An error: a 4xx/5xx status, or a `COMPLETED` task with `error`.
    Failure,
}

/// Who produced the response, as far as it can be told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
pub enum BodyIssue {
    /// Longer than [`MAX_BODY`]: not parsed at all.
    TooLarge {
        /// The body's length in bytes.
        len: usize,
    },
    /// It looked like JSON (or said so) but did not parse.
    Malformed,
    /// Not UTF-8 text.
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

/// One response, understood: what went wrong (or that nothing did), whose
/// fault it is, whether and when to retry, and what to tell the user.
///
/// The fields are what the response said, borrowed from it where possible
/// (`Cow::Borrowed` unless a JSON escape had to be decoded); the methods
/// derive advice from them and the catalogue. Nothing here is required:
/// an unknown code or `error_type` is kept as sent and the error is
/// handled by its status.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError<'a> {
    /// The HTTP status received.
    pub status: http::StatusCode,
    /// The catalogued status, `None` for a number the catalogue does not list.
    pub catalogued: Option<Status>,
    /// Whether it is an error at all.
    pub outcome: Outcome,
    /// The canonical code, when the body named one the catalogue knows.
    pub code: Option<Code>,
    /// The shape of the body.
    pub dialect: Dialect,
    /// The API that sent it, when the body tells.
    pub source: Option<Source>,
    /// The machine code as sent (`"UNAUTHORIZED"`, `"not_found"`, an
    /// `OpenAI` `code`, a problem's `code` extension).
    pub wire_code: Option<Cow<'a, str>>,
    /// The broad error class as sent: `OpenAI`'s `error.type`, a problem's `type` URI.
    pub kind: Option<Cow<'a, str>>,
    /// The server's message as sent (`message`, `detail`, the fixed error
    /// string, a problem's `detail` or `title`, the text of a text body).
    /// Not vetted for end users: show [`ApiError::user_message`] instead.
    pub message: Option<Cow<'a, str>>,
    /// A task's `error_type`.
    pub error_type: Option<Reported<'a, ErrorType>>,
    /// A task's `status`.
    pub task_status: Option<Reported<'a, TaskStatus>>,
    /// The request id: the body's `request_id`, else the `X-Request-Id`
    /// or `x-fal-request-id` header.
    pub request_id: Option<Cow<'a, str>>,
    /// `retry-after-ms` or `Retry-After`, when readable.
    pub retry_after: Option<RetryAfter>,
    /// The rate-limit headers.
    pub rate_limit: RateLimit,
    /// `x-should-retry: true|false`: the server's explicit word, which
    /// outranks the status.
    pub should_retry: Option<bool>,
    /// `x-fal-request-timeout-type: user`: the caller's own deadline expired.
    pub user_deadline: bool,
    /// Who produced the response.
    pub origin: Origin,
    /// Why the body was not read, if it was not.
    pub body_issue: Option<BodyIssue>,
}

/// Classifies a response from its parts. Never fails and never panics: a
/// body that cannot be read leaves an answer based on the status and headers.
///
/// ```
/// use errors_core::wire::{classify, Dialect};
/// use errors_core::{Code, Source};
///
/// let headers = http::HeaderMap::new();
/// let body = br#"{"detail": "App not found: not_exists"}"#;
/// let error = classify(http::StatusCode::NOT_FOUND, &headers, body);
/// assert_eq!(error.code, Some(Code::ModelNotFound));
/// assert_eq!(error.dialect, Dialect::Detail);
/// assert_eq!(error.source, Some(Source::Queue));
/// assert_eq!(error.message.as_deref(), Some("App not found: not_exists"));
/// ```
#[must_use]
pub fn classify<'a>(
    status: http::StatusCode,
    headers: &'a http::HeaderMap,
    body: &'a [u8],
) -> ApiError<'a> {
    let mut error = ApiError {
        status,
        catalogued: Status::from_u16(status.as_u16()),
        outcome: outcome_of_status(status),
        code: None,
        dialect: Dialect::Empty,
        source: None,
        wire_code: None,
        kind: None,
        message: None,
        error_type: None,
        task_status: None,
        request_id: None,
        retry_after: None,
        rate_limit: RateLimit::default(),
        should_retry: None,
        user_deadline: false,
        origin: Origin::Unknown,
        body_issue: None,
    };
    let content_type = headers::scan(headers, &mut error);
    read_body(&mut error, body, content_type);
    settle(&mut error);
    error
}

/// Classifies an `http::Response` whose body is already read.
#[must_use]
pub fn classify_response<B: AsRef<[u8]>>(response: &http::Response<B>) -> ApiError<'_> {
    classify(
        response.status(),
        response.headers(),
        response.body().as_ref(),
    )
}

/// What the status alone says; a task-status body may change it.
fn outcome_of_status(status: http::StatusCode) -> Outcome {
    if status.is_client_error() || status.is_server_error() {
        Outcome::Failure
    } else if status == http::StatusCode::ACCEPTED {
        Outcome::Pending
    } else {
        Outcome::Success
    }
}

/// The longest text body kept as the message: the start of a text page
/// says what it is; the rest is noise in a log.
const MAX_TEXT_MESSAGE: usize = 1024;

fn read_body<'a>(error: &mut ApiError<'a>, body: &'a [u8], content_type: Option<&str>) {
    if body.len() > MAX_BODY {
        error.body_issue = Some(BodyIssue::TooLarge { len: body.len() });
        error.dialect = sniff(&body[..MAX_BODY], content_type);
        return;
    }
    let trimmed = strip_bom(body).trim_ascii();
    match sniff(trimmed, content_type) {
        Dialect::UnknownJson => {
            let mut fields = Fields::default();
            if body::scan(trimmed, &mut fields).is_ok() {
                interpret(error, &mut fields, content_type);
            } else {
                error.dialect = Dialect::UnknownJson;
                error.body_issue = Some(BodyIssue::Malformed);
            }
        }
        Dialect::Text => {
            error.dialect = Dialect::Text;
            match std::str::from_utf8(trimmed) {
                Ok(text) => error.message = Some(Cow::Borrowed(prefix(text, MAX_TEXT_MESSAGE))),
                Err(_) => error.body_issue = Some(BodyIssue::NotUtf8),
            }
        }
        other => error.dialect = other,
    }
}

/// Tells JSON, HTML, text and nothing apart from the first byte, and the
/// `Content-Type` when the first byte does not say. JSON is recognised
/// by its opening brace or bracket whatever the header claims: edge
/// proxies send HTML as `application/json` and JSON as `text/plain`.
fn sniff(body: &[u8], content_type: Option<&str>) -> Dialect {
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

/// Whether a `Content-Type` value names `media_type`, parameters aside.
fn media_type_is(content_type: &str, media_type: &str) -> bool {
    let bytes = content_type.as_bytes();
    let essence = bytes
        .iter()
        .position(|&byte| byte == b';')
        .map_or(bytes, |end| &bytes[..end]);
    essence
        .trim_ascii()
        .eq_ignore_ascii_case(media_type.as_bytes())
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
fn interpret<'a>(error: &mut ApiError<'a>, fields: &mut Fields<'a>, content_type: Option<&str>) {
    error.dialect = Dialect::UnknownJson;
    if !fields.is_object {
        return;
    }
    let body_request_id = fields.request_id.is_some();
    if let Some(id) = fields.request_id.take() {
        error.request_id = Some(id);
    }
    let is_problem = content_type.is_some_and(|ct| media_type_is(ct, "application/problem+json"))
        || (fields.title.is_some()
            && (fields.kind.is_some() || matches!(fields.status, Some(StatusField::Number))));
    if is_problem {
        return problem(error, fields);
    }
    if let Some(StatusField::Text(status)) = &fields.status
        && (fields.error_type.is_some() || TaskStatus::from_name(status).is_some())
    {
        return task_status(error, fields);
    }
    match fields.error.take() {
        Some(ErrorField::Object(object)) => error_object(error, object, body_request_id),
        Some(ErrorField::Text(text)) => code_and_message(error, Some(text), fields.message.take()),
        None => {
            if let Some(detail) = fields.detail.take() {
                detail_text(error, detail);
            } else if fields.code.is_some() || fields.message.is_some() {
                code_and_message(error, fields.code.take(), fields.message.take());
            }
        }
    }
}

/// RFC 9457: the `code` extension names the code; `detail`, else `title`,
/// is the message.
fn problem<'a>(error: &mut ApiError<'a>, fields: &mut Fields<'a>) {
    error.dialect = Dialect::Problem;
    error.code = fields.code.as_deref().and_then(Code::lookup);
    error.wire_code = fields.code.take();
    error.kind = fields.kind.take();
    error.message = match fields.detail.take() {
        Some(Detail::Text(text)) => Some(text),
        Some(Detail::List(first)) => first.or(fields.title.take()),
        None => fields.title.take(),
    };
}

/// 002: the `error_type` names the code; else the `error` string does.
fn task_status<'a>(error: &mut ApiError<'a>, fields: &mut Fields<'a>) {
    error.dialect = Dialect::TaskStatus;
    error.source = Some(Source::Queue);
    if let Some(StatusField::Text(status)) = fields.status.take() {
        error.task_status = Some(match TaskStatus::from_name(&status) {
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
    error.code = known_type.map(ErrorType::code).or_else(|| {
        error_text
            .as_deref()
            .and_then(|text| Code::from_wire(Source::Queue, text))
    });
    error.error_type = fields.error_type.take().map(|raw| match known_type {
        Some(known) => Reported::Known(known),
        None => Reported::Unknown(raw),
    });
    error.message = error_text;
}

/// `{"error": {…}}`: `OpenAI`'s when it has a `type`, else the queue
/// gateway's (000), whose code or message may be the queue's spelling.
fn error_object<'a>(error: &mut ApiError<'a>, object: ErrorObject<'a>, body_request_id: bool) {
    if object.kind.is_some() {
        error.dialect = Dialect::OpenAi;
        error.code = any_code(&[object.code.as_deref(), object.message.as_deref()]);
    } else {
        error.dialect = Dialect::Gateway;
        let texts = [object.code.as_deref(), object.message.as_deref()];
        let queue = texts
            .iter()
            .flatten()
            .find_map(|text| Code::from_wire(Source::Queue, text));
        if queue.is_some() || body_request_id {
            error.source = Some(Source::Queue);
        }
        error.code = queue.or_else(|| any_code(&texts));
    }
    error.wire_code = object.code;
    error.kind = object.kind;
    error.message = object.message;
}

/// `{"detail": …}` (000): the queue application's fixed messages.
fn detail_text<'a>(error: &mut ApiError<'a>, detail: Detail<'a>) {
    error.dialect = Dialect::Detail;
    let text = match detail {
        Detail::Text(text) => Some(text),
        Detail::List(first) => first,
    };
    if let Some(text) = text.as_deref() {
        if let Some(found) = Code::from_wire(Source::Queue, text) {
            error.code = Some(found);
            error.source = Some(Source::Queue);
        } else {
            error.code = Code::lookup(text);
        }
    }
    error.message = text;
}

/// The first of `texts` that names a code in any spelling the catalogue
/// knows (canonical id, wire code, fixed message).
fn any_code(texts: &[Option<&str>]) -> Option<Code> {
    texts.iter().flatten().find_map(|text| Code::lookup(text))
}

/// `{"error": "<code>", "message": "…"}` (runs) or a lone fixed string in
/// `error` or `message` (`each::labs`).
fn code_and_message<'a>(
    error: &mut ApiError<'a>,
    code: Option<Cow<'a, str>>,
    message: Option<Cow<'a, str>>,
) {
    let texts = [code.as_deref(), message.as_deref()];
    let runs = code
        .as_deref()
        .and_then(|text| Code::from_wire(Source::Runs, text));
    if let Some(found) = runs {
        error.code = Some(found);
        error.source = Some(Source::Runs);
    } else if let Some(found) = texts
        .iter()
        .flatten()
        .find_map(|text| Code::from_wire(Source::Eachlabs, text))
    {
        error.code = Some(found);
        error.source = Some(Source::Eachlabs);
    } else {
        error.code = any_code(&texts);
    }
    match (code, message) {
        (Some(code), Some(message)) => {
            error.dialect = Dialect::CodeAndMessage;
            error.wire_code = Some(code);
            error.message = Some(message);
        }
        (Some(code), None) if runs.is_some() => {
            error.dialect = Dialect::CodeAndMessage;
            error.wire_code = Some(code);
        }
        (Some(text), None) | (None, Some(text)) => {
            error.dialect = Dialect::ErrorString;
            error.message = Some(text);
        }
        (None, None) => {}
    }
}

/// Settles what depends on everything read: whether a task status turns
/// a 200 into a failure or a pending task, and who produced the response.
fn settle(error: &mut ApiError<'_>) {
    if error.dialect == Dialect::TaskStatus
        && !error.status.is_client_error()
        && !error.status.is_server_error()
    {
        let failed = error.message.is_some() || error.error_type.is_some();
        error.outcome = match error.task_status {
            _ if failed => Outcome::Failure,
            Some(Reported::Known(TaskStatus::InQueue | TaskStatus::InProgress)) => Outcome::Pending,
            Some(Reported::Known(TaskStatus::Completed)) => Outcome::Success,
            _ => error.outcome,
        };
    }
    if error.outcome != Outcome::Failure {
        // A success carries no error code, whatever its body looks like.
        error.code = None;
    }
    error.origin = origin(error);
}

fn origin(error: &ApiError<'_>) -> Origin {
    let number = error.status.as_u16();
    if matches!(number, 520 | 522 | 524) {
        return Origin::Edge;
    }
    // The APIs answer in JSON and tag their answers with a request id; a
    // page or text without one is a proxy's (fal's clients tell ingress
    // errors apart the same way).
    if error.outcome == Outcome::Failure
        && matches!(error.dialect, Dialect::Html | Dialect::Text)
        && error.request_id.is_none()
    {
        return Origin::Edge;
    }
    let recognised_body = matches!(
        error.dialect,
        Dialect::Gateway
            | Dialect::Detail
            | Dialect::TaskStatus
            | Dialect::CodeAndMessage
            | Dialect::ErrorString
            | Dialect::OpenAi
            | Dialect::Problem
    );
    if recognised_body || error.request_id.is_some() {
        Origin::Service
    } else {
        Origin::Unknown
    }
}

impl ApiError<'_> {
    /// Whether the response reports an error (see [`Outcome`]).
    #[must_use]
    pub fn is_failure(&self) -> bool {
        self.outcome == Outcome::Failure
    }

    /// Whether the work is still running (see [`Outcome::Pending`]).
    #[must_use]
    pub fn is_pending(&self) -> bool {
        self.outcome == Outcome::Pending
    }

    /// Whether an edge proxy, not the service, produced the response.
    #[must_use]
    pub fn is_edge(&self) -> bool {
        self.origin == Origin::Edge
    }

    /// The catalogued `error_type`, if the task reported one.
    #[must_use]
    pub fn known_error_type(&self) -> Option<ErrorType> {
        self.error_type.as_ref().and_then(Reported::known)
    }

    /// How a client should retry, in the catalogue's vocabulary: the
    /// task's `error_type` rule, else the code's, else the status's, else
    /// a default by class (5xx: three attempts with backoff, creates only
    /// with an idempotency key; anything else: never). Not an error:
    /// [`Retry::KeepPolling`] while pending, [`Retry::Never`] on success.
    #[must_use]
    pub fn retry(&self) -> Retry {
        match self.outcome {
            Outcome::Success => return Retry::Never,
            Outcome::Pending => return Retry::KeepPolling,
            Outcome::Failure => {}
        }
        if let Some(error_type) = self.known_error_type() {
            return error_type.retry();
        }
        if let Some(code) = self.code {
            return code.retry();
        }
        if self.dialect == Dialect::TaskStatus
            && !self.status.is_client_error()
            && !self.status.is_server_error()
        {
            // A failed task whose error_type and message are both new.
            return Code::TaskFailed.retry();
        }
        if let Some(retry) = self.catalogued.and_then(Status::retry) {
            return retry;
        }
        if self.status.is_server_error() {
            Retry::Backoff {
                max_attempts: 3,
                create: CreateRule::IdempotentOnly,
            }
        } else {
            Retry::Never
        }
    }

    /// Text safe to show an end user: the catalogue's message for the code
    /// (or the task's `error_type`), else one for the status. Never the
    /// server's own message, which the catalogue has not vetted.
    #[must_use]
    pub fn user_message(&self) -> &'static str {
        match self.outcome {
            Outcome::Success => return "The request succeeded.",
            Outcome::Pending => return "Your request is still being processed.",
            Outcome::Failure => {}
        }
        if let Some(code) = self.known_error_type().map(ErrorType::code).or(self.code) {
            return code.user_message();
        }
        if self.dialect == Dialect::TaskStatus
            && !self.status.is_client_error()
            && !self.status.is_server_error()
        {
            return Code::TaskFailed.user_message();
        }
        status_message(self.status)
    }

    /// What the caller can do: the task's `error_type` remedies, else the
    /// code's, else the status's; empty for an uncatalogued status.
    #[must_use]
    pub fn remedies(&self) -> &'static [&'static str] {
        if self.outcome != Outcome::Failure {
            return &[];
        }
        if let Some(error_type) = self.known_error_type() {
            return error_type.remedies();
        }
        if let Some(code) = self.code {
            return code.remedies();
        }
        self.catalogued.map_or(&[], Status::remedies)
    }

    /// The same error, owning all its text.
    #[must_use]
    pub fn into_owned(self) -> ApiError<'static> {
        fn owned(text: Option<Cow<'_, str>>) -> Option<Cow<'static, str>> {
            text.map(|text| Cow::Owned(text.into_owned()))
        }
        ApiError {
            status: self.status,
            catalogued: self.catalogued,
            outcome: self.outcome,
            code: self.code,
            dialect: self.dialect,
            source: self.source,
            wire_code: owned(self.wire_code),
            kind: owned(self.kind),
            message: owned(self.message),
            error_type: self.error_type.map(Reported::into_owned),
            task_status: self.task_status.map(Reported::into_owned),
            request_id: owned(self.request_id),
            retry_after: self.retry_after,
            rate_limit: self.rate_limit,
            should_retry: self.should_retry,
            user_deadline: self.user_deadline,
            origin: self.origin,
            body_issue: self.body_issue,
        }
    }
}

/// A user message for an error known only by its status. Catalogued
/// statuses borrow the message of the code that stands for the status;
/// the others have their own, in the same voice.
fn status_message(status: http::StatusCode) -> &'static str {
    let Some(catalogued) = Status::from_u16(status.as_u16()) else {
        return if status.is_server_error() {
            Code::InternalError.user_message()
        } else {
            "The request could not be processed. Please check it and try again."
        };
    };
    match catalogued {
        Status::Ok | Status::Created | Status::NoContent | Status::Found => {
            "The request succeeded."
        }
        Status::Accepted => "Your request is still being processed.",
        Status::BadRequest => Code::InvalidRequest.user_message(),
        Status::Unauthorized => Code::InvalidApiKey.user_message(),
        Status::PaymentRequired => Code::InsufficientCredits.user_message(),
        Status::Forbidden => Code::Forbidden.user_message(),
        Status::NotFound => Code::NotFound.user_message(),
        Status::MethodNotAllowed => {
            "This action is not supported here. Please check the request and try again."
        }
        Status::RequestTimeout => "The request took too long. Please try again.",
        Status::Conflict => Code::Conflict.user_message(),
        Status::Gone => Code::Gone.user_message(),
        Status::PayloadTooLarge => Code::PayloadTooLarge.user_message(),
        Status::UnsupportedMediaType => {
            "This file type is not supported. Please use a supported format and try again."
        }
        Status::UnprocessableEntity => Code::ValidationError.user_message(),
        Status::TooManyRequests => Code::RateLimitExceeded.user_message(),
        Status::RequestHeaderFieldsTooLarge => {
            "The request carries too much header data. Please remove extra headers and try again."
        }
        Status::ClientClosedRequest => Code::Canceled.user_message(),
        Status::InternalServerError | Status::UnknownError => Code::InternalError.user_message(),
        Status::NotImplemented => Code::NotImplemented.user_message(),
        Status::BadGateway => Code::UpstreamError.user_message(),
        Status::ServiceUnavailable => Code::ServiceUnavailable.user_message(),
        Status::GatewayTimeout | Status::TimeoutOccurred => {
            "The service took too long to answer. Please try again in a moment."
        }
        Status::ConnectionTimedOut => {
            "We could not reach the service. Please try again in a moment."
        }
    }
}

/// For logs, not for users: status, code, the server's message and the
/// request id. Show [`ApiError::user_message`] to users.
impl fmt::Display for ApiError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.status.as_u16())?;
        match (self.code, self.wire_code.as_deref()) {
            (Some(code), _) => write!(f, " {code}")?,
            (None, Some(wire)) => write!(f, " {wire:?}")?,
            (None, None) => {}
        }
        if let Some(message) = &self.message {
            write!(f, ": {message:?}")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError<'_> {}

impl ErrorTaxonomy for ApiError<'_> {
    fn code(&self) -> Option<Code> {
        self.code
    }

    fn status(&self) -> http::StatusCode {
        self.status
    }

    fn retry(&self) -> Retry {
        ApiError::retry(self)
    }

    fn user_message(&self) -> Cow<'_, str> {
        Cow::Borrowed(ApiError::user_message(self))
    }

    fn remedies(&self) -> &'static [&'static str] {
        ApiError::remedies(self)
    }
}
