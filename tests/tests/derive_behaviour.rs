//! `#[derive(ErrorTaxonomy)]` as a service uses it: every method of the
//! trait for each kind of case, and that internal text never reaches the
//! user message.
//!
//! Pedantic clippy runs on this file in CI, so the generated impls are held
//! to it too.
#![warn(clippy::pedantic)]

use std::borrow::Cow;
use std::fmt;

use errors_core::{Code, CreateRule, ErrorTaxonomy, Retry, Status};
use proptest::prelude::*;

/// The example of the crate docs and the README.
#[derive(Debug, thiserror::Error, ErrorTaxonomy)]
enum RenderError {
    #[error("quota check failed for org {org}")]
    #[taxonomy(code = "insufficient_credits")]
    OutOfCredits { org: String },
    #[error("storage: {0}")]
    #[taxonomy(code = "upstream_error", message = "Storage is briefly unavailable")]
    Storage(#[source] std::io::Error),
    #[error("lock held")]
    #[taxonomy(status = 409, retry = "never", message = "This workflow is locked")]
    Locked,
}

/// Every way of naming a catalogued code.
#[derive(Debug, ErrorTaxonomy)]
enum Spelled {
    #[taxonomy(code = "rate_limit_exceeded")]
    CanonicalId,
    #[taxonomy(code = "RATE_LIMIT_EXCEEDED")]
    QueueWireCode,
    #[taxonomy(code = "Workflow is locked")]
    WireMessage,
    #[taxonomy(code = "App not found: {app}")]
    WirePattern,
}

fn assert_catalogued<E: ErrorTaxonomy>(error: &E, code: Code) {
    assert_eq!(error.code(), Some(code));
    assert_eq!(error.status(), code.status());
    assert_eq!(error.retry(), code.retry());
    assert_eq!(error.user_message(), code.user_message());
    assert!(matches!(error.user_message(), Cow::Borrowed(_)));
    assert_eq!(error.remedies(), code.remedies());
}

#[test]
fn a_catalogued_code_answers_with_every_catalogue_fact() {
    let error = RenderError::OutOfCredits { org: "acme".into() };
    assert_catalogued(&error, Code::InsufficientCredits);
    assert_eq!(error.status(), 402);
    assert!(!error.remedies().is_empty());
}

#[test]
fn any_spelling_of_a_code_names_the_same_code() {
    assert_catalogued(&Spelled::CanonicalId, Code::RateLimitExceeded);
    assert_catalogued(&Spelled::QueueWireCode, Code::RateLimitExceeded);
    assert_catalogued(&Spelled::WireMessage, Code::WorkflowLocked);
    assert_catalogued(&Spelled::WirePattern, Code::ModelNotFound);
    assert!(matches!(
        Spelled::QueueWireCode.retry(),
        Retry::AfterHeader {
            header: "Retry-After",
            ..
        }
    ));
}

#[test]
fn a_message_override_changes_only_the_message() {
    let error = RenderError::Storage(std::io::Error::other("disk full"));
    assert_eq!(error.code(), Some(Code::UpstreamError));
    assert_eq!(error.status(), 502);
    assert_eq!(error.retry(), Code::UpstreamError.retry());
    assert_eq!(error.remedies(), Code::UpstreamError.remedies());
    assert_eq!(
        error.user_message(),
        Cow::<str>::Borrowed("Storage is briefly unavailable")
    );
    assert!(matches!(error.user_message(), Cow::Borrowed(_)));
}

#[test]
fn a_status_only_case_answers_with_what_it_gives() {
    let error = RenderError::Locked;
    assert_eq!(error.code(), None);
    assert_eq!(error.status(), 409);
    assert_eq!(error.retry(), Retry::Never);
    assert_eq!(error.user_message(), "This workflow is locked");
    assert!(error.remedies().is_empty());
}

#[derive(Debug, ErrorTaxonomy)]
enum OwnErrors {
    /// No `retry`: the catalogue's rule for 503.
    #[taxonomy(status = 503, message = "Busy")]
    CataloguedStatus,
    /// No `retry`, a status the catalogue does not list: never.
    #[taxonomy(status = 418, message = "No coffee here")]
    UncataloguedStatus,
    /// Non-standard statuses are fine.
    #[taxonomy(status = 599, message = "Edge failure")]
    NonStandardStatus,
    #[taxonomy(
        status = 409,
        message = "Busy",
        remedy = "Wait for the other run to finish.",
        remedy = "Then submit again."
    )]
    WithRemedies,
    #[taxonomy(status = 400, message = "Use {{braces}} like this")]
    EscapedBraces,
}

