//! A team's own API, as a user builds it: `examples/own-api` (Acme, with
//! its own taxonomy.yaml, a `build.rs` and a body shape no code of this
//! repository knows) copied out of the workspace and built with cargo; its
//! own tests classify, decide and render Acme's responses with errors-core's
//! one engine, and its derive names Acme's codes. Then the workspace's own
//! catalogue with Acme's source added, and nothing else changed: the code
//! generated from it reads Acme's bodies too, beside the seeds'.
//!
//! One test does both builds in order so they share one target directory
//! (kept under the workspace's `target/`, so later runs are incremental).

use std::fs;
use std::path::Path;
use std::process::Command;

use errors_tests::workspace;

/// Runs cargo in `dir`: success, and what it printed.
fn cargo(dir: &Path, args: &[&str]) -> (bool, String) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", workspace().join("target/own-api-test"))
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

/// Copies `examples/own-api` to `to`, its paths to the workspace made absolute.
fn copy_example(to: &Path) {
    let root = workspace();
    let from = root.join("examples/own-api");
    for dir in ["src", "tests", "responses"] {
        fs::create_dir_all(to.join(dir)).unwrap();
        for entry in fs::read_dir(from.join(dir)).unwrap() {
            let entry = entry.unwrap();
            fs::copy(entry.path(), to.join(dir).join(entry.file_name())).unwrap();
        }
    }
    for file in ["build.rs", "taxonomy.yaml"] {
        fs::copy(from.join(file), to.join(file)).unwrap();
    }
    let manifest = fs::read_to_string(from.join("Cargo.toml"))
        .unwrap()
        .replace(
            "../../errors-core",
            &root.join("errors-core").display().to_string(),
        )
        .replace("../../codegen", &root.join("codegen").display().to_string());
    fs::write(to.join("Cargo.toml"), manifest).unwrap();
    // The workspace's lock pins the versions already downloaded: no network.
    fs::copy(root.join("Cargo.lock"), to.join("Cargo.lock")).unwrap();
}

/// Acme's source, documents and codes, cut out of its catalogue.
fn acme_sections(acme: &str) -> (String, String, String) {
    let between = |start: &str, end: &str| {
        let from = acme.find(start).unwrap() + start.len();
        let to = from + acme[from..].find(end).unwrap();
        acme[from..to].to_owned()
    };
    (
        between("documents:\n", "\nsources:"),
        between("sources:\n", "\ncategories:"),
        between("codes:\n", "\nerror_types:"),
    )
}

/// Classifies Acme's bodies with the workspace catalogue grown by Acme's
/// source, and the seeds' bodies beside them.
const GROWN: &str = r##"
use errors_core::wire::{
    Decision, IdempotencyKey, Operation, RenderDialect, RetryPolicy, StopReason, classify_with, render,
};
use acme_errors::catalogue::{Code, Shape, Source, Taxonomy};

#[test]
fn acme_and_the_seeds_are_read_by_one_generated_catalogue() {
    let headers = http::HeaderMap::new();
    let body = br#"{"errors": [{"code": "QUOTA", "title": "Quota exceeded"}], "trace": "t-1"}"#;
    let r = classify_with(Taxonomy, http::StatusCode::PAYMENT_REQUIRED, &headers, body);
    assert_eq!(r.code(), Some(Code::QuotaExceeded));
    assert_eq!(r.source(), Some(Source::Acme));
    assert_eq!(r.message(), Some("Quota exceeded"));
    assert_eq!(r.request_id(), Some("t-1"));
    let create = Operation::Create { idempotency_key: IdempotencyKey::Absent };
    assert_eq!(
        RetryPolicy::default().decide(&r, create, 1),
        Decision::Stop { reason: StopReason::FixBilling }
    );
    let rendered = render(&Code::QuotaExceeded, RenderDialect::Shape(Shape::JsonApi), Some("t-2")).unwrap();
    let back = classify_with(Taxonomy, rendered.status(), rendered.headers(), rendered.body());
    assert_eq!(back.code(), Some(Code::QuotaExceeded));
    assert_eq!(back.request_id(), Some("t-2"));
    assert_eq!(rendered.headers()["x-trace-id"], "t-2");

    // The seeds' queue gateway, unchanged.
    let body = br#"{"error": {"code": "RATE_LIMIT_EXCEEDED", "message": "Rate limit exceeded, please try again later"}, "request_id": "r1"}"#;
    let r = classify_with(Taxonomy, http::StatusCode::TOO_MANY_REQUESTS, &headers, body);
    assert_eq!(r.code(), Some(Code::RateLimitExceeded));
    assert_eq!(r.source(), Some(Source::Queue));
}
"##;

#[test]
fn a_crate_with_its_own_catalogue_gets_classify_decide_render_and_the_derive() {
    let dir = tempfile::tempdir().unwrap();
    copy_example(dir.path());
    let (ok, log) = cargo(dir.path(), &["test", "--offline", "--quiet"]);
    assert!(ok, "Acme's crate builds and its tests pass:\n{log}");
    assert!(log.contains("4 passed"), "{log}");

    // The workspace's catalogue, grown by Acme's source: one file edited.
    let acme = fs::read_to_string(dir.path().join("taxonomy.yaml")).unwrap();
    let (documents, source, codes) = acme_sections(&acme);
    let seeds = fs::read_to_string(workspace().join("taxonomy.yaml")).unwrap();
    let grown = seeds
        .replacen("\nsources:\n", &format!("\n{documents}\nsources:\n"), 1)
        .replacen("\nbodies:\n", &format!("\n{source}\nbodies:\n"), 1)
        .replacen("\nerror_types:\n", &format!("\n{codes}\nerror_types:\n"), 1);
    assert_ne!(grown, seeds);
    fs::write(dir.path().join("taxonomy.yaml"), grown).unwrap();
    // Acme's own error type and tests name its own statuses' words; only
    // the catalogue-agnostic test runs against the grown catalogue.
    fs::remove_file(dir.path().join("tests/acme.rs")).unwrap();
    fs::write(dir.path().join("tests/grown.rs"), GROWN).unwrap();
    let (ok, log) = cargo(
        dir.path(),
        &["test", "--offline", "--quiet", "--test", "grown"],
    );
    assert!(ok, "the grown catalogue reads Acme's bodies:\n{log}");
}
