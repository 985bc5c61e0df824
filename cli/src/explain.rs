//! `taxonomy explain [--json] [--file FILE] QUERY`, or a whole response
//! with `--response FILE [--status N]`.

use std::path::PathBuf;
use std::process::ExitCode;

use errors_tools::{Explain as _, Unanswered};

use crate::input::{Input, load};
use crate::{out, usage};

pub(crate) fn run(args: &[String]) -> ExitCode {
    let mut json = false;
    let mut file = None;
    let mut response = None;
    let mut status = None;
    let mut words = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => json = true,
            "--file" => match args.next() {
                Some(f) => file = Some(PathBuf::from(f)),
                None => return usage("--file needs a FILE"),
            },
            "--response" => match args.next() {
                Some(f) => response = Some(f.clone()),
                None => return usage("--response needs a FILE (or - for standard input)"),
            },
            "--status" => match args.next().map(|n| n.parse::<u16>()) {
                Some(Ok(n)) => status = Some(n),
                _ => return usage("--status needs an HTTP status, a number from 100 to 999"),
            },
            "--" => words.extend(args.by_ref().cloned()),
            flag if flag.starts_with('-') => {
                return usage(&format!(
                    "explain has no option `{flag}`; a QUERY that starts with `-` goes after `--`: \
                     taxonomy explain -- {flag}"
                ));
            }
            _ => words.push(arg.clone()),
        }
    }
    // `taxonomy explain help` asks for help, as `taxonomy help explain` does;
    // the catalogue has no entry of that name to explain.
    if response.is_none() && words == ["help"] {
        return out::print(&crate::command_usage(crate::EXPLAIN));
    }
    if let Some(response) = response {
        if !words.is_empty() {
            return usage("explain takes a QUERY or --response FILE, not both");
        }
        let input = Input::from_option(file);
        let (model, _) = match load(&input) {
            Ok(loaded) => loaded,
            Err(code) => return code,
        };
        return match input {
            // The built-in catalogue's generated tables: what a client
            // built on errors-core does.
            Input::BuiltIn => {
                crate::response::run(errors_core::Taxonomy, &model, &response, status, json)
            }
            // Another catalogue's tables, built from the file: the same
            // engine as its generated crate would run.
            Input::File(_) => {
                let tables = errors_tools::RuntimeCatalogue::leak(model);
                crate::response::run(tables, tables.catalogue(), &response, status, json)
            }
        };
    }
    if status.is_some() {
        return usage("--status goes with --response FILE (a bare body)");
    }
    let query = words.join(" ");
    if query.trim().is_empty() {
        return usage("explain needs a QUERY that is not empty");
    }
    let catalogue = match load(&Input::from_option(file)) {
        Ok((catalogue, _)) => catalogue,
        Err(code) => return code,
    };
    let answer = catalogue.explain(&query);
    let printed = match (&answer, json) {
        (Ok(explanation), true) => explanation.to_json().map(|text| out::print(&text)),
        (Ok(explanation), false) => Ok(out::write(&explanation.to_string())),
        (Err(unanswered), true) => unanswered.to_json().map(|text| out::print(&text)),
        (Err(Unanswered::Several(choices)), false) => Ok(out::write(&choices.to_string())),
        (Err(_), false) => Ok(ExitCode::SUCCESS),
    };
    let written = match printed {
        Ok(code) => code,
        Err(e) => {
            eprintln!("taxonomy: cannot write JSON: {e}");
            return ExitCode::from(1);
        }
    };
    match answer {
        Ok(_) | Err(Unanswered::Several(_)) => written,
        Err(Unanswered::Empty) => usage("explain needs a QUERY that is not empty"),
        Err(unanswered) => {
            eprintln!("taxonomy: {unanswered}");
            ExitCode::from(2)
        }
    }
}
