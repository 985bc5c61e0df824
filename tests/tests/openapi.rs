//! `taxonomy openapi`: a catalogue's error responses as an OpenAPI 3.1
//! fragment. For every catalogue at hand the document parses as OpenAPI
//! 3.1 (oas3), every example body validates against its media type's
//! schema (jsonschema, draft 2020-12, `$ref`s resolved in the document),
//! and every body the classifier reads as a shape (the seeds' documented
//! bodies, the example providers' documented responses, the corpus of real
//! ones) is one that shape's schema accepts: recognition and schema agree.
//! A body that disagrees with its shape is refused.

use std::path::PathBuf;

use errors_core::wire::{Catalogue as _, Dialect, classify_with};
use errors_tools::RuntimeCatalogue;
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use serde_json::{Value, json};

/// Every catalogue the repository holds, and the documented responses
/// of each (a name in examples/catalogues, or none).
fn catalogues() -> Vec<(PathBuf, Option<&'static str>)> {
    let root = errors_tests::workspace();
    vec![
        (root.join("taxonomy.yaml"), None),
        (root.join("examples/own-api/taxonomy.yaml"), None),
        (errors_tests::fixture("small.yaml"), None),
        (root.join("examples/catalogues/fal.yaml"), Some("fal")),
        (
            root.join("examples/catalogues/replicate.yaml"),
            Some("replicate"),
        ),
        (
            root.join("examples/catalogues/openai-images.yaml"),
            Some("openai-images"),
        ),
    ]
}

fn tables(path: &PathBuf) -> &'static RuntimeCatalogue {
    RuntimeCatalogue::leak(errors_catalogue::load(path).unwrap_or_else(|e| panic!("{e}")))
}

/// A validator for the document's schema at `reference`
/// (`#/components/schemas/X`), with the document's components beside it
/// so that every `$ref` resolves.
fn validator(doc: &Value, schema: &Value) -> jsonschema::Validator {
    let mut root = schema.clone();
    if let Value::Object(members) = &mut root {
        members.insert("components".into(), doc["components"].clone());
    } else {
        root = json!({"allOf": [schema], "components": doc["components"]});
    }
    jsonschema::draft202012::new(&root).unwrap_or_else(|e| panic!("{schema}: {e}"))
}

fn shape_ref(name: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{name}")})
}

#[test]
fn every_document_is_openapi_3_1_and_every_example_fits_its_schema() {
    for (path, _) in catalogues() {
        let tables = tables(&path);
        let doc = errors_tools::openapi::document(tables, &[]).unwrap();
        let text = serde_json::to_string(&doc).unwrap();
        let spec = oas3::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(spec.openapi, "3.1.0");
        let components = spec.components.expect("components");
        assert!(!components.responses.is_empty(), "{}", path.display());
        assert!(components.schemas.contains_key("Problem"));

        let mut checked = 0;
        let responses = doc["components"]["responses"].as_object().unwrap();
        for (name, response) in responses {
            for (media, content) in response["content"].as_object().unwrap() {
                let validator = validator(&doc, &content["schema"]);
                for (example, body) in content["examples"].as_object().unwrap() {
                    let problems: Vec<String> = validator
                        .iter_errors(&body["value"])
                        .map(|e| e.to_string())
                        .collect();
                    assert!(
                        problems.is_empty(),
                        "{}: {name} {media} {example}: {problems:?}\n{}",
                        path.display(),
                        body["value"]
                    );
                    checked += 1;
                }
            }
            for header in response["headers"].as_object().into_iter().flatten() {
                let reference = header.1["$ref"].as_str().unwrap();
                let name = reference.trim_start_matches("#/components/headers/");
                assert!(
                    doc["components"]["headers"][name].is_object(),
                    "{reference} resolves"
                );
            }
        }
        // The catalogue's own example of each shape fits it too.
        for (name, schema) in doc["components"]["schemas"].as_object().unwrap() {
            let validator = validator(&doc, &shape_ref(name));
            for example in schema["examples"].as_array().into_iter().flatten() {
                assert!(
                    validator.is_valid(example),
                    "{}: the example of {name}: {example}",
                    path.display()
                );
                checked += 1;
            }
        }
        assert!(checked > 0, "{}", path.display());
    }
}

/// The name of the component schema of the shape `classify` found.
fn shape_component(
    tables: &'static RuntimeCatalogue,
    dialect: Dialect<&'static RuntimeCatalogue>,
) -> Option<String> {
    let Dialect::Declared(shape) = dialect else {
        return None;
    };
    let id = tables.shape_id(shape);
    Some(match tables.shape_source(shape) {
        Some(source) => format!("{}.{id}", tables.source_id(source)),
        None => id.to_string(),
    })
}

