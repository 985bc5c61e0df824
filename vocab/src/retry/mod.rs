//! The catalogue's retry vocabulary: one type, [`RetryRule`], for the
//! catalogue's loader (read from YAML, feature `serde`), the derive (read
//! from one line, `parse`, feature `tools`) and the runtime (`errors_core::Retry`
//! is `RetryRule<&'static str>`, built in `const` by the generated tables).
//! One set of rules says what is meaningless (`RetryRule::check`, feature
//! `tools`), one function writes a rule as Rust (feature `tokens`), and the
//! words live here once: [`RetryRule::word`], the summary (`Display`) and,
//! for the tools, `RetryRule::advice`.
//!
//! ```
//! # #[cfg(feature = "tools")] {
//! use errors_vocab::retry::{self, CreateRule, RetryRule};
//!
//! let rule = retry::parse("backoff(3), create = safe").unwrap();
//! assert_eq!(rule, RetryRule::Backoff { max_attempts: 3, create: CreateRule::Safe });
//! assert_eq!(rule.to_string(), "retry with backoff, 3 attempts at most");
//!
//! // The catalogue and the derive reject the same rules, in the same words.
//! let err = retry::parse("backoff(1)").unwrap_err();
//! assert_eq!(err.to_string(), "`backoff` with max_attempts 1 never retries; use `never` or at least 2");
//! # }
//! ```

use std::fmt;

// What only the tools need (the loader, the derive, `explain`): compiled
// only with `tools`, so that errors-core, which needs none of it, builds
// the types and their words alone.
#[cfg(feature = "tools")]
mod advice;
#[cfg(feature = "tools")]
mod check;
#[cfg(feature = "tools")]
mod parse;
#[cfg(feature = "tokens")]
mod tokens;

#[cfg(feature = "tools")]
pub use check::RetryProblem;
#[cfg(feature = "tools")]
pub use parse::{ParseError, parse};
#[cfg(feature = "tokens")]
pub use tokens::RetryPaths;

/// How a client should retry after an error: a small closed vocabulary,
/// with its figures as the catalogue writes them (whole seconds).
///
/// `H` is the header's text: `String` for rules read at run time (the
/// catalogue's loader, the derive), `&'static str` for the runtime's
/// `errors_core::Retry`, which is then `Copy` and built in `const`.
///
/// In the catalogue (`taxonomy.yaml`) a rule is written as a word or a
/// one-key map: `never`, `{backoff: {max_attempts: 3}}`,
/// `{after: {min_secs: 30, max_secs: 60, create: safe}}`,
/// `{after_header: {header: Retry-After, fallback_secs: 60}}`.
///
/// Its `Display` is the catalogue's one-line summary
/// (`retry with backoff, 3 attempts at most`), the words `taxonomy explain`,
/// the derive and the runtime all print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Deserialize),
    serde(rename_all = "snake_case", deny_unknown_fields)
)]
// Exhaustive on purpose: the vocabulary is closed, and a new word changes
// what every client does, so it must break every `match` on it.
pub enum RetryRule<H = String> {
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
        /// The shortest wait, in seconds.
        min_secs: u32,
        /// The longest wait, in seconds; at least `min_secs`, above 0.
        max_secs: u32,
        /// Whether a create may be retried.
        #[cfg_attr(feature = "serde", serde(default))]
        create: CreateRule,
    },
    /// Retry after the delay the server names in `header`, or `fallback_secs`.
    AfterHeader {
        /// The response header to read, spelled as documented (`Retry-After`).
        header: H,
        /// The wait in seconds when the header is missing or unreadable; above 0.
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
    /// The outcome is ambiguous (the task may already exist): retry a
    /// create only when it carries an idempotency key. 000: "Do not retry
    /// create-task requests indefinitely, to avoid creating duplicate tasks."
    #[default]
    IdempotentOnly,
    /// The request was refused before any work began: a create may be retried.
    Safe,
}

