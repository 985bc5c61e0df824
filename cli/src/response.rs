//! `taxonomy explain --response FILE`: a response as `curl -i` prints it
//! (status line, headers, a blank line, the body), or a bare body with
//! `--status N`, classified by errors-core's classifier and explained:
//! with the catalogue built into this binary (its generated tables), or
//! with `--file F`'s catalogue, loaded here (`RuntimeCatalogue`: the same
//! engine, the same tables, built at run time).

use std::io::Read as _;
use std::process::ExitCode;

use errors_catalogue::Catalogue as Model;
use errors_core::Fault;
use errors_core::wire::{
    Catalogue, Decision, Dialect, IdempotencyKey, Operation, RetryPolicy, classify_with,
};
use serde_json::json;

use crate::{out, usage};

/// The most of a response read: a body larger than this is not a
/// documented error body, and reading on would only cost memory.
const MAX_BYTES: u64 = 8 * 1024 * 1024;

/// A response split into its parts.
pub(crate) struct Response {
    status: http::StatusCode,
    headers: http::HeaderMap,
    body: Vec<u8>,
}

/// Reads `FILE` (or standard input for `-`).
fn read(file: &str) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    let result = if file == "-" {
        std::io::stdin().take(MAX_BYTES).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(file).and_then(|f| f.take(MAX_BYTES).read_to_end(&mut bytes))
    };
    result.map_err(|e| format!("cannot read {file}: {e}"))?;
    Ok(bytes)
}

/// Splits `curl -i` output: `HTTP/1.1 429 Too Many Requests`, headers, a
/// blank line, the body. Interim responses (`100 Continue`) and a proxy's
/// `200 Connection established` before the real one are skipped.
pub(crate) fn parse(bytes: &[u8], status: Option<u16>) -> Result<Response, String> {
    if let Some(number) = status {
        let status = http::StatusCode::from_u16(number).map_err(|_| {
            format!("--status {number}: an HTTP status is a number from 100 to 999")
        })?;
        return Ok(Response {
            status,
            headers: http::HeaderMap::new(),
            body: bytes.to_vec(),
        });
    }
    let mut rest = bytes;
    loop {
        let (head, body) = split_head(rest).ok_or(
            "no blank line after the headers: give the response as `curl -i` prints it, or a bare body with --status N",
        )?;
        let text = String::from_utf8_lossy(head);
        let mut lines = text.lines();
        let status_line = lines.next().unwrap_or_default();
        let status = status_of(status_line)?;
        let mut headers = http::HeaderMap::new();
        for line in lines {
            let Some((name, value)) = line.split_once(':') else {
                return Err(format!("`{line}` is not a header (`Name: value`)"));
            };
            let name = http::HeaderName::from_bytes(name.trim().as_bytes())
                .map_err(|_| format!("`{}` is not a header name", name.trim()))?;
            let value = http::HeaderValue::from_str(value.trim())
                .map_err(|_| format!("the value of `{name}` is not a header value"))?;
            headers.append(name, value);
        }
        let interim = status.is_informational()
            || (status == http::StatusCode::OK && status_line.contains("Connection established"));
        if interim && body.starts_with(b"HTTP/") {
            rest = body;
            continue;
        }
        return Ok(Response {
            status,
            headers,
            body: body.to_vec(),
        });
    }
}

/// The head (without its blank line) and the body, split at the first
/// blank line, CRLF or LF.
fn split_head(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let crlf = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|at| (at, 4));
    let lf = bytes
        .windows(2)
        .position(|w| w == b"\n\n")
        .map(|at| (at, 2));
    let (at, len) = match (crlf, lf) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b)?,
    };
    Some((&bytes[..at], &bytes[at + len..]))
}

/// The status of `HTTP/1.1 429 Too Many Requests` or `HTTP/2 429`.
fn status_of(line: &str) -> Result<http::StatusCode, String> {
    let mut words = line.split_whitespace();
    let version = words.next().unwrap_or_default();
    let number = words.next().unwrap_or_default();
    if !version.starts_with("HTTP/") {
        return Err(format!(
            "`{}` is not a status line (`HTTP/1.1 429 Too Many Requests`); for a bare body, give --status N",
            line.chars().take(80).collect::<String>()
        ));
    }
    number
        .parse::<u16>()
        .ok()
        .and_then(|n| http::StatusCode::from_u16(n).ok())
        .ok_or_else(|| format!("`{number}` in the status line is not an HTTP status"))
}

