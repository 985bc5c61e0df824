//! From an [`ApiError`] to what the client does next, for one request.

use std::hash::{BuildHasher, RandomState};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use super::budget::RetryBudget;
use super::classify::{ApiError, Dialect, Outcome};
use crate::{Category, Code, ErrorType, Retry};

/// How a computed backoff is randomised, so that many clients that failed
/// together do not come back together.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Jitter {
    /// Uniform in `[0, backoff]` (AWS's "full jitter").
    Full,
    /// Shortened by up to this fraction (0.25: uniform in
    /// `[0.75·backoff, backoff]`, the `OpenAI` client's choice). Clamped to `[0, 1]`.
    Bounded(f64),
    /// The backoff exactly.
    None,
}

/// Which request failed: the same error calls for different action on a
/// create than on a status poll.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operation {
    /// Submitting a task (or a sync run): not idempotent unless it carries
    /// an idempotency key.
    Create {
        /// Whether the request carries an idempotency key, so that a
        /// repeat cannot create a second task.
        idempotency_key: bool,
    },
    /// Polling a task's status: a read, safe to repeat.
    StatusPoll,
    /// Fetching a task's result from its `response_url`: a read.
    ResultFetch,
    /// Canceling a task: repeating it changes nothing.
    Cancel,
}

/// Why a client should stop, phrased for what to tell the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
/// budget shared across requests.
///
/// The defaults follow the documents and, where they are silent, the most
/// trusted clients (see the [module docs](super) for the table).
#[derive(Debug)]
pub struct RetryPolicy {
    /// Attempts in all (the first included) for creates, result fetches
    /// and cancels. Default 3 (the AWS SDK, fal's submit).
    pub max_attempts: u32,
    /// Attempts in all for status polls, which are reads and are retried
    /// more. Default 5 (fal's status polls).
    pub poll_max_attempts: u32,
    /// The first backoff; each retry doubles it. Default 500 ms (`OpenAI`).
    pub base: Duration,
    /// The longest computed backoff. Default 8 s (`OpenAI`).
    pub cap: Duration,
    /// How backoffs are randomised. Default [`Jitter::Bounded`]`(0.25)`.
    pub jitter: Jitter,
    /// The longest server-requested wait honoured; a longer one stops
    /// automatic retries. Default 120 s (`OpenAI`).
    pub max_retry_after: Duration,
    /// How long to wait between status polls. Default 1 s.
    pub poll_interval: Duration,
    /// A retry budget shared across requests; `None` for no budget.
    pub budget: Option<Arc<RetryBudget>>,
    rng: AtomicU64,
}

