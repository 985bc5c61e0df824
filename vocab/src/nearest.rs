//! "Did you mean …?": the catalogue entries closest to a misspelling.

/// Longest query (in letters and digits) that is ranked at all. No name in
/// a catalogue comes near it, and a query this long is a pasted body, not
/// a misspelling: ranking it would only cost time (quadratic in the worst
/// case), so it gets no suggestions.
pub const MAX_RANKED_CHARS: usize = 256;

/// Up to `most` of `candidates` nearest to `query`, best first. Case and
/// separators are ignored, so `RateLimitExceeded` finds `rate_limit_exceeded`;
/// a candidate that contains the query (or the reverse) counts as close.
///
/// The work is bounded: a query over `MAX_RANKED_CHARS` (256) letters and digits is not ranked,
/// candidates whose length alone puts them too far are skipped, and the
/// distance stops being computed once it exceeds what would be kept.
#[must_use]
pub fn nearest<'a>(
    query: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    most: usize,
) -> Vec<&'a str> {
    let q: Vec<char> = fold(query);
    if q.is_empty() || q.len() > MAX_RANKED_CHARS {
        return Vec::new();
    }
    let q_text: String = q.iter().collect();
    let limit = (q.len() / 3).max(2);
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .filter_map(|c| {
            let f = fold(c);
            let f_text: String = f.iter().collect();
            // One name inside the other is close, when the shorter is not a
            // mere fragment (`OK` inside `CONTENT_BLOKED` is no match):
            // ranked by how much the longer adds, after nothing else.
            let (shorter, longer) = if f.len() <= q.len() {
                (&f, &q)
            } else {
                (&q, &f)
            };
            let contained = shorter.len() >= 4
                && shorter.len() * 2 >= longer.len()
                && (f_text.contains(&q_text) || q_text.contains(&f_text));
            let distance = if contained {
                (longer.len() - shorter.len()).min(limit)
            } else {
                levenshtein_within(&q, &f, limit)?
            };
            Some((distance, c))
        })
        .collect();
    scored.sort_unstable();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(most).map(|(_, c)| c).collect()
}

fn fold(s: &str) -> Vec<char> {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The edit distance between `a` and `b` if it is at most `limit`.
fn levenshtein_within(a: &[char], b: &[char], limit: usize) -> Option<usize> {
    // The distance is at least the difference in length.
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        let mut best = row[0];
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == cb {
                diagonal
            } else {
                1 + diagonal.min(above).min(row[j])
            };
            diagonal = above;
            best = best.min(row[j + 1]);
        }
        // Every later row is at least this row's minimum.
        if best > limit {
            return None;
        }
    }
    let distance = row[b.len()];
    (distance <= limit).then_some(distance)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_close_spellings() {
        let codes = ["rate_limit_exceeded", "not_found", "gone", "conflict"];
        assert_eq!(
            nearest("rate_limit_exeeded", codes, 3),
            ["rate_limit_exceeded"]
        );
        assert_eq!(
            nearest("RateLimitExceeded", codes, 3),
            ["rate_limit_exceeded"]
        );
        assert_eq!(nearest("notfound", codes, 3), ["not_found"]);
        assert!(nearest("zzzzzzzzzzzz", codes, 3).is_empty());
        assert!(nearest("", codes, 3).is_empty());
        assert!(nearest("!!!", codes, 3).is_empty());
    }

    #[test]
    fn a_very_long_query_is_not_ranked() {
        let long = "rate_limit_exceeded".repeat(5_000);
        assert!(nearest(&long, ["rate_limit_exceeded"], 3).is_empty());
    }

    #[test]
    fn the_bounded_distance_agrees_with_the_full_one() {
        let pairs = [
            ("kitten", "sitting", 3),
            ("", "abc", 3),
            ("abc", "abc", 0),
            ("flaw", "lawn", 2),
        ];
        for (a, b, d) in pairs {
            let (a, b) = (fold(a), fold(b));
            assert_eq!(levenshtein_within(&a, &b, 10), Some(d));
            assert_eq!(levenshtein_within(&a, &b, d), Some(d));
            if d > 0 {
                assert_eq!(levenshtein_within(&a, &b, d - 1), None);
            }
        }
    }
}
