//! The retry side of the wire: `Retry-After` in every form, the policy
//! builder's checks, transport failures decided like responses, and the
//! sans-IO `Retrier` (attempts, deadline, budget).

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use errors_core::Source;
use errors_core::wire::{
    Decision, IdempotencyKey, InvalidRetryPolicy, Jitter, Operation, Retrier, RetryBudget,
    RetryPolicy, StopReason, TransportFailure, classify, classify_from,
};
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};

fn now() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000)
}

fn policy() -> RetryPolicy {
    RetryPolicy::builder().seed(7).build().unwrap()
}

/// The policy's first backoff with the random number fixed at 0.5: 500 ms
/// shortened by 0.25 × 0.5.
const FIRST_BACKOFF: Duration = Duration::from_micros(437_500);

fn decide(status: u16, headers: &[(&str, String)], operation: Operation) -> Decision {
    decide_from(None, status, headers, operation)
}

/// As [`decide`], for a response the caller knows `source` sent.
fn decide_from(
    source: Option<Source>,
    status: u16,
    headers: &[(&str, String)],
    operation: Operation,
) -> Decision {
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        map.append(
            HeaderName::from_bytes(name.as_bytes()).unwrap(),
            HeaderValue::from_str(value).unwrap(),
        );
    }
    let status = StatusCode::from_u16(status).unwrap();
    let response = match source {
        Some(source) => classify_from(source, status, &map, b""),
        None => classify(status, &map, b""),
    };
    policy().decide_with(&response, operation, 1, now(), &mut || 0.5)
}

/// The runs API documents its own wait for a 503 (001: 30-60 s), which
/// holds for its responses and no other source's; a server's Retry-After
/// still wins.
#[test]
fn a_503_waits_what_its_source_documents() {
    let create = Operation::Create {
        idempotency_key: IdempotencyKey::Sent,
    };
    let secs = Duration::from_secs;
    let from_runs =
        |headers: &[(&str, String)]| decide_from(Some(Source::Runs), 503, headers, create);
    // Jitter 0.5 → the middle of 30–60 s.
    assert_eq!(from_runs(&[]), Decision::Retry { after: secs(45) });
    assert_eq!(
        from_runs(&[("retry-after", "later".into())]),
        Decision::Retry { after: secs(45) }
    );
    assert_eq!(
        from_runs(&[("retry-after", "2".into())]),
        Decision::Retry { after: secs(2) }
    );
    for source in [
        None,
        Some(Source::Queue),
        Some(Source::Agnes),
        Some(Source::Eachlabs),
    ] {
        assert_eq!(
            decide_from(source, 503, &[], create),
            Decision::Retry {
                after: FIRST_BACKOFF
            },
            "{source:?}"
        );
    }
}

fn date(offset_secs: i64) -> String {
    let moment = if offset_secs >= 0 {
        now() + Duration::from_secs(offset_secs.unsigned_abs())
    } else {
        now() - Duration::from_secs(offset_secs.unsigned_abs())
    };
    httpdate::fmt_http_date(moment)
}

/// What, status, headers, the decision wanted.
type Row = (&'static str, u16, Vec<(&'static str, String)>, Decision);

