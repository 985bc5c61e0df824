//! Advice in words: what a retry rule tells a client to do, and what a
//! status no document names means, from its class.

use super::RetryAdvice;
use crate::model::{CreateRule, Retry};

/// Words for a retry rule: what a client should do.
#[must_use]
pub fn retry_advice(retry: &Retry) -> RetryAdvice {
    let create = |rule: &CreateRule| match rule {
        CreateRule::Safe => {
            " The request was refused before any work began, so even a create-task request may be retried."
        }
        CreateRule::IdempotentOnly => {
            " The request may already have been carried out: retry a create-task request only if it carries an idempotency key, or you may start a duplicate task."
        }
    };
    let (rule, advice) = match retry {
        Retry::Never => (
            "never",
            "Do not retry: the same request will fail the same way until something changes. Follow the remedies first.".to_string(),
        ),
        Retry::KeepPolling => (
            "keep_polling",
            "Not a failure: the work is still running. Keep polling until the task is terminal.".to_string(),
        ),
        Retry::ResubmitAsync => (
            "resubmit_async",
            "Do not repeat the synchronous call: resubmit the work as an asynchronous task and poll for its result.".to_string(),
        ),
        Retry::Backoff {
            max_attempts,
            create: rule,
        } => (
            "backoff",
            format!(
                "Retry with exponential backoff and jitter, at most {max_attempts} attempts in all; if it still fails, stop and report it.{}",
                create(rule)
            ),
        ),
        Retry::After {
            min_secs,
            max_secs,
            create: rule,
        } => (
            "after",
            format!(
                "Wait {} before retrying.{}",
                seconds_range(*min_secs, *max_secs),
                create(rule)
            ),
        ),
        Retry::AfterHeader {
            header,
            fallback_secs,
            create: rule,
        } => (
            "after_header",
            format!(
                "Wait as long as the `{header}` response header says ({fallback_secs} s when it is missing), then retry.{}",
                create(rule)
            ),
        ),
    };
    RetryAdvice { rule, advice }
}

fn seconds_range(min: u32, max: u32) -> String {
    if min == max {
        format!("{min} s")
    } else {
        format!("{min}-{max} s")
    }
}

/// A class of HTTP statuses (`4xx`), for a status no document names.
///
/// These are the only facts `explain` and the site state that are not in
/// the catalogue: they come from HTTP itself (RFC 9110, section 15) and,
/// for the retry rule, from the conventions the catalogue's own `assumed`
/// retries follow (4xx are not retried, 5xx get a few attempts with backoff
/// and a create only with an idempotency key). They live in this one table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct StatusClass {
    /// The class's id: `1xx` … `5xx`, or `nonstandard` for 600..=999.
    pub id: &'static str,
    /// The statuses it holds.
    pub range: (u16, u16),
    /// Its name (`Client error`).
    pub name: &'static str,
    /// What a status of the class means, in our words.
    pub meaning: &'static str,
    /// What to do on one, in our words.
    pub remedy: &'static str,
    retry: ClassRetry,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ClassRetry {
    /// Not a failure: nothing to retry.
    NotAFailure,
    Never,
    Backoff,
}

/// Attempts in all for a server error no document names: the same figure
/// the catalogue chose for its 5xx statuses.
const SERVER_ERROR_ATTEMPTS: u32 = 3;

const CLASSES: [StatusClass; 6] = [
    StatusClass {
        id: "1xx",
        range: (100, 199),
        name: "Informational",
        meaning: "An interim answer: the request was received and the final response is still to come.",
        remedy: "Wait for the final response; HTTP clients handle this class themselves.",
        retry: ClassRetry::NotAFailure,
    },
    StatusClass {
        id: "2xx",
        range: (200, 299),
        name: "Success",
        meaning: "The request succeeded.",
        remedy: "Nothing to fix: read the body as the endpoint documents it.",
        retry: ClassRetry::NotAFailure,
    },
    StatusClass {
        id: "3xx",
        range: (300, 399),
        name: "Redirection",
        meaning: "The answer is elsewhere: the Location header says where.",
        remedy: "Follow the Location header, or let the HTTP client follow it.",
        retry: ClassRetry::NotAFailure,
    },
    StatusClass {
        id: "4xx",
        range: (400, 499),
        name: "Client error",
        meaning: "The server refused the request as it was sent: something in it, its credential or its account has to change.",
        remedy: "Read the error body for what to change, fix the request, then send it again.",
        retry: ClassRetry::Never,
    },
    StatusClass {
        id: "5xx",
        range: (500, 599),
        name: "Server error",
        meaning: "The server or something it depends on failed while handling the request.",
        remedy: "Retry a few times with backoff; if it persists, report it with the request id.",
        retry: ClassRetry::Backoff,
    },
    StatusClass {
        id: "nonstandard",
        range: (600, 999),
        name: "Non-standard status",
        meaning: "HTTP defines no status in this range: only the server that sent it knows what it means.",
        remedy: "Treat it as a failure and do not retry automatically; ask the API's operator what it means.",
        retry: ClassRetry::Never,
    },
];

impl StatusClass {
    /// Every class, in order.
    #[must_use]
    pub fn all() -> &'static [StatusClass] {
        &CLASSES
    }

    /// The class of `status`, for 100..=999.
    #[must_use]
    pub fn of(status: u16) -> Option<&'static StatusClass> {
        CLASSES
            .iter()
            .find(|c| (c.range.0..=c.range.1).contains(&status))
    }

    /// How a client retries a status of this class; none for a class that
    /// is not a failure.
    #[must_use]
    pub fn retry(&self) -> Option<Retry> {
        match self.retry {
            ClassRetry::NotAFailure => None,
            ClassRetry::Never => Some(Retry::Never),
            ClassRetry::Backoff => Some(Retry::Backoff {
                max_attempts: SERVER_ERROR_ATTEMPTS,
                create: CreateRule::IdempotentOnly,
            }),
        }
    }
}
