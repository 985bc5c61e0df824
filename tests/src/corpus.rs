//! The shared corpus of real responses (`../shared/corpora/real-bodies.yaml`:
//! 135 responses of 27 providers as they were sent, each with what a
//! careful client should make of it), and how a catalogue's classifier is
//! scored against it: the verdict (retry a poll? retry an unkeyed create?),
//! the message and the request id.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use errors_core::wire::{
    Catalogue, Decision, IdempotencyKey, Operation, RetryPolicy, classify_from_with, classify_with,
};
use serde::Deserialize;

/// The corpus file.
#[derive(Deserialize)]
pub struct Corpus {
    /// Every response, in file order.
    pub responses: Vec<Response>,
}

/// One response as it was sent, and what it should be read as.
#[derive(Deserialize)]
#[allow(dead_code)] // kept whole, as the file has it
pub struct Response {
    /// Its id in the corpus.
    pub id: String,
    /// Who sent it (`fal`, `replicate`, `openai`, …).
    pub provider: String,
    /// The HTTP status.
    pub status: u16,
    /// Its headers.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// Its body, as sent.
    pub body: String,
    /// What a careful client makes of it.
    pub expect: Expect,
}

/// What a careful client makes of a response.
#[derive(Deserialize)]
pub struct Expect {
    /// Whether an idempotent request (a status poll) is retried.
    pub retry: bool,
    /// Whether an unkeyed create is retried, when the corpus says.
    #[serde(default)]
    pub retry_create: Option<bool>,
    /// Text the message must contain, when the body has one.
    #[serde(default)]
    pub message: Option<String>,
    /// The request id, when the response carries one.
    #[serde(default)]
    pub request_id: Option<String>,
}

/// Where the corpus is: beside the repository, not in it.
#[must_use]
pub fn path() -> PathBuf {
    crate::workspace().join("../shared/corpora/real-bodies.yaml")
}

/// The corpus, or `None` when it is not there (a test then says so and
/// checks nothing).
///
/// # Panics
/// When the file is there but does not parse.
#[must_use]
pub fn load() -> Option<Corpus> {
    let text = std::fs::read_to_string(path()).ok()?;
    Some(serde_saphyr::from_str(&text).expect("the corpus parses"))
}

/// What a classifier got right, out of what the corpus states.
#[derive(Default, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Score {
    /// Right verdicts, of all.
    pub verdicts: (usize, usize),
    /// Right messages, of those the corpus states.
    pub messages: (usize, usize),
    /// Right request ids, of those the corpus states.
    pub request_ids: (usize, usize),
}

impl std::fmt::Display for Score {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "verdict {}/{}, message {}/{}, request id {}/{}",
            self.verdicts.0,
            self.verdicts.1,
            self.messages.0,
            self.messages.1,
            self.request_ids.0,
            self.request_ids.1
        )
    }
}

impl Score {
    /// Whether every figure is at least `floor`'s.
    #[must_use]
    pub fn at_least(&self, floor: &Self) -> bool {
        self.verdicts.0 >= floor.verdicts.0
            && self.messages.0 >= floor.messages.0
            && self.request_ids.0 >= floor.request_ids.0
    }
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

/// Classifies each response with `catalogue` (told the source `source`
/// when given, as a client that knows which API it called is) and scores
/// it; the misses, one line each, beside the score.
pub fn score<'r, C: Catalogue>(
    catalogue: C,
    source: Option<C::Source>,
    responses: impl IntoIterator<Item = &'r Response>,
) -> (Score, String) {
    let policy = RetryPolicy::default();
    let mut score = Score::default();
    let mut misses = String::new();
    for r in responses {
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
        let response = match source {
            Some(source) => {
                classify_from_with(catalogue, source, status, &headers, r.body.as_bytes())
            }
            None => classify_with(catalogue, status, &headers, r.body.as_bytes()),
        };
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
    (score, misses)
}
