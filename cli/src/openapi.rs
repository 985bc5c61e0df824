//! `taxonomy openapi [--file FILE] [--source S]... --out FILE`: the
//! catalogue's error responses as an OpenAPI 3.1 fragment.

use std::path::PathBuf;
use std::process::ExitCode;

use errors_tools::RuntimeCatalogue;

use crate::input::{Input, load};
use crate::{out, usage};

pub(crate) fn run(args: &[String]) -> ExitCode {
    let mut file = None;
    let mut target = None;
    let mut sources: Vec<String> = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            flag @ ("--file" | "--out" | "--source") => {
                let Some(value) = args.next() else {
                    return usage(&format!("{flag} needs a value"));
                };
                match flag {
                    "--file" => file = Some(PathBuf::from(value)),
                    "--out" => target = Some(PathBuf::from(value)),
                    _ => sources.push(value.clone()),
                }
            }
            other if other.starts_with('-') => {
                return usage(&format!("openapi has no option `{other}`"));
            }
            other => return usage(&format!("openapi takes no argument `{other}`")),
        }
    }
    let catalogue = match load(&Input::from_option(file)) {
        Ok((catalogue, _)) => catalogue,
        Err(code) => return code,
    };
    let tables = RuntimeCatalogue::leak(catalogue);
    let names: Vec<&str> = sources.iter().map(String::as_str).collect();
    let document = match errors_tools::openapi::document(tables, &names) {
        Ok(document) => document,
        Err(unknown) => return usage(&unknown.to_string()),
    };
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
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
