//! The response headers that matter for an error: `Retry-After` (and
//! `retry-after-ms`), the request id, the rate-limit headers, and the
//! explicit server signals `x-should-retry` and
//! `x-fal-request-timeout-type`.

use std::time::{Duration, SystemTime};

use crate::Taxonomy;
use crate::wire::Catalogue;
use crate::wire::shape::HeaderMeaning;

/// When the server asks the client to come back, as it said it.
///
/// `Retry-After` is either delay-seconds or an HTTP-date (RFC 9110
/// §10.2.3); `retry-after-ms` (the `OpenAI` client's header) is milliseconds.
/// A fractional number of seconds is tolerated, as the `OpenAI` client does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RetryAfter {
    /// Wait this long from when the response arrived.
    Delay(Duration),
    /// Wait until this moment.
    At(SystemTime),
}

impl RetryAfter {
    /// Reads a `Retry-After` value: delay-seconds (a fraction tolerated) or
    /// an HTTP-date. `None` for anything else (negative, garbage, not UTF-8).
    #[must_use]
    pub fn parse(value: &[u8]) -> Option<Self> {
        // Whole seconds, the usual form, without a float parse: up to 19
        // digits always fit a `u64`.
        if let Some(seconds) = whole(value.trim_ascii(), 19) {
            return Some(Self::Delay(Duration::from_secs(seconds)));
        }
        let text = std::str::from_utf8(value).ok()?.trim_ascii();
        // Longer whole numbers, while they fit.
        if let Ok(seconds) = text.parse::<u64>()
            && text.bytes().all(|byte| byte.is_ascii_digit())
        {
            return Some(Self::Delay(Duration::from_secs(seconds)));
        }
        if let Some(seconds) = decimal(text) {
            return Some(Self::Delay(saturating_secs(seconds)));
        }
        httpdate::parse_http_date(text).ok().map(Self::At)
    }

    /// Reads a `retry-after-ms` value: milliseconds, a fraction tolerated.
    #[must_use]
    pub fn parse_millis(value: &[u8]) -> Option<Self> {
        let text = value.trim_ascii();
        // Whole milliseconds, the usual form, without a float parse: up to
        // nine digits the float's rounding lands on the same nanosecond
        // (checked for every such number).
        if let Some(millis) = whole(text, 9) {
            return Some(Self::Delay(Duration::from_millis(millis)));
        }
        let millis = decimal(std::str::from_utf8(text).ok()?)?;
        Some(Self::Delay(saturating_secs(millis / 1000.0)))
    }

    /// How long to wait, counted from `now`; an HTTP-date in the past gives zero.
    #[must_use]
    pub fn delay_from(self, now: SystemTime) -> Duration {
        match self {
            Self::Delay(delay) => delay,
            Self::At(moment) => moment.duration_since(now).unwrap_or(Duration::ZERO),
        }
    }
}

/// `text` as a whole number when it is 1 to `digits` ASCII digits (at most
/// 19, which always fit a `u64`).
fn whole(text: &[u8], digits: usize) -> Option<u64> {
    if text.is_empty() || text.len() > digits || !text.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(
        text.iter()
            .fold(0, |number, digit| number * 10 + u64::from(digit - b'0')),
    )
}

/// A non-negative number of seconds as a `Duration`; one too large for it
/// (or for `f64`) is as good as forever, not garbage: the server asked for
/// a very long wait, and the cap turns that into "do not retry".
fn saturating_secs(seconds: f64) -> Duration {
    Duration::try_from_secs_f64(seconds).unwrap_or(Duration::MAX)
}

/// A non-negative decimal number of digits and at most one dot; `None` for
/// anything else (signs, exponents, `inf`, `NaN` are refused, which
/// `f64::from_str` alone would accept).
fn decimal(text: &str) -> Option<f64> {
    let mut dots = 0;
    let mut digits = 0;
    for byte in text.bytes() {
        match byte {
            b'0'..=b'9' => digits += 1,
            b'.' => dots += 1,
            _ => return None,
        }
    }
    if digits == 0 || dots > 1 {
        return None;
    }
    text.parse().ok()
}

