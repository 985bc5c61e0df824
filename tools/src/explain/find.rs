//! From a query to an entry.
//!
//! Passes, each tried only when the one before found nothing:
//! 1. a status number (one no document names goes to its class);
//! 2. an exact name, then the same ignoring case, in a fixed order of
//!    precedence (canonical code, error_type, task status, wire spelling,
//!    a message with its variable parts filled in, request field, source,
//!    limit, reason phrase), first found wins.
//!
//! What no name answers exactly is ranked by [`super::search`].
//!
//! Every pass is linear in the query's length: a query far longer than any
//! name can only fail, and fails fast.

use super::advice::StatusClass;
use errors_catalogue::EntryKind;
use errors_catalogue::pattern::{Pattern, Segment};
use errors_catalogue::{
    Catalogue, CodeRef, ErrorTypeRef, LimitRef, SourceRef, StatusRef, TaskStatusRef,
};
use errors_catalogue::{EntryId as Id, Ref, Section};

/// A catalogue entry, borrowed.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Entry<'a> {
    Status(StatusRef<'a>),
    Code(CodeRef<'a>),
    ErrorType(ErrorTypeRef<'a>),
    TaskStatus(TaskStatusRef<'a>),
    Source(SourceRef<'a>),
    Limit(LimitRef<'a>),
    /// A class, and the uncatalogued status that led to it (if any).
    Class(&'static StatusClass, Option<u16>),
}

impl Entry<'_> {
    pub(crate) fn kind(&self) -> EntryKind {
        match self {
            Entry::Status(_) => EntryKind::Status,
            Entry::Code(_) => EntryKind::Code,
            Entry::ErrorType(_) => EntryKind::ErrorType,
            Entry::TaskStatus(_) => EntryKind::TaskStatus,
            Entry::Source(_) => EntryKind::Source,
            Entry::Limit(_) => EntryKind::Limit,
            Entry::Class(..) => EntryKind::StatusClass,
        }
    }

    pub(crate) fn id(&self) -> String {
        match self {
            Entry::Status(s) => s.status.value.to_string(),
            Entry::Code(c) => c.id.value.clone(),
            Entry::ErrorType(e) => e.id.value.clone(),
            Entry::TaskStatus(t) => t.id.value.clone(),
            Entry::Source(s) => s.id.value.clone(),
            Entry::Limit(l) => l.id.value.clone(),
            Entry::Class(c, _) => c.id.to_string(),
        }
    }
}

/// An entry and how the query reached it.
pub(crate) struct Hit<'a> {
    pub entry: Entry<'a>,
    pub how: String,
}

/// Every entry, in catalogue order, then the status classes.
pub(crate) fn entries(c: &Catalogue) -> impl Iterator<Item = Entry<'_>> {
    c.statuses()
        .iter()
        .map(Entry::Status)
        .chain(c.codes().iter().map(Entry::Code))
        .chain(c.error_types().iter().map(Entry::ErrorType))
        .chain(c.task_statuses().iter().map(Entry::TaskStatus))
        .chain(c.sources().iter().map(Entry::Source))
        .chain(c.limits().iter().map(Entry::Limit))
        .chain(
            StatusClass::all()
                .iter()
                .map(|class| Entry::Class(class, None)),
        )
}

/// The query as a person meant it: white space and surrounding quotes
/// (straight, curly or backticks) removed.
pub(crate) fn clean(query: &str) -> &str {
    let mut q = query.trim();
    loop {
        let inner = [('"', '"'), ('\'', '\''), ('`', '`'), ('“', '”'), ('‘', '’')]
            .iter()
            .find_map(|&(open, close)| q.strip_prefix(open)?.strip_suffix(close));
        match inner {
            Some(inner) => q = inner.trim(),
            None => return q,
        }
    }
}

/// The one entry `query` names exactly, if any.
pub(crate) fn find<'a>(c: &'a Catalogue, query: &str) -> Option<Hit<'a>> {
    status_number(c, query).or_else(|| exact(c, query, false).or_else(|| exact(c, query, true)))
}

fn status_number<'a>(c: &'a Catalogue, query: &str) -> Option<Hit<'a>> {
    if query.len() != 3 || !query.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number: u16 = query.parse().ok()?;
    if let Some(status) = c.status(number) {
        return Some(Hit {
            entry: Entry::Status(status),
            how: format!("status {number}"),
        });
    }
    let class = StatusClass::of(number)?;
    Some(Hit {
        entry: Entry::Class(class, Some(number)),
        how: format!(
            "status {number}, which no document names: explained from its class, {} ({})",
            class.id,
            class.name.to_lowercase()
        ),
    })
}

