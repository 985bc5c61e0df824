//! From a [`Classified`] response, or a transport failure, to what the
//! client does next, for one request.

use std::fmt;
use std::hash::{BuildHasher, RandomState};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use super::budget::RetryBudget;
use super::classify::{Classified, Outcome};
use super::status_facts;
use crate::{Category, Code, ErrorType, Retry};

/// How a computed backoff is randomised, so that many clients that failed
/// together do not come back together.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum Jitter {
    /// Uniform in `[0, backoff]` (AWS's "full jitter").
    Full,
    /// Shortened by up to this fraction (0.25: uniform in
    /// `[0.75·backoff, backoff]`, the `OpenAI` client's choice). Must be
    /// in `[0, 1]`: [`RetryPolicyBuilder::build`] refuses anything else.
    Bounded(f64),
    /// The backoff exactly.
    None,
}

/// Which request failed: the same error calls for different action on a
/// create than on a status poll.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Operation {
    /// Submitting a task (or a sync run), or any request that is not
    /// idempotent (RFC 9110 §9.2.2: `POST`, `PATCH`): not repeated after
    /// an ambiguous failure unless it carries an idempotency key.
    Create {
        /// Whether the request carries an idempotency key, so that a
        /// repeat cannot create a second task.
        idempotency_key: bool,
    },
    /// Polling a task's status: a read, safe to repeat, and retried more.
    StatusPoll,
    /// Fetching a task's result from its `response_url`: a read.
    ResultFetch,
    /// Canceling a task: repeating it changes nothing.
    Cancel,
    /// Any other request whose repetition changes nothing: an idempotent
    /// method (RFC 9110 §9.2.2: `GET`, `HEAD`, `OPTIONS`, `TRACE`, `PUT`,
    /// `DELETE`).
    Idempotent,
}

impl Operation {
    /// The operation of a request sent with `method`: [`Operation::Idempotent`]
    /// for the methods RFC 9110 §9.2.2 calls idempotent, else
    /// [`Operation::Create`] with `idempotency_key` (whether the request
    /// carries one).
    ///
    /// ```
    /// # extern crate errors_runtime as errors_core;
    /// use errors_core::wire::Operation;
    ///
    /// assert_eq!(Operation::from_method(&http::Method::GET, false), Operation::Idempotent);
    /// assert_eq!(
    ///     Operation::from_method(&http::Method::POST, true),
    ///     Operation::Create { idempotency_key: true }
    /// );
    /// ```
    #[must_use]
    pub fn from_method(method: &http::Method, idempotency_key: bool) -> Self {
        use http::Method;
        let idempotent = [
            Method::GET,
            Method::HEAD,
            Method::OPTIONS,
            Method::TRACE,
            Method::PUT,
            Method::DELETE,
        ];
        if idempotent.contains(method) {
            Self::Idempotent
        } else {
            Self::Create { idempotency_key }
        }
    }

    /// Whether a repeat after an ambiguous failure cannot make a second
    /// effect: anything but a create without an idempotency key.
    #[must_use]
    pub fn may_repeat(self) -> bool {
        self != Self::Create {
            idempotency_key: false,
        }
    }
}

/// How a request failed without a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportFailure {
    /// No connection was made (refused, DNS, TLS): nothing reached the
    /// server, so any request may be repeated.
    NeverConnected,
    /// The request was sent and no answer came in time: the server may
    /// have applied it.
    SentThenTimedOut,
    /// The request was sent and the connection failed (reset, closed,
    /// a body cut short): the server may have applied it.
    SentThenFailed,
}

impl TransportFailure {
    /// Whether the server may have applied the request.
    #[must_use]
    pub fn is_ambiguous(self) -> bool {
        !matches!(self, Self::NeverConnected)
    }

    /// Whether the failure was a timeout (it costs a budget more).
    #[must_use]
    pub fn is_timeout(self) -> bool {
        matches!(self, Self::SentThenTimedOut)
    }
}

