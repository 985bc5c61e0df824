//! The catalogue as the macro sees it: a static table generated from
//! `taxonomy.yaml` and committed (`cargo xtask generate` writes it), so
//! resolving `code = "…"` reads no file at expansion time and building the
//! macro parses no YAML.

/// One catalogued code.
pub(crate) struct Entry {
    /// The canonical id (`rate_limit_exceeded`).
    pub id: &'static str,
    /// The `Code` variant it generates (`RateLimitExceeded`).
    pub variant: &'static str,
    /// The HTTP status the catalogue sends it with.
    pub status: u16,
}

include!("generated/catalogue.rs");

/// The code `spelling` names: its canonical id, a wire code, or a fixed wire
/// message exactly as the catalogue writes it (`App not found: {app}`).
pub(crate) fn resolve(spelling: &str) -> Option<&'static Entry> {
    let at = SPELLINGS
        .binary_search_by(|(s, _)| (*s).cmp(spelling))
        .ok()?;
    let (_, index) = SPELLINGS.get(at)?;
    CODES.get(*index)
}

/// Up to `most` catalogued codes close to an unknown spelling, nearest
/// first, each shown once: by the spelling closest to what was written
/// (case included), with its canonical id when that is another spelling
/// (`` `RATE_LIMIT_EXCEEDED` (rate_limit_exceeded) ``).
pub(crate) fn suggestions(unknown: &str, most: usize) -> Vec<String> {
    let ranked = errors_vocab::nearest(unknown, SPELLINGS.iter().map(|(s, _)| *s), usize::MAX);
    let mut codes: Vec<(&'static Entry, &str)> = Vec::new();
    for spelling in ranked {
        let Some(entry) = resolve(spelling) else {
            continue;
        };
        match codes.iter_mut().find(|(e, _)| e.id == entry.id) {
            // `nearest` ignores case; between spellings of one code, show
            // the one written most like the query.
            Some((_, shown)) => {
                if as_written(unknown, spelling) < as_written(unknown, shown) {
                    *shown = spelling;
                }
            }
            None => codes.push((entry, spelling)),
        }
    }
    codes
        .into_iter()
        .take(most)
        .map(|(entry, spelling)| {
            if spelling == entry.id {
                format!("`{spelling}`")
            } else {
                format!("`{spelling}` ({})", entry.id)
            }
        })
        .collect()
}

/// How many characters differ, position by position, case included.
fn as_written(a: &str, b: &str) -> usize {
    let differing = a.chars().zip(b.chars()).filter(|(x, y)| x != y).count();
    differing + a.chars().count().abs_diff(b.chars().count())
}
