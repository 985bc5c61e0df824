//! The old side of a diff read from git: `git show REV:./FILE`, run in
//! the directory of the new file so the path means the same file there.

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Why a catalogue could not be read at a revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevisionError {
    /// The revision asked for.
    pub revision: String,
    /// The file whose earlier version was asked for.
    pub path: PathBuf,
    /// What went wrong, with git's own words when git ran.
    pub reason: String,
}

impl fmt::Display for RevisionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot read {} at revision `{}`: {}",
            self.path.display(),
            self.revision,
            self.reason
        )
    }
}

impl std::error::Error for RevisionError {}

/// The text of `file` at git revision `revision` (`HEAD~1`, a tag, a
/// commit), in the repository that holds `file`.
///
/// # Errors
/// When `revision` looks like an option, git cannot be run, or git cannot
/// show the file (unknown revision, file absent there, not a repository).
pub fn read_at_revision(revision: &str, file: &Path) -> Result<String, RevisionError> {
    let fail = |reason: String| RevisionError {
        revision: revision.to_string(),
        path: file.to_path_buf(),
        reason,
    };
    if revision.is_empty() || revision.starts_with('-') {
        return Err(fail("a revision cannot be empty or start with `-`".into()));
    }
    let Some(name) = file.file_name() else {
        return Err(fail("the path names no file".into()));
    };
    let dir = match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let spec = format!("{revision}:./{}", name.to_string_lossy());
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["show", "--no-textconv", &spec])
        .output()
        .map_err(|e| fail(format!("cannot run git: {e}")))?;
    if !output.status.success() {
        let said = String::from_utf8_lossy(&output.stderr);
        return Err(fail(format!("git says: {}", said.trim())));
    }
    String::from_utf8(output.stdout).map_err(|_| fail("the file is not UTF-8".into()))
}
