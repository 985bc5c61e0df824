//! Checks of the catalogue's top-level `headers`: each a header name a
//! server can send, each named once (and not a header the classifier
//! reads by the standard or as a request id), each with the value its
//! meaning needs.

use std::collections::HashMap;

use crate::diag::Diagnostics;
use crate::model::{HeaderMeaning, RawCatalogue};

pub(super) fn check(d: &mut Diagnostics, catalogue: &RawCatalogue) {
    let request_ids: Vec<String> = catalogue
        .request_id_headers()
        .map(|h| h.to_ascii_lowercase())
        .collect();
    let mut seen: HashMap<String, u64> = HashMap::new();
    for header in &catalogue.headers {
        let name = header.name.value.as_str();
        let lower = name.to_ascii_lowercase();
        if name.is_empty() || !name.bytes().all(is_token_byte) {
            d.on(
                &header.name,
                format!("`{name}` is not a header name: letters, digits and !#$%&'*+-.^_`|~ only"),
            );
        }
        if matches!(lower.as_str(), "retry-after" | "content-type") {
            d.on(
                &header.name,
                format!("`{name}` is read as RFC 9110 defines it; it needs no entry"),
            );
        }
        if request_ids.contains(&lower) {
            d.on(
                &header.name,
                format!("`{name}` carries the request id already (a `request_id` header)"),
            );
        }
        if let Some(line) = seen.insert(lower, header.name.referenced.line()) {
            d.on(
                &header.name,
                format!("header `{name}` is listed twice (first at line {line})"),
            );
        }
        if header.means.value == HeaderMeaning::UserDeadline && header.value.is_none() {
            d.on(
                &header.means,
                format!(
                    "`{name}` means a user deadline only with some value: say which (`value: user`)"
                ),
            );
        }
    }
}

/// RFC 9110 §5.6.2's `tchar`.
fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}
