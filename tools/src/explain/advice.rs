//! Advice in words: what a retry rule tells a client to do, and what a
//! status no document names means, from its class.

use super::RetryAdvice;
use errors_catalogue::Catalogue;
use errors_catalogue::model::Retry;

/// Words for a retry rule: what a client should do (the vocabulary's own
/// words, shared with the derive and the runtime).
#[must_use]
pub fn retry_advice(retry: &Retry) -> RetryAdvice {
    RetryAdvice {
        rule: retry.word(),
        advice: retry.advice(),
    }
}

/// A class of HTTP statuses (`4xx`), for a status no document names.
///
/// These are the only facts `explain` and the site state that are not in
/// the catalogue: they come from HTTP itself (RFC 9110, section 15). The
/// retry rule of a class is the catalogue's: a status no document names is
/// retried as the catalogue's generic status of its class (400, 500).
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
    /// Nobody knows what it means: not retried automatically.
    Never,
    /// As the catalogue's status with this number.
    As(u16),
}

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
        retry: ClassRetry::As(400),
    },
    StatusClass {
        id: "5xx",
        range: (500, 599),
        name: "Server error",
        meaning: "The server or something it depends on failed while handling the request.",
        remedy: "Retry a few times with backoff; if it persists, report it with the request id.",
        retry: ClassRetry::As(500),
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

    /// The class with this id (`4xx`, `nonstandard`).
    #[must_use]
    pub fn named(id: &str) -> Option<&'static StatusClass> {
        CLASSES.iter().find(|c| c.id == id)
    }

    /// How a client retries a status of this class; none for a class that
    /// is not a failure.
    #[must_use]
    pub fn retry(&self, catalogue: &Catalogue) -> Option<Retry> {
        match self.retry {
            ClassRetry::NotAFailure => None,
            ClassRetry::Never => Some(Retry::Never),
            ClassRetry::As(number) => catalogue
                .status(number)
                .and_then(|s| s.entry().retry.as_ref())
                .map(|r| r.value.clone()),
        }
    }
}
