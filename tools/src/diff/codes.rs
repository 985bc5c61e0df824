//! Codes compared by id. A code that disappears while a new one takes its
//! wire spellings is a rename, reported once instead of as a removal and an
//! addition.

use std::collections::{HashMap, HashSet};

use super::change::{Changes, Place};
use super::{Rule, matching, retry, text};
use errors_catalogue::Catalogue;
use errors_catalogue::ident::upper_camel;
use errors_catalogue::model::Code;

/// How the code ids of the old catalogue map onto the new one, for the
/// sections that refer to codes.
#[derive(Debug, Default)]
pub(crate) struct CodeIds<'a> {
    /// Old id → new id, for renamed codes.
    pub(crate) renamed: HashMap<&'a str, &'a str>,
    /// Old ids with no counterpart.
    pub(crate) removed: HashSet<&'a str>,
    /// New ids with no counterpart.
    pub(crate) added: HashSet<&'a str>,
}

impl<'a> CodeIds<'a> {
    /// The id an old code has in the new catalogue (itself unless renamed).
    pub(crate) fn now(&self, old: &'a str) -> &'a str {
        self.renamed.get(old).copied().unwrap_or(old)
    }
}

/// What survives a rename of a code: the wire spellings, or, for a code
/// that has none, its status and category.
#[derive(PartialEq, Eq, Hash)]
enum Signature {
    Wire(Vec<(String, &'static str, String)>),
    Bare(u16, String),
}

fn signature(code: &Code) -> Signature {
    let mut spellings: Vec<_> = code
        .spellings()
        .map(|s| {
            (
                s.source.value.clone(),
                s.kind.as_str(),
                s.text.value.clone(),
            )
        })
        .collect();
    if spellings.is_empty() {
        return Signature::Bare(code.status.value, code.category.value.clone());
    }
    spellings.sort_unstable();
    Signature::Wire(spellings)
}

pub(crate) fn compare<'a>(
    out: &mut Changes,
    old: &'a Catalogue,
    new: &'a Catalogue,
) -> CodeIds<'a> {
    let m = matching::by_id(
        (old.codes(), new.codes()),
        |c, code| c.code(&code.id.value),
        |c| Some(signature(c)),
    );
    let mut ids = CodeIds::default();
    for (o, n) in &m.kept {
        fields(out, o, n);
    }
    for (o, n) in &m.renamed {
        ids.renamed.insert(&o.id.value, &n.id.value);
        let (before, after) = (upper_camel(&o.id.value), upper_camel(&n.id.value));
        out.add(
            Rule::CodeRenamed,
            format!("codes.{}", n.id.value),
            Place::new(n.id.referenced),
            format!(
                "`{old}` is renamed `{new}` (`Code::{before}` becomes `Code::{after}`): every `match` naming the old variant stops compiling, and services send the id `{new}` instead of `{old}`; keep `{old}` with `deprecated:` (as rustc retires error codes) and add `{new}` beside it",
                old = o.id.value,
                new = n.id.value,
            ),
            (Some(o.id.value.clone()), Some(n.id.value.clone())),
        );
        fields(out, o, n);
    }
    for o in &m.removed {
        ids.removed.insert(&o.id.value);
        let spellings: Vec<_> = o
            .spellings()
            .map(|s| format!("`{}`", s.text.value))
            .collect();
        let classify = if spellings.is_empty() {
            String::new()
        } else {
            format!(
                ", and responses spelled {} no longer classify",
                spellings.join(", ")
            )
        };
        out.add(
            Rule::CodeRemoved,
            format!("codes.{}", o.id.value),
            Place::old(o.id.referenced),
            format!(
                "`Code::{}` disappears: every `match` naming it stops compiling{classify}; keep the entry and mark it `deprecated:` instead (as rustc retires error codes)",
                upper_camel(&o.id.value)
            ),
            (Some(o.id.value.clone()), None),
        );
    }
    for n in &m.added {
        ids.added.insert(&n.id.value);
        out.add(
            Rule::CodeAdded,
            format!("codes.{}", n.id.value),
            Place::new(n.id.referenced),
            format!(
                "`Code::{}` is new; the generated enums are `#[non_exhaustive]`, so a dependent's `match` keeps compiling and its wildcard arm answers for it",
                upper_camel(&n.id.value)
            ),
            (None, Some(n.id.value.clone())),
        );
    }
    ids
}

/// The fields of one code present on both sides (its wire spellings are
/// compared across all codes, in [`wire`]).
fn fields(out: &mut Changes, old: &Code, new: &Code) {
    let entry = format!("codes.{}", new.id.value);
    let at = new.id.referenced;
    if old.status.value != new.status.value {
        out.add(
            Rule::CodeStatusChanged,
            &entry,
            Place::new(new.status.referenced),
            format!(
                "services now send `{}` with HTTP {} instead of {}; clients that decide by status alone treat it differently",
                new.id.value, new.status.value, old.status.value
            ),
            (
                Some(old.status.value.to_string()),
                Some(new.status.value.to_string()),
            ),
        );
    }
    if old.category.value != new.category.value {
        out.add(
            Rule::CodeCategoryChanged,
            &entry,
            Place::new(new.category.referenced),
            format!(
                "`{}` now belongs to category `{}` instead of `{}`: dashboards, alerts and fault attribution by category change",
                new.id.value, new.category.value, old.category.value
            ),
            (Some(old.category.value.clone()), Some(new.category.value.clone())),
        );
    }
    retry::compare(out, &entry, (Some(&old.retry), Some(&new.retry)), at);
    if old.user_message.value != new.user_message.value {
        out.add(
            Rule::UserMessageReworded,
            &entry,
            Place::new(new.user_message.referenced),
            format!(
                "end users see another text for `{}`; check translations and screenshots",
                new.id.value
            ),
            (
                Some(old.user_message.value.clone()),
                Some(new.user_message.value.clone()),
            ),
        );
    }
    text::reworded(out, &entry, "meaning", (&old.meaning, &new.meaning), at);
    text::reworded_list(out, &entry, "causes", (&old.causes, &new.causes), at);
    text::reworded_list(out, &entry, "remedies", (&old.remedies, &new.remedies), at);
    match (&old.deprecated, &new.deprecated) {
        (None, Some(note)) => out.add(
            Rule::CodeDeprecated,
            &entry,
            Place::new(at),
            format!(
                "`{}` is deprecated: `Code::{}` stays and old responses still classify, but services should stop sending it",
                new.id.value,
                upper_camel(&new.id.value)
            ),
            (None, Some(note.clone())),
        ),
        (Some(note), None) => out.add(
            Rule::DeprecationWithdrawn,
            &entry,
            Place::new(at),
            format!("`{}` is no longer deprecated", new.id.value),
            (Some(note.clone()), None),
        ),
        (Some(before), Some(after)) => {
            text::reworded(out, &entry, "deprecated", (before, after), at);
        }
        (None, None) => {}
    }
    text::assumed(out, &entry, (&old.assumed, &new.assumed));
}
