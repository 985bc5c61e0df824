//! What a client's retries look like from outside: through `tracing`
//! (feature `tracing`), a span per logical request and one per attempt,
//! and an event per decision; through the `metrics` facade (feature
//! `metrics`), counters (named in `wire::metrics`). Each decision is
//! reported once, by the [`Retrier`](super::Retrier), to the functions at
//! the end of this module, which feed both; without either feature every
//! function here is empty and compiles away.
//!
//! Attribute names follow OpenTelemetry's HTTP semantic conventions where
//! one exists (`http.request.method`, `server.address`,
//! `http.request.resend_count`, `http.response.status_code`, `error.type`),
//! and are the catalogue's words where none does (`errors.code`,
//! `errors.source`, `errors.decision`, `errors.wait_ms`,
//! `errors.stop_reason`, `errors.request_id`). No field carries a body, a
//! message or any other text the server or the user wrote, except the
//! request id, which support asks for (and which no counter carries).
//!
//! Levels a service can leave on: a retry, a wait or a poll at `DEBUG`;
//! a success at `TRACE`; giving up on a failure at `WARN`.

use crate::wire::Catalogue;
use crate::wire::classify::Classified;
use std::future::Future;

#[cfg(feature = "tracing")]
use crate::wire::decide::StopReason;
use crate::wire::decide::{Decision, Operation, TransportFailure};

/// Which code drives a [`Retrier`](super::Retrier): the
/// `errors.integration` label of its counters. Each integration's variant
/// exists only with its feature, so that none is ever unused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Driver {
    /// A `Retrier` used directly, or through `send_with_retries`.
    Retrier,
    /// `integrations::tower`.
    #[cfg(feature = "tower")]
    Tower,
    /// `integrations::reqwest_middleware`.
    #[cfg(feature = "reqwest-middleware")]
    ReqwestMiddleware,
    /// `integrations::backon`.
    #[cfg(feature = "backon")]
    Backon,
    /// `integrations::queue`.
    #[cfg(feature = "queue")]
    Queue,
}

/// What a retrier's reports say about where they come from: its driver
/// and, when the driver knows it, the request's method. Empty without the
/// `metrics` feature: only the counters' labels read it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Origin {
    #[cfg(feature = "metrics")]
    pub(crate) driver: Driver,
    /// OpenTelemetry's spelling of the method: a standard one, or `_OTHER`.
    #[cfg(feature = "metrics")]
    pub(crate) method: Option<&'static str>,
}

impl Origin {
    /// The reports of `driver`, for a request of `method` when known.
    #[cfg_attr(not(feature = "metrics"), allow(unused_variables))]
    pub(crate) fn new(driver: Driver, method: Option<&http::Method>) -> Self {
        Self {
            #[cfg(feature = "metrics")]
            driver,
            #[cfg(feature = "metrics")]
            method: method.map(super::metrics::method_label),
        }
    }
}

/// An operation as a low-cardinality word.
#[cfg(feature = "tracing")]
pub(crate) fn operation_word(operation: Operation) -> &'static str {
    match operation {
        Operation::Create { .. } => "create",
        Operation::StatusPoll => "status_poll",
        Operation::ResultFetch => "result_fetch",
        Operation::Cancel => "cancel",
        Operation::Idempotent => "idempotent",
    }
}

