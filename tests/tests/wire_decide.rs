//! `wire::RetryPolicy::decide`: the decision table of the `wire` module
//! docs, walked status by status and code by code, and each rule beside it
//! (`Retry-After`, idempotency, polls, budget, `x-should-retry`, the
//! caller's own deadline, edge errors, jitter).

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use errors_core::wire::{
    Classified, Decision, IdempotencyKey, Jitter, Operation, RetryBudget, RetryPolicy,
    RetryPolicyBuilder, StopReason, TransportFailure, classify, classify_from,
};
use errors_core::{Code, ErrorType, Source, Status};
use http::{HeaderMap, HeaderValue, StatusCode};
use proptest::prelude::*;

const CREATE: Operation = Operation::Create {
    idempotency_key: IdempotencyKey::Absent,
};
const CREATE_KEY: Operation = Operation::Create {
    idempotency_key: IdempotencyKey::Sent,
};
const OPERATIONS: [Operation; 5] = [
    CREATE,
    CREATE_KEY,
    Operation::StatusPoll,
    Operation::ResultFetch,
    Operation::Cancel,
];

/// What the table says for one operation.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Want {
    /// `Stop(NotAnError)`.
    NotAnError,
    /// `KeepPolling`.
    Poll,
    /// `Stop(reason)` at every attempt.
    Stop(StopReason),
    /// `Retry` while `attempt < n`, then `Stop(AttemptsExhausted)`.
    Retry(u32),
    /// `SubmitNew` while `attempt < n`, then `Stop(AttemptsExhausted)`.
    SubmitNew(u32),
    /// `ResubmitAsync`.
    Resubmit,
}

use StopReason::{
    FixBilling, FixCredentials, FixRequest, NotIdempotent, NotPermitted, NotSupported, UserCanceled,
};
use Want::{NotAnError, Poll, Resubmit, Retry, Stop, SubmitNew};

/// One row of the table: create, create+key, status poll, result fetch, cancel.
type Row = [Want; 5];

const fn same(want: Want) -> Row {
    [want; 5]
}

/// Backoff rule, idempotent only: creates need a key; polls after a 5xx get 5.
const fn idempotent_only(attempts: u32, server_error: bool) -> Row {
    let poll = if server_error { 5 } else { attempts };
    [
        Stop(NotIdempotent),
        Retry(attempts),
        Retry(poll),
        Retry(attempts),
        Retry(attempts),
    ]
}

/// A safe rule: creates too; polls get 5.
const fn safe(attempts: u32) -> Row {
    [
        Retry(attempts),
        Retry(attempts),
        Retry(5),
        Retry(attempts),
        Retry(attempts),
    ]
}

/// The module docs' table "By status", as the default policy applies it.
fn status_row(status: Status) -> Row {
    match status {
        Status::Ok | Status::Created | Status::NoContent | Status::Found => same(NotAnError),
        Status::Accepted => [Poll, Poll, Poll, Poll, NotAnError],
        Status::BadRequest
        | Status::NotFound
        | Status::MethodNotAllowed
        | Status::Conflict
        | Status::Gone
        | Status::PayloadTooLarge
        | Status::UnsupportedMediaType
        | Status::UnprocessableEntity
        | Status::RequestHeaderFieldsTooLarge => same(Stop(FixRequest)),
        Status::Unauthorized => same(Stop(FixCredentials)),
        Status::PaymentRequired => same(Stop(FixBilling)),
        Status::Forbidden => same(Stop(NotPermitted)),
        Status::RequestTimeout => idempotent_only(3, false),
        Status::TooManyRequests | Status::ServiceUnavailable | Status::ConnectionTimedOut => {
            safe(3)
        }
        Status::ClientClosedRequest => same(Stop(UserCanceled)),
        Status::InternalServerError
        | Status::BadGateway
        | Status::GatewayTimeout
        | Status::UnknownError
        | Status::TimeoutOccurred => idempotent_only(3, true),
        Status::NotImplemented => same(Stop(NotSupported)),
        // The enums are `#[non_exhaustive]`; every status is iterated, so a
        // new one fails here until the table has its row.
        _ => panic!("{status:?} has no row in the table: add one"),
    }
}

