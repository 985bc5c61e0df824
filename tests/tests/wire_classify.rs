//! `wire::classify` against every example body of the documents and the
//! common shapes beside them (`tests/fixtures/bodies.json`): each case
//! gives the status, headers and body, and the full expected `Classified`.
//! A key missing from `expect` means the field is absent (`None`, `false`,
//! empty); `catalogued` and `outcome` default to what the status says.

use std::borrow::Cow;
use std::time::{Duration, SystemTime};

use errors_core::wire::{
    BodyIssue, Classified, Dialect, MAX_BODY, Origin, Outcome, RateLimit, RateLimitReset, Reported,
    RetryAfter, classify, classify_from, classify_response,
};
use errors_core::{Code, ErrorTaxonomy, ErrorType, Retry, Shape, Source, Status, TaskStatus};
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use serde_json::Value;

fn fixtures() -> Vec<Value> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/bodies.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    value.as_array().unwrap().clone()
}

fn headers_of(case: &Value) -> HeaderMap {
    let mut headers = HeaderMap::new();
    for pair in case["headers"].as_array().into_iter().flatten() {
        let name = HeaderName::from_bytes(pair[0].as_str().unwrap().as_bytes()).unwrap();
        let value = HeaderValue::from_str(pair[1].as_str().unwrap()).unwrap();
        headers.append(name, value);
    }
    headers
}

fn millis(value: &Value) -> Duration {
    Duration::from_millis(value.as_u64().unwrap())
}

/// Everything a classified response tells, as plain values: the fixture's
/// expectation and the classifier's answer are both turned into one.
#[derive(Debug, PartialEq)]
struct Facts {
    status: StatusCode,
    catalogued: Option<Status>,
    outcome: &'static str,
    code: Option<Code>,
    dialect: Dialect,
    source: Option<Source>,
    wire_code: Option<String>,
    kind: Option<String>,
    message: Option<String>,
    error_type: Option<Reported<'static, ErrorType>>,
    task_status: Option<Reported<'static, TaskStatus>>,
    request_id: Option<String>,
    run_id: Option<String>,
    task_id: Option<String>,
    retry_after: Option<RetryAfter>,
    rate_limit: RateLimit,
    should_retry: Option<bool>,
    user_deadline: bool,
    origin: Origin,
    body_issue: Option<BodyIssue>,
}

fn outcome_name(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Succeeded => "Success",
        Outcome::Pending => "Pending",
        Outcome::RequestFailed { .. } => "Failure",
        Outcome::TaskFailed { .. } => "TaskFailure",
        _ => "new outcome",
    }
}

fn facts(got: &Classified<'_>) -> Facts {
    Facts {
        status: got.status(),
        catalogued: got.catalogued(),
        outcome: outcome_name(got.outcome()),
        code: got.code(),
        dialect: got.dialect(),
        source: got.source(),
        wire_code: got.wire_code().map(str::to_owned),
        kind: got.kind().map(str::to_owned),
        message: got.message().map(str::to_owned),
        error_type: got.error_type().cloned().map(Reported::into_owned),
        task_status: got.task_status().cloned().map(Reported::into_owned),
        request_id: got.request_id().map(str::to_owned),
        run_id: got.run_id().map(str::to_owned),
        task_id: got.task_id().map(str::to_owned),
        retry_after: got.retry_after(),
        rate_limit: got.rate_limit(),
        should_retry: got.headers().should_retry(),
        user_deadline: got.headers().is_user_deadline(),
        origin: got.origin(),
        body_issue: got.body_issue(),
    }
}

