//! `wire::render`: each dialect's status, headers and body; request ids
//! that cannot be headers are refused; render → classify gives back the
//! same code.

use std::borrow::Cow;

use errors_core::wire::{
    Dialect, MAX_REQUEST_ID, RenderDialect, RenderError, classify, classify_response, render,
};
use errors_core::{Code, ErrorTaxonomy, ErrorType, Retry, Shape, Source, Status};
use http::StatusCode;
use serde_json::{Value, json};

const DIALECTS: [RenderDialect; 4] = [
    RenderDialect::Shape(Shape::Gateway),
    RenderDialect::Shape(Shape::Detail),
    RenderDialect::Shape(Shape::CodeAndMessage),
    RenderDialect::Problem,
];

fn body(response: &http::Response<Vec<u8>>) -> Value {
    serde_json::from_slice(response.body()).unwrap()
}

fn header<'r>(response: &'r http::Response<Vec<u8>>, name: &str) -> Option<&'r str> {
    response.headers().get(name).map(|v| v.to_str().unwrap())
}

#[test]
fn queue_gateway_body_status_and_headers() {
    let response = render(
        &Code::InvalidApiKey,
        RenderDialect::Shape(Shape::Gateway),
        Some("req_1"),
    )
    .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(header(&response, "content-type"), Some("application/json"));
    assert_eq!(header(&response, "x-request-id"), Some("req_1"));
    assert_eq!(header(&response, "retry-after"), None);
    assert_eq!(
        body(&response),
        json!({"error": {"code": "UNAUTHORIZED", "message": Code::InvalidApiKey.user_message()}, "request_id": "req_1"})
    );

    // A code the gateway does not spell goes by its canonical id.
    let response = render(
        &Code::ModelNotFound,
        RenderDialect::Shape(Shape::Gateway),
        None,
    )
    .unwrap();
    assert_eq!(
        body(&response),
        json!({"error": {"code": "model_not_found", "message": Code::ModelNotFound.user_message()}})
    );
    assert_eq!(header(&response, "x-request-id"), None);
}

#[test]
fn queue_detail_sends_the_fixed_message_or_the_user_message() {
    let response = render(
        &Code::RequestNotFound,
        RenderDialect::Shape(Shape::Detail),
        None,
    )
    .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(body(&response), json!({"detail": "Request not found"}));
    let response = render(
        &Code::WebhookNotSupported,
        RenderDialect::Shape(Shape::Detail),
        None,
    )
    .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(body(&response), json!({"detail": "webhook not supported"}));
    // A message with a variable part is never sent with its placeholder.
    let response = render(
        &Code::ModelNotFound,
        RenderDialect::Shape(Shape::Detail),
        None,
    )
    .unwrap();
    assert_eq!(
        body(&response),
        json!({"detail": Code::ModelNotFound.user_message()})
    );
    // A gateway code is not a message.
    let response = render(
        &Code::RateLimitExceeded,
        RenderDialect::Shape(Shape::Detail),
        Some("r"),
    )
    .unwrap();
    // The queue's `detail` shape places a request id (`/request_id`), so
    // the body carries it beside the header.
    assert_eq!(
        body(&response),
        json!({"detail": Code::RateLimitExceeded.user_message(), "request_id": "r"})
    );
    assert_eq!(header(&response, "retry-after"), Some("60"));
    assert_eq!(header(&response, "x-request-id"), Some("r"));
}

#[test]
fn runs_body_status_and_headers() {
    let response = render(
        &Code::RateLimitExceeded,
        RenderDialect::Shape(Shape::CodeAndMessage),
        Some("req_9"),
    )
    .unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(header(&response, "content-type"), Some("application/json"));
    assert_eq!(header(&response, "retry-after"), Some("60"));
    assert_eq!(header(&response, "x-request-id"), Some("req_9"));
    assert_eq!(
        body(&response),
        json!({"error": "rate_limit_exceeded", "message": Code::RateLimitExceeded.user_message()})
    );
    // 503's rule names 30–60 s: the shortest goes into Retry-After.
    let response = render(
        &Code::ServiceUnavailable,
        RenderDialect::Shape(Shape::CodeAndMessage),
        None,
    )
    .unwrap();
    assert_eq!(header(&response, "retry-after"), Some("30"));
    // A code runs does not send goes by its canonical id.
    let response = render(
        &Code::PredictionNotFound,
        RenderDialect::Shape(Shape::CodeAndMessage),
        None,
    )
    .unwrap();
    assert_eq!(body(&response)["error"], "prediction_not_found");
}

