//! Which catalogue a command reads, and loading it.

use std::path::PathBuf;
use std::process::ExitCode;

use errors_codegen::Catalogue;

/// The catalogue this binary was built with, so that an installed
/// `taxonomy` answers outside the workspace.
const BUILT_IN: &str = include_str!("../taxonomy.yaml");

/// How the built-in catalogue is named in messages.
const BUILT_IN_NAME: &str = "taxonomy.yaml";

/// Which catalogue a command reads.
pub(crate) enum Input {
    /// The catalogue built into the binary.
    BuiltIn,
    /// A file.
    File(PathBuf),
}

impl Input {
    /// `--file FILE` when given, else the built-in catalogue.
    pub(crate) fn from_option(file: Option<PathBuf>) -> Self {
        file.map_or(Self::BuiltIn, Self::File)
    }
}

/// Loads the catalogue, printing every problem with its source line on
/// failure (exit 1), or why the file cannot be read (exit 2).
pub(crate) fn load(input: &Input) -> Result<(Catalogue, PathBuf), ExitCode> {
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
            eprintln!("{}", problems.render(&source));
            Err(ExitCode::from(1))
        }
    }
}
