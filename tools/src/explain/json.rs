//! An explanation, or why there is none, as JSON for programs.
//!
//! The shapes are the types' `Serialize` forms: an [`Explanation`] as an
//! object with `kind`, `id`, `anchor`, …; an [`Unanswered`] tagged with
//! `outcome` (`empty`, `several` with `choices`, `not_found` with
//! `suggestions`).

use super::{Explanation, Unanswered};

impl Explanation {
    /// Pretty-printed JSON.
    ///
    /// # Errors
    /// Only if serde_json fails to write a string, which it does not for
    /// these types; the error is passed on rather than hidden.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string_pretty(self)
    }
}

impl Unanswered {
    /// Pretty-printed JSON.
    ///
    /// # Errors
    /// As [`Explanation::to_json`].
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string_pretty(self)
    }
}