#[test]
fn a_status_without_retry_takes_the_catalogues_rule_or_never() {
    assert_eq!(OwnErrors::CataloguedStatus.status(), 503);
    assert_eq!(
        OwnErrors::CataloguedStatus.retry(),
        Status::ServiceUnavailable.retry().unwrap()
    );
    // The status's rule for any source (a service's own errors are no
    // catalogued source's), not the runs API's own 30-60 s.
    assert_eq!(
        OwnErrors::CataloguedStatus.retry(),
        Retry::Backoff {
            max_attempts: 3,
            create: CreateRule::Safe
        }
    );
    assert_eq!(OwnErrors::UncataloguedStatus.status(), 418);
    assert_eq!(OwnErrors::UncataloguedStatus.retry(), Retry::Never);
    assert_eq!(OwnErrors::NonStandardStatus.status().as_u16(), 599);
    assert_eq!(OwnErrors::NonStandardStatus.retry(), Retry::Never);
}

#[test]
fn remedies_and_escaped_braces_are_kept_as_written() {
    assert_eq!(
        OwnErrors::WithRemedies.remedies(),
        ["Wait for the other run to finish.", "Then submit again."]
    );
    assert!(OwnErrors::UncataloguedStatus.remedies().is_empty());
    assert_eq!(
        OwnErrors::EscapedBraces.user_message(),
        Cow::<str>::Borrowed("Use {braces} like this")
    );
}

#[derive(Debug, ErrorTaxonomy)]
enum Retries {
    #[taxonomy(status = 500, message = "m", retry = "backoff(3)")]
    Backoff,
    #[taxonomy(status = 500, message = "m", retry = "backoff(5), create = safe")]
    BackoffFiveSafe,
    #[taxonomy(status = 503, message = "m", retry = "after(30..60)")]
    AfterRange,
    #[taxonomy(status = 503, message = "m", retry = "after( 30 ),create=safe")]
    AfterFixed,
    #[taxonomy(status = 429, message = "m", retry = "after_header(Retry-After, 60)")]
    AfterHeader,
    #[taxonomy(status = 202, message = "m", retry = "keep_polling")]
    KeepPolling,
    #[taxonomy(status = 408, message = "m", retry = "resubmit_async")]
    ResubmitAsync,
    /// `code` with `retry`: the rule is overridden, the rest is the code's.
    #[taxonomy(code = "internal_error", retry = "never")]
    CodeWithRetry,
}

#[test]
fn the_retry_grammar_gives_the_catalogue_vocabulary() {
    assert_eq!(
        Retries::Backoff.retry(),
        Retry::Backoff {
            max_attempts: 3,
            create: CreateRule::IdempotentOnly
        }
    );
    assert_eq!(
        Retries::BackoffFiveSafe.retry(),
        Retry::Backoff {
            max_attempts: 5,
            create: CreateRule::Safe
        }
    );
    assert_eq!(
        Retries::AfterRange.retry(),
        Retry::After {
            min_secs: 30,
            max_secs: 60,
            create: CreateRule::IdempotentOnly
        }
    );
    assert_eq!(
        Retries::AfterFixed.retry(),
        Retry::After {
            min_secs: 30,
            max_secs: 30,
            create: CreateRule::Safe
        }
    );
    assert_eq!(
        Retries::AfterHeader.retry(),
        Retry::AfterHeader {
            header: "Retry-After",
            fallback_secs: 60,
            create: CreateRule::IdempotentOnly
        }
    );
    assert_eq!(Retries::KeepPolling.retry(), Retry::KeepPolling);
    assert_eq!(Retries::ResubmitAsync.retry(), Retry::ResubmitAsync);
}

#[test]
fn a_retry_override_keeps_the_rest_of_the_code() {
    let error = Retries::CodeWithRetry;
    assert_eq!(error.retry(), Retry::Never);
    assert!(Code::InternalError.retry().is_retryable());
    assert_eq!(error.code(), Some(Code::InternalError));
    assert_eq!(error.status(), 500);
    assert_eq!(error.user_message(), Code::InternalError.user_message());
    assert_eq!(error.remedies(), Code::InternalError.remedies());
}

