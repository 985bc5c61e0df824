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

#[test]
fn a_phrase_without_its_variable_part_answers_with_its_code() {
    for query in ["App not found", "  \"app not found\" ", "APP NOT FOUND:"] {
        let out = taxonomy(&["explain", query]);
        assert_eq!(out.status.code(), Some(0), "{query}: {}", stderr(&out));
        assert!(stdout(&out).contains("code model_not_found"), "{query}");
    }
}

#[test]
fn a_query_matching_several_entries_lists_them_and_exits_0() {
    let out = taxonomy(&["explain", "workflow"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("matches"), "{text}");
    for id in ["workflow_locked", "workflow_not_found", "taxonomy explain "] {
        assert!(text.contains(id), "{id} missing in:\n{text}");
    }
    let out = taxonomy(&["explain", "--json", "workflow"]);
    assert_eq!(out.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["outcome"], "several");
    assert!(value["choices"].as_array().is_some_and(|c| c.len() > 2));
}

#[test]
fn a_request_field_answers_with_the_code_that_rejects_it() {
    let out = taxonomy(&["explain", "webhook_url"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("code webhook_not_supported"), "{text}");
    assert!(
        text.contains("webhook_url (in body, query or header)"),
        "{text}"
    );
}

#[test]
fn an_uncatalogued_status_is_explained_from_its_class() {
    let out = taxonomy(&["explain", "418"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("HTTP 418 (not catalogued)"), "{text}");
    assert!(text.contains("no document names 418"), "{text}");
    assert!(text.contains("Retry (never)"), "{text}");
    let out = taxonomy(&["explain", "--json", "503"]);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["kind"], "status", "503 is catalogued");
    let out = taxonomy(&["explain", "--json", "507"]);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (&value["kind"], &value["id"]),
        (&"status_class".into(), &"5xx".into())
    );
}

#[test]
fn an_empty_query_is_bad_usage_not_a_suggestion() {
    for query in ["", "   ", "\"\""] {
        let out = taxonomy(&["explain", query]);
        assert_eq!(out.status.code(), Some(2), "`{query}`");
        assert!(
            stderr(&out).contains("usage:"),
            "`{query}`: {}",
            stderr(&out)
        );
        assert!(stdout(&out).is_empty(), "`{query}`: {}", stdout(&out));
    }
}

#[cfg(unix)]
#[test]
fn a_non_utf8_argument_is_bad_usage_not_a_panic() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let out = Command::new(env!("CARGO_BIN_EXE_taxonomy"))
        .arg("explain")
        .arg(OsStr::from_bytes(b"rate\xff\xfelimit"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("argument 2 is not valid UTF-8"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_100_kb_query_is_refused_quickly_without_echoing_it() {
    let query = "rate_limit_exceeded ".repeat(5_000);
    let out = taxonomy(&["explain", &query]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("is not in the catalogue"),
        "{}",
        &err[..err.len().min(300)]
    );
    assert!(
        err.len() < 1_000,
        "the query is echoed whole: {} bytes",
        err.len()
    );
}

#[test]
fn docs_writes_a_page_with_every_anchor_and_markdown_with_the_same() {
    let dir = std::env::temp_dir().join(format!("taxonomy-docs-{}", std::process::id()));
    let out = taxonomy(&["docs", "--out", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let html = std::fs::read_to_string(dir.join("index.html")).unwrap();
    let out = taxonomy(&[
        "docs",
        "--out",
        dir.to_str().unwrap(),
        "--format",
        "markdown",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let markdown = std::fs::read_to_string(dir.join("ERRORS.md")).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    for anchor in [
        "status-429",
        "code-rate_limit_exceeded",
        "error-type-CONTENT_BLOCKED",
        "task-status-IN_QUEUE",
        "source-queue",
        "limit-runs_sync_ceiling",
    ] {
        assert!(
            html.contains(&format!("id=\"{anchor}\"")),
            "{anchor} not in the page"
        );
        assert!(
            markdown.contains(&format!("<a id=\"{anchor}\"></a>")),
            "{anchor} not in ERRORS.md"
        );
    }
    // Offline by construction: no external resource, fetching forbidden.
    assert!(!html.contains("src=\"http") && !html.contains("href=\"http"));
    assert!(html.contains("default-src 'none'"));
}

#[test]
fn docs_bad_usage_exits_2() {
    for args in [
        &["docs"][..],
        &["docs", "--out"],
        &["docs", "--out", "x", "--format", "pdf"],
    ] {
        let out = taxonomy(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains("usage:"), "{args:?}");
    }
}

#[test]
fn a_status_says_what_to_tell_the_user_and_prose_names_no_catalogue_field() {
    let out = taxonomy(&["explain", "429"]);
    let text = stdout(&out);
    assert!(
        text.contains("Tell the user\n  Too many requests in a short time."),
        "{text}"
    );
    let out = taxonomy(&["explain", "--json", "429"]);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        value["user_message"]
            .as_str()
            .is_some_and(|m| m.starts_with("Too many requests")),
        "{value}"
    );
    let out = taxonomy(&["explain", "webhook_url"]);
    let text = stdout(&out);
    assert!(!text.contains("our choice: in"), "{text}");
    assert!(text.contains("where it"), "{text}");
}

#[test]
fn every_missing_section_is_reported_at_once_and_bad_utf8_is_located() {
    let dir = tempfile::tempdir().unwrap();
    let small = std::fs::read_to_string(fixture("small.yaml")).unwrap();
    let from = small.find("\nerror_types:").unwrap();
    let to = small.find("\nlimits:").unwrap();
    let missing = dir.path().join("missing.yaml");
    std::fs::write(&missing, format!("{}{}", &small[..from], &small[to..])).unwrap();
    let out = taxonomy(&["check", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("missing field `error_types`"), "{err}");
    assert!(err.contains("missing field `task_statuses`"), "{err}");
    assert!(err.contains("2 problems found"), "{err}");

    let bad = dir.path().join("bad.yaml");
    std::fs::write(&bad, b"version: 1\ndocuments: []\n  \xff\xfe\n").unwrap();
    let out = taxonomy(&["check", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("bad.yaml:3:3: error: the catalogue is not valid UTF-8"),
        "{err}"
    );
}
