//! What a build script sees when generation fails: a typed error per
//! cause, whose `source()` chain reaches the I/O error, and whose message
//! (what cargo prints from `main`) says what to fix.

use std::error::Error as _;
use std::io::ErrorKind;

use errors_codegen::{Builder, Error};

const TAXONOMY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../taxonomy.yaml");

#[test]
fn a_runtime_path_that_is_not_rust_names_the_option() {
    let error = Builder::new()
        .taxonomy(TAXONOMY)
        .runtime_crate("not a path!")
        .generate()
        .expect_err("`not a path!` is not a Rust path");
    match &error {
        Error::RuntimeCrate { path, .. } => assert_eq!(path, "not a path!"),
        other => panic!("expected RuntimeCrate, got {other}"),
    }
    assert!(
        error
            .to_string()
            .starts_with("runtime_crate `not a path!`: ")
    );
}

#[test]
fn an_unreadable_catalogue_keeps_its_io_error_as_the_source() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let missing = dir.path().join("missing.yaml");
    let error = Builder::new()
        .taxonomy(&missing)
        .generate()
        .expect_err("no such file");
    let Error::Catalogue(problems) = &error else {
        panic!("expected Catalogue, got {error}");
    };
    assert_eq!(problems.list().len(), 1);
    assert!(error.to_string().contains("cannot read the catalogue"));
    let io = error
        .source()
        .and_then(|diagnostics| diagnostics.source())
        .and_then(|source| source.downcast_ref::<std::io::Error>())
        .expect("Error → Diagnostics → io::Error");
    assert_eq!(io.kind(), ErrorKind::NotFound);
}

#[test]
fn an_output_that_cannot_be_written_names_the_path_and_keeps_the_io_error() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    // A file where the output folder should be: neither it nor a file
    // under it can be created.
    let blocker = dir.path().join("out");
    std::fs::write(&blocker, "a file, not a folder").expect("write the blocker");
    let error = Builder::new()
        .taxonomy(TAXONOMY)
        .generate_to(blocker.join("nested"))
        .expect_err("cannot write under a file");
    let Error::Write { path, source } = &error else {
        panic!("expected Write, got {error}");
    };
    assert!(path.starts_with(&blocker), "{}", path.display());
    assert!(error.source().is_some_and(|s| s.is::<std::io::Error>()));
    assert!(error.to_string().contains(&path.display().to_string()));
    assert_ne!(source.kind(), ErrorKind::NotFound);
}
