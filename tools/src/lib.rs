//! The error catalogue (`taxonomy.yaml`) for people: what the `taxonomy`
//! command answers.
//!
//! Each module reads the resolved [`Catalogue`](errors_catalogue::Catalogue)
//! that errors-catalogue loads and checks, and none of them is needed to
//! generate code (errors-codegen), so a build script compiles none of this:
//!
//! - [`Explain`]: `taxonomy explain`, what an entry means and what to do,
//!   found by any name, spelling or phrase, and the ranking the reference
//!   site's search applies too;
//! - [`site`]: `taxonomy docs`, the searchable reference (HTML and
//!   Markdown);
//! - [`diff`]: `taxonomy diff`, what an edit of the catalogue breaks, level
//!   by level;
//! - [`export`]: `taxonomy export`, the catalogue as JSON for other
//!   languages (its JSON Schema with feature `json-schema`);
//! - with feature `runtime-tables`, `RuntimeCatalogue` (the wire layer's
//!   tables built from a loaded file, so `explain --response` classifies
//!   with that file) and `openapi` (`taxonomy openapi`).
//!
//! ```
//! use errors_tools::Explain as _;
//!
//! let c = errors_catalogue::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../taxonomy.yaml"))?;
//! let explanation = c.explain("429").expect("429 is catalogued");
//! assert!(explanation.remedies.iter().any(|r| !r.is_empty()));
//! # Ok::<(), errors_catalogue::Diagnostics>(())
//! ```

#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod diff;
mod explain;
pub mod export;
#[cfg(feature = "runtime-tables")]
#[cfg_attr(docsrs, doc(cfg(feature = "runtime-tables")))]
pub mod openapi;
pub mod site;
#[cfg(feature = "runtime-tables")]
mod tables;

pub use explain::{
    Choice, Choices, Explain, Explanation, Fact, FieldView, NotFound, Related, RetryAdvice,
    SearchHit, Spelling, StatusClass, StatusLine, Unanswered, View, retry_advice,
};
#[cfg(feature = "runtime-tables")]
#[cfg_attr(docsrs, doc(cfg(feature = "runtime-tables")))]
pub use tables::{
    CategoryId, CodeId, ErrorTypeId, RuntimeCatalogue, ShapeId, SourceId, StatusId, TaskStatusId,
};
