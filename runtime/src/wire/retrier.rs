//! One retry driver for any transport: a sans-IO [`Retrier`] that is told
//! each response or transport failure and answers what to do next, and
//! [`send_with_retries`], which runs it over a user's "send once" future.
//!
//! The retrier applies the [`RetryPolicy`]'s decision, the deadline and
//! the policy's budget; it counts attempts as made. It sends nothing and
//! sleeps nowhere, so the same logic serves `reqwest`, `tower`, `hyper`
//! or a test that feeds it canned responses.
//!
//! ```
//! # extern crate errors_runtime as errors_core;
//! use std::time::{Duration, Instant};
//! use errors_core::wire::{classify, Decision, IdempotencyKey, Operation, Retrier, RetryPolicy, StopReason, TransportFailure};
//!
//! let policy = RetryPolicy::default();
//! let mut retrier = Retrier::new(&policy, Operation::Create { idempotency_key: IdempotencyKey::Absent });
//! let now = Instant::now();
//!
//! // A 429 asks for 1 s: safe to repeat, even unkeyed.
//! let mut headers = http::HeaderMap::new();
//! headers.insert("retry-after", http::HeaderValue::from_static("1"));
//! let limited = classify(http::StatusCode::TOO_MANY_REQUESTS, &headers, b"");
//! assert_eq!(retrier.on_response(&limited, now), Decision::Retry { after: Duration::from_secs(1) });
//!
//! // A reset after the request was sent: the task may exist, so stop.
//! assert_eq!(
//!     retrier.on_transport_failure(TransportFailure::SentThenFailed, now),
//!     Decision::Stop { reason: StopReason::NotIdempotent }
//! );
//! assert_eq!(retrier.attempts(), 2);
//! ```

use std::borrow::Borrow;
use std::future::{Future, poll_fn};
use std::pin::pin;
use std::task::Poll;
use std::time::{Duration, Instant};

use super::Catalogue;
use super::classify::Classified;
use super::decide::{Decision, Operation, RetryPolicy, StopReason, TransportFailure};
use super::trace::{Driver, Origin, TraceSpan};
use crate::Taxonomy;

/// Drives the retries of one request: counts attempts, asks the policy,
/// and keeps every wait within the deadline. `P` is how the policy is
/// held: `&RetryPolicy`, `Arc<RetryPolicy>`, or the policy itself.
#[derive(Debug, Clone)]
pub struct Retrier<P = std::sync::Arc<RetryPolicy>> {
    policy: P,
    operation: Operation,
    attempts: u32,
    deadline: Option<Instant>,
    /// Who drives it, for the labels of what it reports.
    origin: Origin,
}

impl<P: Borrow<RetryPolicy>> Retrier<P> {
    /// A retrier for one request of `operation`, with no deadline.
    pub fn new(policy: P, operation: Operation) -> Self {
        Self {
            policy,
            operation,
            attempts: 0,
            deadline: None,
            origin: Origin::new(Driver::Retrier, None),
        }
    }

