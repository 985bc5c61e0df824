//! The inputs of the lookup benchmark (benches/lookup.rs) and of its
//! instruction count (examples/lookup_count.rs): every exact spelling of
//! the catalogue, each code's canonical id and each source's `wire_name`
//! (message patterns left out: strum matches exact strings only).

use errors_core::{Code, Source};

/// Every exact spelling with its source (`None` for a canonical id) and
/// the code it names.
pub fn spellings() -> Vec<(Option<Source>, &'static str, Code)> {
    let mut out = Vec::new();
    for &code in Code::ALL {
        out.push((None, code.as_str(), code));
        for &source in Source::ALL {
            if let Some(text) = code.wire_name(source).filter(|t| !t.contains('{')) {
                out.push((Some(source), text, code));
            }
        }
    }
    out
}
