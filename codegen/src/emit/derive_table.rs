//! The table `errors-derive` resolves `code = "…"` against: every spelling
//! of every code (canonical id, wire codes, fixed wire messages as written)
//! and, per code, its canonical id, `Code` variant and status.
//!
//! A static table keeps each expansion a binary search: the macro reads no
//! file and parses no YAML while a user's crate compiles. The file declares
//! `CODES` and `SPELLINGS` of the derive's own `Entry` type.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::Catalogue;
use errors_catalogue::ident::upper_camel;

pub(crate) fn emit(catalogue: &Catalogue) -> TokenStream {
    let codes = catalogue.codes().iter().map(|code| {
        let id = code.id();
        let variant = upper_camel(id);
        let status = Literal::u16_unsuffixed(code.status().number());
        quote!(Entry { id: #id, variant: #variant, status: #status })
    });
    // Loading rejects a spelling shared by two codes, so each spelling
    // names one code; the catalogue lists them sorted, for the binary search.
    let spellings = catalogue.code_names().map(|(spelling, code)| {
        let index = Literal::usize_unsuffixed(code.position());
        quote!((#spelling, #index))
    });
    quote! {
        /// Every catalogued code, in catalogue order.
        pub(crate) static CODES: &[Entry] = &[#(#codes),*];

        /// Every spelling `code = "…"` accepts, sorted, with its index in `CODES`.
        pub(crate) static SPELLINGS: &[(&str, usize)] = &[#(#spellings),*];
    }
}
