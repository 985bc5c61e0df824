//! A rule in words: a line for logs and a paragraph for people.

use super::{CreateRule, RetryRule};

impl RetryRule {
    /// A short line, for logs and terse output
    /// (`retry with backoff, 3 attempts at most`).
    #[must_use]
    pub fn summary(&self) -> String {
        match self {
            Self::Never => "do not retry".into(),
            Self::KeepPolling => "not a failure: keep polling".into(),
            Self::ResubmitAsync => "resubmit asynchronously and poll".into(),
            Self::Backoff { max_attempts, .. } => {
                format!("retry with backoff, {max_attempts} attempts at most")
            }
            Self::After {
                min_secs, max_secs, ..
            } => format!("retry after {}", seconds(*min_secs, *max_secs)),
            Self::AfterHeader {
                header,
                fallback_secs,
                ..
            } => format!("retry after the {header} header ({fallback_secs} s without it)"),
        }
    }

    /// What a client should do, in full sentences: the advice `taxonomy
    /// explain` and the reference site give.
    #[must_use]
    pub fn advice(&self) -> String {
        match self {
            Self::Never => "Do not retry: the same request will fail the same way until something changes. Follow the remedies first.".into(),
            Self::KeepPolling => "Not a failure: the work is still running. Keep polling until the task is terminal.".into(),
            Self::ResubmitAsync => "Do not repeat the synchronous call: resubmit the work as an asynchronous task and poll for its result.".into(),
            Self::Backoff { max_attempts, create } => format!(
                "Retry with exponential backoff and jitter, at most {max_attempts} attempts in all; if it still fails, stop and report it.{}",
                create_advice(*create)
            ),
            Self::After { min_secs, max_secs, create } => format!(
                "Wait {} before retrying.{}",
                seconds(*min_secs, *max_secs),
                create_advice(*create)
            ),
            Self::AfterHeader { header, fallback_secs, create } => format!(
                "Wait as long as the `{header}` response header says ({fallback_secs} s when it is missing), then retry.{}",
                create_advice(*create)
            ),
        }
    }
}

fn create_advice(rule: CreateRule) -> &'static str {
    match rule {
        CreateRule::Safe => {
            " The request was refused before any work began, so even a create-task request may be retried."
        }
        CreateRule::IdempotentOnly => {
            " The request may already have been carried out: retry a create-task request only if it carries an idempotency key, or you may start a duplicate task."
        }
    }
}

fn seconds(min: u32, max: u32) -> String {
    if min == max {
        format!("{min} s")
    } else {
        format!("{min}-{max} s")
    }
}