/// The module docs' table "By code".
fn code_row(code: Code) -> Row {
    match code {
        Code::InvalidApiKey => same(Stop(FixCredentials)),
        Code::Forbidden | Code::ModelNotAllowed | Code::WorkflowLocked => same(Stop(NotPermitted)),
        Code::InsufficientCredits => same(Stop(FixBilling)),
        Code::InvalidRequest
        | Code::PayloadTooLarge
        | Code::PreflightFailed
        | Code::ValidationError
        | Code::WorkflowInputInvalid
        | Code::EndpointNotFound
        | Code::ModelNotFound
        | Code::NotFound
        | Code::PredictionNotFound
        | Code::SessionNotFound
        | Code::VersionNotFound
        | Code::WorkflowNotFound
        | Code::Gone
        | Code::Conflict
        | Code::WorkflowExecutionTimeout
        | Code::ContentBlocked => same(Stop(FixRequest)),
        Code::RequestNotFound => idempotent_only(2, false),
        Code::RateLimitExceeded | Code::ServiceUnavailable => safe(3),
        Code::InferenceTimeout
        | Code::ModelExecutionFailed
        | Code::TaskFailed
        | Code::WorkflowExecutionFailed => idempotent_only(2, true),
        Code::SyncTimeoutUpgradeAsync => same(Resubmit),
        Code::InternalError | Code::UpstreamError => idempotent_only(3, true),
        Code::NotImplemented | Code::SseNotSupported | Code::WebhookNotSupported => {
            same(Stop(NotSupported))
        }
        Code::Canceled => same(Stop(UserCanceled)),
        _ => panic!("{code:?} has no row in the table: add one"),
    }
}

/// The table "Failed tasks".
fn error_type_want(error_type: ErrorType) -> Want {
    match error_type {
        ErrorType::InferenceFailure | ErrorType::InferenceTimeout => SubmitNew(2),
        ErrorType::InternalServerError => SubmitNew(3),
        ErrorType::RequestInvalid | ErrorType::ContentBlocked => Stop(FixRequest),
        ErrorType::Canceled => Stop(UserCanceled),
        _ => panic!("{error_type:?} has no row in the table: add one"),
    }
}

fn now() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_450)
}

/// The policy's figures, seeded, to adjust before building.
fn policy_with() -> RetryPolicyBuilder {
    RetryPolicy::builder().seed(7)
}

fn policy() -> RetryPolicy {
    RetryPolicy::builder().seed(7).build().unwrap()
}

fn decide_at(
    policy: &RetryPolicy,
    error: &Classified<'_>,
    operation: Operation,
    attempt: u32,
) -> Decision {
    policy.decide_with(error, operation, attempt, now(), &mut || 0.5)
}

/// Checks `want` at attempts 1 to 6; returns what differs.
fn check(what: &str, error: &Classified<'_>, operation: Operation, want: Want) -> Vec<String> {
    let policy = policy();
    let mut problems = Vec::new();
    for attempt in 1..=6 {
        let got = decide_at(&policy, error, operation, attempt);
        let ok = match want {
            NotAnError => {
                got == Decision::Stop {
                    reason: StopReason::NotAnError,
                }
            }
            Poll => {
                got == Decision::KeepPolling {
                    after: policy.poll_interval(),
                }
            }
            Stop(reason) => got == Decision::Stop { reason },
            Resubmit => got == Decision::ResubmitAsync,
            Retry(n) if attempt < n => matches!(got, Decision::Retry { .. }),
            SubmitNew(n) if attempt < n => matches!(got, Decision::SubmitNew { .. }),
            Retry(_) | SubmitNew(_) => {
                got == Decision::Stop {
                    reason: StopReason::AttemptsExhausted,
                }
            }
        };
        if !ok {
            problems.push(format!(
                "{what} {operation:?} attempt {attempt}: got {got:?}, want {want:?}"
            ));
        }
    }
    problems
}

