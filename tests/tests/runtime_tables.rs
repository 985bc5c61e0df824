//! Catalogues loaded at run time (`errors_tools::RuntimeCatalogue`,
//! feature `runtime-tables`) with the one engine: the built-in catalogue
//! loaded from taxonomy.yaml answers every documented body, and every real
//! one, exactly as its generated `Taxonomy` does; the example catalogues of
//! three real providers (`examples/catalogues/`), known to no code,
//! classify the responses their documentation shows as a careful client
//! should, and the corpus's responses of those providers (figures printed,
//! floors asserted).

use std::collections::BTreeMap;
use std::time::SystemTime;

use errors_core::Taxonomy;
use errors_core::wire::{
    Catalogue, Classified, Decision, Dialect, IdempotencyKey, Operation, Outcome, RetryPolicy,
    classify_with,
};
use errors_tests::corpus::{self, Score};
use errors_tools::RuntimeCatalogue;
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use serde_json::Value;

/// Everything a classification tells, as plain values a catalogue's ids do
/// not change: two catalogues with the same data give the same view.
fn view<C: Catalogue>(r: &Classified<'_, C>) -> Value {
    let c = r.catalogue();
    let outcome = match r.outcome() {
        Outcome::Succeeded => "succeeded",
        Outcome::Pending => "pending",
        Outcome::RequestFailed { .. } => "failed",
        Outcome::TaskFailed { .. } => "task_failed",
        _ => "other",
    };
    let dialect = match r.dialect() {
        Dialect::Declared(shape) => c.shape_id(shape).to_owned(),
        other => format!("{other:?}"),
    };
    // One clock and one random number, so that waits compare exactly.
    let now = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000);
    let policy = RetryPolicy::default();
    let decide = |operation| {
        format!(
            "{:?}",
            policy.decide_with(r, operation, 1, now, &mut || 0.5)
        )
    };
    serde_json::json!({
        "outcome": outcome,
        "code": r.code().map(|code| c.code_id(code)),
        "dialect": dialect,
        "source": r.source().map(|source| c.source_id(source)),
        "origin": format!("{:?}", r.origin()),
        "body_issue": format!("{:?}", r.body_issue()),
        "wire_code": r.wire_code(),
        "kind": r.kind(),
        "message": r.message(),
        "error_type": r.known_error_type().map(|e| c.code_id(c.error_type_code(e))),
        "request_id": r.request_id(),
        "run_id": r.run_id(),
        "task_id": r.task_id(),
        "queue_position": r.queue_position(),
        "status_url": r.status_url(),
        "response_url": r.response_url(),
        "request_field": r.request_field(),
        "retry_after": format!("{:?}", r.retry_after()),
        "retry": r.retry().to_string(),
        "user_message": r.user_message(),
        "remedies": r.remedies(),
        "create": decide(Operation::Create { idempotency_key: IdempotencyKey::Absent }),
        "create_keyed": decide(Operation::Create { idempotency_key: IdempotencyKey::Sent }),
        "poll": decide(Operation::StatusPoll),
    })
}

fn headers(pairs: impl IntoIterator<Item = (String, String)>) -> HeaderMap {
    let mut headers = HeaderMap::new();
    for (name, value) in pairs {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&value),
        ) {
            headers.append(name, value);
        }
    }
    headers
}

fn load(path: &std::path::Path) -> &'static RuntimeCatalogue {
    match errors_catalogue::load(path) {
        Ok(catalogue) => RuntimeCatalogue::leak(catalogue),
        Err(problems) => panic!("{} does not load:\n{problems}", path.display()),
    }
}

#[test]
fn the_built_in_catalogue_loaded_at_run_time_answers_as_its_generated_code() {
    let tables = load(&errors_tests::workspace().join("taxonomy.yaml"));
    let mut cases: Vec<(String, u16, HeaderMap, Vec<u8>)> = Vec::new();
    let text = std::fs::read_to_string(errors_tests::fixture("bodies.json")).unwrap();
    let fixtures: Value = serde_json::from_str(&text).unwrap();
    for case in fixtures.as_array().unwrap() {
        let pairs = case["headers"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|pair| {
                (
                    pair[0].as_str().unwrap().to_owned(),
                    pair[1].as_str().unwrap().to_owned(),
                )
            });
        cases.push((
            case["name"].as_str().unwrap().to_owned(),
            u16::try_from(case["status"].as_u64().unwrap()).unwrap(),
            headers(pairs),
            case["body"]
                .as_str()
                .unwrap_or_default()
                .as_bytes()
                .to_vec(),
        ));
    }
    if let Some(corpus) = corpus::load() {
        for r in corpus.responses {
            cases.push((r.id, r.status, headers(r.headers), r.body.into_bytes()));
        }
    }
    assert!(cases.len() > 100, "{} cases", cases.len());
    for (name, status, headers, body) in &cases {
        let Ok(status) = StatusCode::from_u16(*status) else {
            continue;
        };
        let generated = view(&classify_with(Taxonomy, status, headers, body));
        let loaded = view(&classify_with(tables, status, headers, body));
        assert_eq!(generated, loaded, "{name}");
    }
}