    /// Says that `driver` runs this retrier, for a request of `method`
    /// when it knows it: the labels of the counters it reports.
    #[must_use]
    #[cfg(any(
        feature = "tower",
        feature = "reqwest-middleware",
        feature = "backon",
        feature = "queue"
    ))]
    pub(crate) fn driven_by(mut self, driver: Driver, method: Option<&http::Method>) -> Self {
        self.origin = Origin::new(driver, method);
        self
    }

    /// Ends every wait before `deadline`.
    #[must_use]
    pub fn with_deadline(mut self, deadline: Instant) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// The policy in force.
    pub fn policy(&self) -> &RetryPolicy {
        self.policy.borrow()
    }

    /// The request's operation.
    pub fn operation(&self) -> Operation {
        self.operation
    }

    /// Attempts made so far: the responses and failures reported.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The deadline, if any.
    pub fn deadline(&self) -> Option<Instant> {
        self.deadline
    }

    /// Time left before the deadline (zero once past); `None` without one.
    pub fn remaining(&self, now: Instant) -> Option<Duration> {
        self.deadline
            .map(|deadline| deadline.saturating_duration_since(now))
    }

    /// Whether a wait of `after` from `now` ends by the deadline.
    pub fn allows_wait(&self, after: Duration, now: Instant) -> bool {
        wait_fits(self.deadline, after, now)
    }

    /// Reports a response (one more attempt made) and answers what next:
    /// the policy's [`Decision`], with a retry whose wait would end past
    /// the deadline turned into `Stop(OutOfTime)`.
    pub fn on_response<C: Catalogue>(
        &mut self,
        response: &Classified<'_, C>,
        now: Instant,
    ) -> Decision {
        self.attempts = self.attempts.saturating_add(1);
        let decision = self
            .policy
            .borrow()
            .decide(response, self.operation, self.attempts);
        let decision = self.next(decision, now);
        super::trace::response_decision(self.origin, response, self.attempts, decision);
        decision
    }

    /// Reports a failure without a response (one more attempt made) and
    /// answers what next, as [`Retrier::on_response`] does.
    pub fn on_transport_failure(&mut self, failure: TransportFailure, now: Instant) -> Decision {
        self.attempts = self.attempts.saturating_add(1);
        let decision =
            self.policy
                .borrow()
                .decide_transport(failure, self.operation, self.attempts);
        let decision = self.next(decision, now);
        super::trace::failure_decision(self.origin, failure, self.attempts, decision);
        decision
    }

    fn next(&self, decision: Decision, now: Instant) -> Decision {
        match decision {
            Decision::Retry { after } if !self.allows_wait(after, now) => Decision::Stop {
                reason: StopReason::OutOfTime,
            },
            decision => decision,
        }
    }
}

/// Whether a wait of `after` from `now` ends by `deadline`: the one check
/// before every sleep, whether a retry's or a poll's.
pub(crate) fn wait_fits(deadline: Option<Instant>, after: Duration, now: Instant) -> bool {
    deadline.is_none_or(|deadline| after <= deadline.saturating_duration_since(now))
}

