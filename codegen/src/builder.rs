//! Code generation, in the manner of prost-build: point a [`Builder`] at a
//! catalogue, then either generate into `OUT_DIR` from a build script and
//! `include!` the file, or write a file the crate commits and check it in a
//! test.

use std::fmt;
use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;

use crate::Catalogue;
use crate::emit::{self, Options};
use crate::output::{self, Written};
use errors_catalogue::Diagnostics;

/// Generates the enums of a catalogue.
///
/// Two ways to use it. From a build script, the code is generated in every
/// build of the crate (and of every crate that depends on it):
///
/// ```no_run
/// // build.rs
/// fn main() -> Result<(), errors_codegen::Error> {
///     errors_codegen::Builder::new()
///         .taxonomy("taxonomy.yaml")
///         .generate_to_out_dir()?;
///     Ok(())
/// }
/// ```
/// and in the crate:
/// ```ignore
/// include!(concat!(env!("OUT_DIR"), "/taxonomy.rs"));
/// ```
///
/// Or the generated file is committed, so that neither the crate nor its
/// dependents run the generator (nor compile it) when they build; a test
/// keeps the file fresh, rewriting it and failing when the catalogue
/// changed ([`Builder::check_committed`]):
///
/// ```no_run
/// // tests/generated.rs
/// #[test]
/// fn generated_code_is_fresh() -> Result<(), errors_codegen::Error> {
///     errors_codegen::Builder::new()
///         .taxonomy("taxonomy.yaml")
///         .regenerate_with("cargo test --test generated")
///         .check_committed("src/generated/taxonomy.rs")
/// }
/// ```
/// and in the crate:
/// ```ignore
/// mod generated {
///     include!("generated/taxonomy.rs");
/// }
/// ```
#[derive(Debug, Clone)]
pub struct Builder {
    taxonomy: PathBuf,
    runtime: String,
    non_exhaustive: bool,
    docs_url: Option<String>,
    file_name: String,
    pretty: bool,
    regenerate_with: Option<String>,
    target: Target,
}

/// What a [`Builder`] generates from the catalogue. Every target's file
/// opens with the same `@generated` header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Target {
    /// The catalogue's enums, their tables, and its `Taxonomy` for the
    /// wire layer: what a crate of errors includes.
    #[default]
    Enums,
    /// errors-derive's table of code spellings (`CODES` and `SPELLINGS` of
    /// the derive's `Entry`), which `code = "…"` is resolved against.
    DeriveTable,
    /// A `strum::EnumString` twin of `Code` (`StrumCode`), the baseline a
    /// lookup benchmark measures `Code::lookup` against.
    StrumMirror,
}

impl Default for Builder {
    fn default() -> Self {
        Self::new()
    }
}

impl Builder {
    /// Defaults: `taxonomy.yaml` beside the manifest, runtime `::errors_core`,
    /// exhaustive enums, no `docs_url()`, output file `taxonomy.rs`.
    #[must_use]
    pub fn new() -> Self {
        Self {
            taxonomy: PathBuf::from("taxonomy.yaml"),
            runtime: "::errors_core".to_string(),
            non_exhaustive: false,
            docs_url: None,
            file_name: "taxonomy.rs".to_string(),
            pretty: true,
            regenerate_with: None,
            target: Target::Enums,
        }
    }

    /// What to generate ([`Target::Enums`] by default).
    #[must_use]
    pub fn target(mut self, target: Target) -> Self {
        self.target = target;
        self
    }

    /// The catalogue to read.
    #[must_use]
    pub fn taxonomy(mut self, path: impl AsRef<Path>) -> Self {
        self.taxonomy = path.as_ref().to_path_buf();
        self
    }

    /// Path of the runtime crate in generated code (like strum's
    /// `crate = …`): `::errors_core` by default, `crate` inside it, or a
    /// re-export such as `::my_sdk::errors`.
    #[must_use]
    pub fn runtime_crate(mut self, path: impl Into<String>) -> Self {
        self.runtime = path.into();
        self
    }

