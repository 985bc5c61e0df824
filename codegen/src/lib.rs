//! The error catalogue, `taxonomy.yaml`: its model, loader, checks,
//! explanations, and the Rust it generates.
//!
//! The data flows one way: [`load`] reads the file into the [`model`] and
//! validates it (every problem at `path:line:column`, all at once); the
//! checked [`Catalogue`] is then either explained to a person
//! ([`Catalogue::explain`], the `taxonomy explain` command) or emitted as Rust
//! by a [`Builder`] from a build script. Two versions of the catalogue are
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
mod diag;
pub mod diff;
mod emit;
mod explain;
pub mod ident;
mod leak;
mod load;
pub mod model;
mod output;

pub mod pattern;
mod validate;

pub use builder::{Builder, Error};
pub use diag::{Diagnostic, Diagnostics};
pub use explain::{Explanation, NotFound, RetryAdvice, Spelling, StatusLine, View, retry_advice};
pub use leak::find as find_leak;
pub use load::{load, load_str};
pub use model::Catalogue;
pub use output::{Written, refresh, write_if_changed};
