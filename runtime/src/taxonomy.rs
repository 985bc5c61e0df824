//! The trait every catalogued error implements: the generated [`Code`] and
//! a service's own enums through `#[derive(ErrorTaxonomy)]`.

use std::borrow::Cow;

use crate::wire::Catalogue;
use crate::{Retry, Taxonomy};

/// An error that knows its place in the catalogue: the HTTP status to send,
/// whether a client may retry, what an end user may read, and what to do.
///
/// A service implements it (usually by deriving it) on its own error enum
/// and renders any value with `wire::render`; a client gets it from
/// `wire::classify`. `user_message` is the only text meant for end users:
/// an implementation must never put internal detail (sources, `Debug`
/// output, paths) into it.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not tied to the error catalogue",
    label = "`{Self}` does not implement `ErrorTaxonomy`",
    note = "derive it: `#[derive(ErrorTaxonomy)]` with `#[taxonomy(code = \"…\")]` on each variant, or use a `Code` directly"
)]
pub trait ErrorTaxonomy<C: Catalogue = Taxonomy> {
    /// The catalogued code, when the error is one; `None` for an error
    /// described only by a status and its own attributes.
    fn code(&self) -> Option<C::Code>;

    /// The HTTP status to answer with.
    fn status(&self) -> http::StatusCode;

    /// How a client should retry.
    fn retry(&self) -> Retry;

    /// Text safe to show an end user.
    fn user_message(&self) -> Cow<'_, str>;

    /// What the caller can do about it.
    fn remedies(&self) -> &'static [&'static str];
}

impl<C: Catalogue, T: ErrorTaxonomy<C> + ?Sized> ErrorTaxonomy<C> for &T {
    fn code(&self) -> Option<C::Code> {
        (**self).code()
    }

    fn status(&self) -> http::StatusCode {
        (**self).status()
    }

    fn retry(&self) -> Retry {
        (**self).retry()
    }

    fn user_message(&self) -> Cow<'_, str> {
        (**self).user_message()
    }

    fn remedies(&self) -> &'static [&'static str] {
        (**self).remedies()
    }
}

impl<C: Catalogue, T: ErrorTaxonomy<C> + ?Sized> ErrorTaxonomy<C> for Box<T> {
    fn code(&self) -> Option<C::Code> {
        (**self).code()
    }

    fn status(&self) -> http::StatusCode {
        (**self).status()
    }

    fn retry(&self) -> Retry {
        (**self).retry()
    }

    fn user_message(&self) -> Cow<'_, str> {
        (**self).user_message()
    }

    fn remedies(&self) -> &'static [&'static str] {
        (**self).remedies()
    }
}
