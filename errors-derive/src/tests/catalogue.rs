//! Unit tests of `catalogue`.

use crate::catalogue::*;

#[test]
fn every_spelling_resolves_to_its_code() {
    let by_id = resolve("rate_limit_exceeded").map(|e| e.variant);
    assert_eq!(by_id, Some("RateLimitExceeded"));
    assert_eq!(
        resolve("RATE_LIMIT_EXCEEDED").map(|e| e.id),
        Some("rate_limit_exceeded")
    );
    assert_eq!(
        resolve("Workflow is locked").map(|e| e.id),
        Some("workflow_locked")
    );
    assert_eq!(
        resolve("App not found: {app}").map(|e| e.id),
        Some("model_not_found")
    );
    assert_eq!(resolve("insufficient_credits").map(|e| e.status), Some(402));
}

#[test]
fn near_misses_are_suggested_once_per_code() {
    assert!(resolve("rate_limit_exeeded").is_none());
    let near = suggestions("rate_limit_exeeded", 3);
    assert_eq!(
        near.first().map(String::as_str),
        Some("`rate_limit_exceeded`")
    );
    let near = suggestions("RATE_LIMIT_EXCEDED", 3);
    assert_eq!(
        near.first().map(String::as_str),
        Some("`RATE_LIMIT_EXCEEDED` (rate_limit_exceeded)")
    );
    let ids = near
        .iter()
        .filter(|s| s.contains("rate_limit_exceeded"))
        .count();
    assert_eq!(ids, 1, "{near:?}");
    assert!(suggestions("zzzzzzzzzzzzzzzzzzzz", 3).is_empty());
}

#[test]
fn the_table_is_sorted_for_binary_search() {
    assert!(SPELLINGS.windows(2).all(|w| w[0].0 < w[1].0));
    assert!(SPELLINGS.iter().all(|(_, i)| *i < CODES.len()));
}
