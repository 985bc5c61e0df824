//! A `strum::EnumString` twin of `Code`, for benchmarks only: the baseline
//! the generated `Code::lookup` is measured against. Message patterns are
//! left out (strum matches exact strings only).

use proc_macro2::Literal;
use quote::quote;

use crate::emit::variant_ident;
use crate::model::Catalogue;
use crate::pattern::Pattern;

/// Source of `pub enum StrumCode` with one `#[strum(serialize = …)]` per
/// exact spelling (canonical id, wire codes, fixed messages).
#[doc(hidden)]
#[must_use]
pub fn strum_mirror(catalogue: &Catalogue) -> String {
    let variants = catalogue.codes.iter().map(|code| {
        let ident = variant_ident(&code.id.value);
        // Several sources may share a spelling; strum wants each once.
        let mut seen = std::collections::BTreeSet::new();
        let spellings = std::iter::once(code.id.value.as_str())
            .chain(
                code.wire
                    .iter()
                    .flat_map(|w| w.code.iter().chain(w.message.iter()))
                    .map(|s| s.value.as_str())
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
    .to_string()
}
