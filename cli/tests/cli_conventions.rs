//! The conventions a person expects of a command-line tool, as a table of
//! invocations: `--help`/`-h` for the tool and each command, `help
//! COMMAND`, `--version`, and a flag-looking query that is never searched
//! but named as the option it looks like; each with its exit status and
//! what it prints.

use std::process::Command;

/// Where a row's text must appear.
#[derive(Debug, Clone, Copy)]
enum On {
    Stdout,
    Stderr,
}

/// `taxonomy ARGS` exits with `status`, and `on` holds `text`.
struct Row {
    args: &'static [&'static str],
    status: i32,
    on: On,
    text: &'static str,
}

const fn row(args: &'static [&'static str], status: i32, on: On, text: &'static str) -> Row {
    Row {
        args,
        status,
        on,
        text,
    }
}

const ROWS: &[Row] = &[
    // The tool's help and version.
    row(
        &["--help"],
        0,
        On::Stdout,
        "taxonomy explain [--json] [--file FILE] QUERY",
    ),
    row(&["-h"], 0, On::Stdout, "taxonomy diff [--format F]"),
    row(&["help"], 0, On::Stdout, "exit status:"),
    row(
        &["--version"],
        0,
        On::Stdout,
        concat!("taxonomy ", env!("CARGO_PKG_VERSION")),
    ),
    row(&["-V"], 0, On::Stdout, "taxonomy "),
    // Each command's help, however it is asked for.
    row(&["help", "explain"], 0, On::Stdout, "--response FILE"),
    row(&["explain", "--help"], 0, On::Stdout, "--response FILE"),
    row(&["explain", "-h"], 0, On::Stdout, "--response FILE"),
    row(&["explain", "help"], 0, On::Stdout, "--response FILE"),
    row(
        &["explain", "--json", "--help"],
        0,
        On::Stdout,
        "--response FILE",
    ),
    row(&["check", "--help"], 0, On::Stdout, "taxonomy check [FILE]"),
    row(&["help", "check"], 0, On::Stdout, "taxonomy check [FILE]"),
    row(&["docs", "-h"], 0, On::Stdout, "taxonomy docs --out DIR"),
    row(&["diff", "--help"], 0, On::Stdout, "--require-release-bump"),
    // Unknown commands and options are named, never searched.
    row(
        &["help", "nope"],
        2,
        On::Stderr,
        "no command `nope`; the commands are `check`",
    ),
    row(&["nope"], 2, On::Stderr, "no command `nope`"),
    row(&["-x"], 2, On::Stderr, "unknown option `-x`"),
    row(&[], 2, On::Stderr, "expected a command"),
    row(
        &["explain", "-x"],
        2,
        On::Stderr,
        "explain has no option `-x`",
    ),
    row(
        &["explain", "--frobnicate", "429"],
        2,
        On::Stderr,
        "explain has no option `--frobnicate`",
    ),
    row(&["check", "-x"], 2, On::Stderr, "check has no option `-x`"),
    row(&["docs", "-x"], 2, On::Stderr, "docs has no option `-x`"),
    row(&["diff", "-x"], 2, On::Stderr, "diff has no option `-x`"),
    // After `--`, a word that starts with `-` is a query like any other.
    row(&["explain", "--", "-h"], 0, On::Stdout, "`-h` matches"),
    // An unknown query names what was meant: a typo's nearest spelling
    // first (not a fragment of it), a description's entries by their words
    // and their category's synonyms.
    row(
        &["explain", "CONTENT_BLOKED"],
        2,
        On::Stderr,
        "nearest: content_blocked, CONTENT_BLOCKED",
    ),
    row(
        &["explain", "RateLimitExceded"],
        2,
        On::Stderr,
        "nearest: rate_limit_exceeded",
    ),
    row(&["explain", "quota"], 2, On::Stderr, "nearest: 402"),
    row(
        &["explain", "the model is currently loading"],
        2,
        On::Stderr,
        "nearest: 503",
    ),
    row(
        &["explain", "nsfw"],
        2,
        On::Stderr,
        "nearest: content_blocked",
    ),
    // The export: JSON on standard output, or its schema; nothing else.
    row(
        &["export"],
        0,
        On::Stdout,
        "\"$schema\": \"urn:errors-taxonomy:export:v1\"",
    ),
    row(
        &["export", "--schema"],
        0,
        On::Stdout,
        "\"$comment\": \"@generated",
    ),
    row(
        &["export", "--format", "yaml"],
        2,
        On::Stderr,
        "unknown format `yaml`",
    ),
    row(&["export", "-h"], 0, On::Stdout, "taxonomy export --schema"),
    // The OpenAPI fragment, for one source or all.
    row(
        &["openapi", "--source", "runs"],
        0,
        On::Stdout,
        "\"openapi\": \"3.1.0\"",
    ),
    row(
        &["openapi", "--source", "nope"],
        2,
        On::Stderr,
        "no source `nope`",
    ),
    row(
        &["openapi", "runs"],
        2,
        On::Stderr,
        "openapi takes no argument `runs`",
    ),
    // What the tool is for still works.
    row(&["explain", "429"], 0, On::Stdout, "429 Too Many Requests"),
];

#[test]
fn each_invocation_exits_and_prints_as_a_person_expects() {
    let mut failures = Vec::new();
    for row in ROWS {
        let out = Command::new(env!("CARGO_BIN_EXE_taxonomy"))
            .args(row.args)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let shown = match row.on {
            On::Stdout => &stdout,
            On::Stderr => &stderr,
        };
        if out.status.code() != Some(row.status) || !shown.contains(row.text) {
            failures.push(format!(
                "taxonomy {:?}: exit {:?} (want {}), {:?} should hold {:?}\n  stdout: {}\n  stderr: {}",
                row.args,
                out.status.code(),
                row.status,
                row.on,
                row.text,
                stdout.lines().next().unwrap_or_default(),
                stderr.lines().next().unwrap_or_default(),
            ));
        }
        assert!(!stderr.contains("panicked"), "{:?}: {stderr}", row.args);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
