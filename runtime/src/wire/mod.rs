//! The wire: classify responses, decide retries, render responses.
//!
//! A client turns what it received into a [`Classified`] response with
//! [`classify`], then asks a [`RetryPolicy`] what to do with
//! [`RetryPolicy::decide`] (or [`RetryPolicy::decide_transport`] when no
//! response came), or lets a [`Retrier`] drive the whole exchange. A
//! service turns its error into a response with [`render`]. Both sides read
//! the same catalogue, so a code rendered by one is classified back to the
//! same code by the other.
//!
//! ```
//! # extern crate errors_runtime as errors_core;
//! use errors_core::Code;
//! use errors_core::wire::{classify, Decision, IdempotencyKey, Operation, RetryPolicy, StopReason};
//!
//! let mut headers = http::HeaderMap::new();
//! headers.insert("retry-after", http::HeaderValue::from_static("7"));
//! let body = br#"{"error": {"code": "RATE_LIMIT_EXCEEDED", "message": "Rate limit exceeded, please try again later"}, "request_id": "req_1"}"#;
//! let response = classify(http::StatusCode::TOO_MANY_REQUESTS, &headers, body);
//! drop(headers); // the classification borrows only the body
//! assert_eq!(response.code(), Some(Code::RateLimitExceeded));
//! assert_eq!(response.request_id(), Some("req_1"));
//!
//! let policy = RetryPolicy::default();
//! let create = Operation::Create { idempotency_key: IdempotencyKey::Absent };
//! assert_eq!(
//!     policy.decide(&response, create, 1),
//!     Decision::Retry { after: std::time::Duration::from_secs(7) }
//! );
//! assert_eq!(
//!     policy.decide(&response, create, 3),
//!     Decision::Stop { reason: StopReason::AttemptsExhausted }
//! );
//! ```
//!
//! # Classifying
//!
//! [`classify`] reads the body once, borrowing its text, along the
//! catalogue's reading plan: each [`Shape`](crate::Shape) the catalogue
//! declares says how a body of that shape is recognised and where its code,
//! message, request id, task status and the rest sit, as JSON Pointers
//! (docs/body-shapes.md). The seeds' shapes are data in `taxonomy.yaml`:
//! the queue gateway's `{"error": {"code", "message"}, "request_id"}` and
//! application `{"detail"}` (000), the task status `{"status", "error",
//! "error_type"}` (002), the runs API's `{"error", "message"}` (001),
//! `each::labs`' fixed strings (003), beside the envelopes many APIs copy
//! (`OpenAI`'s). Only what a standard defines is read by code: RFC 9457
//! problem details, HTML pages, plain text and empty bodies. A client that
//! knows which API it called says so with [`classify_from`]. A code or
//! `error_type` the catalogue does not know is kept as sent and the error
//! is handled by its status. Bodies over [`MAX_BODY`] are not parsed.
//!
//! # Deciding: the table
//!
//! [`RetryPolicy::decide`] applies these rules in order; the first that
//! matches decides. `attempt` counts the attempts made so far (1 after the
//! first failure), and "n attempts" means a retry is allowed while
//! `attempt < n`.
//!
//! 1. **Not an error** (1xx–3xx, a `COMPLETED` task without `error`):
//!    `Stop(NotAnError)`, and a success refunds the budget.
//! 2. **Pending** (202, `IN_QUEUE`, `IN_PROGRESS`; 000: "an incomplete
//!    `response_url` request may return HTTP 202; do not treat it as an
//!    abnormal task"): `KeepPolling` after the poll interval, or after the
//!    server's `Retry-After` when it sends one (at most `max_retry_after`);
//!    on a cancel, `Stop(NotAnError)` (the cancel was accepted).
//! 3. **The caller's own stop**: 499, `canceled` or `error_type:
//!    CANCELED` → `Stop(UserCanceled)`; a 504 with
//!    `x-fal-request-timeout-type: user` → `Stop(UserDeadline)`. Never
//!    retried, whatever the server says (fal's clients).
//! 4. **The server's word**: `x-should-retry: false` → `Stop(ServerSaidNo)`;
//!    `x-should-retry: true` → retry with backoff within the operation's
//!    attempts, a create included (the server knows whether it applied the
//!    request; the `OpenAI` client lets this header outrank the status).
//! 5. **The rule** ([`Classified::retry`]: the task's `error_type` rule, else
//!    the code's, else the status's, else 5xx → backoff 3 attempts
//!    creates only with a key, other → never):
//!    - `Never` → `Stop` with the reason of the code's category, else of
//!      the status: authentication/401 → `FixCredentials`;
//!      permission/403 → `NotPermitted`; billing/402 → `FixBilling`;
//!      not implemented, unsupported/501 → `NotSupported`; canceled/499 →
//!      `UserCanceled`; anything else → `FixRequest`.
//!    - `KeepPolling` → as rule 2. `ResubmitAsync` → `ResubmitAsync`.
//!    - A **failed task** (a 2xx task status with `error`): the task will
//!      not change, so a retryable rule means `SubmitNew`, within the
//!      rule's attempts (counted in tasks), no idempotency question.
//!    - A **create** whose rule is `IdempotentOnly` and which carries no
//!      idempotency key → `Stop(NotIdempotent)` (000: "Do not retry
//!      create-task requests indefinitely, to avoid creating duplicate
//!      tasks"; RFC 9110 §9.2.2).
//!    - Attempts: the rule's count, bounded by the policy's
//!      (`max_attempts`, 3); a **status poll after a 5xx** gets the
//!      policy's `poll_max_attempts` (5) instead, since a read repeats
//!      safely (fal: status polls 5, submits 3). Used up →
//!      `Stop(AttemptsExhausted)`.
//!    - The wait: the server's `retry-after-ms` or `Retry-After`
//!      (delay-seconds, a fraction tolerated, or an HTTP-date) when it is
//!      above zero; when it is zero or a date already past ("retry now"),
//!      the policy's first backoff, jittered (the rule's fallback is for a
//!      missing or malformed header, not for "now"); else exponential backoff `base·2^(attempt−1)` capped at
//!      `cap` and jittered (`Backoff`), a jittered point between `min` and
//!      `max` (`After`), or the rule's fallback (`AfterHeader`). A wait
//!      above `max_retry_after` (120 s, the `OpenAI` client's figure) →
//!      `Stop(WaitLongerThanCap)`: retry later, not automatically.
//!    - The budget (on by default, one per policy and its clones; off with
//!      `RetryPolicyBuilder::without_budget`): a retry costs 5 tokens, after a
//!      timeout (408, 504, 522, 524, a timeout code) 10, a success gives 1
//!      back, of 500; an empty bucket → `Stop(BudgetExhausted)` (the AWS
//!      SDK's retry quota).
//!    - Otherwise `Retry { after }`.
//!
//! Edge-proxy errors ([`Origin::Edge`]: 520/522/524, or an error with an
//! HTML or text body and no request id) carry no code of the API's, so they follow
//! their status's rule; an application error with a code follows the
//! code's. Where the documents are silent the figures are the trusted
//! clients': `OpenAI`'s backoff (0.5 s doubling to 8 s, shortened by up to
//! 25 %) and 120 s cap on `Retry-After`, AWS's token bucket, fal's attempts.
//!
//! ## By status (no code in the body), default policy
//!
//! "create" is a create without idempotency key; "create+key" with one.
//!
//! | status | rule | create | create+key | status poll | result fetch, cancel |
//! |---|---|---|---|---|---|
//! | 200, 201, 204, 302 | – | `NotAnError` | `NotAnError` | `NotAnError` | `NotAnError` |
//! | 202 | keep polling | `KeepPolling` | `KeepPolling` | `KeepPolling` | `KeepPolling`; cancel `NotAnError` |
//! | 400, 404, 405, 409, 410, 413, 415, 422, 431 | never | `FixRequest` | `FixRequest` | `FixRequest` | `FixRequest` |
//! | 401 | never | `FixCredentials` | `FixCredentials` | `FixCredentials` | `FixCredentials` |
//! | 402 | never | `FixBilling` | `FixBilling` | `FixBilling` | `FixBilling` |
//! | 403 | never | `NotPermitted` | `NotPermitted` | `NotPermitted` | `NotPermitted` |
//! | 408 | backoff 3, idempotent only | `NotIdempotent` | retry, 3 | retry, 3 | retry, 3 |
//! | 429 | `Retry-After`, else 60 s; safe | retry, 3 | retry, 3 | retry, 5 | retry, 3 |
//! | 499 | never | `UserCanceled` | `UserCanceled` | `UserCanceled` | `UserCanceled` |
//! | 500, 502, 504, 520, 524 | backoff 3, idempotent only | `NotIdempotent` | retry, 3 | retry, 5 | retry, 3 |
//! | 501 | never | `NotSupported` | `NotSupported` | `NotSupported` | `NotSupported` |
//! | 503 | backoff 3; safe (from the runs API: 30–60 s, its document's) | retry, 3 | retry, 3 | retry, 5 | retry, 3 |
//! | 522 | backoff 3; safe (never connected) | retry, 3 | retry, 3 | retry, 5 | retry, 3 |
//! | other 4xx | never | `FixRequest` | `FixRequest` | `FixRequest` | `FixRequest` |
//! | other 5xx | backoff 3, idempotent only | `NotIdempotent` | retry, 3 | retry, 5 | retry, 3 |
//!
//! ## By code
//!
//! | code | status | rule | create | create+key | status poll | result fetch, cancel |
//! |---|---|---|---|---|---|---|
//! | `invalid_api_key` | 401 | never | `FixCredentials` | `FixCredentials` | `FixCredentials` | `FixCredentials` |
//! | `forbidden`, `model_not_allowed`, `workflow_locked` | 403 | never | `NotPermitted` | `NotPermitted` | `NotPermitted` | `NotPermitted` |
//! | `insufficient_credits` | 402 | never | `FixBilling` | `FixBilling` | `FixBilling` | `FixBilling` |
//! | `invalid_request`, `payload_too_large`, `preflight_failed`, `validation_error`, `workflow_input_invalid` | 400, 413, 422 | never | `FixRequest` | `FixRequest` | `FixRequest` | `FixRequest` |
//! | `endpoint_not_found`, `model_not_found`, `not_found`, `prediction_not_found`, `session_not_found`, `version_not_found`, `workflow_not_found`, `gone`, `conflict` | 404, 409, 410 | never | `FixRequest` | `FixRequest` | `FixRequest` | `FixRequest` |
//! | `request_not_found` | 404 | backoff 2, idempotent only (000: "do not retry for too long") | `NotIdempotent` | retry, 2 | retry, 2 | retry, 2 |
//! | `rate_limit_exceeded` | 429 | `Retry-After`, else 60 s; safe | retry, 3 | retry, 3 | retry, 5 | retry, 3 |
//! | `inference_timeout` | 504 | backoff 2, idempotent only | `NotIdempotent` | retry, 2 | retry, 5 | retry, 2 |
//! | `sync_timeout_upgrade_async` | 408 | resubmit async | `ResubmitAsync` | `ResubmitAsync` | `ResubmitAsync` | `ResubmitAsync` |
//! | `workflow_execution_timeout`, `content_blocked` | 504, 422 | never | `FixRequest` | `FixRequest` | `FixRequest` | `FixRequest` |
//! | `internal_error`, `upstream_error` | 500, 502 | backoff 3, idempotent only | `NotIdempotent` | retry, 3 | retry, 5 | retry, 3 |
//! | `model_execution_failed`, `task_failed`, `workflow_execution_failed` | 500 | backoff 2, idempotent only | `NotIdempotent` | retry, 2 | retry, 5 | retry, 2 |
//! | `service_unavailable` | 503 | 30–60 s; safe | retry, 3 | retry, 3 | retry, 5 | retry, 3 |
//! | `not_implemented`, `sse_not_supported`, `webhook_not_supported` | 501, 400 | never | `NotSupported` | `NotSupported` | `NotSupported` | `NotSupported` |
//! | `canceled` | 499 | never | `UserCanceled` | `UserCanceled` | `UserCanceled` | `UserCanceled` |
//!
//! ## Failed tasks (`COMPLETED` with `error`, HTTP 200)
//!
//! | `error_type` | decision |
//! |---|---|
//! | `INFERENCE_FAILURE`, `INFERENCE_TIMEOUT` | `SubmitNew`, 2 tasks in all |
//! | `INTERNAL_SERVER_ERROR` | `SubmitNew`, 3 tasks in all |
//! | `REQUEST_INVALID`, `CONTENT_BLOCKED` | `Stop(FixRequest)` |
//! | `CANCELED` | `Stop(UserCanceled)` |
//! | unknown, with a known `error` string | the string's code (`Task execution failed`: `SubmitNew`, 2) |
//! | unknown, unknown `error` | as `task_failed`: `SubmitNew`, 2 |
//!
//! # Rendering
//!
//! [`render`] answers in a [`RenderDialect`] with the right status,
//! `Content-Type`, `Retry-After` and `X-Request-Id`, and a body holding
//! only the user-safe message.

