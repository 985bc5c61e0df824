//! `?` in axum handlers: a service's own derived error enum and a `Code`
//! become responses with the catalogue's status and user message, without
//! a `map_err` in sight.

use axum::Router;
use axum::routing::get;
use errors_core::integrations::axum::Reply;
use errors_core::{Code, ErrorTaxonomy};
use tower::ServiceExt;

#[derive(Debug, thiserror::Error, ErrorTaxonomy)]
enum GenerateError {
    #[error("no credit left for org {org}")]
    #[taxonomy(code = "insufficient_credits")]
    NoCredit { org: String },
}

fn charge(org: &str) -> Result<(), GenerateError> {
    Err(GenerateError::NoCredit {
        org: org.to_owned(),
    })
}

fn model(name: &str) -> Result<&'static str, Code> {
    match name {
        "flux" => Ok("flux"),
        _ => Err(Code::ModelNotFound),
    }
}

async fn generate() -> Result<&'static str, Reply<GenerateError>> {
    charge("org-7")?;
    Ok("done")
}

async fn describe() -> Result<&'static str, Code> {
    let name = model("nope")?;
    Ok(name)
}

async fn call(app: Router, path: &str) -> (http::StatusCode, serde_json::Value) {
    let response = app
        .oneshot(
            http::Request::get(path)
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    let status = response.status();
    let body = axum::body::to_bytes(response.into_body(), 1 << 16)
        .await
        .unwrap();
    (status, serde_json::from_slice(&body).unwrap())
}

#[tokio::test]
async fn question_mark_answers_with_the_catalogue() {
    let app = Router::new()
        .route("/generate", get(generate))
        .route("/describe", get(describe));

    let (status, body) = call(app.clone(), "/generate").await;
    assert_eq!(status, 402);
    assert_eq!(body["code"], "insufficient_credits");
    assert_eq!(body["detail"], Code::InsufficientCredits.user_message());
    assert!(
        !body.to_string().contains("org-7"),
        "internal detail stays in logs"
    );

    let (status, body) = call(app, "/describe").await;
    assert_eq!(status, 404);
    assert_eq!(body["code"], "model_not_found");
}