    /// Marks every enum `#[non_exhaustive]`: for a crate that publishes the
    /// enums and wants to add entries without a breaking release. Off by
    /// default, because exhaustive matches are the point inside a workspace.
    #[must_use]
    pub fn non_exhaustive(mut self, on: bool) -> Self {
        self.non_exhaustive = on;
        self
    }

    /// Gives `Code` and `Status` a `docs_url()`, built from `template` with
    /// `{kind}` (`code`/`status`), `{enum}` (`Code`/`Status`), `{id}` (canonical id or number),
    /// `{variant}` (the Rust variant name) and `{anchor}` filled in.
    ///
    /// `{anchor}` is the entry's id on the reference site that
    /// `taxonomy docs` writes ([`errors_catalogue::anchor`]: `status-429`,
    /// `code-rate_limit_exceeded`), so a template such as
    /// `https://errors.example/#{anchor}` points every generated item at
    /// its section of the site:
    ///
    /// ```no_run
    /// errors_codegen::Builder::new()
    ///     .taxonomy("taxonomy.yaml")
    ///     .docs_url("https://errors.example/#{anchor}")
    ///     .generate_to_out_dir()?;
    /// // Code::RateLimitExceeded.docs_url() == "https://errors.example/#code-rate_limit_exceeded"
    /// # Ok::<(), errors_codegen::Error>(())
    /// ```
    #[must_use]
    pub fn docs_url(mut self, template: impl Into<String>) -> Self {
        self.docs_url = Some(template.into());
        self
    }

    /// Whether to pretty-print the generated file (on by default): readable
    /// for people, at a cost that dominates generation on large catalogues
    /// (see BENCHMARKS.md); rustc does not need it.
    #[must_use]
    pub fn pretty(mut self, on: bool) -> Self {
        self.pretty = on;
        self
    }

    /// The command that writes the file, named in its `@generated` header
    /// so that a reader knows how to regenerate it (`cargo xtask generate`).
    /// Without it the header names the build script.
    #[must_use]
    pub fn regenerate_with(mut self, command: impl Into<String>) -> Self {
        self.regenerate_with = Some(command.into());
        self
    }

