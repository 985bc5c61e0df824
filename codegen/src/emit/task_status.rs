//! `TaskStatus`: the states of an asynchronous task.

use proc_macro2::TokenStream;
use quote::quote;

use super::Options;
use super::docs::{code as inline, prose};
use super::named::{Variant, ident, named_enum, source_fn, str_tokens, table_fn};
use crate::Catalogue;

pub(super) fn task_statuses(catalogue: &Catalogue, options: &Options) -> TokenStream {
    // Plain fields only: the entries as written.
    let list = catalogue.task_statuses().entries();
    let variants: Vec<Variant> = list
        .iter()
        .map(|t| {
            Variant::new(
                &t.id.value,
                vec![
                    format!("{}: {}", inline(&t.id.value), prose(&t.meaning)),
                    String::new(),
                    format!("**Next step:** {}", prose(&t.next_step)),
                ],
            )
        })
        .collect();
    let frame = named_enum(
        &ident("TaskStatus"),
        "task status",
        &["A state of an asynchronous task, as reported in its `status`.".to_string()],
        &variants,
        options,
    );
    let tables = [
        source_fn(
            "The source that reports it.",
            list.iter().map(|t| t.source.value.as_str()),
        ),
        table_fn(
            "Whether the task has stopped changing.",
            "is_terminal",
            &quote!(bool),
            list.iter().map(|t| {
                let b = t.terminal;
                quote!(#b)
            }),
        ),
        table_fn(
            "What it means.",
            "meaning",
            &quote!(&'static str),
            list.iter().map(|t| str_tokens(&t.meaning)),
        ),
        table_fn(
            "What a client does next.",
            "next_step",
            &quote!(&'static str),
            list.iter().map(|t| str_tokens(&t.next_step)),
        ),
    ];
    quote! {
        #frame

        #[allow(clippy::too_many_lines)]
        impl TaskStatus {
            #(#tables)*
        }
    }
}
