//! What an operator counts with the `metrics` feature: attempts, retries
//! by error type, stops by reason and budget refusals, each labelled with
//! the integration that drove the retries. Recorded by a recorder of this
//! test's own, set for the test's thread only (the async tests run on
//! tokio's current-thread runtime, so every count is made on it), for the
//! `Retrier`, `send_with_retries`, the `QueueClient`, reqwest-middleware,
//! tower and backon, against a loopback server that fails a create after
//! doing the work.

// Only the create and poll faults are used here.
#[allow(dead_code)]
mod faults;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use errors_core::integrations::backon::BackonRetry;
use errors_core::integrations::queue::{QueueClient, TaskEnd};
use errors_core::integrations::reqwest_middleware::RetryMiddleware;
use errors_core::integrations::tower::CatalogueRetryPolicy;
use errors_core::wire::{
    Decision, IdempotencyKey, NoResponse, Operation, Retrier, RetryBudget, RetryPolicy, Sent,
    TransportFailure, classify, send_with_retries,
};
use faults::{Fault, FaultServer};
use metrics_util::debugging::{DebugValue, DebuggingRecorder, Snapshotter};
use tower::{Service, ServiceExt};

/// Each counter counted since the last snapshot, as
/// `name{label=value,…}` (labels sorted) with its count.
type Counts = BTreeMap<String, u64>;

fn counts(snapshotter: &Snapshotter) -> Counts {
    snapshotter
        .snapshot()
        .into_vec()
        .into_iter()
        .filter_map(|(key, _, _, value)| {
            let DebugValue::Counter(count) = value else {
                panic!("only counters are recorded: {key:?} is {value:?}");
            };
            // A snapshot resets the counters: one counted only before the
            // last snapshot is still listed, at zero.
            if count == 0 {
                return None;
            }
            let mut labels: Vec<String> = key
                .key()
                .labels()
                .map(|label| format!("{}={}", label.key(), label.value()))
                .collect();
            labels.sort();
            Some((
                format!("{}{{{}}}", key.key().name(), labels.join(",")),
                count,
            ))
        })
        .collect()
}

fn expected(counts: &[(&str, u64)]) -> Counts {
    counts
        .iter()
        .map(|&(key, count)| (key.to_owned(), count))
        .collect()
}

use faults::{fast_policy as policy, prompt};

const KEYED: Operation = Operation::Create {
    idempotency_key: IdempotencyKey::Sent,
};

#[test]
fn the_retrier_counts_a_retry_by_its_code_then_the_success_that_stops_it() {
    let recorder = DebuggingRecorder::new();
    let snapshotter = recorder.snapshotter();
    metrics::with_local_recorder(&recorder, || {
        let policy = policy();
        let mut retrier = Retrier::new(&policy, KEYED);
        let body = br#"{"error": "internal_error", "message": "secret stack at /srv/app.py", "run_id": "run-1"}"#;
        let failed = classify(
            http::StatusCode::INTERNAL_SERVER_ERROR,
            &http::HeaderMap::new(),
            body,
        );
        let _ = retrier.on_response(&failed, Instant::now());
        let ok = classify(http::StatusCode::OK, &http::HeaderMap::new(), b"{}");
        let _ = retrier.on_response(&ok, Instant::now());
    });
    // The body's code is the error type (the catalogue's id, not what the
    // body said); nothing the server wrote is a label.
    assert_eq!(
        counts(&snapshotter),
        expected(&[
            ("errors.client.attempts{errors.integration=retrier}", 2),
            (
                "errors.client.retries{error.type=internal_error,errors.integration=retrier}",
                1
            ),
            (
                "errors.client.stops{errors.integration=retrier,errors.stop_reason=not_an_error}",
                1
            ),
        ])
    );
}

