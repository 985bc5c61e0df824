//! What removing, renaming or adding an entry means, section by section:
//! every section becomes a generated enum, so the three messages share a
//! shape and differ only in what else depends on the entry.

use errors_catalogue::{Location, Spanned};

use super::Rule;
use super::change::{Changes, Place};
use super::matching::Matched;
use errors_catalogue::ident::upper_camel;

/// One section of the catalogue, as the diff reports on it.
pub(crate) struct Section {
    /// Key in the file (`error_types`), the prefix of each entry.
    pub(crate) key: &'static str,
    /// The generated enum (`ErrorType`).
    pub(crate) enum_name: &'static str,
    pub(crate) removed: Rule,
    /// `None` for sections whose ids are numbers (statuses).
    pub(crate) renamed: Option<Rule>,
    pub(crate) added: Rule,
    /// What else stops working when an entry goes, after the compile error.
    pub(crate) also_gone: &'static str,
}

pub(crate) const SOURCES: Section = Section {
    key: "sources",
    enum_name: "Source",
    removed: Rule::SourceRemoved,
    renamed: Some(Rule::SourceRenamed),
    added: Rule::SourceAdded,
    also_gone: "and its responses are no longer recognised as coming from it",
};

pub(crate) const CATEGORIES: Section = Section {
    key: "categories",
    enum_name: "Category",
    removed: Rule::CategoryRemoved,
    renamed: Some(Rule::CategoryRenamed),
    added: Rule::CategoryAdded,
    also_gone: "and dashboards or alerts grouped by it lose it",
};

pub(crate) const STATUSES: Section = Section {
    key: "statuses",
    enum_name: "Status",
    removed: Rule::StatusRemoved,
    renamed: None,
    added: Rule::StatusAdded,
    also_gone: "and responses with that status are no longer recognised as catalogued",
};

pub(crate) const ERROR_TYPES: Section = Section {
    key: "error_types",
    enum_name: "ErrorType",
    removed: Rule::ErrorTypeRemoved,
    renamed: Some(Rule::ErrorTypeRenamed),
    added: Rule::ErrorTypeAdded,
    also_gone: "and task bodies that report it no longer classify",
};

pub(crate) const TASK_STATUSES: Section = Section {
    key: "task_statuses",
    enum_name: "TaskStatus",
    removed: Rule::TaskStatusRemoved,
    renamed: Some(Rule::TaskStatusRenamed),
    added: Rule::TaskStatusAdded,
    also_gone: "and task bodies that report it no longer parse",
};

pub(crate) const LIMITS: Section = Section {
    key: "limits",
    enum_name: "Limit",
    removed: Rule::LimitRemoved,
    renamed: Some(Rule::LimitRenamed),
    added: Rule::LimitAdded,
    also_gone: "and clients that pace themselves by it lose the figure",
};

impl Section {
    /// Reports a section whose entries are named by their id: each kept or
    /// renamed pair's fields by `fields`, a rename, a removal and an
    /// addition by the section's own rules, in that order.
    pub(crate) fn report<T>(
        &self,
        out: &mut Changes,
        m: &Matched<'_, T>,
        id: impl Fn(&T) -> &Spanned<String>,
        mut fields: impl FnMut(&mut Changes, &T, &T),
    ) {
        for (o, n) in &m.kept {
            fields(out, o, n);
        }
        for (o, n) in &m.renamed {
            let new = id(n);
            self.renamed(out, &id(o).value, &new.value, new.referenced);
            fields(out, o, n);
        }
        for o in &m.removed {
            let old = id(o);
            self.removed(out, &old.value, &old.value, old.referenced);
        }
        for n in &m.added {
            let new = id(n);
            self.added(out, &new.value, &new.value, new.referenced);
        }
    }

    /// `sections.id`, the entry name of a change.
    pub(crate) fn entry(&self, id: &str) -> String {
        format!("{}.{id}", self.key)
    }

    /// `variant` is the generated variant's name (a status is named by its
    /// reason phrase, everything else by its id).
    pub(crate) fn removed(&self, out: &mut Changes, id: &str, variant: &str, at: Location) {
        out.add(
            self.removed,
            self.entry(id),
            Place::old(at),
            format!(
                "`{}::{}` disappears: every `match` naming it stops compiling, {}",
                self.enum_name,
                upper_camel(variant),
                self.also_gone
            ),
            (Some(id.to_string()), None),
        );
    }

    pub(crate) fn renamed(&self, out: &mut Changes, old: &str, new: &str, at: Location) {
        let Some(rule) = self.renamed else { return };
        out.add(
            rule,
            self.entry(new),
            Place::new(at),
            format!(
                "`{old}` is renamed `{new}`: `{}::{}` disappears, so every `match` naming it stops compiling, {}; add the new entry beside the old one instead",
                self.enum_name,
                upper_camel(old),
                self.also_gone
            ),
            (Some(old.to_string()), Some(new.to_string())),
        );
    }

    pub(crate) fn added(&self, out: &mut Changes, id: &str, variant: &str, at: Location) {
        out.add(
            self.added,
            self.entry(id),
            Place::new(at),
            format!(
                "`{}::{}` is new; the generated enums are `#[non_exhaustive]`, so a dependent's `match` keeps compiling and its wildcard arm answers for it",
                self.enum_name,
                upper_camel(variant),
            ),
            (None, Some(id.to_string())),
        );
    }
}

/// Reports that an entry is now attributed to another source.
pub(crate) fn source_changed(
    out: &mut Changes,
    entry: &str,
    (old, new): (&str, &str),
    at: Location,
) {
    if old != new {
        out.add(
            Rule::EntrySourceChanged,
            entry,
            Place::new(at),
            format!("`{entry}` is now attributed to source `{new}` instead of `{old}`"),
            (Some(old.to_string()), Some(new.to_string())),
        );
    }
}

/// `CodeAndMessage` → `code_and_message`, the spelling in the file.
pub(crate) fn snake(camel: &str) -> String {
    let mut out = String::with_capacity(camel.len() + 4);
    for (i, c) in camel.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}
