//! A crate with its own catalogue, built with cargo the way a user builds it:
//! it compiles under `#![deny(warnings)]` (a deprecated code included); after
//! an entry is added, a `match` that does not handle it fails with E0004; a
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

fn cargo_build(dir: &Path) -> (bool, String) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["build", "--offline", "--quiet"])
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
        String::from_utf8_lossy(&out.stderr).into_owned(),
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
    let catalogue = dir.path().join("taxonomy.yaml");
    let small = fs::read_to_string(fixture("small.yaml")).unwrap();
    fs::write(&catalogue, &small).unwrap();

    let (ok, log) = cargo_build(dir.path());
    assert!(ok, "the crate builds under deny(warnings):\n{log}");

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
