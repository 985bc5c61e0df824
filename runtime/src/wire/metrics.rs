//! Counters of a client's retries, through the
//! [`metrics`](https://docs.rs/metrics) facade (feature `metrics`): how
//! many attempts were sent, which failures were retried, why requests
//! stopped, and how often the retry budget said no.
//!
//! | counter | counts | labels |
//! |---|---|---|
//! | [`ATTEMPTS`] `errors.client.attempts` | every attempt whose outcome the retrier saw (a response or a failure), and one cut at the deadline | [`INTEGRATION`], and [`HTTP_REQUEST_METHOD`] when the driver knows the request |
//! | [`RETRIES`] `errors.client.retries` | every decision to send again | [`ERROR_TYPE`], [`INTEGRATION`] |
//! | [`STOPS`] `errors.client.stops` | every request that ended with a stop, a success included (`not_an_error`) | [`STOP_REASON`], [`INTEGRATION`] |
//! | [`BUDGET_REFUSALS`] `errors.client.budget_refusals` | every retry the shared [`RetryBudget`](super::RetryBudget) refused | [`INTEGRATION`] |
//!
//! They are counted where the `tracing` events are said, once per
//! decision, by the [`Retrier`](super::Retrier) that every retrying
//! integration drives: `send_with_retries` and a `Retrier` used directly
//! ([`integration::RETRIER`]), and the `tower`, `reqwest-middleware`,
//! `backon` and `queue` integrations, each with its own
//! [`INTEGRATION`] value. A decision that neither retries nor stops
//! (`keep_polling`, `submit_new`, `resubmit_async`) counts only as an
//! attempt. backon asks its hooks only about failures, so with backon a
//! successful attempt is not counted, nor its stop.
//!
//! A budget refusal is also a stop whose reason is `budget_exhausted`:
//! [`BUDGET_REFUSALS`] counts the same events again, so that the alert
//! that matters most ("the upstream is failing broadly") reads one counter
//! without a label filter.
//!
//! Every label value comes from a closed set: the catalogue's code ids, a
//! status number, the words of a transport failure, the words of
//! [`StopReason::as_str`], a standard method or `_OTHER`, and the
//! [`integration`] names. None holds a URL, a body, a message or a request
//! id. Names follow OpenTelemetry's style (dotted, lower case), with its
//! HTTP attribute names where one exists.
//!
//! Nothing is recorded until the application installs a recorder:
//! `metrics::set_global_recorder`, or an exporter's own installer (for
//! Prometheus, `metrics_exporter_prometheus::PrometheusBuilder::new().install()`,
//! which shows `errors.client.retries` as `errors_client_retries_total`).
//! Then [`describe`] gives each counter its unit and help text.
//!
//! ```
//! # extern crate errors_runtime as errors_core;
//! use errors_core::wire::metrics;
//!
//! // After the application has installed its recorder:
//! metrics::describe();
//! assert_eq!(metrics::RETRIES, "errors.client.retries");
//! ```

use ::metrics::{Label, SharedString, Unit, counter, describe_counter};

use super::decide::{Decision, StopReason};
use super::trace::{Driver, Origin};

/// Counter: attempts sent.
pub const ATTEMPTS: &str = "errors.client.attempts";
/// Counter: decisions to retry, by [`ERROR_TYPE`].
pub const RETRIES: &str = "errors.client.retries";
/// Counter: requests stopped, by [`STOP_REASON`].
pub const STOPS: &str = "errors.client.stops";
/// Counter: retries refused because the shared retry budget was empty
/// (each also a stop, reason `budget_exhausted`).
pub const BUDGET_REFUSALS: &str = "errors.client.budget_refusals";

/// Label: which code drove the retries, one of the [`integration`] names.
pub const INTEGRATION: &str = "errors.integration";
/// Label (OpenTelemetry's): the request's method, when the driver knows
/// it: `GET`, `POST`, … or `_OTHER` for a method HTTP does not define.
pub const HTTP_REQUEST_METHOD: &str = "http.request.method";
/// Label (OpenTelemetry's): what failed, as the `tracing` events say it:
/// the catalogue's code id when the body names one (`rate_limit_exceeded`),
/// else the status (`503`), else how the connection failed
/// (`never_connected`, `timeout`, `sent_then_failed`).
pub const ERROR_TYPE: &str = "error.type";
/// Label: why the request stopped, [`StopReason::as_str`]
/// (`not_an_error`, `fix_credentials`, `budget_exhausted`, `out_of_time`, …).
pub const STOP_REASON: &str = "errors.stop_reason";

