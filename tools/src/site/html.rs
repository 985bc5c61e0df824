//! The reference as one HTML page. Every catalogue string goes through
//! [`esc`]; the styles, the script and the search index are inline, and
//! the Content-Security-Policy forbids fetching anything at all.

use std::fmt::Write as _;

use super::{Group, Item, Reference, source_anchor};
use crate::explain::Explanation;
use errors_catalogue::EntryKind;

const CSS: &str = include_str!("site.css");
/// The search's rules (the same as `explain`'s), then the page's behaviour.
const SEARCH_JS: &str = include_str!("search.js");
const JS: &str = include_str!("site.js");

/// `&`, `<`, `>`, `"` and `'` as entities: safe in text and in attributes.
pub(super) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Catalogue prose with `backticked` words as code, the rest escaped.
fn prose(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 1 {
            let _ = write!(out, "<code>{}</code>", esc(part));
        } else {
            out.push_str(&esc(part));
        }
    }
    out
}

pub(super) fn page(r: &Reference) -> String {
    let mut out = String::with_capacity(256 * 1024);
    out.push_str(concat!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ",
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n",
        "<title>Error reference</title>\n<style>\n"
    ));
    out.push_str(CSS);
    out.push_str("</style>\n</head>\n<body>\n");
    out.push_str(concat!(
        "<a class=\"skip\" href=\"#main\">Skip to the reference</a>\n",
        "<header class=\"top\" role=\"banner\">\n<div class=\"bar\">\n",
        "<a class=\"brand\" href=\"#top\">Error reference</a>\n",
        "<div class=\"search\" role=\"search\">\n",
        "<label class=\"visually-hidden\" for=\"q\">Search the reference</label>\n",
        "<input id=\"q\" type=\"search\" autocomplete=\"off\" spellcheck=\"false\" ",
        "placeholder=\"Search: 429, RATE_LIMIT_EXCEEDED, App not found…\" ",
        "aria-describedby=\"search-help\" aria-controls=\"results\">\n",
        "<kbd class=\"hint\" aria-hidden=\"true\">/</kbd>\n",
        "<ul id=\"results\" class=\"results\" hidden></ul>\n",
        "</div>\n</div>\n",
        "<p id=\"search-help\" class=\"visually-hidden\">Results appear as you type; ",
        "press the down arrow to move to them and Enter to open one.</p>\n",
        "<p id=\"status\" class=\"visually-hidden\" role=\"status\" aria-live=\"polite\"></p>\n",
        "</header>\n"
    ));
    out.push_str("<div class=\"layout\" id=\"top\">\n");
    contents(&mut out, r);
    out.push_str("<main id=\"main\" tabindex=\"-1\">\n");
    intro(&mut out, r);
    for group in &r.groups {
        group_section(&mut out, r, group);
    }
    out.push_str("</main>\n</div>\n<script>\n");
    out.push_str(&r.search_index);
    out.push('\n');
    out.push_str(SEARCH_JS);
    out.push('\n');
    out.push_str(JS);
    out.push_str("</script>\n</body>\n</html>\n");
    out
}

