//! The reference as one Markdown file: the same sections as the page, each
//! preceded by an HTML anchor with the same id, so `ERRORS.md#status-429`
//! links to the same entry as `index.html#status-429`.

use std::fmt::Write as _;

use super::{Reference, source_anchor};
use errors_catalogue::EntryKind;
use errors_catalogue::markdown::{code, prose};

pub(super) fn page(r: &Reference) -> String {
    let mut out = String::with_capacity(128 * 1024);
    out.push_str("# Error reference\n\n");
    out.push_str(
        "What each status, error code and task failure of these APIs means, why it happens and what to do, written from the API documents. Generated from the catalogue by `taxonomy docs --format markdown`; do not edit by hand.\n\n",
    );
    let _ = writeln!(out, "{}.\n", r.counts);
    out.push_str("Documents:\n\n");
    for (id, title) in &r.documents {
        let _ = writeln!(out, "- {} {}", code(id), prose(title));
    }
    out.push_str("\n*Catalogue's choice* marks facts the documents leave out, which the catalogue chose.\n\n## Contents\n\n");
    for group in &r.groups {
        let links: Vec<String> = group
            .items
            .iter()
            .map(|i| format!("[{}](#{})", link_text(&i.title), i.explanation.anchor))
            .collect();
        let _ = writeln!(
            out,
            "- [{}](#{}): {}",
            group.title,
            group.id,
            links.join(" · ")
        );
    }
    for group in &r.groups {
        let _ = write!(
            out,
            "\n<a id=\"{}\"></a>\n\n## {}\n\n{}\n",
            group.id,
            group.title,
            prose(group.intro)
        );
        for item in &group.items {
            entry(&mut out, r, &item.explanation, &item.title);
        }
    }
    out
}

/// Text inside `[...]`: brackets escaped.
fn link_text(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('[', "\\[")
        .replace(']', "\\]")
}

fn entry(out: &mut String, r: &Reference, e: &crate::Explanation, title: &str) {
    let _ = write!(
        out,
        "\n<a id=\"{}\"></a>\n\n### {}\n\n",
        e.anchor,
        prose(title)
    );
    let mut line = vec![format!("*{}*", e.kind.label())];
    if e.kind != EntryKind::Status
        && let Some(s) = &e.status
        && !s.reason.is_empty()
    {
        let status = errors_catalogue::anchor(EntryKind::Status, &s.code.to_string());
        line.push(format!("status [{} {}](#{status})", s.code, s.reason));
    }
    if let Some(category) = &e.category {
        line.push(format!("category {}", code(category)));
    }
    if e.deprecated.is_some() {
        line.push("**deprecated**".to_string());
    }
    let _ = writeln!(out, "{}\n", line.join(" · "));
    if let Some(deprecated) = &e.deprecated {
        let _ = writeln!(out, "**Deprecated.** {}\n", prose(deprecated));
    }
    let _ = writeln!(out, "{}\n", prose(&e.meaning));
    for fact in &e.facts {
        let _ = writeln!(out, "- {}: {}", fact.label, code(&fact.value));
    }
    if !e.facts.is_empty() {
        out.push('\n');
    }
    if let Some(message) = &e.user_message {
        let _ = writeln!(out, "**Tell the user:**\n\n> {}\n", prose(message));
    }
    if let Some(retry) = &e.retry {
        let _ = writeln!(
            out,
            "**Retry** ({}){}: {}\n",
            code(retry.rule),
            choice(e, "retry"),
            prose(&retry.advice)
        );
    }
    if e.views.is_empty() {
        list(out, "Causes", &e.causes, choice(e, "causes"));
        list(out, "Remedies", &e.remedies, choice(e, "remedies"));
    } else {
        out.push_str("**What each document says:**\n\n");
        for v in &e.views {
            let a = source_anchor(&v.source);
            let _ = writeln!(
                out,
                "- [{}](#{a}) calls it “{}”: {}",
                link_text(r.title_of(&a)),
                prose(&v.label),
                prose(&v.summary)
            );
            for cause in &v.causes {
                let _ = writeln!(out, "  - cause: {}", prose(cause));
            }
            for remedy in &v.remedies {
                let _ = writeln!(out, "  - remedy: {}", prose(remedy));
            }
            if let Some(retry) = &v.retry {
                let _ = writeln!(
                    out,
                    "  - retry, for this source ({}): {}",
                    code(retry.rule),
                    prose(&retry.advice)
                );
            }
        }
        out.push('\n');
    }
    if e.kind != EntryKind::Status {
        let rows: Vec<_> = e
            .sources
            .iter()
            .filter(|s| s.code.is_some() || s.message.is_some())
            .collect();
        if !rows.is_empty() {
            let _ = writeln!(
                out,
                "**On the wire**{}:\n\n| Source | Code | Message |\n|---|---|---|",
                choice(e, "wire")
            );
            for s in rows {
                let cell = |v: &Option<String>| {
                    v.as_ref()
                        .map_or_else(|| "—".to_string(), |t| code(t).replace('|', "\\|"))
                };
                let a = source_anchor(&s.source);
                let _ = writeln!(
                    out,
                    "| [{}](#{a}) | {} | {} |",
                    link_text(r.title_of(&a)),
                    cell(&s.code),
                    cell(&s.message)
                );
            }
            out.push('\n');
        }
    }
    if !e.request_fields.is_empty() {
        out.push_str("**Request fields it rejects:**\n\n");
        for f in &e.request_fields {
            let tag = if f.assumed.iter().any(|a| a == "in") {
                " (*catalogue's choice*: where it is rejected is partly our reading)"
            } else {
                ""
            };
            let _ = writeln!(out, "- {} in {}{tag}", code(&f.name), f.places.join(", "));
        }
        out.push('\n');
    }
    if !e.related.is_empty() {
        let links: Vec<String> = e
            .related
            .iter()
            .map(|rel| {
                let a = rel.anchor();
                format!("{} [{}](#{a})", rel.kind.label(), link_text(r.title_of(&a)))
            })
            .collect();
        let _ = writeln!(out, "**Related:** {}\n", links.join(" · "));
    }
    if !e.assumed.is_empty() {
        let fields: Vec<String> = e.assumed.iter().map(|f| code(f)).collect();
        let _ = writeln!(
            out,
            "*Catalogue's choice:* the documents do not give {}; the catalogue chose these values.\n",
            fields.join(", ")
        );
    }
}

fn choice(e: &crate::Explanation, field: &str) -> &'static str {
    if e.assumed.iter().any(|f| f == field) {
        " (*catalogue's choice*)"
    } else {
        ""
    }
}

fn list(out: &mut String, heading: &str, items: &[String], tag: &str) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "**{heading}**{tag}:\n");
    for item in items {
        let _ = writeln!(out, "- {}", prose(item));
    }
    out.push('\n');
}
