//! `Status`: the catalogued HTTP statuses, non-standard ones included, with
//! every source's view of each.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::Options;
use super::docs::{self, prose};
use super::docs_url::docs_url;
use super::named::{
    Variant, assumed_fn, named_enum_as, str_slice, str_tokens, table_fn, table_fn_in, variant_ident,
};
use super::retry::{retry_prelude, retry_tokens};
use crate::Catalogue;
use errors_catalogue::model;

pub(super) fn statuses(catalogue: &Catalogue, options: &Options) -> TokenStream {
    let runtime = &options.runtime;
    // Plain fields only: the entries as written.
    let list = catalogue.statuses().entries();
    let variants: Vec<Variant> = list
        .iter()
        .map(|s| {
            let mut d = vec![format!(
                "`{} {}`: {}",
                s.status.value,
                s.reason.value,
                prose(&s.meaning)
            )];
            for view in &s.views {
                d.push(String::new());
                d.push(format!(
                    "**`{}`** ({}): {}",
                    view.source.value,
                    prose(&view.label),
                    prose(&view.summary)
                ));
                docs::section(&mut d, "Causes", &view.causes);
                docs::section(&mut d, "Remedies", &view.remedies);
                if let Some(retry) = &view.retry {
                    d.push(String::new());
                    d.push(format!("*For `{}` only:*", view.source.value));
                    docs::retry(&mut d, &retry.value);
                }
            }
            if let Some(retry) = &s.retry {
                docs::retry(&mut d, &retry.value);
            }
            let assumed: Vec<String> = s.assumed.iter().map(|a| a.value.clone()).collect();
            docs::assumed(&mut d, &assumed);
            Variant {
                // `Display`, `FromStr` and serde use the number.
                name: s.status.value.to_string(),
                ..Variant::new(&s.reason.value, d)
            }
        })
        .collect();
    let frame = named_enum_as(
        &Ident::new("Status", Span::call_site()),
        "HTTP status",
        &[
            "An HTTP status the documents name, non-standard ones (499, 520, 522, 524) included."
                .to_string(),
            String::new(),
            "Prints, parses and serialises as its number.".to_string(),
        ],
        &variants,
        options,
        true,
    );
    let numbers: Vec<u16> = list.iter().map(|s| s.status.value).collect();
    let from_u16_arms = variants.iter().zip(&numbers).map(|(v, n)| {
        let ident = &v.ident;
        quote!(#n => ::core::option::Option::Some(Self::#ident),)
    });
    let flattened = |pick: fn(&model::StatusView) -> &Vec<String>| {
        list.iter()
            .map(|s| {
                let mut all: Vec<&String> = Vec::new();
                for item in s.views.iter().flat_map(pick) {
                    if !all.contains(&item) {
                        all.push(item);
                    }
                }
                str_slice(all)
            })
            .collect::<Vec<_>>()
    };
    let str_ty = quote!(&'static str);
    let slice_ty = quote!(&'static [&'static str]);
    let tables = [
        table_fn(
            "The status number.",
            "as_u16",
            &quote!(u16),
            numbers.iter().map(|n| quote!(#n)),
        ),
        table_fn(
            "The same status as an `http::StatusCode`.",
            "http",
            &quote!(#runtime::__private::http::StatusCode),
            numbers
                .iter()
                .map(|n| quote!(#runtime::__private::status::<#n>())),
        ),
        table_fn(
            "The reason phrase (for non-standard statuses, the documents' own).",
            "reason",
            &str_ty,
            list.iter().map(|s| str_tokens(&s.reason.value)),
        ),
        table_fn(
            "What it means across all sources.",
            "meaning",
            &str_ty,
            list.iter().map(|s| str_tokens(&s.meaning)),
        ),
        table_fn(
            "Text safe to show an end user when a response has this status \
             and no catalogued code; every error status (400 and up) has one.",
            "user_message",
            &quote!(::core::option::Option<&'static str>),
            list.iter().map(|s| match &s.user_message {
                Some(m) => {
                    let m = str_tokens(&m.value);
                    quote!(::core::option::Option::Some(#m))
                }
                None => quote!(::core::option::Option::None),
            }),
        ),
        table_fn(
            "The category of a response with this status and no catalogued \
             code (which says who must act); every error status has one.",
            "category",
            &quote!(::core::option::Option<Category>),
            list.iter().map(|s| match &s.category {
                Some(c) => {
                    let c = variant_ident(&c.value);
                    quote!(::core::option::Option::Some(Category::#c))
                }
                None => quote!(::core::option::Option::None),
            }),
        ),
        table_fn(
            "Whether the request ran out of time (the service's, a gateway's \
             or the caller's): a retry after it costs more of a retry budget.",
            "is_timeout",
            &quote!(bool),
            list.iter().map(|s| {
                let on = s.timeout;
                quote!(#on)
            }),
        ),
        table_fn(
            "Whether a gateway or edge proxy in front of the API sends it, \
             rather than the API itself: the request may never have reached \
             the service.",
            "is_from_edge_proxy",
            &quote!(bool),
            list.iter().map(|s| {
                let on = s.edge_proxy;
                quote!(#on)
            }),
        ),
        table_fn_in(
            &retry_prelude(runtime),
            "The default retry behaviour; `None` for success and redirect statuses.",
            "retry",
            &quote!(::core::option::Option<#runtime::Retry>),
            list.iter().map(|s| match &s.retry {
                Some(r) => {
                    let r = retry_tokens(&r.value);
                    quote!(::core::option::Option::Some(#r))
                }
                None => quote!(::core::option::Option::None),
            }),
        ),
        table_fn_in(
            &retry_prelude(runtime),
            "What each source's document says about it.",
            "views",
            &quote!(&'static [StatusView]),
            list.iter().map(|s| {
                let views = s.views.iter().map(|v| {
                    let source = variant_ident(&v.source.value);
                    let label = str_tokens(&v.label);
                    let summary = str_tokens(&v.summary);
                    let causes = str_slice(&v.causes);
                    let remedies = str_slice(&v.remedies);
                    let retry = match &v.retry {
                        Some(r) => {
                            let r = retry_tokens(&r.value);
                            quote!(::core::option::Option::Some(#r))
                        }
                        None => quote!(::core::option::Option::None),
                    };
                    quote! {
                        StatusView {
                            source: Source::#source,
                            label: #label,
                            summary: #summary,
                            causes: #causes,
                            remedies: #remedies,
                            retry: #retry,
                        }
                    }
                });
                quote!(&[#(#views),*])
            }),
        ),
        table_fn(
            "Every source's causes, without repeats.",
            "causes",
            &slice_ty,
            flattened(|v| &v.causes),
        ),
        table_fn(
            "Every source's remedies, without repeats.",
            "remedies",
            &slice_ty,
            flattened(|v| &v.remedies),
        ),
        assumed_fn(list.iter().map(|s| s.assumed.as_slice())),
    ];
    let docs_url = docs_url(
        options,
        errors_catalogue::EntryKind::Status,
        "Status",
        &variants,
    );
    quote! {
        /// What one source's document says about a status.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct StatusView {
            /// The source whose document says it.
            pub source: Source,
            /// The document's own name for the status.
            pub label: &'static str,
            /// What the document says it means.
            pub summary: &'static str,
            /// The causes the document lists.
            pub causes: &'static [&'static str],
            /// The remedies the document gives.
            pub remedies: &'static [&'static str],
            /// How to retry this status when this source sent it, where its
            /// document gives a rule of its own; else the status's
            /// [`Status::retry`] holds.
            pub retry: ::core::option::Option<#runtime::Retry>,
        }

        #frame

        #[allow(clippy::too_many_lines)]
        impl Status {
            #(#tables)*

            /// How to retry this status when `source` sent it: the rule of
            /// `source`'s document where it gives one, else [`Self::retry`]
            /// (what holds for any source).
            #[must_use]
            pub fn retry_from(self, source: Source) -> ::core::option::Option<#runtime::Retry> {
                self.views()
                    .iter()
                    .find(|view| view.source == source)
                    .and_then(|view| view.retry)
                    .or(self.retry())
            }

            /// The catalogued status with this number, if any.
            #[must_use]
            pub const fn from_u16(number: u16) -> ::core::option::Option<Self> {
                match number {
                    #(#from_u16_arms)*
                    _ => ::core::option::Option::None,
                }
            }

            #docs_url
        }

        #runtime::__impl_status!(Status);
    }
}