/// Fields shown in the message, by name and by position.
#[derive(Debug, thiserror::Error, ErrorTaxonomy)]
enum Shown {
    #[error("model {model} refused for key {api_key}")]
    #[taxonomy(
        code = "model_not_allowed",
        message = "Your plan does not include {model}. {model} needs Pro."
    )]
    Named {
        #[taxonomy(user)]
        model: String,
        api_key: String,
    },
    #[error("upload {0} too big at {1}")]
    #[taxonomy(status = 413, message = "The file is larger than {1} MB")]
    Tuple(String, #[taxonomy(user)] u32),
    #[error("{0}")]
    #[taxonomy(code = "payload_too_large", remedy = "Compress the file first.")]
    RemedyOverride(String),
}

#[test]
fn user_fields_are_shown_and_owned() {
    let error = Shown::Named {
        model: "flux-pro".into(),
        api_key: "sk_live_secret".into(),
    };
    assert_eq!(
        error.user_message(),
        "Your plan does not include flux-pro. flux-pro needs Pro."
    );
    assert!(matches!(error.user_message(), Cow::Owned(_)));
    assert_eq!(error.code(), Some(Code::ModelNotAllowed));
    assert_eq!(error.status(), 403);

    let error = Shown::Tuple("/srv/uploads/a.png".into(), 50);
    assert_eq!(error.user_message(), "The file is larger than 50 MB");
    assert!(matches!(error.user_message(), Cow::Owned(_)));
    assert_eq!(error.status(), 413);
    assert_eq!(error.retry(), Status::PayloadTooLarge.retry().unwrap());
}

#[test]
fn a_remedy_replaces_the_codes_remedies() {
    let error = Shown::RemedyOverride("x".into());
    assert_eq!(error.remedies(), ["Compress the file first."]);
    assert_eq!(error.user_message(), Code::PayloadTooLarge.user_message());
}