/// A response to read: a name, its status, headers and body.
type Body = (String, u16, Vec<(String, String)>, String);

fn headers(list: &[(String, String)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in list {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            map.append(name, value);
        }
    }
    map
}

/// Recognition and schema agree: a body the classifier reads as a shape is
/// one the shape's schema accepts, over every body the repository and the
/// corpus hold.
#[test]
fn every_body_read_as_a_shape_fits_that_shapes_schema() {
    let mut bodies: Vec<Body> = Vec::new();
    let fixtures: Value = serde_json::from_str(
        &std::fs::read_to_string(errors_tests::fixture("bodies.json")).unwrap(),
    )
    .unwrap();
    for f in fixtures.as_array().unwrap() {
        let headers = f["headers"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|h| {
                (
                    h[0].as_str().unwrap().to_string(),
                    h[1].as_str().unwrap().to_string(),
                )
            })
            .collect();
        bodies.push((
            f["name"].as_str().unwrap().to_string(),
            u16::try_from(f["status"].as_u64().unwrap_or(200)).unwrap(),
            headers,
            f["body"].as_str().unwrap_or_default().to_string(),
        ));
    }
    for name in ["fal", "replicate", "openai-images"] {
        for r in errors_tests::examples::responses(name).responses {
            bodies.push((format!("{name}: {}", r.name), r.status, r.headers, r.body));
        }
    }
    if let Some(corpus) = errors_tests::corpus::load() {
        for r in corpus.responses {
            let headers = r.headers.into_iter().collect();
            bodies.push((format!("corpus {}", r.id), r.status, headers, r.body));
        }
    }

    let mut read = 0;
    for (path, _) in catalogues() {
        let tables = tables(&path);
        let doc = errors_tools::openapi::document(tables, &[]).unwrap();
        for (name, status, header_list, body) in &bodies {
            let status = StatusCode::from_u16(*status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let classified = classify_with(tables, status, &headers(header_list), body.as_bytes());
            let Some(component) = shape_component(tables, classified.dialect()) else {
                continue;
            };
            let Ok(value) = serde_json::from_str::<Value>(body) else {
                continue;
            };
            let validator = validator(&doc, &shape_ref(&component));
            let problems: Vec<String> = validator
                .iter_errors(&value)
                .map(|e| e.to_string())
                .collect();
            assert!(
                problems.is_empty(),
                "{}: {name} was read as {component} but its schema refuses it: {problems:?}\n{body}",
                path.display()
            );
            read += 1;
        }
    }
    eprintln!("{read} bodies read as a declared shape fit its schema");
    assert!(
        read > 100,
        "only {read} bodies were read as a declared shape"
    );
}

/// When a shape and a body disagree, validation says so: the runs API's
/// body without its `error`, the queue's task status with a state that is
/// not one of the queue's.
#[test]
fn a_body_that_disagrees_with_its_shape_is_refused() {
    let tables = tables(&errors_tests::workspace().join("taxonomy.yaml"));
    let doc = errors_tools::openapi::document(tables, &[]).unwrap();
    let runs = validator(&doc, &shape_ref("runs.code_and_message"));
    assert!(runs.is_valid(&json!({"error": "rate_limit_exceeded", "message": "Slow down"})));
    assert!(!runs.is_valid(&json!({"message": "Slow down"})));
    assert!(!runs.is_valid(&json!({"error": 429})));
    let task = validator(&doc, &shape_ref("queue.task_status"));
    assert!(task.is_valid(&json!({"status": "IN_QUEUE"})));
    assert!(!task.is_valid(&json!({"status": "SLEEPING"})));
}

/// `--source` keeps one API's errors: its shapes and the shapes of no
/// source, its statuses and codes; an unknown source is named.
#[test]
fn a_source_keeps_its_own_errors() {
    let tables = tables(&errors_tests::workspace().join("taxonomy.yaml"));
    let doc = errors_tools::openapi::document(tables, &["queue"]).unwrap();
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    assert!(schemas.contains_key("queue.gateway"));
    assert!(!schemas.keys().any(|k| k.starts_with("runs.")));
    let responses = doc["components"]["responses"].as_object().unwrap();
    assert!(responses.contains_key("code.model_not_found"));
    assert!(
        !responses.contains_key("code.workflow_locked"),
        "an each::labs code"
    );
    let limited = &responses["code.rate_limit_exceeded"];
    assert!(limited["headers"]["Retry-After"].is_object());
    assert!(
        limited["description"]
            .as_str()
            .unwrap()
            .contains("too quickly")
    );

    let unknown = errors_tools::openapi::document(tables, &["nope"]).unwrap_err();
    assert!(
        unknown.to_string().contains("no source `nope`"),
        "{unknown}"
    );
}
