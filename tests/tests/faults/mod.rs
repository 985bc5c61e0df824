//! A queue server on 127.0.0.1 port 0 that injects real network faults
//! into creates and polls, and counts the tasks it creates.
//!
//! It speaks HTTP/1.1 by hand over TCP, one request per connection, so
//! that it can refuse, drop a connection after doing the work, or hang
//! past a client's timeout. A create with an `Idempotency-Key` it has seen
//! answers with the task that key made (the runs API's promise); one
//! without a key always makes a new task. It stops when dropped.

use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use errors_core::integrations::backon::AttemptError;
use errors_core::wire::{Classified, TransportFailure};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the server does with one create, in turn; after the script,
/// creates succeed.
#[derive(Debug, Clone)]
pub enum Fault {
    /// 429 with this `Retry-After` value, before any work.
    RateLimited(String),
    /// Cloudflare's 522: the edge never reached the origin.
    Edge522,
    /// An edge proxy's HTML 502 page, after the task was created.
    EdgePage502,
    /// A 500 after the task was created.
    ServerErrorAfterCreate,
    /// The connection closed after the task was created, no answer.
    DropAfterCreate,
    /// The task is created, then no answer for this long.
    HangAfterCreate(Duration),
}

#[derive(Default)]
struct State {
    script: Vec<Fault>,
    /// Status polls that fail with a 503 before the first that answers.
    failing_polls: u32,
    tasks: u32,
    creates: u32,
    keys: HashMap<String, String>,
}

/// The running server.
pub struct FaultServer {
    url: String,
    state: Arc<Mutex<State>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for FaultServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl FaultServer {
    /// Starts a server that plays `script` on creates and fails the
    /// first `failing_polls` status polls.
    pub async fn start(script: Vec<Fault>, failing_polls: u32) -> Self {
        let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
            .await
            .expect("bind a loopback port");
        let url = format!("http://{}", listener.local_addr().unwrap());
        let state = Arc::new(Mutex::new(State {
            script: script.into_iter().rev().collect(),
            failing_polls,
            ..State::default()
        }));
        let shared = Arc::clone(&state);
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve(stream, Arc::clone(&shared)));
            }
        });
        Self { url, state, task }
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// Tasks created so far.
    pub fn tasks(&self) -> u32 {
        self.state.lock().unwrap().tasks
    }

    /// Create requests received so far.
    pub fn creates(&self) -> u32 {
        self.state.lock().unwrap().creates
    }
}

struct Request {
    method: String,
    path: String,
    key: Option<String>,
}

async fn read_request(stream: &mut TcpStream) -> Option<Request> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..read]);
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).to_string();
    let mut lines = head.lines();
    let mut first = lines.next()?.split(' ');
    let method = first.next()?.to_owned();
    let path = first.next()?.to_owned();
    let mut key = None;
    let mut length = 0usize;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        match name.trim().to_ascii_lowercase().as_str() {
            "idempotency-key" => key = Some(value.trim().to_owned()),
            "content-length" => length = value.trim().parse().unwrap_or(0),
            _ => {}
        }
    }
    while buffer.len() < head_end + length {
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 {
            break;
        }
        buffer.extend_from_slice(&chunk[..read]);
    }
    Some(Request { method, path, key })
}

