//! `taxonomy`: check the catalogue, explain any entry of it, write its
//! reference site, or say what an edit of it breaks. Wiring only: the work
//! is in errors-catalogue (load, check) and errors-tools (explain, docs,
//! diff, export, openapi); each command has its file.

use std::ffi::OsString;
use std::process::ExitCode;

mod check;
mod diff;
mod docs;
mod explain;
mod export;
mod input;
mod openapi;
mod out;
mod response;

/// Each command's lines of the usage, shown by `taxonomy COMMAND --help`
/// and, together, by `taxonomy --help`.
const CHECK: &str = "\
  taxonomy check [FILE]                      validate a catalogue (default: ./taxonomy.yaml when there is one,
                                             else the catalogue built into this binary)";

pub(crate) const EXPLAIN: &str = "\
  taxonomy explain [--json] [--file FILE] QUERY
                                             explain a status (429), a code (rate_limit_exceeded),
                                             any wire spelling (RATE_LIMIT_EXCEEDED), an error_type
                                             (CONTENT_BLOCKED), a message or its start (\"App not found\"),
                                             a request field (webhook_url), a source or a limit; a
                                             QUERY that starts with `-` goes after `--`
  taxonomy explain [--json] [--file FILE] --response FILE [--status N]
                                             classify a response as `curl -i` prints it (FILE, or -
                                             for standard input), or a bare body with --status N, and
                                             say what it is and what a client should do, with
                                             --file's catalogue (its shapes, codes and rules) or
                                             the built-in one";

const DOCS: &str = "\
  taxonomy docs --out DIR [--format html|markdown] [--file FILE]
                                             write the reference site (DIR/index.html, one
                                             self-contained page) or DIR/ERRORS.md";

const EXPORT: &str = "\
  taxonomy export [--format json] [--file FILE] [--out FILE]
                                             the whole catalogue as JSON for clients in other
                                             languages (sources, shapes, statuses, codes, retry
                                             rules, user messages); to standard output by default
  taxonomy export --schema [--out FILE]      the JSON Schema of that format (draft 2020-12)";

const OPENAPI: &str = "\
  taxonomy openapi [--file FILE] [--source S]... [--out FILE]
                                             the error responses as an OpenAPI 3.1 fragment: a
                                             schema per body shape, a response per status and code
                                             with examples rendered as a service sends them, and
                                             their headers; --source keeps only S's errors";

const DIFF: &str = "\
  taxonomy diff [--format F] [--fail-on LEVEL] [--require-release-bump] OLD NEW
  taxonomy diff [--format F] [--fail-on LEVEL] [--require-release-bump] --against REV [NEW]
                                             what the edit from OLD to NEW breaks; --against reads OLD
                                             with `git show REV:./FILE` in NEW's directory (default NEW:
                                             ./taxonomy.yaml). F: text (default), json,
                                             github, markdown. LEVEL: breaking (default), warning, info.
                                             --require-release-bump: changes pass when NEW's `release`
                                             is above OLD's";

const EXIT_STATUS: &str = "\
exit status: 0 ok (a query that matches several entries lists them), 1 the catalogue
             has problems, a file cannot be written, or (diff) a change at or above LEVEL,
             2 unknown query, bad usage, or (diff) a catalogue that does not load";

/// The other lines of `taxonomy --help`.
const GENERAL: &str = "\
  taxonomy help [COMMAND]                    this text, or one command's
  taxonomy --version                         the version";

/// The commands, each with its lines of the usage.
const COMMANDS: [(&str, &str); 6] = [
    ("check", CHECK),
    ("explain", EXPLAIN),
    ("docs", DOCS),
    ("export", EXPORT),
    ("openapi", OPENAPI),
    ("diff", DIFF),
];

/// The whole usage.
fn usage_text() -> String {
    let commands: Vec<&str> = COMMANDS.iter().map(|(_, lines)| *lines).collect();
    format!(
        "usage:\n{}\n{GENERAL}\n\n{EXIT_STATUS}",
        commands.join("\n")
    )
}

/// One command's usage.
pub(crate) fn command_usage(lines: &str) -> String {
    format!("usage:\n{lines}\n\n{EXIT_STATUS}")
}

/// Whether `args` (a command's, up to a `--`) ask for its help.
fn asks_for_help(args: &[String]) -> bool {
    args.iter()
        .take_while(|arg| *arg != "--")
        .any(|arg| arg == "-h" || arg == "--help")
}

fn main() -> ExitCode {
    let args = match utf8_args(std::env::args_os().skip(1)) {
        Ok(args) => args,
        Err(problem) => return usage(&problem),
    };
    let Some(first) = args.first() else {
        return usage("expected a command");
    };
    let rest = &args[1..];
    if let Some((_, lines)) = COMMANDS.iter().find(|(name, _)| name == first)
        && asks_for_help(rest)
    {
        return out::print(&command_usage(lines));
    }
    match first.as_str() {
        "check" => check::run(rest),
        "explain" => explain::run(rest),
        "docs" => docs::run(rest),
        "export" => export::run(rest),
        "openapi" => openapi::run(rest),
        "diff" => diff::run(rest),
        "-h" | "--help" => out::print(&usage_text()),
        "-V" | "--version" => out::print(concat!("taxonomy ", env!("CARGO_PKG_VERSION"))),
        "help" => match rest {
            [] => out::print(&usage_text()),
            [command] => match COMMANDS.iter().find(|(name, _)| name == command) {
                Some((_, lines)) => out::print(&command_usage(lines)),
                None => usage(&format!("no command `{command}`; {}", commands_list())),
            },
            _ => usage("help takes at most one COMMAND"),
        },
        option if option.starts_with('-') => usage(&format!(
            "unknown option `{option}`; expected a command first"
        )),
        other => usage(&format!("no command `{other}`; {}", commands_list())),
    }
}

/// "the commands are `check`, …".
fn commands_list() -> String {
    let names: Vec<String> = COMMANDS
        .iter()
        .map(|(name, _)| format!("`{name}`"))
        .collect();
    format!("the commands are {}", names.join(", "))
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
    eprintln!("taxonomy: {problem}\n\n{}", usage_text());
    ExitCode::from(2)
}
