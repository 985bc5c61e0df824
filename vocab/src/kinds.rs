//! Small closed sets the catalogue's model fixes: read from the catalogue
//! by errors-catalogue (feature `serde`), used by errors-core's generated
//! enums, and defined here once for both.
//!
//! Both are exhaustive, unlike the enums generated from a catalogue: a new
//! [`Unit`] or [`Fault`] is a change of the catalogue's language, not of its
//! content, and needs words in `taxonomy explain` and the CLI; an
//! exhaustive `match` is what points at each place. (`#[non_exhaustive]`
//! would make every crate but this one add a wildcard arm, and lose that.)

use std::fmt;

/// Who has to act on an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Deserialize),
    serde(rename_all = "snake_case")
)]
pub enum Fault {
    /// The caller: fix the request, the key, the account.
    Caller,
    /// The service or something it depends on.
    Service,
    /// Nobody: the caller asked for it (a cancellation) or must simply wait.
    Nobody,
}

impl Fault {
    /// The catalogue's spelling (`caller`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Caller => "caller",
            Self::Service => "service",
            Self::Nobody => "nobody",
        }
    }
}

/// Whose move it is, in words for a person.
impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Caller => "yours: the request, key or account must change",
            Self::Service => "the service's, not yours",
            Self::Nobody => "nobody's: it was asked for, or needs only waiting",
        })
    }
}

/// What a client must do when an error of a category is not retried: the
/// catalogue's `stop` of each category, which a retry policy turns into the
/// reason it gives for stopping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Deserialize),
    serde(rename_all = "snake_case")
)]
pub enum StopAction {
    /// Change the request before sending it again (the default).
    #[default]
    FixRequest,
    /// Fix the credential: the key is missing, malformed or revoked.
    FixCredentials,
    /// The caller may not do this: ask for access or do something else.
    NotPermitted,
    /// Add credit or raise the plan.
    FixBilling,
    /// The API does not offer it (here, or at all): do it another way.
    NotSupported,
    /// The caller asked for the stop: nothing to do.
    UserCanceled,
}

impl StopAction {
    /// The catalogue's spelling (`fix_credentials`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::FixRequest => "fix_request",
            Self::FixCredentials => "fix_credentials",
            Self::NotPermitted => "not_permitted",
            Self::FixBilling => "fix_billing",
            Self::NotSupported => "not_supported",
            Self::UserCanceled => "user_canceled",
        }
    }
}

/// Units of a catalogued limit (errors-core's `Limit`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Deserialize),
    serde(rename_all = "snake_case")
)]
pub enum Unit {
    /// Requests a key may send per minute.
    RequestsPerMinute,
    /// Runs that may be in flight at once.
    ConcurrentRuns,
    /// A duration in seconds.
    Seconds,
    /// A duration in minutes.
    Minutes,
    /// A duration in days.
    Days,
    /// A size must be a whole multiple of this many pixels.
    PixelMultiple,
}

impl Unit {
    /// The catalogue's spelling (`requests_per_minute`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::RequestsPerMinute => "requests_per_minute",
            Self::ConcurrentRuns => "concurrent_runs",
            Self::Seconds => "seconds",
            Self::Minutes => "minutes",
            Self::Days => "days",
            Self::PixelMultiple => "pixel_multiple",
        }
    }
}

/// The values as Rust paths, for the generator: beside the enums, so that a
/// new variant is written once and the exhaustive `match` here is the one
/// place that spells it.
#[cfg(feature = "tokens")]
mod tokens {
    use proc_macro2::TokenStream;
    use quote::quote;

    use super::{Fault, StopAction, Unit};

    impl Fault {
        /// This value as a path through `runtime` (`::errors_core::Fault::Caller`).
        #[must_use]
        pub fn to_tokens(self, runtime: &TokenStream) -> TokenStream {
            let variant = match self {
                Self::Caller => quote!(Caller),
                Self::Service => quote!(Service),
                Self::Nobody => quote!(Nobody),
            };
            quote!(#runtime::Fault::#variant)
        }
    }

    impl StopAction {
        /// This value as a path through `runtime` (`::errors_core::StopAction::FixRequest`).
        #[must_use]
        pub fn to_tokens(self, runtime: &TokenStream) -> TokenStream {
            let variant = match self {
                Self::FixRequest => quote!(FixRequest),
                Self::FixCredentials => quote!(FixCredentials),
                Self::NotPermitted => quote!(NotPermitted),
                Self::FixBilling => quote!(FixBilling),
                Self::NotSupported => quote!(NotSupported),
                Self::UserCanceled => quote!(UserCanceled),
            };
            quote!(#runtime::StopAction::#variant)
        }
    }

    impl Unit {
        /// This value as a path through `runtime` (`::errors_core::Unit::Seconds`).
        #[must_use]
        pub fn to_tokens(self, runtime: &TokenStream) -> TokenStream {
            let variant = match self {
                Self::RequestsPerMinute => quote!(RequestsPerMinute),
                Self::ConcurrentRuns => quote!(ConcurrentRuns),
                Self::Seconds => quote!(Seconds),
                Self::Minutes => quote!(Minutes),
                Self::Days => quote!(Days),
                Self::PixelMultiple => quote!(PixelMultiple),
            };
            quote!(#runtime::Unit::#variant)
        }
    }
}
