//! The frame every generated enum shares: the enum itself, `ALL`, `as_str`,
//! `from_name`, and the runtime's traits (Display, FromStr, serde, and
//! strum's with the runtime's feature `strum`), through the runtime's
//! `__impl_named!`, so that the behaviour lives in the runtime crate.

use errors_catalogue::Spanned;
use proc_macro2::{Group, Ident, Literal, Span, TokenStream, TokenTree};
use quote::quote;

use super::docs::doc_attrs;
use super::{OPTION_PRELUDE, Options};
use errors_catalogue::ident::upper_camel;

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

/// An identifier spelled exactly as given (a type name such as `Source`).
pub(super) fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
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
    let enum_docs = doc_attrs(docs, options.compact_docs);
    let non_exhaustive = options.non_exhaustive.then(|| quote!(#[non_exhaustive]));
    let defs = variants.iter().map(|v| {
        let ident = &v.ident;
        let docs = doc_attrs(&v.docs, options.compact_docs);
        let deprecated = v.deprecated.as_ref().map(|note| {
            let note = Literal::string(note);
            quote!(#[deprecated(note = #note)])
        });
        quote! { #docs #deprecated #ident }
    });
    let idents: Vec<&Ident> = variants.iter().map(|v| &v.ident).collect();
    let names: Vec<Literal> = variants.iter().map(|v| Literal::string(&v.name)).collect();
    let what = Literal::string(what);
    let as_str = table_fn(
        "The catalogue's spelling of this value.",
        "as_str",
        &quote!(&'static str),
        names.iter().map(|n| quote!(#n)),
    );
    quote! {
        #enum_docs
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #non_exhaustive
        pub enum #name {
            #(#defs,)*
        }

        // Tables are as long as the catalogue: length is not complexity.
        #[allow(deprecated, clippy::too_many_lines)]
        impl #name {
            /// Every variant, in catalogue order.
            pub const ALL: &'static [Self] = &[#(Self::#idents),*];

            #as_str

            /// The value spelled `name` in the catalogue, exactly.
            #[must_use]
            pub fn from_name(name: &str) -> ::core::option::Option<Self> {
                #OPTION_PRELUDE
                match name {
                    #(#names => Some(Self::#idents),)*
                    _ => None,
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

        impl ::core::convert::From<#name> for &'static str {
            fn from(value: #name) -> Self {
                value.as_str()
            }
        }
    }
}

/// `pub const fn name(self) -> Ret` returning `values[self as usize]`: the
/// facts of an enum as a table, one element per variant in declaration
/// order. A table keeps the generated code small and linear in the number of
/// entries, and cheap for rustc to compile.
pub(super) fn table_fn(
    doc: &str,
    name: &str,
    ret: &TokenStream,
    values: impl IntoIterator<Item = TokenStream>,
) -> TokenStream {
    table_fn_in(&TokenStream::new(), doc, name, ret, values)
}

/// As [`table_fn`], with `prelude` (`use` items) opening the body, for
/// values written with short names.
pub(super) fn table_fn_in(
    prelude: &TokenStream,
    doc: &str,
    name: &str,
    ret: &TokenStream,
    values: impl IntoIterator<Item = TokenStream>,
) -> TokenStream {
    let name = Ident::new(name, Span::call_site());
    let values: Vec<TokenStream> = values.into_iter().collect();
    let count = Literal::usize_unsuffixed(values.len());
    let doc = Literal::string(&format!(" {doc}"));
    let element = elide_static(ret.clone());
    // An enum without variants has no value to index with.
    let body = if values.is_empty() {
        quote!(match self {})
    } else {
        quote! {
            #prelude
            const TABLE: [#element; #count] = [#(#values),*];
            TABLE[self as usize]
        }
    };
    quote! {
        #[doc = #doc]
        #[must_use]
        pub const fn #name(self) -> #ret {
            #body
        }
    }
}

/// `ret` with its `'static` lifetimes removed: a `const` item's references
/// are `'static` already, and clippy flags the spelled-out ones.
fn elide_static(ret: TokenStream) -> TokenStream {
    let mut out = Vec::new();
    let mut tokens = ret.into_iter().peekable();
    while let Some(token) = tokens.next() {
        match token {
            TokenTree::Punct(p) if p.as_char() == '\'' => {
                if matches!(tokens.peek(), Some(TokenTree::Ident(i)) if i == "static") {
                    tokens.next();
                } else {
                    out.push(TokenTree::Punct(p));
                }
            }
            TokenTree::Group(g) => {
                let mut inner = Group::new(g.delimiter(), elide_static(g.stream()));
                inner.set_span(g.span());
                out.push(TokenTree::Group(inner));
            }
            other => out.push(other),
        }
    }
    out.into_iter().collect()
}

/// `source()`: the `Source` variant named by each entry's `source` id.
pub(super) fn source_fn<'a>(doc: &str, sources: impl IntoIterator<Item = &'a str>) -> TokenStream {
    table_fn(
        doc,
        "source",
        &quote!(Source),
        sources.into_iter().map(|id| {
            let v = variant_ident(id);
            quote!(Source::#v)
        }),
    )
}

/// `assumed()`: per entry, the fields the catalogue chose where the
/// documents are silent.
pub(super) fn assumed_fn<'a>(
    entries: impl IntoIterator<Item = &'a [Spanned<String>]>,
) -> TokenStream {
    table_fn(
        "Fields whose values the catalogue chose where the documents are silent.",
        "assumed",
        &quote!(&'static [&'static str]),
        entries
            .into_iter()
            .map(|fields| str_slice(fields.iter().map(|a| &a.value))),
    )
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
