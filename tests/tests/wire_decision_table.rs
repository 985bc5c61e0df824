//! The decision tables in the docs of `errors_core::wire` are checked row
//! by row against `RetryPolicy::decide` (default policy), so a catalogue
//! edit that changes a decision fails here until the docs say so.
//!
//! Each cell is one of: `StopReason` in backticks (`FixRequest`), `retry, N`
//! (retried up to N attempts in all), `KeepPolling` or `ResubmitAsync`.

use errors_core::wire::{
    Decision, IdempotencyKey, Operation, RenderDialect, RetryPolicy, StopReason, classify,
    classify_response, render,
};
use errors_core::{Code, Shape};

const DOCS: &str = include_str!("../../runtime/src/wire/mod.rs");

/// The rows of the table whose header starts with `| {first} |`.
fn table(first: &str) -> Vec<Vec<String>> {
    let header = format!("//! | {first} |");
    let mut rows = Vec::new();
    let mut inside = false;
    for line in DOCS.lines() {
        if line.starts_with(&header) {
            inside = true;
            continue;
        }
        if !inside {
            continue;
        }
        let Some(row) = line.strip_prefix("//! |") else {
            break;
        };
        if row.starts_with("---") {
            continue;
        }
        rows.push(
            row.trim_end_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect(),
        );
    }
    assert!(!rows.is_empty(), "no table `{first}` in the wire docs");
    rows
}

const OPERATIONS: [Operation; 4] = [
    Operation::Create {
        idempotency_key: IdempotencyKey::Absent,
    },
    Operation::Create {
        idempotency_key: IdempotencyKey::Sent,
    },
    Operation::StatusPoll,
    Operation::ResultFetch,
];

/// Checks one cell against the decisions for attempts 1, 2, … of `decide`.
fn check(cell: &str, decide: &dyn Fn(u32) -> Decision, what: &str) {
    let cell = cell.split(';').next().unwrap_or_default().trim();
    let first = decide(1);
    if let Some(n) = cell.strip_prefix("retry, ") {
        let n: u32 = n
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{what}: cell `{cell}`"));
        for attempt in 1..n {
            assert!(
                matches!(decide(attempt), Decision::Retry { .. }),
                "{what}: attempt {attempt} of {n} should retry, got {:?}",
                decide(attempt)
            );
        }
        assert_eq!(
            decide(n),
            Decision::Stop {
                reason: StopReason::AttemptsExhausted
            },
            "{what}: after {n} attempts"
        );
        return;
    }
    let name = cell.trim_matches('`');
    let got = match first {
        Decision::Stop { reason } => format!("{reason:?}"),
        Decision::KeepPolling { .. } => "KeepPolling".to_string(),
        other => format!("{other:?}"),
    };
    assert!(
        got.starts_with(name),
        "{what}: the docs say `{name}`, decide says {got}"
    );
}

/// The numbers a status cell names; `other 4xx` and `other 5xx` stand for
/// a status the catalogue does not list.
fn statuses(cell: &str) -> Vec<u16> {
    match cell {
        "other 4xx" => vec![418],
        "other 5xx" => vec![599],
        _ => cell
            .split(',')
            .map(|n| n.trim().parse().unwrap_or_else(|_| panic!("status `{n}`")))
            .collect(),
    }
}

/// The default policy; the tables are its rules with its budget full, so
/// each cell asks a policy of its own (a shared one would run the budget
/// dry over the hundred-odd retries the tables make).
fn policy() -> RetryPolicy {
    RetryPolicy::default()
}

#[test]
fn the_status_table_is_what_decide_does() {
    let headers = http::HeaderMap::new();
    let mut rows = 0;
    for row in table("status") {
        for number in statuses(&row[0]) {
            let status = http::StatusCode::from_u16(number).unwrap_or_default();
            let response = classify(status, &headers, b"");
            for (cell, operation) in row[2..].iter().zip(OPERATIONS) {
                let what = format!("status {number}, {operation:?}");
                let policy = policy();
                check(
                    cell,
                    &|attempt| policy.decide(&response, operation, attempt),
                    &what,
                );
            }
        }
        rows += 1;
    }
    assert!(rows >= 15, "{rows} rows");
}

#[test]
fn the_code_table_is_what_decide_does() {
    let mut codes = 0;
    for row in table("code") {
        for id in row[0].split(',') {
            let id = id.trim().trim_matches('`');
            let code = Code::from_name(id).unwrap_or_else(|| panic!("`{id}` is not a code"));
            // The response a runs service sends for the code, read back.
            let sent = render(
                &code,
                RenderDialect::Shape(Shape::CodeAndMessage),
                Some("req_1"),
            )
            .unwrap_or_default();
            let response = classify_response(&sent);
            assert_eq!(response.code(), Some(code), "{id}");
            for (cell, operation) in row[3..].iter().zip(OPERATIONS) {
                let what = format!("code {id}, {operation:?}");
                let policy = policy();
                check(
                    cell,
                    &|attempt| policy.decide(&response, operation, attempt),
                    &what,
                );
            }
            codes += 1;
        }
    }
    assert_eq!(codes, Code::ALL.len(), "every code has a row");
}
