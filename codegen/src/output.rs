//! Writing generated files: only when their content changed, and, for
//! files a crate commits, failing loudly when they were stale.

use std::path::{Path, PathBuf};

use crate::builder::Error;

/// What writing a generated file found on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Written {
    /// The file already held exactly this content; it was not touched, so
    /// nothing that depends on it rebuilds.
    Unchanged,
    /// The file was missing or different and has been (re)written.
    Updated,
}

/// Writes `contents` to `path` unless the file already holds exactly that.
///
/// Leaving an unchanged file alone keeps its modification time, so cargo
/// rebuilds nothing after a catalogue edit that changes no generated code.
///
/// # Errors
/// [`Error::Write`] when the file or its folder cannot be written.
pub fn write_if_changed(path: &Path, contents: &str) -> Result<Written, Error> {
    if std::fs::read(path).is_ok_and(|old| old == contents.as_bytes()) {
        return Ok(Written::Unchanged);
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| Error::Write {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    std::fs::write(path, contents).map_err(|source| Error::Write {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(Written::Updated)
}

/// Writes every file that changed and fails when any did: the freshness
/// check of committed generated code (the pattern of prost-types'
/// bootstrap test). Run from a test, it makes `cargo test` both the check
/// and the fix: the first run rewrites the stale files and fails, saying
/// which; the person reviews the diff and commits.
///
/// # Errors
/// [`Error::Stale`] naming the rewritten files; [`Error::Write`] when one
/// cannot be written (the files before it are written all the same).
pub fn refresh<'a>(
    files: impl IntoIterator<Item = (&'a Path, &'a str)>,
    regenerate_with: Option<&str>,
) -> Result<(), Error> {
    let mut stale = Vec::new();
    for (path, contents) in files {
        if write_if_changed(path, contents)? == Written::Updated {
            stale.push(path.to_path_buf());
        }
    }
    if stale.is_empty() {
        return Ok(());
    }
    Err(Error::Stale {
        paths: stale,
        regenerate_with: regenerate_with.map(str::to_string),
    })
}

/// The message of [`Error::Stale`].
pub(crate) fn stale_message(paths: &[PathBuf], regenerate_with: Option<&str>) -> String {
    let mut message = String::from(
        "generated code was stale and has been rewritten from the catalogue; \
         review the change (`git diff`) and commit it:",
    );
    for path in paths {
        message.push_str(&format!("\n  {}", path.display()));
    }
    if let Some(command) = regenerate_with {
        message.push_str(&format!("\n(`{command}` writes the same files)"));
    }
    message
}
