//! What support sees with the `tracing` feature: a span per logical
//! request and per attempt, an event per decision, with OpenTelemetry's
//! HTTP attribute names and the catalogue's words, recorded by a
//! subscriber of this test's own. For the `Retrier`, `send_with_retries`
//! (and `QueueClient`, which sends through it), reqwest-middleware, tower
//! and backon, against a loopback server that fails a create after doing
//! the work.

// Only the create faults are used here.
#[allow(dead_code)]
mod faults;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use errors_core::integrations::backon::BackonRetry;
use errors_core::integrations::queue::QueueClient;
use errors_core::integrations::reqwest_middleware::RetryMiddleware;
use errors_core::integrations::tower::CatalogueRetryPolicy;
use errors_core::wire::{
    IdempotencyKey, NoResponse, Operation, Retrier, Sent, TransportFailure, classify,
    send_with_retries,
};
use faults::{Fault, FaultServer};
use tower::{Service, ServiceExt};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};

/// A span as recorded: its name and fields.
#[derive(Debug, Clone)]
struct SpanRecord {
    name: &'static str,
    fields: BTreeMap<String, String>,
}

/// An event as recorded: level, fields, and the names of the spans it
/// happened in (outermost first).
#[derive(Debug, Clone)]
struct EventRecord {
    level: Level,
    fields: BTreeMap<String, String>,
    within: Vec<&'static str>,
}

#[derive(Default)]
struct Recorded {
    spans: Vec<SpanRecord>,
    events: Vec<EventRecord>,
    entered: Vec<u64>,
}

/// Records every span and event, in order.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Recorded>>);

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, attributes: &Attributes<'_>) -> Id {
        let mut fields = BTreeMap::new();
        attributes.record(&mut Fields(&mut fields));
        let mut recorded = self.0.lock().unwrap();
        recorded.spans.push(SpanRecord {
            name: attributes.metadata().name(),
            fields,
        });
        Id::from_u64(recorded.spans.len() as u64)
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut recorded = self.0.lock().unwrap();
        let index = usize::try_from(span.into_u64()).unwrap() - 1;
        values.record(&mut Fields(&mut recorded.spans[index].fields));
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = BTreeMap::new();
        event.record(&mut Fields(&mut fields));
        let mut recorded = self.0.lock().unwrap();
        let within = recorded
            .entered
            .iter()
            .map(|&id| recorded.spans[usize::try_from(id).unwrap() - 1].name)
            .collect();
        recorded.events.push(EventRecord {
            level: *event.metadata().level(),
            fields,
            within,
        });
    }

    fn enter(&self, span: &Id) {
        self.0.lock().unwrap().entered.push(span.into_u64());
    }

    fn exit(&self, _: &Id) {
        self.0.lock().unwrap().entered.pop();
    }
}

impl Capture {
    fn events(&self) -> Vec<EventRecord> {
        self.0.lock().unwrap().events.clone()
    }

    fn spans(&self, name: &str) -> Vec<SpanRecord> {
        let recorded = self.0.lock().unwrap();
        recorded
            .spans
            .iter()
            .filter(|span| span.name == name)
            .cloned()
            .collect()
    }
}

fn field<'a>(fields: &'a BTreeMap<String, String>, name: &str) -> Option<&'a str> {
    fields.get(name).map(String::as_str)
}

use faults::{fast_policy as policy, prompt};