/// Why a client should stop, phrased for what to tell the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StopReason {
    /// Nothing failed (success, or a pending task on a cancel).
    NotAnError,
    /// The request itself must change: invalid input, unknown model or
    /// task, conflict, blocked content.
    FixRequest,
    /// The API key is missing, malformed, expired or revoked.
    FixCredentials,
    /// The key is valid but not allowed to do this (model, plan, locked resource).
    NotPermitted,
    /// The account lacks balance or quota.
    FixBilling,
    /// The feature is not available (501, SSE, webhooks).
    NotSupported,
    /// The server asks for a longer wait than the policy's
    /// `max_retry_after`: retry later, not automatically.
    WaitLongerThanCap {
        /// The wait the server asked for.
        wait: Duration,
    },
    /// A create without idempotency key failed ambiguously: the task may
    /// exist, and repeating the create could make a second one.
    NotIdempotent,
    /// The allowed attempts are used up.
    AttemptsExhausted,
    /// The shared retry budget is empty: the upstream is failing broadly.
    BudgetExhausted,
    /// The caller canceled (499, `CANCELED`).
    UserCanceled,
    /// The caller's own deadline expired (504 with
    /// `x-fal-request-timeout-type: user`).
    UserDeadline,
    /// The server said not to retry (`x-should-retry: false`).
    ServerSaidNo,
}

/// What to do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Decision {
    /// Send the same request again after `after`.
    Retry {
        /// How long to wait first.
        after: Duration,
    },
    /// The task is still running: poll again after `after`.
    KeepPolling {
        /// How long to wait first.
        after: Duration,
    },
    /// The synchronous call hit its ceiling: submit it again asynchronously
    /// and poll (`sync_timeout_upgrade_async`).
    ResubmitAsync,
    /// The task ended in a failure that a new task may not repeat: submit
    /// a new task after `after` (the failed one will not change).
    SubmitNew {
        /// How long to wait first.
        after: Duration,
    },
    /// Do not retry automatically.
    Stop {
        /// Why, to tell the user the right thing.
        reason: StopReason,
    },
}

/// How a client retries: attempts, backoff, jitter, caps and an optional
/// budget shared across requests. Made by [`RetryPolicy::builder`], which
/// validates; [`RetryPolicy::default`] is the builder's defaults.
///
/// The defaults follow the documents and, where they are silent, the most
/// trusted clients (see the [module docs](super) for the table).
///
/// ```
/// # extern crate errors_runtime as errors_core;
/// use std::time::Duration;
/// use errors_core::wire::{InvalidRetryPolicy, Jitter, RetryPolicy};
///
/// let policy = RetryPolicy::builder()
///     .max_attempts(4)
///     .base(Duration::from_millis(200))
///     .build()?;
/// assert_eq!(policy.max_attempts(), 4);
///
/// let nan = RetryPolicy::builder().jitter(Jitter::Bounded(f64::NAN)).build();
/// assert!(matches!(nan, Err(InvalidRetryPolicy::Jitter { .. })));
/// # Ok::<(), InvalidRetryPolicy>(())
/// ```
#[derive(Debug)]
pub struct RetryPolicy {
    settings: Settings,
    budget: Option<Arc<RetryBudget>>,
    rng: AtomicU64,
}

/// The figures of a policy, as the builder holds them.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Settings {
    max_attempts: u32,
    poll_max_attempts: u32,
    base: Duration,
    cap: Duration,
    jitter: Jitter,
    max_retry_after: Duration,
    poll_interval: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            poll_max_attempts: 5,
            base: Duration::from_millis(500),
            cap: Duration::from_secs(8),
            jitter: Jitter::Bounded(0.25),
            max_retry_after: Duration::from_secs(120),
            poll_interval: Duration::from_secs(1),
        }
    }
}

