//! The checked catalogue: the entries of `taxonomy.yaml` with every
//! reference between them resolved, and an index built once.
//!
//! The checks ([`crate::load`]) are what produce a [`Catalogue`]: while
//! they look up each id a code, a status or an error type names, they
//! record what it resolves to, and only a catalogue in which every lookup
//! succeeded is returned. Whatever reads the catalogue afterwards (the
//! emitter, `explain`, the reference site, the diff, the CLI) asks it:
//! a code's [`status`](CodeRef::status) is a [`StatusRef`], not a number to
//! look up again, and a source's [`codes`](SourceRef::codes) are listed,
//! not searched for. (prost-build's `Context`, built once and queried by
//! every generator, is the model.)
//!
//! ```
//! let c = errors_catalogue::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../taxonomy.yaml")).unwrap();
//! let code = c.code("rate_limit_exceeded").unwrap();
//! assert_eq!(code.status().number(), 429);
//! assert!(code.status().codes().any(|other| other == code));
//! assert_eq!(c.code_named("RATE_LIMIT_EXCEEDED"), Some(code));
//! ```

mod handle;
pub(crate) mod index;

use std::fmt;
use std::iter::{Enumerate, FusedIterator};

pub use handle::{
    CategoryRef, CodeRef, DocumentRef, EntryId, ErrorTypeRef, LimitRef, Ref, SourceRef, StatusRef,
    TaskStatusRef, WireSpelling,
};

use crate::model::{
    Category, Code, Document, ErrorType, Limit, RawCatalogue, Source, Status, TaskStatus,
};
use index::Index;

/// A checked catalogue: the entries as written ([`Catalogue::raw`], with
/// the place of every value for messages), their references resolved, and
/// an index of statuses by number, entries by id and codes by spelling.
///
/// Made only by [`crate::load`] and [`crate::load_str`], so every
/// reference in it resolves.
#[derive(Debug, Clone)]
pub struct Catalogue {
    raw: RawCatalogue,
    index: Index,
}

impl Catalogue {
    /// `index` must be the one the checks built from `raw`.
    pub(crate) fn new(raw: RawCatalogue, index: Index) -> Self {
        Self { raw, index }
    }

    /// The catalogue as written in the file, spans included: for messages
    /// that point at a line, and for the few facts that are no entry
    /// (`version`, `release`).
    #[must_use]
    pub fn raw(&self) -> &RawCatalogue {
        &self.raw
    }
}

/// Each section's accessor, and its lookup through the index: one line of
/// input a section, so that the eight cannot drift apart.
macro_rules! sections {
    ($(
        $all:ident: $entry:ty, $all_doc:literal;
        $one:ident($key:ident: $key_ty:ty) -> $handle:ident via $get:expr, $one_doc:literal;
    )*) => {
        impl Catalogue {
            $(
                #[doc = $all_doc]
                #[must_use]
                pub fn $all(&self) -> Section<'_, $entry> {
                    Section::new(self, &self.raw.$all)
                }

                #[doc = $one_doc]
                #[must_use]
                pub fn $one(&self, $key: $key_ty) -> Option<$handle<'_>> {
                    self.$all().find(self.index.$all.get($get))
                }
            )*
        }
    };
}

sections! {
    documents: Document, "The documents the facts come from, in file order.";
    document(id: &str) -> DocumentRef via id, "The document with this id.";
    sources: Source, "The APIs whose errors are catalogued, in file order.";
    source(id: &str) -> SourceRef via id, "The source with this id.";
    categories: Category, "The categories of codes, in file order.";
    category(id: &str) -> CategoryRef via id, "The category with this id.";
    statuses: Status, "The HTTP statuses, in file order.";
    status(number: u16) -> StatusRef via &number, "The status with this number.";
    codes: Code, "The canonical codes, in file order (the order of `Code`'s variants).";
    code(id: &str) -> CodeRef via id, "The code with this canonical id.";
    error_types: ErrorType, "The terminal task failures, in file order.";
    error_type(id: &str) -> ErrorTypeRef via id, "The error type with this id (its wire spelling).";
    task_statuses: TaskStatus, "The states of an asynchronous task, in file order.";
    task_status(id: &str) -> TaskStatusRef via id, "The task status with this id (its wire spelling).";
    limits: Limit, "The documented figures, in file order.";
    limit(id: &str) -> LimitRef via id, "The limit with this id.";
}

