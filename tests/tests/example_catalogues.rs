//! The example catalogues (`examples/catalogues/`: fal's queue API,
//! Replicate's HTTP API, OpenAI's image API, each written from the
//! provider's public pages) are catalogues like the built-in one: each
//! passes every check `taxonomy check` runs, generates Rust that parses,
//! and its file of documented responses names only what the catalogue
//! has. runtime_tables.rs classifies those responses with each catalogue.

use errors_codegen::Builder;
use errors_tests::examples::{CATALOGUES, dir, responses};

#[test]
fn each_example_catalogue_passes_every_check() {
    for name in CATALOGUES {
        let path = dir().join(format!("{name}.yaml"));
        if let Err(problems) = errors_catalogue::load(&path) {
            panic!("{name}.yaml does not load:\n{problems}");
        }
    }
}

#[test]
fn each_example_catalogue_generates_rust_that_parses() {
    for name in CATALOGUES {
        let source = Builder::new()
            .taxonomy(dir().join(format!("{name}.yaml")))
            .pretty(false)
            .generate()
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let file = syn::parse_file(&source).unwrap_or_else(|e| panic!("{name}: {e}"));
        let enums: Vec<String> = file
            .items
            .iter()
            .filter_map(|item| match item {
                syn::Item::Enum(e) => Some(e.ident.to_string()),
                _ => None,
            })
            .collect();
        for wanted in ["Source", "Shape", "Code", "Status"] {
            assert!(enums.iter().any(|e| e == wanted), "{name}: no {wanted}");
        }
    }
}

#[test]
fn documented_responses_name_only_what_their_catalogue_has() {
    for name in CATALOGUES {
        let catalogue = errors_catalogue::load(dir().join(format!("{name}.yaml"))).unwrap();
        let file = responses(name);
        assert!(!file.responses.is_empty(), "{name}: no documented response");
        for r in &file.responses {
            assert!(
                catalogue
                    .raw()
                    .documents
                    .iter()
                    .any(|d| d.id.value == r.doc),
                "{name} {}: document {} is not in the catalogue",
                r.name,
                r.doc
            );
            assert!((100..=999).contains(&r.status), "{name} {}", r.name);
            assert!(
                r.headers
                    .iter()
                    .all(|(h, _)| http::HeaderName::from_bytes(h.as_bytes()).is_ok()),
                "{name} {}: a header name is not one",
                r.name
            );
            let _ = &r.body;
            if let Some(code) = r.expect.get("code").and_then(serde_json::Value::as_str) {
                assert!(
                    catalogue.code(code).is_some(),
                    "{name} {}: code {code} is not in the catalogue",
                    r.name
                );
            }
            for key in ["retry", "outcome"] {
                assert!(r.expect.contains_key(key), "{name} {}: no {key}", r.name);
            }
        }
    }
}
