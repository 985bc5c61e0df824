//! Rustdoc for generated items, written from the catalogue's text.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::model::{Catalogue, Retry};

/// `#[doc = "…"]` for each line (an empty string is a paragraph break).
pub(super) fn doc_attrs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|line| {
        let text = Literal::string(&format!(" {line}"));
        quote!(#[doc = #text])
    });
    quote!(#(#lines)*)
}

/// Catalogue prose is not Markdown: escape what Markdown and rustdoc would
/// read as emphasis, links or HTML.
pub(super) fn prose(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
    {
        if matches!(c, '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A wire string as inline code, safe even when it holds a backtick.
pub(super) fn code(text: &str) -> String {
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
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
    let advice = crate::explain::retry_advice(retry);
    out.push(String::new());
    out.push(format!(
        "**Retry** (`{}`): {}",
        advice.rule,
        prose(&advice.advice)
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
pub(super) fn status_line(catalogue: &Catalogue, number: u16) -> String {
    let reason = catalogue
        .statuses
        .iter()
        .find(|s| s.status.value == number)
        .map_or("", |s| s.reason.value.as_str());
    format!("`{number} {reason}`")
}
