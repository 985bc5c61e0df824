//! Limits compared: a figure clients may pace themselves by.

use super::change::{Changes, Place};
use super::section::{self, LIMITS, snake};
use super::{Rule, matching, text};
use errors_catalogue::Catalogue;
use errors_catalogue::model::Limit;

pub(crate) fn compare(out: &mut Changes, old: &Catalogue, new: &Catalogue) {
    let m = matching::by_id(
        (old.limits(), new.limits()),
        |c, l| c.limit(&l.id.value),
        |l| Some((l.source.value.clone(), l.value, l.unit)),
    );
    LIMITS.report(out, &m, |e| &e.id, fields);
}

fn figure(limit: &Limit) -> String {
    format!("{} {}", limit.value, snake(&format!("{:?}", limit.unit)))
}

fn fields(out: &mut Changes, old: &Limit, new: &Limit) {
    let entry = LIMITS.entry(&new.id.value);
    let at = new.id.referenced;
    section::source_changed(
        out,
        &entry,
        (&old.source.value, &new.source.value),
        new.source.referenced,
    );
    if old.value != new.value || old.unit != new.unit {
        out.add(
            Rule::LimitValueChanged,
            &entry,
            Place::new(at),
            format!(
                "`{}` is now {} instead of {}; clients that pace or size requests by it must follow",
                new.id.value,
                figure(new),
                figure(old)
            ),
            (Some(figure(old)), Some(figure(new))),
        );
    }
    text::reworded(out, &entry, "scope", (&old.scope, &new.scope), at);
    text::reworded(out, &entry, "meaning", (&old.meaning, &new.meaning), at);
}
