//! The table `errors-derive` resolves `code = "…"` against: every spelling
//! of every code (canonical id, wire codes, fixed wire messages as written)
//! and, per code, its canonical id, `Code` variant and status.
//!
//! A static table keeps each expansion a binary search: the macro reads no
//! file and parses no YAML while a user's crate compiles.

use std::fmt::Write as _;

use errors_codegen::Catalogue;
use errors_codegen::ident::upper_camel;

/// The source of `errors-derive/src/generated/catalogue.rs`.
pub(crate) fn emit(catalogue: &Catalogue) -> String {
    let mut out = super::header("the derive's table of code spellings");
    out.push_str(
        "/// Every catalogued code, in catalogue order.\npub(crate) static CODES: &[Entry] = &[\n",
    );
    for code in catalogue.codes() {
        let id = code.id();
        let _ = writeln!(
            out,
            "    Entry {{ id: {id:?}, variant: {:?}, status: {} }},",
            upper_camel(id),
            code.status().number()
        );
    }
    out.push_str("];\n\n/// Every spelling `code = \"…\"` accepts, sorted, with its index in `CODES`.\npub(crate) static SPELLINGS: &[(&str, usize)] = &[\n");
    // Loading rejects a spelling shared by two codes, so each spelling
    // names one code; the catalogue lists them sorted, for the binary search.
    for (spelling, code) in catalogue.code_names() {
        let _ = writeln!(out, "    ({spelling:?}, {}),", code.position());
    }
    out.push_str("];\n");
    out
}
