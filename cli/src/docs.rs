//! `taxonomy docs --out DIR [--format html|markdown] [--file FILE]`: the
//! reference site.

use std::path::PathBuf;
use std::process::ExitCode;

use errors_tools::site::Format;

use crate::input::{Input, load};
use crate::{out, usage};

pub(crate) fn run(args: &[String]) -> ExitCode {
    let mut dir = None;
    let mut format = Format::Html;
    let mut file = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--out", Some(d)) => dir = Some(PathBuf::from(d)),
            ("--file", Some(f)) => file = Some(PathBuf::from(f)),
            ("--format", Some(name)) => match name.parse::<Format>() {
                Ok(f) => format = f,
                Err(e) => return usage(&e.to_string()),
            },
            (flag @ ("--out" | "--file" | "--format"), None) => {
                return usage(&format!("{flag} needs a value"));
            }
            (other, _) if other.starts_with('-') => {
                return usage(&format!("docs has no option `{other}`"));
            }
            (other, _) => {
                return usage(&format!(
                    "docs takes no argument `{other}`; write --out DIR"
                ));
            }
        }
    }
    let Some(dir) = dir else {
        return usage("docs needs --out DIR");
    };
    let catalogue = match load(&Input::from_option(file)) {
        Ok((catalogue, _)) => catalogue,
        Err(code) => return code,
    };
    match errors_tools::site::write(&catalogue, &dir, format) {
        Ok(path) => out::print(&path.display().to_string()),
        Err(e) => {
            eprintln!("taxonomy: cannot write the site to {}: {e}", dir.display());
            ExitCode::from(1)
        }
    }
}