fn expected(case: &Value) -> Facts {
    let e = &case["expect"];
    let status =
        StatusCode::from_u16(u16::try_from(case["status"].as_u64().unwrap()).unwrap()).unwrap();
    let catalogued = match e.get("catalogued") {
        Some(Value::Null) => None,
        Some(number) => {
            Some(Status::from_u16(u16::try_from(number.as_u64().unwrap()).unwrap()).unwrap())
        }
        None => Some(Status::from_u16(status.as_u16()).unwrap()),
    };
    let outcome = match e["outcome"].as_str() {
        Some("Success") => "Success",
        Some("Pending") => "Pending",
        Some("TaskFailure") => "TaskFailure",
        Some("Failure") | None => "Failure",
        Some(other) => panic!("outcome {other}"),
    };
    let dialect = match e["dialect"].as_str().unwrap() {
        "Gateway" => Dialect::Declared(Shape::Gateway),
        "Detail" => Dialect::Declared(Shape::Detail),
        "TaskStatus" => Dialect::Declared(Shape::TaskStatus),
        "CodeAndMessage" => Dialect::Declared(Shape::CodeAndMessage),
        "RunsTask" => Dialect::Declared(Shape::RunsTask),
        "ErrorString" => Dialect::Declared(Shape::ErrorString),
        "OpenAi" => Dialect::Declared(Shape::Openai),
        "Problem" => Dialect::Problem,
        "Html" => Dialect::Html,
        "Text" => Dialect::Text,
        "Empty" => Dialect::Empty,
        "UnknownJson" => Dialect::UnknownJson,
        other => panic!("dialect {other}"),
    };
    let origin = match e["origin"].as_str().unwrap() {
        "Service" => Origin::Service,
        "Edge" => Origin::Edge,
        "Unknown" => Origin::Unknown,
        other => panic!("origin {other}"),
    };
    let retry_after = match &e["retry_after"] {
        Value::Null => None,
        r if r.get("delay_ms").is_some() => Some(RetryAfter::Delay(millis(&r["delay_ms"]))),
        r => Some(RetryAfter::At(
            SystemTime::UNIX_EPOCH + Duration::from_secs(r["at_unix"].as_u64().unwrap()),
        )),
    };
    let rate = &e["rate_limit"];
    let rate_limit = RateLimit {
        limit: rate["limit"].as_u64(),
        remaining: rate["remaining"].as_u64(),
        reset: rate
            .get("reset_after_ms")
            .map(|ms| RateLimitReset::After(millis(ms))),
    };
    let body_issue = match e["body_issue"].as_str() {
        None => None,
        Some("Malformed") => Some(BodyIssue::Malformed),
        Some("NotUtf8") => Some(BodyIssue::NotUtf8),
        Some(other) => panic!("body issue {other}"),
    };
    let text = |key: &str| e[key].as_str().map(str::to_owned);
    Facts {
        status,
        catalogued,
        outcome,
        code: e["code"].as_str().map(|id| Code::from_name(id).unwrap()),
        dialect,
        source: e["source"].as_str().map(|s| Source::from_name(s).unwrap()),
        wire_code: text("wire_code"),
        kind: text("kind"),
        message: text("message"),
        error_type: e["error_type"]
            .as_str()
            .map(|raw| match ErrorType::from_name(raw) {
                Some(known) => Reported::Known(known),
                None => Reported::Unknown(Cow::Owned(raw.to_owned())),
            }),
        task_status: e["task_status"]
            .as_str()
            .map(|raw| match TaskStatus::from_name(raw) {
                Some(known) => Reported::Known(known),
                None => Reported::Unknown(Cow::Owned(raw.to_owned())),
            }),
        request_id: text("request_id"),
        run_id: text("run_id"),
        task_id: text("task_id"),
        retry_after,
        rate_limit,
        should_retry: e["should_retry"].as_bool(),
        user_deadline: e["user_deadline"].as_bool().unwrap_or(false),
        origin,
        body_issue,
    }
}

fn reported_borrowed<T>(reported: Option<&Reported<'_, T>>) -> bool {
    !matches!(reported, Some(Reported::Unknown(Cow::Owned(_))))
}

/// Whether the classification's text points into the body: an
/// unescaped string is borrowed, not copied.
fn all_text_borrowed(got: &Classified<'_>, body: &[u8]) -> bool {
    let range = body.as_ptr_range();
    let inside = |text: Option<&str>| {
        text.is_none_or(|text| text.is_empty() || range.contains(&text.as_ptr()))
    };
    inside(got.wire_code())
        && inside(got.kind())
        && inside(got.message())
        && (got.headers().request_id().is_some() || inside(got.request_id()))
        && reported_borrowed(got.error_type())
        && reported_borrowed(got.task_status())
}

