//! Integration tests of the workspace live in `tests/`; this library only
//! holds what several of them share.

use std::path::{Path, PathBuf};

pub mod corpus;
pub mod examples;

/// The workspace root.
#[must_use]
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from(".."), Path::to_path_buf)
}

/// A file under `tests/fixtures/`.
#[must_use]
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

/// The workspace catalogue, loaded and validated.
///
/// # Panics
/// When the catalogue does not load: every test that calls this depends on it.
#[must_use]
pub fn catalogue() -> errors_catalogue::Catalogue {
    let path = workspace().join("taxonomy.yaml");
    match errors_catalogue::load(&path) {
        Ok(c) => c,
        Err(problems) => panic!("the workspace catalogue does not load:\n{problems}"),
    }
}
