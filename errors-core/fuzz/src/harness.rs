//! What each fuzz target does with its input, shared with the seed
//! regression test of the workspace (`tests/tests/fuzz_seeds.rs`), which
//! feeds every seed through these same functions.
//!
//! Input formats (the seeds are written in them):
//! - `classify`: two bytes of status, then header lines `name: value`
//!   ending at an empty line, then the body.
//! - `headers`: header lines only.
//! - `retry_after`: one header value.

use std::time::{Duration, SystemTime};

use errors_core::wire::{
    IdempotencyKey, Operation, ResponseHeaders, RetryAfter, RetryPolicy, TransportFailure, classify,
};
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};

/// Splits `data` into a status, a header map and a body.
pub fn split(data: &[u8]) -> (StatusCode, HeaderMap, &[u8]) {
    let (status, rest) = match data {
        [high, low, rest @ ..] => (u16::from_be_bytes([*high, *low]), rest),
        _ => (500, data),
    };
    let status = StatusCode::from_u16(100 + status % 900).unwrap_or(StatusCode::OK);
    let (head, body) = match find(rest, b"\n\n") {
        Some(at) => (&rest[..at], &rest[at + 2..]),
        None => (&rest[..0], rest),
    };
    (status, header_map(head), body)
}

/// Header lines `name: value`; a line that is not a valid header is skipped.
pub fn header_map(lines: &[u8]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for line in lines.split(|&byte| byte == b'\n') {
        let Some(colon) = line.iter().position(|&byte| byte == b':') else {
            continue;
        };
        let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(line[..colon].trim_ascii()),
            HeaderValue::from_bytes(line[colon + 1..].trim_ascii()),
        ) else {
            continue;
        };
        map.append(name, value);
    }
    map
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// The `classify` target: classify, then everything a client asks of the result.
pub fn classify_target(data: &[u8]) {
    let (status, headers, body) = split(data);
    let classified = classify(status, &headers, body);
    let _ = classified.user_message();
    let _ = classified.remedies();
    let _ = classified.retry();
    let _ = classified.to_string();
    let policy = RetryPolicy::default();
    for operation in [
        Operation::Create {
            idempotency_key: IdempotencyKey::Absent,
        },
        Operation::StatusPoll,
        Operation::Idempotent,
    ] {
        for attempt in [0, 1, 4, u32::MAX] {
            let _ = policy.decide(&classified, operation, attempt);
        }
    }
    let owned = classified.clone().into_owned();
    assert_eq!(owned, classified, "into_owned keeps every fact");
}

/// The `headers` target: read the headers, then decide on them.
pub fn headers_target(data: &[u8]) {
    let map = header_map(data);
    let headers = ResponseHeaders::read(&map);
    let classified = classify(StatusCode::TOO_MANY_REQUESTS, &map, b"");
    assert_eq!(
        classified.headers(),
        &headers,
        "classify reads the same headers"
    );
    let policy = RetryPolicy::default();
    let decision = policy.decide(&classified, Operation::StatusPoll, 1);
    if let Some(after) = decision.after() {
        assert!(
            after <= policy.max_retry_after(),
            "a wait above the cap: {decision:?}"
        );
    }
    let _ = policy.decide_transport(TransportFailure::SentThenTimedOut, Operation::Idempotent, 1);
}

/// The `retry_after` target: both parsers, and the delay from any moment.
pub fn retry_after_target(data: &[u8]) {
    for parsed in [RetryAfter::parse(data), RetryAfter::parse_millis(data)]
        .into_iter()
        .flatten()
    {
        for now in [
            SystemTime::UNIX_EPOCH,
            SystemTime::now(),
            SystemTime::UNIX_EPOCH + Duration::from_secs(u64::from(u32::MAX)),
        ] {
            let _ = parsed.delay_from(now);
        }
    }
}
