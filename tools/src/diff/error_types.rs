//! Task `error_type`s compared. Their id is the wire spelling, so a rename
//! (same source, same code) breaks parsing as well as matching.

use super::change::{Changes, Place};
use super::codes::CodeIds;
use super::section::{self, ERROR_TYPES};
use super::{Rule, matching, retry, text};
use errors_catalogue::Catalogue;
use errors_catalogue::model::ErrorType;

pub(crate) fn compare(out: &mut Changes, old: &Catalogue, new: &Catalogue, codes: &CodeIds<'_>) {
    let m = matching::by_id(
        (old.error_types(), new.error_types()),
        |c, e| c.error_type(&e.id.value),
        |e| Some((e.source.value.clone(), e.code.value.clone())),
    );
    ERROR_TYPES.report(out, &m, |e| &e.id, |out, o, n| fields(out, o, n, codes));
}

fn fields(out: &mut Changes, old: &ErrorType, new: &ErrorType, codes: &CodeIds<'_>) {
    let entry = ERROR_TYPES.entry(&new.id.value);
    let at = new.id.referenced;
    section::source_changed(
        out,
        &entry,
        (&old.source.value, &new.source.value),
        new.source.referenced,
    );
    // A code renamed in the same edit is still the same code.
    if codes.now(&old.code.value) != new.code.value {
        out.add(
            Rule::ErrorTypeCodeChanged,
            &entry,
            Place::new(new.code.referenced),
            format!(
                "tasks failing with `{}` now classify as `{}` instead of `{}`: its status, retry rule and user message change with it",
                new.id.value, new.code.value, old.code.value
            ),
            (Some(old.code.value.clone()), Some(new.code.value.clone())),
        );
    }
    text::reworded(out, &entry, "meaning", (&old.meaning, &new.meaning), at);
    retry::compare(out, &entry, (Some(&old.retry), Some(&new.retry)), at);
    text::reworded_list(out, &entry, "remedies", (&old.remedies, &new.remedies), at);
    text::assumed(out, &entry, (&old.assumed, &new.assumed));
}
