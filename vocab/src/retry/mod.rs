//! The catalogue's retry vocabulary: one type, read from the catalogue's
//! YAML form (feature `serde`) or the derive's one-line form ([`parse`]),
//! checked by one set of rules ([`RetryRule::check`]), written as Rust
//! by one function (feature `tokens`) and put into words by one function
//! ([`RetryRule::advice`], [`RetryRule::summary`]).
//!
//! ```
//! use errors_vocab::retry::{self, CreateRule, RetryRule};
//!
//! let rule = retry::parse("backoff(3), create = safe").unwrap();
//! assert_eq!(rule, RetryRule::Backoff { max_attempts: 3, create: CreateRule::Safe });
//! assert_eq!(rule.summary(), "retry with backoff, 3 attempts at most");
//!
//! // The catalogue and the derive reject the same rules, in the same words.
//! let err = retry::parse("backoff(1)").unwrap_err();
//! assert_eq!(err.to_string(), "`backoff` with max_attempts 1 never retries; use `never` or at least 2");
//! ```

mod advice;
mod check;
mod parse;
#[cfg(feature = "tokens")]
mod tokens;

pub use check::RetryProblem;
pub use parse::{ParseError, parse};
#[cfg(feature = "tokens")]
pub use tokens::RetryPaths;

/// How a client should retry after an error: a small closed vocabulary,
/// with its figures as the catalogue writes them (whole seconds).
///
/// In the catalogue (`taxonomy.yaml`) a rule is written as a word or a
/// one-key map: `never`, `{backoff: {max_attempts: 3}}`,
/// `{after: {min_secs: 30, max_secs: 60, create: safe}}`,
/// `{after_header: {header: Retry-After, fallback_secs: 60}}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Deserialize),
    serde(rename_all = "snake_case", deny_unknown_fields)
)]
// Exhaustive on purpose: the vocabulary is closed, and a new word changes
// what every client does, so it must break every `match` on it.
pub enum RetryRule {
    /// Retrying cannot help; something must change first.
    Never,
    /// Not a failure: the work is still running, poll again.
    KeepPolling,
    /// The synchronous call hit its ceiling; resubmit asynchronously and poll.
    ResubmitAsync,
    /// Retry with exponential backoff, at most `max_attempts` times in all.
    Backoff {
        /// Attempts in all, the first included; at least 2.
        max_attempts: u32,
        /// Whether a create may be retried.
        #[cfg_attr(feature = "serde", serde(default))]
        create: CreateRule,
    },
    /// Retry after a fixed wait between `min_secs` and `max_secs`.
    After {
        /// The shortest wait.
        min_secs: u32,
        /// The longest wait; at least `min_secs`, above 0.
        max_secs: u32,
        /// Whether a create may be retried.
        #[cfg_attr(feature = "serde", serde(default))]
        create: CreateRule,
    },
    /// Retry after the delay the server names in `header`, or `fallback_secs`.
    AfterHeader {
        /// The response header to read, spelled as documented (`Retry-After`).
        header: String,
        /// The wait when the header is missing; above 0.
        fallback_secs: u32,
        /// Whether a create may be retried.
        #[cfg_attr(feature = "serde", serde(default))]
        create: CreateRule,
    },
}

/// Whether a create (non-idempotent) request may be retried after a failure.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Deserialize),
    serde(rename_all = "snake_case")
)]
pub enum CreateRule {
    /// The outcome is ambiguous (the task may exist): retry a create only
    /// when it carries an idempotency key.
    #[default]
    IdempotentOnly,
    /// The request was refused before any work began: a create may be retried.
    Safe,
}

impl RetryRule {
    /// The vocabulary word (`backoff`), as written in the catalogue.
    #[must_use]
    pub fn word(&self) -> &'static str {
        match self {
            Self::Never => "never",
            Self::KeepPolling => "keep_polling",
            Self::ResubmitAsync => "resubmit_async",
            Self::Backoff { .. } => "backoff",
            Self::After { .. } => "after",
            Self::AfterHeader { .. } => "after_header",
        }
    }

    /// Whether repeating the same request may succeed.
    #[must_use]
    pub fn is_retryable(&self) -> bool {
        self.create_rule().is_some()
    }

    /// The create rule of a retryable rule; `None` for the others.
    #[must_use]
    pub fn create_rule(&self) -> Option<CreateRule> {
        match self {
            Self::Backoff { create, .. }
            | Self::After { create, .. }
            | Self::AfterHeader { create, .. } => Some(*create),
            Self::Never | Self::KeepPolling | Self::ResubmitAsync => None,
        }
    }
}

/// Every vocabulary word, for "did you mean" hints.
pub(crate) const WORDS: &[&str] = &[
    "never",
    "keep_polling",
    "resubmit_async",
    "backoff",
    "after",
    "after_header",
];

#[cfg(test)]
mod tests;