/// Transparent cases delegate everything.
#[derive(Debug, thiserror::Error, ErrorTaxonomy)]
enum ApiError {
    #[error(transparent)]
    #[taxonomy(transparent)]
    Render(#[from] RenderError),
    #[error("{0}")]
    #[taxonomy(transparent)]
    Code(Code),
    #[error("boxed")]
    #[taxonomy(transparent)]
    Boxed { inner: Box<Shown> },
}

#[test]
fn a_transparent_case_delegates_every_method() {
    let inner = RenderError::Storage(std::io::Error::other("disk full"));
    let expected = (
        inner.code(),
        inner.status(),
        inner.retry(),
        inner.user_message().into_owned(),
        inner.remedies(),
    );
    let error = ApiError::from(inner);
    assert_eq!(
        (
            error.code(),
            error.status(),
            error.retry(),
            error.user_message().into_owned(),
            error.remedies()
        ),
        expected
    );

    let error = ApiError::Code(Code::ServiceUnavailable);
    assert_catalogued(&error, Code::ServiceUnavailable);

    let error = ApiError::Boxed {
        inner: Box::new(Shown::Tuple("x".into(), 7)),
    };
    assert_eq!(error.user_message(), "The file is larger than 7 MB");
    assert_eq!(error.status(), 413);
    assert_eq!(error.code(), None);
}

/// Structs: described on the type.
#[derive(Debug, ErrorTaxonomy)]
#[taxonomy(code = "Prediction not found")]
struct PredictionMissing {
    id: String,
}

#[derive(Debug, ErrorTaxonomy)]
#[taxonomy(status = 422, message = "Field {field} is not valid", retry = "never")]
struct Invalid {
    #[taxonomy(user)]
    field: &'static str,
    detail: String,
}

#[derive(Debug, ErrorTaxonomy)]
#[taxonomy(transparent)]
struct Wrapper(RenderError);

#[test]
fn structs_are_described_on_the_type() {
    let error = PredictionMissing { id: "p_1".into() };
    assert_catalogued(&error, Code::PredictionNotFound);
    assert!(!error.user_message().contains(&error.id));

    let error = Invalid {
        field: "width",
        detail: "width=7 not a multiple of 8 (parser state 0x1f)".into(),
    };
    assert_eq!(error.code(), None);
    assert_eq!(error.status(), 422);
    assert_eq!(error.retry(), Retry::Never);
    assert_eq!(error.user_message(), "Field width is not valid");
    assert!(!error.user_message().contains(&error.detail));
    assert!(error.remedies().is_empty());

    let error = Wrapper(RenderError::Locked);
    assert_eq!(error.status(), 409);
    assert_eq!(error.user_message(), "This workflow is locked");
}

/// Generics and lifetimes: the inner error and a shown field are generic.
#[derive(Debug, ErrorTaxonomy)]
enum Layered<'a, E, T>
where
    T: Clone,
{
    #[taxonomy(transparent)]
    Inner(E),
    #[taxonomy(status = 404, message = "No item named {name} in {place}")]
    Missing {
        #[taxonomy(user)]
        name: &'a str,
        #[taxonomy(user)]
        place: T,
    },
    #[taxonomy(code = "gone")]
    Gone(&'a [u8]),
}

#[test]
fn generic_and_borrowing_types_derive() {
    let error: Layered<'_, RenderError, String> = Layered::Inner(RenderError::Locked);
    assert_eq!(error.status(), 409);
    assert_eq!(error.code(), None);

    let error: Layered<'_, Code, &str> = Layered::Missing {
        name: "cat.png",
        place: "bucket",
    };
    assert_eq!(error.user_message(), "No item named cat.png in bucket");
    assert_eq!(error.status(), 404);
    assert_eq!(error.retry(), Retry::Never);

    let bytes = [1, 2, 3];
    let error: Layered<'_, Code, String> = Layered::Gone(&bytes);
    assert_catalogued(&error, Code::Gone);
    assert!(matches!(error, Layered::Gone([1, 2, 3])));
}

/// A runtime crate reached through a re-export, as an SDK would.
mod sdk {
    pub use errors_core as errors;
}

#[derive(Debug, ErrorTaxonomy)]
#[taxonomy(crate = "crate::sdk::errors")]
enum ThroughReexport {
    #[taxonomy(code = "conflict")]
    Conflict,
}

#[test]
fn the_runtime_crate_path_can_be_overridden() {
    assert_catalogued(&ThroughReexport::Conflict, Code::Conflict);
}

/// An enum without variants still derives (its methods are unreachable).
#[derive(Debug, ErrorTaxonomy)]
enum Never {}

#[test]
fn an_empty_enum_derives() {
    fn answers<E: ErrorTaxonomy>() {}
    answers::<Never>();
}

/// Internal text in every place a service puts it: a `#[source]`, a field
/// not marked `user`, and the `Display` thiserror writes for logs.
#[derive(Debug, thiserror::Error, ErrorTaxonomy)]
enum Leaky {
    #[error("backend said: {detail}")]
    #[taxonomy(code = "upstream_error")]
    Catalogued { detail: String },
    #[error("read failed: {0}")]
    #[taxonomy(code = "internal_error", message = "Please try again")]
    Source(#[source] std::io::Error),
    #[error("job {job} failed with {internal}")]
    #[taxonomy(status = 500, message = "Job {job} failed")]
    Mixed {
        #[taxonomy(user)]
        job: u32,
        internal: String,
    },
    #[error(transparent)]
    #[taxonomy(transparent)]
    Nested(#[from] Inner),
}

#[derive(Debug, thiserror::Error, ErrorTaxonomy)]
#[error("inner: {secret}")]
#[taxonomy(status = 503, message = "Temporarily unavailable")]
struct Inner {
    secret: String,
}

/// A type whose `Display` and `Debug` print the secret, as a driver's
/// error type might.
struct Loud(String);

impl fmt::Debug for Loud {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Loud({})", self.0)
    }
}

impl fmt::Display for Loud {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Loud {}

proptest! {
    #[test]
    fn internal_text_never_reaches_the_user_message(
        secret in "SECRET-[a-zA-Z0-9 /:{}%]{1,40}",
        job in any::<u32>(),
    ) {
        let cases = [
            (
                Leaky::Catalogued { detail: secret.clone() },
                Code::UpstreamError.user_message().to_string(),
            ),
            (
                Leaky::Source(std::io::Error::other(Loud(secret.clone()))),
                "Please try again".to_string(),
            ),
            (
                Leaky::Mixed { job, internal: secret.clone() },
                format!("Job {job} failed"),
            ),
            (
                Leaky::Nested(Inner { secret: secret.clone() }),
                "Temporarily unavailable".to_string(),
            ),
        ];
        for (error, expected) in cases {
            // The internal text is there, for logs ...
            let logged = format!("{error} {error:?}");
            prop_assert!(logged.contains(&secret), "{logged}");
            // ... and nowhere in what a user reads.
            let shown = error.user_message();
            prop_assert_eq!(shown.as_ref(), expected.as_str());
            prop_assert!(!shown.contains("SECRET-"), "{shown}");
        }
    }
}