fn contents(out: &mut String, r: &Reference) {
    out.push_str("<nav class=\"toc\" aria-label=\"Contents\">\n<details open>\n<summary>Contents</summary>\n");
    for group in &r.groups {
        let _ = writeln!(
            out,
            "<h2><a href=\"#{}\">{}</a> <span class=\"count\">{}</span></h2>\n<ul>",
            group.id,
            esc(group.title),
            group.items.len()
        );
        for item in &group.items {
            let _ = writeln!(
                out,
                "<li><a href=\"#{}\">{}</a></li>",
                esc(&item.explanation.anchor),
                esc(&item.title)
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</details>\n</nav>\n");
}

fn intro(out: &mut String, r: &Reference) {
    out.push_str("<section class=\"intro\">\n<h1>Error reference</h1>\n");
    out.push_str(concat!(
        "<p class=\"lede\">What each status, error code and task failure of these APIs means, ",
        "why it happens and what to do, written from the API documents. ",
        "Type a status number, an error code as sent, or the start of a message in the search box.</p>\n"
    ));
    let _ = writeln!(out, "<p class=\"meta\">{}.</p>", esc(&r.counts));
    out.push_str("<details class=\"docs\"><summary>Documents</summary><ul>\n");
    for (id, title) in &r.documents {
        let _ = writeln!(out, "<li><code>{}</code> {}</li>", esc(id), esc(title));
    }
    out.push_str(concat!(
        "</ul></details>\n",
        "<p class=\"legend\"><span class=\"assumed-tag\">catalogue's choice</span> ",
        "marks facts the documents leave out, which the catalogue chose.</p>\n",
        "</section>\n"
    ));
}

fn group_section(out: &mut String, r: &Reference, group: &Group) {
    let _ = writeln!(
        out,
        "<section class=\"group\" id=\"{}\" aria-labelledby=\"{}-h\">\n<h2 id=\"{}-h\">{}</h2>\n<p class=\"group-intro\">{}</p>",
        group.id,
        group.id,
        group.id,
        esc(group.title),
        esc(group.intro)
    );
    for item in &group.items {
        entry(out, r, item);
    }
    out.push_str("</section>\n");
}

fn entry(out: &mut String, r: &Reference, item: &Item) {
    let e = &item.explanation;
    let a = esc(&e.anchor);
    let _ = writeln!(
        out,
        "<article class=\"entry\" id=\"{a}\" aria-labelledby=\"{a}-h\">\n<header>\n<p class=\"kind\">{}</p>\n<h3 id=\"{a}-h\"><a class=\"self\" href=\"#{a}\">{}</a></h3>",
        esc(e.kind.label()),
        esc(&item.title)
    );
    badges(out, e);
    out.push_str("</header>\n");
    if let Some(deprecated) = &e.deprecated {
        let _ = writeln!(
            out,
            "<p class=\"deprecated\"><strong>Deprecated.</strong> {}</p>",
            prose(deprecated)
        );
    }
    let _ = writeln!(out, "<p class=\"meaning\">{}</p>", prose(&e.meaning));
    facts(out, e);
    if let Some(message) = &e.user_message {
        let _ = writeln!(
            out,
            "<div class=\"block user\"><h4>Tell the user</h4><blockquote>{}</blockquote></div>",
            esc(message)
        );
    }
    if let Some(retry) = &e.retry {
        let assumed = assumed_tag(e, "retry");
        let _ = writeln!(
            out,
            "<div class=\"block retry retry-{}\"><h4>Retry <code>{}</code>{assumed}</h4><p>{}</p></div>",
            esc(retry.rule),
            esc(retry.rule),
            prose(&retry.advice)
        );
    }
    if e.views.is_empty() {
        list(out, "Causes", &e.causes, assumed_tag(e, "causes"));
        list(out, "Remedies", &e.remedies, assumed_tag(e, "remedies"));
    } else {
        views(out, r, e);
    }
    spellings(out, r, e);
    request_fields(out, e);
    related(out, r, e);
    if !e.assumed.is_empty() {
        let fields: Vec<String> = e
            .assumed
            .iter()
            .map(|f| format!("<code>{}</code>", esc(f)))
            .collect();
        let _ = writeln!(
            out,
            "<p class=\"assumed\"><span class=\"assumed-tag\">catalogue's choice</span> The documents do not give {}; the catalogue chose these values.</p>",
            fields.join(", ")
        );
    }
    out.push_str("</article>\n");
}

/// A small tag after a heading when the catalogue chose that field.
fn assumed_tag(e: &Explanation, field: &str) -> &'static str {
    if e.assumed.iter().any(|f| f == field) {
        " <span class=\"assumed-tag\" title=\"The documents do not give this; the catalogue chose it.\">catalogue's choice</span>"
    } else {
        ""
    }
}

fn badges(out: &mut String, e: &Explanation) {
    let mut badges = Vec::new();
    if e.kind != EntryKind::Status
        && let Some(s) = &e.status
        && !s.reason.is_empty()
    {
        let status = errors_catalogue::anchor(EntryKind::Status, &s.code.to_string());
        badges.push(format!(
            "<a class=\"badge status\" href=\"#{}\">{} {}</a>{}",
            esc(&status),
            s.code,
            esc(&s.reason),
            assumed_tag(e, "status")
        ));
    }
    if let Some(category) = &e.category {
        badges.push(format!(
            "<span class=\"badge\">category <b>{}</b></span>",
            esc(category)
        ));
    }
    if e.deprecated.is_some() {
        badges.push("<span class=\"badge warn\">deprecated</span>".to_string());
    }
    if !badges.is_empty() {
        let _ = writeln!(out, "<p class=\"badges\">{}</p>", badges.join(" "));
    }
}

fn facts(out: &mut String, e: &Explanation) {
    if e.facts.is_empty() {
        return;
    }
    out.push_str("<dl class=\"facts\">\n");
    for fact in &e.facts {
        let _ = writeln!(
            out,
            "<dt>{}</dt><dd><code>{}</code></dd>",
            esc(&fact.label),
            esc(&fact.value)
        );
    }
    out.push_str("</dl>\n");
}

fn list(out: &mut String, heading: &str, items: &[String], tag: &str) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<div class=\"block\"><h4>{}{tag}</h4><ul>",
        esc(heading)
    );
    for item in items {
        let _ = writeln!(out, "<li>{}</li>", prose(item));
    }
    out.push_str("</ul></div>\n");
}