/// A response a [`Retrier`] can judge. A type that keeps its
/// classification lends it; one that does not classifies on the spot. An
/// `http::Response` is read with the built-in catalogue; a response read
/// with another is lent as its [`Classified`].
pub trait AsClassified {
    /// The catalogue the response is read with.
    type Catalogue: Catalogue;
    /// Calls `judge` with what the response means.
    fn with_classified<T>(&self, judge: impl FnOnce(&Classified<'_, Self::Catalogue>) -> T) -> T;
}

impl<B: AsRef<[u8]>> AsClassified for http::Response<B> {
    type Catalogue = Taxonomy;

    fn with_classified<T>(&self, judge: impl FnOnce(&Classified<'_>) -> T) -> T {
        judge(&super::classify(
            self.status(),
            self.headers(),
            self.body().as_ref(),
        ))
    }
}

impl<C: Catalogue> AsClassified for Classified<'_, C> {
    type Catalogue = C;

    fn with_classified<T>(&self, judge: impl FnOnce(&Classified<'_, C>) -> T) -> T {
        judge(self)
    }
}

/// A failure without a response, as a "send once" future reports it:
/// how it failed, and the transport's own error.
#[derive(Debug)]
pub struct NoResponse<E> {
    /// How it failed: whether the request can have reached the server.
    pub failure: TransportFailure,
    /// The transport's error.
    pub error: E,
}

/// How [`send_with_retries`] ended.
#[derive(Debug)]
#[non_exhaustive]
pub enum Sent<R, E> {
    /// A response that ends the exchange, and what the policy made of it.
    Answered {
        /// The last response.
        response: R,
        /// The policy's decision on it (`Stop`, `KeepPolling`, `SubmitNew`, …).
        decision: Decision,
        /// Attempts made, the first included.
        attempts: u32,
    },
    /// No response, and the policy will not retry.
    Unanswered {
        /// The last failure.
        error: NoResponse<E>,
        /// The policy's decision on it.
        decision: Decision,
        /// Attempts made, the first included.
        attempts: u32,
    },
    /// The deadline passed during an attempt, or a wait would pass it.
    OutOfTime {
        /// Attempts made (or started), the first included.
        attempts: u32,
    },
}

/// Sends with `send` until the [`Retrier`] says to stop: every response
/// or failure goes through it, every wait through `sleep` (such as
/// `tokio::time::sleep`; any runtime's will do), and an attempt still
/// running at the deadline is dropped.
///
/// ```
/// # extern crate errors_runtime as errors_core;
/// # async fn run() {
/// use std::time::Duration;
/// use errors_core::wire::{Operation, Retrier, RetryPolicy, Sent, NoResponse, send_with_retries};
///
/// let policy = RetryPolicy::default();
/// let mut retrier = Retrier::new(&policy, Operation::Idempotent);
/// let mut calls = 0;
/// let sent = send_with_retries(
///     &mut retrier,
///     || {
///         calls += 1;
///         let status = if calls == 1 { 503 } else { 200 };
///         let response = http::Response::builder().status(status).body(Vec::new());
///         async move { response.map_err(|error| NoResponse { failure: errors_core::wire::TransportFailure::NeverConnected, error }) }
///     },
///     |_wait: Duration| async {},
/// )
/// .await;
/// assert!(matches!(sent, Sent::Answered { attempts: 2, .. }));
/// # }
/// ```
pub async fn send_with_retries<P, R, E, Send, SendFuture, Sleep, SleepFuture>(
    retrier: &mut Retrier<P>,
    send: Send,
    sleep: Sleep,
) -> Sent<R, E>
where
    P: Borrow<RetryPolicy>,
    R: AsClassified,
    Send: FnMut() -> SendFuture,
    SendFuture: Future<Output = Result<R, NoResponse<E>>>,
    Sleep: FnMut(Duration) -> SleepFuture,
    SleepFuture: Future<Output = ()>,
{
    let span = TraceSpan::request(retrier.operation(), None, None);
    span.around(exchange(retrier, send, sleep)).await
}

/// [`send_with_retries`]'s loop, inside the request's span.
async fn exchange<P, R, E, Send, SendFuture, Sleep, SleepFuture>(
    retrier: &mut Retrier<P>,
    mut send: Send,
    mut sleep: Sleep,
) -> Sent<R, E>
where
    P: Borrow<RetryPolicy>,
    R: AsClassified,
    Send: FnMut() -> SendFuture,
    SendFuture: Future<Output = Result<R, NoResponse<E>>>,
    Sleep: FnMut(Duration) -> SleepFuture,
    SleepFuture: Future<Output = ()>,
{
    loop {
        let span = TraceSpan::attempt(None, None, retrier.attempts());
        // `began`: whether an attempt was sent before the deadline stopped it.
        let (attempt, began) = match retrier.remaining(Instant::now()) {
            None => (Some(span.around(send()).await), true),
            Some(left) if left.is_zero() => (None, false),
            Some(left) => (first(span.around(send()), sleep(left)).await, true),
        };
        let Some(attempt) = attempt else {
            let attempts = retrier.attempts().saturating_add(1);
            // No decision was asked: the deadline decided. Reported as the
            // retrier's own stops are, with the attempt it cut.
            super::trace::deadline_passed(retrier.origin, attempts, began);
            return Sent::OutOfTime { attempts };
        };
        let now = Instant::now();
        let decision = match &attempt {
            Ok(response) => response.with_classified(|classified| {
                span.status(classified.status());
                retrier.on_response(classified, now)
            }),
            Err(unanswered) => {
                span.failure(unanswered.failure);
                retrier.on_transport_failure(unanswered.failure, now)
            }
        };
        let attempts = retrier.attempts();
        match decision {
            Decision::Retry { after } => sleep(after).await,
            Decision::Stop {
                reason: StopReason::OutOfTime,
            } => return Sent::OutOfTime { attempts },
            decision => {
                return match attempt {
                    Ok(response) => Sent::Answered {
                        response,
                        decision,
                        attempts,
                    },
                    Err(error) => Sent::Unanswered {
                        error,
                        decision,
                        attempts,
                    },
                };
            }
        }
    }
}

/// `work`'s output, unless `timer` ends first (then `None`).
async fn first<T>(work: impl Future<Output = T>, timer: impl Future<Output = ()>) -> Option<T> {
    let mut work = pin!(work);
    let mut timer = pin!(timer);
    poll_fn(|cx| {
        if let Poll::Ready(output) = work.as_mut().poll(cx) {
            return Poll::Ready(Some(output));
        }
        timer.as_mut().poll(cx).map(|()| None)
    })
    .await
}
