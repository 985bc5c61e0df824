//! `explain` answers for every name in the catalogue, and lands on the
//! entry that name belongs to.

use errors_catalogue::EntryKind;
use errors_catalogue::pattern::{Pattern, Segment};
use errors_tests::catalogue;
use errors_tools::{Explain as _, Unanswered};

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
    for status in c.statuses() {
        let e = c.explain(&status.status.value.to_string()).unwrap();
        assert_eq!(
            (e.kind, e.id.as_str()),
            (EntryKind::Status, &*status.status.value.to_string())
        );
        assert!(!e.meaning.is_empty());
        asked += 1;
    }
    for code in c.codes() {
        let e = c.explain(&code.id.value).unwrap();
        assert_eq!(
            (e.kind, e.id.as_str()),
            (EntryKind::Code, code.id.value.as_str())
        );
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
    for error_type in c.error_types() {
        let e = c.explain(&error_type.id.value).unwrap();
        assert_eq!(
            (e.kind, e.id.as_str()),
            (EntryKind::ErrorType, error_type.id.value.as_str())
        );
        asked += 1;
    }
    for task in c.task_statuses() {
        let e = c.explain(&task.id.value).unwrap();
        assert_eq!(
            (e.kind, e.id.as_str()),
            (EntryKind::TaskStatus, task.id.value.as_str())
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
    assert!(
        e.related
            .iter()
            .any(|r| r.kind == EntryKind::Code && r.id == "rate_limit_exceeded")
    );
    assert_eq!(
        e.views.len(),
        3,
        "001, 003 and 004 name 429; 000 gives no number"
    );

    let e = c.explain("CONTENT_BLOCKED").unwrap();
    assert_eq!(e.kind, EntryKind::ErrorType);
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
    assert_eq!(c.explain("CANCELED").unwrap().kind, EntryKind::ErrorType);
    assert_eq!(c.explain("canceled").unwrap().kind, EntryKind::Code);
}

fn not_found(query: &str) -> errors_tools::NotFound {
    match catalogue().explain(query) {
        Err(Unanswered::NotFound(miss)) => miss,
        other => panic!("`{query}`: expected not found, got {other:?}"),
    }
}

#[test]
fn unknown_queries_suggest_the_nearest_entries() {
    let miss = not_found("rate_limit_exeeded");
    assert!(
        miss.suggestions.iter().any(|s| s == "rate_limit_exceeded"),
        "{miss}"
    );
    let miss = not_found("zzzz qqqq");
    assert_eq!(miss.query, "zzzz qqqq");
}

#[test]
fn an_empty_query_is_refused_not_answered() {
    let c = catalogue();
    for query in ["", "   ", "\t\n", "\"\"", " ' ' "] {
        assert!(
            matches!(c.explain(query), Err(Unanswered::Empty)),
            "`{query:?}`: {:?}",
            c.explain(query)
        );
    }
}

#[test]
fn a_message_is_found_as_a_person_types_it() {
    let c = catalogue();
    // The document's phrase without its variable part, in any case, quoted
    // or not, with space around.
    for query in [
        "App not found",
        "app not found",
        "APP NOT FOUND:",
        "  \"App not found\"  ",
        "“App not found”",
        "App not fo",
    ] {
        assert_eq!(
            c.explain(query).ok().map(|e| e.id).as_deref(),
            Some("model_not_found"),
            "`{query}`"
        );
    }
    assert_eq!(c.explain("workflow is loc").unwrap().id, "workflow_locked");
    assert_eq!(
        c.explain("'webhook not supported'").unwrap().id,
        "webhook_not_supported"
    );
}

#[test]
fn a_phrase_of_several_entries_lists_them_all() {
    let c = catalogue();
    // "not found" alone is the reason phrase of 404, which wins.
    assert_eq!(c.explain("not found").unwrap().id, "404");
    let Err(Unanswered::Several(choices)) = c.explain("Workflow") else {
        panic!("`Workflow` should match several entries");
    };
    let ids: Vec<&str> = choices.choices.iter().map(|x| x.id.as_str()).collect();
    for id in [
        "workflow_locked",
        "workflow_not_found",
        "workflow_input_invalid",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    assert!(
        choices.to_string().contains("taxonomy explain"),
        "{choices}"
    );
    // Each listed id answers with its entry alone.
    for choice in &choices.choices {
        let e = c.explain(&choice.id).unwrap();
        assert_eq!((e.kind, e.id.as_str()), (choice.kind, choice.id.as_str()));
    }
}

#[test]
fn an_uncatalogued_status_is_explained_from_its_class() {
    let c = catalogue();
    assert!(c.statuses().iter().all(|s| s.status.value != 418));
    let e = c.explain("418").unwrap();
    assert_eq!((e.kind, e.id.as_str()), (EntryKind::StatusClass, "4xx"));
    assert!(e.matched.contains("no document names"), "{}", e.matched);
    assert_eq!(e.retry.as_ref().unwrap().rule, "never");
    let e = c.explain("599").unwrap();
    assert_eq!(e.id, "5xx");
    assert_eq!(e.retry.as_ref().unwrap().rule, "backoff");
    assert_eq!(c.explain("999").unwrap().id, "nonstandard");
    // A catalogued status is itself, not its class.
    assert_eq!(c.explain("431").unwrap().kind, EntryKind::Status);
    // Outside 100..=999 a number is no status.
    assert!(matches!(c.explain("1000"), Err(Unanswered::NotFound(_))));
    assert!(matches!(c.explain("099"), Err(Unanswered::NotFound(_))));
}

#[test]
fn a_rejected_request_field_answers_with_its_code() {
    let c = catalogue();
    let e = c.explain("webhook_url").unwrap();
    assert_eq!(e.id, "webhook_not_supported");
    let field = &e.request_fields[0];
    assert_eq!(field.name, "webhook_url");
    assert_eq!(field.places, ["body", "query", "header"]);
    assert_eq!(field.assumed, ["in"]);
}

#[test]
fn a_huge_query_is_answered_without_suggestions() {
    let c = catalogue();
    let query = "rate_limit_exceeded ".repeat(5_000);
    match c.explain(&query) {
        Err(Unanswered::NotFound(miss)) => assert!(miss.suggestions.is_empty()),
        other => panic!("{other:?}"),
    }
}

#[test]
fn every_entry_has_its_anchor() {
    let c = catalogue();
    let all = c.explain_all();
    let anchors: std::collections::HashSet<&str> = all.iter().map(|e| e.anchor.as_str()).collect();
    assert_eq!(anchors.len(), all.len(), "anchors are unique");
    for a in [
        "status-429",
        "code-rate_limit_exceeded",
        "error-type-CONTENT_BLOCKED",
        "task-status-IN_QUEUE",
        "source-queue",
        "limit-runs_sync_ceiling",
        "status-class-4xx",
    ] {
        assert!(anchors.contains(a), "{a}");
    }
    // Every link between entries points at an entry.
    for e in &all {
        for r in &e.related {
            assert!(
                anchors.contains(r.anchor().as_str()),
                "{} → {}",
                e.anchor,
                r.anchor()
            );
        }
    }
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
