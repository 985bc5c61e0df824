//! `taxonomy check [FILE]`: validate a catalogue.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::input::{Input, load};
use crate::{out, usage};

pub(crate) fn run(args: &[String]) -> ExitCode {
    let input = match args {
        [] if Path::new("taxonomy.yaml").is_file() => Input::File(PathBuf::from("taxonomy.yaml")),
        [] => Input::BuiltIn,
        [file] if !file.starts_with('-') => Input::File(PathBuf::from(file)),
        [flag] => return usage(&format!("check has no option `{flag}`")),
        _ => return usage("check takes at most one FILE"),
    };
    let (catalogue, path) = match load(&input) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    out::print(&format!(
        "{}: ok: {} documents, {} sources, {} categories, {} statuses, {} codes ({} wire spellings), {} error_types, {} task_statuses, {} limits",
        path.display(),
        catalogue.documents().len(),
        catalogue.sources().len(),
        catalogue.categories().len(),
        catalogue.statuses().len(),
        catalogue.codes().len(),
        catalogue.wire_entry_count(),
        catalogue.error_types().len(),
        catalogue.task_statuses().len(),
        catalogue.limits().len(),
    ))
}
