//! A client in another language decides from `taxonomy export` alone: the
//! README's Python example (examples/other-languages/decide.py), run over
//! the workspace's export, tells the user and retries as errors-core does
//! for the same response.
//!
//! Needs `python3` (on every machine this project builds on); without it
//! the test says so and passes, unless `CI` is set.

use std::process::Command;

use errors_core::wire::{classify, classify_from};
use errors_core::{Code, Source};
use http::{HeaderMap, StatusCode};
use serde_json::Value;

/// What the example prints for one response, or `None` without python3.
fn decide_py(export: &std::path::Path, args: &[&str]) -> Option<Value> {
    let script = errors_tests::workspace().join("examples/other-languages/decide.py");
    let out = match Command::new("python3")
        .arg(&script)
        .arg(export)
        .args(args)
        .output()
    {
        Ok(out) => out,
        Err(e) => {
            assert!(std::env::var_os("CI").is_none(), "python3 is missing: {e}");
            eprintln!("notice: export_client skipped: python3 is missing ({e})");
            return None;
        }
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).expect("the example prints JSON"))
}

#[test]
fn the_python_example_decides_as_errors_core_does() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("errors.json");
    let catalogue = errors_tests::catalogue();
    std::fs::write(
        &export,
        errors_tools::export::Export::new(&catalogue).to_json(),
    )
    .unwrap();

    // A code as a source spells it: the code's message and rule.
    let cases = [
        ("429", "RATE_LIMIT_EXCEEDED", "queue", Source::Queue),
        ("429", "rate_limit_exceeded", "runs", Source::Runs),
        ("401", "UNAUTHORIZED", "queue", Source::Queue),
    ];
    for (status, spelled, source_name, source) in cases {
        let Some(answer) = decide_py(&export, &[status, spelled, source_name]) else {
            return;
        };
        let code = Code::from_wire(source, spelled).expect("a catalogued spelling");
        assert_eq!(answer["tell_user"], code.user_message(), "{spelled}");
        assert_eq!(answer["rule"], code.retry().to_string(), "{spelled}");
        assert_eq!(answer["retry"], code.retry().is_retryable(), "{spelled}");
    }

    // A status alone, from a known source or none: what classify says.
    let headers = HeaderMap::new();
    let statuses: [(u16, Option<(&str, Source)>); 5] = [
        (503, Some(("runs", Source::Runs))),
        (503, Some(("queue", Source::Queue))),
        (503, None),
        (418, None),
        (599, None),
    ];
    for (number, source) in statuses {
        let status = StatusCode::from_u16(number).unwrap();
        let (args, classified) = match source {
            Some((name, source)) => (
                vec![number.to_string(), String::new(), name.to_string()],
                classify_from(source, status, &headers, b""),
            ),
            None => (vec![number.to_string()], classify(status, &headers, b"")),
        };
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let Some(answer) = decide_py(&export, &args) else {
            return;
        };
        assert_eq!(
            answer["tell_user"],
            classified.user_message().as_ref(),
            "{args:?}"
        );
        assert_eq!(answer["rule"], classified.retry().to_string(), "{args:?}");
    }
}

/// The README shows the example's `decide` as the file has it.
#[test]
fn the_readme_shows_the_example_as_it_is() {
    let root = errors_tests::workspace();
    let script = std::fs::read_to_string(root.join("examples/other-languages/decide.py")).unwrap();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let start = script.find("def decide(").expect("decide is defined");
    let end = script[start..]
        .find("\n\n\n")
        .map_or(script.len(), |at| start + at);
    let function = &script[start..end];
    assert!(
        readme.contains(function),
        "README.md must show examples/other-languages/decide.py's decide as it is:\n{function}"
    );
}
