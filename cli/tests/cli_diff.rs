//! `taxonomy diff` as CI and a person run it: exit statuses, located errors
//! of a side that does not load, `--against` a git revision, and the
//! `.ci/catalogue-diff` step on a temporary repository.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const TAXONOMY: &str = env!("CARGO_BIN_EXE_taxonomy");

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn real() -> String {
    std::fs::read_to_string(workspace().join("taxonomy.yaml")).unwrap()
}

fn taxonomy(args: &[&str]) -> Output {
    Command::new(TAXONOMY).args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `text` with `from` (which must occur once) replaced by `to`.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "{from:?}");
    text.replacen(from, to, 1)
}

const BREAKING: (&str, &str) = ("    status: 410\n", "    status: 404\n");
/// A figure changed: a warning. (An added code is news: the generated
/// enums are `#[non_exhaustive]`.)
const WARNING: (&str, &str) = ("    value: 600\n", "    value: 900\n");
const INFO: (&str, &str) = (
    "    meaning: The resource existed but has expired or been deleted.\n",
    "    meaning: The resource was deleted or has expired.\n",
);
const BUMP: (&str, &str) = ("\nrelease: 1\n", "\nrelease: 2\n");

/// A temporary directory holding the real catalogue as `old.yaml` and the
/// edited one as `new.yaml`.
fn sides(edits: &[(&str, &str)]) -> (tempfile::TempDir, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let text = real();
    let new = edits.iter().fold(text.clone(), |t, (f, r)| edit(&t, f, r));
    let old_path = dir.path().join("old.yaml");
    let new_path = dir.path().join("new.yaml");
    std::fs::write(&old_path, text).unwrap();
    std::fs::write(&new_path, new).unwrap();
    let name = |p: PathBuf| p.display().to_string();
    (dir, name(old_path), name(new_path))
}

#[test]
fn exit_status_follows_fail_on_and_the_release() {
    type Edits = &'static [(&'static str, &'static str)];
    // (edits, extra arguments, exit status)
    let rows: &[(Edits, &[&str], i32)] = &[
        (&[], &[], 0),
        (&[BREAKING], &[], 1),
        (&[BREAKING], &["--fail-on", "breaking"], 1),
        (&[WARNING], &[], 0),
        (&[WARNING], &["--fail-on", "warning"], 1),
        (&[INFO], &["--fail-on", "warning"], 0),
        (&[INFO], &["--fail-on", "info"], 1),
        (&[BREAKING], &["--require-release-bump"], 1),
        (&[BREAKING, BUMP], &["--require-release-bump"], 0),
        (&[BREAKING, BUMP], &[], 1),
        (
            &[WARNING, BUMP],
            &["--require-release-bump", "--fail-on", "info"],
            0,
        ),
    ];
    for (edits, extra, status) in rows {
        let (_dir, old, new) = sides(edits);
        let mut args = vec!["diff"];
        args.extend_from_slice(extra);
        args.extend([old.as_str(), new.as_str()]);
        let out = taxonomy(&args);
        assert_eq!(
            out.status.code(),
            Some(*status),
            "{args:?}\n{}{}",
            stdout(&out),
            stderr(&out)
        );
        if *status == 1 {
            assert!(stderr(&out).contains("taxonomy diff: "), "{}", stderr(&out));
        }
    }
}

#[test]
fn a_breaking_edit_is_printed_at_its_place_in_every_format() {
    let (_dir, old, new) = sides(&[BREAKING]);
    let line = real().lines().position(|l| l == "    status: 410").unwrap() + 1;
    let place = format!("{new}:{line}:13");
    let expect = [
        (
            "text",
            format!("  {place}: CODE_STATUS_CHANGED codes.gone\n"),
        ),
        ("json", "\"rule\": \"CODE_STATUS_CHANGED\"".to_string()),
        (
            "github",
            format!("::error file={new},line={line},col=13,title=CODE_STATUS_CHANGED codes.gone::"),
        ),
        ("markdown", format!("(`CODE_STATUS_CHANGED`, {place})")),
    ];
    for (format, part) in expect {
        let out = taxonomy(&["diff", "--format", format, &old, &new]);
        assert_eq!(out.status.code(), Some(1), "{format}");
        assert!(
            stdout(&out).contains(&part),
            "{format}: {part:?} missing in:\n{}",
            stdout(&out)
        );
    }
}