impl Catalogue {
    /// The code `text` names: its canonical id, or any wire spelling of any
    /// source exactly as written (a message with its `{name}` part). The
    /// checks make every such name belong to one code. Exact and case
    /// sensitive; a message pattern is not matched against `text`.
    #[must_use]
    pub fn code_named(&self, text: &str) -> Option<CodeRef<'_>> {
        self.codes().find(self.index.code_names.get(text))
    }

    /// Every name [`Catalogue::code_named`] answers to, with its code,
    /// sorted by the name's bytes (for a binary search).
    pub fn code_names(&self) -> impl ExactSizeIterator<Item = (&str, CodeRef<'_>)> {
        let codes = self.codes();
        self.index
            .code_names
            .iter()
            .map(move |(name, &position)| (name.as_str(), codes.at(position)))
    }

    /// How the source `source` (an id) sends `text`, exactly as written:
    /// the code it names and whether it is a code string or a message.
    /// The checks allow a text once per source.
    #[must_use]
    pub fn spelling(&self, source: &str, text: &str) -> Option<WireSpelling<'_>> {
        let source = self.source(source)?;
        let at = self.index.spellings.get(source.position())?.get(text)?;
        let code = self.codes().at(at.code);
        code.spellings().nth(at.nth)
    }

    /// How many `wire` entries the codes have (one per source and code;
    /// each holds a code string, a message or both).
    #[must_use]
    pub fn wire_entry_count(&self) -> usize {
        self.raw.codes.iter().map(|c| c.wire.len()).sum()
    }

    pub(crate) fn index(&self) -> &Index {
        &self.index
    }
}

/// One section of a [`Catalogue`] (its codes, its statuses, …), in file
/// order: a slice whose items are [`Ref`]s.
pub struct Section<'a, T> {
    catalogue: &'a Catalogue,
    entries: &'a [T],
}

// Not derived: a section is a pair of references whatever `T` is.
impl<T> Clone for Section<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Section<'_, T> {}

impl<T: fmt::Debug> fmt::Debug for Section<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.entries).finish()
    }
}

impl<'a, T> Section<'a, T> {
    fn new(catalogue: &'a Catalogue, entries: &'a [T]) -> Self {
        Self { catalogue, entries }
    }

    /// How many entries it has.
    #[must_use]
    pub fn len(self) -> usize {
        self.entries.len()
    }

    /// True when it has none.
    #[must_use]
    pub fn is_empty(self) -> bool {
        self.entries.is_empty()
    }

    /// Its entries in file order.
    #[must_use]
    pub fn iter(self) -> SectionIter<'a, T> {
        SectionIter {
            catalogue: self.catalogue,
            entries: self.entries.iter().enumerate(),
        }
    }

    /// The entry at `position` (its place in the file, counted from 0).
    #[must_use]
    pub fn get(self, position: usize) -> Option<Ref<'a, T>> {
        let entry = self.entries.get(position)?;
        Some(Ref::new(self.catalogue, position, entry))
    }

    /// The entries as written.
    #[must_use]
    pub fn entries(self) -> &'a [T] {
        self.entries
    }

    /// The catalogue it is a section of.
    #[must_use]
    pub fn catalogue(self) -> &'a Catalogue {
        self.catalogue
    }

    /// The entry at a position the index holds. Every position in the
    /// index was taken from this very section when the checks built it,
    /// so it is in range; a lookup that can miss goes through
    /// [`Section::find`].
    pub(crate) fn at(self, position: usize) -> Ref<'a, T> {
        Ref::new(self.catalogue, position, &self.entries[position])
    }

    /// The entry at a position an index lookup may or may not have found.
    fn find(self, position: Option<&usize>) -> Option<Ref<'a, T>> {
        self.get(*position?)
    }
}

impl<'a, T> IntoIterator for Section<'a, T> {
    type Item = Ref<'a, T>;
    type IntoIter = SectionIter<'a, T>;

    fn into_iter(self) -> SectionIter<'a, T> {
        self.iter()
    }
}

/// The entries of a [`Section`], in file order.
pub struct SectionIter<'a, T> {
    catalogue: &'a Catalogue,
    entries: Enumerate<std::slice::Iter<'a, T>>,
}

impl<T> Clone for SectionIter<'_, T> {
    fn clone(&self) -> Self {
        Self {
            catalogue: self.catalogue,
            entries: self.entries.clone(),
        }
    }
}

impl<T> fmt::Debug for SectionIter<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SectionIter")
            .field("remaining", &self.entries.len())
            .finish()
    }
}

impl<'a, T> Iterator for SectionIter<'a, T> {
    type Item = Ref<'a, T>;

    fn next(&mut self) -> Option<Ref<'a, T>> {
        let (position, entry) = self.entries.next()?;
        Some(Ref::new(self.catalogue, position, entry))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.entries.size_hint()
    }
}

impl<T> DoubleEndedIterator for SectionIter<'_, T> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let (position, entry) = self.entries.next_back()?;
        Some(Ref::new(self.catalogue, position, entry))
    }
}

impl<T> ExactSizeIterator for SectionIter<'_, T> {}

impl<T> FusedIterator for SectionIter<'_, T> {}
