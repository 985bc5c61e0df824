//! `docs_url()` from the builder's template.

use proc_macro2::TokenStream;
use quote::quote;

use super::Options;
use super::named::{Variant, str_tokens, table_fn};

/// `docs_url()` from the builder's template, or nothing without one.
pub(super) fn docs_url(
    options: &Options,
    kind: errors_catalogue::EntryKind,
    enum_name: &str,
    variants: &[Variant],
) -> TokenStream {
    let Some(template) = &options.docs_url else {
        return TokenStream::new();
    };
    let urls = variants.iter().map(|v| {
        let url = template
            .replace("{kind}", kind.as_str())
            .replace("{enum}", enum_name)
            .replace("{anchor}", &errors_catalogue::anchor(kind, &v.name))
            .replace("{id}", &v.name)
            .replace("{variant}", &v.ident.to_string());
        str_tokens(&url)
    });
    table_fn(
        "Where this entry is documented for people.",
        "docs_url",
        &quote!(&'static str),
        urls,
    )
}