/// Each example catalogue, the corpus's name for its provider, and the
/// least its classifier must get right of that provider's corpus responses
/// (what it got when it was written; raise the floors when it gets more).
const EXAMPLES: [(&str, &str, Score); 3] = [
    (
        "fal",
        "fal",
        Score {
            verdicts: (26, 29),
            messages: (19, 19),
            request_ids: (2, 2),
        },
    ),
    (
        "replicate",
        "replicate",
        Score {
            verdicts: (16, 17),
            messages: (13, 13),
            request_ids: (1, 1),
        },
    ),
    (
        "openai-images",
        "openai",
        Score {
            verdicts: (14, 15),
            messages: (15, 15),
            request_ids: (6, 7),
        },
    ),
];

#[test]
fn each_example_catalogue_classifies_what_its_documentation_shows() {
    let dir = errors_tests::workspace().join("examples/catalogues");
    let mut failures = String::new();
    for (name, _, _) in EXAMPLES {
        let tables = load(&dir.join(format!("{name}.yaml")));
        let file = errors_tests::examples::responses(name);
        let policy = RetryPolicy::default();
        let mut right = 0;
        for r in &file.responses {
            let headers = headers(r.headers.clone());
            let status = StatusCode::from_u16(r.status).unwrap();
            let got = classify_with(tables, status, &headers, r.body.as_bytes());
            let outcome = match got.outcome() {
                Outcome::Succeeded => "succeeded",
                Outcome::Pending => "pending",
                Outcome::RequestFailed { .. } => "failed",
                Outcome::TaskFailed { .. } => "task_failed",
                _ => "other",
            };
            let create = Operation::Create {
                idempotency_key: IdempotencyKey::Absent,
            };
            let mut facts: BTreeMap<&str, Value> = BTreeMap::new();
            facts.insert("code", got.code().map(|c| tables.code_id(c)).into());
            facts.insert("message", got.message().into());
            facts.insert("request_id", got.request_id().into());
            // As the files define them: `retry`, ask again (a poll, or a
            // read repeated); `retry_create`, send the create again (not
            // polling the task it started).
            let poll = policy.decide(&got, Operation::StatusPoll, 1);
            let again = matches!(poll, Decision::Retry { .. } | Decision::KeepPolling { .. });
            let resent = matches!(
                policy.decide(&got, create, 1),
                Decision::Retry { .. } | Decision::SubmitNew { .. }
            );
            facts.insert("retry", again.into());
            facts.insert("retry_create", resent.into());
            facts.insert("outcome", outcome.into());
            let mut wrong = Vec::new();
            for (key, want) in &r.expect {
                let have = facts.get(key.as_str()).cloned().unwrap_or(Value::Null);
                if &have != want {
                    wrong.push(format!("{key}: {have} (want {want})"));
                }
            }
            if wrong.is_empty() {
                right += 1;
            } else {
                failures.push_str(&format!("{name} {}: {}\n", r.name, wrong.join("; ")));
            }
        }
        println!(
            "{name}: {right}/{} documented responses as expected",
            file.responses.len()
        );
    }
    assert!(failures.is_empty(), "{failures}");
}

#[test]
fn each_example_catalogue_reads_its_providers_real_responses() {
    let Some(corpus) = corpus::load() else {
        eprintln!(
            "{} is not there: nothing to check",
            corpus::path().display()
        );
        return;
    };
    let dir = errors_tests::workspace().join("examples/catalogues");
    let mut short = String::new();
    for (name, provider, floor) in EXAMPLES {
        let tables = load(&dir.join(format!("{name}.yaml")));
        let theirs: Vec<&corpus::Response> = corpus
            .responses
            .iter()
            .filter(|r| r.provider == provider)
            .collect();
        let (with_catalogue, misses) = corpus::score(tables, None, theirs.iter().copied());
        let (built_in, _) = corpus::score(Taxonomy, None, theirs.iter().copied());
        println!("{provider}: with {name}.yaml {with_catalogue}; built-in catalogue {built_in}");
        if std::env::var_os("SHOW_MISSES").is_some() {
            println!("{misses}");
        }
        if !with_catalogue.at_least(&floor) {
            short.push_str(&format!(
                "{provider}: {with_catalogue}, floor {floor}\n{misses}\n"
            ));
        }
    }
    assert!(short.is_empty(), "{short}");
}