#[test]
fn a_stop_counts_its_reason_and_a_budget_refusal_counts_twice() {
    let recorder = DebuggingRecorder::new();
    let snapshotter = recorder.snapshotter();
    metrics::with_local_recorder(&recorder, || {
        let policy = policy();
        // A refusal the request must fix: no retry.
        let mut retrier = Retrier::new(&policy, KEYED);
        let body = br#"{"error": {"code": "UNAUTHORIZED", "message": "Authorization Bearer or Key token is required"}, "request_id": "r-2"}"#;
        let refused = classify(
            http::StatusCode::UNAUTHORIZED,
            &http::HeaderMap::new(),
            body,
        );
        let _ = retrier.on_response(&refused, Instant::now());
        // No answer to a create without a key: the task may exist.
        let unkeyed = Operation::Create {
            idempotency_key: IdempotencyKey::Absent,
        };
        let mut retrier = Retrier::new(&policy, unkeyed);
        let _ = retrier.on_transport_failure(TransportFailure::SentThenFailed, Instant::now());
    });
    assert_eq!(
        counts(&snapshotter),
        expected(&[
            ("errors.client.attempts{errors.integration=retrier}", 2),
            (
                "errors.client.stops{errors.integration=retrier,errors.stop_reason=fix_credentials}",
                1
            ),
            (
                "errors.client.stops{errors.integration=retrier,errors.stop_reason=not_idempotent}",
                1
            ),
        ])
    );

    // A budget that pays for one retry: the second 503 is refused.
    let budget = Arc::new(RetryBudget::with_capacity(RetryBudget::RETRY_COST));
    let policy = RetryPolicy::builder()
        .base(Duration::from_millis(5))
        .budget(Arc::clone(&budget))
        .build()
        .unwrap();
    metrics::with_local_recorder(&recorder, || {
        let mut retrier = Retrier::new(&policy, Operation::Idempotent);
        let unavailable = classify(
            http::StatusCode::SERVICE_UNAVAILABLE,
            &http::HeaderMap::new(),
            b"",
        );
        assert!(matches!(
            retrier.on_response(&unavailable, Instant::now()),
            Decision::Retry { .. }
        ));
        assert!(matches!(
            retrier.on_response(&unavailable, Instant::now()),
            Decision::Stop { .. }
        ));
        // The budget is shared: another request's retry after a failed
        // connection is refused too.
        let mut retrier = Retrier::new(&policy, Operation::Idempotent);
        let _ = retrier.on_transport_failure(TransportFailure::NeverConnected, Instant::now());
    });
    assert_eq!(budget.available(), 0);
    // A bodiless 503 names no code: its error type is the status.
    assert_eq!(
        counts(&snapshotter),
        expected(&[
            ("errors.client.attempts{errors.integration=retrier}", 3),
            (
                "errors.client.retries{error.type=503,errors.integration=retrier}",
                1
            ),
            (
                "errors.client.stops{errors.integration=retrier,errors.stop_reason=budget_exhausted}",
                2
            ),
            (
                "errors.client.budget_refusals{errors.integration=retrier}",
                2
            ),
        ])
    );
}

#[tokio::test]
async fn send_with_retries_counts_a_request_cut_at_its_deadline() {
    let recorder = DebuggingRecorder::new();
    let snapshotter = recorder.snapshotter();
    let _guard = metrics::set_default_local_recorder(&recorder);
    let policy = policy();
    // An attempt that never answers, and a timer that has already run
    // out: the attempt is cut, no decision asked. (No clock is involved:
    // the deadline is an hour away, the "sleep" ends at once.)
    let deadline = Instant::now() + Duration::from_secs(3600);
    let mut retrier = Retrier::new(&policy, Operation::Idempotent).with_deadline(deadline);
    let sent = send_with_retries(
        &mut retrier,
        std::future::pending::<Result<http::Response<Vec<u8>>, NoResponse<()>>>,
        |_wait| async {},
    )
    .await;
    assert!(matches!(sent, Sent::OutOfTime { attempts: 1 }), "{sent:?}");
    assert_eq!(
        counts(&snapshotter),
        expected(&[
            ("errors.client.attempts{errors.integration=retrier}", 1),
            (
                "errors.client.stops{errors.integration=retrier,errors.stop_reason=out_of_time}",
                1
            ),
        ])
    );

    // A deadline already past: nothing is sent, the request still stops.
    let mut retrier = Retrier::new(&policy, Operation::Idempotent).with_deadline(Instant::now());
    let sent = send_with_retries(
        &mut retrier,
        || -> std::future::Ready<Result<http::Response<Vec<u8>>, NoResponse<()>>> {
            panic!("no attempt is sent after the deadline")
        },
        |_wait| async {},
    )
    .await;
    assert!(matches!(sent, Sent::OutOfTime { .. }), "{sent:?}");
    assert_eq!(
        counts(&snapshotter),
        expected(&[(
            "errors.client.stops{errors.integration=retrier,errors.stop_reason=out_of_time}",
            1
        )])
    );
}

