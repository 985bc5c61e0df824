//! A `strum::EnumString` twin of `Code`, for benchmarks only: the baseline
//! the generated `Code::lookup` is measured against. Message patterns are
//! left out (strum matches exact strings only).

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use crate::Catalogue;
use errors_catalogue::ident::upper_camel;
use errors_catalogue::pattern::Pattern;

/// `pub enum StrumCode` with one `#[strum(serialize = …)]` per exact
/// spelling (canonical id, wire codes, fixed messages).
pub(crate) fn emit(catalogue: &Catalogue) -> TokenStream {
    let variants = catalogue.codes().iter().map(|code| {
        let ident = Ident::new(&upper_camel(&code.id.value), Span::call_site());
        // Several sources may share a spelling; strum wants each once.
        let mut seen = std::collections::BTreeSet::new();
        let spellings = std::iter::once(code.id.value.as_str())
            .chain(
                code.spellings()
                    .map(|s| s.text.value.as_str())
                    .filter(|s| Pattern::parse(s).is_ok_and(|p| p.is_exact())),
            )
            .filter(|s| seen.insert(*s))
            .map(Literal::string)
            .collect::<Vec<_>>();
        quote!(#[strum(#(serialize = #spellings),*)] #ident)
    });
    quote! {
        /// `Code`, again, with strum's derived `FromStr`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumString)]
        pub enum StrumCode { #(#variants),* }
    }
}
