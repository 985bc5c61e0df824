//! Acme's responses, classified, decided and rendered by errors-core's one
//! engine with Acme's catalogue: no code of the engine knows Acme.

use std::time::Duration;

use acme_errors::catalogue::{Shape, Source};
use acme_errors::{AcmeError, Code, Taxonomy};
use errors_core::ErrorTaxonomy;
use errors_core::wire::{
    Decision, Dialect, IdempotencyKey, Operation, RenderDialect, RetryPolicy, StopReason,
    classify_with, render,
};
use http::{HeaderMap, HeaderValue, StatusCode};

const QUOTA: &[u8] = br#"{"errors": [{"code": "QUOTA", "title": "Quota exceeded"}], "trace": "t-1"}"#;

fn create() -> Operation {
    Operation::Create {
        idempotency_key: IdempotencyKey::Absent,
    }
}

#[test]
fn a_quota_refusal_is_acmes_code_with_its_message_and_trace() {
    let response = classify_with(Taxonomy, StatusCode::PAYMENT_REQUIRED, &HeaderMap::new(), QUOTA);
    assert_eq!(response.code(), Some(Code::QuotaExceeded));
    assert_eq!(response.wire_code(), Some("QUOTA"));
    assert_eq!(response.message(), Some("Quota exceeded"));
    assert_eq!(response.request_id(), Some("t-1"));
    assert_eq!(response.source(), Some(Source::Acme));
    assert_eq!(response.dialect(), Dialect::Declared(Shape::JsonApi));
    // Acme's messages are user-safe (its catalogue says so).
    assert_eq!(response.user_message(), "Quota exceeded");
    assert_eq!(
        RetryPolicy::default().decide(&response, create(), 1),
        Decision::Stop { reason: StopReason::FixBilling }
    );
}

#[test]
fn a_rate_limit_waits_for_retry_after_and_a_busy_answer_retries() {
    let body = br#"{"errors": [{"code": "RATE_LIMITED", "title": "Slow down"}]}"#;
    let mut headers = HeaderMap::new();
    headers.insert("retry-after", HeaderValue::from_static("3"));
    headers.insert("x-trace-id", HeaderValue::from_static("t-2"));
    let response = classify_with(Taxonomy, StatusCode::TOO_MANY_REQUESTS, &headers, body);
    assert_eq!(response.code(), Some(Code::SlowDown));
    // No trace in the body: the header Acme's catalogue names.
    assert_eq!(response.request_id(), Some("t-2"));
    assert_eq!(
        RetryPolicy::default().decide(&response, create(), 1),
        Decision::Retry { after: Duration::from_secs(3) }
    );

    let busy = br#"{"errors": [{"code": "BUSY", "title": "Busy"}]}"#;
    let response = classify_with(Taxonomy, StatusCode::SERVICE_UNAVAILABLE, &HeaderMap::new(), busy);
    assert_eq!(response.code(), Some(Code::Busy));
    match RetryPolicy::default().decide(&response, create(), 1) {
        Decision::Retry { after } => {
            assert!((Duration::from_secs(2)..=Duration::from_secs(5)).contains(&after), "{after:?}");
        }
        other => panic!("a busy answer is retried within its rule's range: {other:?}"),
    }
}

#[test]
fn a_status_acme_does_not_list_answers_as_its_class() {
    let response = classify_with(Taxonomy, StatusCode::BAD_GATEWAY, &HeaderMap::new(), b"");
    assert_eq!(response.code(), None);
    // Acme's 500 rule: backoff, idempotent requests only.
    assert_eq!(
        RetryPolicy::default().decide(&response, create(), 1),
        Decision::Stop { reason: StopReason::NotIdempotent }
    );
    assert_eq!(response.user_message(), "Something went wrong on our side. Please try again.");
}

#[test]
fn the_service_renders_its_errors_in_acmes_shape_and_reads_them_back() {
    let error = AcmeError::Quota { org: "o-42".into() };
    assert_eq!(error.code(), Some(Code::QuotaExceeded));
    assert_eq!(error.status(), StatusCode::PAYMENT_REQUIRED);
    let response = render(&error, RenderDialect::Shape(Shape::JsonApi), Some("t-9")).unwrap();
    assert_eq!(response.status(), StatusCode::PAYMENT_REQUIRED);
    assert_eq!(response.headers()["x-trace-id"], "t-9");
    let body: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(
        body,
        serde_json::json!({
            "errors": [{"code": "QUOTA", "title": Code::QuotaExceeded.user_message()}],
            "trace": "t-9"
        })
    );
    assert!(!String::from_utf8_lossy(response.body()).contains("o-42"), "logs only");

    // What one side renders, the other classifies back to the same code.
    let back = classify_with(Taxonomy, response.status(), response.headers(), response.body());
    assert_eq!(back.code(), Some(Code::QuotaExceeded));
    assert_eq!(back.request_id(), Some("t-9"));

    let error = AcmeError::PromptTooLong { limit: 2000 };
    assert_eq!(error.user_message(), "The prompt is too long: at most 2000 characters.");
    assert_eq!(error.status(), StatusCode::BAD_REQUEST);
    let busy = render(&AcmeError::Busy, RenderDialect::Shape(Shape::JsonApi), None).unwrap();
    assert_eq!(busy.headers()["retry-after"], "2");
}