impl CreateRule {
    /// The catalogue's spelling (`idempotent_only`, `safe`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::IdempotentOnly => "idempotent_only",
            Self::Safe => "safe",
        }
    }
}

impl<H> RetryRule<H> {
    /// The vocabulary word (`backoff`), as written in the catalogue.
    #[must_use]
    pub const fn word(&self) -> &'static str {
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
    pub const fn is_retryable(&self) -> bool {
        self.create_rule().is_some()
    }

    /// The create rule of a retryable rule; `None` for the others.
    #[must_use]
    pub const fn create_rule(&self) -> Option<CreateRule> {
        match self {
            Self::Backoff { create, .. }
            | Self::After { create, .. }
            | Self::AfterHeader { create, .. } => Some(*create),
            Self::Never | Self::KeepPolling | Self::ResubmitAsync => None,
        }
    }

    /// Whether a create may be retried: only a retryable rule, and only
    /// when it is [`CreateRule::Safe`] or the create carries an idempotency key.
    #[must_use]
    pub const fn allows_create(&self, idempotency_key: bool) -> bool {
        match self.create_rule() {
            Some(CreateRule::Safe) => true,
            Some(CreateRule::IdempotentOnly) => idempotency_key,
            None => false,
        }
    }

    /// The most attempts the rule allows in all, the first included; `None`
    /// when the rule itself does not bound them (the caller's policy does).
    #[must_use]
    pub const fn max_attempts(&self) -> Option<u32> {
        match self {
            Self::Backoff { max_attempts, .. } => Some(*max_attempts),
            Self::Never | Self::ResubmitAsync => Some(1),
            Self::KeepPolling | Self::After { .. } | Self::AfterHeader { .. } => None,
        }
    }

    /// The same rule with its header borrowed: a catalogue's
    /// `RetryRule<String>` compared with the runtime's `RetryRule<&str>`.
    #[must_use]
    pub fn as_deref(&self) -> RetryRule<&str>
    where
        H: AsRef<str>,
    {
        match self {
            Self::Never => RetryRule::Never,
            Self::KeepPolling => RetryRule::KeepPolling,
            Self::ResubmitAsync => RetryRule::ResubmitAsync,
            Self::Backoff {
                max_attempts,
                create,
            } => RetryRule::Backoff {
                max_attempts: *max_attempts,
                create: *create,
            },
            Self::After {
                min_secs,
                max_secs,
                create,
            } => RetryRule::After {
                min_secs: *min_secs,
                max_secs: *max_secs,
                create: *create,
            },
            Self::AfterHeader {
                header,
                fallback_secs,
                create,
            } => RetryRule::AfterHeader {
                header: header.as_ref(),
                fallback_secs: *fallback_secs,
                create: *create,
            },
        }
    }
}

/// The catalogue's one-line summary of the rule, for logs and terse
/// output: `retry with backoff, 3 attempts at most`.
impl<H: AsRef<str>> fmt::Display for RetryRule<H> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Never => f.write_str("do not retry"),
            Self::KeepPolling => f.write_str("not a failure: keep polling"),
            Self::ResubmitAsync => f.write_str("resubmit asynchronously and poll"),
            Self::Backoff { max_attempts, .. } => {
                write!(f, "retry with backoff, {max_attempts} attempts at most")
            }
            Self::After {
                min_secs, max_secs, ..
            } => write!(f, "retry after {}", Seconds(*min_secs, *max_secs)),
            Self::AfterHeader {
                header,
                fallback_secs,
                ..
            } => write!(
                f,
                "retry after the {} header ({fallback_secs} s without it)",
                header.as_ref()
            ),
        }
    }
}

/// A wait in words, `30 s` or `30-60 s`: the summary and the advice agree.
struct Seconds(u32, u32);

impl fmt::Display for Seconds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Self(min, max) = *self;
        if min == max {
            write!(f, "{min} s")
        } else {
            write!(f, "{min}-{max} s")
        }
    }
}

#[cfg(test)]
mod tests;
