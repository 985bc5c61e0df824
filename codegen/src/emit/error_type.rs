//! `ErrorType`: terminal task failures reported in a task's `error_type`.

use proc_macro2::TokenStream;
use quote::quote;

use super::Options;
use super::docs::{self, code as inline, prose};
use super::named::{
    Variant, ident, named_enum, source_fn, str_slice, str_tokens, table_fn, table_fn_in,
    variant_ident,
};
use super::retry::{retry_prelude, retry_tokens};
use crate::Catalogue;

pub(super) fn error_types(catalogue: &Catalogue, options: &Options) -> TokenStream {
    let runtime = &options.runtime;
    // Plain fields only: the entries as written.
    let list = catalogue.error_types().entries();
    let variants: Vec<Variant> = list
        .iter()
        .map(|e| {
            let mut d = vec![format!("{}: {}", inline(&e.id.value), prose(&e.meaning))];
            d.push(String::new());
            d.push(format!(
                "**Maps to:** [`Code::{}`] · **Reported by:** `{}`",
                variant_ident(&e.code.value),
                e.source.value
            ));
            docs::section(&mut d, "Remedies", &e.remedies);
            docs::retry(&mut d, &e.retry.value);
            let assumed: Vec<String> = e.assumed.iter().map(|a| a.value.clone()).collect();
            docs::assumed(&mut d, &assumed);
            Variant::new(&e.id.value, d)
        })
        .collect();
    let frame = named_enum(
        &ident("ErrorType"),
        "error_type",
        &[
            "A terminal task failure, as reported in a task status body's `error_type`."
                .to_string(),
        ],
        &variants,
        options,
    );
    let tables = [
        source_fn(
            "The source that reports it.",
            list.iter().map(|e| e.source.value.as_str()),
        ),
        table_fn(
            "The canonical code this failure maps to.",
            "code",
            &quote!(Code),
            list.iter().map(|e| {
                let v = variant_ident(&e.code.value);
                quote!(Code::#v)
            }),
        ),
        table_fn_in(
            &retry_prelude(runtime),
            "How a client should retry the task (by submitting a new one).",
            "retry",
            &quote!(#runtime::Retry),
            list.iter().map(|e| retry_tokens(&e.retry.value)),
        ),
        table_fn(
            "What it means.",
            "meaning",
            &quote!(&'static str),
            list.iter().map(|e| str_tokens(&e.meaning)),
        ),
        table_fn(
            "What to do about it.",
            "remedies",
            &quote!(&'static [&'static str]),
            list.iter().map(|e| str_slice(&e.remedies)),
        ),
    ];
    quote! {
        #frame

        #[allow(deprecated, clippy::too_many_lines)]
        impl ErrorType {
            #(#tables)*
        }
    }
}
