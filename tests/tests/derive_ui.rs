//! `#[derive(ErrorTaxonomy)]` diagnostics: each mistake a person can make
//! fails the build with a message on the token at fault. The expected
//! output is in `tests/ui/derive/*.stderr`; regenerate it with
//! `TRYBUILD=overwrite cargo test -p errors-tests --test derive_ui` and read
//! every changed file.
//!
//! A transparent field whose type lacks the trait is rustc's own error (on
//! the field's type); it is not pinned here because rustc's message lists
//! every type implementing the trait, which changes as the crates grow.

#[test]
fn derive_diagnostics() {
    let cases = trybuild::TestCases::new();
    cases.pass("ui/derive/pass.rs");
    for case in [
        "unknown_key",
        "misplaced_key",
        "duplicate_key",
        "missing_description",
        "code_with_status",
        "status_without_message",
        "status_out_of_range",
        "unknown_retry",
        "unknown_code",
        "message_private_field",
        "message_unknown_field",
        "message_syntax",
        "transparent_field_count",
        "transparent_with_code",
        "union",
        "several_mistakes",
        "own_catalogue_code",
    ] {
        cases.compile_fail(format!("ui/derive/{case}.rs"));
    }
}
