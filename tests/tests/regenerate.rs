//! A crate with its own catalogue, built with cargo the way a user builds it:
//! it compiles under `#![deny(warnings)]` (a deprecated code included); a
//! status's user message and category come from the catalogue, so editing
//! them changes what the built code answers; after an entry is added, a `match` that does not handle it fails with E0004; a
//! broken catalogue fails the build with `path:line:column` in cargo's output.
//!
//! One test does all builds in order so they share one target directory
//! (kept under the workspace's `target/`, so later runs are incremental).

use std::fs;
use std::path::Path;
use std::process::Command;

use errors_tests::{fixture, workspace};

const LIB: &str = r#"#![deny(warnings)]
//! A crate with its own catalogue.

include!(concat!(env!("OUT_DIR"), "/taxonomy.rs"));

/// Every code, handled.
#[must_use]
#[allow(deprecated)]
pub fn weight(code: Code) -> u8 {
    match code {
        Code::RateLimitExceeded => 1,
        Code::ModelNotFound => 2,
        Code::OldNotFound => 3,
        // handled: NEW
    }
}
"#;

const NEW_CODE: &str = r"
  - id: quota_exhausted
    status: 429
    category: rate_limit
    retry: never
    user_message: Your quota is used up for today.
    meaning: The daily quota ran out.
    remedies: [Wait until tomorrow]
";

/// Prints what the generated `Status` says of 429.
const FACTS: &str = r#"fn main() {
    let status = own_catalogue::Status::TooManyRequests;
    println!("{:?} | {:?}", status.user_message(), status.category());
}
"#;

fn cargo_build(dir: &Path) -> (bool, String) {
    cargo(dir, &["build", "--offline", "--quiet"])
}

/// What the `facts` binary prints.
fn facts(dir: &Path) -> String {
    let (ok, out) = cargo(dir, &["run", "--offline", "--quiet", "--bin", "facts"]);
    assert!(ok, "{out}");
    out
}

/// Runs cargo in `dir`: success, and stderr (stdout too for `run`).
fn cargo(dir: &Path, args: &[&str]) -> (bool, String) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(args)
        .current_dir(dir)
        .env(
            "CARGO_TARGET_DIR",
            workspace().join("target/regenerate-test"),
        )
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

#[test]
fn a_crate_with_its_own_catalogue_regenerates_on_every_edit() {
    let dir = tempfile::tempdir().unwrap();
    let root = workspace();
    let manifest = format!(
        r#"[package]
name = "own-catalogue"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
errors-core = {{ path = "{core}", default-features = false }}

[build-dependencies]
errors-codegen = {{ path = "{codegen}" }}

[workspace]
"#,
        core = root.join("errors-core").display(),
        codegen = root.join("codegen").display(),
    );
    fs::write(dir.path().join("Cargo.toml"), manifest).unwrap();
    // The workspace's lock pins the versions already downloaded: no network.
    fs::copy(root.join("Cargo.lock"), dir.path().join("Cargo.lock")).unwrap();
    fs::write(
        dir.path().join("build.rs"),
        "fn main() -> Result<(), errors_codegen::Error> {\n    \
         errors_codegen::Builder::new().taxonomy(\"taxonomy.yaml\").generate_to_out_dir()?;\n    \
         Ok(())\n}\n",
    )
    .unwrap();
    fs::create_dir(dir.path().join("src")).unwrap();
    fs::write(dir.path().join("src/lib.rs"), LIB).unwrap();
    fs::create_dir(dir.path().join("src/bin")).unwrap();
    fs::write(dir.path().join("src/bin/facts.rs"), FACTS).unwrap();
    let catalogue = dir.path().join("taxonomy.yaml");
    let small = fs::read_to_string(fixture("small.yaml")).unwrap();
    fs::write(&catalogue, &small).unwrap();

    let (ok, log) = cargo_build(dir.path());
    assert!(ok, "the crate builds under deny(warnings):\n{log}");

    // A status's user message and category are the catalogue's: edit them,
    // and the built code answers differently. (The runtime reads these
    // through `Status`; it restates none of them.)
    let before = facts(dir.path());
    assert!(
        before.contains(
            "Some(\"Too many requests. Please wait a moment and try again.\") | Some(RateLimit)"
        ),
        "{before}"
    );
    let reworded = small.replacen(
        "    user_message: Too many requests. Please wait a moment and try again.\n    category: rate_limit",
        "    user_message: Slow down a little, then try again.\n    category: not_found",
        1,
    );
    assert_ne!(reworded, small);
    fs::write(&catalogue, &reworded).unwrap();
    let after = facts(dir.path());
    assert!(
        after.contains("Some(\"Slow down a little, then try again.\") | Some(NotFound)"),
        "{after}"
    );
    fs::write(&catalogue, &small).unwrap();

    // A new code: the match above no longer covers `Code`.
    let grown = small.replace("\nerror_types:", &format!("{NEW_CODE}\nerror_types:"));
    assert_ne!(grown, small);
    fs::write(&catalogue, &grown).unwrap();
    let (ok, log) = cargo_build(dir.path());
    assert!(!ok, "the old match must not compile");
    assert!(log.contains("E0004"), "{log}");
    assert!(log.contains("Code::QuotaExhausted"), "{log}");

    // Handling it makes the crate build again: the variant exists.
    let handled = LIB.replace("// handled: NEW", "Code::QuotaExhausted => 4,");
    fs::write(dir.path().join("src/lib.rs"), handled).unwrap();
    let (ok, log) = cargo_build(dir.path());
    assert!(ok, "{log}");

    // A broken catalogue fails the build, located, without a panic.
    let broken = grown.replace("  - id: quota_exhausted", "  - id: self");
    fs::write(&catalogue, &broken).unwrap();
    let (ok, log) = cargo_build(dir.path());
    assert!(!ok);
    let line = broken.lines().position(|l| l == "  - id: self").unwrap() + 1;
    assert!(
        log.contains(&format!(
            "taxonomy.yaml:{line}:9: error: `self` would become"
        )),
        "{log}"
    );
    assert!(!log.contains("panicked"), "{log}");
}
