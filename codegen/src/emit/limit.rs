//! `Limit`: the figures the documents give.

use proc_macro2::TokenStream;
use quote::quote;

use super::Options;
use super::docs::prose;
use super::named::{Variant, ident, named_enum, source_fn, str_tokens, table_fn};
use crate::Catalogue;

pub(super) fn limits(catalogue: &Catalogue, options: &Options) -> TokenStream {
    let runtime = &options.runtime;
    // Plain fields only: the entries as written.
    let list = catalogue.limits().entries();
    let variants: Vec<Variant> = list
        .iter()
        .map(|l| {
            Variant::new(
                &l.id.value,
                vec![format!(
                    "{} ({}, `{}`): {}",
                    l.value,
                    prose(&l.scope),
                    l.source.value,
                    prose(&l.meaning)
                )],
            )
        })
        .collect();
    let frame = named_enum(
        &ident("Limit"),
        "limit",
        &["A figure the documents give: a rate, a ceiling, a retention.".to_string()],
        &variants,
        options,
    );
    let tables = [
        source_fn(
            "The source that documents it.",
            list.iter().map(|l| l.source.value.as_str()),
        ),
        table_fn(
            "The figure, exactly as documented.",
            "value",
            &quote!(u64),
            list.iter().map(|l| {
                let v = l.value;
                quote!(#v)
            }),
        ),
        table_fn(
            "What the figure counts.",
            "unit",
            &quote!(#runtime::Unit),
            list.iter().map(|l| l.unit.to_tokens(runtime)),
        ),
        table_fn(
            "What it applies to.",
            "scope",
            &quote!(&'static str),
            list.iter().map(|l| str_tokens(&l.scope)),
        ),
        table_fn(
            "What it means for a client.",
            "meaning",
            &quote!(&'static str),
            list.iter().map(|l| str_tokens(&l.meaning)),
        ),
    ];
    quote! {
        #frame

        #[allow(clippy::too_many_lines)]
        impl Limit {
            #(#tables)*
        }
    }
}
