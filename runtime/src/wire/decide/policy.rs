//! The policy: its figures, the builder that validates them, and the
//! accessors; what it decides is [`super::algorithm`].

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;
use std::time::Duration;

use super::jitter::{nonzero_seed, random_seed};
use super::vocabulary::Jitter;
use crate::wire::budget::RetryBudget;

/// How a client retries: attempts, backoff, jitter, caps and a retry
/// budget shared across requests. Made by [`RetryPolicy::builder`], which
/// validates; [`RetryPolicy::default`] is the builder's defaults.
///
/// The budget is on by default: a policy (and its clones, and every
/// request of a client built with it) shares one [`RetryBudget`], so that
/// when an upstream fails every request, the fleet's retries stop once the
/// bucket is empty instead of multiplying the load (measured in
/// BENCHMARKS.md, "Retries in an outage": about 2.3 requests per logical
/// request without it, 1.0 with it; no lower completion under one failure
/// in five). Size it with [`RetryPolicyBuilder::budget`], or turn it off with
/// [`RetryPolicyBuilder::without_budget`].
///
/// The defaults follow the documents and, where they are silent, the most
/// trusted clients (see the [module docs](crate::wire) for the table).
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
    pub(super) settings: Settings,
    pub(super) budget: Option<Arc<RetryBudget>>,
    pub(super) rng: AtomicU64,
}

/// The figures of a policy, as the builder holds them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Settings {
    pub(super) max_attempts: u32,
    pub(super) poll_max_attempts: u32,
    pub(super) base: Duration,
    pub(super) cap: Duration,
    pub(super) jitter: Jitter,
    pub(super) max_retry_after: Duration,
    pub(super) poll_interval: Duration,
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

    /// Shares `budget` with this policy (and its clones), in place of the
    /// fresh [`RetryBudget::new`] the builder starts with: to size it, or
    /// to share one bucket between several policies of a client.
    pub fn budget(mut self, budget: Arc<RetryBudget>) -> Self {
        self.budget = Some(budget);
        self
    }

    /// No retry budget: every retry the rules allow is made, however many
    /// requests fail at once. For a client that sends one request at a time
    /// (a tool, a test); a fleet should keep the budget.
    pub fn without_budget(mut self) -> Self {
        self.budget = None;
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
            budget: Some(Arc::new(RetryBudget::new())),
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
}

impl Default for RetryPolicy {
    /// The builder's defaults, which are valid.
    fn default() -> Self {
        Self {
            settings: Settings::default(),
            budget: Some(Arc::new(RetryBudget::new())),
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
