//! What the runtime knows about an HTTP status alone: every fact is the
//! catalogue's (`statuses` in taxonomy.yaml, generated as `Status`'s
//! accessors). A status the catalogue does not list answers as the
//! catalogue's generic status of its class: 500 for a server error, 400
//! for anything else that failed.

use crate::{Category, Retry, Status};

/// The catalogued entry for `status`, if the catalogue lists it.
fn entry(status: http::StatusCode) -> Option<Status> {
    Status::from_u16(status.as_u16())
}

/// The entry that stands for `status`: its own, else its class's.
fn entry_or_class(status: http::StatusCode) -> Status {
    entry(status).unwrap_or(if status.is_server_error() {
        Status::InternalServerError
    } else {
        Status::BadRequest
    })
}

/// A user message for a response known only by its status.
pub(crate) fn user_message(status: http::StatusCode) -> &'static str {
    entry_or_class(status).user_message().unwrap_or_default()
}

/// The user message of a response that is not an error.
pub(crate) fn succeeded_message() -> &'static str {
    Status::Ok.user_message().unwrap_or_default()
}

/// The user message of work still running.
pub(crate) fn pending_message() -> &'static str {
    Status::Accepted.user_message().unwrap_or_default()
}

/// The rule of a failed response whose body names no code.
pub(crate) fn retry(status: http::StatusCode) -> Retry {
    entry_or_class(status).retry().unwrap_or(Retry::Never)
}

/// The category of a failed response whose body names no code.
pub(crate) fn category(status: http::StatusCode) -> Option<Category> {
    entry_or_class(status).category()
}

/// Whether the status says the work is still running (the catalogue's rule
/// for it is `keep_polling`: 202).
pub(crate) fn is_pending(status: http::StatusCode) -> bool {
    entry(status).and_then(Status::retry) == Some(Retry::KeepPolling)
}

/// Whether the status reports a timeout: a retry after it costs the
/// budget more (the AWS SDK's figures).
pub(crate) fn is_timeout(status: http::StatusCode) -> bool {
    entry(status).is_some_and(Status::is_timeout)
}

/// Whether a gateway or edge proxy sends this status: the service may never
/// have seen the request.
pub(crate) fn is_edge(status: http::StatusCode) -> bool {
    entry(status).is_some_and(Status::is_from_edge_proxy)
}

/// Whether the status says the caller canceled.
pub(crate) fn is_user_cancel(status: http::StatusCode) -> bool {
    entry(status).and_then(Status::category) == Some(Category::Canceled)
}

/// Whether the status is the one a user-deadline header qualifies (fal:
/// a 504 with `x-fal-request-timeout-type: user` is never retried).
pub(crate) fn is_user_deadline(status: http::StatusCode) -> bool {
    status == Status::GatewayTimeout.http()
}