/// When a rate-limit window resets, as the server said it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RateLimitReset {
    /// The window resets this long after the response.
    After(Duration),
    /// The window resets at this moment (the header held a Unix timestamp).
    At(SystemTime),
}

/// The rate-limit headers of a response: `x-ratelimit-limit`,
/// `x-ratelimit-remaining`, `x-ratelimit-reset`, or their IETF-draft
/// spellings `ratelimit-limit`, `ratelimit-remaining`, `ratelimit-reset`.
/// A field is `None` when its header is absent or unreadable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct RateLimit {
    /// Requests allowed in the window.
    pub limit: Option<u64>,
    /// Requests left in the window.
    pub remaining: Option<u64>,
    /// When the window resets.
    pub reset: Option<RateLimitReset>,
}

impl RateLimit {
    /// Whether the response carried none of the headers.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.limit.is_none() && self.remaining.is_none() && self.reset.is_none()
    }
}

/// What a response's headers say about it, owned: a classified response
/// keeps it without borrowing the header map, so the map can be dropped
/// or moved while the classification is kept.
///
/// ```
/// # extern crate errors_runtime as errors_core;
/// use errors_core::wire::{ResponseHeaders, RetryAfter};
///
/// let mut map = http::HeaderMap::new();
/// map.insert("retry-after", http::HeaderValue::from_static("0"));
/// map.insert("x-request-id", http::HeaderValue::from_static("req_1"));
/// let headers = ResponseHeaders::read(&map);
/// assert_eq!(headers.retry_after(), Some(RetryAfter::Delay(std::time::Duration::ZERO)));
/// assert_eq!(headers.request_id(), Some("req_1"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct ResponseHeaders {
    request_id: Option<HeaderText>,
    retry_after: Option<RetryAfter>,
    retry_after_malformed: bool,
    /// Behind a pointer: few responses carry rate-limit headers, and a
    /// classified response is moved whole.
    rate_limit: Option<Box<RateLimit>>,
    should_retry: Option<bool>,
    user_deadline: bool,
}

impl ResponseHeaders {
    /// Reads every header that matters, in one pass over the map. The
    /// first readable value of a header wins.
    #[must_use]
    pub fn read(headers: &http::HeaderMap) -> Self {
        Self::read_with(Taxonomy, headers)
    }

    /// [`ResponseHeaders::read`] with `catalogue`'s header rules and
    /// request-id headers.
    #[must_use]
    pub fn read_with(catalogue: impl Catalogue, headers: &http::HeaderMap) -> Self {
        let mut facts = Self::default();
        scan(catalogue, headers, &mut facts);
        facts
    }

    /// The request id of the first header that carries one, in the
    /// catalogue's order ([`Source::REQUEST_ID_HEADER_NAMES`](crate::Source::REQUEST_ID_HEADER_NAMES): each
    /// source's, then those no source owns).
    #[must_use]
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_ref().map(HeaderText::as_str)
    }

    /// `retry-after-ms`, else `Retry-After`, when readable. A zero delay
    /// or a date in the past is kept: it means "retry now".
    #[must_use]
    pub fn retry_after(&self) -> Option<RetryAfter> {
        self.retry_after
    }

    /// Whether a `Retry-After` or `retry-after-ms` header was present but
    /// unreadable (garbage, a negative number): the rule's fallback applies.
    #[must_use]
    pub fn retry_after_malformed(&self) -> bool {
        self.retry_after_malformed
    }

    /// The rate-limit headers.
    #[must_use]
    pub fn rate_limit(&self) -> RateLimit {
        self.rate_limit.as_deref().copied().unwrap_or_default()
    }

    /// `x-should-retry: true|false`: the server's explicit word, which
    /// outranks the status.
    #[must_use]
    pub fn should_retry(&self) -> Option<bool> {
        self.should_retry
    }

    /// `x-fal-request-timeout-type: user`: the caller's own deadline expired.
    #[must_use]
    pub fn is_user_deadline(&self) -> bool {
        self.user_deadline
    }
}

