//! Rustdoc for generated items, written from the catalogue's text.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use errors_catalogue::StatusRef;
pub(crate) use errors_catalogue::markdown::{code, prose};
use errors_catalogue::model::Retry;

/// The rustdoc of an item from its lines (an empty string is a paragraph
/// break): one `#[doc]` per line, which a person reads as `///` lines, or,
/// when `compact`, a single `#[doc]` holding them all, which rustdoc reads
/// the same and which keeps the token count of large catalogues down (see
/// BENCHMARKS.md).
pub(super) fn doc_attrs(lines: &[String], compact: bool) -> TokenStream {
    if !compact {
        let lines = lines.iter().map(|line| {
            let text = Literal::string(&format!(" {line}"));
            quote!(#[doc = #text])
        });
        return quote!(#(#lines)*);
    }
    if lines.is_empty() {
        return TokenStream::new();
    }
    let mut text = String::with_capacity(lines.iter().map(|l| l.len() + 2).sum());
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        text.push(' ');
        text.push_str(line);
    }
    let text = Literal::string(&text);
    quote!(#[doc = #text])
}

/// A bulleted list under a bold heading, or nothing when empty.
pub(super) fn section(out: &mut Vec<String>, heading: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    out.push(String::new());
    out.push(format!("**{heading}:**"));
    for item in items {
        out.push(format!("- {}", prose(item)));
    }
}

/// The retry advice in words, as one paragraph.
pub(super) fn retry(out: &mut Vec<String>, retry: &Retry) {
    out.push(String::new());
    out.push(format!(
        "**Retry** (`{}`): {}",
        retry.word(),
        prose(&retry.advice())
    ));
}

/// "*Our choice, not the documents': status, retry.*"
pub(super) fn assumed(out: &mut Vec<String>, fields: &[String]) {
    if !fields.is_empty() {
        out.push(String::new());
        out.push(format!(
            "*Not given by the documents; the catalogue chose:* {}.",
            fields.join(", ")
        ));
    }
}

/// "`429 Too Many Requests`"
pub(super) fn status_line(status: StatusRef<'_>) -> String {
    format!("`{} {}`", status.number(), status.reason())
}