impl RetryPolicy {
    /// Sets [`RetryPolicy::max_attempts`].
    #[must_use]
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts;
        self
    }

    /// Sets [`RetryPolicy::poll_max_attempts`].
    #[must_use]
    pub fn poll_max_attempts(mut self, attempts: u32) -> Self {
        self.poll_max_attempts = attempts;
        self
    }

    /// Sets [`RetryPolicy::base`].
    #[must_use]
    pub fn base(mut self, base: Duration) -> Self {
        self.base = base;
        self
    }

    /// Sets [`RetryPolicy::cap`].
    #[must_use]
    pub fn cap(mut self, cap: Duration) -> Self {
        self.cap = cap;
        self
    }

    /// Sets [`RetryPolicy::jitter`].
    #[must_use]
    pub fn jitter(mut self, jitter: Jitter) -> Self {
        self.jitter = jitter;
        self
    }

    /// Sets [`RetryPolicy::max_retry_after`].
    #[must_use]
    pub fn max_retry_after(mut self, cap: Duration) -> Self {
        self.max_retry_after = cap;
        self
    }

    /// Sets [`RetryPolicy::poll_interval`].
    #[must_use]
    pub fn poll_interval(mut self, interval: Duration) -> Self {
        self.poll_interval = interval;
        self
    }

    /// Shares `budget` with this policy.
    #[must_use]
    pub fn budget(mut self, budget: Arc<RetryBudget>) -> Self {
        self.budget = Some(budget);
        self
    }

    /// Seeds the jitter's random numbers, for reproducible delays in tests.
    /// By default each policy draws its own seed.
    #[must_use]
    pub fn seed(self, seed: u64) -> Self {
        self.rng.store(nonzero_seed(seed), Ordering::Relaxed);
        self
    }

    /// What to do after `error` on `operation`, where `attempt` is the
    /// number of attempts made so far (1 after the first failure).
    ///
    /// Uses the policy's own random numbers for jitter and the clock for
    /// an HTTP-date `Retry-After`; spends from the budget when it decides
    /// to retry and refunds it on a success, so call it on every response.
    #[must_use]
    pub fn decide(&self, error: &ApiError<'_>, operation: Operation, attempt: u32) -> Decision {
        self.decide_with(error, operation, attempt, SystemTime::now(), &mut || {
            self.next_random()
        })
    }

    /// [`RetryPolicy::decide`] with the clock and the random numbers given:
    /// `now` is when the response arrived, `random` returns numbers in
    /// `[0, 1)` (others are clamped into it).
    #[must_use]
    pub fn decide_with(
        &self,
        error: &ApiError<'_>,
        operation: Operation,
        attempt: u32,
        now: SystemTime,
        random: &mut impl FnMut() -> f64,
    ) -> Decision {
        match error.outcome {
            Outcome::Success => {
                if let Some(budget) = &self.budget {
                    budget.record_success();
                }
                return Decision::Stop {
                    reason: StopReason::NotAnError,
                };
            }
            Outcome::Pending => return self.keep_polling(error, operation, now),
            Outcome::Failure => {}
        }
        // The caller's own stop outranks everything, the server's word included.
        if is_user_cancel(error) {
            return Decision::Stop {
                reason: StopReason::UserCanceled,
            };
        }
        if error.user_deadline && error.status == http::StatusCode::GATEWAY_TIMEOUT {
            return Decision::Stop {
                reason: StopReason::UserDeadline,
            };
        }
        match error.should_retry {
            Some(false) => {
                return Decision::Stop {
                    reason: StopReason::ServerSaidNo,
                };
            }
            // The server knows whether it applied the request: a create
            // may be repeated, within the operation's attempts.
            Some(true) => {
                let limit = self.operation_limit(operation);
                return self.retry(error, attempt, limit, Wait::Backoff, now, random, false);
            }
            None => {}
        }
        let rule = error.retry();
        let wait = match rule {
            Retry::Never => {
                return Decision::Stop {
                    reason: stop_reason(error),
                };
            }
            Retry::KeepPolling => return self.keep_polling(error, operation, now),
            Retry::ResubmitAsync => return Decision::ResubmitAsync,
            Retry::Backoff { .. } => Wait::Backoff,
            Retry::After { min, max, .. } => Wait::Between(min, max),
            Retry::AfterHeader { fallback, .. } => Wait::Fallback(fallback),
        };
        if is_task_failure(error) {
            // The failed task will not change; a new one is a new create,
            // not a repeat of the old, so no idempotency question arises.
            let limit = rule.max_attempts().unwrap_or(self.max_attempts);
            return self.retry(error, attempt, limit, wait, now, random, true);
        }
        if let Operation::Create { idempotency_key } = operation
            && !rule.allows_create(idempotency_key)
        {
            return Decision::Stop {
                reason: StopReason::NotIdempotent,
            };
        }
        let limit = self.attempt_limit(rule, operation, error);
        self.retry(error, attempt, limit, wait, now, random, false)
    }

    /// What to do when a request got no response at all (refused, reset,
    /// timed out), after `attempt` attempts. The catalogue's rules are about
    /// responses, so this follows the trusted clients: retry a read, and a
    /// create only when nothing can have reached the server (`sent` false:
    /// the connection was never made) or it carries an idempotency key.
    #[must_use]
    pub fn decide_no_response(
        &self,
        operation: Operation,
        attempt: u32,
        sent: bool,
        timed_out: bool,
    ) -> Decision {
        if attempt >= self.operation_limit(operation) {
            return Decision::Stop {
                reason: StopReason::AttemptsExhausted,
            };
        }
        if sent
            && operation
                == (Operation::Create {
                    idempotency_key: false,
                })
        {
            return Decision::Stop {
                reason: StopReason::NotIdempotent,
            };
        }
        if let Some(stop) = self.spend_budget(timed_out) {
            return stop;
        }
        Decision::Retry {
            after: self.backoff(attempt),
        }
    }

    /// The backoff before retry number `retry` (1 for the first retry):
    /// `base · 2^(retry−1)`, at most `cap`, before jitter.
    #[must_use]
    pub fn backoff(&self, retry: u32) -> Duration {
        let doublings = retry.saturating_sub(1).min(31);
        self.base
            .checked_mul(1 << doublings)
            .map_or(self.cap, |backoff| backoff.min(self.cap))
    }

    /// [`RetryPolicy::backoff`] randomised by the policy's [`Jitter`].
    pub fn jittered_backoff(&self, retry: u32, random: &mut impl FnMut() -> f64) -> Duration {
        let backoff = self.backoff(retry);
        match self.jitter {
            Jitter::Full => scale(backoff, unit(random())),
            Jitter::Bounded(fraction) => {
                let fraction = if fraction.is_nan() {
                    0.0
                } else {
                    fraction.clamp(0.0, 1.0)
                };
                scale(backoff, 1.0 - fraction * unit(random()))
            }
            Jitter::None => backoff,
        }
    }

    /// Poll again after the poll interval, or after the server's
    /// `Retry-After` when a pending answer carries one (at most
    /// `max_retry_after`: a long wait is no reason to stop polling).
    fn keep_polling(
        &self,
        error: &ApiError<'_>,
        operation: Operation,
        now: SystemTime,
    ) -> Decision {
        match operation {
            // A pending answer to a cancel means the cancel was accepted.
            Operation::Cancel => Decision::Stop {
                reason: StopReason::NotAnError,
            },
            Operation::Create { .. } | Operation::StatusPoll | Operation::ResultFetch => {
                let after = error
                    .retry_after
                    .map(|retry_after| retry_after.delay_from(now))
                    .filter(|delay| !delay.is_zero())
                    .map_or(self.poll_interval, |delay| delay.min(self.max_retry_after));
                Decision::KeepPolling { after }
            }
        }
    }

    /// The policy's attempts for `operation`.
    /// Takes a retry's cost from the shared budget, if there is one; the
    /// stop to return when the budget cannot pay.
    fn spend_budget(&self, timed_out: bool) -> Option<Decision> {
        let budget = self.budget.as_ref()?;
        let cost = if timed_out {
            RetryBudget::TIMEOUT_COST
        } else {
            RetryBudget::RETRY_COST
        };
        (!budget.try_acquire(cost)).then_some(Decision::Stop {
            reason: StopReason::BudgetExhausted,
        })
    }

    fn operation_limit(&self, operation: Operation) -> u32 {
        match operation {
            Operation::StatusPoll => self.poll_max_attempts,
            Operation::Create { .. } | Operation::ResultFetch | Operation::Cancel => {
                self.max_attempts
            }
        }
    }

    /// Attempts allowed: the rule's count bounded by the policy's, except
    /// that a status poll after a 5xx gets the policy's poll attempts (a
    /// read repeats safely; fal retries polls 5 times, creates 3).
    fn attempt_limit(&self, rule: Retry, operation: Operation, error: &ApiError<'_>) -> u32 {
        let policy = self.operation_limit(operation);
        match rule.max_attempts() {
            Some(_) if operation == Operation::StatusPoll && error.status.is_server_error() => {
                policy
            }
            Some(rule_limit) => rule_limit.min(policy),
            None => policy,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn retry(
        &self,
        error: &ApiError<'_>,
        attempt: u32,
        limit: u32,
        wait: Wait,
        now: SystemTime,
        random: &mut impl FnMut() -> f64,
        new_task: bool,
    ) -> Decision {
        if attempt >= limit {
            return Decision::Stop {
                reason: StopReason::AttemptsExhausted,
            };
        }
        let asked = error
            .retry_after
            .map(|retry_after| retry_after.delay_from(now))
            .filter(|delay| !delay.is_zero());
        let after = match (asked, wait) {
            // The server's figure, when it gives one, within the cap.
            (Some(delay), _) => delay,
            (None, Wait::Backoff) => self.jittered_backoff(attempt, random),
            (None, Wait::Between(min, max)) => match self.jitter {
                Jitter::None => min,
                Jitter::Full | Jitter::Bounded(_) => {
                    min.saturating_add(scale(max.saturating_sub(min), unit(random())))
                }
            },
            (None, Wait::Fallback(fallback)) => fallback,
        };
        if after > self.max_retry_after {
            return Decision::Stop {
                reason: StopReason::WaitLongerThanCap { wait: after },
            };
        }
        if let Some(stop) = self.spend_budget(is_timeout(error)) {
            return stop;
        }
        if new_task {
            Decision::SubmitNew { after }
        } else {
            Decision::Retry { after }
        }
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

/// How long to wait when the server names no delay.
#[derive(Clone, Copy)]
enum Wait {
    /// Exponential backoff with jitter.
    Backoff,
    /// Somewhere between the two, jittered.
    Between(Duration, Duration),
    /// The rule's fallback for a missing `Retry-After`.
    Fallback(Duration),
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

fn is_user_cancel(error: &ApiError<'_>) -> bool {
    error.status.as_u16() == 499
        || error.code == Some(Code::Canceled)
        || error.known_error_type() == Some(ErrorType::Canceled)
}

/// A terminal task failure reported in a 2xx status body.
fn is_task_failure(error: &ApiError<'_>) -> bool {
    error.dialect == Dialect::TaskStatus
        && !error.status.is_client_error()
        && !error.status.is_server_error()
}

/// Whether the failure was a timeout: it costs a retry budget more (AWS).
fn is_timeout(error: &ApiError<'_>) -> bool {
    matches!(error.status.as_u16(), 408 | 504 | 522 | 524)
        || error
            .code
            .is_some_and(|code| code.category() == Category::Timeout)
}

/// Why retrying cannot help, from the code's category, else the status.
fn stop_reason(error: &ApiError<'_>) -> StopReason {
    let code = error.known_error_type().map(ErrorType::code).or(error.code);
    if let Some(code) = code {
        return match code.category() {
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
        };
    }
    match error.status.as_u16() {
        401 => StopReason::FixCredentials,
        402 => StopReason::FixBilling,
        403 => StopReason::NotPermitted,
        499 => StopReason::UserCanceled,
        501 => StopReason::NotSupported,
        _ => StopReason::FixRequest,
    }
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            poll_max_attempts: 5,
            base: Duration::from_millis(500),
            cap: Duration::from_secs(8),
            jitter: Jitter::Bounded(0.25),
            max_retry_after: Duration::from_secs(120),
            poll_interval: Duration::from_secs(1),
            budget: None,
            rng: AtomicU64::new(random_seed()),
        }
    }
}

/// A clone shares the budget and draws its seed from the original, so
/// clones do not jitter in step; the sequence stays reproducible after
/// [`RetryPolicy::seed`].
impl Clone for RetryPolicy {
    fn clone(&self) -> Self {
        let seed = self.next_u64();
        Self {
            max_attempts: self.max_attempts,
            poll_max_attempts: self.poll_max_attempts,
            base: self.base,
            cap: self.cap,
            jitter: self.jitter,
            max_retry_after: self.max_retry_after,
            poll_interval: self.poll_interval,
            budget: self.budget.clone(),
            rng: AtomicU64::new(nonzero_seed(seed)),
        }
    }
}

/// [`RetryPolicy::decide`] with the default policy.
#[must_use]
pub fn decide(error: &ApiError<'_>, operation: Operation, attempt: u32) -> Decision {
    RetryPolicy::default().decide(error, operation, attempt)
}
