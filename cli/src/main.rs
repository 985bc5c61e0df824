//! `taxonomy`: check the catalogue, explain any entry of it, or say what an
//! edit of it breaks.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use errors_codegen::diff::format::{Format, Names};
use errors_codegen::diff::{self, Acknowledgement, Level};
use errors_codegen::{Catalogue, Diagnostics};

/// The catalogue this binary was built with, so that an installed
/// `taxonomy` answers outside the workspace.
const BUILT_IN: &str = include_str!("../taxonomy.yaml");

/// How the built-in catalogue is named in messages.
const BUILT_IN_NAME: &str = "taxonomy.yaml";

const USAGE: &str = "\
usage:
  taxonomy check [FILE]                      validate a catalogue (default: ./taxonomy.yaml when there is one,
                                             else the catalogue built into this binary)
  taxonomy explain [--json] [--file FILE] QUERY
                                             explain a status (429), a code (rate_limit_exceeded),
                                             any wire spelling (RATE_LIMIT_EXCEEDED), an error_type
                                             (CONTENT_BLOCKED) or a message (\"Workflow is locked\")
  taxonomy diff [--format F] [--fail-on LEVEL] [--require-release-bump] OLD NEW
  taxonomy diff [--format F] [--fail-on LEVEL] [--require-release-bump] --against REV [NEW]
                                             what the edit from OLD to NEW breaks; --against reads OLD
                                             with `git show REV:./FILE` in NEW's directory (default NEW:
                                             the workspace's taxonomy.yaml). F: text (default), json,
                                             github, markdown. LEVEL: breaking (default), warning, info.
                                             --require-release-bump: changes pass when NEW's `release`
                                             is above OLD's

exit status: 0 ok, 1 the catalogue has problems (diff: a change at or above LEVEL),
             2 unknown query, bad usage, or (diff) a catalogue that does not load";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("check") => check(&args[1..]),
        Some("explain") => explain(&args[1..]),
        Some("diff") => diff(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => usage("expected a command"),
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("taxonomy: {problem}\n\n{USAGE}");
    ExitCode::from(2)
}

/// Which catalogue a command reads.
enum Input {
    /// The catalogue built into the binary.
    BuiltIn,
    /// A file.
    File(PathBuf),
}

/// Loads the catalogue, printing every problem with its source line on
/// failure.
fn load(input: &Input) -> Result<(Catalogue, PathBuf), ExitCode> {
    let (source, path) = match input {
        Input::BuiltIn => (BUILT_IN.to_string(), PathBuf::from(BUILT_IN_NAME)),
        Input::File(path) => match std::fs::read_to_string(path) {
            Ok(text) => (text, path.clone()),
            Err(e) => {
                eprintln!("taxonomy: cannot read {}: {e}", path.display());
                return Err(ExitCode::from(2));
            }
        },
    };
    match errors_codegen::load_str(&source, &path) {
        Ok(catalogue) => Ok((catalogue, path)),
        Err(problems) => {
            let problems: Diagnostics = problems;
            eprintln!("{}", problems.render(&source));
            Err(ExitCode::from(1))
        }
    }
}

fn check(args: &[String]) -> ExitCode {
    let input = match args {
        [] if Path::new("taxonomy.yaml").is_file() => Input::File(PathBuf::from("taxonomy.yaml")),
        [] => Input::BuiltIn,
        [file] if !file.starts_with('-') => Input::File(PathBuf::from(file)),
        _ => return usage("check takes at most one FILE"),
    };
    let (catalogue, path) = match load(&input) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let spellings: usize = catalogue.codes.iter().map(|c| c.wire.len()).sum();
    println!(
        "{}: ok: {} documents, {} sources, {} categories, {} statuses, {} codes ({} wire spellings), {} error_types, {} task_statuses, {} limits",
        path.display(),
        catalogue.documents.len(),
        catalogue.sources.len(),
        catalogue.categories.len(),
        catalogue.statuses.len(),
        catalogue.codes.len(),
        spellings,
        catalogue.error_types.len(),
        catalogue.task_statuses.len(),
        catalogue.limits.len(),
    );
    ExitCode::SUCCESS
}

fn explain(args: &[String]) -> ExitCode {
    let mut json = false;
    let mut file = None;
    let mut words = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => json = true,
            "--file" => match args.next() {
                Some(f) => file = Some(PathBuf::from(f)),
                None => return usage("--file needs a FILE"),
            },
            "--" => words.extend(args.by_ref().cloned()),
            _ => words.push(arg.clone()),
        }
    }
    if words.is_empty() {
        return usage("explain needs a QUERY");
    }
    let query = words.join(" ");
    let input = file.map_or(Input::BuiltIn, Input::File);
    let catalogue = match load(&input) {
        Ok((catalogue, _)) => catalogue,
        Err(code) => return code,
    };
    match catalogue.explain(&query) {
        Ok(explanation) if json => {
            match serde_json::to_string_pretty(&explanation) {
                Ok(text) => println!("{text}"),
                Err(e) => {
                    eprintln!("taxonomy: cannot write JSON: {e}");
                    return ExitCode::from(1);
                }
            }
            ExitCode::SUCCESS
        }
        Ok(explanation) => {
            print!("{explanation}");
            ExitCode::SUCCESS
        }
        Err(not_found) => {
            if json && let Ok(text) = serde_json::to_string_pretty(&not_found) {
                println!("{text}");
            }
            eprintln!("taxonomy: {not_found}");
            ExitCode::from(2)
        }
    }
}

