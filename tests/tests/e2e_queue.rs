//! End to end: the example queue server (documents 000 and 002) on a
//! loopback port, driven by the polling client and by plain requests.
//!
//! Every test starts its own server on 127.0.0.1 port 0, runs under a
//! timeout, and shuts the server down. Tasks move one state per status
//! poll, so nothing here sleeps except where a server asked the client to
//! wait (the 1 s `Retry-After` test).

#[path = "../../errors-core/examples/queue/server.rs"]
#[allow(
    dead_code,
    reason = "shared with the examples, which use parts these tests do not"
)]
mod server;

use std::future::Future;
use std::net::{Ipv4Addr, SocketAddr};
use std::time::{Duration, Instant};

use errors_core::integrations::queue::{
    QueueClient, QueueError, QueueErrorKind, TaskEnd, TaskFailure,
};
use errors_core::integrations::reqwest::classify;
use errors_core::wire::{
    Decision, Dialect, IdempotencyKey, Operation, Reported, RetryPolicy, StopReason,
};
use errors_core::{Code, ErrorType, Shape, Source, TaskStatus};
use serde_json::{Value, json};
use server::{Config, Endpoint, Pace, RateLimit};

const KEY: &str = "test-key";

/// Long enough for the slowest test (one 1 s Retry-After), short enough to
/// fail fast when something hangs.
const TEST_TIMEOUT: Duration = Duration::from_secs(20);

/// Runs `test` against a fresh server, under [`TEST_TIMEOUT`], and shuts
/// the server down afterwards.
async fn with_server<F, Fut>(config: Config, test: F)
where
    F: FnOnce(String) -> Fut,
    Fut: Future<Output = ()>,
{
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
    let running = server::start(addr, config)
        .await
        .expect("bind a loopback port");
    tokio::time::timeout(TEST_TIMEOUT, test(running.url()))
        .await
        .expect("the test finished in time");
    tokio::time::timeout(TEST_TIMEOUT, running.shutdown())
        .await
        .expect("the server shut down in time")
        .expect("the server ran without error");
}

/// Tasks complete on their first poll unless a test says otherwise.
fn quick() -> Config {
    Config {
        pace: Pace {
            queue_polls: 0,
            progress_polls: 0,
        },
        ..Config::default()
    }
}

/// A client that polls every few milliseconds and backs off for a
/// millisecond, so tests run at the speed of the loopback.
fn client(url: &str) -> QueueClient {
    QueueClient::new(url, KEY)
        .expect("a valid base URL and key")
        .with_policy(
            RetryPolicy::builder()
                .poll_interval(Duration::from_millis(5))
                .base(Duration::from_millis(1))
                .cap(Duration::from_millis(5))
                .build()
                .unwrap(),
        )
        .with_max_wait(Duration::from_secs(10))
}

fn prompt() -> Value {
    json!({"prompt": "a cinematic photo of a cat astronaut"})
}

fn rejected(stopped: &QueueError) -> (Code, Decision) {
    match &stopped.kind {
        QueueErrorKind::Rejected { response, decision } => {
            (response.code().expect("a catalogued code"), *decision)
        }
        other => panic!("expected a rejection, got {other:?}"),
    }
}

fn expect_failed(outcome: TaskEnd) -> TaskFailure {
    match outcome {
        TaskEnd::Failed(failure) => failure,
        other => panic!("expected a failed task, got {other:?}"),
    }
}

fn expect_stopped(outcome: TaskEnd) -> QueueError {
    match outcome {
        TaskEnd::Stopped(stopped) => stopped,
        other => panic!("expected the client to stop, got {other:?}"),
    }
}

/// A plain request with the test key, for what the client never sends.
fn raw(method: reqwest::Method, url: &str) -> reqwest::RequestBuilder {
    reqwest::Client::new()
        .request(method, url)
        .header("authorization", format!("Key {KEY}"))
}

async fn json_body(response: reqwest::Response) -> (u16, reqwest::header::HeaderMap, Value) {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.bytes().await.unwrap();
    (
        status,
        headers,
        serde_json::from_slice(&body).unwrap_or(Value::Null),
    )
}

