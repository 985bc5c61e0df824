//! A client for the queue protocol of documents 000 and 002: submit a task,
//! poll its status until `COMPLETED`, then fetch the result, or cancel it.
//!
//! Every response goes through [`classify`](crate::wire::classify) and every
//! failure through [`RetryPolicy::decide`]: `Retry-After` is honoured (up to
//! the policy's cap), a create without an idempotency key is not repeated
//! after an ambiguous failure, status polls get more attempts than the
//! rest. Each call ends within the client's `max_wait`, whatever the server
//! does.
//!
//! ```no_run
//! use errors_core::integrations::poll::{Outcome, QueueClient};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = QueueClient::new("http://127.0.0.1:8080", "my-key")?;
//! let task = client
//!     .submit("ok", &serde_json::json!({"prompt": "a cat astronaut"}), None)
//!     .await?;
//! match client.wait(&task).await {
//!     Outcome::Completed(result) => println!("{result}"),
//!     Outcome::Failed(failure) => println!("{}", failure.user_message),
//!     Outcome::Stopped(stopped) => println!("{stopped}"),
//! }
//! # Ok(())
//! # }
//! ```

use std::borrow::Cow;
use std::fmt;
use std::future::Future;
use std::time::Duration;

use ::reqwest::{Client, Method, RequestBuilder, Url};
use http::header::{AUTHORIZATION, CONTENT_TYPE, HeaderValue};
use serde::Deserialize;
use tokio::time::Instant;

use super::reqwest::ReadResponse;
use crate::wire::{ApiError, Decision, Dialect, Operation, Reported, RetryPolicy};
use crate::{Code, ErrorTaxonomy, ErrorType, Retry, Source, TaskStatus};

/// The request header that makes a create idempotent (the IETF
/// `Idempotency-Key` draft): the server answers a repeated create with the
/// task the first one made.
pub const IDEMPOTENCY_KEY: &str = "Idempotency-Key";

/// How long one call of a [`QueueClient`] may take by default, retries and
/// polling included.
pub const DEFAULT_MAX_WAIT: Duration = Duration::from_secs(600);

/// A client of one queue API: its base URL, a key, a retry policy.
#[derive(Debug, Clone)]
pub struct QueueClient {
    http: Client,
    base: Url,
    authorization: HeaderValue,
    policy: RetryPolicy,
    max_wait: Duration,
}

/// Why a [`QueueClient`] could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum InvalidConfig {
    /// The base URL is not an absolute `http` or `https` URL.
    BaseUrl(String),
    /// The API key is empty or holds characters a header cannot carry.
    ApiKey,
    /// The HTTP client could not be built (its message).
    HttpClient(String),
}

impl fmt::Display for InvalidConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::BaseUrl(url) => write!(
                f,
                "`{url}` is not an absolute http(s) URL such as http://127.0.0.1:8080"
            ),
            Self::ApiKey => {
                f.write_str("the API key is empty or has characters a header cannot carry")
            }
            Self::HttpClient(error) => write!(f, "the HTTP client could not be built: {error}"),
        }
    }
}

impl std::error::Error for InvalidConfig {}

/// A task the queue accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    /// The id status polls, result fetches and cancels need (000: save it
    /// as soon as the task is created).
    pub request_id: String,
    /// The endpoint it runs on.
    pub endpoint: String,
    status_url: Url,
    response_url: Url,
}

impl Task {
    /// Where its status is polled.
    #[must_use]
    pub fn status_url(&self) -> &Url {
        &self.status_url
    }

    /// Where its result is fetched.
    #[must_use]
    pub fn response_url(&self) -> &Url {
        &self.response_url
    }
}

/// A task's state, as one status poll reported it.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskState {
    /// `status` as sent; an unknown one is kept, and is not terminal.
    pub status: Reported<'static, TaskStatus>,
    /// `queue_position`, while `IN_QUEUE`.
    pub queue_position: Option<u64>,
    /// Why it failed, when it is `COMPLETED` with an `error`.
    pub failure: Option<TaskFailure>,
}

impl TaskState {
    /// Whether the task has stopped (002: only `COMPLETED` is terminal).
    #[must_use]
    pub fn is_terminal(&self) -> bool {
        self.status.known().is_some_and(TaskStatus::is_terminal)
    }
}