fn views(out: &mut String, r: &Reference, e: &Explanation) {
    out.push_str("<div class=\"block\"><h4>What each document says</h4>\n");
    for v in &e.views {
        let _ = writeln!(
            out,
            "<div class=\"view\"><h5><a href=\"#{}\">{}</a> calls it <q>{}</q></h5><p>{}</p>",
            esc(&source_anchor(&v.source)),
            esc(r.title_of(&source_anchor(&v.source))),
            esc(&v.label),
            prose(&v.summary)
        );
        for (heading, items) in [("Causes", &v.causes), ("Remedies", &v.remedies)] {
            if !items.is_empty() {
                let _ = writeln!(out, "<p class=\"sub\">{heading}</p><ul>");
                for item in items {
                    let _ = writeln!(out, "<li>{}</li>", prose(item));
                }
                out.push_str("</ul>\n");
            }
        }
        if let Some(retry) = &v.retry {
            let _ = writeln!(
                out,
                "<p class=\"sub\">Retry <code>{}</code>, for this source</p><p>{}</p>",
                esc(retry.rule),
                prose(&retry.advice)
            );
        }
        out.push_str("</div>\n");
    }
    out.push_str("</div>\n");
}

fn spellings(out: &mut String, r: &Reference, e: &Explanation) {
    let rows: Vec<_> = e
        .sources
        .iter()
        .filter(|s| s.code.is_some() || s.message.is_some())
        .filter(|_| e.kind != EntryKind::Status)
        .collect();
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<div class=\"block\"><h4>On the wire{}</h4><div class=\"scroll\"><table class=\"wire\"><thead><tr><th scope=\"col\">Source</th><th scope=\"col\">Code</th><th scope=\"col\">Message</th></tr></thead><tbody>",
        assumed_tag(e, "wire")
    );
    for s in rows {
        let cell = |v: &Option<String>| {
            v.as_ref().map_or_else(
                || "<span class=\"none\">—</span>".to_string(),
                |t| format!("<code>{}</code>", esc(t)),
            )
        };
        let _ = writeln!(
            out,
            "<tr><td><a href=\"#{}\">{}</a></td><td>{}</td><td>{}</td></tr>",
            esc(&source_anchor(&s.source)),
            esc(r.title_of(&source_anchor(&s.source))),
            cell(&s.code),
            cell(&s.message)
        );
    }
    out.push_str("</tbody></table></div></div>\n");
}

fn request_fields(out: &mut String, e: &Explanation) {
    if e.request_fields.is_empty() {
        return;
    }
    out.push_str("<div class=\"block\"><h4>Request fields it rejects</h4><ul>\n");
    for f in &e.request_fields {
        let tag = if f.assumed.iter().any(|a| a == "in") {
            " <span class=\"assumed-tag\" title=\"Where it is rejected is partly the catalogue's reading.\">catalogue's choice</span>"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "<li><code>{}</code> in {}{tag}</li>",
            esc(&f.name),
            esc(&f.places.join(", "))
        );
    }
    out.push_str("</ul></div>\n");
}

fn related(out: &mut String, r: &Reference, e: &Explanation) {
    if e.related.is_empty() {
        return;
    }
    out.push_str("<div class=\"block\"><h4>Related</h4><ul class=\"related\">\n");
    for rel in &e.related {
        let a = rel.anchor();
        let _ = writeln!(
            out,
            "<li><a href=\"#{}\"><span class=\"kind\">{}</span> {}</a></li>",
            esc(&a),
            esc(rel.kind.label()),
            esc(r.title_of(&a))
        );
    }
    out.push_str("</ul></div>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_the_catalogue_is_text() {
        assert_eq!(
            esc("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
        assert_eq!(prose("use `a<b>` now"), "use <code>a&lt;b&gt;</code> now");
    }
}
