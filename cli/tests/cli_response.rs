//! `taxonomy explain --response`: every document body of
//! tests/fixtures/bodies.json, given as `curl -i` prints it, answers with its
//! code and with the decisions errors-core's `RetryPolicy` makes for it.

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use errors_core::wire::{IdempotencyKey, Operation, RetryPolicy, classify};
use serde_json::Value;

fn taxonomy(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_taxonomy"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn cases() -> Vec<Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/bodies.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The response as `curl -i` prints it.
fn curl_i(case: &Value) -> Vec<u8> {
    let status = case["status"].as_u64().unwrap();
    let mut text = format!("HTTP/1.1 {status} Whatever\r\n");
    for pair in headers_of(case) {
        text.push_str(&format!(
            "{}: {}\r\n",
            pair[0].as_str().unwrap(),
            pair[1].as_str().unwrap()
        ));
    }
    text.push_str("\r\n");
    text.push_str(case["body"].as_str().unwrap());
    text.into_bytes()
}

/// The case's headers; a case without them has none.
fn headers_of(case: &Value) -> Vec<Value> {
    case["headers"].as_array().cloned().unwrap_or_default()
}

/// A decision's words without its figures: the jitter makes waits vary.
/// The words without the figures and unit a jittered wait changes
/// (`retry after 4.5 s`, `retry after 998 ms`).
fn shape(words: &str) -> String {
    words
        .split(' ')
        .filter(|word| {
            !word.starts_with(|c: char| c.is_ascii_digit()) && !matches!(*word, "ms" | "s" | "min")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn every_document_body_gives_its_code_and_decisions() {
    let policy = RetryPolicy::default();
    let mut checked = 0;
    for case in cases() {
        let name = case["name"].as_str().unwrap();
        let out = taxonomy(&["explain", "--json", "--response", "-"], &curl_i(&case));
        assert_eq!(
            out.status.code(),
            Some(0),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let answer: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(answer["status"], case["status"], "{name}");
        assert_eq!(answer["code"], case["expect"]["code"], "{name}: {answer}");

        let mut headers = http::HeaderMap::new();
        for pair in headers_of(&case) {
            headers.append(
                http::HeaderName::from_bytes(pair[0].as_str().unwrap().as_bytes()).unwrap(),
                pair[1].as_str().unwrap().parse().unwrap(),
            );
        }
        let status = http::StatusCode::from_u16(case["status"].as_u64().unwrap() as u16).unwrap();
        let classified = classify(status, &headers, case["body"].as_str().unwrap().as_bytes());
        for (field, operation) in [
            (
                "create",
                Operation::Create {
                    idempotency_key: IdempotencyKey::Absent,
                },
            ),
            (
                "create_with_idempotency_key",
                Operation::Create {
                    idempotency_key: IdempotencyKey::Sent,
                },
            ),
            ("status_poll", Operation::StatusPoll),
        ] {
            // What to do, and why it stops, exactly; the wait is jittered,
            // so its figure (and, near a unit's edge, its unit) may differ.
            let expected = policy.decide(&classified, operation, 1);
            let given = &answer["decisions"][field];
            assert_eq!(given["action"], expected.action(), "{name}: {field}");
            assert_eq!(
                given["stop_reason"].as_str(),
                expected.stop_reason().map(|r| r.as_str()),
                "{name}: {field}"
            );
            if expected.after().is_none() {
                assert_eq!(answer[field], expected.to_string(), "{name}: {field}");
            }
        }
        assert_eq!(
            answer["user_message"],
            classified.user_message().as_ref(),
            "{name}"
        );
        checked += 1;
    }
    assert!(checked >= 80, "{checked} cases");
}

#[test]
fn a_bare_body_takes_its_status_and_text_reads_for_a_person() {
    let out = taxonomy(
        &["explain", "--response", "-", "--status", "404"],
        br#"{"detail": "App not found: my-app"}"#,
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("HTTP 404 Not Found: a failed request"),
        "{text}"
    );
    assert!(
        text.contains("code:            model_not_found (HTTP 404)"),
        "{text}"
    );
    assert!(text.contains("for a create:    do not retry"), "{text}");
    assert!(text.contains("tell the user:"), "{text}");
}

#[test]
fn interim_responses_are_skipped_and_lf_line_ends_read() {
    let text = b"HTTP/1.1 100 Continue\n\nHTTP/2 503\nretry-after: 30\n\n";
    let out = taxonomy(&["explain", "--json", "--response", "-"], text);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let answer: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(answer["status"], 503);
}

#[test]
fn malformed_responses_are_bad_usage_not_panics() {
    for (input, says) in [
        (&b"not a response"[..], "no blank line"),
        (b"GET / HTTP/1.1\r\n\r\n", "is not a status line"),
        (b"HTTP/1.1 abc OK\r\n\r\n", "is not an HTTP status"),
        (
            b"HTTP/1.1 429 x\r\nno colon here\r\n\r\n",
            "is not a header",
        ),
        (
            b"HTTP/1.1 429 x\r\nbad name: 1\r\n\r\n",
            "is not a header name",
        ),
        (b"\xff\xfe\x00\n\n", "is not a status line"),
    ] {
        let out = taxonomy(&["explain", "--response", "-"], input);
        assert_eq!(out.status.code(), Some(2), "{input:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{input:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    let out = taxonomy(&["explain", "--response", "-", "--status", "1000"], b"{}");
    assert_eq!(out.status.code(), Some(2));
    let out = taxonomy(&["explain", "--response", "/no/such/file"], b"");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn decisions_are_structured_in_json_and_waits_read_as_people_say_them() {
    let text = b"HTTP/1.1 429 Too Many Requests\r\nretry-after: 12\r\n\r\n";
    let out = taxonomy(&["explain", "--json", "--response", "-"], text);
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        value["decisions"]["create"],
        serde_json::json!({"action": "retry", "after_ms": 12000})
    );
    assert_eq!(value["create"], "retry after 12 s");
    let out = taxonomy(
        &["explain", "--json", "--response", "-"],
        b"HTTP/1.1 401 Unauthorized\r\n\r\n",
    );
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        value["decisions"]["status_poll"],
        serde_json::json!({"action": "stop", "stop_reason": "fix_credentials"})
    );
    let out = taxonomy(&["explain", "--response", "-"], text);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("for a create:    retry after 12 s"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn a_response_is_explained_from_the_catalogue_given() {
    // Acme's own catalogue (README, "Your own API"): its shape, its codes.
    let acme = "../examples/own-api/taxonomy.yaml";
    let response = std::fs::read("../examples/own-api/responses/402.txt").unwrap();
    let out = taxonomy(
        &["explain", "--json", "--file", acme, "--response", "-"],
        &response,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["code"], "quota_exceeded");
    assert_eq!(value["body_shape"], "json_api (acme)");
    assert_eq!(value["request_id"], "t-1");
    assert_eq!(value["server_message"], "Quota exceeded");
    // The built-in catalogue knows neither the shape nor the code.
    let out = taxonomy(&["explain", "--json", "--response", "-"], &response);
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["code"], Value::Null);
    assert_eq!(value["body_shape"], Value::Null);

    // The built-in catalogue, given as a file, answers as the binary's
    // own tables do.
    for case in cases() {
        let input = curl_i(&case);
        let built_in = taxonomy(&["explain", "--json", "--response", "-"], &input);
        let loaded = taxonomy(
            &[
                "explain",
                "--json",
                "--file",
                "taxonomy.yaml",
                "--response",
                "-",
            ],
            &input,
        );
        assert_eq!(
            unjittered(&built_in.stdout),
            unjittered(&loaded.stdout),
            "{}",
            case["name"]
        );
    }
}

/// An answer with its jittered waits blanked: they differ run to run.
fn unjittered(json: &[u8]) -> Value {
    let mut value: Value = serde_json::from_slice(json).unwrap();
    for key in ["create", "create_with_idempotency_key", "status_poll"] {
        if let Some(text) = value[key].as_str() {
            value[key] = Value::from(shape(text));
        }
        if value["decisions"][key].get("after_ms").is_some() {
            value["decisions"][key]["after_ms"] = Value::from("jittered");
        }
    }
    value
}

#[test]
fn a_validation_list_names_the_field_and_the_shape() {
    let text = b"HTTP/1.1 422 Unprocessable Entity\r\ncontent-type: application/json\r\n\r\n{\"detail\": [{\"loc\": [\"body\", \"prompt\"], \"msg\": \"field required\", \"type\": \"value_error.missing\"}]}";
    let out = taxonomy(&["explain", "--json", "--response", "-"], text);
    assert_eq!(out.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["request_field"], "body.prompt");
    assert_eq!(value["server_message"], "field required");
    assert_eq!(value["body_shape"], "detail (queue)");
    let out = taxonomy(&["explain", "--response", "-"], text);
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("about the field: body.prompt"), "{shown}");
}
