//! The table `errors-derive` resolves `code = "…"` against: every spelling
//! of every code (canonical id, wire codes, fixed wire messages as written)
//! and, per code, its canonical id, `Code` variant and status.
//!
//! A static table keeps each expansion a binary search: the macro reads no
//! file and parses no YAML while a user's crate compiles.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use errors_codegen::Catalogue;
use errors_codegen::ident::upper_camel;

/// The source of `errors-derive/src/generated/catalogue.rs`.
pub(crate) fn emit(catalogue: &Catalogue) -> String {
    // Loading rejects a spelling shared by two codes, so each spelling maps
    // to one index; a BTreeMap sorts them for the binary search.
    let mut spellings: BTreeMap<&str, usize> = BTreeMap::new();
    let mut out = super::header("the derive's table of code spellings");
    out.push_str(
        "/// Every catalogued code, in catalogue order.\npub(crate) static CODES: &[Entry] = &[\n",
    );
    for (index, code) in catalogue.codes.iter().enumerate() {
        let id = code.id.value.as_str();
        let _ = writeln!(
            out,
            "    Entry {{ id: {id:?}, variant: {:?}, status: {} }},",
            upper_camel(id),
            code.status.value
        );
        spellings.insert(id, index);
        for spelling in code.spellings() {
            spellings.insert(spelling.text.value.as_str(), index);
        }
    }
    out.push_str("];\n\n/// Every spelling `code = \"…\"` accepts, sorted, with its index in `CODES`.\npub(crate) static SPELLINGS: &[(&str, usize)] = &[\n");
    for (spelling, index) in &spellings {
        let _ = writeln!(out, "    ({spelling:?}, {index}),");
    }
    out.push_str("];\n");
    out
}