#[test]
fn every_status_decides_as_the_table_says() {
    let headers = HeaderMap::new();
    let mut problems = Vec::new();
    for &status in Status::ALL {
        let error = classify(status.http(), &headers, b"");
        assert_eq!(error.code(), None);
        for (operation, want) in OPERATIONS.into_iter().zip(status_row(status)) {
            problems.extend(check(status.as_str(), &error, operation, want));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_code_decides_as_the_table_says() {
    let headers = HeaderMap::new();
    let mut problems = Vec::new();
    for &code in Code::ALL {
        let body = format!(r#"{{"error": "{}", "message": "m"}}"#, code.as_str());
        let error = classify(code.status(), &headers, body.as_bytes());
        assert_eq!(error.code(), Some(code));
        for (operation, want) in OPERATIONS.into_iter().zip(code_row(code)) {
            problems.extend(check(code.as_str(), &error, operation, want));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_failed_task_decides_as_the_table_says() {
    let headers = HeaderMap::new();
    let mut problems = Vec::new();
    for &error_type in ErrorType::ALL {
        let body = format!(
            r#"{{"status": "COMPLETED", "error": "Task execution failed", "error_type": "{}"}}"#,
            error_type.as_str()
        );
        let error = classify(StatusCode::OK, &headers, body.as_bytes());
        for operation in [Operation::StatusPoll, Operation::ResultFetch] {
            problems.extend(check(
                error_type.as_str(),
                &error,
                operation,
                error_type_want(error_type),
            ));
        }
    }
    // Unknown error_type: the error string's code, else task_failed.
    let body = br#"{"status": "COMPLETED", "error": "Task execution failed", "error_type": "NEW"}"#;
    let error = classify(StatusCode::OK, &headers, body);
    problems.extend(check(
        "unknown type",
        &error,
        Operation::StatusPoll,
        SubmitNew(2),
    ));
    let body = br#"{"status": "COMPLETED", "error": "brand new failure", "error_type": "NEW"}"#;
    let error = classify(StatusCode::OK, &headers, body);
    problems.extend(check(
        "unknown type and text",
        &error,
        Operation::StatusPoll,
        SubmitNew(2),
    ));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn uncatalogued_statuses_go_by_class() {
    let headers = HeaderMap::new();
    let server = classify(StatusCode::from_u16(599).unwrap(), &headers, b"");
    let mut problems = Vec::new();
    for (operation, want) in OPERATIONS.into_iter().zip(idempotent_only(3, true)) {
        problems.extend(check("599", &server, operation, want));
    }
    let client = classify(StatusCode::IM_A_TEAPOT, &headers, b"");
    problems.extend(check("418", &client, CREATE_KEY, Stop(FixRequest)));
    let informational = classify(StatusCode::from_u16(304).unwrap(), &headers, b"");
    problems.extend(check("304", &informational, CREATE, NotAnError));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn with_header(status: u16, name: &'static str, value: &'static str) -> (StatusCode, HeaderMap) {
    let mut headers = HeaderMap::new();
    headers.insert(name, HeaderValue::from_static(value));
    (StatusCode::from_u16(status).unwrap(), headers)
}

#[test]
fn retry_after_seconds_date_and_millis_are_honoured() {
    let policy = policy();
    let (status, headers) = with_header(429, "retry-after", "7");
    let error = classify(status, &headers, b"");
    assert_eq!(
        decide_at(&policy, &error, CREATE, 1),
        Decision::Retry {
            after: Duration::from_secs(7)
        }
    );

    // 30 s after `now()`.
    let (status, headers) = with_header(429, "retry-after", "Wed, 21 Oct 2015 07:28:00 GMT");
    let error = classify(status, &headers, b"");
    assert_eq!(
        decide_at(&policy, &error, CREATE, 1),
        Decision::Retry {
            after: Duration::from_secs(30)
        }
    );

    let (status, mut headers) = with_header(429, "retry-after", "9");
    headers.insert("retry-after-ms", HeaderValue::from_static("1500"));
    let error = classify(status, &headers, b"");
    assert_eq!(
        decide_at(&policy, &error, CREATE, 1),
        Decision::Retry {
            after: Duration::from_millis(1500)
        }
    );

    // A 5xx's Retry-After outranks its backoff too.
    let (status, headers) = with_header(500, "retry-after", "4");
    let error = classify(status, &headers, b"");
    assert_eq!(
        decide_at(&policy, &error, Operation::StatusPoll, 1),
        Decision::Retry {
            after: Duration::from_secs(4)
        }
    );
}

#[test]
fn retry_after_over_the_cap_stops_automatic_retries() {
    let (status, headers) = with_header(429, "retry-after", "121");
    let error = classify(status, &headers, b"");
    assert_eq!(
        decide_at(&policy(), &error, CREATE, 1),
        Decision::Stop {
            reason: StopReason::WaitLongerThanCap {
                wait: Duration::from_secs(121)
            }
        }
    );
    let (status, headers) = with_header(429, "retry-after", "120");
    let error = classify(status, &headers, b"");
    assert_eq!(
        decide_at(&policy(), &error, CREATE, 1),
        Decision::Retry {
            after: Duration::from_secs(120)
        }
    );

    // A lower cap also catches the catalogue's 60 s fallback.
    let strict = policy_with()
        .max_retry_after(Duration::from_secs(30))
        .build()
        .unwrap();
    let headers = HeaderMap::new();
    let error = classify(StatusCode::TOO_MANY_REQUESTS, &headers, b"");
    assert_eq!(
        decide_at(&strict, &error, CREATE, 1),
        Decision::Stop {
            reason: StopReason::WaitLongerThanCap {
                wait: Duration::from_secs(60)
            }
        }
    );
}

#[test]
fn garbage_retry_after_falls_back_to_the_rule_and_zero_means_now() {
    for value in ["soon", "-5", "Thu, 99 Foo 2015"] {
        let (status, headers) = with_header(429, "retry-after", value);
        let error = classify(status, &headers, b"");
        assert!(error.headers().retry_after_malformed(), "{value:?}");
        assert_eq!(
            decide_at(&policy(), &error, CREATE, 1),
            Decision::Retry {
                after: Duration::from_secs(60)
            },
            "{value:?}"
        );
        let (status, headers) = with_header(502, "retry-after", value);
        let error = classify(status, &headers, b"");
        let policy = policy_with().jitter(Jitter::None).build().unwrap();
        assert_eq!(
            decide_at(&policy, &error, CREATE_KEY, 2),
            Decision::Retry {
                after: Duration::from_secs(1)
            },
            "{value:?}"
        );
    }
    // 0, or a date in the past, means now: the policy's first backoff
    // (500 ms, unjittered here), never the rule's 60 s fallback.
    let policy = policy_with().jitter(Jitter::None).build().unwrap();
    for value in ["0", "Sun, 06 Nov 1994 08:49:37 GMT"] {
        let (status, headers) = with_header(429, "retry-after", value);
        let error = classify(status, &headers, b"");
        assert!(!error.headers().retry_after_malformed());
        assert_eq!(
            decide_at(&policy, &error, CREATE, 1),
            Decision::Retry {
                after: Duration::from_millis(500)
            },
            "{value:?}"
        );
    }
}

#[test]
fn creates_without_a_key_are_not_retried_after_ambiguous_failures() {
    let headers = HeaderMap::new();
    let ambiguous = classify(
        StatusCode::INTERNAL_SERVER_ERROR,
        &headers,
        br#"{"error": "internal_error", "message": "m"}"#,
    );
    assert_eq!(
        decide_at(&policy(), &ambiguous, CREATE, 1),
        Decision::Stop {
            reason: NotIdempotent
        }
    );
    assert!(matches!(
        decide_at(&policy(), &ambiguous, CREATE_KEY, 1),
        Decision::Retry { .. }
    ));
    // Refused before any work began (429, 503): safe without a key.
    for status in [
        StatusCode::TOO_MANY_REQUESTS,
        StatusCode::SERVICE_UNAVAILABLE,
    ] {
        let refused = classify(status, &headers, b"");
        assert!(
            matches!(
                decide_at(&policy(), &refused, CREATE, 1),
                Decision::Retry { .. }
            ),
            "{status}"
        );
    }
}

#[test]
fn status_polls_are_retried_more_than_creates() {
    let headers = HeaderMap::new();
    let error = classify(StatusCode::INTERNAL_SERVER_ERROR, &headers, b"");
    let last_retry = |operation| {
        (1..10)
            .take_while(|&attempt| {
                matches!(
                    decide_at(&policy(), &error, operation, attempt),
                    Decision::Retry { .. }
                )
            })
            .last()
    };
    assert_eq!(last_retry(CREATE_KEY), Some(2));
    assert_eq!(last_retry(Operation::StatusPoll), Some(4));
    let more = policy_with()
        .poll_max_attempts(8)
        .max_attempts(2)
        .build()
        .unwrap();
    assert!(matches!(
        decide_at(&more, &error, Operation::StatusPoll, 7),
        Decision::Retry { .. }
    ));
    assert_eq!(
        decide_at(&more, &error, CREATE_KEY, 2),
        Decision::Stop {
            reason: StopReason::AttemptsExhausted
        }
    );
    // request_not_found on a poll: not for long, 2 attempts.
    let lost = classify(
        StatusCode::NOT_FOUND,
        &headers,
        br#"{"detail": "Request not found"}"#,
    );
    assert!(matches!(
        decide_at(&policy(), &lost, Operation::StatusPoll, 1),
        Decision::Retry { .. }
    ));
    assert_eq!(
        decide_at(&policy(), &lost, Operation::StatusPoll, 2),
        Decision::Stop {
            reason: StopReason::AttemptsExhausted
        }
    );
}

#[test]
fn pending_means_keep_polling_and_202_is_not_an_error() {
    let headers = HeaderMap::new();
    let interval = Duration::from_millis(250);
    let policy = policy_with().poll_interval(interval).build().unwrap();
    let accepted = classify(StatusCode::ACCEPTED, &headers, b"");
    assert_eq!(
        decide_at(&policy, &accepted, Operation::ResultFetch, 1),
        Decision::KeepPolling { after: interval }
    );
    let queued = classify(StatusCode::OK, &headers, br#"{"status": "IN_QUEUE"}"#);
    assert_eq!(
        decide_at(&policy, &queued, Operation::StatusPoll, 40),
        Decision::KeepPolling { after: interval }
    );
    assert_eq!(
        decide_at(&policy, &queued, Operation::Cancel, 1),
        Decision::Stop {
            reason: StopReason::NotAnError
        }
    );
    // A pending answer's Retry-After sets the next poll, within the cap.
    let (status, headers) = with_header(202, "retry-after", "5");
    let accepted = classify(status, &headers, b"");
    assert_eq!(
        decide_at(&policy, &accepted, Operation::ResultFetch, 1),
        Decision::KeepPolling {
            after: Duration::from_secs(5)
        }
    );
    let (status, headers) = with_header(202, "retry-after", "600");
    let accepted = classify(status, &headers, b"");
    assert_eq!(
        decide_at(&policy, &accepted, Operation::ResultFetch, 1),
        Decision::KeepPolling {
            after: policy.max_retry_after()
        }
    );
}

#[test]
fn the_budget_runs_out_and_refills_on_success() {
    let budget = Arc::new(RetryBudget::with_capacity(12));
    let policy = RetryPolicy::builder()
        .seed(7)
        .budget(Arc::clone(&budget))
        .build()
        .unwrap();
    let headers = HeaderMap::new();
    let failing = classify(StatusCode::BAD_GATEWAY, &headers, b"");
    assert!(matches!(
        decide_at(&policy, &failing, Operation::StatusPoll, 1),
        Decision::Retry { .. }
    ));
    assert_eq!(budget.available(), 12 - RetryBudget::RETRY_COST);
    assert!(matches!(
        decide_at(&policy, &failing, Operation::StatusPoll, 1),
        Decision::Retry { .. }
    ));
    assert_eq!(budget.available(), 2);
    assert_eq!(
        decide_at(&policy, &failing, Operation::StatusPoll, 1),
        Decision::Stop {
            reason: StopReason::BudgetExhausted
        }
    );
    assert_eq!(budget.available(), 2, "a refused retry takes nothing");

    // Successes put tokens back, up to the capacity; a clone shares the bucket.
    let ok = classify(StatusCode::OK, &headers, b"{}");
    let clone = policy.clone();
    for _ in 0..3 {
        assert_eq!(
            decide_at(&clone, &ok, Operation::StatusPoll, 1),
            Decision::Stop {
                reason: StopReason::NotAnError
            }
        );
    }
    assert_eq!(budget.available(), 5);
    assert!(matches!(
        decide_at(&policy, &failing, Operation::StatusPoll, 1),
        Decision::Retry { .. }
    ));
    budget.refund(1000);
    assert_eq!(budget.available(), budget.capacity());

    // A timeout costs more.
    let timeout = classify(StatusCode::GATEWAY_TIMEOUT, &headers, b"");
    assert!(matches!(
        decide_at(&policy, &timeout, Operation::StatusPoll, 1),
        Decision::Retry { .. }
    ));
    assert_eq!(budget.available(), 12 - RetryBudget::TIMEOUT_COST);

    // Decisions that do not retry take nothing.
    let fatal = classify(StatusCode::UNAUTHORIZED, &headers, b"");
    let _ = decide_at(&policy, &fatal, CREATE, 1);
    assert_eq!(budget.available(), 2);
}

#[test]
fn the_default_budget_has_the_aws_figures() {
    let budget = RetryBudget::default();
    assert_eq!(budget.capacity(), 500);
    assert_eq!(
        (
            RetryBudget::RETRY_COST,
            RetryBudget::TIMEOUT_COST,
            RetryBudget::SUCCESS_REFUND
        ),
        (5, 10, 1)
    );
    let spent = (0..200)
        .take_while(|_| budget.try_acquire(RetryBudget::RETRY_COST))
        .count();
    assert_eq!(spent, 100);
}

#[test]
fn x_should_retry_outranks_the_status() {
    let (status, headers) = with_header(400, "x-should-retry", "true");
    let error = classify(status, &headers, b"");
    assert!(matches!(
        decide_at(&policy(), &error, CREATE, 1),
        Decision::Retry { .. }
    ));
    assert_eq!(
        decide_at(&policy(), &error, CREATE, 3),
        Decision::Stop {
            reason: StopReason::AttemptsExhausted
        }
    );
    let (status, headers) = with_header(500, "x-should-retry", "TRUE");
    let error = classify(status, &headers, b"");
    assert!(
        matches!(
            decide_at(&policy(), &error, CREATE, 1),
            Decision::Retry { .. }
        ),
        "the server knows it did not apply the create"
    );
    let (status, headers) = with_header(503, "x-should-retry", "false");
    let error = classify(status, &headers, b"");
    assert_eq!(
        decide_at(&policy(), &error, CREATE_KEY, 1),
        Decision::Stop {
            reason: StopReason::ServerSaidNo
        }
    );
    let (status, headers) = with_header(503, "x-should-retry", "maybe");
    let error = classify(status, &headers, b"");
    assert!(
        matches!(
            decide_at(&policy(), &error, CREATE, 1),
            Decision::Retry { .. }
        ),
        "an unreadable value is ignored"
    );
    // The caller's cancellation outranks even the server.
    let (status, headers) = with_header(499, "x-should-retry", "true");
    let error = classify(status, &headers, b"");
    assert_eq!(
        decide_at(&policy(), &error, CREATE_KEY, 1),
        Decision::Stop {
            reason: UserCanceled
        }
    );
}

#[test]
fn the_callers_own_deadline_and_cancellation_are_never_retried() {
    let (status, headers) = with_header(504, "x-fal-request-timeout-type", "user");
    let error = classify(status, &headers, b"");
    for operation in OPERATIONS {
        assert_eq!(
            decide_at(&policy(), &error, operation, 1),
            Decision::Stop {
                reason: StopReason::UserDeadline
            }
        );
    }
    let (status, headers) = with_header(504, "x-fal-request-timeout-type", "infrastructure");
    let error = classify(status, &headers, b"");
    assert!(matches!(
        decide_at(&policy(), &error, Operation::StatusPoll, 1),
        Decision::Retry { .. }
    ));
    let headers = HeaderMap::new();
    let canceled = classify(
        StatusCode::OK,
        &headers,
        br#"{"status": "COMPLETED", "error": "x", "error_type": "CANCELED"}"#,
    );
    assert_eq!(
        decide_at(&policy(), &canceled, Operation::StatusPoll, 1),
        Decision::Stop {
            reason: UserCanceled
        }
    );
}

#[test]
fn edge_errors_follow_their_status_application_errors_their_code() {
    let mut html = HeaderMap::new();
    html.insert("content-type", HeaderValue::from_static("text/html"));
    let page = b"<html><body>error</body></html>";
    // 522: the edge never reached the service, so even a create is safe.
    let never_connected = classify(StatusCode::from_u16(522).unwrap(), &html, page);
    assert!(never_connected.is_edge());
    assert!(matches!(
        decide_at(&policy(), &never_connected, CREATE, 1),
        Decision::Retry { .. }
    ));
    // 524: the service may be working on it.
    let slow = classify(StatusCode::from_u16(524).unwrap(), &html, page);
    assert_eq!(
        decide_at(&policy(), &slow, CREATE, 1),
        Decision::Stop {
            reason: NotIdempotent
        }
    );
    assert!(matches!(
        decide_at(&policy(), &slow, CREATE_KEY, 2),
        Decision::Retry { .. }
    ));
    // The service's own timeout code allows fewer attempts than the edge's 504.
    let json = HeaderMap::new();
    let service = classify(
        StatusCode::GATEWAY_TIMEOUT,
        &json,
        br#"{"error": "inference_timeout", "message": "m"}"#,
    );
    assert!(!service.is_edge());
    assert_eq!(
        decide_at(&policy(), &service, CREATE_KEY, 2),
        Decision::Stop {
            reason: StopReason::AttemptsExhausted
        }
    );
    let edge = classify(StatusCode::GATEWAY_TIMEOUT, &html, page);
    assert!(edge.is_edge());
    assert!(matches!(
        decide_at(&policy(), &edge, CREATE_KEY, 2),
        Decision::Retry { .. }
    ));
}

#[test]
fn sync_timeout_means_resubmit_async() {
    let headers = HeaderMap::new();
    let error = classify(
        StatusCode::REQUEST_TIMEOUT,
        &headers,
        br#"{"error": "sync_timeout_upgrade_async", "message": "m"}"#,
    );
    assert_eq!(
        decide_at(&policy(), &error, CREATE, 1),
        Decision::ResubmitAsync
    );
    assert_eq!(
        RetryPolicy::default().decide(&error, CREATE, 1),
        Decision::ResubmitAsync
    );
}

#[test]
fn backoff_doubles_up_to_the_cap() {
    let policy = RetryPolicy::builder()
        .base(Duration::from_millis(100))
        .cap(Duration::from_secs(1))
        .jitter(Jitter::None)
        .build()
        .unwrap();
    let delays: Vec<_> = (1..=6).map(|retry| policy.backoff(retry)).collect();
    let ms: Vec<u128> = delays.iter().map(Duration::as_millis).collect();
    assert_eq!(ms, [100, 200, 400, 800, 1000, 1000]);
    assert_eq!(policy.backoff(u32::MAX), Duration::from_secs(1));
    assert_eq!(policy.backoff(0), Duration::from_millis(100));
}

#[test]
fn the_same_seed_gives_the_same_delays() {
    let headers = HeaderMap::new();
    let error = classify(StatusCode::BAD_GATEWAY, &headers, b"");
    let run = |seed| {
        let policy = RetryPolicy::builder()
            .seed(seed)
            .jitter(Jitter::Full)
            .build()
            .unwrap();
        (1..5)
            .map(|attempt| policy.decide(&error, Operation::StatusPoll, attempt))
            .collect::<Vec<_>>()
    };
    assert_eq!(run(1), run(1));
    assert_ne!(run(1), run(2));
}

proptest! {
    #[test]
    fn jitter_stays_within_its_bounds(
        r in 0.0f64..1.0,
        retry in 1u32..40,
        base_ms in 1u64..5_000,
        cap_ms in 1u64..60_000,
        fraction in 0.0f64..=1.0,
    ) {
        let base = Duration::from_millis(base_ms);
        let cap = Duration::from_millis(cap_ms);
        let builder = RetryPolicy::builder().base(base).cap(cap);
        if cap < base {
            // The builder refuses a cap below the base.
            prop_assert!(builder.build().is_err());
            return Ok(());
        }
        let policy = builder.clone().build().unwrap();
        let backoff = policy.backoff(retry);
        prop_assert!(backoff <= cap);
        prop_assert!(backoff >= base);

        let with = |jitter| builder.clone().jitter(jitter).build().unwrap();
        let full = with(Jitter::Full).jittered_backoff(retry, &mut || r);
        prop_assert!(full <= backoff);

        let bounded = with(Jitter::Bounded(fraction)).jittered_backoff(retry, &mut || r);
        prop_assert!(bounded <= backoff);
        prop_assert!(bounded >= backoff.mul_f64(1.0 - fraction).saturating_sub(Duration::from_nanos(1)));

        let none = with(Jitter::None).jittered_backoff(retry, &mut || r);
        prop_assert_eq!(none, backoff);
    }

    #[test]
    fn decided_waits_stay_within_the_rules_bounds(r in 0.0f64..1.0, attempt in 1u32..3) {
        let headers = HeaderMap::new();
        let policy = RetryPolicy::default();
        // The runs API's 503 waits what its document says (001: 30-60 s).
        let unavailable =
            classify_from(Source::Runs, StatusCode::SERVICE_UNAVAILABLE, &headers, b"");
        match policy.decide_with(&unavailable, CREATE, attempt, now(), &mut || r) {
            Decision::Retry { after } => {
                prop_assert!(after >= Duration::from_secs(30) && after <= Duration::from_secs(60));
            }
            other => prop_assert!(false, "{other:?}"),
        }
        let failing = classify(StatusCode::BAD_GATEWAY, &headers, b"");
        match policy.decide_with(&failing, CREATE_KEY, attempt, now(), &mut || r) {
            Decision::Retry { after } => {
                let backoff = policy.backoff(attempt);
                prop_assert!(after <= backoff && after >= backoff.mul_f64(0.75));
            }
            other => prop_assert!(false, "{other:?}"),
        }
    }

    #[test]
    fn extreme_policies_never_panic(r in prop::num::f64::ANY, retry in any::<u32>(), base in any::<u64>(), fraction in prop::num::f64::ANY) {
        let builder = RetryPolicy::builder()
            .base(Duration::from_secs(base))
            .cap(Duration::MAX)
            .max_retry_after(Duration::MAX);
        for jitter in [Jitter::Full, Jitter::Bounded(fraction), Jitter::None] {
            // A fraction outside [0, 1] (or NaN) is refused, never clamped.
            let Ok(policy) = builder.clone().jitter(jitter).build() else {
                prop_assert!(matches!(jitter, Jitter::Bounded(f) if !(0.0..=1.0).contains(&f)));
                continue;
            };
            prop_assert!(policy.jittered_backoff(retry, &mut || r) <= policy.backoff(retry));
        }
    }

    #[test]
    fn out_of_range_random_numbers_are_clamped(r in prop::num::f64::ANY) {
        let policy = RetryPolicy::builder().jitter(Jitter::Full)
                .build()
                .unwrap();
        let delay = policy.jittered_backoff(1, &mut || r);
        prop_assert!(delay <= policy.backoff(1));
    }
}

#[test]
fn transport_failures_retry_reads_and_only_creates_that_cannot_repeat() {
    let policy = policy();
    let plain_create = Operation::Create {
        idempotency_key: IdempotencyKey::Absent,
    };
    // Connection refused: nothing reached the server, so even a create may go again.
    // The same jittered backoff a response gets.
    assert!(matches!(
        policy.decide_transport(TransportFailure::NeverConnected, plain_create, 1),
        Decision::Retry { after } if after <= policy.backoff(1) && after >= policy.backoff(1).mul_f64(0.75)
    ));
    // Reset or timed out after sending: the task may exist already.
    assert_eq!(
        policy.decide_transport(TransportFailure::SentThenTimedOut, plain_create, 1),
        Decision::Stop {
            reason: NotIdempotent
        }
    );
    let keyed_create = Operation::Create {
        idempotency_key: IdempotencyKey::Sent,
    };
    assert!(matches!(
        policy.decide_transport(TransportFailure::SentThenFailed, keyed_create, 1),
        Decision::Retry { .. }
    ));
    // Polls get more attempts than creates.
    let last_create = policy.max_attempts();
    assert_eq!(
        policy.decide_transport(TransportFailure::NeverConnected, keyed_create, last_create),
        Decision::Stop {
            reason: StopReason::AttemptsExhausted
        }
    );
    assert!(matches!(
        policy.decide_transport(
            TransportFailure::SentThenFailed,
            Operation::StatusPoll,
            last_create
        ),
        Decision::Retry { .. }
    ));
    assert_eq!(
        policy.decide_transport(
            TransportFailure::SentThenFailed,
            Operation::StatusPoll,
            policy.poll_max_attempts()
        ),
        Decision::Stop {
            reason: StopReason::AttemptsExhausted
        }
    );
}

#[test]
fn a_timeout_without_response_spends_more_of_the_budget() {
    let budget = Arc::new(RetryBudget::with_capacity(RetryBudget::TIMEOUT_COST));
    let policy = RetryPolicy::builder()
        .seed(7)
        .budget(Arc::clone(&budget))
        .build()
        .unwrap();
    assert!(matches!(
        policy.decide_transport(TransportFailure::SentThenTimedOut, Operation::StatusPoll, 1),
        Decision::Retry { .. }
    ));
    assert_eq!(budget.available(), 0);
    assert_eq!(
        policy.decide_transport(TransportFailure::SentThenFailed, Operation::StatusPoll, 1),
        Decision::Stop {
            reason: StopReason::BudgetExhausted
        }
    );
}