/// The values of the [`INTEGRATION`] label: the feature names of the
/// integrations, and `retrier` for the rest.
pub mod integration {
    /// A `Retrier` used directly, or `send_with_retries`.
    pub const RETRIER: &str = "retrier";
    /// `integrations::tower::CatalogueRetryPolicy`.
    pub const TOWER: &str = "tower";
    /// `integrations::reqwest_middleware::RetryMiddleware`.
    pub const REQWEST_MIDDLEWARE: &str = "reqwest-middleware";
    /// `integrations::backon::BackonRetry`.
    pub const BACKON: &str = "backon";
    /// `integrations::queue::QueueClient`.
    pub const QUEUE: &str = "queue";
}

/// Gives the installed recorder each counter's unit and help text (an
/// exporter shows them, as Prometheus's `# HELP`). Call it once after
/// installing the recorder; counting does not need it.
pub fn describe() {
    describe_counter!(ATTEMPTS, Unit::Count, "Attempts sent, by integration");
    describe_counter!(
        RETRIES,
        Unit::Count,
        "Decisions to retry, by error type and integration"
    );
    describe_counter!(
        STOPS,
        Unit::Count,
        "Requests stopped (a success included), by stop reason and integration"
    );
    describe_counter!(
        BUDGET_REFUSALS,
        Unit::Count,
        "Retries refused because the shared retry budget was empty, by integration"
    );
}

/// OpenTelemetry's spelling of `method`: one of the methods HTTP defines,
/// else `_OTHER` (an extension method could be anything, and a label
/// must stay within a known set).
pub(crate) fn method_label(method: &http::Method) -> &'static str {
    const KNOWN: [&str; 9] = [
        "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH",
    ];
    KNOWN
        .into_iter()
        .find(|known| *known == method.as_str())
        .unwrap_or("_OTHER")
}

/// Counts an attempt and the decision on it. `error_type` is asked only
/// for a retry.
pub(super) fn decision(
    origin: Origin,
    error_type: impl FnOnce() -> SharedString,
    decision: Decision,
) {
    attempt(origin);
    match decision {
        Decision::Retry { .. } => {
            counter!(RETRIES, ERROR_TYPE => error_type(), INTEGRATION => driver(origin))
                .increment(1);
        }
        Decision::Stop { reason } => stop(origin, reason),
        // The request goes on in another form (a poll, a new task): not an
        // end, and no retry of the same request.
        Decision::KeepPolling { .. } | Decision::SubmitNew { .. } | Decision::ResubmitAsync => {}
    }
}

/// Counts a request given up at its deadline, and the attempt cut there
/// when one was `sent`.
pub(super) fn deadline_passed(origin: Origin, sent: bool) {
    if sent {
        attempt(origin);
    }
    stop(origin, StopReason::OutOfTime);
}

fn attempt(origin: Origin) {
    let mut labels = vec![Label::from_static_parts(INTEGRATION, driver(origin))];
    if let Some(method) = origin.method {
        labels.push(Label::from_static_parts(HTTP_REQUEST_METHOD, method));
    }
    counter!(ATTEMPTS, labels).increment(1);
}

fn stop(origin: Origin, reason: StopReason) {
    counter!(STOPS, STOP_REASON => reason.as_str(), INTEGRATION => driver(origin)).increment(1);
    if matches!(reason, StopReason::BudgetExhausted) {
        counter!(BUDGET_REFUSALS, INTEGRATION => driver(origin)).increment(1);
    }
}

/// The [`INTEGRATION`] label's value for the retrier's driver.
fn driver(origin: Origin) -> &'static str {
    match origin.driver {
        Driver::Retrier => integration::RETRIER,
        #[cfg(feature = "tower")]
        Driver::Tower => integration::TOWER,
        #[cfg(feature = "reqwest-middleware")]
        Driver::ReqwestMiddleware => integration::REQWEST_MIDDLEWARE,
        #[cfg(feature = "backon")]
        Driver::Backon => integration::BACKON,
        #[cfg(feature = "queue")]
        Driver::Queue => integration::QUEUE,
    }
}
