//! What a decision is about and what it answers: the operation, how a
//! request failed without a response, the decision, and why it stops.

use std::fmt;
use std::time::Duration;

/// How a computed backoff is randomised, so that many clients that failed
/// together do not come back together.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum Jitter {
    /// Uniform in `[0, backoff]` (AWS's "full jitter").
    Full,
    /// Shortened by up to this fraction (0.25: uniform in
    /// `[0.75·backoff, backoff]`, the `OpenAI` client's choice). Must be
    /// in `[0, 1]`: [`RetryPolicyBuilder::build`](crate::wire::RetryPolicyBuilder::build) refuses anything else.
    Bounded(f64),
    /// The backoff exactly.
    None,
}

/// Which request failed: the same error calls for different action on a
/// create than on a status poll.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Operation {
    /// Submitting a task (or a sync run), or any request that is not
    /// idempotent (RFC 9110 §9.2.2: `POST`, `PATCH`): not repeated after
    /// an ambiguous failure unless it carries an idempotency key.
    Create {
        /// Whether the request carries an idempotency key, so that a
        /// repeat cannot create a second task.
        idempotency_key: IdempotencyKey,
    },
    /// Polling a task's status: a read, safe to repeat, and retried more.
    StatusPoll,
    /// Fetching a task's result from its `response_url`: a read.
    ResultFetch,
    /// Canceling a task: repeating it changes nothing.
    Cancel,
    /// Any other request whose repetition changes nothing: an idempotent
    /// method (RFC 9110 §9.2.2: `GET`, `HEAD`, `OPTIONS`, `TRACE`, `PUT`,
    /// `DELETE`).
    Idempotent,
}

/// Whether a create carries an idempotency key: with one, the server tells
/// a repeat from a new request, so a repeat after an ambiguous failure
/// cannot create a second task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdempotencyKey {
    /// The request carries one.
    Sent,
    /// It carries none.
    Absent,
}

impl IdempotencyKey {
    /// [`IdempotencyKey::Sent`] when `key` is there.
    #[must_use]
    pub const fn of<T: ?Sized>(key: Option<&T>) -> Self {
        if key.is_some() {
            Self::Sent
        } else {
            Self::Absent
        }
    }

    /// Whether the request carries one.
    #[must_use]
    pub const fn is_sent(self) -> bool {
        matches!(self, Self::Sent)
    }
}

impl Operation {
    /// The operation of a request sent with `method`: [`Operation::Idempotent`]
    /// for the methods RFC 9110 §9.2.2 calls idempotent, else
    /// [`Operation::Create`] with `idempotency_key` (whether the request
    /// carries one).
    ///
    /// ```
    /// # extern crate errors_runtime as errors_core;
    /// use errors_core::wire::{IdempotencyKey, Operation};
    ///
    /// let get = Operation::from_method(&http::Method::GET, IdempotencyKey::Absent);
    /// assert_eq!(get, Operation::Idempotent);
    /// assert_eq!(
    ///     Operation::from_method(&http::Method::POST, IdempotencyKey::Sent),
    ///     Operation::Create { idempotency_key: IdempotencyKey::Sent }
    /// );
    /// ```
    #[must_use]
    pub fn from_method(method: &http::Method, idempotency_key: IdempotencyKey) -> Self {
        use http::Method;
        let idempotent = [
            Method::GET,
            Method::HEAD,
            Method::OPTIONS,
            Method::TRACE,
            Method::PUT,
            Method::DELETE,
        ];
        if idempotent.contains(method) {
            Self::Idempotent
        } else {
            Self::Create { idempotency_key }
        }
    }

    /// Whether a repeat after an ambiguous failure cannot make a second
    /// effect: anything but a create without an idempotency key.
    #[must_use]
    pub fn may_repeat(self) -> bool {
        self != Self::Create {
            idempotency_key: IdempotencyKey::Absent,
        }
    }
}

