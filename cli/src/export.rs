//! `taxonomy export [--format json] [--file FILE] [--out FILE] [--schema]`:
//! the resolved catalogue as JSON for clients in other languages, or the
//! JSON Schema of that format.

use std::path::PathBuf;
use std::process::ExitCode;

use errors_tools::export::{Export, json_schema};

use crate::input::{Input, load};
use crate::{out, usage};

pub(crate) fn run(args: &[String]) -> ExitCode {
    let mut file = None;
    let mut target = None;
    let mut schema = false;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--schema" => schema = true,
            flag @ ("--file" | "--out" | "--format") => {
                let Some(value) = args.next() else {
                    return usage(&format!("{flag} needs a value"));
                };
                match flag {
                    "--file" => file = Some(PathBuf::from(value)),
                    "--out" => target = Some(PathBuf::from(value)),
                    _ if value == "json" => {}
                    _ => return usage(&format!("unknown format `{value}`; expected json")),
                }
            }
            other if other.starts_with('-') => {
                return usage(&format!("export has no option `{other}`"));
            }
            other => return usage(&format!("export takes no argument `{other}`")),
        }
    }
    let text = if schema {
        if file.is_some() {
            return usage("--schema describes the format, whatever the catalogue: drop --file");
        }
        json_schema()
    } else {
        match load(&Input::from_option(file)) {
            Ok((catalogue, _)) => Export::new(&catalogue).to_json(),
            Err(code) => return code,
        }
    };
    match target {
        None => out::write(&text),
        Some(path) => match std::fs::write(&path, text) {
            Ok(()) => out::print(&path.display().to_string()),
            Err(e) => {
                eprintln!("taxonomy: cannot write {}: {e}", path.display());
                ExitCode::from(1)
            }
        },
    }
}
