//! What an edit of the catalogue breaks: two checked catalogues compared
//! entry by entry, every difference judged by a [`Rule`] at a [`Level`].
//!
//! Entries are matched by id (statuses by number). When an entry disappears
//! and a new one appears with what identifies it on the wire (a code's wire
//! spellings, an error type's source and code, a source's name), that is
//! reported once as a rename: the Rust variant disappears, so it is
//! breaking, and the message suggests keeping the old entry with
//! `deprecated:` instead, the way rustc never deletes an error code.
//!
//! Each [`Change`] is located at `line:column` in the new catalogue, or in
//! the old one for something that was removed ([`Side`]). The [`format`](mod@format)
//! module writes a [`Report`] as text, JSON, GitHub workflow annotations or
//! a Markdown changelog section.
//!
//! ```
//! use errors_tools::diff::{self, Acknowledgement, Level, Rule};
//!
//! let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../taxonomy.yaml")).unwrap();
//! let old = errors_catalogue::load_str(&text, "old.yaml").unwrap();
//! let edited = text.replacen("    status: 410\n", "    status: 404\n", 1);
//! let new = errors_catalogue::load_str(&edited, "new.yaml").unwrap();
//!
//! let report = diff::diff(&old, &new);
//! let change = &report.changes()[0];
//! assert_eq!(change.rule, Rule::CodeStatusChanged);
//! assert_eq!(change.level, Level::Breaking);
//! assert_eq!((change.old.as_deref(), change.new.as_deref()), (Some("410"), Some("404")));
//! // Refused unless the new catalogue raises its `release`.
//! assert!(report.refusal(Level::Breaking, Acknowledgement::ReleaseBump).is_some());
//! ```

mod categories;
mod change;
mod codes;
mod documents;
mod error_types;
pub mod format;
mod git;
mod limits;
mod matching;
mod report;
mod retry;
mod rule;
mod section;
mod sources;
mod statuses;
mod task_statuses;
mod text;
mod wire;

pub use change::{Change, Level, Side, UnknownLevel};
pub use git::{RevisionError, read_at_revision};
pub use report::{Acknowledgement, Report};
pub use rule::Rule;

use errors_catalogue::Catalogue;

/// Every change from `old` to `new`, both already loaded and validated.
#[must_use]
pub fn diff(old: &Catalogue, new: &Catalogue) -> Report {
    let mut out = change::Changes::default();
    sources::compare(&mut out, old, new);
    sources::compare_top_level(&mut out, old, new);
    categories::compare(&mut out, old, new);
    statuses::compare(&mut out, old, new);
    let codes = codes::compare(&mut out, old, new);
    wire::compare(&mut out, old, new, &codes);
    error_types::compare(&mut out, old, new, &codes);
    task_statuses::compare(&mut out, old, new);
    limits::compare(&mut out, old, new);
    documents::compare(&mut out, old, new);
    let mut changes = out.0;
    // Stable: within a level, changes stay in catalogue order.
    changes.sort_by_key(|c| std::cmp::Reverse(c.level));
    Report {
        changes,
        old_release: old.raw().release.value,
        new_release: new.raw().release.value,
    }
}
