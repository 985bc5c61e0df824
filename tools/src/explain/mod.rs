//! `taxonomy explain`: what an entry means and what to do, for whoever asks.
//!
//! The data flows in three steps, one module each:
//! - [`find`](self::find) resolves a query to an entry: a status number
//!   (an uncatalogued one to its class), an id or a wire spelling exactly
//!   (a message with its variable parts filled in included), then ignoring
//!   case; failing that, [`search`](self::search) ranks entries by their
//!   names and descriptions, as the reference site's search box does
//!   (`App not found`, `rate limit`, a typo, `the model is loading`);
//! - [`build`](self::build) turns the entry into an [`Explanation`], plain
//!   data that the reference site renders too;
//! - [`text`](self::text) and [`json`](self::json) write it for a terminal
//!   or for a program.

mod advice;
mod build;
pub(crate) mod find;
mod json;
pub(crate) mod search;
mod text;

use serde::Serialize;

pub use advice::{StatusClass, retry_advice};
pub use search::SearchHit;

use errors_catalogue::Catalogue;
use errors_catalogue::{EntryKind, anchor};

/// Everything `explain` says about one entry.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct Explanation {
    /// What the entry is.
    pub kind: EntryKind,
    /// The entry's id: the status number, canonical code, wire spelling,
    /// source or limit id, or status class (`4xx`).
    pub id: String,
    /// The entry's stable anchor on the reference site ([`anchor`]).
    pub anchor: String,
    /// How the query reached this entry.
    pub matched: String,
    /// The HTTP status it travels with, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<StatusLine>,
    /// The code's category.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Which sources use it and how they spell it.
    pub sources: Vec<Spelling>,
    /// What it means.
    pub meaning: String,
    /// Facts that are neither causes nor remedies: a source's auth header,
    /// a limit's figure.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<Fact>,
    /// Why it happens.
    pub causes: Vec<String>,
    /// Retry advice, as data and in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry: Option<RetryAdvice>,
    /// What an end user may be shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_message: Option<String>,
    /// What to do.
    pub remedies: Vec<String>,
    /// For a status: what each document says of it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub views: Vec<View>,
    /// Request fields a source rejects with this code.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub request_fields: Vec<FieldView>,
    /// Other entries worth reading: codes with this status, the code an
    /// error_type maps to, error_types that map to this code, the source.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
    /// Fields whose values are our choice, not the documents'.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub assumed: Vec<String>,
    /// Why the entry is retired, when it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<String>,
}

/// A status number and its reason phrase.
#[derive(Debug, Clone, Serialize)]
pub struct StatusLine {
    /// The number.
    pub code: u16,
    /// The reason phrase; for an uncatalogued status, its class's name.
    pub reason: String,
}

/// How one source names an entry.
#[derive(Debug, Clone, Serialize)]
pub struct Spelling {
    /// The source's id.
    pub source: String,
    /// The source's name.
    pub source_name: String,
    /// The machine-readable spelling, exactly as sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The message (a `{name}` marks a variable part) or the document's label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// Retry behaviour as the catalogue states it, and what it means to do.
#[derive(Debug, Clone, Serialize)]
pub struct RetryAdvice {
    /// The vocabulary word: `never`, `backoff`, `after`, `after_header`, …
    pub rule: &'static str,
    /// What a client should do, in a sentence or two.
    pub advice: String,
}

/// One document's view of a status.
#[derive(Debug, Clone, Serialize)]
pub struct View {
    /// The source whose document says it.
    pub source: String,
    /// The document's own name for the status.
    pub label: String,
    /// What the document says it means.
    pub summary: String,
    /// The causes it lists.
    pub causes: Vec<String>,
    /// The remedies it gives.
    pub remedies: Vec<String>,
    /// How to retry the status when this source sent it, where its
    /// document gives a rule of its own (else the entry's `retry` holds).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry: Option<RetryAdvice>,
}

/// A labelled fact (`auth header` → `Authorization`).
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    /// What the fact is.
    pub label: String,
    /// Its value, exactly as catalogued.
    pub value: String,
}

/// A request field a source rejects.
#[derive(Debug, Clone, Serialize)]
pub struct FieldView {
    /// The field's name.
    pub name: String,
    /// Where it is rejected: `body`, `query`, `header`.
    pub places: Vec<String>,
    /// Fields of the entry that are our choice (`in`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub assumed: Vec<String>,
}

/// A link to another entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    /// What it is.
    pub kind: EntryKind,
    /// Its id.
    pub id: String,
}

impl Related {
    /// Its anchor on the reference site.
    #[must_use]
    pub fn anchor(&self) -> String {
        anchor(self.kind, &self.id)
    }
}

/// A query that `explain` cannot answer with one entry.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Unanswered {
    /// The query is empty or white space.
    Empty,
    /// Several entries match; the query must say which.
    Several(Choices),
    /// Nothing matches.
    NotFound(NotFound),
}

/// Several entries a query matches, best first (as [`Catalogue::search`]
/// ranks them).
#[derive(Debug, Clone, Serialize)]
pub struct Choices {
    /// The query as understood (trimmed, quotes removed).
    pub query: String,
    /// The entries, each with how it matched.
    pub choices: Vec<Choice>,
}

/// One entry among several.
#[derive(Debug, Clone, Serialize)]
pub struct Choice {
    /// What it is.
    pub kind: EntryKind,
    /// Its id, which answers with it alone when asked.
    pub id: String,
    /// How the query matched it.
    pub matched: String,
}

/// A query that names nothing in the catalogue.
#[derive(Debug, Clone, Serialize)]
pub struct NotFound {
    /// The query as understood (trimmed, quotes removed).
    pub query: String,
    /// The nearest ids and spellings, best first.
    pub suggestions: Vec<String>,
}

