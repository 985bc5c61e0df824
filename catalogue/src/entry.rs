//! The kinds of catalogue entry, and the one stable anchor each entry has.
//!
//! The anchor is computed here only: the reference site gives each entry's
//! section this `id`, and the generated `docs_url()` can link to it through
//! the builder's `{anchor}` placeholder, so the two can never disagree.

use std::fmt;

use serde::Serialize;

/// What a catalogue entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EntryKind {
    /// An HTTP status (`429`).
    Status,
    /// A canonical error code (`rate_limit_exceeded`).
    Code,
    /// A terminal task failure reported in `error_type` (`CONTENT_BLOCKED`).
    ErrorType,
    /// A state of an asynchronous task (`IN_QUEUE`).
    TaskStatus,
    /// A documented API (`queue`).
    Source,
    /// A documented figure (`runs_sync_ceiling`).
    Limit,
    /// A class of statuses (`4xx`), which explains a status no document names.
    StatusClass,
}

impl EntryKind {
    /// The snake-case name, as in JSON (`error_type`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Status => "status",
            Self::Code => "code",
            Self::ErrorType => "error_type",
            Self::TaskStatus => "task_status",
            Self::Source => "source",
            Self::Limit => "limit",
            Self::StatusClass => "status_class",
        }
    }

    /// The name in words (`error type`).
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Status => "status",
            Self::Code => "code",
            Self::ErrorType => "error type",
            Self::TaskStatus => "task status",
            Self::Source => "source",
            Self::Limit => "limit",
            Self::StatusClass => "status class",
        }
    }

    /// The anchor's prefix: the snake-case name with `-` for `_`.
    const fn prefix(self) -> &'static str {
        match self {
            Self::Status => "status",
            Self::Code => "code",
            Self::ErrorType => "error-type",
            Self::TaskStatus => "task-status",
            Self::Source => "source",
            Self::Limit => "limit",
            Self::StatusClass => "status-class",
        }
    }
}

impl fmt::Display for EntryKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The stable anchor of an entry: `status-429`, `code-rate_limit_exceeded`,
/// `error-type-CONTENT_BLOCKED`, `task-status-IN_QUEUE`, `source-queue`,
/// `limit-runs_sync_ceiling`, `status-class-4xx`.
///
/// The id keeps its case and underscores, so the anchor reads like the
/// spelling people search for. Ids are unique within their kind (loading
/// checks it; task statuses and error types too, across sources), so the
/// anchor is unique. Any character outside `A-Za-z0-9_.-` (none in the
/// workspace catalogue) becomes `-`, so the anchor is always a valid
/// fragment without escaping.
///
/// ```
/// use errors_catalogue::{EntryKind, anchor};
/// assert_eq!(anchor(EntryKind::Status, "429"), "status-429");
/// assert_eq!(anchor(EntryKind::ErrorType, "CONTENT_BLOCKED"), "error-type-CONTENT_BLOCKED");
/// ```
#[must_use]
pub fn anchor(kind: EntryKind, id: &str) -> String {
    let mut out = String::with_capacity(kind.prefix().len() + 1 + id.len());
    out.push_str(kind.prefix());
    out.push('-');
    out.extend(id.chars().map(|c| {
        if c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.') {
            c
        } else {
            '-'
        }
    }));
    out
}
