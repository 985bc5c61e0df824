//! Rustdoc for generated items, written from the catalogue's text.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::StatusRef;
use crate::model::Retry;

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

/// Catalogue prose is not Markdown: words that read as code (`each::api`,
/// `sk_live_*`, `OpenClaw`, `/tasks/{id}`) become inline code, and what
/// Markdown or rustdoc would read as emphasis, links or HTML is escaped.
pub(crate) fn prose(text: &str) -> String {
    text.split_whitespace()
        .map(prose_word)
        .collect::<Vec<_>>()
        .join(" ")
}

fn prose_word(word: &str) -> String {
    let core =
        word.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | ';' | ':' | '.' | '"' | '\''));
    if !core.is_empty() && looks_like_code(core) && !core.contains('`') {
        let start = word.find(core).unwrap_or(0);
        let (before, rest) = word.split_at(start);
        let after = &rest[core.len()..];
        return format!("{}`{core}`{}", escape(before), escape(after));
    }
    escape(word)
}

fn looks_like_code(word: &str) -> bool {
    let inner_case = word
        .as_bytes()
        .windows(2)
        .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase());
    word.contains("::")
        || word.contains('_')
        || word.contains('{')
        || word.starts_with('/')
        || inner_case
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A wire string as inline code, safe even when it holds a backtick.
pub(crate) fn code(text: &str) -> String {
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
pub(super) fn status_line(status: StatusRef<'_>) -> String {
    format!("`{} {}`", status.number(), status.reason())
}
