//! The index of a checked catalogue, built once by the checks: where each
//! id and number is defined, what each reference resolves to, and the
//! lists that go the other way (a status's codes, a source's entries).
//!
//! Positions are places in a section of the file, counted from 0. Keys are
//! owned, because the index lives beside the entries it indexes.

use std::collections::{BTreeMap, HashMap};

use crate::model::RawCatalogue;

/// Where each id of every section is defined, as the checks collect it
/// (borrowed from the file, first definition winning).
#[derive(Debug, Default)]
pub(crate) struct Defined<'a> {
    pub(crate) documents: HashMap<&'a str, usize>,
    pub(crate) sources: HashMap<&'a str, usize>,
    pub(crate) categories: HashMap<&'a str, usize>,
    pub(crate) statuses: HashMap<u16, usize>,
    pub(crate) codes: HashMap<&'a str, usize>,
    pub(crate) error_types: HashMap<&'a str, usize>,
    pub(crate) task_statuses: HashMap<&'a str, usize>,
    pub(crate) limits: HashMap<&'a str, usize>,
}

/// What each reference resolved to, entry by entry in file order: built by
/// the checks as they check the references, and only when all resolved.
#[derive(Debug, Clone)]
pub(crate) struct Links {
    pub(crate) sources: Vec<SourceLinks>,
    pub(crate) statuses: Vec<StatusLinks>,
    pub(crate) codes: Vec<CodeLinks>,
    pub(crate) error_types: Vec<ErrorTypeLinks>,
    /// The source of each task status.
    pub(crate) task_statuses: Vec<usize>,
    /// The source of each limit.
    pub(crate) limits: Vec<usize>,
}

/// A source's documents.
#[derive(Debug, Clone)]
pub(crate) struct SourceLinks {
    pub(crate) documents: Vec<usize>,
}

/// A status's category (error statuses have one) and the source of each view.
#[derive(Debug, Clone)]
pub(crate) struct StatusLinks {
    pub(crate) category: Option<usize>,
    pub(crate) views: Vec<usize>,
}

/// A code's status, its category and the source of each `wire` entry.
#[derive(Debug, Clone)]
pub(crate) struct CodeLinks {
    pub(crate) status: usize,
    pub(crate) category: usize,
    pub(crate) wire: Vec<usize>,
}

/// An error type's source and the code it maps to.
#[derive(Debug, Clone)]
pub(crate) struct ErrorTypeLinks {
    pub(crate) source: usize,
    pub(crate) code: usize,
}

/// Where a spelling is: its code, and its place among the code's spellings
/// ([`crate::CodeRef::spellings`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct SpellingAt {
    pub(crate) code: usize,
    pub(crate) nth: usize,
}

/// The index itself.
#[derive(Debug, Clone)]
pub(crate) struct Index {
    pub(crate) documents: HashMap<String, usize>,
    pub(crate) sources: HashMap<String, usize>,
    pub(crate) categories: HashMap<String, usize>,
    pub(crate) statuses: HashMap<u16, usize>,
    pub(crate) codes: HashMap<String, usize>,
    pub(crate) error_types: HashMap<String, usize>,
    pub(crate) task_statuses: HashMap<String, usize>,
    pub(crate) limits: HashMap<String, usize>,
    /// Every code's canonical id and wire spellings → the code; sorted,
    /// because the derive's table is a binary search over them.
    pub(crate) code_names: BTreeMap<String, usize>,
    /// Per source (by position): each text it sends → where it is.
    pub(crate) spellings: Vec<HashMap<String, SpellingAt>>,
    pub(crate) links: Links,
    /// The codes sent with each status, in file order.
    pub(crate) status_codes: Vec<Vec<usize>>,
    /// Per source: the codes it spells, each once, in file order.
    pub(crate) source_codes: Vec<Vec<usize>>,
    /// Per source: its error types, task statuses and limits.
    pub(crate) source_error_types: Vec<Vec<usize>>,
    pub(crate) source_task_statuses: Vec<Vec<usize>>,
    pub(crate) source_limits: Vec<Vec<usize>>,
    /// Per code: the sources that spell it, each once, in the order of its
    /// `wire` entries.
    pub(crate) code_sources: Vec<Vec<usize>>,
    /// Per code: the error types that map to it, in file order.
    pub(crate) code_error_types: Vec<Vec<usize>>,
}

fn owned(ids: HashMap<&str, usize>) -> HashMap<String, usize> {
    ids.into_iter()
        .map(|(id, at)| (id.to_string(), at))
        .collect()
}

/// `lists[of[i]]` gets `i`, for every `i` in order: the reverse of a
/// many-to-one reference.
fn reverse(of: impl Iterator<Item = usize>, targets: usize) -> Vec<Vec<usize>> {
    let mut lists = vec![Vec::new(); targets];
    for (i, target) in of.enumerate() {
        if let Some(list) = lists.get_mut(target) {
            list.push(i);
        }
    }
    lists
}

/// Each item once, first place kept.
fn distinct(items: &[usize]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::with_capacity(items.len());
    for &item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

impl Index {
    /// The index of `raw`, from what the checks found in it.
    pub(crate) fn new(raw: &RawCatalogue, defined: Defined<'_>, links: Links) -> Self {
        let sources = raw.sources.len();
        let mut code_names = BTreeMap::new();
        let mut spellings = vec![HashMap::new(); sources];
        let mut source_codes = vec![Vec::new(); sources];
        for (code, (entry, resolved)) in raw.codes.iter().zip(&links.codes).enumerate() {
            code_names.entry(entry.id.value.clone()).or_insert(code);
            let mut nth = 0;
            for (wire, &source) in entry.wire.iter().zip(&resolved.wire) {
                for spelling in wire.spellings() {
                    let text = &spelling.text.value;
                    code_names.entry(text.clone()).or_insert(code);
                    if let Some(by_text) = spellings.get_mut(source) {
                        by_text
                            .entry(text.clone())
                            .or_insert(SpellingAt { code, nth });
                    }
                    nth += 1;
                }
            }
            for source in distinct(&resolved.wire) {
                if let Some(list) = source_codes.get_mut(source) {
                    list.push(code);
                }
            }
        }
        Self {
            status_codes: reverse(links.codes.iter().map(|c| c.status), raw.statuses.len()),
            source_error_types: reverse(links.error_types.iter().map(|e| e.source), sources),
            source_task_statuses: reverse(links.task_statuses.iter().copied(), sources),
            source_limits: reverse(links.limits.iter().copied(), sources),
            code_sources: links.codes.iter().map(|c| distinct(&c.wire)).collect(),
            code_error_types: reverse(links.error_types.iter().map(|e| e.code), raw.codes.len()),
            source_codes,
            code_names,
            spellings,
            documents: owned(defined.documents),
            sources: owned(defined.sources),
            categories: owned(defined.categories),
            statuses: defined.statuses,
            codes: owned(defined.codes),
            error_types: owned(defined.error_types),
            task_statuses: owned(defined.task_statuses),
            limits: owned(defined.limits),
            links,
        }
    }
}
