//! `taxonomy`: check the catalogue, or explain any entry of it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

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
