//! Properties of the wire layer on outside input: whatever bytes, JSON,
//! headers or request ids arrive, `classify`, `decide` and `render` answer
//! without panicking, never read past `MAX_BODY`, and always give at least
//! the status's answer.

use std::time::Duration;

use errors_core::wire::{
    BodyIssue, Classified, Decision, Dialect, IdempotencyKey, MAX_BODY, Operation, RenderDialect,
    RenderError, RetryPolicy, StopReason, classify, render,
};
use errors_core::{Code, ErrorType, Retry, Shape, Source, Status, TaskStatus};
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use proptest::prelude::*;
use serde_json::Value;

fn status() -> impl Strategy<Value = StatusCode> {
    prop_oneof![
        prop::sample::select(Status::ALL.to_vec()).prop_map(Status::http),
        (100u16..=999).prop_map(|n| StatusCode::from_u16(n).unwrap()),
    ]
}

/// Names the scanner reads, and a few it does not.
const HEADER_NAMES: &[&str] = &[
    "content-type",
    "retry-after",
    "retry-after-ms",
    "x-request-id",
    "x-fal-request-id",
    "x-ratelimit-limit",
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
    "ratelimit-reset",
    "x-ratelimit-reset-requests",
    "x-should-retry",
    "x-fal-request-timeout-type",
    "server",
];

fn header_value() -> impl Strategy<Value = HeaderValue> {
    prop_oneof![
        // Anything a header may legally carry, obs-text included.
        prop::collection::vec(
            prop_oneof![Just(b'\t'), 0x20u8..=0x7e, 0x80u8..=0xff],
            0..40
        )
        .prop_filter_map("valid header value", |bytes| HeaderValue::from_bytes(
            &bytes
        )
        .ok()),
        prop::sample::select(vec![
            "0",
            "-1",
            "1.5",
            "1e9",
            "NaN",
            "inf",
            "120",
            "121",
            "99999999999999999999",
            "1700000000",
            "6m0s",
            "1h",
            "ms",
            "true",
            "FALSE",
            "user",
            "application/problem+json",
            "text/html",
            "Wed, 21 Oct 2015 07:28:00 GMT",
            "Sun, 06 Nov 1994 08:49:37 GMT",
            "Thu, 01 Jan 1970 00:00:00 GMT",
        ])
        .prop_map(HeaderValue::from_static),
    ]
}

fn headers() -> impl Strategy<Value = HeaderMap> {
    prop::collection::vec((prop::sample::select(HEADER_NAMES), header_value()), 0..8).prop_map(
        |pairs| {
            let mut map = HeaderMap::new();
            for (name, value) in pairs {
                map.append(HeaderName::from_static(name), value);
            }
            map
        },
    )
}

/// Text a server might send: catalogue spellings, or anything.
fn text() -> impl Strategy<Value = String> {
    let mut known: Vec<String> = Vec::new();
    for code in Code::ALL {
        known.push(code.as_str().to_owned());
        for source in Source::ALL {
            if let Some(wire) = code.wire_name(*source) {
                known.push(wire.to_owned());
            }
        }
    }
    known.extend(ErrorType::ALL.iter().map(|t| t.as_str().to_owned()));
    known.extend(TaskStatus::ALL.iter().map(|t| t.as_str().to_owned()));
    prop_oneof![prop::sample::select(known), any::<String>()]
}

const KEYS: &[&str] = &[
    "error",
    "message",
    "detail",
    "status",
    "error_type",
    "request_id",
    "code",
    "type",
    "title",
    "msg",
    "instance",
];

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(KEYS).prop_map(str::to_owned),
        "[a-z_]{0,8}"
    ]
}

fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        text().prop_map(Value::from),
    ];
    leaf.prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..6)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

