//! An in-memory queue server that speaks the protocol of documents 000 and
//! 002, for the examples and the end-to-end tests.
//!
//! - `POST /v1/queue/{endpoint}` creates a task and answers `request_id`,
//!   `status_url` and `response_url`.
//! - `GET …/requests/{id}/status` reports `IN_QUEUE` (with
//!   `queue_position`), `IN_PROGRESS`, then `COMPLETED`, with `error` and
//!   `error_type` when the task failed. Each poll moves the task one state
//!   on ([`Pace`]), so a test controls progress without sleeping.
//! - `GET …/requests/{id}` answers 202 until the task completes, then the
//!   result.
//! - `PUT …/requests/{id}/cancel` ends a running task as `CANCELED`.
//!
//! The endpoint name scripts the outcome ([`Endpoint`]): `ok` succeeds,
//! `fail-inference` and its siblings complete with one `error_type` each,
//! `slow` runs until canceled, `flaky` answers its create with a server
//! failure after creating the task, `restricted` refuses every key.
//!
//! Every error goes through the catalogue: a [`Code`] or an [`ErrorType`],
//! rendered by `wire::render` in the queue's dialects. The gateway checks
//! (credential, rate limit) answer in the gateway shape with a request id;
//! the application answers `{"detail": …}`.

mod gate;
mod route;
mod tasks;
mod wording;

use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Instant;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Json, Response};
use errors_core::integrations::axum::Reply;
use errors_core::wire::RenderDialect;
use errors_core::{Code, ErrorTaxonomy, Shape};
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use gate::RateLimit;
use route::Route;
pub use tasks::{Endpoint, Pace};
use tasks::{Phase, Store, Task};
use wording::QueueError;

/// The request header that makes a create idempotent (the IETF
/// `Idempotency-Key` draft): a create repeated with the same key answers the
/// task the first one made instead of making another.
pub const IDEMPOTENCY_KEY: &str = "idempotency-key";

/// The largest create body read, in bytes.
const MAX_INPUT: usize = 256 * 1024;

/// How the example queue behaves.
#[derive(Debug, Clone, Copy, Default)]
pub struct Config {
    /// How many status polls a task spends in each state.
    pub pace: Pace,
    /// How many requests each key may send per window.
    pub rate_limit: RateLimit,
}

/// The shared state of one server.
struct Queue {
    pace: Pace,
    limiter: gate::RateLimiter,
    store: Mutex<Store>,
}

impl Queue {
    fn store(&self) -> MutexGuard<'_, Store> {
        // A poisoned lock only means a handler panicked mid-update; the
        // tasks are still consistent enough to serve.
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The queue's routes, ready to serve.
pub fn router(config: Config) -> Router {
    let queue = Queue {
        pace: config.pace,
        limiter: gate::RateLimiter::new(config.rate_limit),
        store: Mutex::new(Store::default()),
    };
    Router::new().fallback(handle).with_state(Arc::new(queue))
}

/// A server running on a tokio task.
#[derive(Debug)]
pub struct RunningServer {
    addr: SocketAddr,
    shutdown: oneshot::Sender<()>,
    serving: JoinHandle<io::Result<()>>,
}

/// Binds `addr` (port 0 picks a free one) and serves the queue on a tokio
/// task until [`RunningServer::shutdown`].
///
/// # Errors
/// When the address cannot be bound.
pub async fn start(addr: SocketAddr, config: Config) -> io::Result<RunningServer> {
    let listener = TcpListener::bind(addr).await?;
    let addr = listener.local_addr()?;
    let (shutdown, stop) = oneshot::channel::<()>();
    let serving = tokio::spawn(async move {
        axum::serve(listener, router(config))
            .with_graceful_shutdown(async {
                // A dropped sender stops the server too.
                let _ = stop.await;
            })
            .await
    });
    Ok(RunningServer {
        addr,
        shutdown,
        serving,
    })
}

impl RunningServer {
    /// The base URL clients use: `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Serves until the process ends (or serving fails).
    ///
    /// # Errors
    /// When serving failed, or the serving task panicked.
    pub async fn serve_forever(self) -> io::Result<()> {
        // Holding the sender keeps the shutdown signal from firing.
        let Self {
            shutdown, serving, ..
        } = self;
        let served = serving.await.map_err(io::Error::other)?;
        drop(shutdown);
        served
    }

