//! Which catalogue a command reads, and loading it.

use std::path::PathBuf;
use std::process::ExitCode;

use errors_catalogue::Catalogue;

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
        Input::BuiltIn => (BUILT_IN.as_bytes().to_vec(), PathBuf::from(BUILT_IN_NAME)),
        Input::File(path) => match std::fs::read(path) {
            Ok(bytes) => (bytes, path.clone()),
            Err(e) => {
                eprintln!("taxonomy: cannot read {}: {e}", path.display());
                return Err(ExitCode::from(2));
            }
        },
    };
    // Text that is not UTF-8 is a problem of the catalogue, at its line
    // and column, like any other (exit 1).
    match errors_catalogue::load_bytes(&source, &path) {
        Ok(catalogue) => Ok((catalogue, path)),
        Err(problems) => {
            eprintln!("{}", problems.render(&String::from_utf8_lossy(&source)));
            Err(ExitCode::from(1))
        }
    }
}