/// The `{"detail": …}` body 000 shows for `code`.
fn detail_of(code: Code) -> Value {
    json!({ "detail": code.wire_name(Source::Queue).expect("a queue spelling") })
}

#[tokio::test]
async fn a_task_goes_through_the_queue_and_its_result_is_fetched() {
    let config = Config {
        pace: Pace {
            queue_polls: 2,
            progress_polls: 1,
        },
        ..Config::default()
    };
    with_server(config, |url| async move {
        let client = client(&url);
        let task = client.submit("ok", &prompt(), None).await.unwrap();
        assert!(task.request_id.starts_with("mmsu_"));
        assert!(task.status_url().as_str().starts_with(&url));
        let mut seen = Vec::new();
        let outcome = client
            .wait_with(&task, |state| {
                seen.push((state.status.known(), state.queue_position));
            })
            .await;
        assert_eq!(
            seen,
            [
                (Some(TaskStatus::InQueue), Some(1)),
                (Some(TaskStatus::InQueue), Some(0)),
                (Some(TaskStatus::InProgress), None),
                (Some(TaskStatus::Completed), None),
            ]
        );
        let TaskEnd::Completed(result) = outcome else {
            panic!("expected a result, got {outcome:?}");
        };
        assert_eq!(result["input"], prompt());
        assert_eq!(
            result["images"][0]["file_name"],
            format!("{}.png", task.request_id)
        );
    })
    .await;
}

#[tokio::test]
async fn a_saved_request_id_is_enough_to_resume_polling() {
    with_server(quick(), |url| async move {
        let submitted = client(&url).submit("ok", &prompt(), None).await.unwrap();
        // Another client (say, after a restart) rebuilds the handle.
        let later = client(&url);
        let task = later.task("ok", &submitted.request_id);
        assert_eq!(task.status_url(), submitted.status_url());
        assert_eq!(task.response_url(), submitted.response_url());
        assert!(matches!(later.wait(&task).await, TaskEnd::Completed(_)));
    })
    .await;
}

#[tokio::test]
async fn each_error_type_fails_its_task_with_the_catalogues_advice() {
    with_server(quick(), |url| async move {
        let client = client(&url);
        for &error_type in ErrorType::ALL {
            let endpoint = Endpoint::Fail(error_type).name();
            let task = client.submit(endpoint, &prompt(), None).await.unwrap();
            let failure = expect_failed(client.wait(&task).await);
            assert_eq!(failure.known_error_type(), Some(error_type), "{endpoint}");
            assert_eq!(failure.request_id, task.request_id);
            assert_eq!(failure.code, Some(error_type.code()));
            assert_eq!(failure.user_message, error_type.code().user_message());
            assert_eq!(failure.remedies, error_type.remedies());
            assert_eq!(failure.retry, error_type.retry());
            // 002's error text for every failure.
            let error = failure.error.as_deref().expect("an error text");
            assert_eq!(
                Code::from_wire(Source::Queue, error),
                Some(Code::TaskFailed)
            );
            // A failed task is retried only by submitting a new one, and
            // only when its error type allows it.
            match failure.advice {
                Decision::SubmitNew { .. } => {
                    assert!(error_type.retry().is_retryable(), "{endpoint}")
                }
                Decision::Stop { .. } => assert!(!error_type.retry().is_retryable(), "{endpoint}"),
                other => panic!("{endpoint}: unexpected advice {other:?}"),
            }
        }
    })
    .await;
}

