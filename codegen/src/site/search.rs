//! The search index the page embeds: one record per entry, written as a
//! JavaScript literal so the page needs no request to load it (`file://`
//! forbids them).

use serde::Serialize;

use super::Reference;
use crate::explain::find::fixed_text;

/// One entry as the search sees it.
#[derive(Serialize)]
struct Record<'a> {
    /// Anchor.
    a: &'a str,
    /// Kind, in words.
    k: &'static str,
    /// Title.
    t: &'a str,
    /// What it means, shown under the title in the results.
    d: &'a str,
    /// Names: what a person pastes or types (number, ids, wire codes,
    /// messages without their variable parts, labels, request fields).
    n: Vec<String>,
    /// Prose: meaning, causes, remedies, user message.
    w: String,
    /// For a status class: the statuses it holds, so an uncatalogued
    /// number finds its class.
    #[serde(skip_serializing_if = "Option::is_none")]
    r: Option<(u16, u16)>,
}

/// `const INDEX = [...];`, safe to put inside a `<script>` element.
pub(super) fn script(reference: &Reference) -> String {
    let records: Vec<Record<'_>> = reference
        .groups
        .iter()
        .flat_map(|g| g.items.iter())
        .map(|item| {
            let e = &item.explanation;
            let mut names = vec![e.id.clone(), item.title.clone()];
            if let Some(s) = &e.status
                && e.kind == crate::EntryKind::Status
            {
                names.push(s.reason.clone());
            }
            for s in &e.sources {
                names.extend(s.code.iter().cloned());
                names.extend(s.message.iter().map(|m| fixed_text(m)));
            }
            names.extend(e.request_fields.iter().map(|f| f.name.clone()));
            let mut words = vec![e.meaning.clone()];
            words.extend(e.status.iter().map(|s| s.code.to_string()));
            words.extend(e.category.iter().cloned());
            words.extend(e.causes.iter().cloned());
            words.extend(e.remedies.iter().cloned());
            words.extend(e.user_message.iter().cloned());
            words.extend(e.views.iter().map(|v| v.summary.clone()));
            words.extend(e.facts.iter().map(|f| f.value.clone()));
            let range = (e.kind == crate::EntryKind::StatusClass)
                .then(|| crate::StatusClass::named(&e.id))
                .flatten()
                .map(|c| c.range);
            Record {
                a: &e.anchor,
                k: e.kind.label(),
                t: &item.title,
                d: &e.meaning,
                n: names,
                w: words.join(" "),
                r: range,
            }
        })
        .collect();
    // serde_json escapes quotes and control characters; `<`, `>` and `&`
    // are escaped too so no string can close the script element or open a
    // comment. JSON only has them inside strings, where `\u003c` means `<`.
    let json = serde_json::to_string(&records)
        .unwrap_or_else(|_| "[]".to_string())
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029");
    format!("const INDEX = {json};")
}
