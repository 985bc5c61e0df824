//! The flow between the crates is one way: load → check → catalogue →
//! {generate | explain, site, diff, export}. A build script that generates
//! a team's enums depends on errors-codegen, and compiles the catalogue and
//! the generator, none of the tools for people; the runtime compiles none
//! of them. These tests read the manifests as cargo resolves them (`cargo
//! metadata`), so a dependency added against the flow fails here, naming
//! the crate.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use serde_json::Value;

/// Each workspace crate's normal (not dev, not build) dependencies, by
/// name; optional ones included, since a feature turns them on.
fn normal_dependencies() -> BTreeMap<String, BTreeSet<String>> {
    let output = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(errors_tests::workspace())
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "cargo metadata: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: Value = serde_json::from_slice(&output.stdout).expect("cargo metadata's JSON");
    let mut out = BTreeMap::new();
    for package in metadata["packages"].as_array().expect("packages") {
        let name = package["name"].as_str().expect("a name").to_string();
        let deps = package["dependencies"]
            .as_array()
            .expect("dependencies")
            .iter()
            .filter(|d| d["kind"].is_null())
            .map(|d| d["name"].as_str().expect("a name").to_string())
            .collect();
        out.insert(name, deps);
    }
    out
}

/// Everything `name` reaches through normal dependencies of the workspace.
fn reaches(all: &BTreeMap<String, BTreeSet<String>>, name: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![name.to_string()];
    while let Some(next) = stack.pop() {
        for dep in all.get(&next).into_iter().flatten() {
            if seen.insert(dep.clone()) {
                stack.push(dep.clone());
            }
        }
    }
    seen
}

#[test]
fn the_catalogue_depends_on_no_generator_tool_or_runtime() {
    let all = normal_dependencies();
    let deps = &all["errors-catalogue"];
    let expected: BTreeSet<String> = ["errors-vocab", "serde", "serde-saphyr"]
        .map(String::from)
        .into();
    assert_eq!(
        deps, &expected,
        "errors-catalogue is the model, the loader and the checks: nothing more"
    );
}

#[test]
fn a_build_script_compiles_the_catalogue_and_the_generator_only() {
    let all = normal_dependencies();
    let reached = reaches(&all, "errors-codegen");
    for forbidden in [
        "errors-tools",
        "errors-runtime",
        "errors-core",
        "serde_json",
        "schemars",
        "http",
    ] {
        assert!(
            !reached.contains(forbidden),
            "errors-codegen reaches {forbidden}: a build script would compile it"
        );
    }
    assert!(reached.contains("errors-catalogue"));
}

#[test]
fn the_tools_read_the_catalogue_and_generate_nothing() {
    let all = normal_dependencies();
    let tools = &all["errors-tools"];
    assert!(tools.contains("errors-catalogue"));
    assert!(
        !reaches(&all, "errors-tools").contains("errors-codegen"),
        "errors-tools must not need the generator"
    );
}

#[test]
fn the_runtime_reads_no_yaml_and_loads_no_catalogue() {
    let all = normal_dependencies();
    for runtime in ["errors-core", "errors-runtime", "errors-derive"] {
        let reached = reaches(&all, runtime);
        for forbidden in [
            "errors-catalogue",
            "errors-codegen",
            "errors-tools",
            "serde-saphyr",
        ] {
            assert!(
                !reached.contains(forbidden),
                "{runtime} reaches {forbidden}"
            );
        }
    }
}