/// The decision events: a retry at `DEBUG` on the first attempt's 500,
/// then the end: `Stop(NotAnError)` at `TRACE`, or, when the body said the
/// task is queued (`pending`), `KeepPolling` at `DEBUG`.
fn assert_retried_then_succeeded(
    events: &[EventRecord],
    name: &str,
    error_type: &str,
    pending: bool,
) {
    let decisions: Vec<&EventRecord> = events
        .iter()
        .filter(|e| e.fields.contains_key("errors.decision"))
        .collect();
    assert_eq!(decisions.len(), 2, "{name}: {decisions:#?}");
    let retry = &decisions[0].fields;
    assert_eq!(decisions[0].level, Level::DEBUG, "{name}");
    assert_eq!(field(retry, "errors.decision"), Some("retry"), "{name}");
    assert_eq!(
        field(retry, "http.request.resend_count"),
        Some("0"),
        "{name}"
    );
    assert_eq!(
        field(retry, "http.response.status_code"),
        Some("500"),
        "{name}"
    );
    assert_eq!(
        field(retry, "error.type"),
        Some(error_type),
        "{name}: {retry:?}"
    );
    assert!(field(retry, "errors.wait_ms").is_some(), "{name}");
    let done = &decisions[1].fields;
    if pending {
        assert_eq!(
            field(done, "errors.decision"),
            Some("keep_polling"),
            "{name}"
        );
        assert_eq!(decisions[1].level, Level::DEBUG, "{name}");
    } else {
        assert_eq!(field(done, "errors.decision"), Some("stop"), "{name}");
        assert_eq!(
            field(done, "errors.stop_reason"),
            Some("not_an_error"),
            "{name}"
        );
        assert_eq!(decisions[1].level, Level::TRACE, "{name}");
    }
    assert_eq!(
        field(done, "http.request.resend_count"),
        Some("1"),
        "{name}"
    );
    assert_eq!(
        field(done, "http.response.status_code"),
        Some("200"),
        "{name}"
    );
    assert_eq!(
        field(done, "error.type"),
        None,
        "{name}: a success has no error.type"
    );
}

#[test]
fn the_retrier_says_each_decision_with_its_attributes() {
    let capture = Capture::default();
    tracing::subscriber::with_default(capture.clone(), || {
        let policy = policy();
        let keyed = Operation::Create {
            idempotency_key: IdempotencyKey::Sent,
        };
        let mut retrier = Retrier::new(&policy, keyed);
        let body = br#"{"error": "internal_error", "message": "secret stack at /srv/app.py", "run_id": "run-1"}"#;
        let mut headers = http::HeaderMap::new();
        headers.insert("x-request-id", http::HeaderValue::from_static("r-1"));
        let failed = classify(http::StatusCode::INTERNAL_SERVER_ERROR, &headers, body);
        let _ = retrier.on_response(&failed, Instant::now());
        let ok = classify(http::StatusCode::OK, &http::HeaderMap::new(), b"{}");
        let _ = retrier.on_response(&ok, Instant::now());

        // A stop on a failure is a warning, with why.
        let mut retrier = Retrier::new(&policy, keyed);
        let body = br#"{"error": {"code": "UNAUTHORIZED", "message": "Authorization Bearer or Key token is required"}, "request_id": "r-2"}"#;
        let refused = classify(
            http::StatusCode::UNAUTHORIZED,
            &http::HeaderMap::new(),
            body,
        );
        let _ = retrier.on_response(&refused, Instant::now());
        // No response at all: the failure's kind is the error type.
        let mut retrier = Retrier::new(
            &policy,
            Operation::Create {
                idempotency_key: IdempotencyKey::Absent,
            },
        );
        let _ = retrier.on_transport_failure(TransportFailure::SentThenFailed, Instant::now());
    });
    let events = capture.events();
    // A code the body names is the error's type (low cardinality: the
    // catalogue's ids); without one, the status.
    assert_retried_then_succeeded(&events[..2], "Retrier", "internal_error", false);
    assert_eq!(field(&events[0].fields, "errors.request_id"), Some("r-1"));
    assert_eq!(field(&events[0].fields, "errors.source"), Some("runs"));
    assert_eq!(
        field(&events[0].fields, "errors.code"),
        Some("internal_error")
    );

    let stopped = &events[2];
    assert_eq!(stopped.level, Level::WARN);
    assert_eq!(field(&stopped.fields, "errors.decision"), Some("stop"));
    assert_eq!(
        field(&stopped.fields, "errors.stop_reason"),
        Some("fix_credentials")
    );
    assert_eq!(
        field(&stopped.fields, "error.type"),
        Some("invalid_api_key")
    );
    assert_eq!(
        field(&stopped.fields, "http.response.status_code"),
        Some("401")
    );
    assert_eq!(field(&stopped.fields, "errors.wait_ms"), None);

    let unanswered = &events[3];
    assert_eq!(unanswered.level, Level::WARN);
    assert_eq!(
        field(&unanswered.fields, "error.type"),
        Some("sent_then_failed")
    );
    assert_eq!(
        field(&unanswered.fields, "errors.stop_reason"),
        Some("not_idempotent")
    );
    assert_eq!(field(&unanswered.fields, "http.response.status_code"), None);

    // Nothing a server or user wrote, but the request id.
    for event in &events {
        for value in event.fields.values() {
            assert!(!value.contains("secret"), "{value}");
            assert!(!value.contains("Authorization"), "{value}");
        }
    }
}

