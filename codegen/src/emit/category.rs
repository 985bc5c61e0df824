//! `Category`: the closed set of categories a code belongs to, and who
//! must act on each.

use proc_macro2::TokenStream;
use quote::quote;

use super::Options;
use super::docs::prose;
use super::named::{Variant, ident, named_enum, str_tokens, table_fn};
use crate::Catalogue;

pub(super) fn categories(catalogue: &Catalogue, options: &Options) -> TokenStream {
    let runtime = &options.runtime;
    // Plain fields only: the entries as written.
    let list = catalogue.categories().entries();
    let variants: Vec<Variant> = list
        .iter()
        .map(|c| Variant::new(&c.id.value, vec![prose(&c.meaning)]))
        .collect();
    let frame = named_enum(
        &ident("Category"),
        "category",
        &["The kind of failure a code reports.".to_string()],
        &variants,
        options,
    );
    let meaning = table_fn(
        "What codes in this category have in common.",
        "meaning",
        &quote!(&'static str),
        list.iter().map(|c| str_tokens(&c.meaning)),
    );
    let fault = table_fn(
        "Who has to act.",
        "fault",
        &quote!(#runtime::Fault),
        list.iter().map(|c| c.fault.to_tokens(runtime)),
    );
    let stop = table_fn(
        "What a client must do when an error of this category is not retried.",
        "stop",
        &quote!(#runtime::StopAction),
        list.iter().map(|c| c.stop.to_tokens(runtime)),
    );
    quote! {
        #frame

        #[allow(clippy::too_many_lines)]
        impl Category {
            #meaning
            #fault
            #stop
        }
    }
}