#[test]
fn retry_after_in_every_form() {
    let create = Operation::Create {
        idempotency_key: IdempotencyKey::Absent,
    };
    let retry = |after| Decision::Retry { after };
    let cap = |wait| Decision::Stop {
        reason: StopReason::WaitLongerThanCap { wait },
    };
    let secs = Duration::from_secs;
    let millis = Duration::from_millis;
    // (what, status, headers, decision)
    let table: Vec<Row> = vec![
        (
            "no header: the rule's fallback",
            429,
            vec![],
            retry(secs(60)),
        ),
        (
            "0 means now: the first backoff, jittered",
            429,
            vec![("retry-after", "0".into())],
            retry(FIRST_BACKOFF),
        ),
        (
            "0.0 means now too",
            429,
            vec![("retry-after", "0.0".into())],
            retry(FIRST_BACKOFF),
        ),
        (
            "whole seconds",
            429,
            vec![("retry-after", "1".into())],
            retry(secs(1)),
        ),
        (
            "a fraction of a second",
            429,
            vec![("retry-after", "0.25".into())],
            retry(millis(250)),
        ),
        (
            "a fraction with whole seconds",
            429,
            vec![("retry-after", "1.5".into())],
            retry(millis(1500)),
        ),
        (
            "spaces around the number",
            429,
            vec![("retry-after", " 3 ".into())],
            retry(secs(3)),
        ),
        (
            "retry-after-ms",
            429,
            vec![("retry-after-ms", "250".into())],
            retry(millis(250)),
        ),
        (
            "retry-after-ms with a fraction",
            429,
            vec![("retry-after-ms", "12.5".into())],
            retry(Duration::from_micros(12_500)),
        ),
        (
            "retry-after-ms 0 means now",
            429,
            vec![("retry-after-ms", "0".into())],
            retry(FIRST_BACKOFF),
        ),
        (
            "retry-after-ms outranks retry-after",
            429,
            vec![
                ("retry-after", "9".into()),
                ("retry-after-ms", "100".into()),
            ],
            retry(millis(100)),
        ),
        (
            "a date ahead",
            429,
            vec![("retry-after", date(30))],
            retry(secs(30)),
        ),
        (
            "a date past means now",
            429,
            vec![("retry-after", date(-30))],
            retry(FIRST_BACKOFF),
        ),
        (
            "the date now means now",
            429,
            vec![("retry-after", date(0))],
            retry(FIRST_BACKOFF),
        ),
        (
            "garbage: the rule's fallback",
            429,
            vec![("retry-after", "soon".into())],
            retry(secs(60)),
        ),
        (
            "negative: the rule's fallback",
            429,
            vec![("retry-after", "-1".into())],
            retry(secs(60)),
        ),
        (
            "an exponent: the rule's fallback",
            429,
            vec![("retry-after", "1e3".into())],
            retry(secs(60)),
        ),
        (
            "garbage ms beside a good header",
            429,
            vec![("retry-after-ms", "x".into()), ("retry-after", "2".into())],
            retry(secs(2)),
        ),
        (
            "at the cap",
            429,
            vec![("retry-after", "120".into())],
            retry(secs(120)),
        ),
        (
            "above the cap stops",
            429,
            vec![("retry-after", "121".into())],
            cap(secs(121)),
        ),
        (
            "a date above the cap stops",
            429,
            vec![("retry-after", date(600))],
            cap(secs(600)),
        ),
        (
            "huge stops, never overflows",
            429,
            vec![("retry-after", "99999999999999999999".into())],
            cap(Duration::MAX),
        ),
        // 503 from a source that gives no wait (an unknown one here):
        // backoff when the header is missing or malformed.
        (
            "503 without header: backoff",
            503,
            vec![],
            retry(FIRST_BACKOFF),
        ),
        (
            "503 garbage: backoff",
            503,
            vec![("retry-after", "later".into())],
            retry(FIRST_BACKOFF),
        ),
        (
            "503 with 0: now",
            503,
            vec![("retry-after", "0".into())],
            retry(FIRST_BACKOFF),
        ),
        (
            "503 with 1",
            503,
            vec![("retry-after", "1".into())],
            retry(secs(1)),
        ),
    ];
    let mut failures = Vec::new();
    for (what, status, headers, want) in &table {
        let got = decide(*status, headers, create);
        if got != *want {
            failures.push(format!("{what}: got {got:?}, want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_pending_answer_with_retry_after_zero_polls_at_the_interval() {
    let mut map = HeaderMap::new();
    map.insert("retry-after", HeaderValue::from_static("0"));
    let pending = classify(StatusCode::ACCEPTED, &map, b"");
    let decision = policy().decide_with(&pending, Operation::StatusPoll, 1, now(), &mut || 0.5);
    assert_eq!(
        decision,
        Decision::KeepPolling {
            after: policy().poll_interval()
        }
    );
}

#[test]
fn the_builder_refuses_what_cannot_work_and_says_why() {
    let refused = [
        (
            RetryPolicy::builder()
                .jitter(Jitter::Bounded(f64::NAN))
                .build(),
            "jitter",
        ),
        (
            RetryPolicy::builder().jitter(Jitter::Bounded(1.5)).build(),
            "jitter",
        ),
        (
            RetryPolicy::builder().jitter(Jitter::Bounded(-0.1)).build(),
            "jitter",
        ),
        (
            RetryPolicy::builder().max_attempts(0).build(),
            "max_attempts",
        ),
        (
            RetryPolicy::builder().poll_max_attempts(0).build(),
            "poll_max_attempts",
        ),
        (
            RetryPolicy::builder()
                .base(Duration::from_secs(2))
                .cap(Duration::from_secs(1))
                .build(),
            "cap",
        ),
        (
            RetryPolicy::builder().poll_interval(Duration::ZERO).build(),
            "poll interval",
        ),
    ];
    for (result, mentions) in refused {
        let error = result.expect_err(mentions);
        let message = error.to_string();
        assert!(message.contains(mentions), "{message}");
        let _: &dyn std::error::Error = &error;
    }
    assert!(matches!(
        RetryPolicy::builder()
            .jitter(Jitter::Bounded(f64::NAN))
            .build(),
        Err(InvalidRetryPolicy::Jitter { .. })
    ));
    // The edges are fine.
    for jitter in [
        Jitter::Bounded(0.0),
        Jitter::Bounded(1.0),
        Jitter::Full,
        Jitter::None,
    ] {
        assert!(RetryPolicy::builder().jitter(jitter).build().is_ok());
    }
    let equal = RetryPolicy::builder()
        .base(Duration::from_secs(1))
        .cap(Duration::from_secs(1))
        .build()
        .unwrap();
    assert_eq!(equal.backoff(5), Duration::from_secs(1));
}

#[test]
fn decisions_read_as_people_say_waits_and_as_words_for_programs() {
    let retry = |millis| Decision::Retry {
        after: Duration::from_millis(millis),
    };
    for (millis, words) in [
        (448, "retry after 448 ms"),
        (1_000, "retry after 1 s"),
        (1_500, "retry after 1.5 s"),
        (12_000, "retry after 12 s"),
        (59_940, "retry after 59.9 s"),
        (60_000, "retry after 1 min"),
        (125_000, "retry after 2 min 5 s"),
    ] {
        assert_eq!(retry(millis).to_string(), words);
    }
    assert_eq!(retry(5).action(), "retry");
    let stop = Decision::Stop {
        reason: StopReason::BudgetExhausted,
    };
    assert_eq!(stop.action(), "stop");
    assert_eq!(
        stop.stop_reason().map(StopReason::as_str),
        Some("budget_exhausted")
    );
    assert_eq!(retry(5).stop_reason(), None);
}

#[test]
fn the_default_policy_is_the_builders() {
    let default = RetryPolicy::default();
    let built = RetryPolicy::builder().build().unwrap();
    assert_eq!(default.max_attempts(), built.max_attempts());
    assert_eq!(default.poll_max_attempts(), 5);
    assert_eq!(default.base(), Duration::from_millis(500));
    assert_eq!(default.cap(), Duration::from_secs(8));
    assert_eq!(default.jitter(), Jitter::Bounded(0.25));
    assert_eq!(default.max_retry_after(), Duration::from_secs(120));
    // A retry budget is on by default, a full one of the AWS SDK's size,
    // one per policy (shared by its clones), and can be turned off.
    let budget = default.budget().expect("a budget by default");
    assert_eq!(budget.available(), RetryBudget::CAPACITY);
    assert!(built.budget().is_some());
    assert!(!Arc::ptr_eq(budget, built.budget().unwrap()));
    assert!(Arc::ptr_eq(budget, default.clone().budget().unwrap()));
    let off = RetryPolicy::builder().without_budget().build().unwrap();
    assert!(off.budget().is_none());
}

#[test]
fn transport_failures_say_how_and_only_unsent_creates_repeat_unkeyed() {
    let policy = policy();
    let unkeyed = Operation::Create {
        idempotency_key: IdempotencyKey::Absent,
    };
    let keyed = Operation::Create {
        idempotency_key: IdempotencyKey::Sent,
    };
    let decide =
        |failure, operation| policy.decide_transport_with(failure, operation, 1, &mut || 0.5);
    assert_eq!(
        decide(TransportFailure::NeverConnected, unkeyed),
        Decision::Retry {
            after: FIRST_BACKOFF
        }
    );
    for ambiguous in [
        TransportFailure::SentThenTimedOut,
        TransportFailure::SentThenFailed,
    ] {
        assert_eq!(
            decide(ambiguous, unkeyed),
            Decision::Stop {
                reason: StopReason::NotIdempotent
            }
        );
        for operation in [
            keyed,
            Operation::StatusPoll,
            Operation::Idempotent,
            Operation::Cancel,
        ] {
            assert_eq!(
                decide(ambiguous, operation),
                Decision::Retry {
                    after: FIRST_BACKOFF
                },
                "{ambiguous:?} {operation:?}"
            );
        }
    }
    // Attempts run out as for a response.
    assert_eq!(
        policy.decide_transport_with(TransportFailure::NeverConnected, keyed, 3, &mut || 0.5),
        Decision::Stop {
            reason: StopReason::AttemptsExhausted
        }
    );
}

#[test]
fn a_transport_failure_and_a_response_wait_the_same_jittered_backoff() {
    let policy = policy();
    let response = classify(StatusCode::BAD_GATEWAY, &HeaderMap::new(), b"");
    for (attempt, random) in [(1, 0.0), (1, 0.99), (2, 0.3), (2, 0.7)] {
        let by_response = policy.decide_with(
            &response,
            Operation::Idempotent,
            attempt,
            now(),
            &mut || random,
        );
        let by_failure = policy.decide_transport_with(
            TransportFailure::SentThenFailed,
            Operation::Idempotent,
            attempt,
            &mut || random,
        );
        assert_eq!(
            by_response, by_failure,
            "attempt {attempt}, random {random}"
        );
    }
    // And the jitter spreads them: two draws, two waits.
    let low = policy.decide_transport_with(
        TransportFailure::NeverConnected,
        Operation::Idempotent,
        1,
        &mut || 0.0,
    );
    let high = policy.decide_transport_with(
        TransportFailure::NeverConnected,
        Operation::Idempotent,
        1,
        &mut || 0.99,
    );
    assert_ne!(low, high);
}

#[test]
fn the_retrier_counts_attempts_as_made() {
    let policy = RetryPolicy::builder().max_attempts(3).build().unwrap();
    let mut retrier = Retrier::new(&policy, Operation::Idempotent);
    let failing = classify(StatusCode::BAD_GATEWAY, &HeaderMap::new(), b"");
    let start = Instant::now();
    assert!(matches!(
        retrier.on_response(&failing, start),
        Decision::Retry { .. }
    ));
    assert!(matches!(
        retrier.on_transport_failure(TransportFailure::SentThenFailed, start),
        Decision::Retry { .. }
    ));
    assert_eq!(
        retrier.on_response(&failing, start),
        Decision::Stop {
            reason: StopReason::AttemptsExhausted
        }
    );
    assert_eq!(retrier.attempts(), 3);
    let ok = classify(StatusCode::OK, &HeaderMap::new(), b"{}");
    let mut retrier = Retrier::new(&policy, Operation::Idempotent);
    assert_eq!(
        retrier.on_response(&ok, start),
        Decision::Stop {
            reason: StopReason::NotAnError
        }
    );
}

#[test]
fn the_retrier_never_waits_past_its_deadline() {
    let policy = policy();
    let start = Instant::now();
    let mut headers = HeaderMap::new();
    headers.insert("retry-after", HeaderValue::from_static("2"));
    let limited = classify(StatusCode::TOO_MANY_REQUESTS, &headers, b"");
    let mut retrier =
        Retrier::new(&policy, Operation::Idempotent).with_deadline(start + Duration::from_secs(1));
    assert_eq!(
        retrier.on_response(&limited, start),
        Decision::Stop {
            reason: StopReason::OutOfTime
        }
    );
    assert!(retrier.allows_wait(Duration::from_millis(999), start));
    assert!(!retrier.allows_wait(Duration::from_millis(1001), start));
    assert_eq!(
        retrier.remaining(start + Duration::from_secs(5)),
        Some(Duration::ZERO)
    );
    let mut roomy =
        Retrier::new(&policy, Operation::Idempotent).with_deadline(start + Duration::from_secs(3));
    assert_eq!(
        roomy.on_response(&limited, start),
        Decision::Retry {
            after: Duration::from_secs(2)
        }
    );
}

#[test]
fn the_retrier_spends_the_shared_budget() {
    let budget = Arc::new(RetryBudget::with_capacity(10));
    let policy = RetryPolicy::builder()
        .budget(Arc::clone(&budget))
        .build()
        .unwrap();
    let failing = classify(StatusCode::BAD_GATEWAY, &HeaderMap::new(), b"");
    let start = Instant::now();
    let mut first = Retrier::new(&policy, Operation::Idempotent);
    let mut second = Retrier::new(&policy, Operation::Idempotent);
    assert!(matches!(
        first.on_response(&failing, start),
        Decision::Retry { .. }
    ));
    assert!(matches!(
        second.on_response(&failing, start),
        Decision::Retry { .. }
    ));
    assert_eq!(budget.available(), 0);
    let mut third = Retrier::new(&policy, Operation::Idempotent);
    assert_eq!(
        third.on_response(&failing, start),
        Decision::Stop {
            reason: StopReason::BudgetExhausted
        }
    );
    // A timeout costs twice as much, whether a response or a failure says so.
    budget.refund(10);
    let mut timed_out = Retrier::new(&policy, Operation::Idempotent);
    assert!(matches!(
        timed_out.on_transport_failure(TransportFailure::SentThenTimedOut, start),
        Decision::Retry { .. }
    ));
    assert_eq!(budget.available(), 0);
}