/// Each attempt its own span, the second a resend; decisions in the
/// request's span.
fn assert_attempt_spans(capture: &Capture, name: &str, method: Option<&str>) {
    let requests = capture.spans("errors.request");
    assert_eq!(requests.len(), 1, "{name}: {requests:#?}");
    assert_eq!(
        field(&requests[0].fields, "errors.operation"),
        Some("create"),
        "{name}"
    );
    let attempts = capture.spans("errors.attempt");
    assert_eq!(attempts.len(), 2, "{name}: {attempts:#?}");
    assert_eq!(
        field(&attempts[0].fields, "http.request.resend_count"),
        None,
        "{name}"
    );
    assert_eq!(
        field(&attempts[1].fields, "http.request.resend_count"),
        Some("1"),
        "{name}"
    );
    assert_eq!(
        field(&attempts[0].fields, "http.response.status_code"),
        Some("500"),
        "{name}"
    );
    assert_eq!(
        field(&attempts[0].fields, "error.type"),
        Some("500"),
        "{name}"
    );
    assert_eq!(
        field(&attempts[1].fields, "http.response.status_code"),
        Some("200"),
        "{name}"
    );
    if let Some(method) = method {
        for span in requests.iter().chain(&attempts) {
            assert_eq!(
                field(&span.fields, "http.request.method"),
                Some(method),
                "{name}"
            );
            assert_eq!(
                field(&span.fields, "server.address"),
                Some("127.0.0.1"),
                "{name}"
            );
        }
    }
    for event in capture.events() {
        if event.fields.contains_key("errors.decision") {
            assert_eq!(
                event.within.last(),
                Some(&"errors.request"),
                "{name}: {event:?}"
            );
        }
    }
}

#[tokio::test]
async fn the_queue_client_traces_each_attempt_of_a_retried_create() {
    let server = FaultServer::start(vec![Fault::ServerErrorAfterCreate], 0).await;
    let client = QueueClient::new(server.url(), "key")
        .unwrap()
        .with_policy(policy());
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let task = client.submit("ok", &prompt(), Some("key-1")).await;
    assert!(task.is_ok(), "{task:?}");
    assert_retried_then_succeeded(&capture.events(), "QueueClient", "500", true);
    assert_attempt_spans(&capture, "QueueClient", None);
    // The call is a span of its own, around its request's.
    let calls = capture.spans("errors.call");
    assert_eq!(calls.len(), 1, "{calls:#?}");
    assert_eq!(field(&calls[0].fields, "errors.call"), Some("submit"));
    assert_eq!(field(&calls[0].fields, "errors.endpoint"), Some("ok"));
    for event in capture.events() {
        if event.fields.contains_key("errors.decision") {
            assert_eq!(event.within, ["errors.call", "errors.request"], "{event:?}");
        }
    }
}