/// Builds a [`RetryPolicy`]; [`RetryPolicyBuilder::build`] checks the figures.
#[derive(Debug, Clone)]
#[must_use]
pub struct RetryPolicyBuilder {
    settings: Settings,
    budget: Option<Arc<RetryBudget>>,
    seed: Option<u64>,
}

/// Why a [`RetryPolicyBuilder`] could not build.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum InvalidRetryPolicy {
    /// An attempt count is zero: the first attempt counts, so at least one.
    ZeroAttempts {
        /// Which setting (`max_attempts`, `poll_max_attempts`).
        setting: &'static str,
    },
    /// The jitter fraction is NaN or outside `[0, 1]`.
    Jitter {
        /// The fraction given.
        fraction: f64,
    },
    /// The backoff cap is below its base.
    CapBelowBase {
        /// The first backoff.
        base: Duration,
        /// The longest backoff.
        cap: Duration,
    },
    /// The poll interval is zero: polling would never pause.
    ZeroPollInterval,
}

impl fmt::Display for InvalidRetryPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::ZeroAttempts { setting } => write!(
                f,
                "`{setting}` is 0, but it counts the first attempt too: use 1 for no retries"
            ),
            Self::Jitter { fraction } => write!(
                f,
                "the jitter fraction {fraction} is not in [0, 1] (0.25 shortens a backoff by up to a quarter)"
            ),
            Self::CapBelowBase { base, cap } => write!(
                f,
                "the backoff cap ({} ms) is below its base ({} ms)",
                cap.as_millis(),
                base.as_millis()
            ),
            Self::ZeroPollInterval => {
                f.write_str("the poll interval is 0: polls would never pause")
            }
        }
    }
}

impl std::error::Error for InvalidRetryPolicy {}

impl RetryPolicyBuilder {
    /// Attempts in all (the first included) for creates, result fetches,
    /// cancels and other requests. Default 3 (the AWS SDK, fal's submit).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.settings.max_attempts = attempts;
        self
    }

    /// Attempts in all for status polls, which are reads and are retried
    /// more. Default 5 (fal's status polls).
    pub fn poll_max_attempts(mut self, attempts: u32) -> Self {
        self.settings.poll_max_attempts = attempts;
        self
    }

    /// The first backoff; each retry doubles it. Default 500 ms (`OpenAI`).
    pub fn base(mut self, base: Duration) -> Self {
        self.settings.base = base;
        self
    }

    /// The longest computed backoff. Default 8 s (`OpenAI`).
    pub fn cap(mut self, cap: Duration) -> Self {
        self.settings.cap = cap;
        self
    }

    /// How backoffs are randomised. Default [`Jitter::Bounded`]`(0.25)`.
    pub fn jitter(mut self, jitter: Jitter) -> Self {
        self.settings.jitter = jitter;
        self
    }

    /// The longest server-requested wait honoured; a longer one stops
    /// automatic retries. Default 120 s (`OpenAI`).
    pub fn max_retry_after(mut self, cap: Duration) -> Self {
        self.settings.max_retry_after = cap;
        self
    }

    /// How long to wait between status polls. Default 1 s.
    pub fn poll_interval(mut self, interval: Duration) -> Self {
        self.settings.poll_interval = interval;
        self
    }

    /// Shares `budget` with this policy (and its clones). Default: none.
    pub fn budget(mut self, budget: Arc<RetryBudget>) -> Self {
        self.budget = Some(budget);
        self
    }

    /// Seeds the jitter's random numbers, for reproducible delays in tests.
    /// By default each policy draws its own seed.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = Some(seed);
        self
    }

    /// The policy.
    ///
    /// # Errors
    /// [`InvalidRetryPolicy`] for a zero attempt count or poll interval, a
    /// NaN or out-of-range jitter, or a cap below the base.
    pub fn build(self) -> Result<RetryPolicy, InvalidRetryPolicy> {
        let settings = self.settings;
        for (setting, attempts) in [
            ("max_attempts", settings.max_attempts),
            ("poll_max_attempts", settings.poll_max_attempts),
        ] {
            if attempts == 0 {
                return Err(InvalidRetryPolicy::ZeroAttempts { setting });
            }
        }
        if let Jitter::Bounded(fraction) = settings.jitter
            && !(0.0..=1.0).contains(&fraction)
        {
            return Err(InvalidRetryPolicy::Jitter { fraction });
        }
        if settings.cap < settings.base {
            return Err(InvalidRetryPolicy::CapBelowBase {
                base: settings.base,
                cap: settings.cap,
            });
        }
        if settings.poll_interval.is_zero() {
            return Err(InvalidRetryPolicy::ZeroPollInterval);
        }
        Ok(RetryPolicy {
            settings,
            budget: self.budget,
            rng: AtomicU64::new(self.seed.map_or_else(random_seed, nonzero_seed)),
        })
    }
}

