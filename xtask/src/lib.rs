//! What the workspace generates from `taxonomy.yaml` and commits, in one
//! list: the binary (`cargo xtask generate`) writes it, the freshness test
//! (`tests/fresh.rs`) checks it.
//!
//! The generated code is committed so that no crate that depends on
//! `errors-core` or `errors-derive` runs (or compiles) the generator in its
//! build, and so that their packages build from their own tarballs, which
//! do not contain the workspace's `taxonomy.yaml`.

use std::path::{Path, PathBuf};

use errors_codegen::Target;

/// The command that writes the files, named in each file's `@generated`
/// header.
pub const REGENERATE: &str = "cargo xtask generate";

/// One committed file generated from the catalogue.
#[derive(Debug, Clone, Copy)]
pub struct Output {
    /// Path from the workspace root.
    pub path: &'static str,
    /// What it holds, for `cargo xtask` without arguments.
    pub what: &'static str,
}

/// Every committed output, in the order [`generate`] returns them.
pub const OUTPUTS: &[Output] = &[
    Output {
        path: "runtime/src/generated/taxonomy.rs",
        what: "errors-core's enums and their tables",
    },
    Output {
        path: "errors-derive/src/generated/catalogue.rs",
        what: "the derive's table of code spellings",
    },
    Output {
        path: "errors-core/benches/generated/strum_mirror.rs",
        what: "the strum twin of `Code`, the lookup benchmark's baseline",
    },
    Output {
        path: "schema/export.v1.schema.json",
        what: "the JSON Schema of `taxonomy export`'s format",
    },
];

/// A generated file and its content.
#[derive(Debug, Clone)]
pub struct GeneratedFile {
    /// Path from the workspace root (one of [`OUTPUTS`]).
    pub path: &'static str,
    /// The file's full text, `@generated` header first.
    pub contents: String,
}

/// The workspace root: this crate's parent folder.
#[must_use]
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from(".."), Path::to_path_buf)
}

/// Generates every output from `root/taxonomy.yaml`, in memory.
///
/// # Errors
/// The catalogue's located problems.
pub fn generate(root: &Path) -> Result<Vec<GeneratedFile>, errors_codegen::Error> {
    let taxonomy = root.join("taxonomy.yaml");
    let catalogue = errors_catalogue::load(&taxonomy).map_err(errors_codegen::Error::Catalogue)?;
    let builder = errors_codegen::Builder::new()
        .taxonomy(&taxonomy)
        .regenerate_with(REGENERATE);
    let core = builder
        .clone()
        .runtime_crate("crate")
        // The catalogue grows (a code, a status, a shape added); adding a
        // variant must not break a dependent's `match`, so every generated
        // enum is `#[non_exhaustive]`, and `taxonomy diff` calls an added
        // entry news (info), not a break. (Decided in issue 19.)
        .non_exhaustive(true)
        .docs_url(
            "https://docs.rs/errors-core/latest/errors_core/enum.{enum}.html#variant.{variant}",
        )
        .generate_from(&catalogue)?;
    let contents = [
        core,
        builder
            .clone()
            .target(Target::DeriveTable)
            .generate_from(&catalogue)?,
        builder
            .target(Target::StrumMirror)
            .generate_from(&catalogue)?,
        errors_tools::export::json_schema(),
    ];
    Ok(OUTPUTS
        .iter()
        .zip(contents)
        .map(|(output, contents)| GeneratedFile {
            path: output.path,
            contents,
        })
        .collect())
}

/// The freshness check: generates every output from `root/taxonomy.yaml`,
/// rewrites the committed files that differ, and fails naming them.
///
/// # Errors
/// [`errors_codegen::Error::Stale`] when a file was rewritten; the
/// catalogue's problems; a file that cannot be written.
pub fn check(root: &Path) -> Result<(), errors_codegen::Error> {
    let files = generate(root)?;
    let paths: Vec<PathBuf> = files.iter().map(|f| root.join(f.path)).collect();
    errors_codegen::refresh(
        paths
            .iter()
            .zip(&files)
            .map(|(path, file)| (path.as_path(), file.contents.as_str())),
        Some(REGENERATE),
    )
}
