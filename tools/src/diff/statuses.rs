//! Statuses compared by number. Their variants are named by the reason
//! phrase, so a reworded phrase can rename a variant.

use super::change::{Changes, Place};
use super::section::STATUSES;
use super::{Rule, matching, retry, text};
use errors_catalogue::Catalogue;
use errors_catalogue::Spanned;
use errors_catalogue::ident::upper_camel;
use errors_catalogue::model::{Retry, Status};

pub(crate) fn compare(out: &mut Changes, old: &Catalogue, new: &Catalogue) {
    let m = matching::by_id(
        (old.statuses(), new.statuses()),
        |c, s| c.status(s.status.value),
        |_| None::<()>,
    );
    for (o, n) in &m.kept {
        fields(out, o, n);
    }
    for o in &m.removed {
        let id = o.status.value.to_string();
        STATUSES.removed(out, &id, &o.reason.value, o.status.referenced);
    }
    for n in &m.added {
        let id = n.status.value.to_string();
        STATUSES.added(out, &id, &n.reason.value, n.status.referenced);
    }
}

fn fields(out: &mut Changes, old: &Status, new: &Status) {
    let id = new.status.value.to_string();
    let entry = STATUSES.entry(&id);
    let at = new.status.referenced;
    let (before, after) = (
        upper_camel(&old.reason.value),
        upper_camel(&new.reason.value),
    );
    if before == after {
        text::reworded(
            out,
            &entry,
            "reason",
            (&old.reason.value, &new.reason.value),
            new.reason.referenced,
        );
    } else {
        out.add(
            Rule::StatusRenamed,
            &entry,
            Place::new(new.reason.referenced),
            format!(
                "the reason phrase of {id} changed, so `Status::{before}` becomes `Status::{after}`: every `match` naming the old variant stops compiling"
            ),
            (Some(old.reason.value.clone()), Some(new.reason.value.clone())),
        );
    }
    text::reworded(out, &entry, "meaning", (&old.meaning, &new.meaning), at);
    retry::compare(out, &entry, (old.retry.as_ref(), new.retry.as_ref()), at);
    source_rules(out, &entry, old, new);
    facts(out, &entry, old, new);
    for view in &old.views {
        let source = view.source.value.as_str();
        match new.view(source) {
            None => out.add(
                Rule::StatusViewsChanged,
                &entry,
                Place::old(view.source.referenced),
                format!("the catalogue no longer says what `{source}`'s documents say about {id}"),
                (Some(source.to_string()), None),
            ),
            Some(now) => {
                let at = now.source.referenced;
                let field = |name: &str| format!("views.{source}.{name}");
                text::reworded(out, &entry, &field("label"), (&view.label, &now.label), at);
                text::reworded(
                    out,
                    &entry,
                    &field("summary"),
                    (&view.summary, &now.summary),
                    at,
                );
                text::reworded_list(
                    out,
                    &entry,
                    &field("causes"),
                    (&view.causes, &now.causes),
                    at,
                );
                text::reworded_list(
                    out,
                    &entry,
                    &field("remedies"),
                    (&view.remedies, &now.remedies),
                    at,
                );
            }
        }
    }
    for view in &new.views {
        let source = view.source.value.as_str();
        if old.view(source).is_none() {
            out.add(
                Rule::StatusViewsChanged,
                &entry,
                Place::new(view.source.referenced),
                format!("the catalogue now says what `{source}`'s documents say about {id}"),
                (None, Some(source.to_string())),
            );
        }
    }
    text::assumed(out, &entry, (&old.assumed, &new.assumed));
}

/// The rule each source's responses get, where a view of either catalogue
/// gives the source a rule of its own (the status's rule is compared
/// above): what a client does with that source's responses.
fn source_rules(out: &mut Changes, entry: &str, old: &Status, new: &Status) {
    fn own<'s>(s: &'s Status, source: &str) -> Option<&'s Spanned<Retry>> {
        s.view(source).and_then(|v| v.retry.as_ref())
    }
    let mut sources: Vec<&str> = Vec::new();
    for view in old.views.iter().chain(&new.views) {
        let source = view.source.value.as_str();
        let has_own = own(old, source).is_some() || own(new, source).is_some();
        if has_own && !sources.contains(&source) {
            sources.push(source);
        }
    }
    for source in sources {
        let effective = |s: &Status| own(s, source).or(s.retry.as_ref()).cloned();
        let at = new
            .view(source)
            .map_or(new.status.referenced, |v| v.source.referenced);
        retry::compare(
            out,
            &format!("{entry} from {source}"),
            (effective(old).as_ref(), effective(new).as_ref()),
            at,
        );
    }
}

/// What the runtime reads of a status when a response carries no code: its
/// user message, its category (the reason a client stops) and its marks.
fn facts(out: &mut Changes, entry: &str, old: &Status, new: &Status) {
    let id = new.status.value;
    let value = |s: &Option<errors_catalogue::Spanned<String>>| s.as_ref().map(|v| v.value.clone());
    let at = |s: &Option<errors_catalogue::Spanned<String>>| {
        s.as_ref().map_or(new.status.referenced, |v| v.referenced)
    };
    if value(&old.user_message) != value(&new.user_message) {
        out.add(
            Rule::UserMessageReworded,
            entry,
            Place::new(at(&new.user_message)),
            format!("end users see another text for a {id} without a catalogued code; check translations and screenshots"),
            (value(&old.user_message), value(&new.user_message)),
        );
    }
    if value(&old.category) != value(&new.category) {
        out.add(
            Rule::StatusCategoryChanged,
            entry,
            Place::new(at(&new.category)),
            format!("a {id} without a catalogued code now counts as another category: `Status::category()`, its fault and the reason a client stops change"),
            (value(&old.category), value(&new.category)),
        );
    }
    for (name, before, after) in [
        ("timeout", old.timeout, new.timeout),
        ("edge_proxy", old.edge_proxy, new.edge_proxy),
    ] {
        if before != after {
            out.add(
                Rule::StatusFlagChanged,
                entry,
                Place::new(new.status.referenced),
                format!("`{name}` of {id} changed: clients weigh its retries, or tell a proxy's answer from the API's, differently"),
                (Some(before.to_string()), Some(after.to_string())),
            );
        }
    }
}