impl RetryPolicy {
    /// A builder holding the defaults.
    pub fn builder() -> RetryPolicyBuilder {
        RetryPolicyBuilder {
            settings: Settings::default(),
            budget: None,
            seed: None,
        }
    }

    /// A builder holding this policy's figures and budget (a fresh seed),
    /// to derive a policy from it.
    pub fn to_builder(&self) -> RetryPolicyBuilder {
        RetryPolicyBuilder {
            settings: self.settings,
            budget: self.budget.clone(),
            seed: None,
        }
    }

    /// Attempts in all for creates, result fetches, cancels and other requests.
    #[must_use]
    pub fn max_attempts(&self) -> u32 {
        self.settings.max_attempts
    }

    /// Attempts in all for status polls.
    #[must_use]
    pub fn poll_max_attempts(&self) -> u32 {
        self.settings.poll_max_attempts
    }

    /// The first backoff.
    #[must_use]
    pub fn base(&self) -> Duration {
        self.settings.base
    }

    /// The longest computed backoff.
    #[must_use]
    pub fn cap(&self) -> Duration {
        self.settings.cap
    }

    /// How backoffs are randomised.
    #[must_use]
    pub fn jitter(&self) -> Jitter {
        self.settings.jitter
    }

    /// The longest server-requested wait honoured.
    #[must_use]
    pub fn max_retry_after(&self) -> Duration {
        self.settings.max_retry_after
    }

    /// How long to wait between status polls.
    #[must_use]
    pub fn poll_interval(&self) -> Duration {
        self.settings.poll_interval
    }

    /// The shared retry budget, if any.
    #[must_use]
    pub fn budget(&self) -> Option<&Arc<RetryBudget>> {
        self.budget.as_ref()
    }

    /// What to do after `response` on `operation`, where `attempt` is the
    /// number of attempts made so far (1 after the first response).
    ///
    /// Uses the policy's own random numbers for jitter and the clock for
    /// an HTTP-date `Retry-After`; spends from the budget when it decides
    /// to retry and refunds it on a success, so call it on every response.
    #[must_use]
    pub fn decide(
        &self,
        response: &Classified<'_>,
        operation: Operation,
        attempt: u32,
    ) -> Decision {
        self.decide_with(response, operation, attempt, SystemTime::now(), &mut || {
            self.next_random()
        })
    }

