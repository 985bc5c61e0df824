//! `#[derive(ErrorTaxonomy)]` with the `utoipa` feature: the enum's
//! `utoipa::IntoResponses` lists every variant on its status, with the
//! problem-details schema, an example that is the body `Reply` sends for
//! it, and `Retry-After` where the variant's rule sends one.

use std::collections::BTreeMap;

use axum::response::IntoResponse;
use errors_core::integrations::axum::Reply;
use errors_core::integrations::utoipa::{DocumentedErrors, VariantDoc, variant_docs};
use errors_core::wire::RenderDialect;
use errors_core::{Code, ErrorTaxonomy, Shape};
use serde_json::{Value, json};
use utoipa::IntoResponses;

#[derive(Debug, thiserror::Error, ErrorTaxonomy)]
enum ApiError {
    #[error("no model {0}")]
    #[taxonomy(code = "model_not_found")]
    NoModel(String),
    // Shares 404 with `NoModel`.
    #[error("no job")]
    #[taxonomy(status = 404, message = "That job does not exist")]
    NoJob,
    #[error("too many")]
    #[taxonomy(code = "rate_limit_exceeded")]
    Limited,
    // The code's status, its own retry rule: a fixed wait sends Retry-After.
    #[error("storage")]
    #[taxonomy(
        code = "upstream_error",
        retry = "after(30..60)",
        message = "Storage is briefly unavailable"
    )]
    Storage,
    // A status alone takes the catalogue's rule for it: 500 backs off,
    // which sends no Retry-After.
    #[error("bug")]
    #[taxonomy(status = 500, message = "Something broke on our side")]
    Bug,
    #[error("prompt over {limit}")]
    #[taxonomy(
        code = "validation_error",
        message = "Prompts are at most {limit} characters ({{sic}})"
    )]
    PromptTooLong {
        #[taxonomy(user)]
        limit: usize,
    },
    #[error(transparent)]
    #[taxonomy(transparent)]
    Inner(InnerError),
}

#[derive(Debug, thiserror::Error, ErrorTaxonomy)]
enum InnerError {
    #[error("locked")]
    #[taxonomy(status = 409, retry = "never", message = "This workflow is locked")]
    Locked,
}

/// A struct is one case, named by the type.
#[derive(Debug, thiserror::Error, ErrorTaxonomy)]
#[error("quota")]
#[taxonomy(code = "insufficient_credits")]
struct OutOfCredits;

/// A generic wrapper lists whatever its parameter lists.
#[derive(Debug, thiserror::Error, ErrorTaxonomy)]
enum Wrapped<E: std::error::Error + 'static> {
    #[error(transparent)]
    #[taxonomy(transparent)]
    Inner(E),
    #[error("gone")]
    #[taxonomy(status = 410, message = "Gone for good")]
    Gone,
}

fn document<T: IntoResponses>() -> Value {
    serde_json::to_value(T::responses()).expect("responses serialise")
}

fn problem(response: &Value) -> &Value {
    &response["content"]["application/problem+json"]
}

/// The example of `name`: the content's `example` when it is the status's
/// only variant, else its entry of `examples`.
fn example<'a>(response: &'a Value, name: &str) -> &'a Value {
    let content = problem(response);
    match content["examples"].get(name) {
        Some(example) => &example["value"],
        None => &content["example"],
    }
}

async fn sent(error: impl ErrorTaxonomy) -> (http::HeaderMap, Value) {
    let response = Reply::from(error).into_response();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("a rendered body");
    (
        headers,
        serde_json::from_slice(&bytes).expect("a JSON body"),
    )
}

