//! Every client of the crate against a queue server that injects faults
//! (`faults`): 429 and 522 refusals, edge 502 pages, a 500 after the task
//! was created, a dropped connection, a hang past a 500 ms client
//! timeout, failing polls. The server counts the tasks it creates: no
//! create without an idempotency key makes two; a keyed create that can
//! succeed within its attempts does, with one task; every call ends
//! within its deadline.

mod faults;

use std::time::{Duration, Instant};

use errors_core::integrations::backon::BackonRetry;
use errors_core::integrations::queue::{QueueClient, TaskEnd};
use errors_core::integrations::reqwest_middleware::RetryMiddleware;
use errors_core::integrations::tower::CatalogueRetryPolicy;
use errors_core::wire::Operation;
use faults::{Fault, FaultServer};
use tower::{Service, ServiceExt};

/// The client's own timeout: a hang past it is a timed-out attempt.
const CLIENT_TIMEOUT: Duration = Duration::from_millis(500);
/// Each call's deadline.
const MAX_WAIT: Duration = Duration::from_secs(4);
/// Scheduling slack on a loaded machine.
const SLACK: Duration = Duration::from_millis(700);

use faults::{fast_policy as policy, prompt};

fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(CLIENT_TIMEOUT)
        .build()
        .unwrap()
}

fn queue_client(url: &str) -> QueueClient {
    QueueClient::new(url, "key")
        .unwrap()
        .with_http(http())
        .with_policy(policy())
        .with_max_wait(MAX_WAIT)
}

/// Every fault of a create, with whether it comes before any work.
fn create_faults() -> Vec<(Fault, bool)> {
    vec![
        (Fault::RateLimited("0".into()), true),
        (Fault::Edge522, true),
        (Fault::EdgePage502, false),
        (Fault::ServerErrorAfterCreate, false),
        (Fault::DropAfterCreate, false),
        (Fault::HangAfterCreate(Duration::from_millis(900)), false),
    ]
}

#[tokio::test]
async fn queue_client_never_makes_two_tasks_from_an_unkeyed_create() {
    for (fault, before_work) in create_faults() {
        let server = FaultServer::start(vec![fault.clone()], 0).await;
        let started = Instant::now();
        let end = queue_client(server.url()).run("ok", &prompt(), None).await;
        assert!(
            started.elapsed() < MAX_WAIT + SLACK,
            "{fault:?} took {:?}",
            started.elapsed()
        );
        assert!(server.tasks() <= 1, "{fault:?}: {} tasks", server.tasks());
        if before_work {
            // Refused before any work: safe to repeat, and it completes.
            assert!(matches!(end, TaskEnd::Completed(_)), "{fault:?}: {end:?}");
            assert_eq!(server.creates(), 2, "{fault:?}");
        } else {
            // The task may exist: the client stops rather than repeat.
            assert!(matches!(end, TaskEnd::Stopped(_)), "{fault:?}: {end:?}");
            assert_eq!(server.creates(), 1, "{fault:?}");
        }
    }
}

#[tokio::test]
async fn queue_client_with_keys_completes_every_fault_with_one_task() {
    for (fault, _) in create_faults() {
        let server = FaultServer::start(vec![fault.clone()], 2).await;
        let started = Instant::now();
        let client = queue_client(server.url()).with_generated_idempotency_keys();
        let end = client.run("ok", &prompt(), None).await;
        assert!(
            started.elapsed() < MAX_WAIT + SLACK,
            "{fault:?} took {:?}",
            started.elapsed()
        );
        assert!(matches!(end, TaskEnd::Completed(_)), "{fault:?}: {end:?}");
        assert_eq!(server.tasks(), 1, "{fault:?}");
        assert_eq!(server.creates(), 2, "{fault:?}");
    }
}

#[tokio::test]
async fn retry_after_zero_one_and_a_date_are_honoured_for_unkeyed_creates() {
    for (value, at_least, at_most) in [
        ("0", Duration::ZERO, Duration::from_millis(400)),
        ("1", Duration::from_millis(950), Duration::from_millis(1900)),
        // An HTTP date has whole seconds: one to two seconds from now.
        (
            "a date 2 s ahead",
            Duration::from_millis(900),
            Duration::from_millis(2900),
        ),
    ] {
        let value = if value.starts_with('a') {
            httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(2))
        } else {
            value.to_owned()
        };
        let server = FaultServer::start(vec![Fault::RateLimited(value.clone())], 0).await;
        let started = Instant::now();
        let task = queue_client(server.url())
            .submit("ok", &prompt(), None)
            .await
            .unwrap_or_else(|error| panic!("{value}: {error}"));
        let took = started.elapsed();
        assert!(
            took >= at_least && took <= at_most + SLACK,
            "{value}: {took:?}"
        );
        assert_eq!(task.request_id, "task_1");
        assert_eq!(server.tasks(), 1, "{value}");
    }
}