fn response(status: &str, headers: &[(&str, &str)], body: &str) -> Vec<u8> {
    let mut text = format!(
        "HTTP/1.1 {status}\r\nconnection: close\r\ncontent-length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str("\r\n");
    text.push_str(body);
    text.into_bytes()
}

const JSON: (&str, &str) = ("content-type", "application/json");

async fn serve(mut stream: TcpStream, state: Arc<Mutex<State>>) {
    let Some(request) = read_request(&mut stream).await else {
        return;
    };
    let reply = if request.method == "POST" {
        create(&request, &state)
    } else if request.path.ends_with("/status") {
        let failing = {
            let mut state = state.lock().unwrap();
            let failing = state.failing_polls > 0;
            state.failing_polls = state.failing_polls.saturating_sub(1);
            failing
        };
        if failing {
            Reply::Send(response(
                "503 Service Unavailable",
                &[JSON, ("retry-after", "0")],
                r#"{"detail": "Service temporarily unavailable"}"#,
            ))
        } else {
            Reply::Send(response(
                "200 OK",
                &[JSON],
                r#"{"status": "COMPLETED", "request_id": "t"}"#,
            ))
        }
    } else {
        Reply::Send(response(
            "200 OK",
            &[JSON],
            r#"{"images": [{"url": "https://example.invalid/cat.png"}]}"#,
        ))
    };
    match reply {
        Reply::Send(bytes) => {
            let _ = stream.write_all(&bytes).await;
            let _ = stream.shutdown().await;
        }
        Reply::Drop => drop(stream),
        Reply::Hang(pause) => {
            tokio::time::sleep(pause).await;
            drop(stream);
        }
    }
}

enum Reply {
    Send(Vec<u8>),
    Drop,
    Hang(Duration),
}

fn create(request: &Request, state: &Mutex<State>) -> Reply {
    let mut state = state.lock().unwrap();
    state.creates += 1;
    let fault = state.script.pop();
    if let Some(Fault::RateLimited(after)) = &fault {
        return Reply::Send(response(
            "429 Too Many Requests",
            &[JSON, ("retry-after", after)],
            r#"{ "error": { "code": "RATE_LIMIT_EXCEEDED", "message": "Rate limit exceeded, please try again later" }, "request_id": "r"}"#,
        ));
    }
    if let Some(Fault::Edge522) = &fault {
        return Reply::Send(response(
            "522 Connection Timed Out",
            &[("content-type", "text/html")],
            "<html><body>522: Connection timed out</body></html>",
        ));
    }
    // The work is done from here on: the task exists.
    let id = match request.key.as_ref().and_then(|key| state.keys.get(key)) {
        Some(id) => id.clone(),
        None => {
            state.tasks += 1;
            let id = format!("task_{}", state.tasks);
            if let Some(key) = &request.key {
                state.keys.insert(key.clone(), id.clone());
            }
            id
        }
    };
    match fault {
        Some(Fault::EdgePage502) => Reply::Send(response(
            "502 Bad Gateway",
            &[("content-type", "text/html")],
            "<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>",
        )),
        Some(Fault::ServerErrorAfterCreate) => Reply::Send(response(
            "500 Internal Server Error",
            &[JSON],
            r#"{"detail": "Internal server error"}"#,
        )),
        Some(Fault::DropAfterCreate) => Reply::Drop,
        Some(Fault::HangAfterCreate(pause)) => Reply::Hang(pause),
        _ => Reply::Send(response(
            "200 OK",
            &[JSON],
            &format!(r#"{{"request_id": "{id}", "status": "IN_QUEUE"}}"#),
        )),
    }
}

/// A user's own error type for backon, as the backon tests write it: a
/// classified response or reqwest's error.
#[derive(Debug)]
pub enum CreateError {
    Status(Box<Classified<'static>>),
    Transport(reqwest::Error),
}

impl AttemptError for CreateError {
    fn response(&self) -> Option<&Classified<'_>> {
        match self {
            Self::Status(response) => Some(response),
            Self::Transport(_) => None,
        }
    }

    fn transport_failure(&self) -> TransportFailure {
        match self {
            Self::Transport(error) => errors_core::integrations::reqwest::transport_failure(error),
            Self::Status(_) => TransportFailure::SentThenFailed,
        }
    }
}

/// A policy that retries at loopback speed: 5 ms backoff capped at 20 ms,
/// polls every 5 ms.
pub fn fast_policy() -> errors_core::wire::RetryPolicy {
    errors_core::wire::RetryPolicy::builder()
        .base(Duration::from_millis(5))
        .cap(Duration::from_millis(20))
        .poll_interval(Duration::from_millis(5))
        .build()
        .expect("a valid policy")
}

/// The input every test task is created with.
pub fn prompt() -> serde_json::Value {
    serde_json::json!({"prompt": "a cat astronaut"})
}

/// One create through backon with the catalogue's hooks, as a user writes
/// it: sent with `key` as its idempotency key when there is one,
/// classified, a failure turned into [`CreateError::Status`].
pub async fn backon_create(
    client: &reqwest::Client,
    url: &str,
    key: Option<&str>,
    hooks: &errors_core::integrations::backon::BackonRetry,
) -> Result<Classified<'static>, CreateError> {
    use backon::Retryable as _;

    let create = || async {
        let mut request = client.post(url).body(prompt().to_string());
        if let Some(key) = key {
            request = request.header("idempotency-key", key);
        }
        let response = request.send().await.map_err(CreateError::Transport)?;
        let classified = errors_core::integrations::reqwest::classify(response)
            .await
            .map_err(CreateError::Transport)?;
        if classified.is_failure() {
            return Err(CreateError::Status(Box::new(classified)));
        }
        Ok(classified)
    };
    create
        .retry(hooks.backoff())
        .sleep(tokio::time::sleep)
        .when(|error| hooks.when(error))
        .adjust(|error, wait| hooks.adjust(error, wait))
        .await
}

/// An `http` service that sends each request with `client` and answers
/// with the response's status, headers and body: what the tower tests put
/// the catalogue's retry layer around.
pub fn tower_over(
    client: reqwest::Client,
) -> impl tower::Service<
    http::Request<String>,
    Response = http::Response<Vec<u8>>,
    Error = reqwest::Error,
    Future = impl Send,
> + Clone {
    tower::service_fn(move |request: http::Request<String>| {
        let client = client.clone();
        async move {
            let request = reqwest::Request::try_from(request.map(reqwest::Body::from))?;
            let response = client.execute(request).await?;
            let status = response.status();
            let headers = response.headers().clone();
            let body = response.bytes().await?.to_vec();
            let mut answer = http::Response::new(body);
            *answer.status_mut() = status;
            *answer.headers_mut() = headers;
            Ok::<_, reqwest::Error>(answer)
        }
    })
}
