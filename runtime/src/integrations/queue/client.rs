//! The calls of the protocol: submit, wait (poll, then fetch), run, status,
//! cancel; each an exchange driven by one [`Retrier`].

use std::time::{Duration, Instant};

use ::reqwest::{Client, Method, RequestBuilder, Url};
use http::header::{AUTHORIZATION, CONTENT_TYPE, HeaderValue};

use super::config::{self, DEFAULT_MAX_WAIT, InvalidConfig};
use super::outcome::{QueueError, QueueErrorKind, Task, TaskEnd, TaskFailure, TaskState};
use super::urls::{queue_url, same_origin};
use crate::integrations::idempotency::{self, IdempotencyKeyHeader};
use crate::integrations::reqwest::{ReadResponse, transport_failure};
use crate::wire::trace::{Driver, TraceSpan};
use crate::wire::{
    AsClassified, Catalogue, Classified, Decision, NoResponse, Operation, Retrier, RetryPolicy,
    Sent, classify_with, send_with_retries,
};
use crate::{Source, Taxonomy};

/// A client of one queue API: its base URL, a key, a retry policy, and the
/// catalogue its responses are read with (errors-core's own by default;
/// any generated one, or one loaded at run time, with
/// [`QueueClient::with_catalogue`]).
#[derive(Debug, Clone)]
pub struct QueueClient<C: Catalogue = Taxonomy> {
    catalogue: C,
    http: Client,
    base: Url,
    authorization: HeaderValue,
    policy: RetryPolicy,
    max_wait: Duration,
    key_header: IdempotencyKeyHeader,
    generate_keys: bool,
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
            // A wait too long to add is as good as none.
            deadline: started
                .checked_add(max_wait)
                .unwrap_or(started + DEFAULT_MAX_WAIT),
        }
    }

    fn out_of_time<C: Catalogue>(self) -> QueueErrorKind<C> {
        QueueErrorKind::OutOfTime {
            waited: self.started.elapsed(),
        }
    }
}

/// A response read and classified once; everything later reads the
/// classification.
struct Received<C: Catalogue> {
    classified: Classified<'static, C>,
    body: Vec<u8>,
}

impl<C: Catalogue> AsClassified for Received<C> {
    type Catalogue = C;

    fn with_classified<T>(&self, judge: impl FnOnce(&Classified<'_, C>) -> T) -> T {
        judge(&self.classified)
    }
}

/// A response that ends an exchange without failing it: a success, a
/// pending task, or a task's own failure, with what the policy said.
struct Answer<C: Catalogue> {
    received: Received<C>,
    decision: Decision,
    attempts: u32,
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
        Self::with_catalogue(Taxonomy, Source::Queue, base_url, api_key)
    }
}

