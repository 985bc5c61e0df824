//! `taxonomy`: check the catalogue, explain any entry of it, write its
//! reference site, or say what an edit of it breaks. Wiring only: the work
//! is in the errors-codegen library; each command has its file.

use std::ffi::OsString;
use std::process::ExitCode;

mod check;
mod diff;
mod docs;
mod explain;
mod input;
mod out;
mod response;

const USAGE: &str = "\
usage:
  taxonomy check [FILE]                      validate a catalogue (default: ./taxonomy.yaml when there is one,
                                             else the catalogue built into this binary)
  taxonomy explain [--json] [--file FILE] QUERY
                                             explain a status (429), a code (rate_limit_exceeded),
                                             any wire spelling (RATE_LIMIT_EXCEEDED), an error_type
                                             (CONTENT_BLOCKED), a message or its start (\"App not found\"),
                                             a request field (webhook_url), a source or a limit
  taxonomy explain [--json] [--file FILE] --response FILE [--status N]
                                             classify a response as `curl -i` prints it (FILE, or -
                                             for standard input), or a bare body with --status N, and
                                             say what it is and what a client should do, with
                                             --file's catalogue (its shapes, codes and rules) or
                                             the built-in one
  taxonomy docs --out DIR [--format html|markdown] [--file FILE]
                                             write the reference site (DIR/index.html, one
                                             self-contained page) or DIR/ERRORS.md
  taxonomy diff [--format F] [--fail-on LEVEL] [--require-release-bump] OLD NEW
  taxonomy diff [--format F] [--fail-on LEVEL] [--require-release-bump] --against REV [NEW]
                                             what the edit from OLD to NEW breaks; --against reads OLD
                                             with `git show REV:./FILE` in NEW's directory (default NEW:
                                             ./taxonomy.yaml). F: text (default), json,
                                             github, markdown. LEVEL: breaking (default), warning, info.
                                             --require-release-bump: changes pass when NEW's `release`
                                             is above OLD's

exit status: 0 ok (a query that matches several entries lists them), 1 the catalogue
             has problems, a file cannot be written, or (diff) a change at or above LEVEL,
             2 unknown query, bad usage, or (diff) a catalogue that does not load";

fn main() -> ExitCode {
    let args = match utf8_args(std::env::args_os().skip(1)) {
        Ok(args) => args,
        Err(problem) => return usage(&problem),
    };
    match args.first().map(String::as_str) {
        Some("check") => check::run(&args[1..]),
        Some("explain") => explain::run(&args[1..]),
        Some("docs") => docs::run(&args[1..]),
        Some("diff") => diff::run(&args[1..]),
        Some("-h" | "--help" | "help") => out::print(USAGE),
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

/// Bad usage: the problem and the usage on stderr, exit 2.
pub(crate) fn usage(problem: &str) -> ExitCode {
    eprintln!("taxonomy: {problem}\n\n{USAGE}");
    ExitCode::from(2)
}
