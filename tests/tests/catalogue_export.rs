//! `taxonomy export`: the whole catalogue as JSON for clients in other
//! languages. Every catalogue at hand (the workspace's, the example
//! providers', a team's own, the small fixture) exports a document that
//! its committed JSON Schema (schema/export.v1.schema.json, draft 2020-12)
//! accepts, and the schema refuses what a client could not read.

use std::path::PathBuf;

use errors_tools::export::{Export, SCHEMA_ID};
use serde_json::{Value, json};

fn committed_schema() -> Value {
    let path = errors_tests::workspace().join("schema/export.v1.schema.json");
    let text = std::fs::read_to_string(&path).expect("schema/export.v1.schema.json");
    serde_json::from_str(&text).expect("the schema is JSON")
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft202012::new(&committed_schema()).expect("the schema compiles")
}

/// Every catalogue the repository holds.
fn catalogues() -> Vec<PathBuf> {
    let root = errors_tests::workspace();
    let mut paths = vec![
        root.join("taxonomy.yaml"),
        root.join("examples/own-api/taxonomy.yaml"),
        errors_tests::fixture("small.yaml"),
    ];
    for name in ["fal", "replicate", "openai-images"] {
        paths.push(root.join(format!("examples/catalogues/{name}.yaml")));
    }
    paths
}

fn export_of(path: &PathBuf) -> Value {
    let catalogue = errors_catalogue::load(path).unwrap_or_else(|e| panic!("{e}"));
    serde_json::from_str(&Export::new(&catalogue).to_json()).expect("the export is JSON")
}

#[test]
fn every_catalogue_exports_what_its_schema_accepts() {
    let validator = validator();
    for path in catalogues() {
        let export = export_of(&path);
        let problems: Vec<String> = validator
            .iter_errors(&export)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(problems.is_empty(), "{}: {problems:#?}", path.display());
        assert_eq!(export["$schema"], SCHEMA_ID);
    }
}

#[test]
fn the_schema_is_draft_2020_12_and_names_its_version() {
    let schema = committed_schema();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["$id"], SCHEMA_ID);
    assert!(SCHEMA_ID.ends_with(&format!(":v{}", errors_tools::export::FORMAT)));
}

/// What a client in another language could not read is refused: a
/// missing section, a status as text, a retry rule without its data.
#[test]
fn the_schema_refuses_what_a_client_could_not_read() {
    let validator = validator();
    let good = export_of(&errors_tests::workspace().join("taxonomy.yaml"));
    let broken = |edit: &dyn Fn(&mut Value)| {
        let mut export = good.clone();
        edit(&mut export);
        export
    };
    let cases = [
        (
            "no codes",
            broken(&|e| {
                e.as_object_mut().unwrap().remove("codes");
            }),
        ),
        (
            "a status as text",
            broken(&|e| e["codes"][0]["status"] = json!("429")),
        ),
        (
            "a retry without its rule",
            broken(&|e| {
                e["codes"][0]["retry"]
                    .as_object_mut()
                    .unwrap()
                    .remove("rule");
            }),
        ),
        (
            "a number for a name",
            broken(&|e| e["sources"][0]["name"] = json!(7)),
        ),
    ];
    for (what, export) in cases {
        assert!(!validator.is_valid(&export), "{what} was accepted");
    }
}

/// What a client decides with is there, as data: per-source rules, the
/// status classes for a status no document names, spellings as sent.
#[test]
fn the_export_carries_what_a_client_decides_with() {
    let export = export_of(&errors_tests::workspace().join("taxonomy.yaml"));
    let status = |n: u64| {
        export["statuses"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["status"] == n)
            .unwrap_or_else(|| panic!("status {n}"))
            .clone()
    };
    let unavailable = status(503);
    assert_eq!(unavailable["retry"]["rule"], "backoff");
    let runs = unavailable["views"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["source"] == "runs")
        .unwrap();
    assert_eq!(runs["retry"]["rule"], "after");
    assert_eq!(runs["retry"]["min_secs"], 30);
    assert_eq!(runs["retry"]["max_secs"], 60);
    assert_eq!(status(429)["retry"]["header"], "Retry-After");
    assert!(status(429)["user_message"].is_string());

    let classes = export["status_classes"].as_array().unwrap();
    let client = classes.iter().find(|c| c["id"] == "4xx").unwrap();
    assert_eq!(
        (client["first"].clone(), client["last"].clone()),
        (json!(400), json!(499))
    );

    let code = export["codes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "rate_limit_exceeded")
        .unwrap();
    assert!(
        code["wire"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["code"] == "RATE_LIMIT_EXCEEDED")
    );
    let catalogue = errors_tests::catalogue();
    assert_eq!(
        export["codes"].as_array().unwrap().len(),
        catalogue.codes().len()
    );
    assert_eq!(
        export["shapes"].as_array().unwrap().len(),
        catalogue
            .raw()
            .sources
            .iter()
            .map(|s| s.bodies.len())
            .sum::<usize>()
            + catalogue.raw().bodies.len()
    );
}
