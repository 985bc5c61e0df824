//! Changes in words and marks: explanations reworded, `assumed` marks,
//! the documents something is traced to. All of them are info.

use errors_catalogue::{Location, Spanned};

use super::Rule;
use super::change::{Changes, Place};

/// Reports `field` of `entry` when its text changed.
pub(crate) fn reworded(
    out: &mut Changes,
    entry: &str,
    field: &str,
    (old, new): (&str, &str),
    at: Location,
) {
    if old != new {
        out.add(
            Rule::TextReworded,
            entry,
            Place::new(at),
            format!("`{field}` of `{entry}` was reworded; nothing a program relies on changes"),
            (Some(old.to_string()), Some(new.to_string())),
        );
    }
}

/// As [`reworded`], for a list of sentences (causes, remedies).
pub(crate) fn reworded_list(
    out: &mut Changes,
    entry: &str,
    field: &str,
    (old, new): (&[String], &[String]),
    at: Location,
) {
    if old != new {
        reworded(out, entry, field, (&old.join("; "), &new.join("; ")), at);
    }
}

/// Reports each field that gained or lost its `assumed` mark.
pub(crate) fn assumed(
    out: &mut Changes,
    entry: &str,
    (old, new): (&[Spanned<String>], &[Spanned<String>]),
) {
    for field in new {
        if !old.iter().any(|o| o.value == field.value) {
            out.add(
                Rule::AssumedAdded,
                entry,
                Place::new(field.referenced),
                format!(
                    "`{}` of `{entry}` is now marked `assumed`: our choice, not the documents'",
                    field.value
                ),
                (None, Some(field.value.clone())),
            );
        }
    }
    for field in old {
        if !new.iter().any(|n| n.value == field.value) {
            out.add(
                Rule::AssumedRemoved,
                entry,
                Place::old(field.referenced),
                format!(
                    "`{}` of `{entry}` is no longer marked `assumed`: the documents are taken to state it",
                    field.value
                ),
                (Some(field.value.clone()), None),
            );
        }
    }
}

/// As [`assumed`], for the one flag of a body shape.
pub(crate) fn assumed_flag(
    out: &mut Changes,
    entry: &str,
    what: &str,
    (old, new): (bool, bool),
    at: Location,
) {
    match (old, new) {
        (false, true) => out.add(
            Rule::AssumedAdded,
            entry,
            Place::new(at),
            format!("{what} of `{entry}` is now marked `assumed`: the documents do not show it"),
            (Some("false".into()), Some("true".into())),
        ),
        (true, false) => out.add(
            Rule::AssumedRemoved,
            entry,
            Place::new(at),
            format!("{what} of `{entry}` is no longer marked `assumed`: the documents show it"),
            (Some("true".into()), Some("false".into())),
        ),
        _ => {}
    }
}

/// Reports a changed list of document ids an entry is traced to.
pub(crate) fn trace(out: &mut Changes, entry: &str, (old, new): (&[&str], &[&str]), at: Location) {
    if old != new {
        out.add(
            Rule::TraceChanged,
            entry,
            Place::new(at),
            format!("`{entry}` is traced to other documents"),
            (Some(old.join(", ")), Some(new.join(", "))),
        );
    }
}