mod budget;
mod catalogue;
mod classify;
mod decide;
mod headers;
mod json;
#[cfg(feature = "metrics")]
#[cfg_attr(docsrs, doc(cfg(feature = "metrics")))]
pub mod metrics;
mod render;
mod retrier;
mod shape;
mod status_facts;
pub(crate) mod trace;

pub use budget::RetryBudget;
pub use catalogue::{Catalogue, Entry};
#[doc(hidden)]
pub use classify::Place;
pub use classify::{
    BodyIssue, Classified, Dialect, MAX_BODY, Origin, Outcome, Reported, classify, classify_from,
    classify_from_with, classify_response, classify_with,
};
pub use decide::{
    Decision, IdempotencyKey, InvalidRetryPolicy, Jitter, Operation, RetryPolicy,
    RetryPolicyBuilder, StopReason, TransportFailure,
};
pub use headers::{RateLimit, RateLimitReset, ResponseHeaders, RetryAfter};
pub use render::{MAX_REQUEST_ID, RenderDialect, RenderError, render, render_with};
// The reason phrase a rendered body's title carries, for the OpenAPI
// descriptions (which then say what the body says).
#[cfg(feature = "utoipa")]
pub(crate) use render::reason;
pub use retrier::{AsClassified, NoResponse, Retrier, Sent, send_with_retries};
pub use shape::{Alternative, BodyField, Check, FieldPlaces, HeaderMeaning, Identifies, Test};
#[doc(hidden)]
pub use shape::{HeaderRule, KeyedShapes, PlanNode};
