//! From a [`Classified`] response, or a transport failure, to what the
//! client does next, for one request.
//!
//! Cut by job, as tower's `retry/` is: the vocabulary of a decision
//! ([`vocabulary`]: operations, failures, decisions, stop reasons), the
//! policy and its validating builder ([`policy`]), the decision itself
//! ([`algorithm`]), and the policy's random numbers for jitter ([`jitter`]).
//! The budget is [`super::budget`]; the stateful driver is
//! [`super::retrier`].

mod algorithm;
mod jitter;
mod policy;
mod vocabulary;

pub use policy::{InvalidRetryPolicy, RetryPolicy, RetryPolicyBuilder};
pub use vocabulary::{Decision, Jitter, Operation, StopReason, TransportFailure};

use super::classify::Classified;

/// [`RetryPolicy::decide`] with the default policy.
#[must_use]
pub fn decide(response: &Classified<'_>, operation: Operation, attempt: u32) -> Decision {
    RetryPolicy::default().decide(response, operation, attempt)
}