/// A header's text, owned: short ids (most are) are kept inline, since an
/// allocation per response costs as much as reading a small body.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum HeaderText {
    Inline { len: u8, bytes: [u8; INLINE] },
    Boxed(Box<str>),
}

/// Room for ids like `req_01HXYZ…` and UUIDs without their dashes.
const INLINE: usize = 38;

impl HeaderText {
    fn new(text: &str) -> Self {
        match u8::try_from(text.len()) {
            Ok(len) if text.len() <= INLINE => {
                let mut bytes = [0; INLINE];
                bytes[..text.len()].copy_from_slice(text.as_bytes());
                Self::Inline { len, bytes }
            }
            _ => Self::Boxed(Box::from(text)),
        }
    }

    fn as_str(&self) -> &str {
        match self {
            // Copied from a `&str` whole, so always UTF-8.
            Self::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default()
            }
            Self::Boxed(text) => text,
        }
    }
}

/// Reads every header that matters in one pass over the map into `facts`
/// (a part of the caller's result, written in place rather than moved
/// into it; it must start as `ResponseHeaders::default()`, since only
/// what is found is written), and returns the `Content-Type` for the body reader. One pass
/// rather than a lookup per name: this is on every response's path, and
/// most responses carry few headers.
#[inline]
pub(crate) fn scan<'h>(
    catalogue: impl Catalogue,
    headers: &'h http::HeaderMap,
    facts: &mut ResponseHeaders,
) -> Option<&'h [u8]> {
    if headers.is_empty() {
        return None;
    }
    let mut content_type = None;
    // Rank of the request-id header found so far: a lower rank wins.
    let mut request_id_rank = usize::MAX;
    let mut request_id_value = None;
    let mut retry_after = None;
    let mut retry_after_ms = None;
    let mut rate_limit = RateLimit::default();
    for (name, value) in headers {
        // The two standard names first, compared as `http`'s own tokens
        // (no text compared); every other name as lower-case text, which
        // is how `http` stores it.
        if name == http::header::CONTENT_TYPE {
            if content_type.is_none() {
                content_type = Some(value.as_bytes());
            }
            continue;
        }
        if name == http::header::RETRY_AFTER {
            if retry_after.is_none() {
                retry_after = RetryAfter::parse(value.as_bytes());
                facts.retry_after_malformed |= retry_after.is_none();
            }
            continue;
        }
        let name = name.as_str();
        // Every other header's meaning is the catalogue's (`headers`).
        let Some(rule) = catalogue.header_rule(name) else {
            if let Some(rank) = request_id_rank_of(catalogue, name)
                && rank < request_id_rank
                && let Some(id) = request_id(value)
            {
                request_id_rank = rank;
                request_id_value = Some(id);
            }
            continue;
        };
        match rule.meaning {
            HeaderMeaning::RetryAfterMs => {
                if retry_after_ms.is_none() {
                    retry_after_ms = RetryAfter::parse_millis(value.as_bytes());
                    facts.retry_after_malformed |= retry_after_ms.is_none();
                }
            }
            HeaderMeaning::RateLimitLimit => {
                rate_limit.limit = rate_limit.limit.or_else(|| count(value));
            }
            HeaderMeaning::RateLimitRemaining => {
                rate_limit.remaining = rate_limit.remaining.or_else(|| count(value));
            }
            HeaderMeaning::RateLimitReset => {
                rate_limit.reset = rate_limit.reset.or_else(|| reset(value));
            }
            HeaderMeaning::ShouldRetry => {
                if facts.should_retry.is_none() {
                    facts.should_retry = flag(value);
                }
            }
            HeaderMeaning::UserDeadline => {
                facts.user_deadline |= rule.value.is_some_and(|wanted| {
                    value
                        .as_bytes()
                        .trim_ascii()
                        .eq_ignore_ascii_case(wanted.as_bytes())
                });
            }
        }
    }
    // The `OpenAI` client reads the millisecond header first: it is the more precise.
    if let Some(delay) = retry_after_ms.or(retry_after) {
        facts.retry_after = Some(delay);
        // One readable header is enough; the other's garbage does not matter.
        facts.retry_after_malformed = false;
    }
    // Copied once, after the pass: only the winner is owned.
    if let Some(id) = request_id_value {
        facts.request_id = Some(HeaderText::new(id));
    }
    if !rate_limit.is_empty() {
        facts.rate_limit = Some(Box::new(rate_limit));
    }
    content_type
}

