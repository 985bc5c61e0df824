//! The error catalogue, `taxonomy.yaml`: its model, loader, checks,
//! explanations, and the Rust it generates.
//!
//! The data flows one way: [`load`] reads the file into the [`model`] and
//! validates it (every problem at `path:line:column`, all at once); the
//! checks resolve every reference as they go, so what they return is a
//! [`Catalogue`] with typed references and an index built once
//! ([`CodeRef::status`] is a [`StatusRef`], [`Catalogue::code_named`]
//! finds a code by any spelling). The checked catalogue is then explained to a person
//! ([`Catalogue::explain`], the `taxonomy explain` command), written as a
//! searchable reference ([`site`], `taxonomy docs`), or emitted as Rust by
//! a [`Builder`] from a build script. Two versions of the catalogue are
//! compared by [`diff`] (the `taxonomy diff` command): what an edit breaks,
//! level by level.
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), errors_codegen::Error> {
//!     errors_codegen::Builder::new()
//!         .taxonomy("../taxonomy.yaml")
//!         .generate_to_out_dir()?;
//!     Ok(())
//! }
//! ```

mod builder;
mod catalogue;
mod diag;
pub mod diff;
mod emit;
mod entry;
mod explain;
pub mod export;
/// How catalogue ids become Rust identifiers (shared with the derive).
pub use errors_vocab::ident;
mod load;
pub mod model;
mod output;
mod plan;
mod spellings;
#[cfg(feature = "runtime-tables")]
#[cfg_attr(docsrs, doc(cfg(feature = "runtime-tables")))]
mod tables;

#[cfg(feature = "runtime-tables")]
#[cfg_attr(docsrs, doc(cfg(feature = "runtime-tables")))]
pub mod openapi;
pub mod pattern;
pub mod site;
mod validate;

pub use builder::{Builder, Error, Target};
pub use diag::{Diagnostic, Diagnostics};
pub use entry::{EntryKind, anchor};
pub use explain::{
    Choice, Choices, Explanation, Fact, FieldView, NotFound, Related, RetryAdvice, SearchHit,
    Spelling, StatusClass, StatusLine, Unanswered, View, retry_advice,
};

pub use catalogue::Catalogue;
pub use catalogue::{
    CategoryRef, CodeRef, DocumentRef, ErrorTypeRef, LimitRef, Ref, Section, SectionIter,
    SourceRef, StatusRef, TaskStatusRef, WireSpelling,
};
pub use load::{load, load_bytes, load_str};
pub use output::{Written, refresh, write_if_changed};
#[cfg(feature = "runtime-tables")]
pub use tables::{
    CategoryId, CodeId, ErrorTypeId, RuntimeCatalogue, ShapeId, SourceId, StatusId, TaskStatusId,
};