#[test]
fn problem_details_body_status_and_headers() {
    let response = render(
        &Code::ValidationError,
        RenderDialect::Problem,
        Some("req_p"),
    )
    .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        header(&response, "content-type"),
        Some("application/problem+json")
    );
    assert_eq!(header(&response, "x-request-id"), Some("req_p"));
    assert_eq!(
        body(&response),
        json!({
            "type": Code::ValidationError.docs_url(),
            "title": "Unprocessable Entity",
            "status": 422,
            "detail": Code::ValidationError.user_message(),
            "code": "validation_error",
            "request_id": "req_p",
        })
    );
    // The catalogue's own reason phrases for non-standard statuses.
    let response = render(&Code::Canceled, RenderDialect::Problem, None).unwrap();
    assert_eq!(response.status().as_u16(), 499);
    assert_eq!(body(&response)["title"], "Client Closed Request");
}

/// A service's error that knows no code, and whose `Display` holds secrets.
#[derive(Debug)]
struct Leaky;

impl std::fmt::Display for Leaky {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("db password hunter2 at /srv/app/db.rs:12")
    }
}

impl ErrorTaxonomy for Leaky {
    fn code(&self) -> Option<Code> {
        None
    }
    fn status(&self) -> StatusCode {
        StatusCode::TOO_MANY_REQUESTS
    }
    fn retry(&self) -> Retry {
        Retry::AfterHeader {
            header: "Retry-After",
            fallback_secs: 2,
            create: errors_core::CreateRule::Safe,
        }
    }
    fn user_message(&self) -> Cow<'_, str> {
        Cow::Borrowed("Slow down, \"please\".\nThanks")
    }
    fn remedies(&self) -> &'static [&'static str] {
        &[]
    }
}

#[test]
fn an_error_without_code_uses_its_status_and_only_its_user_message() {
    for dialect in DIALECTS {
        let response = render(&Leaky, dialect, None).unwrap();
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        // The rule's own wait: it has no code to take one from.
        assert_eq!(header(&response, "retry-after"), Some("2"));
        let text = String::from_utf8(response.body().clone()).unwrap();
        assert!(
            !text.contains("hunter2") && !text.contains("db.rs"),
            "{text}"
        );
        assert!(!text.contains("Leaky"), "{text}");
        // The message survives JSON escaping intact.
        let message = match dialect {
            RenderDialect::Shape(Shape::Gateway) => body(&response)["error"]["message"].clone(),
            RenderDialect::Shape(Shape::CodeAndMessage) => body(&response)["message"].clone(),
            RenderDialect::Shape(Shape::Detail) => body(&response)["detail"].clone(),
            RenderDialect::Problem => body(&response)["detail"].clone(),
            other => panic!("no expectation for {other:?}"),
        };
        assert_eq!(message, "Slow down, \"please\".\nThanks");
    }
    let response = render(&Leaky, RenderDialect::Shape(Shape::Gateway), None).unwrap();
    assert_eq!(body(&response)["error"]["code"], "TOO_MANY_REQUESTS");
    let response = render(&Leaky, RenderDialect::Shape(Shape::CodeAndMessage), None).unwrap();
    assert_eq!(body(&response)["error"], "too_many_requests");
    let response = render(&Leaky, RenderDialect::Problem, None).unwrap();
    assert_eq!(body(&response)["type"], "about:blank");
    assert!(body(&response).get("code").is_none());
}