    /// [`RetryPolicy::decide`] with the clock and the random numbers given:
    /// `now` is when the response arrived, `random` returns numbers in
    /// `[0, 1)` (others are clamped into it).
    #[must_use]
    pub fn decide_with(
        &self,
        response: &Classified<'_>,
        operation: Operation,
        attempt: u32,
        now: SystemTime,
        random: &mut impl FnMut() -> f64,
    ) -> Decision {
        let mut attempted = Attempted {
            attempt,
            asked: response.retry_after().map(|asked| asked.delay_from(now)),
            timeout: is_timeout(response),
            random,
        };
        let new_task = match response.outcome() {
            Outcome::Succeeded => {
                if let Some(budget) = &self.budget {
                    budget.record_success();
                }
                return stop(StopReason::NotAnError);
            }
            Outcome::Pending => return self.keep_polling(response, operation, now),
            // The failed task will not change; a new one is a new create,
            // not a repeat of the old, so no idempotency question arises.
            Outcome::TaskFailed { .. } => true,
            Outcome::RequestFailed { .. } => false,
        };
        // The caller's own stop outranks everything, the server's word included.
        if is_user_cancel(response) {
            return stop(StopReason::UserCanceled);
        }
        if response.headers().is_user_deadline()
            && status_facts::is_user_deadline(response.status())
        {
            return stop(StopReason::UserDeadline);
        }
        match response.headers().should_retry() {
            Some(false) => return stop(StopReason::ServerSaidNo),
            // The server knows whether it applied the request: a create
            // may be repeated, within the operation's attempts.
            Some(true) => {
                let limit = self.operation_limit(operation);
                return self.retry(&mut attempted, limit, Wait::Backoff, Decision::retry);
            }
            None => {}
        }
        let rule = response.retry();
        let wait = match rule {
            Retry::Never => return stop(stop_reason(response)),
            Retry::KeepPolling => return self.keep_polling(response, operation, now),
            Retry::ResubmitAsync => return Decision::ResubmitAsync,
            Retry::Backoff { .. } => Wait::Backoff,
            Retry::After {
                min_secs, max_secs, ..
            } => Wait::Between(seconds(min_secs), seconds(max_secs)),
            Retry::AfterHeader { fallback_secs, .. } => Wait::Fallback(seconds(fallback_secs)),
        };
        if new_task {
            let limit = rule.max_attempts().unwrap_or(self.settings.max_attempts);
            return self.retry(&mut attempted, limit, wait, Decision::submit_new);
        }
        if let Operation::Create { idempotency_key } = operation
            && !rule.allows_create(idempotency_key)
        {
            return stop(StopReason::NotIdempotent);
        }
        let limit = self.attempt_limit(rule, operation, response);
        self.retry(&mut attempted, limit, wait, Decision::retry)
    }

    /// What to do when a request got no response at all, after `attempt`
    /// attempts. The catalogue's rules are about responses, so this
    /// follows the trusted clients: retry any request that never reached
    /// the server, and after an ambiguous failure only one that may be
    /// repeated ([`Operation::may_repeat`]). The wait is the same jittered
    /// backoff a response gets.
    #[must_use]
    pub fn decide_transport(
        &self,
        failure: TransportFailure,
        operation: Operation,
        attempt: u32,
    ) -> Decision {
        self.decide_transport_with(failure, operation, attempt, &mut || self.next_random())
    }

    /// [`RetryPolicy::decide_transport`] with the random numbers given.
    #[must_use]
    pub fn decide_transport_with(
        &self,
        failure: TransportFailure,
        operation: Operation,
        attempt: u32,
        random: &mut impl FnMut() -> f64,
    ) -> Decision {
        if failure.is_ambiguous() && !operation.may_repeat() {
            return stop(StopReason::NotIdempotent);
        }
        let mut attempted = Attempted {
            attempt,
            asked: None,
            timeout: failure.is_timeout(),
            random,
        };
        let limit = self.operation_limit(operation);
        self.retry(&mut attempted, limit, Wait::Backoff, Decision::retry)
    }

    /// The backoff before retry number `retry` (1 for the first retry):
    /// `base · 2^(retry−1)`, at most `cap`, before jitter.
    #[must_use]
    pub fn backoff(&self, retry: u32) -> Duration {
        let doublings = retry.saturating_sub(1).min(31);
        let Settings { base, cap, .. } = self.settings;
        base.checked_mul(1 << doublings)
            .map_or(cap, |backoff| backoff.min(cap))
    }

