//! The retry vocabulary of the catalogue, as values.

use std::time::Duration;

use errors_vocab::retry::{CreateRule as VocabularyCreate, RetryRule};

/// How a client should retry after an error: the catalogue's closed
/// vocabulary, with its figures as [`Duration`]s.
///
/// This is what the documents and the catalogue say about an error in
/// general; `wire::decide` turns it into a decision for one request (which
/// operation, which attempt, what the server's headers said).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Retry {
    /// Retrying cannot help: something must change first.
    Never,
    /// Not a failure: the work is still running, poll again.
    KeepPolling,
    /// The synchronous call hit its ceiling: resubmit asynchronously and poll.
    ResubmitAsync,
    /// Retry with exponential backoff, at most `max_attempts` attempts in all.
    Backoff {
        /// Attempts in all, the first included.
        max_attempts: u32,
        /// Whether a create may be retried.
        create: CreateRule,
    },
    /// Retry after a fixed wait between `min` and `max`.
    After {
        /// The shortest wait the document names.
        min: Duration,
        /// The longest wait the document names.
        max: Duration,
        /// Whether a create may be retried.
        create: CreateRule,
    },
    /// Retry after the delay the server names in `header`, or `fallback`.
    AfterHeader {
        /// The response header to read (`Retry-After`).
        header: &'static str,
        /// The wait when the header is missing or unreadable.
        fallback: Duration,
        /// Whether a create may be retried.
        create: CreateRule,
    },
}

/// Whether a create (a non-idempotent request) may be retried after a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum CreateRule {
    /// The outcome is ambiguous (the task may already exist): retry a create
    /// only when it carries an idempotency key. 000: "Do not retry
    /// create-task requests indefinitely, to avoid creating duplicate tasks."
    #[default]
    IdempotentOnly,
    /// The request was refused before any work began: a create may be retried.
    Safe,
}

impl Retry {
    /// The vocabulary word, as written in the catalogue.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
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
    pub const fn is_retryable(self) -> bool {
        matches!(
            self,
            Self::Backoff { .. } | Self::After { .. } | Self::AfterHeader { .. }
        )
    }

    /// The create rule of a retryable rule; `None` for the others.
    #[must_use]
    pub const fn create_rule(self) -> Option<CreateRule> {
        match self {
            Self::Backoff { create, .. }
            | Self::After { create, .. }
            | Self::AfterHeader { create, .. } => Some(create),
            Self::Never | Self::KeepPolling | Self::ResubmitAsync => None,
        }
    }

    /// Whether a create may be retried: only a retryable rule, and only
    /// when it is [`CreateRule::Safe`] or the create carries an idempotency key.
    #[must_use]
    pub const fn allows_create(self, idempotency_key: bool) -> bool {
        match self.create_rule() {
            Some(CreateRule::Safe) => true,
            Some(CreateRule::IdempotentOnly) => idempotency_key,
            None => false,
        }
    }

    /// The most attempts the rule allows in all, the first included; `None`
    /// when the rule itself does not bound them (the caller's policy does).
    #[must_use]
    pub const fn max_attempts(self) -> Option<u32> {
        match self {
            Self::Backoff { max_attempts, .. } => Some(max_attempts),
            Self::Never | Self::ResubmitAsync => Some(1),
            Self::KeepPolling | Self::After { .. } | Self::AfterHeader { .. } => None,
        }
    }
}

/// The catalogue's words for the rule (`retry with backoff, 3 attempts at
/// most`), the same words `taxonomy explain` and the derive use.
impl std::fmt::Display for Retry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.vocabulary().summary())
    }
}

impl Retry {
    /// The rule in the catalogue's vocabulary, whole seconds, for its words.
    fn vocabulary(self) -> RetryRule {
        let secs = |d: Duration| u32::try_from(d.as_secs()).unwrap_or(u32::MAX);
        let create = |c: CreateRule| match c {
            CreateRule::IdempotentOnly => VocabularyCreate::IdempotentOnly,
            CreateRule::Safe => VocabularyCreate::Safe,
        };
        match self {
            Self::Never => RetryRule::Never,
            Self::KeepPolling => RetryRule::KeepPolling,
            Self::ResubmitAsync => RetryRule::ResubmitAsync,
            Self::Backoff {
                max_attempts,
                create: c,
            } => RetryRule::Backoff {
                max_attempts,
                create: create(c),
            },
            Self::After {
                min,
                max,
                create: c,
            } => RetryRule::After {
                min_secs: secs(min),
                max_secs: secs(max),
                create: create(c),
            },
            Self::AfterHeader {
                header,
                fallback,
                create: c,
            } => RetryRule::AfterHeader {
                header: header.to_string(),
                fallback_secs: secs(fallback),
                create: create(c),
            },
        }
    }
}