/// How waiting for a task ended.
#[derive(Debug)]
pub enum Outcome {
    /// `COMPLETED` without `error`: the result, as fetched.
    Completed(serde_json::Value),
    /// `COMPLETED` with `error`: the task ran and failed.
    Failed(TaskFailure),
    /// A request failed and the policy (or the deadline) stopped the
    /// client: the classified error and the decision that stopped it.
    Stopped(Stopped),
}

/// A task that reached `COMPLETED` with an `error` (002).
#[derive(Debug, Clone, PartialEq)]
pub struct TaskFailure {
    /// The task's request id.
    pub request_id: String,
    /// `error_type` as sent; `None` when the server sent only `error`.
    pub error_type: Option<Reported<'static, ErrorType>>,
    /// The catalogued code of the failure.
    pub code: Option<Code>,
    /// The server's `error` text ("Task execution failed"). Not vetted
    /// for end users: show [`TaskFailure::user_message`].
    pub error: Option<String>,
    /// Text safe to show an end user.
    pub user_message: &'static str,
    /// What the caller can do about it.
    pub remedies: &'static [&'static str],
    /// Whether submitting a new task may help, as the catalogue says.
    pub retry: Retry,
    /// What the policy says about submitting a new task: `SubmitNew`
    /// (after a wait) or `Stop` with the reason.
    pub advice: Decision,
}

impl TaskFailure {
    /// The catalogued `error_type`, if the server sent one the catalogue knows.
    #[must_use]
    pub fn known_error_type(&self) -> Option<ErrorType> {
        self.error_type.as_ref().and_then(Reported::known)
    }
}

/// A task failure answers as its code, so a service can re-raise it.
impl ErrorTaxonomy for TaskFailure {
    fn code(&self) -> Option<Code> {
        self.code
    }

    fn status(&self) -> http::StatusCode {
        self.code
            .map_or(http::StatusCode::INTERNAL_SERVER_ERROR, Code::status)
    }

    fn retry(&self) -> Retry {
        self.retry
    }

    fn user_message(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.user_message)
    }

    fn remedies(&self) -> &'static [&'static str] {
        self.remedies
    }
}

/// A request of the protocol that failed for good.
#[derive(Debug)]
pub struct Stopped {
    /// The request that failed.
    pub operation: Operation,
    /// The task's request id when known, else the one the error carried.
    pub request_id: Option<String>,
    /// Attempts made of the request that failed, the first included.
    pub attempts: u32,
    /// What stopped it.
    pub cause: StopCause,
}

/// What stopped a [`QueueClient`].
#[derive(Debug)]
pub enum StopCause {
    /// The server answered with an error the policy will not retry (any
    /// more): the classified error and the decision.
    Rejected {
        /// The classified response.
        error: Box<ApiError<'static>>,
        /// What the policy decided.
        decision: Decision,
    },
    /// No response: the connection failed, and the policy will not retry.
    Unreachable {
        /// The transport error.
        error: ::reqwest::Error,
        /// What the policy decided.
        decision: Decision,
    },
    /// The client's `max_wait` ran out (or the next wait would pass it).
    OutOfTime {
        /// How long the call had been running.
        waited: Duration,
    },
    /// The server answered success, but not in the protocol's shape.
    Protocol {
        /// The classified response.
        error: Box<ApiError<'static>>,
        /// What was wrong with it.
        problem: &'static str,
    },
}

impl Stopped {
    /// The classified error, when the server answered.
    #[must_use]
    pub fn error(&self) -> Option<&ApiError<'static>> {
        match &self.cause {
            StopCause::Rejected { error, .. } | StopCause::Protocol { error, .. } => Some(error),
            StopCause::Unreachable { .. } | StopCause::OutOfTime { .. } => None,
        }
    }

    /// The decision that stopped the client, when the policy made one.
    #[must_use]
    pub fn decision(&self) -> Option<Decision> {
        match &self.cause {
            StopCause::Rejected { decision, .. } | StopCause::Unreachable { decision, .. } => {
                Some(*decision)
            }
            StopCause::OutOfTime { .. } | StopCause::Protocol { .. } => None,
        }
    }
}

