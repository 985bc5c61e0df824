//! Located problems, collected: every check adds to one [`Diagnostics`] and
//! the caller sees them all at once (the pattern of serde_derive's `Ctxt`).

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::span::{Location, Spanned};

/// One problem in a catalogue, at a place in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, as it was named to the loader.
    pub path: PathBuf,
    /// 1-based line; 0 when the place is unknown.
    pub line: u64,
    /// 1-based column; 0 when the place is unknown.
    pub column: u64,
    /// What is wrong, naming the offending key or value.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: error: {}",
            self.path.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

impl Diagnostic {
    /// The diagnostic followed by the offending line of `source` and a caret,
    /// the way a terminal user wants to read it.
    #[must_use]
    pub fn render(&self, source: &str) -> String {
        let mut out = self.to_string();
        let Some(text) = usize::try_from(self.line)
            .ok()
            .and_then(|line| line.checked_sub(1))
            .and_then(|index| source.lines().nth(index))
        else {
            return out;
        };
        let gutter = self.line.to_string();
        let pad = " ".repeat(gutter.len());
        let caret_at = usize::try_from(self.column.saturating_sub(1)).unwrap_or(0);
        let lead: String = text
            .chars()
            .take(caret_at)
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        out.push_str(&format!("\n {pad} |\n {gutter} | {text}\n {pad} | {lead}^"));
        out
    }
}

/// Every problem found in one file. Empty means the file is good.
///
/// A file that could not be read is one problem, at no place, whose
/// [`source`](std::error::Error::source) is the [`std::io::Error`].
#[derive(Debug, Clone, Default)]
pub struct Diagnostics {
    path: PathBuf,
    list: Vec<Diagnostic>,
    /// Why the file could not be read, when that is the problem.
    io: Option<Arc<std::io::Error>>,
}

/// Equal when they name the same file and the same problems; an I/O
/// error's own value is not compared (`std::io::Error` has no equality).
impl PartialEq for Diagnostics {
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path && self.list == other.list
    }
}

impl Eq for Diagnostics {}

impl Diagnostics {
    pub(crate) fn new(path: &Path) -> Self {
        Self {
            path: path.to_path_buf(),
            list: Vec::new(),
            io: None,
        }
    }

    /// The file at `path` could not be read: one problem, saying why, with
    /// the error as its source.
    pub(crate) fn unreadable(path: &Path, error: std::io::Error) -> Self {
        let mut d = Self::new(path);
        d.at(
            Location::UNKNOWN,
            format!("cannot read the catalogue: {error}"),
        );
        d.io = Some(Arc::new(error));
        d
    }

    /// The file these problems are in, as it was named to the loader.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Records a problem at `location`.
    pub(crate) fn at(&mut self, location: Location, message: impl Into<String>) {
        self.list.push(Diagnostic {
            path: self.path.clone(),
            line: location.line(),
            column: location.column(),
            message: message.into(),
        });
    }

    /// Records a problem at a 1-based `line` and `column`.
    pub(crate) fn at_line(&mut self, line: u64, column: u64, message: impl Into<String>) {
        self.list.push(Diagnostic {
            path: self.path.clone(),
            line,
            column,
            message: message.into(),
        });
    }

    /// Records a problem at the place `value` was written.
    pub(crate) fn on<T>(&mut self, value: &Spanned<T>, message: impl Into<String>) {
        self.at(value.referenced, message);
    }

    /// The problems, in file order.
    #[must_use]
    pub fn list(&self) -> &[Diagnostic] {
        &self.list
    }

    /// True when nothing is wrong.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// `value` when nothing is wrong, otherwise every problem sorted by
    /// place. `value` is what the checks made of the file, `None` when
    /// they could not make it; each way that can happen is a problem they
    /// report, so `None` without a problem is a bug in them, reported as
    /// one rather than a panic.
    pub(crate) fn finish<T>(mut self, value: Option<T>) -> Result<T, Self> {
        if self.list.is_empty() {
            match value {
                Some(value) => return Ok(value),
                None => self.at(
                    Location::UNKNOWN,
                    "the checks found no problem but could not resolve every reference; this is a bug in errors-catalogue",
                ),
            }
        }
        self.list.sort_by_key(|d| (d.line, d.column));
        Err(self)
    }

    /// All diagnostics with their source lines, for a terminal.
    #[must_use]
    pub fn render(&self, source: &str) -> String {
        let mut out = String::new();
        for d in &self.list {
            out.push_str(&d.render(source));
            out.push_str("\n\n");
        }
        out.push_str(&self.summary());
        out
    }

    fn summary(&self) -> String {
        let n = self.list.len();
        format!(
            "{}: {n} problem{} found",
            self.path.display(),
            if n == 1 { "" } else { "s" }
        )
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.list {
            writeln!(f, "{d}")?;
        }
        f.write_str(&self.summary())
    }
}

impl std::error::Error for Diagnostics {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.io
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}
