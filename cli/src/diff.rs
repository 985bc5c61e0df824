//! `taxonomy diff`: what an edit of the catalogue breaks.

use std::path::PathBuf;
use std::process::ExitCode;

use errors_catalogue::Catalogue;
use errors_tools::diff::format::{Format, Names};
use errors_tools::diff::{self, Acknowledgement, Level};

use crate::{out, usage};

/// The old side of a diff: a file, or a file at a git revision.
enum OldSide {
    File(PathBuf),
    Revision(String),
}

pub(crate) fn run(args: &[String]) -> ExitCode {
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
    let written = out::write(&format.write(&report, &names));
    match report.refusal(fail_on, acknowledgement) {
        Some(reason) => {
            eprintln!("taxonomy diff: {reason}");
            ExitCode::from(1)
        }
        None => written,
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
    match errors_catalogue::load_str(&text, name) {
        Ok(catalogue) => Some(catalogue),
        Err(problems) => {
            eprintln!("{}", problems.render(&text));
            None
        }
    }
}
