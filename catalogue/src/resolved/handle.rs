//! Handles on the entries of a checked catalogue: an entry as written
//! (through `Deref`, for its plain fields) plus its references, resolved.

use std::fmt;
use std::ops::Deref;

use crate::span::Spanned;

use super::Catalogue;
use crate::model::{
    Category, Code, Document, ErrorType, Limit, Source, SpellingKind, Status, StatusView,
    TaskStatus, Wire,
};

/// An entry of a [`Catalogue`]: its fields as written (through `Deref`),
/// its place in its section, and the entries it refers to. Two handles
/// are equal when they are the same entry of the same catalogue.
pub struct Ref<'a, T> {
    catalogue: &'a Catalogue,
    position: usize,
    entry: &'a T,
}

/// A source of a [`Catalogue`].
pub type SourceRef<'a> = Ref<'a, Source>;
/// A document of a [`Catalogue`].
pub type DocumentRef<'a> = Ref<'a, Document>;
/// A category of a [`Catalogue`].
pub type CategoryRef<'a> = Ref<'a, Category>;
/// A status of a [`Catalogue`].
pub type StatusRef<'a> = Ref<'a, Status>;
/// A code of a [`Catalogue`].
pub type CodeRef<'a> = Ref<'a, Code>;
/// An error type of a [`Catalogue`].
pub type ErrorTypeRef<'a> = Ref<'a, ErrorType>;
/// A task status of a [`Catalogue`].
pub type TaskStatusRef<'a> = Ref<'a, TaskStatus>;
/// A limit of a [`Catalogue`].
pub type LimitRef<'a> = Ref<'a, Limit>;

// Not derived: a handle is references and a number whatever `T` is.
impl<T> Clone for Ref<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Ref<'_, T> {}

impl<T> PartialEq for Ref<'_, T> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.catalogue, other.catalogue) && self.position == other.position
    }
}

impl<T> Eq for Ref<'_, T> {}

impl<T: fmt::Debug> fmt::Debug for Ref<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.entry.fmt(f)
    }
}

impl<T> Deref for Ref<'_, T> {
    type Target = T;

    fn deref(&self) -> &T {
        self.entry
    }
}

impl<'a, T> Ref<'a, T> {
    pub(super) fn new(catalogue: &'a Catalogue, position: usize, entry: &'a T) -> Self {
        Self {
            catalogue,
            position,
            entry,
        }
    }

    /// Its place in its section of the file, counted from 0: also the
    /// place of its variant in the generated enum.
    #[must_use]
    pub fn position(self) -> usize {
        self.position
    }

    /// The entry as written, borrowed for as long as the catalogue.
    #[must_use]
    pub fn entry(self) -> &'a T {
        self.entry
    }

    /// The catalogue it belongs to.
    #[must_use]
    pub fn catalogue(self) -> &'a Catalogue {
        self.catalogue
    }
}

/// An entry named by an id (a status is named by its number instead), for
/// code generic over sections, such as a search by id.
pub trait EntryId {
    /// The id as written: for a code its canonical id, for an error type
    /// or a task status its wire spelling.
    fn id(&self) -> &str;
}

/// `id()` for every entry named by an id: on its handle, and as [`EntryId`].
macro_rules! ids {
    ($($entry:ty),*) => {$(
        impl EntryId for $entry {
            fn id(&self) -> &str {
                &self.id.value
            }
        }

        impl<'a> Ref<'a, $entry> {
            /// Its id, as written: for a code its canonical id, for an
            /// error type or a task status its wire spelling.
            #[must_use]
            pub fn id(self) -> &'a str {
                &self.entry.id.value
            }
        }
    )*};
}

ids!(
    Document, Source, Category, Code, ErrorType, TaskStatus, Limit
);

/// The entries of one section at `positions` (index lists, in order).
fn all<'a, T: 'a>(
    section: super::Section<'a, T>,
    positions: &'a [usize],
) -> impl ExactSizeIterator<Item = Ref<'a, T>> + Clone + 'a {
    positions.iter().map(move |&p| section.at(p))
}

impl<'a> Ref<'a, Source> {
    /// The documents that describe it, in the order it lists them.
    pub fn documents(self) -> impl ExactSizeIterator<Item = DocumentRef<'a>> + Clone + 'a {
        let links = &self.catalogue.index().links.sources[self.position];
        all(self.catalogue.documents(), &links.documents)
    }

    /// The codes it spells on the wire, each once, in file order.
    pub fn codes(self) -> impl ExactSizeIterator<Item = CodeRef<'a>> + Clone + 'a {
        let index = self.catalogue.index();
        all(self.catalogue.codes(), &index.source_codes[self.position])
    }

    /// The error types it reports, in file order.
    pub fn error_types(self) -> impl ExactSizeIterator<Item = ErrorTypeRef<'a>> + Clone + 'a {
        let index = self.catalogue.index();
        all(
            self.catalogue.error_types(),
            &index.source_error_types[self.position],
        )
    }

    /// The task statuses it reports, in file order.
    pub fn task_statuses(self) -> impl ExactSizeIterator<Item = TaskStatusRef<'a>> + Clone + 'a {
        let index = self.catalogue.index();
        all(
            self.catalogue.task_statuses(),
            &index.source_task_statuses[self.position],
        )
    }