    /// [`RetryPolicy::backoff`] randomised by the policy's [`Jitter`].
    pub fn jittered_backoff(&self, retry: u32, random: &mut impl FnMut() -> f64) -> Duration {
        let backoff = self.backoff(retry);
        match self.settings.jitter {
            Jitter::Full => scale(backoff, unit(random())),
            // The builder keeps the fraction in [0, 1].
            Jitter::Bounded(fraction) => scale(backoff, 1.0 - fraction * unit(random())),
            Jitter::None => backoff,
        }
    }

    /// Poll again after the poll interval, or after the server's
    /// `Retry-After` when a pending answer carries one above zero (at
    /// most `max_retry_after`: a long wait is no reason to stop polling).
    fn keep_polling(
        &self,
        response: &Classified<'_>,
        operation: Operation,
        now: SystemTime,
    ) -> Decision {
        if operation == Operation::Cancel {
            // A pending answer to a cancel means the cancel was accepted.
            return stop(StopReason::NotAnError);
        }
        let after = response
            .retry_after()
            .map(|retry_after| retry_after.delay_from(now))
            .filter(|delay| !delay.is_zero())
            .map_or(self.settings.poll_interval, |delay| {
                delay.min(self.settings.max_retry_after)
            });
        Decision::KeepPolling { after }
    }

    /// Takes a retry's cost from the shared budget, if there is one; the
    /// stop to return when the budget cannot pay.
    fn spend_budget(&self, timed_out: bool) -> Option<Decision> {
        let budget = self.budget.as_ref()?;
        let cost = if timed_out {
            RetryBudget::TIMEOUT_COST
        } else {
            RetryBudget::RETRY_COST
        };
        (!budget.try_acquire(cost)).then_some(stop(StopReason::BudgetExhausted))
    }

    /// The policy's attempts for `operation`.
    fn operation_limit(&self, operation: Operation) -> u32 {
        match operation {
            Operation::StatusPoll => self.settings.poll_max_attempts,
            Operation::Create { .. }
            | Operation::ResultFetch
            | Operation::Cancel
            | Operation::Idempotent => self.settings.max_attempts,
        }
    }

    /// Attempts allowed: the rule's count bounded by the policy's, except
    /// that a status poll after a 5xx gets the policy's poll attempts (a
    /// read repeats safely; fal retries polls 5 times, creates 3).
    fn attempt_limit(&self, rule: Retry, operation: Operation, response: &Classified<'_>) -> u32 {
        let policy = self.operation_limit(operation);
        match rule.max_attempts() {
            Some(_)
                if operation == Operation::StatusPoll && response.status().is_server_error() =>
            {
                policy
            }
            Some(rule_limit) => rule_limit.min(policy),
            None => policy,
        }
    }

    /// The one wait computation, for responses and transport failures
    /// alike, then the cap, the budget, and the decision `make` builds.
    fn retry<R: FnMut() -> f64>(
        &self,
        attempted: &mut Attempted<'_, R>,
        limit: u32,
        wait: Wait,
        make: fn(Duration) -> Decision,
    ) -> Decision {
        if attempted.attempt >= limit {
            return stop(StopReason::AttemptsExhausted);
        }
        let random = &mut *attempted.random;
        let after = match (attempted.asked, wait) {
            // "Retry now" (0, or a date already past): the policy's first
            // backoff, jittered, so that clients told "now" together do
            // not come back together; never the rule's long fallback.
            (Some(asked), _) if asked.is_zero() => self.jittered_backoff(1, random),
            // The server's figure, when it gives one, within the cap.
            (Some(asked), _) => asked,
            (None, Wait::Backoff) => self.jittered_backoff(attempted.attempt, random),
            (None, Wait::Between(min, max)) => match self.settings.jitter {
                Jitter::None => min,
                Jitter::Full | Jitter::Bounded(_) => {
                    min.saturating_add(scale(max.saturating_sub(min), unit(random())))
                }
            },
            (None, Wait::Fallback(fallback)) => fallback,
        };
        if after > self.settings.max_retry_after {
            return stop(StopReason::WaitLongerThanCap { wait: after });
        }
        if let Some(stop) = self.spend_budget(attempted.timeout) {
            return stop;
        }
        make(after)
    }

