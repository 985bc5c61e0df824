//! A retry budget shared by many requests: the AWS SDK's token bucket.

use std::sync::atomic::{AtomicU32, Ordering};

/// A token bucket that bounds how many retries a client makes across all
/// its requests, so a failing upstream does not get its load multiplied.
///
/// The figures are the AWS SDK's standard retry quota: the bucket holds
/// [`RetryBudget::CAPACITY`] tokens, a retry costs
/// [`RetryBudget::RETRY_COST`], a retry after a timeout
/// [`RetryBudget::TIMEOUT_COST`], and each success puts
/// [`RetryBudget::SUCCESS_REFUND`] back. Share it with `Arc` between every
/// [`RetryPolicy`](super::RetryPolicy) of a client.
#[derive(Debug)]
pub struct RetryBudget {
    tokens: AtomicU32,
    capacity: u32,
}

impl RetryBudget {
    /// Tokens in a full bucket.
    pub const CAPACITY: u32 = 500;
    /// What a retry costs.
    pub const RETRY_COST: u32 = 5;
    /// What a retry after a timeout costs.
    pub const TIMEOUT_COST: u32 = 10;
    /// What a success gives back.
    pub const SUCCESS_REFUND: u32 = 1;

    /// A full bucket of [`Self::CAPACITY`] tokens.
    #[must_use]
    pub fn new() -> Self {
        Self::with_capacity(Self::CAPACITY)
    }

    /// A full bucket of `capacity` tokens.
    #[must_use]
    pub fn with_capacity(capacity: u32) -> Self {
        Self {
            tokens: AtomicU32::new(capacity),
            capacity,
        }
    }

    /// Tokens left.
    #[must_use]
    pub fn available(&self) -> u32 {
        self.tokens.load(Ordering::Relaxed)
    }

    /// Tokens in a full bucket.
    #[must_use]
    pub fn capacity(&self) -> u32 {
        self.capacity
    }

    /// Takes `cost` tokens if the bucket holds that many; `false` (and
    /// nothing taken) when it does not.
    pub fn try_acquire(&self, cost: u32) -> bool {
        self.tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |left| {
                left.checked_sub(cost)
            })
            .is_ok()
    }

    /// Puts [`Self::SUCCESS_REFUND`] back after a success, up to the capacity.
    pub fn record_success(&self) {
        self.refund(Self::SUCCESS_REFUND);
    }

    /// Puts `tokens` back, up to the capacity.
    pub fn refund(&self, tokens: u32) {
        let capacity = self.capacity;
        // The closure always returns Some, so the update cannot fail.
        let _ = self
            .tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |left| {
                Some(left.saturating_add(tokens).min(capacity))
            });
    }
}

impl Default for RetryBudget {
    fn default() -> Self {
        Self::new()
    }
}
