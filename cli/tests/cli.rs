//! The `taxonomy` binary as a person uses it: exit codes and what it prints.

use std::path::Path;
use std::process::{Command, Output};

fn taxonomy(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_taxonomy"))
        .args(args)
        .output()
        .unwrap()
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn check_passes_on_the_workspace_catalogue_with_a_one_line_summary() {
    let out = taxonomy(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(
        text.contains("ok:") && text.contains("28 statuses"),
        "{text}"
    );
}

#[test]
fn check_fails_with_every_located_problem() {
    let file = fixture("broken/many_problems_at_once.yaml");
    let out = taxonomy(&["check", &file]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    for place in [":89:15: error:", ":110:9: error:", ":125:11: error:"] {
        assert!(
            err.contains(&format!("{file}{place}")),
            "{place} missing in:\n{err}"
        );
    }
    assert!(err.contains("3 problems found"), "{err}");
}

#[test]
fn explain_prints_what_to_do() {
    let out = taxonomy(&["explain", "429"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    for part in [
        "HTTP 429 Too Many Requests",
        "Retry (after_header)",
        "Retry-After",
        "rate_limit_exceeded",
    ] {
        assert!(text.contains(part), "{part} missing in:\n{text}");
    }
}

#[test]
fn explain_takes_a_message_in_several_words() {
    let out = taxonomy(&["explain", "Workflow", "is", "locked"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("code workflow_locked"));
}

#[test]
fn explain_json_is_json() {
    let out = taxonomy(&["explain", "--json", "CONTENT_BLOCKED"]);
    assert_eq!(out.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["kind"], "error_type");
}

#[test]
fn an_unknown_query_exits_2_with_suggestions() {
    let out = taxonomy(&["explain", "rate_limit_exeeded"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nearest: "), "{}", stderr(&out));
    assert!(stderr(&out).contains("rate_limit_exceeded"));
}

#[test]
fn bad_usage_exits_2_with_the_usage() {
    for args in [&[][..], &["frobnicate"], &["explain"], &["check", "a", "b"]] {
        let out = taxonomy(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains("usage:"), "{args:?}");
    }
}