#[test]
fn request_ids_that_cannot_be_headers_are_refused() {
    let too_long = "a".repeat(MAX_REQUEST_ID + 1);
    for id in [
        "req\r\nSet-Cookie: x=1",
        "req\n",
        "req\r",
        "a b",
        "",
        "tab\there",
        "é",
        "\0",
        too_long.as_str(),
    ] {
        for dialect in DIALECTS {
            let result = render(&Code::InternalError, dialect, Some(id));
            assert!(
                matches!(result, Err(RenderError::InvalidRequestId)),
                "{id:?} {dialect:?}"
            );
        }
    }
    let longest = "a".repeat(MAX_REQUEST_ID);
    assert!(
        render(
            &Code::InternalError,
            RenderDialect::Shape(Shape::CodeAndMessage),
            Some(&longest)
        )
        .is_ok()
    );
    let error = render(
        &Code::InternalError,
        RenderDialect::Shape(Shape::CodeAndMessage),
        Some("x\ny"),
    )
    .unwrap_err();
    assert!(
        !error.to_string().contains("x\ny"),
        "the id is not echoed in the error either"
    );
}

#[test]
fn every_code_renders_with_its_status_and_message() {
    for &code in Code::ALL {
        for dialect in DIALECTS {
            let response = render(&code, dialect, Some("id")).unwrap();
            assert_eq!(response.status(), code.status(), "{code} {dialect:?}");
            let body = body(&response);
            let (message, want) = match dialect {
                RenderDialect::Shape(Shape::Gateway) => {
                    (&body["error"]["message"], code.user_message())
                }
                RenderDialect::Shape(Shape::CodeAndMessage) => {
                    (&body["message"], code.user_message())
                }
                RenderDialect::Problem => (&body["detail"], code.user_message()),
                RenderDialect::Shape(Shape::Detail) => (
                    &body["detail"],
                    queue_fixed_message(code).unwrap_or(code.user_message()),
                ),
                other => panic!("no expectation for {other:?}"),
            };
            assert_eq!(message, want, "{code} {dialect:?}");
        }
    }
    // A task failure renders as its code, a status as itself.
    let response = render(
        &ErrorType::ContentBlocked,
        RenderDialect::Shape(Shape::CodeAndMessage),
        None,
    )
    .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body(&response)["error"], "content_blocked");
}

/// The queue's fixed message for `code`: a wire name that is not a gateway
/// code (`UNAUTHORIZED`) and has no variable part (`App not found: {app}`).
fn queue_fixed_message(code: Code) -> Option<&'static str> {
    code.wire_name(Source::Queue).filter(|name| {
        !name.contains('{') && !name.bytes().all(|b| b.is_ascii_uppercase() || b == b'_')
    })
}

#[test]
fn render_then_classify_gives_back_the_same_code() {
    let mut problems = Vec::new();
    for &code in Code::ALL {
        for dialect in [
            RenderDialect::Shape(Shape::Gateway),
            RenderDialect::Shape(Shape::CodeAndMessage),
            RenderDialect::Problem,
        ] {
            let response = render(&code, dialect, Some("req_rt")).unwrap();
            let error = classify_response(&response);
            if error.code() != Some(code)
                || error.dialect() != dialect.dialect()
                || error.request_id() != Some("req_rt")
            {
                problems.push(format!("{code} {dialect:?}: {error:?}"));
            }
        }
        // The detail dialect carries a code only through the queue's fixed messages.
        if queue_fixed_message(code).is_some() {
            let response = render(&code, RenderDialect::Shape(Shape::Detail), None).unwrap();
            let error = classify_response(&response);
            if error.code() != Some(code) || error.dialect() != Dialect::Declared(Shape::Detail) {
                problems.push(format!("{code} QueueDetail: {error:?}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_classified_error_renders_again_as_the_same_code() {
    // A gateway in front of a service: classify what came back, answer with it.
    let headers = http::HeaderMap::new();
    let upstream = classify(
        StatusCode::NOT_FOUND,
        &headers,
        br#"{"detail": "App not found: my-app"}"#,
    );
    let response = render(&upstream, RenderDialect::Shape(Shape::CodeAndMessage), None).unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(body(&response)["error"], "model_not_found");
    assert_eq!(
        classify_response(&response).code(),
        Some(Code::ModelNotFound)
    );
    // A status-only error keeps its status.
    let upstream = classify(StatusCode::from_u16(522).unwrap(), &headers, b"");
    let response = render(&upstream, RenderDialect::Problem, None).unwrap();
    assert_eq!(response.status().as_u16(), 522);
    assert_eq!(
        body(&response)["title"],
        Status::ConnectionTimedOut.reason()
    );
}
