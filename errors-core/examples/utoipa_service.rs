//! An axum service whose OpenAPI document lists every error it answers
//! with, from the same derive that answers them.
//!
//! ```text
//! cargo run -p errors-core --example utoipa_service --features axum,utoipa -- [PORT]
//! curl http://127.0.0.1:PORT/openapi.json
//! ```
//!
//! It binds 127.0.0.1 (port 0, a free one, unless PORT says), prints its
//! address and serves until interrupted. `#[derive(ErrorTaxonomy)]` on
//! `ApiError` (with the `utoipa` feature) implements `utoipa::IntoResponses`,
//! so each `#[utoipa::path]` names `ApiError` among its responses: one
//! response per status, RFC 9457 problem details with an example per
//! variant (the body `Reply` sends for it), and `Retry-After` where the
//! variant's rule sends it.
//!
//! The derive documents every variant of the enum on every operation that
//! names it; an operation that can fail in fewer ways names an enum of
//! its own.

use std::net::{Ipv4Addr, SocketAddr};
use std::process::ExitCode;

use axum::Json;
use axum::Router;
use axum::extract::Path;
use axum::routing::{get, post};
use errors_core::ErrorTaxonomy;
use errors_core::integrations::axum::Reply;
use utoipa::OpenApi;

/// Every way the service fails, each tied to the catalogue.
#[derive(Debug, thiserror::Error, ErrorTaxonomy)]
enum ApiError {
    #[error("no model named {0}")]
    #[taxonomy(code = "model_not_found")]
    ModelNotFound(String),
    #[error("rate limited")]
    #[taxonomy(code = "rate_limit_exceeded")]
    RateLimited,
    #[error("org {org} has no credits left")]
    #[taxonomy(code = "insufficient_credits")]
    OutOfCredits { org: String },
    // Not in the catalogue; its message shows a field, so the document
    // shows the template (`No image {id}`).
    #[error("image {id} is not stored")]
    #[taxonomy(status = 404, message = "No image {id}")]
    NoImage {
        #[taxonomy(user)]
        id: u32,
    },
    #[error("workflow locked")]
    #[taxonomy(status = 409, retry = "never", message = "This workflow is locked")]
    Locked,
}

/// The model's name, when it exists.
#[utoipa::path(
    get,
    path = "/models/{name}",
    params(("name" = String, Path, description = "A model's name: `flux` exists")),
    responses((status = 200, description = "The model exists", body = String), ApiError)
)]
async fn model(Path(name): Path<String>) -> Result<String, Reply<ApiError>> {
    find_model(&name)?;
    Ok(name)
}

/// Starts a generation; the model's name picks a failure (`busy`,
/// `broke`, `locked`).
#[utoipa::path(
    post,
    path = "/generate/{model}",
    params(("model" = String, Path, description = "`flux`, or `busy`, `broke`, `locked` to fail")),
    responses((status = 200, description = "Started", body = String), ApiError)
)]
async fn generate(Path(model): Path<String>) -> Result<String, Reply<ApiError>> {
    match model.as_str() {
        "busy" => Err(ApiError::RateLimited)?,
        "broke" => Err(ApiError::OutOfCredits { org: "acme".into() })?,
        "locked" => Err(ApiError::Locked)?,
        _ => find_model(&model)?,
    }
    Ok(format!("generating with {model}"))
}

/// A stored image: ids below 1000 exist.
#[utoipa::path(
    get,
    path = "/images/{id}",
    params(("id" = u32, Path, description = "An image id")),
    responses((status = 200, description = "The image's name", body = String), ApiError)
)]
async fn image(Path(id): Path<u32>) -> Result<String, Reply<ApiError>> {
    if id >= 1000 {
        return Err(ApiError::NoImage { id }.into());
    }
    Ok(format!("image-{id}.png"))
}

fn find_model(name: &str) -> Result<(), ApiError> {
    if name == "flux" {
        Ok(())
    } else {
        Err(ApiError::ModelNotFound(name.to_owned()))
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "utoipa_service",
        description = "errors-core's example: every error documented"
    ),
    paths(model, generate, image)
)]
struct ApiDoc;

/// The document, as served at `/openapi.json`.
async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

