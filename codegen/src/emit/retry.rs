//! A `Retry` value of the runtime crate, as the tables write it.

use errors_vocab::retry::RetryPaths;
use proc_macro2::TokenStream;
use quote::quote;

use errors_catalogue::model::Retry;

/// A `Retry` value of the runtime crate.
pub(super) fn retry_tokens(retry: &Retry) -> TokenStream {
    retry.to_tokens(&RetryPaths::short())
}

/// The names [`retry_tokens`] uses, brought into a table function's scope
/// (short names keep large tables small; see `OptionPrelude`).
pub(super) fn retry_prelude(runtime: &TokenStream) -> TokenStream {
    // A table may use no rule that names a create rule.
    quote! {
        #[allow(unused_imports)]
        use #runtime::{CreateRule, Retry};
    }
}