fn exact<'a>(c: &'a Catalogue, query: &str, fold: bool) -> Option<Hit<'a>> {
    let lower = fold.then(|| query.to_lowercase());
    let same = |name: &str| {
        if fold {
            name.eq_ignore_ascii_case(query)
        } else {
            name == query
        }
    };
    let hit = |entry, how: String| Some(Hit { entry, how });
    // An id exactly is the index's to find; ignoring case, the first in
    // file order whose id folds to the query.
    let folded = fold.then_some(query);
    if let Some(code) = named(c.code(query), c.codes(), folded) {
        return hit(Entry::Code(code), "canonical code".to_string());
    }
    if let Some(e) = named(c.error_type(query), c.error_types(), folded) {
        let how = format!("task error_type reported by source `{}`", e.source().id());
        return hit(Entry::ErrorType(e), how);
    }
    if let Some(t) = named(c.task_status(query), c.task_statuses(), folded) {
        let how = format!("task status reported by source `{}`", t.source().id());
        return hit(Entry::TaskStatus(t), how);
    }
    // Spellings and request fields, code by code in file order: a message
    // is a pattern the query may fill, so this pass reads every one.
    for code in c.codes() {
        for wire in &code.wire {
            let source = &wire.source.value;
            if let Some(w) = wire.code.as_ref().filter(|w| same(&w.value)) {
                let how = format!("wire code `{}` of source `{source}`", w.value);
                return hit(Entry::Code(code), how);
            }
            if let Some(m) = &wire.message {
                let matches = match &lower {
                    None => Pattern::parse(&m.value).is_ok_and(|p| p.matches(query)),
                    Some(lower) => {
                        let pattern = m.value.to_lowercase();
                        Pattern::parse(&pattern).is_ok_and(|p| p.matches(lower))
                    }
                };
                if matches || same(&m.value) {
                    let how = format!("message \"{}\" sent by source `{source}`", m.value);
                    return hit(Entry::Code(code), how);
                }
            }
        }
        if let Some(f) = code.request_fields.iter().find(|f| same(&f.name.value)) {
            let places: Vec<&str> = f.places.iter().map(|p| p.words()).collect();
            let how = format!(
                "request field `{}`, rejected in {}",
                f.name.value,
                or_list(&places)
            );
            return hit(Entry::Code(code), how);
        }
    }
    if let Some(s) = named(c.source(query), c.sources(), folded) {
        return hit(Entry::Source(s), "source id".to_string());
    }
    if let Some(l) = named(c.limit(query), c.limits(), folded) {
        return hit(Entry::Limit(l), "limit id".to_string());
    }
    // Reason phrases are prose: always compared ignoring case.
    c.statuses()
        .iter()
        .find(|s| s.reason().eq_ignore_ascii_case(query))
        .and_then(|s| {
            let how = format!("reason phrase of {}", s.number());
            hit(Entry::Status(s), how)
        })
}

/// The entry `exact` (what the index found for the query as written), or,
/// when `folded` holds the query, the first entry of `section` whose id
/// equals it ignoring ASCII case.
fn named<'a, T: Id>(
    exact: Option<Ref<'a, T>>,
    section: Section<'a, T>,
    folded: Option<&str>,
) -> Option<Ref<'a, T>> {
    match folded {
        None => exact,
        Some(query) => section
            .iter()
            .find(|x| x.entry().id().eq_ignore_ascii_case(query)),
    }
}

/// `a`, `a or b`, `a, b or c`.
pub(crate) fn or_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// A message without its variable parts: `App not found: {app}` →
/// `App not found:`, what a person copies from a document.
pub(crate) fn fixed_text(message: &str) -> String {
    match Pattern::parse(message) {
        Ok(p) => p
            .segments()
            .iter()
            .filter_map(|s| match s {
                Segment::Literal(text) => Some(*text),
                Segment::Hole(_) => None,
            })
            .collect::<Vec<_>>()
            .join(" ")
            .trim()
            .to_string(),
        Err(_) => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_space_are_not_part_of_the_query() {
        assert_eq!(clean("  \"Workflow is locked\" "), "Workflow is locked");
        assert_eq!(clean("“App not found”"), "App not found");
        assert_eq!(clean("'`x`'"), "x");
        assert_eq!(clean("\""), "\"");
        assert_eq!(clean("   "), "");
    }

    #[test]
    fn a_message_without_its_variable_part() {
        assert_eq!(fixed_text("App not found: {app}"), "App not found:");
        assert_eq!(fixed_text("Workflow is locked"), "Workflow is locked");
    }
}
