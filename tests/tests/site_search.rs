//! One query engine: the reference site's search box (its script, run by
//! Node.js over the index the page embeds) and `taxonomy explain`
//! (`Catalogue::search`) rank every query of a table the same way, entry
//! for entry and score for score; and `explain` answers with, or suggests
//! first, the entry the page lists first.
//!
//! Needs `node` (`.ci/run` installs Debian's `nodejs` when missing).
//! Without it the test says so and passes, unless `CI` is set, where it
//! fails: CI must run it.

use std::io::Write as _;
use std::process::{Command, Stdio};

use errors_tools::{Explain as _, Unanswered};
use serde_json::Value;

/// What people type: statuses (one no document names), ids and spellings
/// in any case, messages with and without their variable parts, words of
/// a meaning, descriptions in a person's words, typos, a flag-looking
/// word, punctuation only, letters of other scripts, a pasted body.
const QUERIES: &[&str] = &[
    "429",
    "418",
    "299",
    "4",
    "42",
    "RATE_LIMIT_EXCEEDED",
    "rate limit",
    "rate limited",
    "Rate",
    "workflow is locked",
    "Workflow Is Locked!",
    "App not found",
    "app not fo",
    "quota",
    "balance",
    "model loading",
    "the model is currently loading",
    "overloaded",
    "nsfw",
    "throttled",
    "CONTENT_BLOKED",
    "RateLimitExceded",
    "rate_limit_exeeded",
    "timeout",
    "timed out",
    "gateway",
    "request header fields",
    "too large",
    "prompt",
    "webhook_url",
    "seed",
    "Authorization",
    "invalid api key",
    "IN_QUEUE",
    "queue",
    "runs",
    "-h",
    "--",
    "h",
    "zzzz qqqq",
    "Ünïcödé wörds",
    "模型",
    "\"429\"",
    "{\"detail\": [{\"loc\": [\"body\", \"prompt\"], \"msg\": \"field required\"}]}",
];

/// The index line of the generated page and the search script.
fn page_parts() -> (String, String) {
    let html =
        errors_tools::site::render(&errors_tests::catalogue(), errors_tools::site::Format::Html);
    let index = html
        .lines()
        .find(|line| line.starts_with("const INDEX = "))
        .expect("the page embeds its index on one line")
        .to_string();
    let script =
        std::fs::read_to_string(errors_tests::workspace().join("tools/src/site/search.js"))
            .expect("tools/src/site/search.js");
    assert!(
        html.contains(script.trim_end()),
        "the page embeds search.js as it is"
    );
    (index, script)
}

/// The page's ranking of every query: `[[anchor, score], …]` per query.
fn ranked_by_the_page() -> Option<Vec<Vec<(String, u64)>>> {
    let (index, script) = page_parts();
    let dir = tempfile::tempdir().expect("a temp dir");
    std::fs::write(dir.path().join("search.js"), &script).expect("write search.js");
    std::fs::write(
        dir.path().join("index.js"),
        format!("{index}\nmodule.exports = INDEX;\n"),
    )
    .expect("write index.js");
    let program = "
        const rank = require(process.argv[1] + '/search.js');
        const index = require(process.argv[1] + '/index.js');
        let input = '';
        process.stdin.on('data', (d) => (input += d));
        process.stdin.on('end', () => {
          const out = JSON.parse(input).map((q) =>
            rank(index, q).map((h) => [h.record.a, h.score]));
          process.stdout.write(JSON.stringify(out));
        });";
    let child = Command::new("node")
        .arg("-e")
        .arg(program)
        .arg(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "node is missing ({e}): install Debian's `nodejs` (`.ci/run` does)"
            );
            eprintln!("notice: site_search skipped: node is missing ({e})");
            return None;
        }
    };
    let queries = serde_json::to_string(QUERIES).expect("queries as JSON");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(queries.as_bytes())
        .expect("write the queries");
    let out = child.wait_with_output().expect("node runs");
    assert!(
        out.status.success(),
        "node: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let answers: Value = serde_json::from_slice(&out.stdout).expect("node prints JSON");
    let answers = answers.as_array().expect("one list per query");
    Some(
        answers
            .iter()
            .map(|hits| {
                hits.as_array()
                    .expect("a list of hits")
                    .iter()
                    .map(|hit| {
                        (
                            hit[0].as_str().expect("an anchor").to_string(),
                            hit[1].as_u64().expect("a score"),
                        )
                    })
                    .collect()
            })
            .collect(),
    )
}

#[test]
fn the_page_and_explain_rank_every_query_alike() {
    let Some(page) = ranked_by_the_page() else {
        return;
    };
    let c = errors_tests::catalogue();
    let mut differences = Vec::new();
    for (query, page_hits) in QUERIES.iter().zip(&page) {
        let ours: Vec<(String, u64)> = c
            .search(query)
            .into_iter()
            .map(|hit| (hit.anchor, u64::from(hit.score)))
            .collect();
        if &ours != page_hits {
            differences.push(format!(
                "`{query}`:\n  explain: {:?}\n  page:    {:?}",
                &ours[..ours.len().min(6)],
                &page_hits[..page_hits.len().min(6)]
            ));
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

#[test]
fn explain_answers_with_or_suggests_first_what_the_page_lists_first() {
    let Some(page) = ranked_by_the_page() else {
        return;
    };
    let c = errors_tests::catalogue();
    for (query, page_hits) in QUERIES.iter().zip(&page) {
        let Some((page_first, _)) = page_hits.first() else {
            continue;
        };
        let first = match c.explain(query) {
            Ok(explanation) => explanation.anchor,
            Err(Unanswered::Several(choices)) => {
                errors_catalogue::anchor(choices.choices[0].kind, &choices.choices[0].id)
            }
            Err(Unanswered::NotFound(miss)) => {
                let id = miss.suggestions.first().expect("a suggestion");
                let hit = c.search(query).into_iter().find(|h| &h.id == id);
                hit.expect("a suggestion is a hit").anchor
            }
            Err(other) => panic!("`{query}`: {other:?}"),
        };
        assert_eq!(&first, page_first, "`{query}`");
    }
}

/// What the newcomer typed now finds what was meant.
#[test]
fn descriptions_and_typos_find_what_was_meant() {
    let c = errors_tests::catalogue();
    let first = |query: &str| c.search(query).first().map(|h| h.id.clone());
    assert_eq!(
        first("the model is currently loading").as_deref(),
        Some("503")
    );
    assert_eq!(first("model loading").as_deref(), Some("503"));
    assert_eq!(first("quota").as_deref(), Some("402"));
    assert_eq!(first("nsfw").as_deref(), Some("content_blocked"));
    assert_eq!(first("CONTENT_BLOKED").as_deref(), Some("content_blocked"));
    assert_eq!(
        first("RateLimitExceded").as_deref(),
        Some("rate_limit_exceeded")
    );
    // A name beats a description, a description beats scattered words.
    let hits = c.search("rate limit");
    assert_eq!(hits[0].id, "429");
    assert_eq!(hits[1].id, "rate_limit_exceeded");
    assert!(hits.len() > 2, "the descriptions that say it follow");
    assert!(c.search("zzzz qqqq").is_empty());
}
