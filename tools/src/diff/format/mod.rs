//! A [`Report`] written out: for a terminal ([`text`]), for programs
//! ([`json`]), as GitHub workflow annotations ([`github`]) and as a
//! changelog section for a release ([`markdown`]).

mod github;
mod json;
mod markdown;
mod text;

use std::fmt;
use std::str::FromStr;

pub use github::github;
pub use json::json;
pub use markdown::markdown;
pub use text::text;

use super::{Change, Level, Report, Side};

/// The output formats of `taxonomy diff --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Format {
    /// Grouped by level, readable in a terminal (the default).
    #[default]
    Text,
    /// `{"changes": [{"level", "rule", "entry", "message", "old", "new", "file", "line", "column"}]}`.
    Json,
    /// `::error file=…,line=…::…` workflow commands: `error` for breaking,
    /// `warning` and `notice` for the others.
    Github,
    /// A changelog section for a release.
    Markdown,
}

impl Format {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [Format; 4] = [Format::Text, Format::Json, Format::Github, Format::Markdown];

    /// The name `--format` takes.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Github => "github",
            Format::Markdown => "markdown",
        }
    }

    /// `report` in this format; `names` says what to call the two files.
    #[must_use]
    pub fn write(self, report: &Report, names: &Names<'_>) -> String {
        match self {
            Format::Text => text(report, names),
            Format::Json => json(report, names),
            Format::Github => github(report, names),
            Format::Markdown => markdown(report, names),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A format name that is not one of [`Format::ALL`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownFormat(pub String);

impl fmt::Display for UnknownFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown format `{}`; expected text, json, github or markdown",
            self.0
        )
    }
}

impl std::error::Error for UnknownFormat {}

impl FromStr for Format {
    type Err = UnknownFormat;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::ALL
            .into_iter()
            .find(|f| f.as_str() == s)
            .ok_or_else(|| UnknownFormat(s.to_string()))
    }
}

/// What the two catalogues are called in the output: a path, or
/// `REV:taxonomy.yaml` for one read from git.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Names<'a> {
    /// The catalogue before the edit.
    pub old: &'a str,
    /// The catalogue after the edit.
    pub new: &'a str,
}

impl Names<'_> {
    /// The file a change's `line:column` is in.
    #[must_use]
    pub fn file(&self, change: &Change) -> &str {
        match change.side {
            Side::Old => self.old,
            Side::New => self.new,
        }
    }
}

/// The changes at `level`, in report order.
fn at(report: &Report, level: Level) -> impl Iterator<Item = &Change> {
    report.changes().iter().filter(move |c| c.level == level)
}

/// `2 breaking, 1 warning, 0 info`.
fn counts(report: &Report) -> String {
    let n = |l| report.count(l);
    format!(
        "{} breaking, {} warning{}, {} info",
        n(Level::Breaking),
        n(Level::Warning),
        if n(Level::Warning) == 1 { "" } else { "s" },
        n(Level::Info)
    )
}
