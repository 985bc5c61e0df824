//! "Did you mean …?": the catalogue entries closest to a misspelling.

/// Up to `most` of `candidates` nearest to `query`, best first. Case and
/// separators are ignored, so `RateLimitExceeded` finds `rate_limit_exceeded`;
/// a candidate that contains the query (or the reverse) counts as close.
#[must_use]
pub fn nearest<'a>(
    query: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    most: usize,
) -> Vec<&'a str> {
    let q = fold(query);
    let limit = (q.chars().count() / 3).max(2);
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .filter_map(|c| {
            let f = fold(c);
            let distance = if !q.is_empty() && (f.contains(&q) || q.contains(&f)) {
                0
            } else {
                levenshtein(&q, &f)
            };
            (distance <= limit).then_some((distance, c))
        })
        .collect();
    scored.sort_unstable();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(most).map(|(_, c)| c).collect()
}

fn fold(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == *cb {
                diagonal
            } else {
                1 + diagonal.min(above).min(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
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
    }
}
