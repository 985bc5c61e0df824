//! The decision: from a classified response (or a transport failure) and
//! the attempts made, what to do next, in the order of the table in
//! [`crate::wire`]'s docs.

use std::time::{Duration, SystemTime};

use super::jitter::{scale, unit};
use super::policy::{RetryPolicy, Settings};
use super::vocabulary::{Decision, Jitter, Operation, StopReason, TransportFailure};
use crate::wire::Catalogue;
use crate::wire::budget::RetryBudget;
use crate::wire::classify::{Classified, Outcome};
use crate::wire::status_facts;
use crate::{Retry, StopAction};

impl RetryPolicy {
    /// What to do after `response` on `operation`, where `attempt` is the
    /// number of attempts made so far (1 after the first response).
    ///
    /// Uses the policy's own random numbers for jitter and the clock for
    /// an HTTP-date `Retry-After`; spends from the budget when it decides
    /// to retry and refunds it on a success, so call it on every response.
    #[must_use]
    pub fn decide<C: Catalogue>(
        &self,
        response: &Classified<'_, C>,
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
    pub fn decide_with<C: Catalogue>(
        &self,
        response: &Classified<'_, C>,
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
        // fal: a 504 with `x-fal-request-timeout-type: user` is the
        // caller's own deadline; the header qualifies a timeout status.
        if response.headers().is_user_deadline()
            && status_facts::is_timeout(response.catalogue(), response.status())
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
            && !rule.allows_create(idempotency_key.is_sent())
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
    fn keep_polling<C: Catalogue>(
        &self,
        response: &Classified<'_, C>,
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
    fn attempt_limit<C: Catalogue>(
        &self,
        rule: Retry,
        operation: Operation,
        response: &Classified<'_, C>,
    ) -> u32 {
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

/// Whether the caller canceled: the status's, the code's or the task
/// `error_type`'s category is one whose `stop` is `user_canceled`.
fn is_user_cancel<C: Catalogue>(response: &Classified<'_, C>) -> bool {
    let catalogue = response.catalogue();
    let canceled = |category| catalogue.category_stop(category) == StopAction::UserCanceled;
    let status = catalogue
        .status(response.status().as_u16())
        .and_then(|status| catalogue.status_category(status));
    let code = response.code().map(|code| catalogue.code_category(code));
    let error_type = response
        .known_error_type()
        .map(|error_type| catalogue.code_category(catalogue.error_type_code(error_type)));
    [status, code, error_type]
        .into_iter()
        .flatten()
        .any(canceled)
}

/// Whether the failure was a timeout: its status, or its code's, is one the
/// catalogue marks `timeout`. A retry after it costs a budget more (AWS).
fn is_timeout<C: Catalogue>(response: &Classified<'_, C>) -> bool {
    let catalogue = response.catalogue();
    status_facts::is_timeout(catalogue, response.status())
        || response
            .code()
            .is_some_and(|code| status_facts::is_timeout(catalogue, catalogue.code_status(code)))
}

/// Why retrying cannot help, from the category of the code, else of the
/// status (both the catalogue's).
fn stop_reason<C: Catalogue>(response: &Classified<'_, C>) -> StopReason {
    let catalogue = response.catalogue();
    let category = match response.code() {
        Some(code) => Some(catalogue.code_category(code)),
        None => status_facts::category(catalogue, response.status()),
    };
    category.map_or(StopReason::FixRequest, |category| {
        stop_reason_of(catalogue.category_stop(category))
    })
}

/// What a caller must do when it stops, as a [`StopReason`].
pub(crate) fn stop_reason_of(stop: StopAction) -> StopReason {
    match stop {
        StopAction::FixRequest => StopReason::FixRequest,
        StopAction::FixCredentials => StopReason::FixCredentials,
        StopAction::NotPermitted => StopReason::NotPermitted,
        StopAction::FixBilling => StopReason::FixBilling,
        StopAction::NotSupported => StopReason::NotSupported,
        StopAction::UserCanceled => StopReason::UserCanceled,
    }
}
