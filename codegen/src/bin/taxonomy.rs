//! `taxonomy`: check the catalogue, or explain any entry of it.

use std::path::PathBuf;
use std::process::ExitCode;

use errors_codegen::{Catalogue, Diagnostics, WORKSPACE_TAXONOMY};

const USAGE: &str = "\
usage:
  taxonomy check [FILE]                      validate a catalogue (default: the workspace's taxonomy.yaml)
  taxonomy explain [--json] [--file FILE] QUERY
                                             explain a status (429), a code (rate_limit_exceeded),
                                             any wire spelling (RATE_LIMIT_EXCEEDED), an error_type
                                             (CONTENT_BLOCKED) or a message (\"Workflow is locked\")

exit status: 0 ok, 1 the catalogue has problems, 2 unknown query or bad usage";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("check") => check(&args[1..]),
        Some("explain") => explain(&args[1..]),
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
    let catalogue = match load(&file.unwrap_or_else(default_file)) {
        Ok(c) => c,
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