#[tokio::test]
async fn a_request_without_a_bearer_or_key_token_is_unauthorized() {
    with_server(quick(), |url| async move {
        let create = format!("{url}/v1/queue/ok");
        for authorization in [
            None,
            Some("Basic dXNlcg=="),
            Some("Bearer "),
            Some("test-key"),
        ] {
            let mut request = reqwest::Client::new().post(&create).body("{}");
            if let Some(value) = authorization {
                request = request.header("authorization", value);
            }
            let (status, _, body) = json_body(request.send().await.unwrap()).await;
            assert_eq!(status, 401, "{authorization:?}");
            assert_eq!(
                body["error"]["code"],
                Code::InvalidApiKey.wire_name(Source::Queue).unwrap()
            );
            let message = body["error"]["message"].as_str().unwrap();
            assert_eq!(message, "Authorization Bearer or Key token is required");
            assert_eq!(
                Code::from_wire(Source::Queue, message),
                Some(Code::InvalidApiKey)
            );
            assert!(body["request_id"].as_str().is_some_and(|id| !id.is_empty()));
        }
        // The client reads it as a credential problem, not to be retried.
        let response = reqwest::Client::new().post(&create).send().await.unwrap();
        let error = classify(response).await.unwrap();
        assert_eq!(error.code(), Some(Code::InvalidApiKey));
        assert_eq!(error.dialect(), Dialect::Declared(Shape::Gateway));
        assert_eq!(
            RetryPolicy::default().decide(
                &error,
                Operation::Create {
                    idempotency_key: IdempotencyKey::Sent
                },
                1
            ),
            Decision::Stop {
                reason: StopReason::FixCredentials
            }
        );
    })
    .await;
}

#[tokio::test]
async fn a_rate_limited_create_waits_the_retry_after_then_succeeds() {
    let config = Config {
        rate_limit: RateLimit {
            requests: 3,
            window: Duration::from_secs(1),
        },
        ..quick()
    };
    with_server(config, |url| async move {
        let probe = format!("{url}/v1/queue/ok/requests/none/status");
        // Use up the window: three requests are admitted, the fourth is not.
        for _ in 0..3 {
            let (status, ..) =
                json_body(raw(reqwest::Method::GET, &probe).send().await.unwrap()).await;
            assert_eq!(status, 404);
        }
        let (status, headers, body) =
            json_body(raw(reqwest::Method::GET, &probe).send().await.unwrap()).await;
        assert_eq!(status, 429);
        assert_eq!(headers["retry-after"], "1");
        assert_eq!(
            body["error"]["code"],
            Code::RateLimitExceeded.wire_name(Source::Queue).unwrap()
        );
        let message = body["error"]["message"].as_str().unwrap();
        assert_eq!(
            Code::from_wire(Source::Queue, message),
            Some(Code::RateLimitExceeded)
        );

        // The create is refused the same way; a rate limit refuses it
        // before any work, so even without an idempotency key the client
        // waits the second it was told and tries again.
        let started = Instant::now();
        let outcome = client(&url).run("ok", &prompt(), None).await;
        let waited = started.elapsed();
        assert!(matches!(outcome, TaskEnd::Completed(_)), "{outcome:?}");
        assert!(waited >= Duration::from_secs(1), "waited only {waited:?}");
    })
    .await;
}

#[tokio::test]
async fn a_retry_after_beyond_the_policys_cap_stops_the_client() {
    let config = Config {
        rate_limit: RateLimit {
            requests: 1,
            window: Duration::from_secs(600),
        },
        ..quick()
    };
    with_server(config, |url| async move {
        let client = client(&url);
        client.submit("ok", &prompt(), None).await.unwrap();
        let started = Instant::now();
        let stopped = client.submit("ok", &prompt(), None).await.unwrap_err();
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "it must not wait 600 s"
        );
        let (code, decision) = rejected(&stopped);
        assert_eq!(code, Code::RateLimitExceeded);
        assert_eq!(
            decision,
            Decision::Stop {
                reason: StopReason::WaitLongerThanCap {
                    wait: Duration::from_secs(600)
                }
            }
        );
        assert_eq!(stopped.attempts, 1);
        assert!(
            stopped.request_id.is_some(),
            "the gateway's request id is kept"
        );
    })
    .await;
}

