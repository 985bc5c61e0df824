//! What kind of body it is, before reading it: JSON, HTML, text or
//! nothing, from its first byte and its `Content-Type`.

use super::Dialect;
use crate::wire::Catalogue;

/// Tells JSON, HTML, text and nothing apart from the first byte, and the
/// `Content-Type` when the first byte does not say. JSON is recognised
/// by its opening brace or bracket whatever the header claims: edge
/// proxies send HTML as `application/json` and JSON as `text/plain`.
pub(super) fn sniff<C: Catalogue>(body: &[u8], content_type: Option<&[u8]>) -> Dialect<C> {
    sniff_trimmed(strip_bom(body).trim_ascii_start(), content_type)
}

/// [`sniff`] of a body whose leading whitespace is already gone (and a
/// byte-order mark before it): only a second mark is looked for.
pub(super) fn sniff_trimmed<C: Catalogue>(body: &[u8], content_type: Option<&[u8]>) -> Dialect<C> {
    let body = match body.strip_prefix(BOM) {
        Some(rest) => rest.trim_ascii_start(),
        None => body,
    };
    match body.first() {
        None => Dialect::Empty,
        Some(b'{' | b'[') => Dialect::UnknownJson,
        Some(b'<') => Dialect::Html,
        Some(_) if content_type.is_some_and(|ct| media_type_is(ct, "text/html")) => Dialect::Html,
        Some(_) => Dialect::Text,
    }
}

/// The text of an HTML page's `<title>`, trimmed, when it has a short one:
/// what an edge proxy's page says happened (`502 Bad Gateway`, `524: A
/// timeout occurred`). Looked for in the page's first `SEARCHED` bytes.
pub(super) fn html_title(page: &[u8]) -> Option<&str> {
    const SEARCHED: usize = 4096;
    const LONGEST: usize = 200;
    let page = &page[..page.len().min(SEARCHED)];
    let open = find_ignoring_case(page, b"<title")?;
    let after = &page[open + b"<title".len()..];
    let start = after.iter().position(|&b| b == b'>')? + 1;
    let rest = &after[start..];
    let end = find_ignoring_case(rest, b"</title")?;
    let title = std::str::from_utf8(&rest[..end]).ok()?.trim();
    // `<` looked for as a byte: `str::contains` with a `char` compiles the
    // whole substring searcher (two-way and SIMD), 6 % of this crate's
    // LLVM IR by `cargo llvm-lines`, to find one ASCII byte.
    (!title.is_empty() && title.len() <= LONGEST && !title.as_bytes().contains(&b'<'))
        .then_some(title)
}

/// Where `needle` (lower case, starting with `<`) first occurs in
/// `haystack`, case aside: each `<` is found by a byte scan, and only there
/// is the rest compared.
fn find_ignoring_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let mut from = 0;
    while let Some(found) = haystack.get(from..)?.iter().position(|&b| b == first) {
        let at = from + found;
        let after = haystack.get(at + 1..at + 1 + rest.len())?;
        if after.eq_ignore_ascii_case(rest) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// UTF-8's byte-order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

pub(super) fn strip_bom(body: &[u8]) -> &[u8] {
    body.strip_prefix(BOM).unwrap_or(body)
}

/// Whether a `Content-Type` value names `media_type` (lower case),
/// parameters aside: `application/json; charset=utf-8` names
/// `application/json`.
pub(super) fn media_type_is(content_type: &[u8], media_type: &str) -> bool {
    let content_type = content_type.trim_ascii_start();
    let Some((essence, rest)) = content_type.split_at_checked(media_type.len()) else {
        return false;
    };
    essence.eq_ignore_ascii_case(media_type.as_bytes())
        && matches!(rest.trim_ascii_start().first(), None | Some(b';'))
}

/// At most `max` bytes of `text`, cut at a character boundary.
pub(super) fn prefix(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}