    /// Stops accepting connections, lets open requests finish, and waits
    /// for the server to end.
    ///
    /// # Errors
    /// When serving failed, or the serving task panicked.
    pub async fn shutdown(self) -> io::Result<()> {
        let _ = self.shutdown.send(());
        self.serving.await.map_err(io::Error::other)?
    }
}

/// Every request goes through here: the gateway's checks first, as 000
/// says they "may be returned early by the gateway", then the protocol.
async fn handle(State(queue): State<Arc<Queue>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let Some(key) = gate::api_key(&parts.headers) else {
        return gateway(Code::InvalidApiKey).into_response();
    };
    if let Err(wait) = queue.limiter.admit(key, Instant::now()) {
        return gateway(Code::RateLimitExceeded)
            .retry_after(wait)
            .into_response();
    }
    if gate::carries_webhook(&parts.headers, parts.uri.query()) {
        return detail(Code::WebhookNotSupported);
    }
    let origin = origin(&parts.headers);
    match route::parse(&parts.method, parts.uri.path()) {
        Route::Create { endpoint } => {
            create(&queue, key, endpoint, &parts.headers, body, &origin).await
        }
        Route::Status { endpoint, id } => with_task(&queue, key, endpoint, id, |task| {
            let phase = task.poll(queue.pace);
            Json(status_body(task, id, phase, queue.pace, &origin)).into_response()
        }),
        Route::Result { endpoint, id } => with_task(&queue, key, endpoint, id, |task| {
            match task.phase(queue.pace) {
                Phase::Completed(Ok(())) => Json(result_body(task, id)).into_response(),
                Phase::Completed(Err(error_type)) => {
                    Reply::new(error_type, RenderDialect::Shape(Shape::Detail)).into_response()
                }
                // 002: a result fetched before completion answers 202.
                phase => (
                    StatusCode::ACCEPTED,
                    Json(status_body(task, id, phase, queue.pace, &origin)),
                )
                    .into_response(),
            }
        }),
        Route::Cancel { endpoint, id } => with_task(&queue, key, endpoint, id, |task| {
            let phase = task.cancel(queue.pace);
            Json(status_body(task, id, phase, queue.pace, &origin)).into_response()
        }),
        Route::StatusStream => detail(Code::SseNotSupported),
        // 000: the queue has no synchronous endpoint.
        Route::Sync | Route::Unknown => detail(Code::EndpointNotFound),
    }
}

async fn create(
    queue: &Queue,
    key: &str,
    endpoint: &str,
    headers: &HeaderMap,
    body: Body,
    origin: &str,
) -> Response {
    let Ok(bytes) = axum::body::to_bytes(body, MAX_INPUT).await else {
        return detail(Code::PayloadTooLarge);
    };
    // A body that is not a JSON object still makes a task: the queue
    // validates input as part of the task, which ends REQUEST_INVALID.
    let input = serde_json::from_slice::<Value>(&bytes)
        .ok()
        .filter(Value::is_object);
    if input.as_ref().is_some_and(gate::body_carries_webhook) {
        return detail(Code::WebhookNotSupported);
    }
    let name = route::decode(endpoint);
    let Some(script) = Endpoint::parse(&name) else {
        return app_not_found(&name);
    };
    if script == Endpoint::Restricted {
        return detail(Code::ModelNotAllowed);
    }
    let idempotency_key = headers
        .get(IDEMPOTENCY_KEY)
        .and_then(|value| value.to_str().ok());
    let created = queue
        .store()
        .create(endpoint, script, key, idempotency_key, input);
    if script == Endpoint::Flaky && !created.replayed {
        // The task exists, but the caller is told the runtime failed: the
        // ambiguous failure that makes a create unsafe to repeat blindly.
        return detail(Code::ModelExecutionFailed);
    }
    Json(json!({
        "request_id": created.id,
        "status_url": format!("{origin}{}", route::status_path(endpoint, &created.id)),
        "response_url": format!("{origin}{}", route::result_path(endpoint, &created.id)),
    }))
    .into_response()
}

/// Runs `answer` on the task, or answers 002's "Request not found" when the
/// key cannot see a task `id` on `endpoint`.
fn with_task(
    queue: &Queue,
    key: &str,
    endpoint: &str,
    id: &str,
    answer: impl FnOnce(&mut Task) -> Response,
) -> Response {
    let mut store = queue.store();
    match store.get_mut(key, endpoint, id) {
        Some(task) => answer(task),
        None => detail(Code::RequestNotFound),
    }
}

/// A status response (002): `status`, `request_id`, `response_url`, and
/// `queue_position`, `metrics` or `error` + `error_type` by phase.
fn status_body(task: &Task, id: &str, phase: Phase, pace: Pace, origin: &str) -> Value {
    let mut body = json!({
        "status": phase.status().as_str(),
        "request_id": id,
        "response_url": format!("{origin}{}", route::result_path(&task.endpoint, id)),
    });
    match phase {
        Phase::InQueue { position } => body["queue_position"] = json!(position),
        Phase::InProgress => {}
        Phase::Completed(Ok(())) => {
            body["metrics"] = json!({ "inference_time": pace.inference_secs() });
        }
        Phase::Completed(Err(error_type)) => {
            body["error"] = json!(QueueError::new(Code::TaskFailed).user_message());
            body["error_type"] = json!(error_type.as_str());
        }
    }
    body
}

/// The result of a successful task: a made-up image named after the task,
/// and the input it was given.
fn result_body(task: &Task, id: &str) -> Value {
    json!({
        "images": [{ "file_name": format!("{id}.png"), "content_type": "image/png" }],
        "input": task.input,
    })
}

/// `http://<Host>` when the Host header is a plain host and port, so the
/// URLs in responses point back here; empty (relative URLs) otherwise.
fn origin(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|value| value.to_str().ok())
        .filter(|host| {
            !host.is_empty()
                && host
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
        });
    host.map_or_else(String::new, |host| format!("http://{host}"))
}

/// An error the gateway answers, with a request id of its own.
fn gateway(code: Code) -> Reply<QueueError> {
    Reply::new(QueueError::new(code), RenderDialect::Shape(Shape::Gateway))
        .request_id(tasks::new_request_id())
}

/// An error the queue application answers: `{"detail": …}`.
fn detail(code: Code) -> Response {
    Reply::new(QueueError::new(code), RenderDialect::Shape(Shape::Detail)).into_response()
}

/// 000's `App not found: <endpoint>`.
fn app_not_found(endpoint: &str) -> Response {
    Reply::new(
        QueueError::filled(Code::ModelNotFound, endpoint),
        RenderDialect::Shape(Shape::Detail),
    )
    .into_response()
}