#[tokio::test]
async fn webhooks_are_rejected_in_the_body_the_query_and_the_headers() {
    with_server(quick(), |url| async move {
        let create = format!("{url}/v1/queue/ok");
        let with_body = raw(reqwest::Method::POST, &create)
            .body(r#"{"prompt": "a cat", "webhook_url": "https://example.com/hook"}"#);
        let with_query = raw(
            reqwest::Method::POST,
            &format!("{create}?fal_webhook=https://example.com/hook"),
        )
        .body(r#"{"prompt": "a cat"}"#);
        let with_header = raw(reqwest::Method::POST, &create)
            .header("x-webhook-url", "https://example.com/hook")
            .body(r#"{"prompt": "a cat"}"#);
        for request in [with_body, with_query, with_header] {
            let (status, _, body) = json_body(request.send().await.unwrap()).await;
            assert_eq!(status, Code::WebhookNotSupported.status().as_u16());
            assert_eq!(body, detail_of(Code::WebhookNotSupported));
        }
        // Through the client: not supported, so not retried.
        let input = json!({"prompt": "a cat", "webhook_url": "https://example.com/hook"});
        let stopped = client(&url).submit("ok", &input, None).await.unwrap_err();
        assert_eq!(
            rejected(&stopped),
            (
                Code::WebhookNotSupported,
                Decision::Stop {
                    reason: StopReason::NotSupported
                }
            )
        );
    })
    .await;
}

#[tokio::test]
async fn the_status_stream_is_not_supported() {
    with_server(quick(), |url| async move {
        let task = client(&url).submit("ok", &prompt(), None).await.unwrap();
        let stream = format!("{}/stream", task.status_url());
        let response = raw(reqwest::Method::GET, &stream).send().await.unwrap();
        let (status, _, body) = json_body(response).await;
        assert_eq!(status, Code::SseNotSupported.status().as_u16());
        assert_eq!(body, detail_of(Code::SseNotSupported));
    })
    .await;
}

#[tokio::test]
async fn there_is_no_sync_endpoint() {
    with_server(quick(), |url| async move {
        let sync = format!("{url}/v1/queue/ok/sync");
        let response = raw(reqwest::Method::POST, &sync)
            .body("{}")
            .send()
            .await
            .unwrap();
        let error = classify(response).await.unwrap();
        assert_eq!(error.status(), 404);
        assert_eq!(error.code(), Some(Code::EndpointNotFound));
        assert_eq!(
            error.message(),
            Code::EndpointNotFound.wire_name(Source::Queue)
        );
    })
    .await;
}

#[tokio::test]
async fn an_unknown_endpoint_is_app_not_found() {
    with_server(quick(), |url| async move {
        let stopped = client(&url)
            .submit("not_exists", &prompt(), None)
            .await
            .unwrap_err();
        assert_eq!(
            rejected(&stopped),
            (
                Code::ModelNotFound,
                Decision::Stop {
                    reason: StopReason::FixRequest
                }
            )
        );
        let error = stopped.response().unwrap();
        assert_eq!(error.status(), 404);
        assert_eq!(error.dialect(), Dialect::Declared(Shape::Detail));
        // 000's example, hole filled with the name asked for.
        assert_eq!(error.message(), Some("App not found: not_exists"));
    })
    .await;
}

#[tokio::test]
async fn a_restricted_model_is_not_allowed() {
    with_server(quick(), |url| async move {
        let stopped = client(&url)
            .submit("restricted", &prompt(), None)
            .await
            .unwrap_err();
        let (code, _) = rejected(&stopped);
        assert_eq!(code, Code::ModelNotAllowed);
        assert_eq!(
            stopped.response().unwrap().message(),
            Code::ModelNotAllowed.wire_name(Source::Queue)
        );
    })
    .await;
}

#[tokio::test]
async fn a_canceled_task_completes_as_canceled() {
    with_server(Config::default(), |url| async move {
        let client = client(&url);
        let task = client.submit("slow", &prompt(), None).await.unwrap();
        let state = client.status(&task).await.unwrap();
        assert_eq!(state.status.known(), Some(TaskStatus::InQueue));
        client.cancel(&task).await.unwrap();
        let failure = expect_failed(client.wait(&task).await);
        assert_eq!(failure.known_error_type(), Some(ErrorType::Canceled));
        assert_eq!(
            failure.advice,
            Decision::Stop {
                reason: StopReason::UserCanceled
            }
        );
        // Canceling again changes nothing.
        client.cancel(&task).await.unwrap();
        let failure = expect_failed(client.wait(&task).await);
        assert_eq!(failure.known_error_type(), Some(ErrorType::Canceled));
    })
    .await;
}

#[tokio::test]
async fn a_finished_task_stays_finished_when_canceled() {
    with_server(quick(), |url| async move {
        let client = client(&url);
        let task = client.submit("ok", &prompt(), None).await.unwrap();
        assert!(client.status(&task).await.unwrap().is_terminal());
        client.cancel(&task).await.unwrap();
        assert!(matches!(client.wait(&task).await, TaskEnd::Completed(_)));
    })
    .await;
}

#[tokio::test]
async fn a_create_is_repeated_after_an_ambiguous_failure_only_with_an_idempotency_key() {
    with_server(quick(), |url| async move {
        let client = client(&url);
        // The server made the task but answered 500: without a key,
        // repeating the create could make a second task.
        let stopped = client.submit("flaky", &prompt(), None).await.unwrap_err();
        assert_eq!(
            rejected(&stopped),
            (
                Code::ModelExecutionFailed,
                Decision::Stop {
                    reason: StopReason::NotIdempotent
                }
            )
        );
        assert_eq!(stopped.attempts, 1);
        // With a key the repeat is safe: the server answers the same task.
        let task = client
            .submit("flaky", &prompt(), Some("order-42"))
            .await
            .unwrap();
        assert!(matches!(client.wait(&task).await, TaskEnd::Completed(_)));
        let again = client
            .submit("flaky", &prompt(), Some("order-42"))
            .await
            .unwrap();
        assert_eq!(again.request_id, task.request_id);
    })
    .await;
}

#[tokio::test]
async fn a_result_fetched_too_early_answers_202_and_is_not_a_failure() {
    with_server(Config::default(), |url| async move {
        let task = client(&url).submit("ok", &prompt(), None).await.unwrap();
        let response = raw(reqwest::Method::GET, task.response_url().as_str())
            .send()
            .await
            .unwrap();
        let error = classify(response).await.unwrap();
        assert_eq!(error.status(), 202);
        assert!(error.is_pending());
        assert_eq!(
            error.task_status(),
            Some(&Reported::Known(TaskStatus::InQueue))
        );
        assert!(matches!(
            RetryPolicy::default().decide(&error, Operation::ResultFetch, 1),
            Decision::KeepPolling { .. }
        ));
    })
    .await;
}

#[tokio::test]
async fn another_keys_task_or_an_unknown_id_is_request_not_found() {
    with_server(quick(), |url| async move {
        let task = client(&url).submit("ok", &prompt(), None).await.unwrap();
        let stranger = QueueClient::new(&url, "another-key").unwrap();
        let stopped = stranger.status(&task).await.unwrap_err();
        assert_eq!(rejected(&stopped).0, Code::RequestNotFound);
        let wrong_endpoint = format!("{url}/v1/queue/slow/requests/{}/status", task.request_id);
        let response = raw(reqwest::Method::GET, &wrong_endpoint)
            .send()
            .await
            .unwrap();
        assert_eq!(
            classify(response).await.unwrap().code(),
            Some(Code::RequestNotFound)
        );
    })
    .await;
}

#[tokio::test]
async fn an_unreachable_server_is_retried_then_given_up() {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
    let running = server::start(addr, quick()).await.unwrap();
    let url = running.url();
    running.shutdown().await.unwrap();
    let attempt = tokio::time::timeout(TEST_TIMEOUT, async {
        // Nothing listens any more: a connection never made sent nothing,
        // so even a create without a key is retried, up to the policy's
        // attempts.
        client(&url)
            .submit("ok", &prompt(), None)
            .await
            .unwrap_err()
    })
    .await
    .unwrap();
    assert!(
        matches!(
            attempt.kind,
            QueueErrorKind::Unreachable {
                decision: Decision::Stop {
                    reason: StopReason::AttemptsExhausted
                },
                ..
            }
        ),
        "{attempt:?}"
    );
    assert_eq!(attempt.attempts, RetryPolicy::default().max_attempts());
}

#[tokio::test]
async fn waiting_ends_at_the_clients_max_wait() {
    with_server(quick(), |url| async move {
        let client = client(&url).with_max_wait(Duration::from_millis(100));
        let task = client.submit("slow", &prompt(), None).await.unwrap();
        let stopped = expect_stopped(client.wait(&task).await);
        assert!(
            matches!(stopped.kind, QueueErrorKind::OutOfTime { .. }),
            "{stopped:?}"
        );
        assert_eq!(stopped.operation, Operation::StatusPoll);
        assert_eq!(
            stopped.request_id.as_deref(),
            Some(task.request_id.as_str())
        );
    })
    .await;
}

#[tokio::test]
async fn an_input_that_is_not_an_object_fails_its_task_as_request_invalid() {
    with_server(quick(), |url| async move {
        let client = client(&url);
        let task = client
            .submit("ok", &json!(["not", "an", "object"]), None)
            .await
            .unwrap();
        let failure = expect_failed(client.wait(&task).await);
        assert_eq!(failure.known_error_type(), Some(ErrorType::RequestInvalid));
    })
    .await;
}

#[test]
fn a_client_refuses_a_bad_base_url_or_key_up_front() {
    use errors_core::integrations::queue::InvalidConfig;
    for url in [
        "",
        "127.0.0.1:8080",
        "ftp://127.0.0.1",
        "mailto:queue@example.com",
    ] {
        assert!(
            matches!(QueueClient::new(url, KEY), Err(InvalidConfig::BaseUrl(_))),
            "{url}"
        );
    }
    for key in ["", "   ", "line\nbreak"] {
        assert_eq!(
            QueueClient::new("http://127.0.0.1:8080", key).unwrap_err(),
            InvalidConfig::ApiKey,
            "{key:?}"
        );
    }
}

mod endpoint_names {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// Any base URL and key either make a client or a clear error.
        #[test]
        fn any_configuration_is_accepted_or_refused_without_panicking(url in "\\PC{0,60}", key in "\\PC{0,40}") {
            let _ = QueueClient::new(&url, &key);
        }

        /// Whatever a caller names, the client sends it intact and the
        /// server answers either a task or `App not found: <the name>`.
        #[test]
        fn any_endpoint_name_round_trips(name in "[^/%.\\p{C}]{1,40}") {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(with_server(quick(), |url| async move {
                match client(&url).submit(&name, &prompt(), None).await {
                    Ok(task) => assert_eq!(Endpoint::parse(&name).map(Endpoint::name), Some(task.endpoint.as_str())),
                    Err(stopped) => {
                        let error = stopped.response().expect("a response");
                        if Endpoint::parse(&name).is_some() {
                            // flaky and restricted refuse by design.
                            assert_ne!(error.code(), Some(Code::ModelNotFound));
                        } else {
                            assert_eq!(error.code(), Some(Code::ModelNotFound));
                            assert_eq!(error.message(), Some(format!("App not found: {name}").as_str()));
                        }
                    }
                }
            }));
        }
    }
}

/// A queue that answers as fal's documents show (a create answers with
/// its status, a failed task carries fal's `error_type`), at the URLs of
/// the protocol the client speaks (000's `/v1/queue/…`), on a loopback
/// port; it stops when dropped.
struct FalQueue {
    url: String,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for FalQueue {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl FalQueue {
    async fn start() -> Self {
        use axum::extract::{Path, State};
        use axum::routing::{get, post};

        let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .await
            .expect("bind a loopback port");
        let url = format!("http://{}", listener.local_addr().expect("an address"));
        let polls = std::sync::Arc::new(std::sync::atomic::AtomicU32::new(0));
        let base = url.clone();
        let create = move |Path(app): Path<String>| {
            let base = base.clone();
            async move {
                let id = format!("req_{app}");
                axum::Json(json!({
                    "status": "IN_QUEUE",
                    "request_id": id,
                    "queue_position": 0,
                    "status_url": format!("{base}/v1/queue/{app}/requests/{id}/status"),
                    "response_url": format!("{base}/v1/queue/{app}/requests/{id}"),
                }))
            }
        };
        let status = |State(polls): State<std::sync::Arc<std::sync::atomic::AtomicU32>>,
                      Path((app, id)): Path<(String, String)>| async move {
            use axum::http::StatusCode as Http;
            if polls.fetch_add(1, std::sync::atomic::Ordering::SeqCst) % 2 == 0 {
                return (
                    Http::ACCEPTED,
                    axum::Json(json!({"status": "IN_PROGRESS", "request_id": id})),
                );
            }
            let body = if app == "broken" {
                json!({"status": "COMPLETED", "request_id": id, "error": "Request timed out", "error_type": "request_timeout"})
            } else {
                json!({"status": "COMPLETED", "request_id": id})
            };
            (Http::OK, axum::Json(body))
        };
        let result = |Path((_, id)): Path<(String, String)>| async move {
            axum::Json(json!({"images": [{"file_name": format!("{id}.png")}]}))
        };
        let app = axum::Router::new()
            .route("/v1/queue/{app}", post(create))
            .route("/v1/queue/{app}/requests/{id}/status", get(status))
            .route("/v1/queue/{app}/requests/{id}", get(result))
            .with_state(polls);
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        FalQueue { url, task }
    }
}

/// The client reads with any catalogue: fal's queue API (the example
/// catalogue, loaded at run time, no Rust generated from it) takes a task
/// through a queue that answers as fal's documents show, its statuses are
/// fal's entries, and a failed task reports fal's `error_type` and code.
#[tokio::test]
async fn the_client_reads_responses_with_any_catalogue() {
    use errors_core::wire::Catalogue as _;

    let path = errors_tests::workspace().join("examples/catalogues/fal.yaml");
    let fal = errors_tools::RuntimeCatalogue::leak(errors_catalogue::load(&path).unwrap());
    let source = fal.source("fal_queue").expect("fal's queue source");
    let server = FalQueue::start().await;
    let client = QueueClient::with_catalogue(fal, source, &server.url, KEY)
        .unwrap()
        .with_policy(
            RetryPolicy::builder()
                .poll_interval(Duration::from_millis(5))
                .base(Duration::from_millis(1))
                .build()
                .unwrap(),
        )
        .with_max_wait(Duration::from_secs(10));
    let run = async {
        let task = client.submit("flux", &prompt(), None).await.unwrap();
        assert_eq!(task.request_id, "req_flux");
        let mut seen = Vec::new();
        let outcome = client
            .wait_with(&task, |state| {
                let name = |s: errors_tools::TaskStatusId| {
                    fal.catalogue().raw().task_statuses[s.position()]
                        .id
                        .value
                        .clone()
                };
                seen.push((state.status.known().map(name), state.is_terminal()));
            })
            .await;
        let TaskEnd::Completed(result) = outcome else {
            panic!("expected a result, got {outcome:?}");
        };
        assert_eq!(result["images"][0]["file_name"], "req_flux.png");
        assert_eq!(
            seen,
            [
                (Some("IN_PROGRESS".to_string()), false),
                (Some("COMPLETED".to_string()), true),
            ]
        );

        let task = client.submit("broken", &prompt(), None).await.unwrap();
        let TaskEnd::Failed(failure) = client.wait(&task).await else {
            panic!("a failed task");
        };
        let error_type = failure.known_error_type().map(|e| fal.error_type_id(e));
        assert_eq!(error_type, Some("request_timeout"));
        assert_eq!(
            failure.code.map(|code| fal.code_id(code)),
            Some("request_timeout")
        );
        assert_eq!(failure.status, 504, "{failure:?}");
        assert_eq!(failure.request_id, "req_broken");
        assert!(
            matches!(failure.advice, Decision::SubmitNew { .. }),
            "{failure:?}"
        );
    };
    tokio::time::timeout(TEST_TIMEOUT, run)
        .await
        .expect("the test finished in time");
}
