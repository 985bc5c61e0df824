//! Wire spellings compared across all codes at once, so a spelling that
//! moves from one code to another is one change, not a removal and an
//! addition.

use std::collections::HashMap;

use serde_saphyr::Location;

use super::Rule;
use super::change::{Changes, Place};
use super::codes::CodeIds;
use crate::model::{Catalogue, Code};

/// Which part of a wire entry a spelling is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Field {
    /// The machine-readable code (`RATE_LIMIT_EXCEEDED`).
    Code,
    /// The fixed message (`Workflow is locked`).
    Message,
}

impl Field {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Field::Code => "code",
            Field::Message => "message",
        }
    }
}

/// One string a source sends for a code.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Spelling<'a> {
    pub(crate) source: &'a str,
    pub(crate) field: Field,
    pub(crate) text: &'a str,
    pub(crate) at: Location,
}

/// Every spelling of `code`, in file order.
pub(crate) fn spellings_of(code: &Code) -> impl Iterator<Item = Spelling<'_>> {
    code.wire.iter().flat_map(|w| {
        let source = w.source.value.as_str();
        let code = w.code.as_ref().map(|c| Spelling {
            source,
            field: Field::Code,
            text: &c.value,
            at: c.referenced,
        });
        let message = w.message.as_ref().map(|m| Spelling {
            source,
            field: Field::Message,
            text: &m.value,
            at: m.referenced,
        });
        code.into_iter().chain(message)
    })
}

type Key<'a> = (&'a str, Field, &'a str);

/// Every spelling of a catalogue with the code it belongs to, in file order.
fn all(catalogue: &Catalogue) -> Vec<(&str, Spelling<'_>)> {
    catalogue
        .codes
        .iter()
        .flat_map(|c| spellings_of(c).map(move |s| (c.id.value.as_str(), s)))
        .collect()
}

fn key<'a>(s: &Spelling<'a>) -> Key<'a> {
    (s.source, s.field, s.text)
}

pub(crate) fn compare(out: &mut Changes, old: &Catalogue, new: &Catalogue, ids: &CodeIds<'_>) {
    let old_all = all(old);
    let new_all = all(new);
    let old_by: HashMap<Key<'_>, &str> = old_all.iter().map(|(o, s)| (key(s), *o)).collect();
    let new_by: HashMap<Key<'_>, &str> = new_all.iter().map(|(o, s)| (key(s), *o)).collect();

    let mut gone = Vec::new();
    for (owner, s) in &old_all {
        match new_by.get(&key(s)) {
            Some(now) if *now == ids.now(owner) => {}
            Some(now) => out.add(
                Rule::WireSpellingMoved,
                format!("codes.{now}"),
                Place::new(
                    new_all
                        .iter()
                        .find(|(_, n)| key(n) == key(s))
                        .map_or(Location::UNKNOWN, |(_, n)| n.at),
                ),
                format!(
                    "responses from `{}` with {} `{}` now classify as `{now}` instead of `{owner}`",
                    s.source,
                    s.field.as_str(),
                    s.text
                ),
                (Some((*owner).to_string()), Some((*now).to_string())),
            ),
            None if ids.removed.contains(owner) => {} // said by CODE_REMOVED
            None => gone.push((ids.now(owner), *s)),
        }
    }
    let mut fresh: Vec<(&str, Spelling<'_>)> = new_all
        .iter()
        .filter(|(owner, s)| !old_by.contains_key(&key(s)) && !ids.added.contains(owner))
        .copied()
        .collect();

    for (owner, s) in gone {
        let entry = format!("codes.{owner}");
        let respelled = fresh
            .iter()
            .position(|(o, n)| *o == owner && n.source == s.source && n.field == s.field);
        if let Some(i) = respelled {
            let (_, n) = fresh.remove(i);
            out.add(
                Rule::WireSpellingChanged,
                entry,
                Place::new(n.at),
                format!(
                    "`{}` now sends {} `{}` for `{owner}` instead of `{}`: clients that do not know the new spelling stop recognising it, and old responses spelled the old way no longer classify",
                    s.source,
                    s.field.as_str(),
                    n.text,
                    s.text
                ),
                (Some(s.text.to_string()), Some(n.text.to_string())),
            );
        } else {
            out.add(
                Rule::WireSpellingRemoved,
                entry,
                Place::old(s.at),
                format!(
                    "responses from `{}` with {} `{}` no longer classify as `{owner}` (or at all)",
                    s.source,
                    s.field.as_str(),
                    s.text
                ),
                (Some(s.text.to_string()), None),
            );
        }
    }
    for (owner, n) in fresh {
        out.add(
            Rule::WireSpellingAdded,
            format!("codes.{owner}"),
            Place::new(n.at),
            format!(
                "responses from `{}` with {} `{}` now classify as `{owner}`",
                n.source,
                n.field.as_str(),
                n.text
            ),
            (None, Some(n.text.to_string())),
        );
    }
}