/// What every answer satisfies, whatever came in.
fn assert_sound(
    error: &Classified<'_>,
    status: StatusCode,
    body: &[u8],
) -> Result<(), TestCaseError> {
    prop_assert_eq!(error.status(), status);
    prop_assert_eq!(error.catalogued(), Status::from_u16(status.as_u16()));
    if status.is_client_error() || status.is_server_error() {
        prop_assert!(error.is_failure());
        prop_assert!(!error.user_message().is_empty());
    }
    if body.len() > MAX_BODY {
        prop_assert_eq!(
            error.body_issue(),
            Some(BodyIssue::TooLarge { len: body.len() })
        );
        prop_assert!(
            error.code().is_none() && error.message().is_none() && error.wire_code().is_none()
        );
        prop_assert!(error.error_type().is_none() && error.task_status().is_none());
    }
    if error.code().is_some() {
        prop_assert!(error.is_failure(), "a success carries no error code");
    }
    // Any retry rule, any decision: nothing panics, waits stay in the cap.
    let _ = error.retry();
    let _ = error.remedies();
    let policy = RetryPolicy::builder().seed(3).build().unwrap();
    for operation in [
        Operation::Create {
            idempotency_key: IdempotencyKey::Absent,
        },
        Operation::Create {
            idempotency_key: IdempotencyKey::Sent,
        },
        Operation::StatusPoll,
        Operation::ResultFetch,
        Operation::Cancel,
        Operation::Idempotent,
    ] {
        for attempt in [0, 1, 2, 100, u32::MAX] {
            match policy.decide(error, operation, attempt) {
                Decision::Retry { after } | Decision::SubmitNew { after } => {
                    prop_assert!(after <= policy.max_retry_after());
                }
                Decision::Stop {
                    reason: StopReason::WaitLongerThanCap { wait },
                } => {
                    prop_assert!(wait > policy.max_retry_after());
                }
                _ => {}
            }
        }
    }
    let owned = error.clone().into_owned();
    prop_assert_eq!(&owned, error);
    Ok(())
}