    /// The limits it documents, in file order.
    pub fn limits(self) -> impl ExactSizeIterator<Item = LimitRef<'a>> + Clone + 'a {
        let index = self.catalogue.index();
        all(self.catalogue.limits(), &index.source_limits[self.position])
    }
}

impl<'a> Ref<'a, Status> {
    /// Its number (`429`).
    #[must_use]
    pub fn number(self) -> u16 {
        self.entry.status.value
    }

    /// Its reason phrase (`Too Many Requests`).
    #[must_use]
    pub fn reason(self) -> &'a str {
        &self.entry.reason.value
    }

    /// The category of a response with this status and no catalogued
    /// code; every error status has one.
    #[must_use]
    pub fn category(self) -> Option<CategoryRef<'a>> {
        let links = &self.catalogue.index().links.statuses[self.position];
        links.category.map(|p| self.catalogue.categories().at(p))
    }

    /// What each source's document says of it, with the source.
    pub fn views(
        self,
    ) -> impl ExactSizeIterator<Item = (SourceRef<'a>, &'a StatusView)> + Clone + 'a {
        let links = &self.catalogue.index().links.statuses[self.position];
        let sources = self.catalogue.sources();
        self.entry
            .views
            .iter()
            .zip(&links.views)
            .map(move |(view, &source)| (sources.at(source), view))
    }

    /// The codes sent with this status, in file order.
    pub fn codes(self) -> impl ExactSizeIterator<Item = CodeRef<'a>> + Clone + 'a {
        let index = self.catalogue.index();
        all(self.catalogue.codes(), &index.status_codes[self.position])
    }
}

/// One way a source spells a code on the wire, resolved.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct WireSpelling<'a> {
    /// The code it names.
    pub code: CodeRef<'a>,
    /// The source that sends it.
    pub source: SourceRef<'a>,
    /// A code string or a fixed message.
    pub kind: SpellingKind,
    /// The text, exactly as sent, with where it is written in the file.
    pub text: &'a Spanned<String>,
}

impl<'a> Ref<'a, Code> {
    /// The status it is sent with.
    #[must_use]
    pub fn status(self) -> StatusRef<'a> {
        let links = &self.catalogue.index().links.codes[self.position];
        self.catalogue.statuses().at(links.status)
    }

    /// The category it belongs to.
    #[must_use]
    pub fn category(self) -> CategoryRef<'a> {
        let links = &self.catalogue.index().links.codes[self.position];
        self.catalogue.categories().at(links.category)
    }

    /// Its `wire` entries, in file order, each with its source.
    pub fn wire(self) -> impl ExactSizeIterator<Item = (SourceRef<'a>, &'a Wire)> + Clone + 'a {
        let links = &self.catalogue.index().links.codes[self.position];
        let sources = self.catalogue.sources();
        self.entry
            .wire
            .iter()
            .zip(&links.wire)
            .map(move |(wire, &source)| (sources.at(source), wire))
    }

    /// Every wire spelling, in file order: for each `wire` entry its code
    /// string, then its message.
    pub fn spellings(self) -> impl Iterator<Item = WireSpelling<'a>> + 'a {
        self.wire().flat_map(move |(source, wire)| {
            wire.spellings().map(move |s| WireSpelling {
                code: self,
                source,
                kind: s.kind,
                text: s.text,
            })
        })
    }

    /// The sources that spell it, each once, in the order of its `wire`
    /// entries.
    pub fn sources(self) -> impl ExactSizeIterator<Item = SourceRef<'a>> + Clone + 'a {
        let index = self.catalogue.index();
        all(self.catalogue.sources(), &index.code_sources[self.position])
    }

    /// The error types that map to it, in file order.
    pub fn error_types(self) -> impl ExactSizeIterator<Item = ErrorTypeRef<'a>> + Clone + 'a {
        let index = self.catalogue.index();
        all(
            self.catalogue.error_types(),
            &index.code_error_types[self.position],
        )
    }
}

impl<'a> Ref<'a, ErrorType> {
    /// The source that reports it.
    #[must_use]
    pub fn source(self) -> SourceRef<'a> {
        let links = &self.catalogue.index().links.error_types[self.position];
        self.catalogue.sources().at(links.source)
    }

    /// The canonical code it maps to.
    #[must_use]
    pub fn code(self) -> CodeRef<'a> {
        let links = &self.catalogue.index().links.error_types[self.position];
        self.catalogue.codes().at(links.code)
    }
}

impl<'a> Ref<'a, TaskStatus> {
    /// The source that reports it.
    #[must_use]
    pub fn source(self) -> SourceRef<'a> {
        let source = self.catalogue.index().links.task_statuses[self.position];
        self.catalogue.sources().at(source)
    }
}

impl<'a> Ref<'a, Limit> {
    /// The source that documents it.
    #[must_use]
    pub fn source(self) -> SourceRef<'a> {
        let source = self.catalogue.index().links.limits[self.position];
        self.catalogue.sources().at(source)
    }
}
