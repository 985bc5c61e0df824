//! What a classification says: the [`Classified`] response and the small
//! types it answers with.

use std::borrow::Cow;
use std::fmt;

use crate::wire::Catalogue;
use crate::wire::headers::{RateLimit, ResponseHeaders, RetryAfter};
use crate::wire::status_facts;
use crate::{ErrorTaxonomy, Retry, Taxonomy};

/// The shape of a response body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Dialect<C: Catalogue = Taxonomy> {
    /// A shape the catalogue declares ([`Shape`](crate::Shape) for the
    /// built-in one): a source's own (the queue gateway's `{"error":
    /// {"code", "message"}, "request_id"}`, a task status…) or one many
    /// APIs copy (`OpenAI`'s envelope).
    Declared(C::Shape),
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

impl<C: Catalogue> Dialect<C> {
    /// The declared shape, if it is one.
    #[must_use]
    pub fn shape(self) -> Option<C::Shape> {
        match self {
            Self::Declared(shape) => Some(shape),
            _ => None,
        }
    }
}

/// What the response means for the request. A failure carries what a
/// client needs to act on it; a failed task (a 2xx body reporting that the
/// task ran and failed) is its own variant, decided once, in
/// [`classify`](crate::wire::classify).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Outcome<C: Catalogue = Taxonomy> {
    /// Not an error: 1xx–3xx, or a task `COMPLETED` without `error`.
    Succeeded,
    /// Not an error, not finished: `IN_QUEUE`, `IN_PROGRESS`, or a 202 on
    /// `response_url` (002: "do not treat it as an abnormal task").
    Pending,
    /// The request failed: a 4xx or 5xx status.
    RequestFailed {
        /// The catalogued code the body named, if any; `None` leaves the
        /// status to decide.
        code: Option<C::Code>,
    },
    /// The request succeeded but reports a task that ran and failed: a
    /// queue task `COMPLETED` with `error` (002), a runs task with a
    /// structured `error` (001). The task will not change.
    TaskFailed {
        /// The failure's code: the `error_type`'s, else the one the
        /// `error` text names, else the source's `failed_task` code
        /// ([`Code::TaskFailed`](crate::Code::TaskFailed) in the built-in
        /// catalogue); `None` when the catalogue names none.
        code: Option<C::Code>,
        /// The catalogued `error_type`, when the server sent one.
        error_type: Option<C::ErrorType>,
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
    /// Longer than [`MAX_BODY`](crate::wire::MAX_BODY): not parsed at all.
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
pub struct Classified<'body, C: Catalogue = Taxonomy> {
    pub(super) catalogue: C,
    pub(super) status: http::StatusCode,
    pub(super) outcome: Outcome<C>,
    pub(super) dialect: Dialect<C>,
    pub(super) source: Option<C::Source>,
    pub(super) origin: Origin,
    pub(super) body_issue: Option<BodyIssue>,
    pub(super) wire_code: Option<Cow<'body, str>>,
    pub(super) kind: Option<Cow<'body, str>>,
    pub(super) message: Option<Cow<'body, str>>,
    pub(super) error_type: Option<Reported<'body, C::ErrorType>>,
    pub(super) task_status: Option<Reported<'body, C::TaskStatus>>,
    pub(super) body_request_id: Option<Cow<'body, str>>,
    /// Behind a pointer: only some answers carry these, and every
    /// response pays for the size of this struct each time it moves.
    pub(super) extra: Option<Box<Extra<'body>>>,
    pub(super) headers: ResponseHeaders,
}

/// What only some bodies carry: the ids and addresses of a task, the
/// request field a validation error names, a wait the body asks for.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Extra<'body> {
    pub(super) run_id: Option<Cow<'body, str>>,
    pub(super) task_id: Option<Cow<'body, str>>,
    pub(super) queue_position: Option<u64>,
    pub(super) status_url: Option<Cow<'body, str>>,
    pub(super) response_url: Option<Cow<'body, str>>,
    pub(super) request_field: Option<Cow<'body, str>>,
    pub(super) retry_after: Option<std::time::Duration>,
}