fn router() -> Router {
    Router::new()
        .route("/models/{name}", get(model))
        .route("/generate/{model}", post(generate))
        .route("/images/{id}", get(image))
        .route("/openapi.json", get(openapi))
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let port = match std::env::args().nth(1).map(|arg| arg.parse::<u16>()) {
        None => 0,
        Some(Ok(port)) => port,
        Some(Err(_)) => {
            eprintln!("usage: utoipa_service [PORT]");
            return ExitCode::from(2);
        }
    };
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("cannot listen on {addr}: {error}");
            return ExitCode::FAILURE;
        }
    };
    match listener.local_addr() {
        Ok(bound) => {
            println!("utoipa_service listening on http://{bound} (document: /openapi.json)")
        }
        Err(error) => eprintln!("listening, address unknown: {error}"),
    }
    match axum::serve(listener, router()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("server failed: {error}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use axum::response::IntoResponse;
    use errors_core::integrations::utoipa::variant_docs;
    use serde_json::Value;

    use super::*;

    /// One value of each variant, by name. The `match` has no wildcard: a
    /// variant added to `ApiError` fails to compile here until it has a
    /// sample, and the test below checks the samples cover the enum.
    fn samples() -> Vec<(&'static str, ApiError)> {
        let all = vec![
            ApiError::ModelNotFound("nope".into()),
            ApiError::RateLimited,
            ApiError::OutOfCredits { org: "acme".into() },
            ApiError::NoImage { id: 1234 },
            ApiError::Locked,
        ];
        all.into_iter()
            .map(|error| {
                let name = match &error {
                    ApiError::ModelNotFound(_) => "ModelNotFound",
                    ApiError::RateLimited => "RateLimited",
                    ApiError::OutOfCredits { .. } => "OutOfCredits",
                    ApiError::NoImage { .. } => "NoImage",
                    ApiError::Locked => "Locked",
                };
                (name, error)
            })
            .collect()
    }

    async fn start() -> String {
        let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .await
            .expect("a loopback port");
        let addr = listener.local_addr().expect("its address");
        tokio::spawn(async move { axum::serve(listener, router()).await });
        format!("http://{addr}")
    }

    async fn body_json(response: axum::response::Response) -> Value {
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("a rendered body");
        serde_json::from_slice(&bytes).expect("a JSON body")
    }

    /// The example of `name` in a response's problem content: `example`
    /// when it is the status's only variant, else its entry of `examples`.
    fn example<'a>(response: &'a Value, name: &str) -> Option<&'a Value> {
        let content = &response["content"]["application/problem+json"];
        content["examples"]
            .get(name)
            .map(|example| &example["value"])
            .or_else(|| content.get("example"))
    }

    #[tokio::test]
    async fn the_served_document_lists_every_error_as_it_is_sent() {
        let base = start().await;
        let client = reqwest::Client::new();
        let document: Value = serde_json::from_slice(
            &client
                .get(format!("{base}/openapi.json"))
                .send()
                .await
                .expect("the document is served")
                .bytes()
                .await
                .expect("its body"),
        )
        .expect("the document is JSON");

        let samples = samples();
        let sampled: BTreeSet<&str> = samples.iter().map(|(name, _)| *name).collect();
        let documented: BTreeSet<&str> = variant_docs::<ApiError, _>()
            .iter()
            .map(|doc| doc.name)
            .collect();
        assert_eq!(sampled, documented, "a sample of every variant");

        let operations = [
            ("/models/{name}", "get"),
            ("/generate/{model}", "post"),
            ("/images/{id}", "get"),
        ];
        for (path, method) in operations {
            let responses = &document["paths"][path][method]["responses"];
            assert!(responses.get("200").is_some(), "{path}: its own success");
            for (name, error) in &samples {
                let status = error.status();
                let response = &responses[status.as_str()];
                let description = response["description"].as_str().unwrap_or_default();
                assert!(
                    description.contains(&format!("`{name}`")),
                    "{path} {status}: {description}"
                );
                let content = &response["content"]["application/problem+json"];
                assert_eq!(
                    content["schema"]["required"],
                    serde_json::json!(["type", "title", "status", "detail"]),
                    "{path} {status}: the problem schema"
                );
                let example = example(response, name)
                    .unwrap_or_else(|| panic!("{path}: an example of {name}"));
                // The body `?` sends for it; a message showing a field is
                // documented as its template.
                let sent = body_json(Reply::from(error).into_response()).await;
                if let ApiError::NoImage { .. } = error {
                    assert_eq!(example["detail"], "No image {id}");
                    assert_eq!(sent["detail"], "No image 1234");
                } else {
                    assert_eq!(example, &sent, "{path}: {name}'s example is its body");
                    assert_eq!(example["detail"], error.user_message().as_ref());
                }
                let retry_after = response["headers"].get("Retry-After");
                let sends_retry_after = Reply::from(error)
                    .into_response()
                    .headers()
                    .contains_key("retry-after");
                assert_eq!(
                    retry_after.is_some(),
                    sends_retry_after,
                    "{path} {status}: Retry-After"
                );
            }
        }
        assert!(
            document["paths"]["/generate/{model}"]["post"]["responses"]["429"]["headers"]["Retry-After"].is_object(),
            "a rate limit tells how long to wait"
        );

        // And what the server answers is the example.
        let answer = client
            .post(format!("{base}/generate/busy"))
            .send()
            .await
            .expect("an answer");
        assert_eq!(answer.status(), 429);
        assert_eq!(answer.headers()["retry-after"], "60");
        let body: Value =
            serde_json::from_slice(&answer.bytes().await.expect("a body")).expect("JSON");
        let documented = &document["paths"]["/generate/{model}"]["post"]["responses"]["429"];
        assert_eq!(example(documented, "RateLimited"), Some(&body));
    }
}