/// The old side of a diff: a file, or a file at a git revision.
enum OldSide {
    File(PathBuf),
    Revision(String),
}

fn diff(args: &[String]) -> ExitCode {
    let mut format = Format::default();
    let mut fail_on = Level::Breaking;
    let mut acknowledgement = Acknowledgement::Ignored;
    let mut against = None;
    let mut files = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--format" => match args.next().map(|f| f.parse()) {
                Some(Ok(f)) => format = f,
                Some(Err(e)) => return usage(&e.to_string()),
                None => return usage("--format needs text, json, github or markdown"),
            },
            "--fail-on" => match args.next().map(|l| l.parse()) {
                Some(Ok(l)) => fail_on = l,
                Some(Err(e)) => return usage(&e.to_string()),
                None => return usage("--fail-on needs breaking, warning or info"),
            },
            "--require-release-bump" => acknowledgement = Acknowledgement::ReleaseBump,
            "--against" => match args.next() {
                Some(rev) => against = Some(rev.clone()),
                None => return usage("--against needs a git revision"),
            },
            "--" => files.extend(args.by_ref().map(PathBuf::from)),
            option if option.starts_with('-') => {
                return usage(&format!("diff has no option `{option}`"));
            }
            file => files.push(PathBuf::from(file)),
        }
    }
    let (old_side, new_path) = match (against, files.as_slice()) {
        (Some(rev), []) => (OldSide::Revision(rev), PathBuf::from("taxonomy.yaml")),
        (Some(rev), [new]) => (OldSide::Revision(rev), new.clone()),
        (None, [old, new]) => (OldSide::File(old.clone()), new.clone()),
        _ => return usage("diff takes OLD NEW, or --against REV [NEW]"),
    };
    let (old_name, old_text) = match old_side {
        OldSide::File(path) => (
            path.display().to_string(),
            std::fs::read_to_string(&path).map_err(|e| (path, e)),
        ),
        OldSide::Revision(rev) => match diff::read_at_revision(&rev, &new_path) {
            Ok(text) => {
                let file = new_path.file_name().unwrap_or_default().to_string_lossy();
                (format!("{rev}:{file}"), Ok(text))
            }
            Err(e) => {
                eprintln!("taxonomy: {e}");
                return ExitCode::from(2);
            }
        },
    };
    let new_name = new_path.display().to_string();
    let new_text = std::fs::read_to_string(&new_path).map_err(|e| (new_path, e));
    // Both sides are loaded before either is reported, so a user sees
    // every problem of both at once.
    let old = load_side(&old_name, old_text);
    let new = load_side(&new_name, new_text);
    let (Some(old), Some(new)) = (old, new) else {
        return ExitCode::from(2);
    };
    let report = diff::diff(&old, &new);
    let names = Names {
        old: &old_name,
        new: &new_name,
    };
    print!("{}", format.write(&report, &names));
    match report.refusal(fail_on, acknowledgement) {
        Some(reason) => {
            eprintln!("taxonomy diff: {reason}");
            ExitCode::from(1)
        }
        None => ExitCode::SUCCESS,
    }
}

/// Loads one side of a diff, printing its located problems when it does not load.
fn load_side(name: &str, text: Result<String, (PathBuf, std::io::Error)>) -> Option<Catalogue> {
    let text = match text {
        Ok(text) => text,
        Err((path, e)) => {
            eprintln!("taxonomy: cannot read {}: {e}", path.display());
            return None;
        }
    };
    match errors_codegen::load_str(&text, name) {
        Ok(catalogue) => Some(catalogue),
        Err(problems) => {
            eprintln!("{}", problems.render(&text));
            None
        }
    }
}
