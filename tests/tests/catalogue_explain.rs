//! `explain` answers for every name in the catalogue, and lands on the
//! entry that name belongs to.

use errors_codegen::pattern::{Pattern, Segment};
use errors_tests::catalogue;

/// A filled-in instance of a message pattern (`App not found: x-1`).
fn instance(message: &str) -> String {
    let pattern = Pattern::parse(message).unwrap();
    pattern
        .segments()
        .iter()
        .map(|s| match s {
            Segment::Literal(text) => (*text).to_string(),
            Segment::Hole(_) => "x-1".to_string(),
        })
        .collect()
}

#[test]
fn every_status_code_spelling_error_type_and_task_status_is_explained() {
    let c = catalogue();
    let mut asked = 0;
    for status in &c.statuses {
        let e = c.explain(&status.status.value.to_string()).unwrap();
        assert_eq!(
            (e.kind, e.id.as_str()),
            ("status", &*status.status.value.to_string())
        );
        assert!(!e.meaning.is_empty());
        asked += 1;
    }
    for code in &c.codes {
        let e = c.explain(&code.id.value).unwrap();
        assert_eq!((e.kind, e.id.as_str()), ("code", code.id.value.as_str()));
        assert_eq!(
            e.user_message.as_deref(),
            Some(code.user_message.value.as_str())
        );
        assert!(e.retry.is_some() && !e.remedies.is_empty());
        asked += 1;
        for wire in &code.wire {
            let queries = wire
                .code
                .iter()
                .map(|x| x.value.clone())
                .chain(wire.message.iter().map(|m| instance(&m.value)));
            for query in queries {
                let e = c
                    .explain(&query)
                    .unwrap_or_else(|n| panic!("`{query}` is not explained: {n}"));
                assert_eq!(e.id, code.id.value, "`{query}`");
                asked += 1;
            }
        }
    }
    for error_type in &c.error_types {
        let e = c.explain(&error_type.id.value).unwrap();
        assert_eq!(
            (e.kind, e.id.as_str()),
            ("error_type", error_type.id.value.as_str())
        );
        asked += 1;
    }
    for task in &c.task_statuses {
        let e = c.explain(&task.id.value).unwrap();
        assert_eq!(
            (e.kind, e.id.as_str()),
            ("task_status", task.id.value.as_str())
        );
        asked += 1;
    }
    assert!(asked > 100, "asked {asked}");
}

#[test]
fn the_readme_queries_resolve() {
    let c = catalogue();
    let e = c.explain("429").unwrap();
    assert_eq!(e.status.as_ref().unwrap().reason, "Too Many Requests");
    assert!(e.related.iter().any(|r| r.contains("rate_limit_exceeded")));
    assert_eq!(
        e.views.len(),
        3,
        "001, 003 and 004 name 429; 000 gives no number"
    );

    let e = c.explain("CONTENT_BLOCKED").unwrap();
    assert_eq!(e.kind, "error_type");
    assert_eq!(e.retry.as_ref().unwrap().rule, "never");

    let e = c.explain("\"Workflow is locked\"").unwrap();
    assert_eq!(e.id, "workflow_locked");
    assert_eq!(e.status.as_ref().unwrap().code, 403);

    let e = c.explain("App not found: my-app").unwrap();
    assert_eq!(e.id, "model_not_found");
}

#[test]
fn spelling_variants_and_case_are_forgiven_in_that_order() {
    let c = catalogue();
    assert_eq!(
        c.explain("RATE_LIMIT_EXCEEDED").unwrap().id,
        "rate_limit_exceeded"
    );
    assert_eq!(
        c.explain("rate_limit_exceeded").unwrap().id,
        "rate_limit_exceeded"
    );
    assert_eq!(
        c.explain("Rate_Limit_Exceeded").unwrap().id,
        "rate_limit_exceeded"
    );
    assert_eq!(
        c.explain("workflow is locked").unwrap().id,
        "workflow_locked"
    );
    assert_eq!(c.explain("too many requests").unwrap().id, "429");
    // An exact error_type wins over a code that differs only in case.
    assert_eq!(c.explain("CANCELED").unwrap().kind, "error_type");
    assert_eq!(c.explain("canceled").unwrap().kind, "code");
}

#[test]
fn unknown_queries_suggest_the_nearest_entries() {
    let c = catalogue();
    let miss = c.explain("rate_limit_exeeded").unwrap_err();
    assert!(
        miss.suggestions.iter().any(|s| s == "rate_limit_exceeded"),
        "{miss}"
    );
    let miss = c.explain("418").unwrap_err();
    assert_eq!(miss.query, "418");
    assert!(c.explain("").is_err());
}

#[test]
fn explanations_serialise_as_json() {
    let c = catalogue();
    let json = serde_json::to_value(c.explain("rate_limit_exceeded").unwrap()).unwrap();
    assert_eq!(json["kind"], "code");
    assert_eq!(json["status"]["code"], 429);
    assert_eq!(json["retry"]["rule"], "after_header");
    let spellings: Vec<&str> = json["sources"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["code"].as_str())
        .collect();
    assert!(
        spellings.contains(&"RATE_LIMIT_EXCEEDED") && spellings.contains(&"rate_limit_exceeded")
    );
}