#[tokio::test]
async fn reqwest_middleware_counts_with_its_name_and_the_method() {
    let server = FaultServer::start(vec![Fault::ServerErrorAfterCreate], 0).await;
    let client = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
        .with(RetryMiddleware::new(policy()))
        .build();
    let recorder = DebuggingRecorder::new();
    let snapshotter = recorder.snapshotter();
    let _guard = metrics::set_default_local_recorder(&recorder);
    let response = client
        .post(format!("{}/v1/queue/ok", server.url()))
        .header("idempotency-key", "key-1")
        .body(prompt().to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(server.creates(), 2);
    // The 500's body names no code ({"detail": …}): the status is the type.
    assert_eq!(
        counts(&snapshotter),
        expected(&[
            (
                "errors.client.attempts{errors.integration=reqwest-middleware,http.request.method=POST}",
                2
            ),
            (
                "errors.client.retries{error.type=500,errors.integration=reqwest-middleware}",
                1
            ),
            (
                "errors.client.stops{errors.integration=reqwest-middleware,errors.stop_reason=not_an_error}",
                1
            ),
        ])
    );
}

#[tokio::test]
async fn the_queue_client_counts_every_request_of_a_run() {
    // The create fails once after the work; the first status poll is a 503.
    let server = FaultServer::start(vec![Fault::ServerErrorAfterCreate], 1).await;
    let client = QueueClient::new(server.url(), "key")
        .unwrap()
        .with_policy(policy());
    let recorder = DebuggingRecorder::new();
    let snapshotter = recorder.snapshotter();
    let _guard = metrics::set_default_local_recorder(&recorder);
    let end = client.run("ok", &prompt(), Some("key-1")).await;
    assert!(matches!(end, TaskEnd::Completed(_)), "{end:?}");
    assert_eq!(server.tasks(), 1);
    // Five attempts: two creates (the second answered "queued", a reason
    // to poll, not a stop), two status polls, one result fetch; the
    // completed status and the result end their requests. Neither failure's
    // body names a code ({"detail": …}): each status is its type.
    assert_eq!(
        counts(&snapshotter),
        expected(&[
            ("errors.client.attempts{errors.integration=queue}", 5),
            (
                "errors.client.retries{error.type=500,errors.integration=queue}",
                1
            ),
            (
                "errors.client.retries{error.type=503,errors.integration=queue}",
                1
            ),
            (
                "errors.client.stops{errors.integration=queue,errors.stop_reason=not_an_error}",
                2
            ),
        ])
    );
}

#[tokio::test]
async fn tower_and_backon_count_with_their_names() {
    let server = FaultServer::start(vec![Fault::ServerErrorAfterCreate], 0).await;
    let url = format!("{}/v1/queue/ok", server.url());
    let inner = faults::tower_over(reqwest::Client::new());
    let mut service = tower::ServiceBuilder::new()
        .layer(CatalogueRetryPolicy::new(policy()).layer())
        .service(inner);
    let recorder = DebuggingRecorder::new();
    let snapshotter = recorder.snapshotter();
    let _guard = metrics::set_default_local_recorder(&recorder);
    let request = http::Request::post(&url)
        .header("idempotency-key", "key-1")
        .body(prompt().to_string())
        .unwrap();
    let response = service.ready().await.unwrap().call(request).await.unwrap();
    assert_eq!(response.status(), 200);
    // The 200 says the task is queued: a reason to poll, not a stop.
    assert_eq!(
        counts(&snapshotter),
        expected(&[
            (
                "errors.client.attempts{errors.integration=tower,http.request.method=POST}",
                2
            ),
            (
                "errors.client.retries{error.type=500,errors.integration=tower}",
                1
            ),
        ])
    );

    let server = FaultServer::start(vec![Fault::ServerErrorAfterCreate], 0).await;
    let url = format!("{}/v1/queue/ok", server.url());
    let client = reqwest::Client::new();
    let hooks = BackonRetry::new(policy(), KEYED);
    let created = faults::backon_create(&client, &url, Some("key-1"), &hooks).await;
    assert!(created.is_ok());
    assert_eq!(server.creates(), 2);
    // backon asks its hooks only about failures: the success is not seen.
    assert_eq!(
        counts(&snapshotter),
        expected(&[
            ("errors.client.attempts{errors.integration=backon}", 1),
            (
                "errors.client.retries{error.type=500,errors.integration=backon}",
                1
            ),
        ])
    );
}