/// For logs: which request, how many attempts, and the server's answer.
impl fmt::Display for Stopped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let operation = match self.operation {
            Operation::Create { .. } => "create",
            Operation::StatusPoll => "status poll",
            Operation::ResultFetch => "result fetch",
            Operation::Cancel => "cancel",
        };
        let plural = if self.attempts == 1 { "" } else { "s" };
        write!(
            f,
            "{operation} failed after {} attempt{plural}: ",
            self.attempts
        )?;
        match &self.cause {
            StopCause::Rejected { error, .. } => write!(f, "{error}"),
            StopCause::Unreachable { error, .. } => write!(f, "no response: {error}"),
            StopCause::OutOfTime { waited } => {
                write!(f, "out of time after {} ms", waited.as_millis())
            }
            StopCause::Protocol { error, problem } => write!(f, "{problem} ({error})"),
        }
    }
}

impl std::error::Error for Stopped {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.cause {
            StopCause::Unreachable { error, .. } => Some(error),
            _ => None,
        }
    }
}

/// When the current call must end.
#[derive(Debug, Clone, Copy)]
struct Clock {
    started: Instant,
    deadline: Instant,
}

impl Clock {
    fn start(max_wait: Duration) -> Self {
        let started = Instant::now();
        Self {
            started,
            deadline: started + max_wait,
        }
    }

    fn waited(self) -> Duration {
        self.started.elapsed()
    }
}

/// A response that is not a failure to retry: a success, a pending task,
/// or a task failure, with what the policy said about it.
struct Answer {
    response: ReadResponse,
    decision: Decision,
    attempts: u32,
}

/// The create response (000): the id, and where to poll and fetch.
#[derive(Deserialize)]
struct Created {
    request_id: String,
    status_url: Option<String>,
    response_url: Option<String>,
}

/// The one status field the classifier does not keep.
#[derive(Deserialize)]
struct Position {
    queue_position: Option<u64>,
}

impl QueueClient {
    /// A client of the queue at `base_url` (`http://host:port`, with or
    /// without a path prefix), sending `api_key` as `Authorization: Bearer …`,
    /// with the default [`RetryPolicy`] and [`DEFAULT_MAX_WAIT`].
    ///
    /// # Errors
    /// When the URL is not an absolute http(s) URL, or the key cannot be
    /// sent in a header.
    pub fn new(base_url: &str, api_key: &str) -> Result<Self, InvalidConfig> {
        let base = Url::parse(base_url)
            .ok()
            .filter(|url| matches!(url.scheme(), "http" | "https") && !url.cannot_be_a_base())
            .ok_or_else(|| InvalidConfig::BaseUrl(base_url.chars().take(200).collect()))?;
        let scheme = Source::Queue
            .auth_schemes()
            .first()
            .copied()
            .unwrap_or("Bearer");
        let api_key = api_key.trim();
        let mut authorization = HeaderValue::from_str(&format!("{scheme} {api_key}"))
            .ok()
            .filter(|_| !api_key.is_empty())
            .ok_or(InvalidConfig::ApiKey)?;
        authorization.set_sensitive(true);
        // `Client::new` would panic where the builder reports an error.
        let http = Client::builder()
            .build()
            .map_err(|error| InvalidConfig::HttpClient(error.to_string()))?;
        Ok(Self {
            http,
            base,
            authorization,
            policy: RetryPolicy::default(),
            max_wait: DEFAULT_MAX_WAIT,
        })
    }

    /// Uses `http` for requests (its own timeouts, pool, proxy settings).
    #[must_use]
    pub fn with_http(mut self, http: Client) -> Self {
        self.http = http;
        self
    }