/// Where `name` ranks among the request-id headers: its place in
/// the catalogue's request-id headers (lower-cased by the generator, in
/// the order the catalogue trusts them).
fn request_id_rank_of(catalogue: impl Catalogue, name: &str) -> Option<usize> {
    catalogue
        .request_id_header_names()
        .iter()
        .position(|header| *header == name)
}

/// A request id: visible ASCII (what `http` lets through `to_str`), trimmed, not empty.
fn request_id(value: &http::HeaderValue) -> Option<&str> {
    let id = value.to_str().ok()?.trim_ascii();
    (!id.is_empty()).then_some(id)
}

/// A count: the first item of a possibly listed value (`100, 100;w=60`).
fn count(value: &http::HeaderValue) -> Option<u64> {
    let text = std::str::from_utf8(value.as_bytes()).ok()?;
    let first = text.split([',', ';']).next()?.trim_ascii();
    first.parse().ok()
}

/// Below this, a reset is a number of seconds; at or above, a Unix
/// timestamp (2001-09-09): no window lasts thirty years.
const UNIX_TIMESTAMP_FROM: f64 = 1_000_000_000.0;

/// A reset: seconds (`30`, `1.5`), a Unix timestamp, or a Go-style
/// duration as the `OpenAI` API sends (`1s`, `6m0s`, `20ms`).
fn reset(value: &http::HeaderValue) -> Option<RateLimitReset> {
    let text = std::str::from_utf8(value.as_bytes()).ok()?;
    let first = text.split([',', ';']).next()?.trim_ascii();
    if let Some(seconds) = decimal(first) {
        if seconds >= UNIX_TIMESTAMP_FROM {
            let since_epoch = Duration::try_from_secs_f64(seconds).ok()?;
            return SystemTime::UNIX_EPOCH
                .checked_add(since_epoch)
                .map(RateLimitReset::At);
        }
        return Duration::try_from_secs_f64(seconds)
            .ok()
            .map(RateLimitReset::After);
    }
    go_duration(first).map(RateLimitReset::After)
}

/// `1h2m3.5s`, `6m0s`, `20ms`: numbers each followed by `h`, `m`, `s` or `ms`.
fn go_duration(text: &str) -> Option<Duration> {
    let mut rest = text;
    let mut total = Duration::ZERO;
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let number_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let number = decimal(&rest[..number_len])?;
        rest = &rest[number_len..];
        let (unit_secs, unit_len) = if rest.starts_with("ms") {
            (0.001, 2)
        } else if rest.starts_with('h') {
            (3600.0, 1)
        } else if rest.starts_with('m') {
            (60.0, 1)
        } else if rest.starts_with('s') {
            (1.0, 1)
        } else {
            return None;
        };
        rest = &rest[unit_len..];
        total = total.checked_add(Duration::try_from_secs_f64(number * unit_secs).ok()?)?;
    }
    Some(total)
}

/// `true` or `false`, any case.
fn flag(value: &http::HeaderValue) -> Option<bool> {
    let text = value.as_bytes().trim_ascii();
    if text.eq_ignore_ascii_case(b"true") {
        Some(true)
    } else if text.eq_ignore_ascii_case(b"false") {
        Some(false)
    } else {
        None
    }
}