#[test]
fn two_variants_on_one_status_are_one_response_with_an_example_each() {
    let doc = document::<ApiError>();
    let not_found = &doc["404"];
    let description = not_found["description"].as_str().unwrap_or_default();
    assert!(description.starts_with("Not Found."), "{description}");
    assert!(
        description.contains("- `NoModel`: The selected model could not be found"),
        "{description}"
    );
    assert!(
        description.contains("- `NoJob`: That job does not exist"),
        "{description}"
    );
    let examples = problem(not_found)["examples"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    let names: Vec<&String> = examples.keys().collect();
    assert_eq!(names, ["NoJob", "NoModel"]);
    assert!(
        problem(not_found).get("example").is_none(),
        "examples, not one example"
    );
    assert_eq!(example(not_found, "NoModel")["code"], "model_not_found");
    assert_eq!(
        example(not_found, "NoJob")["detail"],
        "That job does not exist"
    );
    assert!(
        example(not_found, "NoJob").get("code").is_none(),
        "a status case has no code"
    );
}

#[test]
fn every_status_of_the_enum_is_listed_with_the_problem_schema() {
    let doc = document::<ApiError>();
    let statuses: Vec<&String> = doc
        .as_object()
        .map(|o| o.keys().collect())
        .unwrap_or_default();
    // NoModel and NoJob 404, Limited 429, Storage 502, Bug 500, PromptTooLong 422, Inner's Locked 409.
    assert_eq!(statuses, ["404", "409", "422", "429", "500", "502"]);
    for (status, response) in doc.as_object().into_iter().flatten() {
        let schema = &problem(response)["schema"];
        assert_eq!(
            schema["required"],
            json!(["type", "title", "status", "detail"]),
            "{status}"
        );
        for member in ["type", "title", "status", "detail", "code", "request_id"] {
            assert!(
                schema["properties"].get(member).is_some(),
                "{status}: {member}"
            );
        }
    }
}

#[test]
fn a_rate_limit_and_a_fixed_wait_send_retry_after() {
    let doc = document::<ApiError>();
    let limited = &doc["429"]["headers"]["Retry-After"];
    assert_eq!(
        limited["example"], 60,
        "the catalogue's fallback for rate_limit_exceeded"
    );
    assert_eq!(limited["schema"]["type"], "integer");
    let description = limited["description"].as_str().unwrap_or_default();
    assert!(description.contains("60 with `Limited`"), "{description}");
    assert_eq!(
        doc["502"]["headers"]["Retry-After"]["example"], 30,
        "after(30..60) waits 30 s first"
    );
    for status in ["404", "409", "422", "500"] {
        assert!(
            doc[status]["headers"].get("Retry-After").is_none(),
            "{status}"
        );
    }
}

#[tokio::test]
async fn examples_are_the_bodies_reply_sends() {
    let doc = document::<ApiError>();
    let cases = [
        ("NoModel", ApiError::NoModel("x".into())),
        ("NoJob", ApiError::NoJob),
        ("Limited", ApiError::Limited),
        ("Storage", ApiError::Storage),
        ("Bug", ApiError::Bug),
        ("Locked", ApiError::Inner(InnerError::Locked)),
    ];
    for (name, error) in cases {
        let status = error.status();
        let response = &doc[status.as_str()];
        let (headers, body) = sent(error).await;
        assert_eq!(example(response, name), &body, "{name}");
        assert_eq!(
            response["headers"].get("Retry-After").is_some(),
            headers.contains_key("retry-after"),
            "{name}: documented Retry-After as sent"
        );
    }
}

#[tokio::test]
async fn a_message_showing_a_field_is_documented_as_its_template() {
    let doc = document::<ApiError>();
    let documented = example(&doc["422"], "PromptTooLong");
    let (_, body) = sent(ApiError::PromptTooLong { limit: 100 }).await;
    assert_eq!(
        documented["detail"],
        "Prompts are at most {limit} characters ({sic})"
    );
    assert_eq!(body["detail"], "Prompts are at most 100 characters ({sic})");
    // Everything else is as sent.
    let mut without_detail = documented.clone();
    without_detail["detail"] = body["detail"].clone();
    assert_eq!(without_detail, body);
}

#[test]
fn variant_docs_follow_the_declaration_and_transparent_fields() {
    let names: Vec<&str> = variant_docs::<ApiError, _>()
        .iter()
        .map(|d| d.name)
        .collect();
    assert_eq!(
        names,
        [
            "NoModel",
            "NoJob",
            "Limited",
            "Storage",
            "Bug",
            "PromptTooLong",
            "Locked"
        ]
    );
    let storage = variant_docs::<ApiError, _>()[3];
    assert_eq!(storage.code, Some(Code::UpstreamError));
    assert_eq!(storage.status, ApiError::Storage.status());
    assert_eq!(storage.retry, ApiError::Storage.retry());
    assert_eq!(storage.message, "Storage is briefly unavailable");
}

#[test]
fn a_struct_and_a_generic_wrapper_are_documented() {
    let credits = document::<OutOfCredits>();
    assert_eq!(
        example(&credits["402"], "OutOfCredits")["code"],
        "insufficient_credits"
    );

    // The values answer as the document says.
    assert_eq!(
        Wrapped::<InnerError>::Inner(InnerError::Locked).status(),
        409
    );
    assert_eq!(Wrapped::<InnerError>::Gone.status(), 410);
    let wrapped = document::<Wrapped<InnerError>>();
    let statuses: Vec<&String> = wrapped
        .as_object()
        .map(|o| o.keys().collect())
        .unwrap_or_default();
    assert_eq!(statuses, ["409", "410"]);

    // Over `Code`, every code is listed, named by its id.
    let names: Vec<&str> = variant_docs::<Wrapped<Code>, _>()
        .iter()
        .map(|d| d.name)
        .collect();
    assert_eq!(names.len(), Code::ALL.len() + 1);
    assert!(names.contains(&"rate_limit_exceeded") && names.contains(&"Gone"));
}

/// A hand-written implementation, for a type whose `ErrorTaxonomy` is not
/// derived, documents the same way.
#[test]
fn a_hand_written_list_documents_in_a_declared_shape() {
    struct Busy;
    impl DocumentedErrors for Busy {
        fn document(docs: &mut Vec<VariantDoc>) {
            let code = Code::ServiceUnavailable;
            docs.push(VariantDoc::new(
                "Busy",
                Some(code),
                code.status(),
                code.retry(),
                code.user_message(),
            ));
        }
    }
    let responses: BTreeMap<_, _> = errors_core::integrations::utoipa::responses_in(
        RenderDialect::Shape(Shape::Gateway),
        &variant_docs::<Busy, _>(),
    );
    let doc = serde_json::to_value(responses).expect("responses serialise");
    let content = &doc["503"]["content"]["application/json"];
    assert_eq!(content["example"]["error"]["code"], "service_unavailable");
    assert_eq!(
        content["schema"]["properties"]["error"]["required"],
        json!(["code", "message"])
    );
}
