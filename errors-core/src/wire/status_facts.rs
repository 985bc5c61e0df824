//! What the runtime knows about an HTTP status alone, one function per
//! fact. The catalogue does not hold these yet; they live here, and only
//! here, so that generated accessors can replace each function one for one.

use super::decide::StopReason;
use crate::{Code, CreateRule, Retry, Status};

/// A user message for an error known only by its status. Catalogued
/// statuses borrow the message of the code that stands for the status;
/// the others have their own, in the same voice.
pub(crate) fn user_message(status: http::StatusCode) -> &'static str {
    let Some(catalogued) = Status::from_u16(status.as_u16()) else {
        return if status.is_server_error() {
            Code::InternalError.user_message()
        } else {
            "The request could not be processed. Please check it and try again."
        };
    };
    match catalogued {
        Status::Ok | Status::Created | Status::NoContent | Status::Found => succeeded_message(),
        Status::Accepted => pending_message(),
        Status::BadRequest => Code::InvalidRequest.user_message(),
        Status::Unauthorized => Code::InvalidApiKey.user_message(),
        Status::PaymentRequired => Code::InsufficientCredits.user_message(),
        Status::Forbidden => Code::Forbidden.user_message(),
        Status::NotFound => Code::NotFound.user_message(),
        Status::MethodNotAllowed => {
            "This action is not supported here. Please check the request and try again."
        }
        Status::RequestTimeout => "The request took too long. Please try again.",
        Status::Conflict => Code::Conflict.user_message(),
        Status::Gone => Code::Gone.user_message(),
        Status::PayloadTooLarge => Code::PayloadTooLarge.user_message(),
        Status::UnsupportedMediaType => {
            "This file type is not supported. Please use a supported format and try again."
        }
        Status::UnprocessableEntity => Code::ValidationError.user_message(),
        Status::TooManyRequests => Code::RateLimitExceeded.user_message(),
        Status::RequestHeaderFieldsTooLarge => {
            "The request carries too much header data. Please remove extra headers and try again."
        }
        Status::ClientClosedRequest => Code::Canceled.user_message(),
        Status::InternalServerError | Status::UnknownError => Code::InternalError.user_message(),
        Status::NotImplemented => Code::NotImplemented.user_message(),
        Status::BadGateway => Code::UpstreamError.user_message(),
        Status::ServiceUnavailable => Code::ServiceUnavailable.user_message(),
        Status::GatewayTimeout | Status::TimeoutOccurred => {
            "The service took too long to answer. Please try again in a moment."
        }
        Status::ConnectionTimedOut => {
            "We could not reach the service. Please try again in a moment."
        }
    }
}

/// The user message of a response that is not an error.
pub(crate) fn succeeded_message() -> &'static str {
    "The request succeeded."
}

/// The user message of work still running.
pub(crate) fn pending_message() -> &'static str {
    "Your request is still being processed."
}

/// The rule of a failed response whose body names no code: the
/// catalogue's entry for the status, else a default by class (5xx: three
/// attempts with backoff, creates only with an idempotency key; anything
/// else: never).
pub(crate) fn retry(status: http::StatusCode) -> Retry {
    if let Some(retry) = Status::from_u16(status.as_u16()).and_then(Status::retry) {
        return retry;
    }
    if status.is_server_error() {
        Retry::Backoff {
            max_attempts: 3,
            create: CreateRule::IdempotentOnly,
        }
    } else {
        Retry::Never
    }
}

/// Why retrying cannot help, for a status whose body named no code.
pub(crate) fn stop_reason(status: http::StatusCode) -> StopReason {
    match status.as_u16() {
        401 => StopReason::FixCredentials,
        402 => StopReason::FixBilling,
        403 => StopReason::NotPermitted,
        499 => StopReason::UserCanceled,
        501 => StopReason::NotSupported,
        _ => StopReason::FixRequest,
    }
}

/// Whether the status reports a timeout: a retry after it costs the
/// budget more (the AWS SDK's figures).
pub(crate) fn is_timeout(status: http::StatusCode) -> bool {
    matches!(status.as_u16(), 408 | 504 | 522 | 524)
}

/// Whether only an edge proxy sends this status (Cloudflare's 520, 522,
/// 524): the service may never have seen the request.
pub(crate) fn is_edge(status: http::StatusCode) -> bool {
    matches!(status.as_u16(), 520 | 522 | 524)
}

/// Whether the status says the caller canceled (499, nginx's).
pub(crate) fn is_user_cancel(status: http::StatusCode) -> bool {
    status.as_u16() == 499
}

/// Whether the status is the one a user-deadline header qualifies (fal:
/// a 504 with `x-fal-request-timeout-type: user` is never retried).
pub(crate) fn is_user_deadline(status: http::StatusCode) -> bool {
    status == http::StatusCode::GATEWAY_TIMEOUT
}
