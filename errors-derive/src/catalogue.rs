//! The catalogue as the macro sees it: a static table `build.rs` wrote from
//! `taxonomy.yaml`, so resolving `code = "…"` reads no file at expansion time.

/// One catalogued code.
pub(crate) struct Entry {
    /// The canonical id (`rate_limit_exceeded`).
    pub id: &'static str,
    /// The `Code` variant it generates (`RateLimitExceeded`).
    pub variant: &'static str,
    /// The HTTP status the catalogue sends it with.
    pub status: u16,
}

include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));

/// The code `spelling` names: its canonical id, a wire code, or a fixed wire
/// message exactly as the catalogue writes it (`App not found: {app}`).
pub(crate) fn resolve(spelling: &str) -> Option<&'static Entry> {
    let at = SPELLINGS
        .binary_search_by(|(s, _)| (*s).cmp(spelling))
        .ok()?;
    let (_, index) = SPELLINGS.get(at)?;
    CODES.get(*index)
}

/// Up to `most` catalogued spellings close to an unknown one, each with its
/// canonical id when it is another spelling (`` `RATE_LIMIT_EXCEEDED` (rate_limit_exceeded) ``),
/// at most one per code.
pub(crate) fn suggestions(unknown: &str, most: usize) -> Vec<String> {
    let ranked = errors_codegen::nearest(unknown, SPELLINGS.iter().map(|(s, _)| *s), usize::MAX);
    let mut seen: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for spelling in ranked {
        let Some(entry) = resolve(spelling) else {
            continue;
        };
        if seen.contains(&entry.id) {
            continue;
        }
        seen.push(entry.id);
        out.push(if spelling == entry.id {
            format!("`{spelling}`")
        } else {
            format!("`{spelling}` ({})", entry.id)
        });
        if out.len() == most {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_resolves_to_its_code() {
        let by_id = resolve("rate_limit_exceeded").map(|e| e.variant);
        assert_eq!(by_id, Some("RateLimitExceeded"));
        assert_eq!(
            resolve("RATE_LIMIT_EXCEEDED").map(|e| e.id),
            Some("rate_limit_exceeded")
        );
        assert_eq!(
            resolve("Workflow is locked").map(|e| e.id),
            Some("workflow_locked")
        );
        assert_eq!(
            resolve("App not found: {app}").map(|e| e.id),
            Some("model_not_found")
        );
        assert_eq!(resolve("insufficient_credits").map(|e| e.status), Some(402));
    }

    #[test]
    fn near_misses_are_suggested_once_per_code() {
        assert!(resolve("rate_limit_exeeded").is_none());
        let near = suggestions("rate_limit_exeeded", 3);
        assert_eq!(near.first().map(String::as_str), Some("`rate_limit_exceeded`"));
        let ids = near.iter().filter(|s| s.contains("rate_limit_exceeded")).count();
        assert_eq!(ids, 1, "{near:?}");
        assert!(suggestions("zzzzzzzzzzzzzzzzzzzz", 3).is_empty());
    }

    #[test]
    fn the_table_is_sorted_for_binary_search() {
        assert!(SPELLINGS.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(SPELLINGS.iter().all(|(_, i)| *i < CODES.len()));
    }
}
