//! Rust from the error catalogue, `taxonomy.yaml`: the enums of its
//! statuses, codes, error types and task statuses, their tables, and the
//! `Taxonomy` the wire layer (errors-core) classifies, decides and renders
//! with. A [`Builder`] runs it from a build script or writes a committed
//! file; its [`Target`]s are every file generated from the catalogue.
//!
//! The catalogue itself (model, loader, checks, the resolved
//! [`Catalogue`]) is errors-catalogue's; this crate only writes code from
//! it, so a build script compiles no explanations, site or diff (those are
//! errors-tools', beside the `taxonomy` command).
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

#![warn(missing_docs)]

mod builder;
mod emit;
mod output;

pub use builder::{Builder, Error, Target};
/// The resolved catalogue a [`Builder`] generates from, and the located
/// problems of one that does not load (errors-catalogue's).
pub use errors_catalogue::{Catalogue, Diagnostic, Diagnostics, load};
pub use output::{Written, refresh, write_if_changed};