impl Extra<'_> {
    fn into_owned(self) -> Extra<'static> {
        Extra {
            run_id: owned(self.run_id),
            task_id: owned(self.task_id),
            queue_position: self.queue_position,
            status_url: owned(self.status_url),
            response_url: owned(self.response_url),
            request_field: owned(self.request_field),
            retry_after: self.retry_after,
        }
    }
}

fn owned(text: Option<Cow<'_, str>>) -> Option<Cow<'static, str>> {
    text.map(|text| Cow::Owned(text.into_owned()))
}

impl<'body, C: Catalogue> Classified<'body, C> {
    /// The catalogue the response was read with.
    #[must_use]
    pub fn catalogue(&self) -> C {
        self.catalogue
    }

    /// The HTTP status received.
    #[must_use]
    pub fn status(&self) -> http::StatusCode {
        self.status
    }

    /// The catalogued status, `None` for a number the catalogue does not list.
    #[must_use]
    pub fn catalogued(&self) -> Option<C::Status> {
        self.catalogue.status(self.status.as_u16())
    }

    /// What the response means for the request.
    #[must_use]
    pub fn outcome(&self) -> Outcome<C> {
        self.outcome
    }

    /// The canonical code of a failure, when the body named one the
    /// catalogue knows (a failed task has one when its catalogue names a
    /// `failed_task` code for its source); `None` on success.
    #[must_use]
    pub fn code(&self) -> Option<C::Code> {
        match self.outcome {
            Outcome::RequestFailed { code } | Outcome::TaskFailed { code, .. } => code,
            Outcome::Succeeded | Outcome::Pending => None,
        }
    }

    /// The shape of the body.
    #[must_use]
    pub fn dialect(&self) -> Dialect<C> {
        self.dialect
    }

    /// The API that sent it, when the body tells.
    #[must_use]
    pub fn source(&self) -> Option<C::Source> {
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
    pub fn error_type(&self) -> Option<&Reported<'body, C::ErrorType>> {
        self.error_type.as_ref()
    }

    /// The catalogued `error_type`, if the task reported one.
    #[must_use]
    pub fn known_error_type(&self) -> Option<C::ErrorType> {
        self.error_type.as_ref().and_then(Reported::known)
    }

    /// A task's `status`, as sent.
    #[must_use]
    pub fn task_status(&self) -> Option<&Reported<'body, C::TaskStatus>> {
        self.task_status.as_ref()
    }

    /// The request id: the body's (where its shape places one), else the
    /// first request-id header ([`ResponseHeaders::request_id`]).
    #[must_use]
    pub fn request_id(&self) -> Option<&str> {
        self.body_request_id
            .as_deref()
            .or_else(|| self.headers.request_id())
    }

    /// The id of a run, where the body's shape places one (001: capture it
    /// from any response, successful or not, for support tickets).
    #[must_use]
    pub fn run_id(&self) -> Option<&str> {
        self.extra.as_ref()?.run_id.as_deref()
    }

    /// The id of a task, where the body's shape places one (001: capture it
    /// from any response).
    #[must_use]
    pub fn task_id(&self) -> Option<&str> {
        self.extra.as_ref()?.task_id.as_deref()
    }

    /// A task's place in its queue, while it waits (002: `queue_position`).
    #[must_use]
    pub fn queue_position(&self) -> Option<u64> {
        self.extra.as_ref()?.queue_position
    }

    /// Where to poll the task's status, as a create or status answer sent it (000: `status_url`).
    #[must_use]
    pub fn status_url(&self) -> Option<&str> {
        self.extra.as_ref()?.status_url.as_deref()
    }

    /// Where the task's result is fetched, as a create or status answer sent it (000: `response_url`).
    #[must_use]
    pub fn response_url(&self) -> Option<&str> {
        self.extra.as_ref()?.response_url.as_deref()
    }

    /// What the headers said.
    #[must_use]
    pub fn headers(&self) -> &ResponseHeaders {
        &self.headers
    }

    /// The request field a validation error names (`body.prompt`), where
    /// the body's shape places one (`FastAPI`'s `loc`).
    #[must_use]
    pub fn request_field(&self) -> Option<&str> {
        self.extra.as_ref()?.request_field.as_deref()
    }

    /// `retry-after-ms` or `Retry-After`, when readable; else a wait the
    /// body asks for, where its shape places one (`retry_after`).
    #[must_use]
    pub fn retry_after(&self) -> Option<RetryAfter> {
        self.headers
            .retry_after()
            .or_else(|| self.extra.as_ref()?.retry_after.map(RetryAfter::Delay))
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
            Outcome::TaskFailed {
                error_type: Some(error_type),
                ..
            } => self.catalogue.error_type_retry(error_type),
            Outcome::TaskFailed {
                code: Some(code), ..
            }
            | Outcome::RequestFailed { code: Some(code) } => self.catalogue.code_retry(code),
            Outcome::TaskFailed { code: None, .. } | Outcome::RequestFailed { code: None } => {
                status_facts::retry(self.catalogue, self.status, self.source)
            }
        }
    }

    /// Text safe to show an end user. When the response comes from a
    /// source whose messages are documented as user-safe
    /// ([`Catalogue::source_messages_user_safe`]), the server's own message, if it
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
            Outcome::Succeeded => {
                return Cow::Borrowed(status_facts::succeeded_message(self.catalogue));
            }
            Outcome::Pending => {
                return Cow::Borrowed(status_facts::pending_message(self.catalogue));
            }
            Outcome::TaskFailed { code, .. } | Outcome::RequestFailed { code } => code,
        };
        if let Some(message) = self.safe_server_message() {
            return Cow::Borrowed(message);
        }
        Cow::Borrowed(code.map_or_else(
            || status_facts::user_message(self.catalogue, self.status),
            |code| self.catalogue.code_user_message(code),
        ))
    }

    /// The server's message, when its source documents its messages as
    /// user-safe and it passes the catalogue's leak rules.
    fn safe_server_message(&self) -> Option<&str> {
        let message = self.message.as_deref()?.trim();
        let safe = self
            .source
            .is_some_and(|source| self.catalogue.source_messages_user_safe(source))
            && !message.is_empty()
            && errors_vocab::leak::find(message).is_none();
        safe.then_some(message)
    }

    /// What the caller can do: the task's `error_type` remedies, else the
    /// code's, else the status's as the response's source gives them;
    /// empty when the source is unknown (one API's advice is not
    /// another's), for an uncatalogued status, and for anything that is
    /// not a failure.
    #[must_use]
    pub fn remedies(&self) -> &'static [&'static str] {
        match self.outcome {
            Outcome::Succeeded | Outcome::Pending => &[],
            Outcome::TaskFailed {
                error_type: Some(error_type),
                ..
            } => self.catalogue.error_type_remedies(error_type),
            Outcome::TaskFailed {
                code: Some(code), ..
            }
            | Outcome::RequestFailed { code: Some(code) } => self.catalogue.code_remedies(code),
            Outcome::TaskFailed { code: None, .. } | Outcome::RequestFailed { code: None } => {
                self.catalogued().map_or(&[], |status| {
                    self.catalogue.status_remedies(status, self.source)
                })
            }
        }
    }

    /// The same response, owning all its text.
    #[must_use]
    pub fn into_owned(self) -> Classified<'static, C> {
        Classified {
            catalogue: self.catalogue,
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
            extra: self.extra.map(|extra| Box::new(extra.into_owned())),
            headers: self.headers,
        }
    }
}

/// For logs, not for users: status, code, the server's message and the
/// ids. Show [`Classified::user_message`] to users.
impl<C: Catalogue> fmt::Display for Classified<'_, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.status.as_u16())?;
        match (self.code(), self.wire_code.as_deref()) {
            (Some(code), _) => write!(f, " {}", self.catalogue.code_id(code))?,
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
impl<C: Catalogue> std::error::Error for Classified<'_, C> {}

impl<C: Catalogue> ErrorTaxonomy<C> for Classified<'_, C> {
    fn code(&self) -> Option<C::Code> {
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
