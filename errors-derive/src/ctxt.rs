//! Collects every mistake in one input so the user sees them all at once,
//! as `serde_derive`'s `Ctxt` does: parsing and checking go on after an
//! error, and the expansion becomes one combined `compile_error!`.

use std::cell::RefCell;
use std::fmt::Display;

use quote::ToTokens;

/// The errors found so far in one derive input.
#[derive(Default)]
pub(crate) struct Ctxt {
    errors: RefCell<Vec<syn::Error>>,
}

impl Ctxt {
    /// An error spanning the tokens of `at`.
    pub fn error_spanned_by(&self, at: impl ToTokens, message: impl Display) {
        self.errors
            .borrow_mut()
            .push(syn::Error::new_spanned(at.into_token_stream(), message));
    }

    /// An error syn already located.
    pub fn syn_error(&self, error: syn::Error) {
        self.errors.borrow_mut().push(error);
    }

    /// How many errors so far.
    pub fn len(&self) -> usize {
        self.errors.borrow().len()
    }

    /// Every error combined into one, or `Ok` when there were none.
    pub fn check(self) -> syn::Result<()> {
        let mut errors = self.errors.into_inner().into_iter();
        let Some(mut combined) = errors.next() else {
            return Ok(());
        };
        for error in errors {
            combined.combine(error);
        }
        Err(combined)
    }
}
