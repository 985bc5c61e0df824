//! A rule in a paragraph for people, for `taxonomy explain` and the
//! reference site (the one-line summary is the rule's `Display`).

use super::{CreateRule, RetryRule, Seconds};

impl<H: AsRef<str>> RetryRule<H> {
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
                Seconds(*min_secs, *max_secs),
                create_advice(*create)
            ),
            Self::AfterHeader { header, fallback_secs, create } => format!(
                "Wait as long as the `{}` response header says ({fallback_secs} s when it is missing), then retry.{}",
                header.as_ref(),
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
