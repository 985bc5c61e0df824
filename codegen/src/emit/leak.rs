//! The leak rules, emitted into the runtime crate as code.
//!
//! The catalogue's `user_message`s are checked by [`crate::leak`] when it
//! is loaded; the runtime checks a server's own message by the same rules
//! before showing it to a user (sources whose messages are documented as
//! user-safe). The runtime cannot depend on this crate, so the rules are
//! copied into the generated module from their one source file, not
//! written twice.

use proc_macro2::TokenStream;
use quote::quote;

use super::Options;

/// `leak.rs`, read at compile time: the text emitted is the code this
/// crate runs.
const SOURCE: &str = include_str!("../leak.rs");

/// `mod leak { … }` when generating into the runtime crate itself; other
/// crates have no use for it.
pub(super) fn module(options: &Options) -> TokenStream {
    if options.runtime.to_string() != "crate" {
        return TokenStream::new();
    }
    // The file compiles as part of this crate, so it parses; were it ever
    // not to, the runtime's reference to `leak::find` fails to compile,
    // which names the problem.
    let Ok(file) = syn::parse_file(SOURCE) else {
        return TokenStream::new();
    };
    let items = file.items.into_iter().filter(|item| !is_cfg_test(item));
    quote! {
        /// The catalogue's leak rules (copied from `errors-codegen`'s
        /// `leak.rs`): does a text a user will read give away internals?
        pub(crate) mod leak {
            #(#items)*
        }
    }
}

/// Whether `item` is `#[cfg(test)]`: the rules' tests stay in this crate.
fn is_cfg_test(item: &syn::Item) -> bool {
    let syn::Item::Mod(module) = item else {
        return false;
    };
    module.attrs.iter().any(|attr| {
        attr.path().is_ident("cfg")
            && attr
                .parse_args::<syn::Ident>()
                .is_ok_and(|ident| ident == "test")
    })
}