/// How a request failed without a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportFailure {
    /// No connection was made (refused, DNS, TLS): nothing reached the
    /// server, so any request may be repeated.
    NeverConnected,
    /// The request was sent and no answer came in time: the server may
    /// have applied it.
    SentThenTimedOut,
    /// The request was sent and the connection failed (reset, closed,
    /// a body cut short): the server may have applied it.
    SentThenFailed,
}

impl TransportFailure {
    /// Whether the server may have applied the request.
    #[must_use]
    pub fn is_ambiguous(self) -> bool {
        !matches!(self, Self::NeverConnected)
    }

    /// Whether the failure was a timeout (it costs a budget more).
    #[must_use]
    pub fn is_timeout(self) -> bool {
        matches!(self, Self::SentThenTimedOut)
    }
}

/// Why a client should stop, phrased for what to tell the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StopReason {
    /// Nothing failed (success, or a pending task on a cancel).
    NotAnError,
    /// The request itself must change: invalid input, unknown model or
    /// task, conflict, blocked content.
    FixRequest,
    /// The API key is missing, malformed, expired or revoked.
    FixCredentials,
    /// The key is valid but not allowed to do this (model, plan, locked resource).
    NotPermitted,
    /// The account lacks balance or quota.
    FixBilling,
    /// The feature is not available (501, SSE, webhooks).
    NotSupported,
    /// The server asks for a longer wait than the policy's
    /// `max_retry_after`: retry later, not automatically.
    WaitLongerThanCap {
        /// The wait the server asked for.
        wait: Duration,
    },
    /// A create without idempotency key failed ambiguously: the task may
    /// exist, and repeating the create could make a second one.
    NotIdempotent,
    /// The allowed attempts are used up.
    AttemptsExhausted,
    /// The shared retry budget is empty: the upstream is failing broadly.
    BudgetExhausted,
    /// The caller canceled (499, `CANCELED`).
    UserCanceled,
    /// The caller's own deadline expired (504 with
    /// `x-fal-request-timeout-type: user`).
    UserDeadline,
    /// The server said not to retry (`x-should-retry: false`).
    ServerSaidNo,
    /// The policy would retry, but the wait would end past the request's
    /// deadline (a [`Retrier`](crate::wire::Retrier)'s), or it has passed.
    OutOfTime,
}

/// What to do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Decision {
    /// Send the same request again after `after`.
    Retry {
        /// How long to wait first.
        after: Duration,
    },
    /// The task is still running: poll again after `after`.
    KeepPolling {
        /// How long to wait first.
        after: Duration,
    },
    /// The synchronous call hit its ceiling: submit it again asynchronously
    /// and poll (`sync_timeout_upgrade_async`).
    ResubmitAsync,
    /// The task ended in a failure that a new task may not repeat: submit
    /// a new task after `after` (the failed one will not change).
    SubmitNew {
        /// How long to wait first.
        after: Duration,
    },
    /// Do not retry automatically.
    Stop {
        /// Why, to tell the user the right thing.
        reason: StopReason,
    },
}

impl Decision {
    pub(super) fn retry(after: Duration) -> Self {
        Self::Retry { after }
    }

    pub(super) fn submit_new(after: Duration) -> Self {
        Self::SubmitNew { after }
    }

    /// What the decision is, as a word for logs and machine-read output:
    /// `retry`, `keep_polling`, `resubmit_async`, `submit_new` or `stop`.
    #[must_use]
    pub fn action(self) -> &'static str {
        match self {
            Self::Retry { .. } => "retry",
            Self::KeepPolling { .. } => "keep_polling",
            Self::ResubmitAsync => "resubmit_async",
            Self::SubmitNew { .. } => "submit_new",
            Self::Stop { .. } => "stop",
        }
    }

    /// Why it stops, when it does.
    #[must_use]
    pub fn stop_reason(self) -> Option<StopReason> {
        match self {
            Self::Stop { reason } => Some(reason),
            _ => None,
        }
    }

    /// How long to wait before acting on the decision, when it says to
    /// act again (`Retry`, `KeepPolling`, `SubmitNew`).
    #[must_use]
    pub fn after(self) -> Option<Duration> {
        match self {
            Self::Retry { after } | Self::KeepPolling { after } | Self::SubmitNew { after } => {
                Some(after)
            }
            Self::ResubmitAsync | Self::Stop { .. } => None,
        }
    }
}

