//! What the gateway checks before a request reaches the queue: the
//! credential, the per-key rate, and webhook information (000 rejects any).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::http::HeaderMap;
use errors_core::Source;

/// How many requests one key may send per window.
#[derive(Debug, Clone, Copy)]
pub struct RateLimit {
    /// Requests admitted per window, per key.
    pub requests: u32,
    /// The window's length; it starts at a key's first request after the
    /// previous window ended, so a test's window never splits by chance.
    pub window: Duration,
}

impl Default for RateLimit {
    fn default() -> Self {
        Self {
            requests: 100,
            window: Duration::from_secs(1),
        }
    }
}

/// The key a request authenticates with: `Authorization: Bearer <key>` or
/// `Authorization: Key <key>` (the schemes 000's message names). `None`
/// when the header is missing, has another scheme, or no key.
pub fn api_key(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(Source::Queue.auth_header())?.to_str().ok()?;
    let (scheme, key) = value.trim().split_once(' ')?;
    let known = Source::Queue
        .auth_schemes()
        .iter()
        .any(|known| known.eq_ignore_ascii_case(scheme));
    let key = key.trim();
    (known && !key.is_empty() && !key.contains(char::is_whitespace)).then_some(key)
}

/// Whether a header or query parameter names a webhook. 000 rejects
/// "webhook callback information in the request body, query parameters, or
/// request headers" without naming the fields, so any name that mentions a
/// webhook counts (`webhook_url`, `fal_webhook`, `X-Webhook-Url`).
fn names_webhook(name: &str) -> bool {
    name.to_ascii_lowercase().contains("webhook")
}

/// Whether the headers or the query string carry webhook information.
pub fn carries_webhook(headers: &HeaderMap, query: Option<&str>) -> bool {
    let in_headers = headers.keys().any(|name| names_webhook(name.as_str()));
    let in_query = query.is_some_and(|query| {
        query
            .split('&')
            .map(|pair| pair.split_once('=').map_or(pair, |(name, _)| name))
            .any(names_webhook)
    });
    in_headers || in_query
}

/// Whether a create body carries webhook information in a top-level field.
pub fn body_carries_webhook(input: &serde_json::Value) -> bool {
    input
        .as_object()
        .is_some_and(|fields| fields.keys().any(|name| names_webhook(name)))
}

/// Per-key fixed windows.
#[derive(Debug)]
pub struct RateLimiter {
    limit: RateLimit,
    windows: Mutex<HashMap<String, Window>>,
}

#[derive(Debug, Clone, Copy)]
struct Window {
    started: Instant,
    admitted: u32,
}

/// Forget keys whose window has ended once this many are tracked, so a
/// stream of distinct keys cannot grow the map without bound.
const TRACKED_KEYS: usize = 1024;

impl RateLimiter {
    /// A limiter enforcing `limit`.
    pub fn new(limit: RateLimit) -> Self {
        Self {
            limit,
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// Admits one request of `key` at `now`, or says how long until the
    /// key's window ends.
    pub fn admit(&self, key: &str, now: Instant) -> Result<(), Duration> {
        // A poisoned lock only means another request panicked mid-update;
        // the counts are still usable.
        let mut windows = self
            .windows
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let window_len = self.limit.window;
        if windows.len() >= TRACKED_KEYS {
            windows.retain(|_, window| now.duration_since(window.started) < window_len);
        }
        let window = windows.entry(key.to_owned()).or_insert(Window {
            started: now,
            admitted: 0,
        });
        let elapsed = now.duration_since(window.started);
        if elapsed >= window_len {
            *window = Window {
                started: now,
                admitted: 0,
            };
        }
        if window.admitted < self.limit.requests {
            window.admitted += 1;
            Ok(())
        } else {
            Err(window_len.saturating_sub(now.duration_since(window.started)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().unwrap());
        }
        map
    }

    #[test]
    fn accepts_bearer_and_key_schemes_only() {
        assert_eq!(
            api_key(&headers(&[("authorization", "Bearer abc")])),
            Some("abc")
        );
        assert_eq!(
            api_key(&headers(&[("authorization", "Key abc")])),
            Some("abc")
        );
        assert_eq!(
            api_key(&headers(&[("authorization", "key abc")])),
            Some("abc")
        );
        assert_eq!(api_key(&headers(&[("authorization", "Basic abc")])), None);
        assert_eq!(api_key(&headers(&[("authorization", "Bearer ")])), None);
        assert_eq!(api_key(&headers(&[("authorization", "abc")])), None);
        assert_eq!(api_key(&headers(&[])), None);
    }

    #[test]
    fn finds_webhooks_in_headers_query_and_body() {
        assert!(carries_webhook(&headers(&[("x-webhook-url", "h")]), None));
        assert!(carries_webhook(
            &HeaderMap::new(),
            Some("a=1&fal_webhook=h")
        ));
        assert!(carries_webhook(&HeaderMap::new(), Some("webhook_url")));
        assert!(!carries_webhook(&HeaderMap::new(), Some("a=webhook")));
        let body = serde_json::json!({"prompt": "cat", "webhook_url": "h"});
        assert!(body_carries_webhook(&body));
        assert!(!body_carries_webhook(
            &serde_json::json!({"prompt": "webhook"})
        ));
    }

    #[test]
    fn limits_each_key_per_window() {
        let limiter = RateLimiter::new(RateLimit {
            requests: 2,
            window: Duration::from_secs(10),
        });
        let start = Instant::now();
        assert!(limiter.admit("a", start).is_ok());
        assert!(limiter.admit("a", start).is_ok());
        let wait = limiter
            .admit("a", start + Duration::from_secs(4))
            .unwrap_err();
        assert_eq!(wait, Duration::from_secs(6));
        assert!(limiter.admit("b", start).is_ok(), "keys are counted apart");
        assert!(limiter.admit("a", start + Duration::from_secs(10)).is_ok());
    }
}
