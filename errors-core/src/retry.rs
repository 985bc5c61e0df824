//! The retry vocabulary of the catalogue, as values.

use std::time::Duration;

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

impl std::fmt::Display for Retry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Self::Never => f.write_str("do not retry"),
            Self::KeepPolling => f.write_str("not a failure: keep polling"),
            Self::ResubmitAsync => f.write_str("resubmit asynchronously and poll"),
            Self::Backoff { max_attempts, .. } => {
                write!(f, "retry with backoff, {max_attempts} attempts at most")
            }
            Self::After { min, max, .. } if min == max => {
                write!(f, "retry after {} s", min.as_secs())
            }
            Self::After { min, max, .. } => {
                write!(f, "retry after {}-{} s", min.as_secs(), max.as_secs())
            }
            Self::AfterHeader {
                header, fallback, ..
            } => write!(
                f,
                "retry after the {header} header ({} s without it)",
                fallback.as_secs()
            ),
        }
    }
}
