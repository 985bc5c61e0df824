//! The frame every generated enum shares: the enum itself, `ALL`, `as_str`,
//! `from_name`, and the runtime's traits (Display, FromStr, serde, strum).
//!
//! strum's traits are implemented here rather than derived: its derives
//! expand to code that names every variant, which warns on `#[deprecated]`
//! ones, and a retired code must stay in the enum without warnings.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use super::Options;
use super::docs::doc_attrs;
use crate::ident::upper_camel;

/// One variant of a generated enum.
pub(super) struct Variant {
    pub ident: Ident,
    /// The spelling used by `as_str`, `Display`, `FromStr` and serde.
    pub name: String,
    pub docs: Vec<String>,
    pub deprecated: Option<String>,
}

impl Variant {
    pub fn new(id: &str, docs: Vec<String>) -> Self {
        Self {
            ident: variant_ident(id),
            name: id.to_string(),
            docs,
            deprecated: None,
        }
    }
}

pub(crate) fn variant_ident(id: &str) -> Ident {
    Ident::new(&upper_camel(id), Span::call_site())
}

/// The enum, its `ALL`/`as_str`/`from_name`, and the shared trait impls.
/// `what` names one value in error messages (`"error code"`).
pub(super) fn named_enum(
    name: &Ident,
    what: &str,
    docs: &[String],
    variants: &[Variant],
    options: &Options,
) -> TokenStream {
    named_enum_as(name, what, docs, variants, options, false)
}

/// [`named_enum`], serialised as a number when `number` (HTTP statuses).
pub(super) fn named_enum_as(
    name: &Ident,
    what: &str,
    docs: &[String],
    variants: &[Variant],
    options: &Options,
    number: bool,
) -> TokenStream {
    let runtime = &options.runtime;
    let serde_as = number.then(|| quote!(, number));
    let enum_docs = doc_attrs(docs);
    let non_exhaustive = options.non_exhaustive.then(|| quote!(#[non_exhaustive]));
    let count = Literal::usize_unsuffixed(variants.len());
    let defs = variants.iter().map(|v| {
        let ident = &v.ident;
        let docs = doc_attrs(&v.docs);
        let deprecated = v.deprecated.as_ref().map(|note| {
            let note = Literal::string(note);
            quote!(#[deprecated(note = #note)])
        });
        quote! { #docs #deprecated #ident }
    });
    let idents: Vec<&Ident> = variants.iter().map(|v| &v.ident).collect();
    let names: Vec<Literal> = variants.iter().map(|v| Literal::string(&v.name)).collect();
    let what = Literal::string(what);
    quote! {
        #enum_docs
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #non_exhaustive
        pub enum #name {
            #(#defs,)*
        }

        #[allow(deprecated)]
        impl #name {
            /// Every variant, in catalogue order.
            pub const ALL: &'static [Self] = &[#(Self::#idents),*];

            /// The catalogue's spelling of this value.
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self {
                    #(Self::#idents => #names,)*
                }
            }

            /// The value spelled `name` in the catalogue, exactly.
            #[must_use]
            pub fn from_name(name: &str) -> ::core::option::Option<Self> {
                match name {
                    #(#names => ::core::option::Option::Some(Self::#idents),)*
                    _ => ::core::option::Option::None,
                }
            }
        }

        #[allow(deprecated)]
        impl #runtime::Named for #name {
            const WHAT: &'static str = #what;
            const NAMES: &'static [&'static str] = &[#(#names),*];

            fn as_str(self) -> &'static str {
                #name::as_str(self)
            }

            fn from_name(name: &str) -> ::core::option::Option<Self> {
                #name::from_name(name)
            }
        }

        #runtime::__impl_named!(#name #serde_as);

        impl #runtime::__private::strum::EnumCount for #name {
            const COUNT: usize = #count;
        }

        impl #runtime::__private::strum::IntoEnumIterator for #name {
            type Iterator = ::core::iter::Copied<::core::slice::Iter<'static, Self>>;

            fn iter() -> Self::Iterator {
                Self::ALL.iter().copied()
            }
        }

        impl ::core::convert::From<#name> for &'static str {
            fn from(value: #name) -> Self {
                value.as_str()
            }
        }
    }
}

/// `match self { Self::A | Self::B => a, … }` returning `values`, one per
/// variant; variants with equal values share an arm, in first-seen order.
pub(super) fn match_self(
    variants: &[Variant],
    values: impl IntoIterator<Item = TokenStream>,
) -> TokenStream {
    let mut arms: Vec<(TokenStream, Vec<&Ident>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (v, value) in variants.iter().zip(values) {
        match index.entry(value.to_string()) {
            Entry::Occupied(at) => arms[*at.get()].1.push(&v.ident),
            Entry::Vacant(slot) => {
                slot.insert(arms.len());
                arms.push((value, vec![&v.ident]));
            }
        }
    }
    let arms = arms
        .into_iter()
        .map(|(value, idents)| quote!(#(Self::#idents)|* => #value,));
    quote! {
        match self {
            #(#arms)*
        }
    }
}

/// `&["a", "b"]`
pub(super) fn str_slice<'a>(items: impl IntoIterator<Item = &'a String>) -> TokenStream {
    let items = items.into_iter().map(|s| Literal::string(s));
    quote!(&[#(#items),*])
}

/// `"a"`
pub(super) fn str_lit(s: &str) -> Literal {
    Literal::string(s)
}

/// `"a"` as tokens.
pub(super) fn str_tokens(s: &str) -> TokenStream {
    let lit = Literal::string(s);
    quote!(#lit)
}