/// A span: of one logical request, of one call of a client that makes
/// several (the queue client's `submit`, `wait`, `run`), or of one attempt.
/// Empty without the feature.
#[derive(Debug, Clone)]
pub(crate) struct TraceSpan(#[cfg(feature = "tracing")] tracing::Span);

impl TraceSpan {
    /// The span of one logical request: its attempts, waits and decisions.
    /// `operation` is what the request does (the catalogue's word); the
    /// method and the server's host when the caller knows them.
    #[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
    pub(crate) fn request(
        operation: Operation,
        method: Option<&str>,
        server: Option<&str>,
    ) -> Self {
        Self(
            #[cfg(feature = "tracing")]
            tracing::info_span!(
                "errors.request",
                "errors.operation" = operation_word(operation),
                "http.request.method" = method,
                "server.address" = server,
            ),
        )
    }

    /// The span of `call` (`"submit"`, `"wait"`, `"run"`): each request's
    /// own span inside it.
    #[cfg(feature = "queue")]
    #[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
    pub(crate) fn call(call: &'static str, endpoint: &str) -> Self {
        Self(
            #[cfg(feature = "tracing")]
            tracing::info_span!(
                "errors.call",
                "errors.call" = call,
                "errors.endpoint" = endpoint
            ),
        )
    }

    /// The client span of the attempt after `resend_count` earlier ones
    /// (OpenTelemetry: each resend its own span, `http.request.resend_count`
    /// from the first resend on).
    #[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
    pub(crate) fn attempt(method: Option<&str>, server: Option<&str>, resend_count: u32) -> Self {
        #[cfg(feature = "tracing")]
        {
            let span = tracing::info_span!(
                "errors.attempt",
                "http.request.method" = method,
                "server.address" = server,
                "http.request.resend_count" = tracing::field::Empty,
                "http.response.status_code" = tracing::field::Empty,
                "error.type" = tracing::field::Empty,
            );
            if resend_count > 0 {
                span.record("http.request.resend_count", resend_count);
            }
            Self(span)
        }
        #[cfg(not(feature = "tracing"))]
        Self()
    }

    /// `work`, run inside the span.
    #[cfg_attr(not(feature = "tracing"), allow(clippy::unused_self))]
    pub(crate) fn around<F: Future>(&self, work: F) -> impl Future<Output = F::Output> {
        #[cfg(feature = "tracing")]
        return tracing::Instrument::instrument(work, self.0.clone());
        #[cfg(not(feature = "tracing"))]
        work
    }

    /// Records the status an attempt got back (and, for a failure, it as
    /// `error.type`).
    #[cfg_attr(not(feature = "tracing"), allow(unused_variables, clippy::unused_self))]
    pub(crate) fn status(&self, status: http::StatusCode) {
        #[cfg(feature = "tracing")]
        {
            self.0.record("http.response.status_code", status.as_u16());
            if status.is_client_error() || status.is_server_error() {
                self.0.record("error.type", status.as_str());
            }
        }
    }

    /// Records that an attempt got no response.
    #[cfg_attr(not(feature = "tracing"), allow(unused_variables, clippy::unused_self))]
    pub(crate) fn failure(&self, failure: TransportFailure) {
        #[cfg(feature = "tracing")]
        self.0.record("error.type", failure_word(failure));
    }
}

/// A transport failure as `error.type` (OpenTelemetry: a low-cardinality
/// class of the error).
#[cfg(any(feature = "tracing", feature = "metrics"))]
fn failure_word(failure: TransportFailure) -> &'static str {
    match failure {
        TransportFailure::NeverConnected => "never_connected",
        TransportFailure::SentThenTimedOut => "timeout",
        TransportFailure::SentThenFailed => "sent_then_failed",
    }
}

/// Reports the decision on a response: its event, and its counts.
/// `attempt` counts the attempts made, this one included.
// Each feature reads only some of the arguments (the counters the
// origin, the events the attempt).
#[cfg_attr(
    not(all(feature = "tracing", feature = "metrics")),
    allow(unused_variables)
)]
pub(crate) fn response_decision<C: Catalogue>(
    origin: Origin,
    response: &Classified<'_, C>,
    attempt: u32,
    decision: Decision,
) {
    #[cfg(any(feature = "tracing", feature = "metrics"))]
    let code = response
        .code()
        .map(|code| response.catalogue().code_id(code));
    // A retry is always of a failure, so its `error.type` is never empty:
    // the code the body names, else the status.
    #[cfg(feature = "metrics")]
    super::metrics::decision(
        origin,
        || code.map_or_else(|| response.status().as_str().to_owned().into(), Into::into),
        decision,
    );
    #[cfg(feature = "tracing")]
    {
        let catalogue = response.catalogue();
        let status = response.status();
        let failed = response.is_failure();
        let error_type = failed.then(|| code.unwrap_or(status.as_str()));
        let source = response.source().map(|source| catalogue.source_id(source));
        emit(
            decision,
            attempt,
            Some(status.as_u16()),
            error_type,
            code,
            source,
            response.request_id(),
            failed,
        );
    }
}

