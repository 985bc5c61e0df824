//! The catalogue's retry decision for [backon](https://docs.rs/backon):
//! [`BackonRetry`] gives the `.when(…)` and `.adjust(…)` hooks of
//! `Retryable::retry` for a user's own error type, and a backoff to pair
//! them with.
//!
//! How long it waits between attempts (`Retry-After`, else the catalogue's
//! rule: backoff from 0.5 s, 60 s for a bare 429, …): see
//! [the integrations](super#how-long-a-retry-waits).
//!
//! The user's error says what happened ([`AttemptError`]): a classified
//! response, or a failure without one. `.when` asks the [`Retrier`] (so
//! the idempotency rule, the attempts and the budget apply); `.adjust`
//! replaces backon's delay with the decision's, which honours
//! `Retry-After` up to the policy's cap.
//!
//! ```
//! # extern crate errors_runtime as errors_core;
//! use errors_core::integrations::backon::{AttemptError, BackonRetry};
//! use errors_core::wire::{Classified, Operation, RetryPolicy, TransportFailure, classify};
//! use backon::Retryable;
//!
//! #[derive(Debug)]
//! enum MyError {
//!     Status(Box<Classified<'static>>),
//!     Refused,
//! }
//!
//! impl AttemptError for MyError {
//!     fn response(&self) -> Option<&Classified<'_>> {
//!         match self {
//!             MyError::Status(response) => Some(response),
//!             MyError::Refused => None,
//!         }
//!     }
//!     fn transport_failure(&self) -> TransportFailure {
//!         TransportFailure::NeverConnected
//!     }
//! }
//!
//! # async fn run() -> Result<(), MyError> {
//! let hooks = BackonRetry::new(RetryPolicy::default(), Operation::Idempotent);
//! let fetch = || async { Ok::<_, MyError>("done") };
//! let answer = fetch
//!     .retry(hooks.backoff())
//!     .sleep(|wait| async move { let _ = wait; /* your runtime's sleep */ })
//!     .when(|error| hooks.when(error))
//!     .adjust(|error, wait| hooks.adjust(error, wait))
//!     .await?;
//! assert_eq!(answer, "done");
//! # Ok(())
//! # }
//! ```

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::Taxonomy;
use crate::wire::trace::Driver;
use crate::wire::{
    Catalogue, Classified, Decision, Operation, Retrier, RetryPolicy, TransportFailure,
};

/// What a failed attempt was, as the user's error type tells it: a
/// response classified with the built-in catalogue, or with `C`.
pub trait AttemptError<C: Catalogue = Taxonomy> {
    /// The classified response, when the server answered.
    fn response(&self) -> Option<&Classified<'_, C>>;

    /// How the request failed when no response came. Asked only when
    /// [`AttemptError::response`] is `None`; when unsure, answer
    /// [`TransportFailure::SentThenFailed`] (ambiguous).
    fn transport_failure(&self) -> TransportFailure;
}

/// backon's `.when` and `.adjust` for one request, deciding with a
/// [`Retrier`]. Clones share the request's state; make one per request.
#[derive(Debug, Clone)]
pub struct BackonRetry {
    state: Arc<Mutex<State>>,
}

#[derive(Debug)]
struct State {
    retrier: Retrier<RetryPolicy>,
    /// The wait `.when` decided, for `.adjust` to return.
    wait: Option<Duration>,
}

impl BackonRetry {
    /// Hooks for one request of `operation`, following `policy`.
    #[must_use]
    pub fn new(policy: RetryPolicy, operation: Operation) -> Self {
        Self::with_retrier(Retrier::new(policy, operation))
    }

    /// Hooks deciding with `retrier` (a deadline set on it is kept).
    #[must_use]
    pub fn with_retrier(retrier: Retrier<RetryPolicy>) -> Self {
        Self {
            state: Arc::new(Mutex::new(State {
                retrier: retrier.driven_by(Driver::Backon, None),
                wait: None,
            })),
        }
    }

    /// A backoff for `.retry(…)` that never runs out by itself: the
    /// policy's attempts bound the retries, through `.when`, and `.adjust`
    /// sets each delay.
    #[must_use]
    pub fn backoff(&self) -> ::backon::ConstantBuilder {
        ::backon::ConstantBuilder::default()
            .with_delay(Duration::ZERO)
            .without_max_times()
    }

    /// For `.when(…)`: whether to retry after `error`. Counts the attempt
    /// and keeps the decision's wait for [`BackonRetry::adjust`].
    pub fn when<C: Catalogue, E: AttemptError<C>>(&self, error: &E) -> bool {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let now = Instant::now();
        let next = match error.response() {
            Some(response) => state.retrier.on_response(response, now),
            None => state
                .retrier
                .on_transport_failure(error.transport_failure(), now),
        };
        state.wait = match next {
            Decision::Retry { after } => Some(after),
            _ => None,
        };
        state.wait.is_some()
    }

    /// For `.adjust(…)`: the decision's wait in place of backon's; `None`
    /// (stop) when `.when` did not decide to retry.
    pub fn adjust<E>(&self, _error: &E, _backon_wait: Option<Duration>) -> Option<Duration> {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.wait.take()
    }

    /// Attempts made so far.
    #[must_use]
    pub fn attempts(&self) -> u32 {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .retrier
            .attempts()
    }
}
