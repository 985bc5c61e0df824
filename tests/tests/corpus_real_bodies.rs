//! The built-in catalogue's classifier against real responses of 27
//! providers (`../shared/corpora/real-bodies.yaml`: recorded cassettes, SDK
//! fixtures, documentation, issues; each with what a careful client should
//! make of it). Most of these providers are not in the catalogue, so this
//! measures what the shapes many APIs share (and the status rules) get
//! right for an API nobody described, and guards it: a change that makes
//! fewer responses come out right fails here, with the cases it lost.
//!
//! The corpus lives beside the repository, not in it; without it the test
//! says so and checks nothing.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use errors_core::wire::{Decision, IdempotencyKey, Operation, RetryPolicy, classify};
use serde::Deserialize;

#[derive(Deserialize)]
struct Corpus {
    responses: Vec<Response>,
}

#[derive(Deserialize)]
#[allow(dead_code)] // kept whole, as the file has it, for the failure messages
struct Response {
    id: String,
    provider: String,
    status: u16,
    #[serde(default)]
    headers: BTreeMap<String, String>,
    body: String,
    expect: Expect,
}

#[derive(Deserialize)]
struct Expect {
    retry: bool,
    #[serde(default)]
    retry_create: Option<bool>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    request_id: Option<String>,
}

fn corpus_path() -> PathBuf {
    errors_tests::workspace().join("../shared/corpora/real-bodies.yaml")
}

/// Whether a decision repeats the request (or keeps polling, or submits
/// the work anew, for a create).
fn retries(decision: Decision, create: bool) -> bool {
    match decision {
        Decision::Retry { .. } | Decision::KeepPolling { .. } => true,
        Decision::SubmitNew { .. } => create,
        _ => false,
    }
}

/// What the classifier got right, out of what the corpus states.
#[derive(Default, Debug, Clone, Copy, PartialEq, Eq)]
struct Score {
    verdicts: (usize, usize),
    messages: (usize, usize),
    request_ids: (usize, usize),
}

#[test]
fn real_responses_classify_at_least_as_well_as_before() {
    let path = corpus_path();
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("{} is not there: nothing to check", path.display());
        return;
    };
    let corpus: Corpus = serde_saphyr::from_str(&text).expect("the corpus parses");
    let policy = RetryPolicy::default();
    let mut score = Score::default();
    let mut misses = String::new();
    for r in &corpus.responses {
        let mut headers = http::HeaderMap::new();
        for (name, value) in &r.headers {
            if let (Ok(name), Ok(value)) = (
                http::HeaderName::from_bytes(name.as_bytes()),
                http::HeaderValue::from_str(value),
            ) {
                headers.append(name, value);
            }
        }
        let Ok(status) = http::StatusCode::from_u16(r.status) else {
            continue;
        };
        let response = classify(status, &headers, r.body.as_bytes());
        let poll = retries(policy.decide(&response, Operation::StatusPoll, 1), false);
        let create = r.expect.retry_create.map(|_| {
            retries(
                policy.decide(
                    &response,
                    Operation::Create {
                        idempotency_key: IdempotencyKey::Absent,
                    },
                    1,
                ),
                true,
            )
        });
        let verdict = poll == r.expect.retry && create == r.expect.retry_create;
        score.verdicts.1 += 1;
        if verdict {
            score.verdicts.0 += 1;
        } else {
            let _ = writeln!(
                misses,
                "verdict {}: retry {poll} (want {}), create {create:?} (want {:?}); {response}",
                r.id, r.expect.retry, r.expect.retry_create
            );
        }
        if let Some(want) = &r.expect.message {
            score.messages.1 += 1;
            if response
                .message()
                .is_some_and(|got| got.contains(want.as_str()))
            {
                score.messages.0 += 1;
            } else {
                let _ = writeln!(
                    misses,
                    "message {}: {:?} (want {want:?})",
                    r.id,
                    response.message()
                );
            }
        }
        if let Some(want) = &r.expect.request_id {
            score.request_ids.1 += 1;
            if response.request_id() == Some(want.as_str()) {
                score.request_ids.0 += 1;
            } else {
                let _ = writeln!(
                    misses,
                    "request id {}: {:?} (want {want:?})",
                    r.id,
                    response.request_id()
                );
            }
        }
    }
    println!(
        "real responses: verdict {}/{}, message {}/{}, request id {}/{}",
        score.verdicts.0,
        score.verdicts.1,
        score.messages.0,
        score.messages.1,
        score.request_ids.0,
        score.request_ids.1
    );
    // The figures this change measured (the floor a later change must keep).
    let floor = FLOOR;
    assert!(
        score.verdicts.0 >= floor.verdicts.0
            && score.messages.0 >= floor.messages.0
            && score.request_ids.0 >= floor.request_ids.0,
        "fewer real responses come out right than before: {score:?}, floor {floor:?}\n{misses}"
    );
}

/// What the built-in catalogue got right when the body shapes became data
/// (the hand-written reader before them: 116, 87 and 22). Raise these when
/// a change gets more right.
const FLOOR: Score = Score {
    verdicts: (117, 135),
    messages: (87, 111),
    request_ids: (22, 31),
};