/// Reports the decision on an attempt that got no response.
// Each feature reads only some of the arguments (the counters the
// origin, the events the attempt).
#[cfg_attr(
    not(all(feature = "tracing", feature = "metrics")),
    allow(unused_variables)
)]
pub(crate) fn failure_decision(
    origin: Origin,
    failure: TransportFailure,
    attempt: u32,
    decision: Decision,
) {
    #[cfg(feature = "metrics")]
    super::metrics::decision(origin, || failure_word(failure).into(), decision);
    #[cfg(feature = "tracing")]
    emit(
        decision,
        attempt,
        None,
        Some(failure_word(failure)),
        None,
        None,
        None,
        true,
    );
}

/// Reports a request given up at its deadline with no decision asked:
/// an attempt still running then (`sent`), or none begun because no time
/// was left. A stop, `OutOfTime`, as if the retrier had said it.
// Each feature reads only some of the arguments (the counters the
// origin, the events the attempt).
#[cfg_attr(
    not(all(feature = "tracing", feature = "metrics")),
    allow(unused_variables)
)]
pub(crate) fn deadline_passed(origin: Origin, attempt: u32, sent: bool) {
    #[cfg(feature = "metrics")]
    super::metrics::deadline_passed(origin, sent);
    #[cfg(feature = "tracing")]
    emit(
        Decision::Stop {
            reason: StopReason::OutOfTime,
        },
        attempt,
        None,
        sent.then(|| failure_word(TransportFailure::SentThenTimedOut)),
        None,
        None,
        None,
        true,
    );
}

/// One event per decision, at the level it deserves.
#[cfg(feature = "tracing")]
#[allow(clippy::too_many_arguments)]
fn emit(
    decision: Decision,
    attempt: u32,
    status: Option<u16>,
    error_type: Option<&str>,
    code: Option<&str>,
    source: Option<&str>,
    request_id: Option<&str>,
    failed: bool,
) {
    let (what, stop_reason) = (
        decision.action(),
        decision.stop_reason().map(StopReason::as_str),
    );
    let wait_ms = decision
        .after()
        .map(|after| u64::try_from(after.as_millis()).unwrap_or(u64::MAX));
    let resend_count = attempt.saturating_sub(1);
    macro_rules! event {
        ($level:expr, $message:literal) => {
            tracing::event!(
                $level,
                "http.request.resend_count" = resend_count,
                "http.response.status_code" = status,
                "error.type" = error_type,
                "errors.code" = code,
                "errors.source" = source,
                "errors.decision" = what,
                "errors.wait_ms" = wait_ms,
                "errors.stop_reason" = stop_reason,
                "errors.request_id" = request_id,
                $message
            )
        };
    }
    match decision {
        Decision::Stop { .. } if failed => event!(tracing::Level::WARN, "giving up"),
        Decision::Stop { .. } => event!(tracing::Level::TRACE, "done"),
        Decision::Retry { .. } => event!(tracing::Level::DEBUG, "retrying"),
        Decision::KeepPolling { .. } => event!(tracing::Level::DEBUG, "still running"),
        Decision::SubmitNew { .. } | Decision::ResubmitAsync => {
            event!(
                tracing::Level::DEBUG,
                "the task failed; a new one may succeed"
            );
        }
    }
}
