//! What the calls of a [`QueueClient`](super::QueueClient) return.

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

use ::reqwest::Url;

use crate::wire::{Catalogue, Classified, Decision, Operation, Reported, TransportFailure};
use crate::{ErrorTaxonomy, Retry, Taxonomy};

/// A task the queue accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    /// The id status polls, result fetches and cancels need (000: save it
    /// as soon as the task is created).
    pub request_id: String,
    /// The endpoint it runs on.
    pub endpoint: String,
    pub(super) status_url: Url,
    pub(super) response_url: Url,
}

impl Task {
    /// Where its status is polled.
    #[must_use]
    pub fn status_url(&self) -> &Url {
        &self.status_url
    }

    /// Where its result is fetched.
    #[must_use]
    pub fn response_url(&self) -> &Url {
        &self.response_url
    }
}

/// A task's state, as one status poll reported it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct TaskState<C: Catalogue = Taxonomy> {
    /// `status` as sent; an unknown one is kept, and is not terminal.
    pub status: Reported<'static, C::TaskStatus>,
    /// `queue_position`, while `IN_QUEUE`.
    pub queue_position: Option<u64>,
    /// Why it failed, when it is `COMPLETED` with an `error`.
    pub failure: Option<TaskFailure<C>>,
    /// Whether the catalogue calls the status terminal.
    pub(super) terminal: bool,
}

impl<C: Catalogue> TaskState<C> {
    /// Whether the task has stopped: its status is one the catalogue
    /// calls terminal (002: only `COMPLETED`).
    #[must_use]
    pub fn is_terminal(&self) -> bool {
        self.terminal
    }
}

/// How waiting for a task ended.
#[derive(Debug)]
#[non_exhaustive]
pub enum TaskEnd<C: Catalogue = Taxonomy> {
    /// `COMPLETED` without `error`: the result, as fetched.
    Completed(serde_json::Value),
    /// `COMPLETED` with `error`: the task ran and failed.
    Failed(TaskFailure<C>),
    /// A request failed and the policy (or the deadline) stopped the client.
    Stopped(QueueError<C>),
}

/// A task that reached `COMPLETED` with an `error` (002).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct TaskFailure<C: Catalogue = Taxonomy> {
    /// The task's request id.
    pub request_id: String,
    /// `error_type` as sent; `None` when the server sent only `error`.
    pub error_type: Option<Reported<'static, C::ErrorType>>,
    /// The catalogued code of the failure: its `error_type`'s, else its
    /// message's, else the code the catalogue gives a failed task of its
    /// source (`task_failed` for the queue); `None` only when the
    /// catalogue gives none.
    pub code: Option<C::Code>,
    /// The HTTP status the code travels with (500 without a code): what a
    /// service answers when it passes the failure on.
    pub status: http::StatusCode,
    /// The server's `error` text ("Task execution failed"). Not vetted
    /// for end users: show [`TaskFailure::user_message`].
    pub error: Option<String>,
    /// Text safe to show an end user.
    pub user_message: String,
    /// What the caller can do about it.
    pub remedies: &'static [&'static str],
    /// Whether submitting a new task may help, as the catalogue says.
    pub retry: Retry,
    /// What the policy says about submitting a new task: `SubmitNew`
    /// (after a wait) or `Stop` with the reason.
    pub advice: Decision,
}

impl<C: Catalogue> TaskFailure<C> {
    /// A failed task as `classified` reports it; `None` if it reports none.
    pub(super) fn of(
        request_id: &str,
        classified: &Classified<'_, C>,
        advice: Decision,
    ) -> Option<Self> {
        if !classified.is_task_failure() {
            return None;
        }
        let code = classified.code();
        Some(Self {
            request_id: request_id.to_owned(),
            error_type: classified.error_type().cloned().map(Reported::into_owned),
            code,
            status: code.map_or(http::StatusCode::INTERNAL_SERVER_ERROR, |code| {
                classified.catalogue().code_status(code)
            }),
            error: classified.message().map(str::to_owned),
            user_message: classified.user_message().into_owned(),
            remedies: classified.remedies(),
            retry: classified.retry(),
            advice,
        })
    }