#[tokio::test]
async fn reqwest_middleware_traces_each_attempt_with_method_and_server() {
    let server = FaultServer::start(vec![Fault::ServerErrorAfterCreate], 0).await;
    let client = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
        .with(RetryMiddleware::new(policy()))
        .build();
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let response = client
        .post(format!("{}/v1/queue/ok", server.url()))
        .header("idempotency-key", "key-1")
        .body(prompt().to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_retried_then_succeeded(&capture.events(), "reqwest-middleware", "500", false);
    assert_attempt_spans(&capture, "reqwest-middleware", Some("POST"));
}

#[tokio::test]
async fn tower_and_backon_say_each_decision() {
    let server = FaultServer::start(vec![Fault::ServerErrorAfterCreate], 0).await;
    let url = format!("{}/v1/queue/ok", server.url());
    let inner = faults::tower_over(reqwest::Client::new());
    let mut service = tower::ServiceBuilder::new()
        .layer(CatalogueRetryPolicy::new(policy()).layer())
        .service(inner);
    let capture = Capture::default();
    {
        let _guard = tracing::subscriber::set_default(capture.clone());
        let request = http::Request::post(&url)
            .header("idempotency-key", "key-1")
            .body(prompt().to_string())
            .unwrap();
        let response = service.ready().await.unwrap().call(request).await.unwrap();
        assert_eq!(response.status(), 200);
    }
    assert_retried_then_succeeded(&capture.events(), "tower", "500", true);

    let server = FaultServer::start(vec![Fault::ServerErrorAfterCreate], 0).await;
    let url = format!("{}/v1/queue/ok", server.url());
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let client = reqwest::Client::new();
    let hooks = BackonRetry::new(
        policy(),
        Operation::Create {
            idempotency_key: IdempotencyKey::Sent,
        },
    );
    let created = faults::backon_create(&client, &url, Some("key-1"), &hooks).await;
    assert!(created.is_ok());
    // backon asks only about failures: the retry is said; the success ends
    // the loop without a question.
    let decisions: Vec<EventRecord> = capture
        .events()
        .into_iter()
        .filter(|e| e.fields.contains_key("errors.decision"))
        .collect();
    assert_eq!(decisions.len(), 1, "{decisions:#?}");
    assert_eq!(
        field(&decisions[0].fields, "errors.decision"),
        Some("retry")
    );
    assert_eq!(field(&decisions[0].fields, "error.type"), Some("500"));
}

#[tokio::test]
async fn send_with_retries_says_when_its_deadline_cuts_an_attempt() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let policy = policy();
    // An attempt that never answers, and a timer that has already run
    // out: no decision is asked, the deadline decides. (No clock is
    // involved: the deadline is an hour away, the "sleep" ends at once.)
    let deadline = Instant::now() + Duration::from_secs(3600);
    let mut retrier = Retrier::new(&policy, Operation::Idempotent).with_deadline(deadline);
    let sent = send_with_retries(
        &mut retrier,
        std::future::pending::<Result<http::Response<Vec<u8>>, NoResponse<()>>>,
        |_wait| async {},
    )
    .await;
    assert!(matches!(sent, Sent::OutOfTime { attempts: 1 }), "{sent:?}");
    let events = capture.events();
    assert_eq!(events.len(), 1, "{events:#?}");
    let cut = &events[0];
    assert_eq!(cut.level, Level::WARN);
    assert_eq!(cut.within.last(), Some(&"errors.request"));
    assert_eq!(field(&cut.fields, "errors.decision"), Some("stop"));
    assert_eq!(
        field(&cut.fields, "errors.stop_reason"),
        Some("out_of_time")
    );
    assert_eq!(field(&cut.fields, "error.type"), Some("timeout"));
    assert_eq!(field(&cut.fields, "http.request.resend_count"), Some("0"));
    assert_eq!(field(&cut.fields, "http.response.status_code"), None);
}