    /// The next output of the policy's xorshift64* generator.
    fn next_u64(&self) -> u64 {
        let step = |state: u64| {
            let mut x = state;
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            x
        };
        let previous = self
            .rng
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |state| {
                Some(step(state))
            })
            .unwrap_or(DEFAULT_SEED);
        step(previous).wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// The next number of the generator, in `[0, 1)`.
    fn next_random(&self) -> f64 {
        // The top 53 bits make an evenly spread f64; both casts are exact.
        #[allow(clippy::cast_precision_loss)]
        let fraction = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        fraction
    }
}

impl Decision {
    fn retry(after: Duration) -> Self {
        Self::Retry { after }
    }

    fn submit_new(after: Duration) -> Self {
        Self::SubmitNew { after }
    }

    /// How long to wait before acting on the decision, when it says to
    /// act again (`Retry`, `KeepPolling`, `SubmitNew`).
    #[must_use]
    pub fn after(self) -> Option<Duration> {
        match self {
            Self::Retry { after } | Self::KeepPolling { after } | Self::SubmitNew { after } => {
                Some(after)
            }
            Self::ResubmitAsync | Self::Stop { .. } => None,
        }
    }
}

fn stop(reason: StopReason) -> Decision {
    Decision::Stop { reason }
}

/// What one decision needs to know about the attempt that failed.
struct Attempted<'r, R> {
    /// Attempts made so far.
    attempt: u32,
    /// The server's wait, counted from when the response arrived.
    asked: Option<Duration>,
    /// Whether it failed by timing out.
    timeout: bool,
    random: &'r mut R,
}

/// How long to wait when the server names no delay.
#[derive(Clone, Copy)]
enum Wait {
    /// Exponential backoff with jitter.
    Backoff,
    /// Somewhere between the two, jittered.
    Between(Duration, Duration),
    /// The rule's fallback for a missing (or malformed) `Retry-After`.
    Fallback(Duration),
}

/// A rule's wait: the catalogue writes whole seconds, the policy works in
/// [`Duration`]s.
fn seconds(secs: u32) -> Duration {
    Duration::from_secs(u64::from(secs))
}

/// Any fixed non-zero seed: xorshift stays at zero forever from zero.
const DEFAULT_SEED: u64 = 0x9E37_79B9_7F4A_7C15;

fn nonzero_seed(seed: u64) -> u64 {
    if seed == 0 { DEFAULT_SEED } else { seed }
}

/// A seed that differs between processes, so that clients that failed
/// together do not jitter alike; std's hasher keys are random per process.
fn random_seed() -> u64 {
    nonzero_seed(RandomState::new().hash_one(0u8))
}

/// `duration · factor` for a factor in `[0, 1]`, never more than
/// `duration`: `Duration::mul_f64` panics when float rounding pushes a
/// value near `Duration::MAX` past it.
fn scale(duration: Duration, factor: f64) -> Duration {
    Duration::try_from_secs_f64(duration.as_secs_f64() * factor)
        .map_or(duration, |scaled| scaled.min(duration))
}

/// A number from the caller's generator, forced into `[0, 1]`.
fn unit(value: f64) -> f64 {
    if value.is_nan() {
        0.0
    } else {
        value.clamp(0.0, 1.0)
    }
}

fn is_user_cancel(response: &Classified<'_>) -> bool {
    status_facts::is_user_cancel(response.status())
        || response.code() == Some(Code::Canceled)
        || response.known_error_type() == Some(ErrorType::Canceled)
}

