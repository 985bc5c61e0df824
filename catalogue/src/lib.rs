//! The error catalogue, `taxonomy.yaml`, as data: its model, its loader and
//! checks, and the resolved [`Catalogue`] that every generator and tool
//! reads.
//!
//! The data flows one way: [`load`] reads the file into the [`model`] and
//! checks it (every problem at `path:line:column`, all at once); the
//! checks resolve every reference as they go, so what they return is a
//! [`Catalogue`] with typed references and an index built once
//! ([`CodeRef::status`] is a [`StatusRef`], [`Catalogue::code_named`]
//! finds a code by any spelling). What reads it next lives in other
//! crates: `errors-codegen` writes Rust from it (a `Builder` for build
//! scripts), `errors-tools` explains it, writes the reference site and
//! compares two versions. Nothing here depends on them.
//!
//! ```
//! let c = errors_catalogue::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../taxonomy.yaml"))?;
//! let code = c.code("rate_limit_exceeded").expect("the catalogue has it");
//! assert_eq!(code.status().number(), 429);
//! # Ok::<(), errors_catalogue::Diagnostics>(())
//! ```
//!
//! A broken file is every problem at once:
//!
//! ```
//! let problems = errors_catalogue::load_str("version: 2\n", "t.yaml").unwrap_err();
//! assert!(problems.to_string().starts_with("t.yaml:"));
//! ```

#![warn(missing_docs)]

mod diag;
mod entry;
mod load;
pub mod markdown;
pub mod model;
pub mod pattern;
pub mod plan;
mod resolved;
mod span;
pub mod spellings;
mod validate;

/// How catalogue ids become Rust identifiers (shared with the derive).
pub use errors_vocab::ident;

pub use diag::{Diagnostic, Diagnostics};
pub use entry::{EntryKind, anchor};
pub use load::{load, load_bytes, load_str};
pub use resolved::{
    Catalogue, CategoryRef, CodeRef, DocumentRef, EntryId, ErrorTypeRef, LimitRef, Ref, Section,
    SectionIter, SourceRef, StatusRef, TaskStatusRef, WireSpelling,
};
pub use span::{Location, Spanned};
