//! `taxonomy docs`: the catalogue as a reference for support people.
//!
//! [`write()`] renders every entry's [`Explanation`], the
//! same one `taxonomy explain` prints, grouped by kind:
//! - [`Format::Html`]: one self-contained `index.html` (styles, script and
//!   search index inline; nothing is fetched, so it works from `file://`,
//!   offline, or attached to a ticket). A search box finds statuses, any
//!   spelling, error_types and words of messages as the person types.
//! - [`Format::Markdown`]: the same content as one `ERRORS.md`.
//!
//! Each entry's section carries its stable [`anchor`]
//! (`status-429`, `code-rate_limit_exceeded`), the same one the builder's
//! `{anchor}` placeholder puts in the generated `docs_url()`.
//!
//! ```no_run
//! let catalogue = errors_catalogue::load("taxonomy.yaml").unwrap();
//! let page = errors_tools::site::write(&catalogue, "target/errors-site".as_ref(),
//!     errors_tools::site::Format::Html)?;
//! println!("open {}", page.display());
//! # Ok::<(), std::io::Error>(())
//! ```

mod html;
mod markdown;

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use crate::explain::{Explain as _, Explanation, title};
use errors_catalogue::Catalogue;
use errors_catalogue::{EntryKind, anchor};

/// What [`write()`] produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Format {
    /// `index.html`: one page, searchable, no external resources.
    #[default]
    Html,
    /// `ERRORS.md`: one Markdown file for a repository.
    Markdown,
}

impl Format {
    /// The file [`write()`] creates in its directory.
    #[must_use]
    pub const fn file_name(self) -> &'static str {
        match self {
            Self::Html => "index.html",
            Self::Markdown => "ERRORS.md",
        }
    }
}

/// A site format name that is neither `html` nor `markdown` (or `md`).
///
/// ```
/// use errors_tools::site::Format;
///
/// assert_eq!("md".parse::<Format>(), Ok(Format::Markdown));
/// let error = "pdf".parse::<Format>().unwrap_err();
/// assert_eq!(error.to_string(), "unknown format `pdf`; expected html or markdown");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownFormat(pub String);

impl std::fmt::Display for UnknownFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown format `{}`; expected html or markdown", self.0)
    }
}

impl std::error::Error for UnknownFormat {}

impl FromStr for Format {
    type Err = UnknownFormat;

    fn from_str(s: &str) -> Result<Self, UnknownFormat> {
        match s {
            "html" => Ok(Self::Html),
            "markdown" | "md" => Ok(Self::Markdown),
            other => Err(UnknownFormat(other.to_string())),
        }
    }
}

/// Writes the reference for `catalogue` into `dir` (created if missing) and
/// returns the path of the file written ([`Format::file_name`]).
///
/// # Errors
/// When the directory cannot be created or the file cannot be written.
pub fn write(catalogue: &Catalogue, dir: &Path, format: Format) -> io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let path = dir.join(format.file_name());
    std::fs::write(&path, render(catalogue, format))?;
    Ok(path)
}

/// The reference as text, without writing it.
#[must_use]
pub fn render(catalogue: &Catalogue, format: Format) -> String {
    let reference = Reference::new(catalogue);
    match format {
        Format::Html => html::page(&reference),
        Format::Markdown => markdown::page(&reference),
    }
}

/// Everything a page shows, in order.
struct Reference {
    /// Entries grouped by kind, in the order they appear.
    groups: Vec<Group>,
    /// Each entry's title by anchor, for the text of links to it.
    titles: HashMap<String, String>,
    /// `5 documents, 4 sources, …`.
    counts: String,
    /// The documents the facts come from: id and title.
    documents: Vec<(String, String)>,
    /// The search's records and rules, as a script (`const INDEX = …`).
    search_index: String,
}

struct Group {
    kind: EntryKind,
    /// Heading and the anchor of the group's own section.
    title: &'static str,
    id: &'static str,
    intro: &'static str,
    items: Vec<Item>,
}

struct Item {
    title: String,
    explanation: Explanation,
}

const GROUPS: [(EntryKind, &str, &str, &str); 7] = [
    (
        EntryKind::Status,
        "HTTP statuses",
        "statuses",
        "Every status a document names, with what each document says of it.",
    ),
    (
        EntryKind::Code,
        "Error codes",
        "codes",
        "One canonical code per distinct error, with the exact strings each API sends for it.",
    ),
    (
        EntryKind::ErrorType,
        "Task error types",
        "error-types",
        "Terminal task failures, reported in a task's error_type.",
    ),
    (
        EntryKind::TaskStatus,
        "Task statuses",
        "task-statuses",
        "The states of an asynchronous task, reported in its status.",
    ),
    (
        EntryKind::Source,
        "Sources",
        "sources",
        "The APIs catalogued: how they authenticate, where the request id is, what their error bodies look like.",
    ),
    (
        EntryKind::Limit,
        "Limits",
        "limits",
        "Figures the documents give: rates, concurrency, ceilings, retention.",
    ),
    (
        EntryKind::StatusClass,
        "Status classes",
        "status-classes",
        "For a status no document names: what its class means and what to do. These words are ours, from HTTP itself.",
    ),
];

impl Reference {
    fn new(c: &Catalogue) -> Self {
        let mut groups: Vec<Group> = GROUPS
            .iter()
            .map(|&(kind, title, id, intro)| Group {
                kind,
                title,
                id,
                intro,
                items: Vec::new(),
            })
            .collect();
        let mut titles = HashMap::new();
        for explanation in c.explain_all() {
            let title = title(c, &explanation);
            titles.insert(explanation.anchor.clone(), title.clone());
            if let Some(group) = groups.iter_mut().find(|g| g.kind == explanation.kind) {
                group.items.push(Item { title, explanation });
            }
        }
        let counts = format!(
            "{} documents, {} sources, {} statuses, {} codes ({} wire spellings), {} task error types, {} task statuses, {} limits",
            c.documents().len(),
            c.sources().len(),
            c.statuses().len(),
            c.codes().len(),
            c.wire_entry_count(),
            c.error_types().len(),
            c.task_statuses().len(),
            c.limits().len(),
        );
        Reference {
            groups,
            titles,
            counts,
            documents: c
                .documents()
                .iter()
                .map(|d| (d.id().to_string(), d.title.clone()))
                .collect(),
            search_index: crate::explain::search::Index::new(c).script(),
        }
    }

    /// The text of a link to the entry at `anchor`.
    fn title_of<'a>(&'a self, anchor: &'a str) -> &'a str {
        self.titles.get(anchor).map_or(anchor, String::as_str)
    }
}

/// The anchor of a source's section, for links from spellings.
fn source_anchor(id: &str) -> String {
    anchor(EntryKind::Source, id)
}