/// Whether `shape` reads the request id from the top-level `request_id`
/// member before any other place.
fn request_id_first_at_top_level(shape: Shape) -> bool {
    let root = Shape::PLAN[0];
    let top = usize::from(root.first_child)..usize::from(root.first_child + root.children);
    let Some(node) = top
        .into_iter()
        .find(|&i| Shape::PLAN[i].step == Some(errors_vocab::wire::Step::Member("request_id")))
    else {
        return false;
    };
    shape.fields().iter().any(|f| {
        f.field == errors_core::wire::BodyField::RequestId
            && f.places.first() == Some(&(node as u16))
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(status in status(), headers in headers(), body in prop::collection::vec(any::<u8>(), 0..512)) {
        let error = classify(status, &headers, &body);
        assert_sound(&error, status, &body)?;
    }

    #[test]
    fn arbitrary_json_is_read_without_error(status in status(), headers in headers(), value in json()) {
        let body = serde_json::to_vec(&value).unwrap();
        let error = classify(status, &headers, &body);
        assert_sound(&error, status, &body)?;
        // Valid JSON within the nesting limit is never called malformed.
        prop_assert_eq!(error.body_issue(), None);
        if value.is_object() || value.is_array() {
            prop_assert!(!matches!(error.dialect(), Dialect::Html | Dialect::Text | Dialect::Empty));
        }
        // A top-level request_id string is found whenever the body's shape
        // places the request id there first, whatever else is there.
        if let (Some(Value::String(id)), Some(shape)) = (value.get("request_id"), error.dialect().shape())
            && request_id_first_at_top_level(shape)
        {
            prop_assert_eq!(error.request_id(), Some(id.as_str()));
        }
    }

    #[test]
    fn known_fields_of_any_type_never_fail_the_body(status in status(), values in prop::collection::vec(json(), KEYS.len())) {
        let object: serde_json::Map<String, Value> =
            KEYS.iter().map(|k| (*k).to_owned()).zip(values).collect();
        let body = serde_json::to_vec(&Value::Object(object)).unwrap();
        let headers = HeaderMap::new();
        let error = classify(status, &headers, &body);
        assert_sound(&error, status, &body)?;
        prop_assert_eq!(error.body_issue(), None);
    }

    #[test]
    fn text_is_decoded_exactly_and_borrowed_unless_escaped(detail in any::<String>()) {
        let body = serde_json::to_vec(&serde_json::json!({ "detail": detail })).unwrap();
        let headers = HeaderMap::new();
        let error = classify(StatusCode::BAD_REQUEST, &headers, &body);
        prop_assert_eq!(error.dialect(), Dialect::Declared(Shape::Detail));
        prop_assert_eq!(error.message(), Some(detail.as_str()));
        let escaped = detail.chars().any(|c| c == '"' || c == '\\' || c < ' ');
        // Borrowed text points into the body; decoded text was copied.
        let borrowed = error.message().is_some_and(|text| body.as_ptr_range().contains(&text.as_ptr()));
        prop_assert_eq!(borrowed, !escaped || detail.is_empty());
    }

    #[test]
    fn bodies_over_the_limit_are_never_parsed(status in status(), extra in 1usize..4096, code in prop::sample::select(Code::ALL.to_vec())) {
        // A valid body that names a code, padded past the limit with
        // whitespace JSON allows: parsing it would find the code.
        let mut body = format!(r#"{{"error": "{}", "message": "m"}}"#, code.as_str()).into_bytes();
        body.resize(MAX_BODY + extra, b' ');
        let headers = HeaderMap::new();
        let error = classify(status, &headers, &body);
        assert_sound(&error, status, &body)?;
        prop_assert_eq!(error.dialect(), Dialect::UnknownJson);
    }

    #[test]
    fn bad_header_values_never_panic_and_retry_after_is_bounded(status in status(), headers in headers()) {
        let error = classify(status, &headers, b"");
        assert_sound(&error, status, b"")?;
    }

    #[test]
    fn request_ids_are_echoed_only_when_they_are_safe_headers(id in prop_oneof![any::<String>(), "[ -~\r\n\t]{0,300}"]) {
        match render(&Code::InternalError, RenderDialect::Shape(Shape::CodeAndMessage), Some(&id)) {
            Ok(response) => {
                prop_assert!(!id.is_empty() && id.len() <= 256 && id.bytes().all(|b| b.is_ascii_graphic()));
                prop_assert_eq!(response.headers()["x-request-id"].as_bytes(), id.as_bytes());
            }
            Err(RenderError::InvalidRequestId) => {
                prop_assert!(id.is_empty() || id.len() > 256 || !id.bytes().all(|b| b.is_ascii_graphic()));
            }
            Err(other) => prop_assert!(false, "{other}"),
        }
    }
}

/// Nesting far past serde_json's recursion limit (128). The scanner
/// descends a few levels into the fields it knows and skips everything
/// else with `IgnoredAny`, which serde_json walks without recursion; so
/// deep values are skipped without touching the stack, the fields around
/// them are still found, and an unterminated one is malformed.
#[test]
fn deep_nesting_is_skipped_without_overflowing_the_stack() {
    let depth = 12_000;
    let open = "[".repeat(depth);
    let close = "]".repeat(depth);
    let headers = HeaderMap::new();
    let read = |body: &str| {
        assert!(body.len() <= MAX_BODY);
        classify(StatusCode::INTERNAL_SERVER_ERROR, &headers, body.as_bytes()).into_owned()
    };

    let error = read(&format!("{open}{close}"));
    assert_eq!(
        (error.dialect(), error.body_issue()),
        (Dialect::UnknownJson, None)
    );
    let error = read(&format!(
        "{}1{}",
        r#"{"a":"#.repeat(depth / 2),
        "}".repeat(depth / 2)
    ));
    assert_eq!(
        (error.dialect(), error.body_issue()),
        (Dialect::UnknownJson, None)
    );

    let error = read(&format!(
        r#"{{"extra": {open}{close}, "error": "internal_error", "message": "m"}}"#
    ));
    assert_eq!(error.code(), Some(Code::InternalError));
    // Deep values in the places the scanner looks into are skipped too.
    let error = read(&format!(
        r#"{{"error": {{"code": {open}{close}, "message": "Request not found"}}}}"#
    ));
    assert_eq!(
        (error.dialect(), error.code(), error.wire_code()),
        (
            Dialect::Declared(Shape::Gateway),
            Some(Code::RequestNotFound),
            None
        )
    );
    let error = read(&format!(
        r#"{{"detail": [{{"msg": {open}{close}}}, {open}{close}]}}"#
    ));
    assert_eq!(
        (error.dialect(), error.message()),
        (Dialect::Declared(Shape::Detail), None)
    );

    // Unterminated: malformed, and the status still answers.
    for body in [
        "[".repeat(MAX_BODY),
        format!(r#"{{"error": {{"code": {open}"#),
    ] {
        let error = read(&body);
        assert_eq!(error.body_issue(), Some(BodyIssue::Malformed));
        assert_eq!(error.dialect(), Dialect::UnknownJson);
        assert!(matches!(error.retry(), Retry::Backoff { .. }));
    }
}

#[test]
fn huge_retry_after_values_stop_instead_of_overflowing() {
    let policy = RetryPolicy::default();
    for value in ["18446744073709551615", "1000000000000", "99999999999.9"] {
        let mut headers = HeaderMap::new();
        headers.insert("retry-after", HeaderValue::from_static(value));
        let error = classify(StatusCode::TOO_MANY_REQUESTS, &headers, b"");
        let decision = policy.decide(&error, Operation::StatusPoll, 1);
        assert!(
            matches!(
                decision,
                Decision::Stop {
                    reason: StopReason::WaitLongerThanCap { .. }
                }
            ),
            "{value}: {decision:?}"
        );
    }
    // Far-future dates too.
    let mut headers = HeaderMap::new();
    headers.insert(
        "retry-after",
        HeaderValue::from_static("Fri, 31 Dec 9999 23:59:59 GMT"),
    );
    let error = classify(StatusCode::TOO_MANY_REQUESTS, &headers, b"");
    assert!(matches!(
        policy.decide(&error, Operation::StatusPoll, 1),
        Decision::Stop { reason: StopReason::WaitLongerThanCap { wait } } if wait > Duration::from_secs(3600)
    ));
}
