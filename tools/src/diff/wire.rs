//! Wire spellings compared across all codes at once, so a spelling that
//! moves from one code to another is one change, not a removal and an
//! addition.

use super::Rule;
use super::change::{Changes, Place};
use super::codes::CodeIds;
use errors_catalogue::{Catalogue, CodeRef, WireSpelling};

/// Every spelling of a catalogue, code by code, in file order.
fn all(catalogue: &Catalogue) -> impl Iterator<Item = WireSpelling<'_>> {
    catalogue.codes().iter().flat_map(CodeRef::spellings)
}

/// The spelling of `catalogue` that is `s` of the other catalogue: the
/// same text, sent by the source of the same id, as the same kind.
fn same<'a>(catalogue: &'a Catalogue, s: &WireSpelling<'_>) -> Option<WireSpelling<'a>> {
    catalogue
        .spelling(s.source.id(), &s.text.value)
        .filter(|n| n.kind == s.kind)
}

/// "responses from `queue` with code `RATE_LIMIT_EXCEEDED`"
fn responses(s: &WireSpelling<'_>) -> String {
    format!(
        "responses from `{}` with {} `{}`",
        s.source.id(),
        s.kind.as_str(),
        s.text.value
    )
}

pub(crate) fn compare(out: &mut Changes, old: &Catalogue, new: &Catalogue, ids: &CodeIds<'_>) {
    let mut gone = Vec::new();
    for s in all(old) {
        let owner = s.code.id();
        match same(new, &s) {
            Some(n) if n.code.id() == ids.now(owner) => {}
            Some(n) => {
                let now = n.code.id();
                out.add(
                    Rule::WireSpellingMoved,
                    format!("codes.{now}"),
                    Place::new(n.text.referenced),
                    format!(
                        "{} now classify as `{now}` instead of `{owner}`",
                        responses(&s)
                    ),
                    (Some(owner.to_string()), Some(now.to_string())),
                );
            }
            None if ids.removed.contains(owner) => {} // said by CODE_REMOVED
            None => gone.push((ids.now(owner), s)),
        }
    }
    let mut fresh: Vec<WireSpelling<'_>> = all(new)
        .filter(|n| same(old, n).is_none() && !ids.added.contains(n.code.id()))
        .collect();

    for (owner, s) in gone {
        let entry = format!("codes.{owner}");
        let respelled = fresh.iter().position(|n| {
            n.code.id() == owner && n.source.id() == s.source.id() && n.kind == s.kind
        });
        if let Some(i) = respelled {
            let n = fresh.remove(i);
            out.add(
                Rule::WireSpellingChanged,
                entry,
                Place::new(n.text.referenced),
                format!(
                    "`{}` now sends {} `{}` for `{owner}` instead of `{}`: clients that do not know the new spelling stop recognising it, and old responses spelled the old way no longer classify",
                    s.source.id(),
                    s.kind.as_str(),
                    n.text.value,
                    s.text.value
                ),
                (Some(s.text.value.clone()), Some(n.text.value.clone())),
            );
        } else {
            out.add(
                Rule::WireSpellingRemoved,
                entry,
                Place::old(s.text.referenced),
                format!(
                    "{} no longer classify as `{owner}` (or at all)",
                    responses(&s)
                ),
                (Some(s.text.value.clone()), None),
            );
        }
    }
    for n in fresh {
        let owner = n.code.id();
        out.add(
            Rule::WireSpellingAdded,
            format!("codes.{owner}"),
            Place::new(n.text.referenced),
            format!("{} now classify as `{owner}`", responses(&n)),
            (None, Some(n.text.value.clone())),
        );
    }
}