impl<C: Catalogue> QueueClient<C> {
    /// A client of `source`'s queue at `base_url`, whose responses are read
    /// with `catalogue`: its shapes, task statuses, codes and retry rules.
    /// The key goes in `Authorization` with the source's first documented
    /// scheme (`Bearer` when it documents none).
    ///
    /// ```
    /// # extern crate errors_runtime as errors_core;
    /// use errors_core::integrations::queue::QueueClient;
    /// use errors_core::{Source, Taxonomy};
    ///
    /// // errors-core's own catalogue, as `QueueClient::new` uses it; a
    /// // crate generated from its own taxonomy.yaml passes its `Taxonomy`.
    /// let client = QueueClient::with_catalogue(Taxonomy, Source::Queue, "http://127.0.0.1:8080", "key")?;
    /// # Ok::<(), errors_core::integrations::queue::InvalidConfig>(())
    /// ```
    ///
    /// # Errors
    /// When the URL is not an absolute http(s) URL, or the key cannot be
    /// sent in a header.
    pub fn with_catalogue(
        catalogue: C,
        source: C::Source,
        base_url: &str,
        api_key: &str,
    ) -> Result<Self, InvalidConfig> {
        let scheme = catalogue
            .source_auth_schemes(source)
            .first()
            .copied()
            .unwrap_or("Bearer");
        Ok(Self {
            catalogue,
            base: config::base_url(base_url)?,
            authorization: config::authorization(scheme, api_key)?,
            http: config::http_client()?,
            policy: RetryPolicy::default(),
            max_wait: DEFAULT_MAX_WAIT,
            key_header: IdempotencyKeyHeader::default(),
            generate_keys: false,
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

    /// Sends idempotency keys in `header` (default `Idempotency-Key`, see
    /// [`IdempotencyKeyHeader`]).
    #[must_use]
    pub fn with_idempotency_key_header(mut self, header: IdempotencyKeyHeader) -> Self {
        self.key_header = header;
        self
    }

    /// Adds a fresh idempotency key to every create that has none, so a
    /// create may be repeated after an ambiguous failure. Off by default:
    /// the queue's documents (000, 002) do not say that it honours one,
    /// and against a server that ignores it a repeat can make a second task.
    #[must_use]
    pub fn with_generated_idempotency_keys(mut self) -> Self {
        self.generate_keys = true;
        self
    }

    /// The policy in force.
    #[must_use]
    pub fn policy(&self) -> &RetryPolicy {
        &self.policy
    }

    /// Creates a task on `endpoint` with `input` as the JSON body.
    ///
    /// With an `idempotency_key` (or a generated one), the create is sent
    /// with the idempotency-key header and may be repeated after an
    /// ambiguous failure; without one, it is repeated only when the
    /// server refused it before any work began (a rate limit, a
    /// connection never made).
    ///
    /// # Errors
    /// [`QueueError`] when the create failed for good.
    pub async fn submit(
        &self,
        endpoint: &str,
        input: &serde_json::Value,
        idempotency_key: Option<&str>,
    ) -> Result<Task, QueueError<C>> {
        let work = self.submit_within(
            endpoint,
            input,
            idempotency_key,
            Clock::start(self.max_wait),
        );
        TraceSpan::call("submit", endpoint).around(work).await
    }

    /// The handle of a task created earlier, from its saved request id
    /// (000: keep the `request_id`; polling, fetching and canceling need it).
    #[must_use]
    pub fn task(&self, endpoint: &str, request_id: &str) -> Task {
        Task {
            request_id: request_id.to_owned(),
            endpoint: endpoint.to_owned(),
            status_url: queue_url(&self.base, endpoint, &["requests", request_id, "status"]),
            response_url: queue_url(&self.base, endpoint, &["requests", request_id]),
        }
    }

    /// Polls `task` until it is `COMPLETED`, then fetches its result.
    pub async fn wait(&self, task: &Task) -> TaskEnd<C> {
        self.wait_with(task, |_| {}).await
    }

    /// [`QueueClient::wait`], calling `progress` with each state a status
    /// poll reports.
    pub async fn wait_with(&self, task: &Task, progress: impl FnMut(&TaskState<C>)) -> TaskEnd<C> {
        let work = self.wait_within(task, progress, Clock::start(self.max_wait));
        TraceSpan::call("wait", &task.endpoint).around(work).await
    }

    /// Submits and waits, all within one `max_wait`. Use
    /// [`QueueClient::submit`] and [`QueueClient::wait`] to keep the
    /// request id of a task that completed.
    pub async fn run(
        &self,
        endpoint: &str,
        input: &serde_json::Value,
        idempotency_key: Option<&str>,
    ) -> TaskEnd<C> {
        let clock = Clock::start(self.max_wait);
        let work = async {
            match self
                .submit_within(endpoint, input, idempotency_key, clock)
                .await
            {
                Ok(task) => self.wait_within(&task, |_| {}, clock).await,
                Err(error) => TaskEnd::Stopped(error),
            }
        };
        TraceSpan::call("run", endpoint).around(work).await
    }

    /// Polls `task`'s status once (retrying a failed poll as the policy says).
    ///
    /// # Errors
    /// [`QueueError`] when the poll failed for good.
    pub async fn status(&self, task: &Task) -> Result<TaskState<C>, QueueError<C>> {
        self.status_within(task, Clock::start(self.max_wait))
            .await
            .map(|(state, _)| state)
    }

    /// Asks the queue to cancel `task`. The task then completes with
    /// `error_type` `CANCELED` unless it had already completed; poll it
    /// (or [`QueueClient::wait`]) to see which.
    ///
    /// # Errors
    /// [`QueueError`] when the cancel failed for good.
    pub async fn cancel(&self, task: &Task) -> Result<(), QueueError<C>> {
        let url = queue_url(
            &self.base,
            &task.endpoint,
            &["requests", &task.request_id, "cancel"],
        );
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
    ) -> Result<Task, QueueError<C>> {
        let key = match idempotency_key {
            Some(key) => HeaderValue::from_str(key).ok(),
            None if self.generate_keys => Some(idempotency::new_key()),
            None => None,
        };
        let operation = Operation::Create {
            idempotency_key: crate::wire::IdempotencyKey::of(key.as_ref()),
        };
        let url = queue_url(&self.base, endpoint, &[]);
        // A Value always serialises; an empty body would only make the
        // task fail as REQUEST_INVALID.
        let body = serde_json::to_vec(input).unwrap_or_default();
        let answer = self
            .exchange(operation, None, clock, || {
                let request = self
                    .request(Method::POST, url.clone())
                    .header(CONTENT_TYPE, "application/json")
                    .body(body.clone());
                match &key {
                    Some(key) => request.header(self.key_header.name(), key.clone()),
                    None => request,
                }
            })
            .await?;
        let created = &answer.received.classified;
        let Some(request_id) = created.request_id() else {
            return Err(protocol(
                operation,
                None,
                answer,
                "the create response has no request_id",
            ));
        };
        let mut task = self.task(endpoint, request_id);
        // Use the URLs the server gave when they point back at it.
        if let Some(url) = same_origin(&self.base, created.status_url()) {
            task.status_url = url;
        }
        if let Some(url) = same_origin(&self.base, created.response_url()) {
            task.response_url = url;
        }
        Ok(task)
    }

    async fn wait_within(
        &self,
        task: &Task,
        mut progress: impl FnMut(&TaskState<C>),
        clock: Clock,
    ) -> TaskEnd<C> {
        let mut polls = 0;
        loop {
            let (state, answer) = match self.status_within(task, clock).await {
                Ok(polled) => polled,
                Err(mut error) => {
                    error.attempts += polls;
                    return TaskEnd::Stopped(error);
                }
            };
            polls += answer.attempts;
            progress(&state);
            if let Some(failure) = state.failure {
                return TaskEnd::Failed(failure);
            }
            if state.is_terminal() {
                break;
            }
            // 002: anything but COMPLETED means keep polling, an unknown
            // status included.
            if let Err(kind) = self.pause(answer.decision, clock).await {
                return TaskEnd::Stopped(stopped(Operation::StatusPoll, task, polls, kind));
            }
        }
        self.fetch_within(task, clock).await
    }

    async fn status_within(
        &self,
        task: &Task,
        clock: Clock,
    ) -> Result<(TaskState<C>, Answer<C>), QueueError<C>> {
        let operation = Operation::StatusPoll;
        let answer = self
            .exchange(operation, Some(&task.request_id), clock, || {
                self.request(Method::GET, task.status_url.clone())
            })
            .await?;
        let polled = &answer.received.classified;
        let Some(status) = polled.task_status().cloned() else {
            return Err(protocol(
                operation,
                Some(&task.request_id),
                answer,
                "the status response has no status",
            ));
        };
        let terminal = status
            .known()
            .is_some_and(|known| self.catalogue.task_status_is_terminal(known));
        let state = TaskState {
            status,
            queue_position: polled.queue_position(),
            failure: TaskFailure::of(&task.request_id, polled, answer.decision),
            terminal,
        };
        Ok((state, answer))
    }

    /// Fetches the result of a task that completed without error; 002: a
    /// 202 means it is not ready yet, so wait and fetch again.
    async fn fetch_within(&self, task: &Task, clock: Clock) -> TaskEnd<C> {
        let operation = Operation::ResultFetch;
        let mut requests_made = 0;
        loop {
            let answer = match self
                .exchange(operation, Some(&task.request_id), clock, || {
                    self.request(Method::GET, task.response_url.clone())
                })
                .await
            {
                Ok(answer) => answer,
                Err(mut error) => {
                    error.attempts += requests_made;
                    return TaskEnd::Stopped(error);
                }
            };
            requests_made += answer.attempts;
            let fetched = &answer.received.classified;
            if let Some(failure) = TaskFailure::of(&task.request_id, fetched, answer.decision) {
                return TaskEnd::Failed(failure);
            }
            if !fetched.is_pending() {
                return match serde_json::from_slice(&answer.received.body) {
                    Ok(result) => TaskEnd::Completed(result),
                    Err(_) => TaskEnd::Stopped(protocol(
                        operation,
                        Some(&task.request_id),
                        answer,
                        "the result is not JSON",
                    )),
                };
            }
            if let Err(kind) = self.pause(answer.decision, clock).await {
                return TaskEnd::Stopped(stopped(operation, task, requests_made, kind));
            }
        }
    }

    /// Waits before the next poll: the decision's wait (a pending answer's
    /// `Retry-After`), else the poll interval; out of time when that
    /// would pass the deadline.
    async fn pause(&self, decision: Decision, clock: Clock) -> Result<(), QueueErrorKind<C>> {
        let after = match decision {
            Decision::KeepPolling { after } => after,
            _ => self.policy.poll_interval(),
        };
        let retrier =
            Retrier::new(&self.policy, Operation::StatusPoll).with_deadline(clock.deadline);
        if !retrier.allows_wait(after, Instant::now()) {
            return Err(clock.out_of_time());
        }
        tokio::time::sleep(after).await;
        Ok(())
    }

    /// Sends one request of the protocol through a [`Retrier`] until a
    /// response that is not a failure to retry: a success, a pending task,
    /// or a task's own failure.
    async fn exchange(
        &self,
        operation: Operation,
        request_id: Option<&str>,
        clock: Clock,
        request: impl Fn() -> RequestBuilder,
    ) -> Result<Answer<C>, QueueError<C>> {
        let mut retrier = Retrier::new(&self.policy, operation)
            .with_deadline(clock.deadline)
            .driven_by(Driver::Queue, None);
        let sent = send_with_retries(
            &mut retrier,
            || {
                let sending = request().send();
                async move {
                    let unanswered = |error: ::reqwest::Error| NoResponse {
                        failure: transport_failure(&error),
                        error,
                    };
                    let response = ReadResponse::read(sending.await.map_err(unanswered)?)
                        .await
                        .map_err(unanswered)?;
                    let classified = classify_with(
                        self.catalogue,
                        response.status(),
                        response.headers(),
                        response.body(),
                    )
                    .into_owned();
                    Ok(Received {
                        classified,
                        body: response.into_body(),
                    })
                }
            },
            tokio::time::sleep,
        )
        .await;
        let error = |attempts, kind| QueueError {
            operation,
            request_id: request_id.map(str::to_owned),
            attempts,
            kind,
        };
        match sent {
            Sent::Answered {
                response,
                decision,
                attempts,
            } => {
                let classified = &response.classified;
                // A task's own failure is an answer, not a failed request.
                if !classified.is_failure() || classified.is_task_failure() {
                    return Ok(Answer {
                        received: response,
                        decision,
                        attempts,
                    });
                }
                let mut error = error(
                    attempts,
                    QueueErrorKind::Rejected {
                        response: Box::new(response.classified),
                        decision,
                    },
                );
                if error.request_id.is_none() {
                    error.request_id = error
                        .response()
                        .and_then(Classified::request_id)
                        .map(str::to_owned);
                }
                Err(error)
            }
            Sent::Unanswered {
                error: unanswered,
                decision,
                attempts,
            } => Err(error(
                attempts,
                QueueErrorKind::Unreachable {
                    failure: unanswered.failure,
                    error: unanswered.error,
                    decision,
                },
            )),
            Sent::OutOfTime { attempts } => Err(error(attempts, clock.out_of_time())),
        }
    }

    fn request(&self, method: Method, url: Url) -> RequestBuilder {
        self.http
            .request(method, url)
            .header(AUTHORIZATION, self.authorization.clone())
    }
}

/// A call of `operation` on `task` that stopped after `attempts`.
fn stopped<C: Catalogue>(
    operation: Operation,
    task: &Task,
    attempts: u32,
    kind: QueueErrorKind<C>,
) -> QueueError<C> {
    QueueError {
        operation,
        request_id: Some(task.request_id.clone()),
        attempts,
        kind,
    }
}

/// The server answered success in a shape the protocol does not have.
fn protocol<C: Catalogue>(
    operation: Operation,
    request_id: Option<&str>,
    answer: Answer<C>,
    problem: &'static str,
) -> QueueError<C> {
    QueueError {
        operation,
        request_id: request_id.map(str::to_owned),
        attempts: answer.attempts,
        kind: QueueErrorKind::Protocol {
            response: Box::new(answer.received.classified),
            problem,
        },
    }
}