/// Classifies the response with `catalogue` and prints what it means;
/// `model` is the same catalogue as loaded, for the words the wire tables
/// do not carry (a code's meaning, a category's fault).
pub(crate) fn run<C: Catalogue>(
    catalogue: C,
    model: &Model,
    file: &str,
    status: Option<u16>,
    json: bool,
) -> ExitCode {
    let bytes = match read(file) {
        Ok(bytes) => bytes,
        Err(problem) => {
            eprintln!("taxonomy: {problem}");
            return ExitCode::from(2);
        }
    };
    let response = match parse(&bytes, status) {
        Ok(response) => response,
        Err(problem) => return usage(&problem),
    };
    let classified = classify_with(
        catalogue,
        response.status,
        &response.headers,
        &response.body,
    );
    let policy = RetryPolicy::default();
    let create = policy.decide(
        &classified,
        Operation::Create {
            idempotency_key: IdempotencyKey::Absent,
        },
        1,
    );
    let keyed = policy.decide(
        &classified,
        Operation::Create {
            idempotency_key: IdempotencyKey::Sent,
        },
        1,
    );
    let poll = policy.decide(&classified, Operation::StatusPoll, 1);
    let code = classified
        .code()
        .and_then(|code| model.code(catalogue.code_id(code)));
    let what = if classified.is_task_failure() {
        "a failed task (the request itself succeeded)"
    } else if classified.is_failure() {
        "a failed request"
    } else if classified.is_pending() {
        "work still running, not a failure"
    } else {
        "a success, not a failure"
    };
    let fault = code.map(|c| c.category().entry().fault).or_else(|| {
        let status = model.status(response.status.as_u16())?;
        Some(status.category()?.entry().fault)
    });
    let error_type = classified
        .known_error_type()
        .map(|error_type| catalogue.error_type_id(error_type));
    if json {
        let value = json!({
            "status": response.status.as_u16(),
            "what": what,
            "code": code.map(|code| code.id()),
            "error_type": error_type,
            "wire_code": classified.wire_code(),
            "server_message": classified.message(),
            "request_field": classified.request_field(),
            "body_shape": shape_name(catalogue, classified.dialect()),
            "fault": fault.map(fault_word),
            "retry_rule": classified.retry().to_string(),
            "create": create.to_string(),
            "create_with_idempotency_key": keyed.to_string(),
            "status_poll": poll.to_string(),
            "decisions": {
                "create": decision_json(create),
                "create_with_idempotency_key": decision_json(keyed),
                "status_poll": decision_json(poll),
            },
            "user_message": classified.user_message(),
            "remedies": classified.remedies(),
            "request_id": classified.request_id(),
            "task_id": classified.task_id(),
            "run_id": classified.run_id(),
        });
        return out::print(&serde_json::to_string_pretty(&value).unwrap_or_default());
    }
    let mut text = format!("HTTP {}: {what}\n", response.status);
    let line = |text: &mut String, label: &str, value: &str| {
        text.push_str(&format!("  {label:<17}{value}\n"));
    };
    match code {
        Some(code) => line(
            &mut text,
            "code:",
            &format!(
                "{} (HTTP {}): {}",
                code.id(),
                code.status().number(),
                code.entry().meaning
            ),
        ),
        None => line(
            &mut text,
            "code:",
            "none the catalogue knows; the status decides",
        ),
    }
    if let Some(error_type) = error_type {
        line(&mut text, "error_type:", error_type);
    }
    if let Some(message) = classified.message() {
        line(&mut text, "server said:", &format!("{message:?}"));
    }
    if let Some(field) = classified.request_field() {
        line(&mut text, "about the field:", field);
    }
    if let Some(shape) = shape_name(catalogue, classified.dialect()) {
        line(&mut text, "body shape:", &shape);
    }
    if let Some(fault) = fault {
        line(&mut text, "whose fault:", &fault.to_string());
    }
    line(&mut text, "retry rule:", &classified.retry().to_string());
    line(&mut text, "for a create:", &create.to_string());
    line(&mut text, "  with a key:", &keyed.to_string());
    line(&mut text, "for a poll:", &poll.to_string());
    line(&mut text, "tell the user:", &classified.user_message());
    for remedy in classified.remedies() {
        line(&mut text, "remedy:", remedy);
    }
    for (label, id) in [
        ("request id:", classified.request_id()),
        ("task id:", classified.task_id()),
        ("run id:", classified.run_id()),
    ] {
        if let Some(id) = id {
            line(&mut text, label, &format!("{id} (quote it to support)"));
        }
    }
    out::write(&text)
}

/// A decision for a program to read: what to do, how long to wait first,
/// why it stops (`{"action": "retry", "after_ms": 12000}`); the words
/// beside it are for people.
fn decision_json(decision: Decision) -> serde_json::Value {
    let mut value = json!({ "action": decision.action() });
    if let Some(after) = decision.after() {
        value["after_ms"] = json!(u64::try_from(after.as_millis()).unwrap_or(u64::MAX));
    }
    if let Some(reason) = decision.stop_reason() {
        value["stop_reason"] = json!(reason.as_str());
    }
    value
}

fn fault_word(fault: Fault) -> &'static str {
    match fault {
        Fault::Caller => "caller",
        Fault::Service => "service",
        Fault::Nobody => "nobody",
    }
}

/// The body's shape as the catalogue names it (`detail (queue)`), or the
/// standard format it is in; `None` for no body or one nobody describes.
fn shape_name<C: Catalogue>(catalogue: C, dialect: Dialect<C>) -> Option<String> {
    Some(match dialect {
        Dialect::Declared(shape) => {
            let name = catalogue.shape_id(shape);
            match catalogue.shape_source(shape) {
                Some(source) => format!("{name} ({})", catalogue.source_id(source)),
                None => format!("{name} (shared by many APIs)"),
            }
        }
        Dialect::Problem => "RFC 9457 problem details".to_owned(),
        Dialect::Html => "an HTML page".to_owned(),
        Dialect::Text => "plain text".to_owned(),
        _ => return None,
    })
}
