//! `taxonomy`: check the catalogue, explain any entry of it, or write its
//! reference site. Wiring only: the work is in the errors-codegen library.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use errors_codegen::site::Format;
use errors_codegen::{Catalogue, Diagnostics, Unanswered, WORKSPACE_TAXONOMY};

const USAGE: &str = "\
usage:
  taxonomy check [FILE]                      validate a catalogue (default: the workspace's taxonomy.yaml)
  taxonomy explain [--json] [--file FILE] QUERY
                                             explain a status (429), a code (rate_limit_exceeded),
                                             any wire spelling (RATE_LIMIT_EXCEEDED), an error_type
                                             (CONTENT_BLOCKED), a message or its start (\"App not found\"),
                                             a request field (webhook_url), a source or a limit
  taxonomy docs --out DIR [--format html|markdown] [--file FILE]
                                             write the reference site (DIR/index.html, one
                                             self-contained page) or DIR/ERRORS.md

exit status: 0 ok (a query that matches several entries lists them), 1 the catalogue
has problems or a file cannot be written, 2 unknown query or bad usage";

fn main() -> ExitCode {
    let args = match utf8_args(std::env::args_os().skip(1)) {
        Ok(args) => args,
        Err(problem) => return usage(&problem),
    };
    match args.first().map(String::as_str) {
        Some("check") => check(&args[1..]),
        Some("explain") => explain(&args[1..]),
        Some("docs") => docs(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => usage("expected a command"),
    }
}

/// The arguments as text, or which one is not: a catalogue query or a
/// path that is not UTF-8 cannot name anything in a UTF-8 catalogue.
fn utf8_args(args: impl Iterator<Item = OsString>) -> Result<Vec<String>, String> {
    args.enumerate()
        .map(|(i, arg)| {
            arg.into_string().map_err(|raw| {
                format!(
                    "argument {} is not valid UTF-8: {}",
                    i + 1,
                    raw.to_string_lossy()
                )
            })
        })
        .collect()
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("taxonomy: {problem}\n\n{USAGE}");
    ExitCode::from(2)
}

/// The workspace's catalogue, named relative to the current directory when
/// it is below it (so messages read `taxonomy.yaml:12:3`), else absolute.
fn default_file() -> PathBuf {
    let Ok(workspace) = std::fs::canonicalize(WORKSPACE_TAXONOMY) else {
        return PathBuf::from("taxonomy.yaml");
    };
    std::env::current_dir()
        .ok()
        .and_then(|here| workspace.strip_prefix(here).ok().map(PathBuf::from))
        .unwrap_or(workspace)
}

/// Loads `path`, printing every problem with its source line on failure.
fn load(path: &PathBuf) -> Result<Catalogue, ExitCode> {
    errors_codegen::load(path).map_err(|problems: Diagnostics| {
        let source = std::fs::read_to_string(path).unwrap_or_default();
        eprintln!("{}", problems.render(&source));
        ExitCode::from(1)
    })
}

fn check(args: &[String]) -> ExitCode {
    let path = match args {
        [] => default_file(),
        [file] if !file.starts_with('-') => PathBuf::from(file),
        _ => return usage("check takes at most one FILE"),
    };
    let catalogue = match load(&path) {
        Ok(c) => c,
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
    if query.trim().is_empty() {
        return usage("explain needs a QUERY that is not empty");
    }
    let catalogue = match load(&file.unwrap_or_else(default_file)) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let answer = catalogue.explain(&query);
    let printed = match (&answer, json) {
        (Ok(explanation), true) => explanation.to_json().map(|text| println!("{text}")),
        (Ok(explanation), false) => {
            print!("{explanation}");
            Ok(())
        }
        (Err(unanswered), true) => unanswered.to_json().map(|text| println!("{text}")),
        (Err(Unanswered::Several(choices)), false) => {
            print!("{choices}");
            Ok(())
        }
        (Err(_), false) => Ok(()),
    };
    if let Err(e) = printed {
        eprintln!("taxonomy: cannot write JSON: {e}");
        return ExitCode::from(1);
    }
    match answer {
        Ok(_) | Err(Unanswered::Several(_)) => ExitCode::SUCCESS,
        Err(Unanswered::Empty) => usage("explain needs a QUERY that is not empty"),
        Err(unanswered) => {
            eprintln!("taxonomy: {unanswered}");
            ExitCode::from(2)
        }
    }
}

fn docs(args: &[String]) -> ExitCode {
    let mut out = None;
    let mut format = Format::Html;
    let mut file = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--out", Some(dir)) => out = Some(PathBuf::from(dir)),
            ("--file", Some(f)) => file = Some(PathBuf::from(f)),
            ("--format", Some(name)) => match name.parse() {
                Ok(f) => format = f,
                Err(e) => return usage(&e),
            },
            (flag @ ("--out" | "--file" | "--format"), None) => {
                return usage(&format!("{flag} needs a value"));
            }
            (other, _) => return usage(&format!("docs does not take `{other}`")),
        }
    }
    let Some(out) = out else {
        return usage("docs needs --out DIR");
    };
    let catalogue = match load(&file.unwrap_or_else(default_file)) {
        Ok(c) => c,
        Err(code) => return code,
    };
    match errors_codegen::site::write(&catalogue, &out, format) {
        Ok(path) => {
            println!("{}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("taxonomy: cannot write the site to {}: {e}", out.display());
            ExitCode::from(1)
        }
    }
}