impl std::error::Error for Unanswered {}

/// `explain` and search on a loaded catalogue: what `taxonomy explain` and
/// the reference site's search box answer.
///
/// ```
/// use errors_tools::Explain as _;
///
/// let c = errors_catalogue::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../taxonomy.yaml"))?;
/// assert_eq!(c.explain("429").map(|e| e.id).ok().as_deref(), Some("429"));
/// # Ok::<(), errors_catalogue::Diagnostics>(())
/// ```
///
/// Implemented for [`Catalogue`] only (sealed), so that a method can be
/// added without breaking anyone.
pub trait Explain: sealed::Sealed {
    /// Finds `query` and explains it.
    ///
    /// The query may be a status number (one no document names is explained
    /// from its class), an id, any wire spelling, an error_type, a task
    /// status, a request field, a source or limit id, a reason phrase, or a
    /// phrase or prefix of a message as a person types it, in any case, with
    /// or without quotes.
    ///
    /// ```
    /// use errors_tools::Explain as _;
    ///
    /// let c = errors_catalogue::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../taxonomy.yaml")).unwrap();
    /// assert_eq!(c.explain("App not found").unwrap().id, "model_not_found");
    /// assert_eq!(c.explain(" \"RATE_LIMIT_EXCEEDED\" ").unwrap().id, "rate_limit_exceeded");
    /// ```
    ///
    /// # Errors
    /// [`Unanswered`]: the query is empty, matches several entries (listed),
    /// or none (with the nearest names).
    fn explain(&self, query: &str) -> Result<Explanation, Unanswered>;

    /// The entries `query` matches, best first, scored as the reference
    /// site's search scores them (the same figures; [`SearchHit::score`]):
    /// a name that is the query, one it starts, one with the query at a
    /// word start, a misspelt name, the description, then words of the
    /// query weighed by how few entries share them.
    ///
    /// ```
    /// use errors_tools::Explain as _;
    ///
    /// let c = errors_catalogue::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../taxonomy.yaml")).unwrap();
    /// let hits = c.search("rate limit");
    /// assert_eq!(hits[0].id, "429");
    /// assert!(hits.iter().any(|h| h.id == "rate_limit_exceeded"));
    /// assert_eq!(c.search("CONTENT_BLOKED")[0].id, "content_blocked");
    /// ```
    fn search(&self, query: &str) -> Vec<SearchHit>;

    /// The explanation of every entry, in catalogue order: statuses, codes,
    /// error_types, task statuses, sources, limits, then the status classes.
    /// The reference site is written from these.
    fn explain_all(&self) -> Vec<Explanation>;
}

mod sealed {
    /// Only this crate implements [`Explain`](super::Explain).
    pub trait Sealed {}
    impl Sealed for errors_catalogue::Catalogue {}
}

impl Explain for Catalogue {
    fn explain(&self, query: &str) -> Result<Explanation, Unanswered> {
        let query = find::clean(query);
        if query.is_empty() {
            return Err(Unanswered::Empty);
        }
        if let Some(hit) = find::find(self, query) {
            return Ok(build::explanation(self, &hit.entry, hit.how));
        }
        let mut hits = self.search(query);
        // A name that holds the query answers alone when it is the only
        // one; several are listed, best first, with the entries whose
        // descriptions matched after them. A query that matched no name
        // is unknown, and what it matched is what the person may have
        // meant.
        let named = hits
            .iter()
            .take_while(|h| h.score >= search::Tier::Word.base())
            .count();
        match named {
            1 => {
                let hit = hits.swap_remove(0);
                let entry = find::entries(self)
                    .find(|e| e.kind() == hit.kind && e.id() == hit.id)
                    .ok_or_else(|| not_found(query, &[]))?;
                Ok(build::explanation(self, &entry, hit.matched))
            }
            0 => Err(not_found(query, &hits)),
            _ => Err(Unanswered::Several(Choices {
                query: query.to_string(),
                choices: hits
                    .into_iter()
                    .map(|h| Choice {
                        kind: h.kind,
                        id: h.id,
                        matched: h.matched,
                    })
                    .collect(),
            })),
        }
    }

    fn search(&self, query: &str) -> Vec<SearchHit> {
        search::Index::new(self).rank(find::clean(query))
    }

    fn explain_all(&self) -> Vec<Explanation> {
        find::entries(self)
            .map(|entry| build::explanation(self, &entry, String::new()))
            .collect()
    }
}

/// Nothing answers `query`; `hits` (best first) are what it may have
/// meant.
fn not_found(query: &str, hits: &[SearchHit]) -> Unanswered {
    const MOST: usize = 5;
    let mut suggestions: Vec<String> = Vec::new();
    for hit in hits {
        if suggestions.len() == MOST {
            break;
        }
        if !suggestions.contains(&hit.id) {
            suggestions.push(hit.id.clone());
        }
    }
    Unanswered::NotFound(NotFound {
        query: query.to_string(),
        suggestions,
    })
}

/// What a section of the reference is headed with, and a search result's
/// title: `429 Too Many Requests`, the code's id, `Runs API`,
/// `4xx Client error`.
pub(crate) fn title(c: &Catalogue, e: &Explanation) -> String {
    match e.kind {
        EntryKind::Status => match &e.status {
            Some(s) => format!("{} {}", s.code, s.reason),
            None => e.id.clone(),
        },
        EntryKind::Source => c
            .source(&e.id)
            .map_or_else(|| e.id.clone(), |s| s.name.clone()),
        EntryKind::StatusClass => StatusClass::named(&e.id).map_or_else(
            || e.id.clone(),
            |class| format!("{} {}", class.id, class.name),
        ),
        _ => e.id.clone(),
    }
}
