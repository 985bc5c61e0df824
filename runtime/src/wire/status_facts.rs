//! What the runtime knows about an HTTP status alone: every fact is the
//! catalogue's (`statuses` in taxonomy.yaml, generated as `Status`'s
//! accessors). A status the catalogue does not list answers as its
//! class's (RFC 9110 §15: a client treats an unrecognised status as the
//! `x00` status of its class): the catalogue's 500 for a server error,
//! its 400 for a client error.

use crate::Retry;
use crate::wire::Catalogue;

/// The entry that stands for `status`: its own, else its class's.
fn entry_or_class<C: Catalogue>(catalogue: C, status: http::StatusCode) -> Option<C::Status> {
    let number = status.as_u16();
    catalogue
        .status(number)
        .or_else(|| catalogue.status(number / 100 * 100))
}

/// The catalogue's entry for a failure known only by its status: its own,
/// else its class's, and a server error's class for anything past 5xx.
fn failure_entry<C: Catalogue>(catalogue: C, status: http::StatusCode) -> Option<C::Status> {
    entry_or_class(catalogue, status).or_else(|| {
        let class = if status.is_server_error() { 500 } else { 400 };
        catalogue.status(class)
    })
}

/// A user message for a failed response known only by its status.
pub(crate) fn user_message<C: Catalogue>(catalogue: C, status: http::StatusCode) -> &'static str {
    failure_entry(catalogue, status)
        .and_then(|entry| catalogue.status_user_message(entry))
        .unwrap_or_default()
}

/// The user message of a response that is not an error: the catalogue's 200.
pub(crate) fn succeeded_message<C: Catalogue>(catalogue: C) -> &'static str {
    catalogue
        .status(200)
        .and_then(|entry| catalogue.status_user_message(entry))
        .unwrap_or_default()
}

/// The user message of work still running: the first status whose rule is
/// to keep polling (the catalogue's 202). Rare enough (a person reads it)
/// to look for.
pub(crate) fn pending_message<C: Catalogue>(catalogue: C) -> &'static str {
    (100..600)
        .filter_map(|number| catalogue.status(number))
        .find(|&entry| catalogue.status_retry(entry, None) == Some(Retry::KeepPolling))
        .and_then(|entry| catalogue.status_user_message(entry))
        .unwrap_or_default()
}

/// The rule of a failed response whose body names no code: its source's
/// own where the catalogue gives one, else what holds for any source.
pub(crate) fn retry<C: Catalogue>(
    catalogue: C,
    status: http::StatusCode,
    source: Option<C::Source>,
) -> Retry {
    failure_entry(catalogue, status)
        .and_then(|entry| catalogue.status_retry(entry, source))
        .unwrap_or(Retry::Never)
}

/// The category of a failed response whose body names no code.
pub(crate) fn category<C: Catalogue>(
    catalogue: C,
    status: http::StatusCode,
) -> Option<C::Category> {
    failure_entry(catalogue, status).and_then(|entry| catalogue.status_category(entry))
}

/// Whether the status says the work is still running (the catalogue's rule
/// for it is `keep_polling`: 202).
pub(crate) fn is_pending<C: Catalogue>(catalogue: C, status: http::StatusCode) -> bool {
    catalogue
        .status(status.as_u16())
        .and_then(|entry| catalogue.status_retry(entry, None))
        == Some(Retry::KeepPolling)
}

/// Whether the status reports a timeout: a retry after it costs the
/// budget more (the AWS SDK's figures), and a user-deadline header
/// qualifies it.
pub(crate) fn is_timeout<C: Catalogue>(catalogue: C, status: http::StatusCode) -> bool {
    catalogue
        .status(status.as_u16())
        .is_some_and(|entry| catalogue.status_is_timeout(entry))
}

/// Whether a gateway or edge proxy sends this status: the service may never
/// have seen the request.
pub(crate) fn is_edge<C: Catalogue>(catalogue: C, status: http::StatusCode) -> bool {
    catalogue
        .status(status.as_u16())
        .is_some_and(|entry| catalogue.status_is_from_edge_proxy(entry))
}
