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
pub use vocabulary::{Decision, IdempotencyKey, Jitter, Operation, StopReason, TransportFailure};