    /// Follows `policy` for retries and polling.
    #[must_use]
    pub fn with_policy(mut self, policy: RetryPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// Bounds each call (submit, wait, run, cancel), retries and polling
    /// included, to `max_wait`.
    #[must_use]
    pub fn with_max_wait(mut self, max_wait: Duration) -> Self {
        self.max_wait = max_wait;
        self
    }

    /// The policy in force.
    #[must_use]
    pub fn policy(&self) -> &RetryPolicy {
        &self.policy
    }

    /// Creates a task on `endpoint` with `input` as the JSON body.
    ///
    /// With an `idempotency_key`, the create is sent with
    /// [`IDEMPOTENCY_KEY`] and may be repeated after an ambiguous failure;
    /// without one, it is repeated only when the server refused it before
    /// any work began (a rate limit, a connection never made).
    ///
    /// # Errors
    /// [`Stopped`] when the create failed for good.
    pub async fn submit(
        &self,
        endpoint: &str,
        input: &serde_json::Value,
        idempotency_key: Option<&str>,
    ) -> Result<Task, Stopped> {
        self.submit_within(
            endpoint,
            input,
            idempotency_key,
            Clock::start(self.max_wait),
        )
        .await
    }

    /// The handle of a task created earlier, from its saved request id
    /// (000: keep the `request_id`; polling, fetching and canceling need it).
    #[must_use]
    pub fn task(&self, endpoint: &str, request_id: &str) -> Task {
        Task {
            request_id: request_id.to_owned(),
            endpoint: endpoint.to_owned(),
            status_url: self.queue_url(endpoint, &["requests", request_id, "status"]),
            response_url: self.queue_url(endpoint, &["requests", request_id]),
        }
    }

    /// Polls `task` until it is `COMPLETED`, then fetches its result.
    pub async fn wait(&self, task: &Task) -> Outcome {
        self.wait_with(task, |_| {}).await
    }

    /// [`QueueClient::wait`], calling `progress` with each state a status
    /// poll reports.
    pub async fn wait_with(&self, task: &Task, progress: impl FnMut(&TaskState)) -> Outcome {
        self.wait_within(task, progress, Clock::start(self.max_wait))
            .await
    }

    /// Submits and waits, all within one `max_wait`. Use
    /// [`QueueClient::submit`] and [`QueueClient::wait`] to keep the
    /// request id of a task that completed.
    pub async fn run(
        &self,
        endpoint: &str,
        input: &serde_json::Value,
        idempotency_key: Option<&str>,
    ) -> Outcome {
        let clock = Clock::start(self.max_wait);
        match self
            .submit_within(endpoint, input, idempotency_key, clock)
            .await
        {
            Ok(task) => self.wait_within(&task, |_| {}, clock).await,
            Err(stopped) => Outcome::Stopped(stopped),
        }
    }

    /// Polls `task`'s status once (retrying a failed poll as the policy says).
    ///
    /// # Errors
    /// [`Stopped`] when the poll failed for good.
    pub async fn status(&self, task: &Task) -> Result<TaskState, Stopped> {
        self.status_within(task, Clock::start(self.max_wait))
            .await
            .map(|(state, _)| state)
    }

    /// Asks the queue to cancel `task`. The task then completes with
    /// `error_type` `CANCELED` unless it had already completed; poll it
    /// (or [`QueueClient::wait`]) to see which.
    ///
    /// # Errors
    /// [`Stopped`] when the cancel failed for good.
    pub async fn cancel(&self, task: &Task) -> Result<(), Stopped> {
        let url = self.queue_url(&task.endpoint, &["requests", &task.request_id, "cancel"]);
        self.exchange(
            Operation::Cancel,
            Some(&task.request_id),
            Clock::start(self.max_wait),
            || self.request(Method::PUT, url.clone()),
        )
        .await
        .map(|_| ())
    }

    async fn submit_within(
        &self,
        endpoint: &str,
        input: &serde_json::Value,
        idempotency_key: Option<&str>,
        clock: Clock,
    ) -> Result<Task, Stopped> {
        let operation = Operation::Create {
            idempotency_key: idempotency_key.is_some(),
        };
        let url = self.queue_url(endpoint, &[]);
        // A Value always serialises; an empty body would only make the
        // task fail as REQUEST_INVALID.
        let body = serde_json::to_vec(input).unwrap_or_default();
        let answer = self
            .exchange(operation, None, clock, || {
                let request = self
                    .request(Method::POST, url.clone())
                    .header(CONTENT_TYPE, "application/json")
                    .body(body.clone());
                match idempotency_key {
                    Some(key) => request.header(IDEMPOTENCY_KEY, key),
                    None => request,
                }
            })
            .await?;
        let Ok(created) = serde_json::from_slice::<Created>(answer.response.body()) else {
            return Err(protocol(
                operation,
                None,
                &answer,
                "the create response has no request_id",
            ));
        };
        let mut task = self.task(endpoint, &created.request_id);
        // Use the URLs the server gave when they point back at it.
        if let Some(url) = self.same_origin(created.status_url.as_deref()) {
            task.status_url = url;
        }
        if let Some(url) = self.same_origin(created.response_url.as_deref()) {
            task.response_url = url;
        }
        Ok(task)
    }

    async fn wait_within(
        &self,
        task: &Task,
        mut progress: impl FnMut(&TaskState),
        clock: Clock,
    ) -> Outcome {
        loop {
            let (state, decision) = match self.status_within(task, clock).await {
                Ok(polled) => polled,
                Err(stopped) => return Outcome::Stopped(stopped),
            };
            progress(&state);
            if let Some(failure) = state.failure {
                return Outcome::Failed(failure);
            }
            if state.is_terminal() {
                break;
            }
            // 002: anything but COMPLETED means keep polling, an unknown
            // status included.
            let after = match decision {
                Decision::KeepPolling { after } => after,
                _ => self.policy.poll_interval,
            };
            if let Err(stopped) = pause(after, clock, Operation::StatusPoll, task, 1).await {
                return Outcome::Stopped(stopped);
            }
        }
        self.fetch_within(task, clock).await
    }

    async fn status_within(
        &self,
        task: &Task,
        clock: Clock,
    ) -> Result<(TaskState, Decision), Stopped> {
        let operation = Operation::StatusPoll;
        let answer = self
            .exchange(operation, Some(&task.request_id), clock, || {
                self.request(Method::GET, task.status_url.clone())
            })
            .await?;
        let error = answer.response.classify();
        let Some(status) = error.task_status.clone() else {
            return Err(protocol(
                operation,
                Some(&task.request_id),
                &answer,
                "the status response has no status",
            ));
        };
        let failure = error
            .is_failure()
            .then(|| task_failure(task, &error, answer.decision));
        let queue_position = serde_json::from_slice::<Position>(answer.response.body())
            .ok()
            .and_then(|position| position.queue_position);
        let state = TaskState {
            status: status.into_owned(),
            queue_position,
            failure,
        };
        Ok((state, answer.decision))
    }

    /// Fetches the result of a task that completed without error; 002: a
    /// 202 means it is not ready yet, so wait and fetch again.
    async fn fetch_within(&self, task: &Task, clock: Clock) -> Outcome {
        let operation = Operation::ResultFetch;
        loop {
            let answer = match self
                .exchange(operation, Some(&task.request_id), clock, || {
                    self.request(Method::GET, task.response_url.clone())
                })
                .await
            {
                Ok(answer) => answer,
                Err(stopped) => return Outcome::Stopped(stopped),
            };
            let error = answer.response.classify();
            if error.is_failure() {
                return Outcome::Failed(task_failure(task, &error, answer.decision));
            }
            if !error.is_pending() {
                return match serde_json::from_slice(answer.response.body()) {
                    Ok(result) => Outcome::Completed(result),
                    Err(_) => Outcome::Stopped(protocol(
                        operation,
                        Some(&task.request_id),
                        &answer,
                        "the result is not JSON",
                    )),
                };
            }
            let after = match answer.decision {
                Decision::KeepPolling { after } => after,
                _ => self.policy.poll_interval,
            };
            if let Err(stopped) = pause(after, clock, operation, task, 1).await {
                return Outcome::Stopped(stopped);
            }
        }
    }

    /// Sends one request of the protocol, retrying failures as the policy
    /// decides, until a response that is not a failure to retry: a success,
    /// a pending task, or a task's own failure.
    async fn exchange(
        &self,
        operation: Operation,
        request_id: Option<&str>,
        clock: Clock,
        request: impl Fn() -> RequestBuilder,
    ) -> Result<Answer, Stopped> {
        let mut attempts = 0;
        loop {
            attempts += 1;
            let stop = move |cause| Stopped {
                operation,
                request_id: request_id.map(str::to_owned),
                attempts,
                cause,
            };
            let sent = within(clock, async {
                ReadResponse::read(request().send().await?).await
            })
            .await;
            let (decision, cause) = match sent {
                None => {
                    return Err(stop(StopCause::OutOfTime {
                        waited: clock.waited(),
                    }));
                }
                Some(Ok(response)) => {
                    let error = response.classify();
                    let decision = self.policy.decide(&error, operation, attempts);
                    // A task's own failure is an answer, not a failed request.
                    if !error.is_failure() || error.dialect == Dialect::TaskStatus {
                        return Ok(Answer {
                            response,
                            decision,
                            attempts,
                        });
                    }
                    let cause = StopCause::Rejected {
                        error: Box::new(error.into_owned()),
                        decision,
                    };
                    (decision, cause)
                }
                Some(Err(error)) => {
                    let decision = self.policy.decide_no_response(
                        operation,
                        attempts,
                        !error.is_connect(),
                        error.is_timeout(),
                    );
                    (decision, StopCause::Unreachable { error, decision })
                }
            };
            let Decision::Retry { after } = decision else {
                let mut stopped = stop(cause);
                if stopped.request_id.is_none() {
                    stopped.request_id = stopped
                        .error()
                        .and_then(|error| error.request_id.as_deref())
                        .map(str::to_owned);
                }
                return Err(stopped);
            };
            if clock.deadline.saturating_duration_since(Instant::now()) < after {
                return Err(stop(StopCause::OutOfTime {
                    waited: clock.waited(),
                }));
            }
            tokio::time::sleep(after).await;
        }
    }

    fn request(&self, method: Method, url: Url) -> RequestBuilder {
        self.http
            .request(method, url)
            .header(AUTHORIZATION, self.authorization.clone())
    }

    /// `{base}/v1/queue/{endpoint}/{tail…}`, each segment percent-encoded
    /// (an endpoint may span segments: `acme/flux-dev`).
    fn queue_url(&self, endpoint: &str, tail: &[&str]) -> Url {
        let mut url = self.base.clone();
        // `new` only accepts URLs that can be a base, so the path is editable.
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty()
                .extend(["v1", "queue"])
                .extend(endpoint.split('/').filter(|segment| !segment.is_empty()))
                .extend(tail);
        }
        url
    }

