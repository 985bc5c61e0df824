//! The policy's own random numbers, for jitter: a xorshift64* generator
//! whose state is shared by clones, seeded per process unless a test fixes
//! the seed.

use std::hash::{BuildHasher, RandomState};
use std::sync::atomic::Ordering;
use std::time::Duration;

use super::policy::RetryPolicy;

impl RetryPolicy {
    /// The next output of the policy's xorshift64* generator.
    pub(super) fn next_u64(&self) -> u64 {
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
    pub(super) fn next_random(&self) -> f64 {
        // The top 53 bits make an evenly spread f64; both casts are exact.
        #[allow(clippy::cast_precision_loss)]
        let fraction = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        fraction
    }
}

/// Any fixed non-zero seed: xorshift stays at zero forever from zero.
pub(super) const DEFAULT_SEED: u64 = 0x9E37_79B9_7F4A_7C15;

pub(super) fn nonzero_seed(seed: u64) -> u64 {
    if seed == 0 { DEFAULT_SEED } else { seed }
}

/// A seed that differs between processes, so that clients that failed
/// together do not jitter alike; std's hasher keys are random per process.
pub(super) fn random_seed() -> u64 {
    nonzero_seed(RandomState::new().hash_one(0u8))
}

/// `duration · factor` for a factor in `[0, 1]`, never more than
/// `duration`: `Duration::mul_f64` panics when float rounding pushes a
/// value near `Duration::MAX` past it.
pub(super) fn scale(duration: Duration, factor: f64) -> Duration {
    Duration::try_from_secs_f64(duration.as_secs_f64() * factor)
        .map_or(duration, |scaled| scaled.min(duration))
}

/// A number from the caller's generator, forced into `[0, 1]`.
pub(super) fn unit(value: f64) -> f64 {
    if value.is_nan() {
        0.0
    } else {
        value.clamp(0.0, 1.0)
    }
}