/// What to do, in words for a person (`retry after 448 ms`, `retry after
/// 12 s`).
impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Retry { after } => write!(f, "retry after {}", Wait(*after)),
            Self::KeepPolling { after } => write!(f, "keep polling every {}", Wait(*after)),
            Self::ResubmitAsync => f.write_str("resubmit asynchronously and poll"),
            Self::SubmitNew { after } => write!(
                f,
                "a new task may succeed: submit one after {}",
                Wait(*after)
            ),
            Self::Stop { reason } => reason.fmt(f),
        }
    }
}

/// A wait as a person reads it: milliseconds below a second (`448 ms`),
/// seconds to a tenth above (`12 s`, `1.5 s`), minutes and seconds from a
/// minute (`2 min 5 s`).
struct Wait(Duration);

impl fmt::Display for Wait {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let millis = self.0.as_millis();
        if millis < 1000 {
            return write!(f, "{millis} ms");
        }
        let tenths = (millis + 50) / 100;
        if tenths < 600 {
            return match tenths % 10 {
                0 => write!(f, "{} s", tenths / 10),
                tenth => write!(f, "{}.{tenth} s", tenths / 10),
            };
        }
        let seconds = (millis + 500) / 1000;
        match seconds % 60 {
            0 => write!(f, "{} min", seconds / 60),
            rest => write!(f, "{} min {rest} s", seconds / 60),
        }
    }
}

impl StopReason {
    /// The reason as a word for logs and machine-read output
    /// (`fix_credentials`, `not_idempotent`, `budget_exhausted`, …).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotAnError => "not_an_error",
            Self::FixRequest => "fix_request",
            Self::FixCredentials => "fix_credentials",
            Self::NotPermitted => "not_permitted",
            Self::FixBilling => "fix_billing",
            Self::NotSupported => "not_supported",
            Self::WaitLongerThanCap { .. } => "wait_longer_than_cap",
            Self::NotIdempotent => "not_idempotent",
            Self::AttemptsExhausted => "attempts_exhausted",
            Self::BudgetExhausted => "budget_exhausted",
            Self::UserCanceled => "user_canceled",
            Self::UserDeadline => "user_deadline",
            Self::ServerSaidNo => "server_said_no",
            Self::OutOfTime => "out_of_time",
        }
    }
}

/// Why to stop, in words for a person, with what to do instead.
impl fmt::Display for StopReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::NotAnError => "nothing to do: it did not fail",
            Self::FixRequest => "do not retry: change the request before sending it again",
            Self::FixCredentials => "do not retry: fix the API key, then send it again",
            Self::NotPermitted => {
                "do not retry: this key may not do this; ask for access or use another model"
            }
            Self::FixBilling => "do not retry: top up or change the plan, then send it again",
            Self::NotSupported => "do not retry: the API does not offer this; do it another way",
            Self::WaitLongerThanCap { .. } => {
                "stop: the server asks for a longer wait than this client accepts; try again later"
            }
            Self::NotIdempotent => {
                "do not repeat it: the task may exist already; check before creating it again, or send an idempotency key"
            }
            Self::AttemptsExhausted => "stop: the retries are used up; try again later",
            Self::BudgetExhausted => "stop: the service is failing broadly; try again later",
            Self::UserCanceled => {
                "stop: it was canceled; submit a new task if the result is still wanted"
            }
            Self::UserDeadline => "stop: your own deadline expired; allow more time",
            Self::ServerSaidNo => "do not retry: the server said not to",
            Self::OutOfTime => "stop: no time is left before the deadline; allow more time",
        })
    }
}
