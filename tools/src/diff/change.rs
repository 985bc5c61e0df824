//! One reported change and how serious it is.

use std::fmt;
use std::str::FromStr;

use errors_catalogue::Location;
use serde::Serialize;

use super::Rule;

/// How serious a change is. Ordered: `Info < Warning < Breaking`, so
/// `level >= Level::Warning` reads as "a warning or worse".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Level {
    /// Nothing a dependent must act on: added spellings, rewordings,
    /// deprecations, `assumed` marks.
    Info,
    /// Dependents keep compiling and classifying, but should look: a new
    /// enum variant (a major version for exhaustive Rust matches), other
    /// attempts or waits, a stricter create rule.
    Warning,
    /// Dependents break: a variant disappears (a compile error), old
    /// responses stop classifying or classify differently, or clients
    /// repeat requests they did not repeat before (or stop repeating them).
    Breaking,
}

impl Level {
    /// Every level, the most serious first.
    pub const ALL: [Level; 3] = [Level::Breaking, Level::Warning, Level::Info];

    /// `breaking`, `warning` or `info`: what `--fail-on` takes.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Breaking => "breaking",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A level name that is not `breaking`, `warning` or `info`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLevel(pub String);

impl fmt::Display for UnknownLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown level `{}`; expected breaking, warning or info",
            self.0
        )
    }
}

impl std::error::Error for UnknownLevel {}

impl FromStr for Level {
    type Err = UnknownLevel;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Level::ALL
            .into_iter()
            .find(|l| l.as_str() == s)
            .ok_or_else(|| UnknownLevel(s.to_string()))
    }
}

/// Which of the two catalogues a [`Change`]'s `line:column` is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// The catalogue before the edit: where something that disappeared was.
    Old,
    /// The catalogue after the edit: where everything else is now.
    New,
}

/// One difference between two catalogues, judged by a [`Rule`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Change {
    /// How serious it is; always `rule.level()`.
    pub level: Level,
    /// The rule that found it.
    pub rule: Rule,
    /// The entry it is about, as `section.id`: `codes.gone`, `statuses.431`,
    /// `error_types.INFERENCE_TIMEOUT`, `release`.
    pub entry: String,
    /// Who is affected and how, in plain words.
    pub message: String,
    /// The value before the edit, when there was one.
    pub old: Option<String>,
    /// The value after the edit, when there is one.
    pub new: Option<String>,
    /// The catalogue `line` and `column` point into: [`Side::Old`] for
    /// something removed, [`Side::New`] otherwise.
    #[serde(skip)]
    pub side: Side,
    /// 1-based line in the catalogue of `side`; 0 when unknown (a key left
    /// out and defaulted).
    pub line: u64,
    /// 1-based column, as `line`.
    pub column: u64,
}

/// Where a change is located, before it is a [`Change`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Place {
    side: Side,
    at: Location,
}

impl Place {
    /// In the old catalogue: for something that disappeared.
    pub(crate) fn old(at: Location) -> Self {
        Self {
            side: Side::Old,
            at,
        }
    }

    /// In the new catalogue.
    pub(crate) fn new(at: Location) -> Self {
        Self {
            side: Side::New,
            at,
        }
    }
}

/// The changes found so far, in the order the comparisons run.
#[derive(Debug, Default)]
pub(crate) struct Changes(pub(crate) Vec<Change>);

impl Changes {
    /// Records a change; `values` are the old and the new value, if any.
    pub(crate) fn add(
        &mut self,
        rule: Rule,
        entry: impl Into<String>,
        place: Place,
        message: impl Into<String>,
        values: (Option<String>, Option<String>),
    ) {
        self.0.push(Change {
            level: rule.level(),
            rule,
            entry: entry.into(),
            message: message.into(),
            old: values.0,
            new: values.1,
            side: place.side,
            line: place.at.line(),
            column: place.at.column(),
        });
    }
}