#[test]
fn a_side_that_does_not_load_exits_2_with_its_located_problems() {
    let broken = workspace().join("tests/fixtures/broken/many_problems_at_once.yaml");
    let broken = broken.display().to_string();
    let good = workspace().join("taxonomy.yaml").display().to_string();
    for args in [
        ["diff", broken.as_str(), good.as_str()],
        ["diff", good.as_str(), broken.as_str()],
    ] {
        let out = taxonomy(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        for place in [":89:15: error:", ":110:9: error:", ":125:11: error:"] {
            assert!(
                err.contains(&format!("{broken}{place}")),
                "{place} missing in:\n{err}"
            );
        }
        assert!(stdout(&out).is_empty(), "{}", stdout(&out));
    }
    // Both broken: both are reported, not only the first.
    let yaml = workspace().join("tests/fixtures/broken/yaml_unclosed_bracket.yaml");
    let yaml = yaml.display().to_string();
    let out = taxonomy(&["diff", &broken, &yaml]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(&format!("{broken}:89:15")),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains(&format!("{yaml}:")),
        "{}",
        stderr(&out)
    );
    // A file that is not there.
    let out = taxonomy(&["diff", "/nonexistent/taxonomy.yaml", &good]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("/nonexistent/taxonomy.yaml"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn bad_usage_exits_2_with_the_usage() {
    let good = workspace().join("taxonomy.yaml").display().to_string();
    let g = good.as_str();
    for args in [
        &["diff"][..],
        &["diff", g],
        &["diff", g, g, g],
        &["diff", "--format", "xml", g, g],
        &["diff", "--format"],
        &["diff", "--fail-on", "fatal", g, g],
        &["diff", "--bogus", g, g],
        &["diff", "--against", "HEAD", g, g],
        &["diff", "--against"],
    ] {
        let out = taxonomy(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains("usage:"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

// --- git -----------------------------------------------------------------

fn git(dir: &Path, args: &[&str]) -> Output {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.invalid",
        ])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
    out
}

/// A repository with the CI script and the real catalogue, committed once.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join(".ci")).unwrap();
    std::fs::copy(
        workspace().join(".ci/catalogue-diff"),
        root.join(".ci/catalogue-diff"),
    )
    .unwrap();
    std::fs::write(root.join("taxonomy.yaml"), real()).unwrap();
    git(root, &["init", "-q"]);
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "catalogue"]);
    dir
}

fn commit(root: &Path, edits: &[(&str, &str)], message: &str) {
    let path = root.join("taxonomy.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = edits.iter().fold(text, |t, (f, r)| edit(&t, f, r));
    std::fs::write(&path, text).unwrap();
    git(root, &["commit", "-q", "-am", message]);
}

/// Runs the CI step of `root` with the built binary in place of `cargo run`.
fn ci_step(root: &Path) -> Output {
    Command::new("bash")
        .arg(root.join(".ci/catalogue-diff"))
        .env("TAXONOMY_BIN", TAXONOMY)
        .env_remove("CATALOGUE_BASELINE")
        .output()
        .unwrap()
}

#[test]
fn the_ci_step_refuses_a_breaking_edit_unless_the_release_is_raised() {
    let repo = repository();
    let root = repo.path();

    let out = ci_step(root);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("no previous commit"),
        "{}",
        stdout(&out)
    );

    commit(root, &[INFO], "reword gone");
    let out = ci_step(root);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(
        stdout(&out).contains("TEXT_REWORDED codes.gone"),
        "{}",
        stdout(&out)
    );

    commit(root, &[WARNING], "raise a limit");
    let out = ci_step(root);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(
        stdout(&out).contains("LIMIT_VALUE_CHANGED limits.runs_enterprise_requests_per_minute"),
        "{}",
        stdout(&out)
    );

    commit(root, &[BREAKING], "gone is 404 now");
    let out = ci_step(root);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(
        stdout(&out).contains("HEAD~1:taxonomy.yaml (release 1) -> taxonomy.yaml (release 1)"),
        "{}",
        stdout(&out)
    );
    assert!(
        stdout(&out).contains("CODE_STATUS_CHANGED codes.gone"),
        "{}",
        stdout(&out)
    );
    assert!(stderr(&out).contains("raise `release`"), "{}", stderr(&out));

    // The same edit, acknowledged in the same commit.
    git(root, &["reset", "-q", "--hard", "HEAD~1"]);
    commit(root, &[BREAKING, BUMP], "gone is 404 now: release 2");
    let out = ci_step(root);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(
        stdout(&out).contains("RELEASE_CHANGED release"),
        "{}",
        stdout(&out)
    );

    // `--against` from another directory reads the file's own repository.
    let new = root.join("taxonomy.yaml").display().to_string();
    let out = taxonomy(&["diff", "--against", "HEAD~1", &new]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let out = taxonomy(&[
        "diff",
        "--require-release-bump",
        "--against",
        "HEAD~1",
        &new,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = taxonomy(&["diff", "--against", "no-such-revision", &new]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no-such-revision"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_ci_step_skips_with_a_message_in_a_shallow_clone() {
    let repo = repository();
    commit(repo.path(), &[BREAKING], "gone is 404 now");
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", repo.path().display());
    let target = clone.path().join("c");
    git(
        clone.path(),
        &[
            "clone",
            "-q",
            "--depth",
            "1",
            &url,
            &target.display().to_string(),
        ],
    );
    let out = ci_step(&target);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("shallow clone"), "{}", stdout(&out));
}

#[test]
fn the_ci_step_uses_a_baseline_when_there_is_no_history() {
    let repo = repository();
    let baseline = repo.path().join("baseline.yaml");
    let text = edit(&real(), BREAKING.0, BREAKING.1);
    std::fs::write(&baseline, real()).unwrap();
    std::fs::write(repo.path().join("taxonomy.yaml"), text).unwrap();
    let out = Command::new("bash")
        .arg(repo.path().join(".ci/catalogue-diff"))
        .env("TAXONOMY_BIN", TAXONOMY)
        .env("CATALOGUE_BASELINE", &baseline)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(
        stdout(&out).contains("against the baseline"),
        "{}",
        stdout(&out)
    );
}
