//! Catalogue text written as Markdown: what the generated rustdoc, the
//! reference site's Markdown and every other Markdown reader of the
//! catalogue share, so that a word reads as code in all of them or in none.
//!
//! ```
//! use errors_catalogue::markdown::{code, prose};
//! assert_eq!(prose("Call /tasks/{id} again"), "Call `/tasks/{id}` again");
//! assert_eq!(code("a`b"), "`` a`b ``");
//! ```

/// Catalogue prose is not Markdown: words that read as code (`each::api`,
/// `sk_live_*`, `OpenClaw`, `/tasks/{id}`) become inline code, and what
/// Markdown or rustdoc would read as emphasis, links or HTML is escaped.
pub fn prose(text: &str) -> String {
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
pub fn code(text: &str) -> String {
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}