    /// The catalogued `error_type`, if the server sent one the catalogue knows.
    #[must_use]
    pub fn known_error_type(&self) -> Option<C::ErrorType> {
        self.error_type.as_ref().and_then(Reported::known)
    }
}

/// A task failure answers as its code, so a service can re-raise it.
impl<C: Catalogue> ErrorTaxonomy<C> for TaskFailure<C> {
    fn code(&self) -> Option<C::Code> {
        self.code
    }

    fn status(&self) -> http::StatusCode {
        self.status
    }

    fn retry(&self) -> Retry {
        self.retry
    }

    fn user_message(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.user_message)
    }

    fn remedies(&self) -> &'static [&'static str] {
        self.remedies
    }
}

/// A request of the protocol that failed for good.
#[derive(Debug)]
#[non_exhaustive]
pub struct QueueError<C: Catalogue = Taxonomy> {
    /// The request that failed.
    pub operation: Operation,
    /// The task's request id when known, else the one the response carried.
    pub request_id: Option<String>,
    /// Requests of this operation made in the call, the first included
    /// (for a wait, every status poll and its retries).
    pub attempts: u32,
    /// What stopped it.
    pub kind: QueueErrorKind<C>,
}

/// What stopped a [`QueueClient`](super::QueueClient).
#[derive(Debug)]
#[non_exhaustive]
pub enum QueueErrorKind<C: Catalogue = Taxonomy> {
    /// The server answered with an error the policy will not retry (any
    /// more): the classified response and the decision.
    Rejected {
        /// The classified response.
        response: Box<Classified<'static, C>>,
        /// What the policy decided.
        decision: Decision,
    },
    /// No response, and the policy will not retry.
    Unreachable {
        /// How it failed.
        failure: TransportFailure,
        /// The transport error.
        error: ::reqwest::Error,
        /// What the policy decided.
        decision: Decision,
    },
    /// The client's `max_wait` ran out (or the next wait would pass it).
    OutOfTime {
        /// How long the call had been running.
        waited: Duration,
    },
    /// The server answered success, but not in the protocol's shape.
    Protocol {
        /// The classified response.
        response: Box<Classified<'static, C>>,
        /// What was wrong with it.
        problem: &'static str,
    },
}

impl<C: Catalogue> QueueError<C> {
    /// The classified response, when the server answered.
    #[must_use]
    pub fn response(&self) -> Option<&Classified<'static, C>> {
        match &self.kind {
            QueueErrorKind::Rejected { response, .. }
            | QueueErrorKind::Protocol { response, .. } => Some(response),
            QueueErrorKind::Unreachable { .. } | QueueErrorKind::OutOfTime { .. } => None,
        }
    }

    /// The decision that stopped the client, when the policy made one.
    #[must_use]
    pub fn decision(&self) -> Option<Decision> {
        match &self.kind {
            QueueErrorKind::Rejected { decision, .. }
            | QueueErrorKind::Unreachable { decision, .. } => Some(*decision),
            QueueErrorKind::OutOfTime { .. } | QueueErrorKind::Protocol { .. } => None,
        }
    }
}

/// For logs: which request, how many attempts, and the server's answer.
impl<C: Catalogue> fmt::Display for QueueError<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let operation = match self.operation {
            Operation::Create { .. } => "create",
            Operation::StatusPoll => "status poll",
            Operation::ResultFetch => "result fetch",
            Operation::Cancel => "cancel",
            _ => "request",
        };
        let plural = if self.attempts == 1 { "" } else { "s" };
        write!(
            f,
            "{operation} failed after {} attempt{plural}: ",
            self.attempts
        )?;
        match &self.kind {
            QueueErrorKind::Rejected { response, .. } => write!(f, "{response}"),
            QueueErrorKind::Unreachable { error, .. } => write!(f, "no response: {error}"),
            QueueErrorKind::OutOfTime { waited } => {
                write!(f, "out of time after {} ms", waited.as_millis())
            }
            QueueErrorKind::Protocol { response, problem } => write!(f, "{problem} ({response})"),
        }
    }
}

impl<C: Catalogue> std::error::Error for QueueError<C> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            QueueErrorKind::Unreachable { error, .. } => Some(error),
            _ => None,
        }
    }
}
