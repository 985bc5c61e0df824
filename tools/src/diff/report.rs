//! The outcome of a comparison, and whether it should stop an edit.

use std::fmt::Write as _;

use super::{Change, Level};

/// Whether a raised `release` lets changes pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Acknowledgement {
    /// Every change counts; `release` is not consulted.
    #[default]
    Ignored,
    /// A new major version may change anything: when NEW's `release` is
    /// greater than OLD's, no change counts against the edit.
    ReleaseBump,
}

/// Every change between two catalogues, with their releases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub(crate) changes: Vec<Change>,
    pub(crate) old_release: u32,
    pub(crate) new_release: u32,
}

impl Report {
    /// The changes, the most serious first; within a level, by section in
    /// catalogue order (sources, categories, statuses, codes and their wire
    /// spellings, error types, task statuses, limits, documents, release).
    #[must_use]
    pub fn changes(&self) -> &[Change] {
        &self.changes
    }

    /// True when the two catalogues say the same thing.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The `release` of the old catalogue.
    #[must_use]
    pub fn old_release(&self) -> u32 {
        self.old_release
    }

    /// The `release` of the new catalogue.
    #[must_use]
    pub fn new_release(&self) -> u32 {
        self.new_release
    }

    /// The most serious level among the changes, if there are any.
    #[must_use]
    pub fn worst(&self) -> Option<Level> {
        self.changes.iter().map(|c| c.level).max()
    }

    /// How many changes are at exactly `level`.
    #[must_use]
    pub fn count(&self, level: Level) -> usize {
        self.changes.iter().filter(|c| c.level == level).count()
    }

    /// True when NEW's `release` is greater than OLD's.
    #[must_use]
    pub fn release_raised(&self) -> bool {
        self.new_release > self.old_release
    }

    /// True when nothing breaks, or the release was raised to say so.
    #[must_use]
    pub fn acknowledged(&self) -> bool {
        self.count(Level::Breaking) == 0 || self.release_raised()
    }

    /// The changes at or above `fail_on` that `acknowledgement` does not
    /// excuse: what makes `taxonomy diff` exit 1.
    #[must_use]
    pub fn failing(&self, fail_on: Level, acknowledgement: Acknowledgement) -> Vec<&Change> {
        if acknowledgement == Acknowledgement::ReleaseBump && self.release_raised() {
            return Vec::new();
        }
        self.changes.iter().filter(|c| c.level >= fail_on).collect()
    }

    /// Why the edit is refused, in one sentence, or `None` when it passes.
    #[must_use]
    pub fn refusal(&self, fail_on: Level, acknowledgement: Acknowledgement) -> Option<String> {
        let failing = self.failing(fail_on, acknowledgement);
        if failing.is_empty() {
            return None;
        }
        let n = failing.len();
        let mut reason = format!(
            "{n} change{} at or above {fail_on}",
            if n == 1 { "" } else { "s" }
        );
        if acknowledgement == Acknowledgement::ReleaseBump {
            let _ = write!(
                reason,
                "; if the edit is meant to break dependents, raise `release` in the new catalogue above {} to acknowledge it",
                self.old_release
            );
        }
        Some(reason)
    }
}