/// Whether the failure was a timeout: it costs a retry budget more (AWS).
fn is_timeout(response: &Classified<'_>) -> bool {
    status_facts::is_timeout(response.status())
        || response
            .code()
            .is_some_and(|code| code.category() == Category::Timeout)
}

/// Why retrying cannot help, from the category of the code, else of the
/// status (both the catalogue's).
fn stop_reason(response: &Classified<'_>) -> StopReason {
    let category = match response.code() {
        Some(code) => Some(code.category()),
        None => status_facts::category(response.status()),
    };
    category.map_or(StopReason::FixRequest, category_stop_reason)
}

/// What a caller must do about an error of `category`.
pub(crate) fn category_stop_reason(category: Category) -> StopReason {
    match category {
        Category::Authentication => StopReason::FixCredentials,
        Category::Permission => StopReason::NotPermitted,
        Category::Billing => StopReason::FixBilling,
        Category::NotImplemented | Category::Unsupported => StopReason::NotSupported,
        Category::Canceled => StopReason::UserCanceled,
        Category::Validation
        | Category::NotFound
        | Category::Gone
        | Category::Conflict
        | Category::ContentPolicy
        | Category::RateLimit
        | Category::Timeout
        | Category::Server
        | Category::Upstream
        | Category::Unavailable
        | Category::Execution => StopReason::FixRequest,
    }
}

impl Default for RetryPolicy {
    /// The builder's defaults, which are valid.
    fn default() -> Self {
        Self {
            settings: Settings::default(),
            budget: None,
            rng: AtomicU64::new(random_seed()),
        }
    }
}

/// A clone shares the budget and draws its seed from the original, so
/// clones do not jitter in step; the sequence stays reproducible after
/// [`RetryPolicyBuilder::seed`].
impl Clone for RetryPolicy {
    fn clone(&self) -> Self {
        let seed = self.next_u64();
        Self {
            settings: self.settings,
            budget: self.budget.clone(),
            rng: AtomicU64::new(nonzero_seed(seed)),
        }
    }
}

/// [`RetryPolicy::decide`] with the default policy.
#[must_use]
pub fn decide(response: &Classified<'_>, operation: Operation, attempt: u32) -> Decision {
    RetryPolicy::default().decide(response, operation, attempt)
}

/// What to do, in words for a person (`retry after 448 ms`).
impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Retry { after } => write!(f, "retry after {} ms", after.as_millis()),
            Self::KeepPolling { after } => write!(f, "keep polling every {} ms", after.as_millis()),
            Self::ResubmitAsync => f.write_str("resubmit asynchronously and poll"),
            Self::SubmitNew { after } => write!(
                f,
                "a new task may succeed: submit one after {} ms",
                after.as_millis()
            ),
            Self::Stop { reason } => reason.fmt(f),
        }
    }
}

/// Why to stop, in words for a person, with what to do instead.
impl fmt::Display for StopReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::NotAnError => "nothing to do: it did not fail",
            Self::FixRequest => "do not retry: change the request before sending it again",
            Self::FixCredentials => "do not retry: fix the API key, then send it again",
            Self::NotPermitted => {
                "do not retry: this key may not do this; ask for access or use another model"
            }
            Self::FixBilling => "do not retry: top up or change the plan, then send it again",
            Self::NotSupported => "do not retry: the API does not offer this; do it another way",
            Self::WaitLongerThanCap { .. } => {
                "stop: the server asks for a longer wait than this client accepts; try again later"
            }
            Self::NotIdempotent => {
                "do not repeat it: the task may exist already; check before creating it again, or send an idempotency key"
            }
            Self::AttemptsExhausted => "stop: the retries are used up; try again later",
            Self::BudgetExhausted => "stop: the service is failing broadly; try again later",
            Self::UserCanceled => {
                "stop: it was canceled; submit a new task if the result is still wanted"
            }
            Self::UserDeadline => "stop: your own deadline expired; allow more time",
            Self::ServerSaidNo => "do not retry: the server said not to",
        })
    }
}
