//! The responses the classify benchmark and `scripts/classify-instructions`
//! measure: one of each shape the wire layer reads, as its server sends it,
//! and a large task status. Shared, so both measure the same bytes.

use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};

/// One response, as a server sends it.
struct Shape {
    name: &'static str,
    status: u16,
    headers: &'static [(&'static str, &'static str)],
    body: &'static str,
}

const JSON: (&str, &str) = ("content-type", "application/json");

/// One response of each shape the wire layer reads.
const SHAPES: &[Shape] = &[
    Shape {
        name: "gateway",
        status: 429,
        headers: &[JSON, ("retry-after", "12")],
        body: r#"{ "error": { "code": "RATE_LIMIT_EXCEEDED", "message": "Rate limit exceeded, please try again later" }, "request_id": "mmsu_01hxyz"}"#,
    },
    Shape {
        name: "detail",
        status: 404,
        headers: &[JSON],
        body: r#"{ "detail": "App not found: not_exists"}"#,
    },
    Shape {
        name: "task_status",
        status: 200,
        headers: &[JSON],
        body: r#"{ "status": "COMPLETED", "request_id": "mmsu_01hxyz...", "response_url": "https://.../response", "error": "Task execution failed", "error_type": "INFERENCE_FAILURE"}"#,
    },
    Shape {
        name: "code_and_message",
        status: 400,
        headers: &[JSON, ("x-request-id", "req_01HXYZ")],
        body: r#"{"error": "invalid_request", "message": "Field 'format' must be one of: png, jpeg."}"#,
    },
    Shape {
        name: "error_string",
        status: 404,
        headers: &[JSON],
        body: r#"{"error": "Prediction not found"}"#,
    },
    Shape {
        name: "openai",
        status: 429,
        headers: &[
            JSON,
            ("x-request-id", "req_abc"),
            ("retry-after-ms", "1500"),
        ],
        body: r#"{"error": {"message": "Rate limit reached for requests", "type": "requests", "param": null, "code": "rate_limit_exceeded"}}"#,
    },
    Shape {
        name: "problem",
        status: 404,
        headers: &[("content-type", "application/problem+json")],
        body: r#"{"type": "https://docs.rs/errors-core/latest/errors_core/enum.Code.html#variant.ModelNotFound", "title": "Not Found", "status": 404, "detail": "The selected model could not be found.", "instance": "/v1/queue/x", "code": "model_not_found"}"#,
    },
    Shape {
        name: "html_520",
        status: 520,
        headers: &[("content-type", "text/html")],
        body: "<!DOCTYPE html>\n<html><head><title>example.com | 520: Web server is returning an unknown error</title></head><body>Error code 520</body></html>",
    },
    Shape {
        name: "empty_500",
        status: 500,
        headers: &[],
        body: "",
    },
];

/// A status poll that carries its logs: most of it is what `classify`
/// skips, as real bodies beside the error fields do.
fn task_status_with_logs() -> String {
    let line = r#"{"message": "step 12/40: denoising", "level": "INFO", "source": "user", "timestamp": "2024-05-01T12:00:00.000Z"}"#;
    let logs = vec![line; 40].join(", ");
    format!(
        r#"{{"status": "COMPLETED", "request_id": "mmsu_01hxyz", "response_url": "https://queue.example/requests/mmsu_01hxyz/response", "logs": [{logs}], "metrics": {{"inference_time": 12.34, "queue_time": 0.5}}, "error": "Task execution failed", "error_type": "INFERENCE_TIMEOUT"}}"#
    )
}

/// Every response measured, as (name, status, headers, body): the shapes
/// above, then the task status with 40 log lines.
pub fn responses() -> Vec<(&'static str, StatusCode, HeaderMap, Vec<u8>)> {
    let large = Shape {
        name: "task_status_with_logs",
        status: 200,
        headers: &[JSON, ("x-fal-request-id", "mmsu_01hxyz")],
        body: "",
    };
    let with_logs = task_status_with_logs();
    SHAPES
        .iter()
        .map(|shape| (shape, shape.body.as_bytes().to_vec()))
        .chain(std::iter::once((&large, with_logs.into_bytes())))
        .map(|(shape, body)| {
            let status = StatusCode::from_u16(shape.status).expect("a valid status");
            let mut headers = HeaderMap::new();
            for (name, value) in shape.headers {
                headers.insert(
                    HeaderName::from_static(name),
                    HeaderValue::from_static(value),
                );
            }
            (shape.name, status, headers, body)
        })
        .collect()
}