    /// Name of the generated file in the output directory.
    #[must_use]
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = name.into();
        self
    }

    /// Loads, validates and emits: the generated source as a string.
    ///
    /// # Errors
    /// The catalogue's located problems, or a bad `runtime_crate` path.
    pub fn generate(&self) -> Result<String, Error> {
        let catalogue = crate::load(&self.taxonomy).map_err(Error::Catalogue)?;
        self.generate_from(&catalogue)
    }

    /// Emits `catalogue`, already loaded (from the file [`Builder::taxonomy`]
    /// names, which the header mentions): for a caller that reads the
    /// catalogue for more than this file, so it loads it once.
    ///
    /// # Errors
    /// A bad `runtime_crate` path.
    pub fn generate_from(&self, catalogue: &Catalogue) -> Result<String, Error> {
        let runtime: TokenStream = syn::parse_str::<syn::Path>(&self.runtime)
            .map(|p| quote::quote!(#p))
            .or_else(|e| {
                if self.runtime == "crate" {
                    Ok(quote::quote!(crate))
                } else {
                    Err(e)
                }
            })
            .map_err(|e| Error::RuntimeCrate {
                path: self.runtime.clone(),
                reason: e.to_string(),
            })?;
        let options = Options {
            runtime,
            non_exhaustive: self.non_exhaustive,
            docs_url: self.docs_url.clone(),
            compact_docs: !self.pretty,
        };
        let tokens = match self.target {
            Target::Enums => emit::emit(catalogue, &options),
            Target::DeriveTable => emit::derive_table::emit(catalogue),
            Target::StrumMirror => emit::strum_mirror::emit(catalogue),
        };
        let name = self
            .taxonomy
            .file_name()
            .map_or_else(|| "the catalogue".into(), |n| n.to_string_lossy());
        let header = emit::Header {
            taxonomy: &name,
            command: self.regenerate_with.as_deref(),
        };
        Ok(emit::render(tokens, &header, self.pretty))
    }

    /// Generates into `dir`, writing only when the content changed so an
    /// unchanged catalogue rebuilds nothing. Returns the file's path.
    ///
    /// # Errors
    /// As [`Builder::generate`], or the file cannot be written.
    pub fn generate_to(&self, dir: impl AsRef<Path>) -> Result<PathBuf, Error> {
        let path = dir.as_ref().join(&self.file_name);
        output::write_if_changed(&path, &self.generate()?)?;
        Ok(path)
    }

    /// For a crate that commits its generated code: generates into the
    /// file at `path` (not `OUT_DIR`), writing only when it changed.
    ///
    /// # Errors
    /// As [`Builder::generate`], or the file cannot be written.
    pub fn write_committed(&self, path: impl AsRef<Path>) -> Result<Written, Error> {
        output::write_if_changed(path.as_ref(), &self.generate()?)
    }

    /// The freshness check of a committed file, for a test: generates, and
    /// when the file at `path` differs, rewrites it and fails with
    /// [`Error::Stale`], whose message says to review and commit it. The
    /// next run passes, so `cargo test` is both the check and the fix.
    ///
    /// # Errors
    /// [`Error::Stale`] when the file was rewritten; otherwise as
    /// [`Builder::write_committed`].
    pub fn check_committed(&self, path: impl AsRef<Path>) -> Result<(), Error> {
        let source = self.generate()?;
        output::refresh(
            [(path.as_ref(), source.as_str())],
            self.regenerate_with.as_deref(),
        )
    }

    /// For `build.rs`: prints `cargo:rerun-if-changed` for the catalogue and
    /// generates into `OUT_DIR`.
    ///
    /// # Errors
    /// As [`Builder::generate_to`]; `OUT_DIR` not set (not in a build script).
    /// Returned from `main`, the error prints every located problem.
    pub fn generate_to_out_dir(&self) -> Result<PathBuf, Error> {
        println!("cargo:rerun-if-changed={}", self.taxonomy.display());
        let dir = std::env::var_os("OUT_DIR").ok_or(Error::NoOutDir)?;
        self.generate_to(dir)
    }
}

/// Why generation failed.
#[non_exhaustive]
pub enum Error {
    /// The catalogue has problems, each located (a file that cannot be
    /// read among them).
    Catalogue(Diagnostics),
    /// [`Builder::runtime_crate`] is not a Rust path.
    RuntimeCrate {
        /// The path as given.
        path: String,
        /// Why it does not parse as one.
        reason: String,
    },
    /// [`Builder::generate_to_out_dir`] was called where cargo sets no
    /// `OUT_DIR`: not from a build script.
    NoOutDir,
    /// A generated file, or its folder, could not be written.
    Write {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Committed generated files did not match the catalogue; they have been
    /// rewritten and must be reviewed and committed.
    Stale {
        /// The files that were rewritten.
        paths: Vec<PathBuf>,
        /// The command that regenerates them, when the caller named one.
        regenerate_with: Option<String>,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Catalogue(d) => write!(f, "{d}"),
            Self::RuntimeCrate { path, reason } => write!(f, "runtime_crate `{path}`: {reason}"),
            Self::NoOutDir => f.write_str("OUT_DIR is not set: call this from build.rs"),
            Self::Write { path, source } => write!(f, "cannot write {}: {source}", path.display()),
            Self::Stale {
                paths,
                regenerate_with,
            } => f.write_str(&output::stale_message(paths, regenerate_with.as_deref())),
        }
    }
}

/// The same as `Display`: `main` in a build script prints errors with
/// `Debug`, and cargo's output must show the located problems, not a struct.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\n{self}")
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Catalogue(d) => Some(d),
            Self::Write { source, .. } => Some(source),
            Self::RuntimeCrate { .. } | Self::NoOutDir | Self::Stale { .. } => None,
        }
    }
}