#[tokio::test]
async fn failing_polls_are_retried_and_counted() {
    let server = FaultServer::start(Vec::new(), 3).await;
    let client = queue_client(server.url());
    let task = client.submit("ok", &prompt(), None).await.unwrap();
    assert!(matches!(client.wait(&task).await, TaskEnd::Completed(_)));
    // Five attempts for a poll: four failing polls in a row stop it, and
    // the error counts every poll made.
    let server = FaultServer::start(Vec::new(), 10).await;
    let client = queue_client(server.url());
    let task = client.submit("ok", &prompt(), None).await.unwrap();
    let TaskEnd::Stopped(error) = client.wait(&task).await else {
        panic!("ten failing polls cannot complete");
    };
    assert_eq!(error.attempts, policy().poll_max_attempts());
    assert_eq!(error.operation, Operation::StatusPoll);
}

/// A create sent through `send`, keyed or not, against each fault.
async fn check_integration<F, Fut>(name: &str, mut send: F)
where
    F: FnMut(String, Option<&'static str>) -> Fut,
    Fut: std::future::Future<Output = Option<u16>>,
{
    for keyed in [None, Some("key-1")] {
        for (fault, before_work) in create_faults() {
            let server = FaultServer::start(vec![fault.clone()], 0).await;
            let started = Instant::now();
            let status = send(format!("{}/v1/queue/ok", server.url()), keyed).await;
            let took = started.elapsed();
            assert!(
                took < MAX_WAIT + SLACK,
                "{name} {fault:?} {keyed:?}: {took:?}"
            );
            assert!(
                server.tasks() <= 1,
                "{name} {fault:?} {keyed:?}: {} tasks",
                server.tasks()
            );
            if before_work || keyed.is_some() {
                assert_eq!(status, Some(200), "{name} {fault:?} {keyed:?}");
                assert_eq!(server.tasks(), 1, "{name} {fault:?} {keyed:?}");
            } else {
                assert_eq!(
                    server.creates(),
                    1,
                    "{name} {fault:?}: repeated an unkeyed create"
                );
                assert_ne!(status, Some(200), "{name} {fault:?}");
            }
        }
    }
}

#[tokio::test]
async fn tower_policy_honours_idempotency_and_retry_after() {
    let client = http();
    let inner = faults::tower_over(client);
    let service = tower::ServiceBuilder::new()
        .layer(CatalogueRetryPolicy::new(policy()).layer())
        .service(inner);
    check_integration("tower", |url, key| {
        let mut service = service.clone();
        async move {
            let mut request = http::Request::post(url).body(prompt().to_string()).unwrap();
            if let Some(key) = key {
                request
                    .headers_mut()
                    .insert("idempotency-key", key.parse().unwrap());
            }
            let service = service.ready().await.ok()?;
            service
                .call(request)
                .await
                .ok()
                .map(|r| r.status().as_u16())
        }
    })
    .await;
}

#[tokio::test]
async fn reqwest_middleware_honours_idempotency_and_retry_after() {
    let client = reqwest_middleware::ClientBuilder::new(http())
        .with(RetryMiddleware::new(policy()).with_max_elapsed(MAX_WAIT))
        .build();
    check_integration("reqwest-middleware", |url, key| {
        let client = client.clone();
        async move {
            let mut request = client.post(url).body(prompt().to_string());
            if let Some(key) = key {
                request = request.header("idempotency-key", key);
            }
            request.send().await.ok().map(|r| r.status().as_u16())
        }
    })
    .await;
}

#[tokio::test]
async fn backon_hooks_honour_idempotency_and_retry_after() {
    let client = http();
    check_integration("backon", |url, key| {
        let client = client.clone();
        async move {
            let operation = Operation::Create {
                idempotency_key: errors_core::wire::IdempotencyKey::of(key),
            };
            let hooks = BackonRetry::new(policy(), operation);
            faults::backon_create(&client, &url, key, &hooks)
                .await
                .ok()
                .map(|created| created.status().as_u16())
        }
    })
    .await;
}