#[test]
fn every_fixture_classifies_to_its_full_expected_error() {
    let cases = fixtures();
    assert!(
        cases.len() >= 80,
        "the fixture file lost cases: {}",
        cases.len()
    );
    let mut failures = Vec::new();
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let headers = headers_of(case);
        let body = case["body"].as_str().unwrap().as_bytes();
        let want = expected(case);
        let got = classify(want.status, &headers, body);
        let got_facts = facts(&got);
        if got_facts != want {
            failures.push(format!("{name}:\n  got  {got_facts:?}\n  want {want:?}"));
            continue;
        }
        let borrowed = case["expect"]["borrowed"].as_bool().unwrap_or(true);
        if all_text_borrowed(&got, body) != borrowed {
            failures.push(format!(
                "{name}: text borrowed is {}, want {borrowed}",
                !borrowed
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn every_document_example_is_in_the_fixtures() {
    let cases = fixtures();
    let from = |doc: &str| cases.iter().filter(|c| c["doc"] == doc).count();
    // 000: two gateway bodies (+ one with headers), six detail strings and
    // "Request not found"; 001: sixteen codes (+ one with headers) and
    // three with run and task ids (one a failed async task);
    // 002: four statuses (+ every other error_type); 003: eleven strings.
    assert!(from("000") >= 12);
    assert_eq!(from("001"), 20);
    assert!(from("002") >= 9);
    assert!(from("003") >= 11);
    // Every runs code of 001 and each::labs string of 003 is covered.
    for code in Code::ALL {
        for source in [Source::Runs, Source::Eachlabs, Source::Queue] {
            let Some(wire) = code.wire_name(source) else {
                continue;
            };
            let covered = cases.iter().any(|c| {
                c["expect"]["code"] == code.as_str()
                    && (c["body"].as_str().unwrap().contains(wire) || wire.contains('{'))
            });
            assert!(
                covered,
                "no fixture for {code} as {source} sends it ({wire})"
            );
        }
    }
}

#[test]
fn classify_response_reads_the_same_parts() {
    let response = http::Response::builder()
        .status(404)
        .header("x-request-id", "req_7")
        .body(br#"{"error": "not_found", "message": "Run not found."}"#.to_vec())
        .unwrap();
    let error = classify_response(&response);
    assert_eq!(error.code(), Some(Code::NotFound));
    assert_eq!(error.request_id(), Some("req_7"));
    assert_eq!(
        error,
        classify(response.status(), response.headers(), response.body())
    );
}

#[test]
fn a_body_over_the_limit_is_not_parsed_and_the_truncation_is_noted() {
    let no_headers = HeaderMap::new();
    let mut body = br#"{"error": "rate_limit_exceeded", "message": ""#.to_vec();
    body.resize(MAX_BODY + 10, b'a');
    body.extend_from_slice(br#""}"#);
    let error = classify(StatusCode::TOO_MANY_REQUESTS, &no_headers, &body);
    assert_eq!(
        error.body_issue(),
        Some(BodyIssue::TooLarge { len: body.len() })
    );
    // The code inside was not read: the status alone decides.
    assert_eq!(error.code(), None);
    assert_eq!(error.message(), None);
    assert_eq!(error.dialect(), Dialect::UnknownJson);
    assert!(error.is_failure());
    assert!(matches!(error.retry(), Retry::AfterHeader { .. }));

    // The same body at the limit is read.
    let small = br#"{"error": "rate_limit_exceeded", "message": "slow down"}"#;
    let mut padded = small.to_vec();
    padded.resize(MAX_BODY, b' ');
    let error = classify(StatusCode::TOO_MANY_REQUESTS, &no_headers, &padded);
    assert_eq!(error.code(), Some(Code::RateLimitExceeded));
    assert_eq!(error.body_issue(), None);
}

#[test]
fn a_huge_html_page_is_still_told_apart_as_an_edge_error() {
    let no_headers = HeaderMap::new();
    let mut body = b"<html><body>".to_vec();
    body.resize(MAX_BODY * 2, b'x');
    let error = classify(StatusCode::BAD_GATEWAY, &no_headers, &body);
    assert_eq!(error.dialect(), Dialect::Html);
    assert_eq!(error.origin(), Origin::Edge);
    assert_eq!(
        error.body_issue(),
        Some(BodyIssue::TooLarge { len: body.len() })
    );
}

#[test]
fn a_text_body_that_is_not_utf8_is_noted() {
    let no_headers = HeaderMap::new();
    let error = classify(
        StatusCode::BAD_GATEWAY,
        &no_headers,
        b"bad \xff\xfe gateway",
    );
    assert_eq!(error.dialect(), Dialect::Text);
    assert_eq!(error.message(), None);
    assert_eq!(error.body_issue(), Some(BodyIssue::NotUtf8));
}

#[test]
fn a_long_text_body_keeps_only_its_start_as_the_message() {
    let no_headers = HeaderMap::new();
    let body = "é".repeat(2000);
    let error = classify(
        StatusCode::INTERNAL_SERVER_ERROR,
        &no_headers,
        body.as_bytes(),
    );
    let message = error.message().unwrap();
    assert!(
        message.len() <= 1024 && message.len() >= 1022,
        "{}",
        message.len()
    );
    assert!(body.starts_with(message));
}

#[test]
fn not_an_error_is_said_so() {
    let headers = HeaderMap::new();
    let queued = classify(
        StatusCode::OK,
        &headers,
        br#"{"status": "IN_QUEUE", "queue_position": 3}"#,
    );
    assert!(!queued.is_failure());
    assert!(queued.is_pending());
    assert_eq!(queued.retry(), Retry::KeepPolling);
    assert_eq!(queued.code(), None);

    let done = classify(StatusCode::OK, &headers, br#"{"status": "COMPLETED"}"#);
    assert!(!done.is_failure() && !done.is_pending());
    assert_eq!(done.retry(), Retry::Never);
    assert!(done.remedies().is_empty());

    let failed = classify(
        StatusCode::OK,
        &headers,
        br#"{"status": "COMPLETED", "error": "Task execution failed", "error_type": "CONTENT_BLOCKED"}"#,
    );
    assert!(failed.is_failure());
    assert_eq!(failed.code(), Some(Code::ContentBlocked));
    assert_eq!(failed.retry(), Retry::Never);
    assert_eq!(failed.user_message(), Code::ContentBlocked.user_message());
}

#[test]
fn retry_follows_the_code_else_the_status_else_the_class() {
    let headers = HeaderMap::new();
    // The code's rule: request_not_found allows one retry, not the 404's never.
    let error = classify(
        StatusCode::NOT_FOUND,
        &headers,
        br#"{"detail": "Request not found"}"#,
    );
    assert_eq!(error.retry(), Code::RequestNotFound.retry());
    // The status's rule for a body without a known code.
    let error = classify(StatusCode::SERVICE_UNAVAILABLE, &headers, b"");
    assert_eq!(error.retry(), Status::ServiceUnavailable.retry().unwrap());
    // The class for a status the catalogue does not list.
    let error = classify(StatusCode::from_u16(599).unwrap(), &headers, b"");
    assert!(matches!(
        error.retry(),
        Retry::Backoff {
            max_attempts: 3,
            ..
        }
    ));
    let error = classify(StatusCode::IM_A_TEAPOT, &headers, b"");
    assert_eq!(error.retry(), Retry::Never);
    // A task's error_type rule.
    let error = classify(
        StatusCode::OK,
        &headers,
        br#"{"status": "COMPLETED", "error": "x", "error_type": "INTERNAL_SERVER_ERROR"}"#,
    );
    assert_eq!(error.retry(), ErrorType::InternalServerError.retry());
}

#[test]
fn user_message_is_the_servers_only_from_a_user_safe_source_and_when_clean() {
    let headers = HeaderMap::new();
    assert!(Source::Runs.messages_user_safe());
    assert!(!Source::Queue.messages_user_safe());
    assert!(!Source::Eachlabs.messages_user_safe());

    // 001: the runs API's message is safe to show and names the bad field.
    let body =
        br#"{"error": "validation_error", "message": "/input/width: must be a multiple of 16"}"#;
    let error = classify(StatusCode::UNPROCESSABLE_ENTITY, &headers, body);
    assert_eq!(error.source(), Some(Source::Runs));
    assert_eq!(
        error.user_message(),
        "/input/width: must be a multiple of 16"
    );
    assert_eq!(
        ErrorTaxonomy::user_message(&error),
        "/input/width: must be a multiple of 16"
    );

    // A runs message that fails the leak rules: the catalogue's text.
    for leaky in [
        "see /var/log/app/error.log",
        "failed: {error}",
        "Traceback (most recent call last)",
    ] {
        let body = format!(r#"{{"error": "upstream_error", "message": "{leaky}"}}"#);
        let error = classify(StatusCode::BAD_GATEWAY, &headers, body.as_bytes());
        assert_eq!(
            error.user_message(),
            Code::UpstreamError.user_message(),
            "{leaky}"
        );
    }
    // An empty one too.
    let body = br#"{"error": "upstream_error", "message": "  "}"#;
    let error = classify(StatusCode::BAD_GATEWAY, &headers, body);
    assert_eq!(error.user_message(), Code::UpstreamError.user_message());

    // The queue promises nothing about its messages: the catalogue's text.
    let body = br#"{ "error": { "code": "UNAUTHORIZED", "message": "Authorization Bearer or Key token is required" }, "request_id": "r"}"#;
    let error = classify(StatusCode::UNAUTHORIZED, &headers, body);
    assert_eq!(error.user_message(), Code::InvalidApiKey.user_message());

    let body = br#"{"error": "internal_error", "message": "NullPointerException at Foo.java:42"}"#;
    let error = classify(StatusCode::INTERNAL_SERVER_ERROR, &headers, body);
    assert_eq!(error.user_message(), Code::InternalError.user_message());
    assert!(!error.user_message().contains("Foo.java"));
    assert_eq!(
        ErrorTaxonomy::user_message(&error),
        Code::InternalError.user_message()
    );

    // Unknown code: the catalogue's message for the status, not the
    // server's text.
    let body = br#"{"error": "brand_new", "message": "secret internals"}"#;
    let error = classify(StatusCode::TOO_MANY_REQUESTS, &headers, body);
    assert_eq!(error.code(), None);
    assert_eq!(
        Some(error.user_message().as_ref()),
        Status::TooManyRequests.user_message()
    );

    // Every catalogued status has a message in the same voice.
    for status in Status::ALL {
        let error = classify(status.http(), &headers, b"");
        assert!(!error.user_message().is_empty(), "{status}");
    }
}

#[test]
fn the_trait_answers_as_the_fields_say() {
    let headers = HeaderMap::new();
    let error = classify(
        StatusCode::PAYMENT_REQUIRED,
        &headers,
        br#"{"error": "insufficient_credits", "message": "m"}"#,
    );
    assert_eq!(ErrorTaxonomy::code(&error), Some(Code::InsufficientCredits));
    assert_eq!(ErrorTaxonomy::status(&error), StatusCode::PAYMENT_REQUIRED);
    assert_eq!(ErrorTaxonomy::retry(&error), Retry::Never);
    assert_eq!(
        ErrorTaxonomy::remedies(&error),
        Code::InsufficientCredits.remedies()
    );
    // Without a code, the status's remedies as the source that sent it
    // gives them; from an unknown source, none: one API's advice is not
    // another's.
    let error = classify(StatusCode::PAYMENT_REQUIRED, &headers, b"");
    assert_eq!(error.source(), None);
    assert!(ErrorTaxonomy::remedies(&error).is_empty());
    let error = classify_from(Source::Agnes, StatusCode::PAYMENT_REQUIRED, &headers, b"");
    let agnes = Status::PaymentRequired
        .views()
        .iter()
        .find(|view| view.source == Source::Agnes)
        .map(|view| view.remedies)
        .unwrap();
    assert!(!agnes.is_empty());
    assert_eq!(ErrorTaxonomy::remedies(&error), agnes);
}

#[test]
fn into_owned_keeps_everything_and_outlives_the_response() {
    let owned = {
        let mut headers = HeaderMap::new();
        headers.insert("x-request-id", HeaderValue::from_static("req_1"));
        headers.insert("retry-after", HeaderValue::from_static("3"));
        let body = br#"{"status": "COMPLETED", "error": "Task execution failed", "error_type": "NEW_TYPE"}"#.to_vec();
        let error = classify(StatusCode::OK, &headers, &body);
        let copy = error.clone();
        let owned = error.into_owned();
        assert_eq!(owned, copy);
        owned
    };
    assert_eq!(owned.request_id(), Some("req_1"));
    assert_eq!(
        owned.error_type(),
        Some(&Reported::Unknown(Cow::Borrowed("NEW_TYPE")))
    );
    assert_eq!(
        owned.retry_after(),
        Some(RetryAfter::Delay(Duration::from_secs(3)))
    );
}

#[test]
fn display_is_for_logs_and_names_the_request() {
    let mut headers = HeaderMap::new();
    headers.insert("x-request-id", HeaderValue::from_static("req_42"));
    let error = classify(
        StatusCode::BAD_GATEWAY,
        &headers,
        br#"{"error": "upstream_error", "message": "provider down"}"#,
    );
    let shown = error.to_string();
    assert!(shown.contains("502"), "{shown}");
    assert!(shown.contains("upstream_error"), "{shown}");
    assert!(shown.contains("req_42"), "{shown}");
}

#[test]
fn request_id_headers_rank_the_catalogues_first() {
    let mut headers = HeaderMap::new();
    headers.insert("x-fal-request-id", HeaderValue::from_static("fal"));
    headers.insert("x-request-id", HeaderValue::from_static("catalogued"));
    let error = classify(StatusCode::INTERNAL_SERVER_ERROR, &headers, b"");
    assert_eq!(error.request_id(), Some("catalogued"));
    for source in Source::ALL {
        for name in source.request_id_headers() {
            let mut headers = HeaderMap::new();
            headers.insert(
                HeaderName::from_bytes(name.as_bytes()).unwrap(),
                HeaderValue::from_static("id"),
            );
            let error = classify(StatusCode::INTERNAL_SERVER_ERROR, &headers, b"");
            assert_eq!(error.request_id(), Some("id"), "{name}");
        }
    }
    // An empty value is no id.
    let mut headers = HeaderMap::new();
    headers.insert("x-request-id", HeaderValue::from_static("  "));
    assert_eq!(
        classify(StatusCode::INTERNAL_SERVER_ERROR, &headers, b"").request_id(),
        None
    );
}

#[test]
fn retry_after_forms() {
    let at = |value: &'static str| {
        let mut headers = HeaderMap::new();
        headers.insert("retry-after", HeaderValue::from_static(value));
        classify(StatusCode::TOO_MANY_REQUESTS, &headers, b"").retry_after()
    };
    assert_eq!(at("120"), Some(RetryAfter::Delay(Duration::from_secs(120))));
    assert_eq!(
        at(" 1.5 "),
        Some(RetryAfter::Delay(Duration::from_millis(1500)))
    );
    assert_eq!(at("0"), Some(RetryAfter::Delay(Duration::ZERO)));
    assert_eq!(
        at("Wed, 21 Oct 2015 07:28:00 GMT"),
        Some(RetryAfter::At(
            SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480)
        ))
    );
    assert_eq!(
        at("99999999999999999999999"),
        Some(RetryAfter::Delay(Duration::MAX))
    );
    for garbage in ["-1", "soon", "1e3", "inf", "NaN", "", "1.2.3", "+5", "."] {
        assert_eq!(at(garbage), None, "{garbage:?}");
    }
    assert_eq!(RetryAfter::parse(b"\xff"), None);
    assert_eq!(
        RetryAfter::parse_millis(b"250"),
        Some(RetryAfter::Delay(Duration::from_millis(250)))
    );
    assert_eq!(
        RetryAfter::parse_millis(b"0.5"),
        Some(RetryAfter::Delay(Duration::from_micros(500)))
    );
    assert_eq!(RetryAfter::parse_millis(b"-250"), None);

    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000);
    assert_eq!(
        RetryAfter::At(now + Duration::from_secs(30)).delay_from(now),
        Duration::from_secs(30)
    );
    assert_eq!(
        RetryAfter::At(now - Duration::from_secs(30)).delay_from(now),
        Duration::ZERO
    );
    assert_eq!(
        RetryAfter::Delay(Duration::from_secs(4)).delay_from(now),
        Duration::from_secs(4)
    );
}

#[test]
fn rate_limit_header_forms() {
    let of = |pairs: &[(&'static str, &'static str)]| {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.append(*name, HeaderValue::from_static(value));
        }
        classify(StatusCode::TOO_MANY_REQUESTS, &headers, b"").rate_limit()
    };
    assert!(of(&[]).is_empty());
    let listed = of(&[
        ("ratelimit-limit", "100, 100;w=60"),
        ("ratelimit-remaining", "7"),
        ("ratelimit-reset", "1.5"),
    ]);
    assert_eq!(listed.limit, Some(100));
    assert_eq!(listed.remaining, Some(7));
    assert_eq!(
        listed.reset,
        Some(RateLimitReset::After(Duration::from_millis(1500)))
    );
    let epoch = of(&[("x-ratelimit-reset", "1700000000")]);
    assert_eq!(
        epoch.reset,
        Some(RateLimitReset::At(
            SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000)
        ))
    );
    let go = of(&[("x-ratelimit-reset-requests", "1h2m3.5s")]);
    assert_eq!(
        go.reset,
        Some(RateLimitReset::After(Duration::from_millis(3_723_500)))
    );
    let ms = of(&[("x-ratelimit-reset-requests", "20ms")]);
    assert_eq!(
        ms.reset,
        Some(RateLimitReset::After(Duration::from_millis(20)))
    );
    let bad = of(&[
        ("x-ratelimit-limit", "lots"),
        ("x-ratelimit-reset", "5x"),
        ("x-ratelimit-remaining", "-1"),
    ]);
    assert!(bad.is_empty());
}