    /// A URL the server gave, when it points at the same origin as the base:
    /// the key is sent with every request, so it must not follow a URL to
    /// another host.
    fn same_origin(&self, url: Option<&str>) -> Option<Url> {
        url.and_then(|url| Url::parse(url).ok())
            .filter(|url| url.origin() == self.base.origin())
    }
}

/// Runs `future` unless the deadline passes first.
async fn within<T>(clock: Clock, future: impl Future<Output = T>) -> Option<T> {
    tokio::time::timeout_at(clock.deadline, future).await.ok()
}

/// Sleeps `after` between polls, or stops when that would pass the deadline.
async fn pause(
    after: Duration,
    clock: Clock,
    operation: Operation,
    task: &Task,
    attempts: u32,
) -> Result<(), Stopped> {
    if clock.deadline.saturating_duration_since(Instant::now()) < after {
        return Err(Stopped {
            operation,
            request_id: Some(task.request_id.clone()),
            attempts,
            cause: StopCause::OutOfTime {
                waited: clock.waited(),
            },
        });
    }
    tokio::time::sleep(after).await;
    Ok(())
}

/// The server answered success in a shape the protocol does not have.
fn protocol(
    operation: Operation,
    request_id: Option<&str>,
    answer: &Answer,
    problem: &'static str,
) -> Stopped {
    Stopped {
        operation,
        request_id: request_id.map(str::to_owned),
        attempts: answer.attempts,
        cause: StopCause::Protocol {
            error: Box::new(answer.response.classify().into_owned()),
            problem,
        },
    }
}

/// A `COMPLETED` response with `error`, as a [`TaskFailure`]: the advice
/// comes from the catalogue entry of its `error_type`.
fn task_failure(task: &Task, error: &ApiError<'_>, advice: Decision) -> TaskFailure {
    TaskFailure {
        request_id: task.request_id.clone(),
        error_type: error.error_type.clone().map(Reported::into_owned),
        code: error.known_error_type().map(ErrorType::code).or(error.code),
        error: error.message.as_deref().map(str::to_owned),
        user_message: error.user_message(),
        remedies: error.remedies(),
        retry: error.retry(),
        advice,
    }
}
