//! Which requests may be repeated after an ambiguous failure.
//!
//! RFC 9110 §9.2.2: a client should not repeat a request that is not
//! idempotent unless it knows the repeat is safe. A request is idempotent
//! by its method (`GET`, `HEAD`, `OPTIONS`, `TRACE`, `PUT`, `DELETE`), or
//! because it carries an idempotency key, with which the server answers a
//! repeat with the first request's result (Stripe's clients send one with
//! every `POST` they retry).

use std::hash::{BuildHasher, RandomState};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use http::{HeaderMap, HeaderName, HeaderValue, Method};

use crate::wire::Operation;

/// The header that carries an idempotency key. The default,
/// `Idempotency-Key`, is our choice: it is the IETF draft's name
/// (`draft-ietf-httpapi-idempotency-key-header`) and the one Stripe uses;
/// 001 mentions idempotency keys without naming the header, and the queue
/// documents none.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IdempotencyKeyHeader(HeaderName);

impl IdempotencyKeyHeader {
    /// The header named `name`.
    #[must_use]
    pub fn new(name: HeaderName) -> Self {
        Self(name)
    }

    /// Its name.
    #[must_use]
    pub fn name(&self) -> &HeaderName {
        &self.0
    }

    /// Whether `headers` carry a non-empty key.
    #[must_use]
    pub fn is_in(&self, headers: &HeaderMap) -> bool {
        headers
            .get(&self.0)
            .is_some_and(|value| !value.as_bytes().trim_ascii().is_empty())
    }

    /// The [`Operation`] of a request with `method` and `headers`: what
    /// the retry policy needs to know to keep a non-idempotent request
    /// from being repeated.
    #[must_use]
    pub fn operation(&self, method: &Method, headers: &HeaderMap) -> Operation {
        let key = if self.is_in(headers) {
            crate::wire::IdempotencyKey::Sent
        } else {
            crate::wire::IdempotencyKey::Absent
        };
        Operation::from_method(method, key)
    }
}

impl Default for IdempotencyKeyHeader {
    fn default() -> Self {
        Self(HeaderName::from_static("idempotency-key"))
    }
}

/// A fresh idempotency key: 128 random bits in hex. Random per process
/// (std's hasher keys), the clock and a counter, so two keys of one
/// process never repeat and two processes do not collide.
#[must_use]
pub fn new_key() -> HeaderValue {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_nanos());
    let state = RandomState::new();
    let high = state.hash_one((count, nanos, 1u8));
    let low = state.hash_one((nanos, count, 2u8));
    let text = format!("{high:016x}{low:016x}");
    // Hex digits are always a valid header value.
    HeaderValue::from_str(&text).unwrap_or(HeaderValue::from_static("0"))
}
