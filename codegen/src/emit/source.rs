//! `Source`: the documented APIs, how they authenticate, where they put
//! request ids, and the body shapes they send.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::prose;
use super::named::{Variant, assumed_fn, ident, named_enum, str_slice, str_tokens, table_fn};
use super::{OPTION_PRELUDE, Options};
use crate::Catalogue;

pub(super) fn sources(catalogue: &Catalogue, options: &Options) -> TokenStream {
    let runtime = &options.runtime;
    // Plain fields only: the entries as written.
    let list = catalogue.sources().entries();
    let variants: Vec<Variant> = list
        .iter()
        .map(|s| {
            let mut d = vec![format!("{}: {}", prose(&s.name), prose(&s.summary))];
            d.push(String::new());
            let documents: Vec<String> = s
                .documents
                .iter()
                .map(|x| format!("`{}`", x.value))
                .collect();
            d.push(format!("**Documents:** {}", documents.join(", ")));
            Variant::new(&s.id.value, d)
        })
        .collect();
    let frame = named_enum(
        &ident("Source"),
        "source",
        &["An API whose errors the catalogue describes.".to_string()],
        &variants,
        options,
    );
    let str_ty = quote!(&'static str);
    let slice_ty = quote!(&'static [&'static str]);
    let tables = [
        table_fn(
            "The API's name.",
            "name",
            &str_ty,
            list.iter().map(|s| str_tokens(&s.name)),
        ),
        table_fn(
            "What the API is, in a sentence.",
            "summary",
            &str_ty,
            list.iter().map(|s| str_tokens(&s.summary)),
        ),
        table_fn(
            "Ids of the documents that describe it.",
            "documents",
            &slice_ty,
            list.iter()
                .map(|s| str_slice(s.documents.iter().map(|d| &d.value))),
        ),
        table_fn(
            "The request header that carries the credential.",
            "auth_header",
            &str_ty,
            list.iter().map(|s| str_tokens(&s.auth.header)),
        ),
        table_fn(
            "Schemes accepted before the key (`Bearer`, `Key`); empty when the key stands alone.",
            "auth_schemes",
            &slice_ty,
            list.iter().map(|s| str_slice(&s.auth.schemes)),
        ),
        table_fn(
            "Response headers that carry the request id.",
            "request_id_headers",
            &slice_ty,
            list.iter().map(|s| str_slice(s.request_id_headers())),
        ),
        table_fn(
            "The error-body shapes it sends.",
            "shapes",
            &quote!(&'static [Shape]),
            list.iter().map(|s| {
                let shapes = s.bodies.iter().map(|b| {
                    let v = super::named::variant_ident(&b.shape.value);
                    quote!(Shape::#v)
                });
                quote!(&[#(#shapes),*])
            }),
        ),
        table_fn(
            "Whether the documents promise that its error messages are safe to show end users.",
            "messages_user_safe",
            &quote!(bool),
            list.iter().map(|s| {
                let safe = s.messages_user_safe;
                quote!(#safe)
            }),
        ),
        super::named::table_fn_in(
            &quote!(#OPTION_PRELUDE),
            "The code a failed task reports when neither its `error_type` nor its error text names one.",
            "failed_task_code",
            &quote!(::core::option::Option<Code>),
            list.iter().map(|s| match &s.failed_task {
                Some(code) => {
                    let v = super::named::variant_ident(&code.value);
                    quote!(Some(Code::#v))
                }
                None => quote!(None),
            }),
        ),
        assumed_fn(list.iter().map(|s| s.assumed.as_slice())),
    ];
    // Lower-cased here, once, so that a client reading a response compares
    // names as `http` hands them over (lower case) with no table built at
    // run time; each name once, at its first source's place, then the
    // headers no source owns.
    let mut header_names: Vec<String> = Vec::new();
    for header in catalogue.raw().request_id_headers() {
        let lower = header.to_ascii_lowercase();
        if !header_names.contains(&lower) {
            header_names.push(lower);
        }
    }
    let header_names = str_slice(&header_names);
    // What each other header means, as a `match` on its lower-case name
    // (as `http` hands names over): the engine calls it for every header
    // of every response, and a match compiles to a length dispatch.
    let wire = quote!(#runtime::wire);
    // Names that mean the same are one arm (`"a" | "b" => …`).
    let mut groups: Vec<(
        errors_catalogue::model::HeaderMeaning,
        Option<&String>,
        Vec<String>,
    )> = Vec::new();
    for header in &catalogue.raw().headers {
        let name = header.name.value.to_ascii_lowercase();
        let key = (header.means.value, header.value.as_ref());
        match groups.iter_mut().find(|(m, v, _)| (*m, *v) == key) {
            Some((_, _, names)) => names.push(name),
            None => groups.push((key.0, key.1, vec![name])),
        }
    }
    let header_arms = groups.iter().map(|(meaning, value, names)| {
        let names = names.iter().map(|n| proc_macro2::Literal::string(n));
        let meaning = meaning.to_tokens(runtime);
        let value = match value {
            Some(value) => {
                let value = proc_macro2::Literal::string(value);
                quote!(::core::option::Option::Some(#value))
            }
            None => quote!(::core::option::Option::None),
        };
        quote!(#(#names)|* => ::core::option::Option::Some(#wire::HeaderRule { meaning: #meaning, value: #value }))
    });
    quote! {
        #frame

        #[allow(clippy::too_many_lines)]
        impl Source {
            /// Every source's [`request_id_headers`](Self::request_id_headers),
            /// in the order of [`Source::ALL`], then the catalogue's
            /// request-id headers that no source owns; in lower case as
            /// `http`'s `HeaderName` spells them, each once. A response's
            /// request id is the first of these it carries.
            pub const REQUEST_ID_HEADER_NAMES: &[&str] = #header_names;

            /// What a response header means, by its lower-case name, from the
            /// catalogue's `headers`; `None` for a header it does not list.
            #[doc(hidden)]
            #[must_use]
            pub fn header_rule(name: &str) -> ::core::option::Option<#wire::HeaderRule> {
                match name {
                    #(#header_arms,)*
                    _ => ::core::option::Option::None,
                }
            }

            #(#tables)*
        }
    }
}
