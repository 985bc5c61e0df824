//! One way of matching a query to entries, for `explain` and for the
//! reference site's search box.
//!
//! The catalogue's side of matching (what each entry is called, the words
//! that describe it, folded) is computed here once, from the catalogue's
//! [`Export`] (the data `taxonomy export` gives clients in other
//! languages, so the page's index is no second serialisation of the
//! catalogue): `explain` ranks over it directly and the site embeds it
//! ([`Index::script`]), so the page folds no catalogue text of its own. The page's script (`site/search.js`) repeats
//! only [`rank`]'s rules over a query, and a test runs both over a table of
//! queries and compares the whole ranking (tests/tests/site_search.rs).
//!
//! A query is folded ([`fold`]: lower case, anything that is not a letter
//! or digit separates words) and each entry scores by the best of, in
//! order of what a person most likely meant:
//! 1. a name is the query ([`Tier::Exact`]), or, for a three-digit status
//!    no document names, the status class that holds it;
//! 2. a name starts with the query ([`Tier::Prefix`]);
//! 3. the query starts a word of a name ([`Tier::Word`]);
//! 4. a name is the query misspelt, both without spaces: one edit away
//!    (two for a query of eight letters or more) ([`Tier::Typo`]);
//! 5. the query starts a word of the entry's description ([`Tier::Phrase`]);
//! 6. some of the query's words (stop words left out) start a word of a
//!    name or of the description, or are one edit from such a word
//!    ([`Tier::Words`]), each word weighing more the fewer entries it
//!    matches, so `the model is currently loading` puts first what
//!    `loading` means.
//!
//! Ties keep catalogue order (statuses, codes, error types, task statuses,
//! sources, limits, status classes). Names are an entry's id and title,
//! its wire spellings, its messages without their variable parts, its
//! request fields, a status's reason phrase and each document's label for
//! it; the description is its meaning, causes, remedies, user message,
//! documents' summaries, a source's headers, a limit's scope, its
//! category, and the category's `synonyms` (words people use that the
//! documents do not).

use serde::Serialize;

use super::find::fixed_text;
use crate::export::Export;
use errors_catalogue::Catalogue;
use errors_catalogue::EntryKind;

/// Queries longer than this (in characters, folded) are a pasted body,
/// not something a person typed: only exact names answer them.
pub(crate) const MAX_QUERY_CHARS: usize = errors_vocab::MAX_RANKED_CHARS;

/// Words of a query that say nothing about which entry is meant.
pub(crate) const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "i", "in", "is",
    "it", "my", "of", "on", "or", "the", "this", "to", "was", "what", "when", "why", "with",
];

/// How an entry matched, best first; the score's leading part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Tier {
    Words = 1,
    Phrase = 2,
    Typo = 3,
    Word = 4,
    Prefix = 5,
    Exact = 6,
}

impl Tier {
    /// Every tier, for the page's copy of the rules.
    const ALL: [Tier; 6] = [
        Tier::Exact,
        Tier::Prefix,
        Tier::Word,
        Tier::Typo,
        Tier::Phrase,
        Tier::Words,
    ];

    /// A score's leading part: every score of a better tier is higher
    /// than any score of a worse one (a tier's own part stays below it).
    pub(crate) const fn base(self) -> u32 {
        self as u32 * TIER_STEP
    }

    fn name(self) -> &'static str {
        match self {
            Tier::Exact => "exact",
            Tier::Prefix => "prefix",
            Tier::Word => "word",
            Tier::Typo => "typo",
            Tier::Phrase => "phrase",
            Tier::Words => "words",
        }
    }
}

/// The room each tier leaves for its own ranking (a typo's distance, the
/// weight of the words that matched).
const TIER_STEP: u32 = 1_000_000;

/// At most this many words of a query count, so a tier's own part stays
/// below [`TIER_STEP`] whatever the catalogue's size.
const MAX_TERMS: usize = 8;

/// One entry as matching sees it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Record {
    /// Anchor on the reference site.
    #[serde(rename = "a")]
    pub anchor: String,
    /// Kind, in words.
    #[serde(rename = "k")]
    pub kind_label: &'static str,
    /// Title.
    #[serde(rename = "t")]
    pub title: String,
    /// What it means, shown under the title in the site's results.
    #[serde(rename = "d")]
    pub description: String,
    /// Names, folded.
    #[serde(rename = "n")]
    pub names: Vec<String>,
    /// The description's words, folded.
    #[serde(rename = "w")]
    pub prose: String,
    /// For a status class: the statuses it holds.
    #[serde(rename = "r", skip_serializing_if = "Option::is_none")]
    pub range: Option<(u16, u16)>,
    /// What the entry is, and its id (not on the page).
    #[serde(skip)]
    pub kind: EntryKind,
    #[serde(skip)]
    pub id: String,
    /// Each name as shown and what it is, beside `names` (not on the page).
    #[serde(skip)]
    pub shown: Vec<(String, String)>,
}

/// Every entry's record, in catalogue order.
pub(crate) struct Index {
    records: Vec<Record>,
}

/// An entry a query matched, with its score.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct SearchHit {
    /// What the entry is.
    pub kind: EntryKind,
    /// Its id, which `explain` answers with alone.
    pub id: String,
    /// Its anchor on the reference site.
    pub anchor: String,
    /// Higher is better; equal scores keep catalogue order. The same
    /// figure the site's search computes for the query.
    pub score: u32,
    /// How the query matched it, in words.
    pub matched: String,
}

impl Index {
    /// The records of every entry `catalogue` explains.
    pub(crate) fn new(catalogue: &Catalogue) -> Self {
        Self::from_export(&Export::new(catalogue))
    }

    /// The records of every entry of an export: the site's search is
    /// built from the same data `taxonomy export` gives other languages.
    pub(crate) fn from_export(export: &Export) -> Self {
        Index {
            records: records(export),
        }
    }

    /// The entries `query` matches, best first.
    pub(crate) fn rank(&self, query: &str) -> Vec<SearchHit> {
        let q = fold(query);
        if q.is_empty() || q.chars().count() > MAX_QUERY_CHARS {
            return Vec::new();
        }
        let terms = terms(&q);
        // How many entries each word matches: a word most entries share
        // says little about which one is meant.
        let matching: Vec<usize> = terms
            .iter()
            .map(|t| self.records.iter().filter(|r| term_matches(r, t)).count())
            .collect();
        let total = self.records.len();
        let uncatalogued =
            status_number(&q).filter(|_| !self.records.iter().any(|r| r.names.contains(&q)));
        let mut hits: Vec<(usize, SearchHit)> = Vec::new();
        for (order, r) in self.records.iter().enumerate() {
            let found = match uncatalogued {
                Some(n) if r.range.is_some_and(|(lo, hi)| (lo..=hi).contains(&n)) => Some((
                    Tier::Exact.base(),
                    format!("status {n}, which no document names: explained from its class"),
                )),
                _ => score(r, &q, &terms, &matching, total),
            };
            if let Some((score, matched)) = found {
                hits.push((
                    order,
                    SearchHit {
                        kind: r.kind,
                        id: r.id.clone(),
                        anchor: r.anchor.clone(),
                        score,
                        matched,
                    },
                ));
            }
        }
        hits.sort_by(|(a_order, a), (b_order, b)| b.score.cmp(&a.score).then(a_order.cmp(b_order)));
        hits.into_iter().map(|(_, hit)| hit).collect()
    }

    /// `const INDEX = {...};`: the records and the figures the page's
    /// copy of the rules needs, safe inside a `<script>` element.
    pub(crate) fn script(&self) -> String {
        #[derive(Serialize)]
        struct Page<'a> {
            max_query_chars: usize,
            stop_words: &'a [&'a str],
            tier_step: u32,
            max_terms: usize,
            tiers: std::collections::BTreeMap<&'static str, u32>,
            records: &'a [Record],
        }
        let page = Page {
            max_query_chars: MAX_QUERY_CHARS,
            stop_words: STOP_WORDS,
            tier_step: TIER_STEP,
            max_terms: MAX_TERMS,
            tiers: Tier::ALL.iter().map(|t| (t.name(), t.base())).collect(),
            records: &self.records,
        };
        // serde_json escapes quotes and control characters; `<`, `>` and
        // `&` are escaped too so no string can close the script element or
        // open a comment. JSON only has them inside strings, where
        // `\u003c` means `<`.
        let json = serde_json::to_string(&page)
            .unwrap_or_else(|_| "{}".to_string())
            .replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026")
            .replace('\u{2028}', "\\u2028")
            .replace('\u{2029}', "\\u2029");
        format!("const INDEX = {json};")
    }
}

/// The best tier at which `r` matches, its score and how, in words.
fn score(
    r: &Record,
    q: &str,
    terms: &[String],
    matching: &[usize],
    total: usize,
) -> Option<(u32, String)> {
    let mut best: Option<(Tier, usize)> = None;
    for (i, name) in r.names.iter().enumerate() {
        let tier = if name == q {
            Tier::Exact
        } else if name.starts_with(q) {
            Tier::Prefix
        } else if at_word_start(name, q) {
            Tier::Word
        } else {
            continue;
        };
        if best.is_none_or(|(b, _)| tier > b) {
            best = Some((tier, i));
        }
    }
    if let Some((tier, i)) = best {
        let (shown, what) = &r.shown[i];
        return Some((tier.base(), format!("`{q}` in {what} \"{shown}\"")));
    }
    // Spelt without the spaces folding put in, so `RateLimitExceded`
    // meets `rate_limit_exceeded`.
    let joined = q.replace(' ', "");
    let most = typo_allowance(&joined);
    if most > 0 {
        let nearest = r
            .names
            .iter()
            .enumerate()
            .filter_map(|(i, name)| {
                distance_within(&joined, &name.replace(' ', ""), most).map(|d| (d, i))
            })
            .min();
        if let Some((d, i)) = nearest {
            let (shown, what) = &r.shown[i];
            // A nearer spelling ranks higher within the tier.
            let score = Tier::Typo.base() + (most + 1 - d) as u32;
            return Some((score, format!("`{q}` is spelt like {what} \"{shown}\"")));
        }
    }
    if at_word_start(&r.prose, q) {
        return Some((Tier::Phrase.base(), format!("`{q}` in its description")));
    }
    let mut weight = 0u32;
    let mut found: Vec<&str> = Vec::new();
    for (t, &n) in terms.iter().zip(matching) {
        if term_matches(r, t) {
            weight += (total - n + 1) as u32;
            found.push(t);
        }
    }
    (!found.is_empty()).then(|| {
        let words = found
            .iter()
            .map(|w| format!("`{w}`"))
            .collect::<Vec<_>>()
            .join(", ");
        (
            Tier::Words.base() + weight,
            format!("{words} in its names or description"),
        )
    })
}

/// Whether a word of the query starts a word of a name or of the
/// description, or (five characters or more) is one edit from one.
fn term_matches(r: &Record, term: &str) -> bool {
    let texts = || r.names.iter().map(String::as_str).chain([r.prose.as_str()]);
    if texts().any(|text| at_word_start(text, term)) {
        return true;
    }
    term.chars().count() >= 5
        && texts()
            .flat_map(|text| text.split(' '))
            .any(|word| distance_within(term, word, 1).is_some())
}

/// The query's words that count: stop words left out, each once, at most
/// [`MAX_TERMS`].
fn terms(q: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in q.split(' ') {
        if !STOP_WORDS.contains(&word) && !out.iter().any(|w| w == word) {
            out.push(word.to_string());
        }
    }
    out.truncate(MAX_TERMS);
    out
}

/// How many edits a whole-name typo may have: none for a query under four
/// characters (too many names are that close), one under eight, else two.
fn typo_allowance(q: &str) -> usize {
    match q.chars().count() {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// A three-digit query's number.
fn status_number(q: &str) -> Option<u16> {
    (q.len() == 3 && q.bytes().all(|b| b.is_ascii_digit()))
        .then(|| q.parse().ok())
        .flatten()
}

/// Lower-case words separated by single spaces; anything that is not a
/// letter or digit separates (`Rate_Limit-exceeded:` → `rate limit exceeded`).
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Whether `needle` occurs in `haystack` where a word starts.
pub(crate) fn at_word_start(haystack: &str, needle: &str) -> bool {
    haystack
        .match_indices(needle)
        .any(|(i, _)| i == 0 || haystack.as_bytes()[i - 1] == b' ')
}

/// The optimal string alignment distance of `a` and `b` (insertions,
/// deletions, substitutions and swaps of neighbours, in characters), when
/// it is at most `most`.
fn distance_within(a: &str, b: &str, most: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > most {
        return None;
    }
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for (j, cell) in d.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        d[i * width] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = v;
        }
    }
    let distance = d[a.len() * width + b.len()];
    (distance <= most).then_some(distance)
}

/// A record being built: an entry's names (each with what it is) and the
/// text of its description.
struct Draft {
    kind: EntryKind,
    id: String,
    anchor: String,
    title: String,
    description: String,
    shown: Vec<(String, String)>,
    words: Vec<String>,
    range: Option<(u16, u16)>,
}

impl Draft {
    fn new(kind: EntryKind, id: &str, anchor: &str, title: String, description: &str) -> Self {
        let mut draft = Draft {
            kind,
            id: id.to_string(),
            anchor: anchor.to_string(),
            title: title.clone(),
            description: description.to_string(),
            shown: Vec::new(),
            words: vec![description.to_string()],
            range: None,
        };
        draft.name(id, kind.label().to_lowercase());
        draft.name(&title, "title".to_string());
        draft
    }

    fn name(&mut self, text: &str, what: String) {
        if !text.trim().is_empty() {
            self.shown.push((text.to_string(), what));
        }
    }

    fn words<'a>(&mut self, texts: impl IntoIterator<Item = &'a String>) {
        self.words.extend(texts.into_iter().cloned());
    }

    /// A category's id and synonyms, as words of the description.
    fn category(&mut self, export: &Export, id: Option<&str>) {
        if let Some(category) = id.and_then(|id| export.categories.iter().find(|k| k.id == id)) {
            self.words.push(category.id.clone());
            self.words.extend(category.synonyms.iter().cloned());
        }
    }

    fn record(self) -> Record {
        Record {
            names: self.shown.iter().map(|(text, _)| fold(text)).collect(),
            prose: fold(&self.words.join(" ")),
            anchor: self.anchor,
            kind_label: self.kind.label(),
            title: self.title,
            description: self.description,
            range: self.range,
            kind: self.kind,
            id: self.id,
            shown: self.shown,
        }
    }
}

/// Every entry's record, in catalogue order: statuses, codes, error types,
/// task statuses, sources, limits, status classes.
fn records(export: &Export) -> Vec<Record> {
    let mut out = Vec::new();
    for s in &export.statuses {
        let id = s.status.to_string();
        let title = format!("{} {}", s.status, s.reason);
        let mut d = Draft::new(EntryKind::Status, &id, &s.anchor, title, &s.meaning);
        d.name(&s.reason, "reason phrase".to_string());
        for v in &s.views {
            d.name(&v.label, format!("the label of source `{}`", v.source));
            d.words.push(v.summary.clone());
            d.words(&v.causes);
            d.words(&v.remedies);
        }
        d.words(&s.user_message);
        d.category(export, s.category.as_deref());
        out.push(d.record());
    }
    for code in &export.codes {
        let mut d = Draft::new(
            EntryKind::Code,
            &code.id,
            &code.anchor,
            code.id.clone(),
            &code.meaning,
        );
        for w in &code.wire {
            if let Some(spelling) = &w.code {
                d.name(spelling, format!("wire code of source `{}`", w.source));
            }
            if let Some(message) = &w.message {
                d.name(
                    &fixed_text(message),
                    format!("message of source `{}`", w.source),
                );
            }
        }
        for f in &code.request_fields {
            d.name(&f.name, "request field".to_string());
        }
        d.words(&code.causes);
        d.words(&code.remedies);
        d.words.push(code.user_message.clone());
        d.category(export, Some(&code.category));
        out.push(d.record());
    }
    for e in &export.error_types {
        let mut d = Draft::new(
            EntryKind::ErrorType,
            &e.id,
            &e.anchor,
            e.id.clone(),
            &e.meaning,
        );
        d.words(&e.remedies);
        if let Some(code) = export.codes.iter().find(|c| c.id == e.code) {
            d.words.push(code.user_message.clone());
            d.category(export, Some(&code.category));
        }
        out.push(d.record());
    }
    for t in &export.task_statuses {
        let mut d = Draft::new(
            EntryKind::TaskStatus,
            &t.id,
            &t.anchor,
            t.id.clone(),
            &t.meaning,
        );
        d.words.push(t.next_step.clone());
        out.push(d.record());
    }
    for s in &export.sources {
        let anchor = errors_catalogue::anchor(EntryKind::Source, &s.id);
        let mut d = Draft::new(
            EntryKind::Source,
            &s.id,
            &anchor,
            s.name.clone(),
            &s.summary,
        );
        d.words.push(s.auth.header.clone());
        d.words(&s.request_id_headers);
        out.push(d.record());
    }
    for l in &export.limits {
        let mut d = Draft::new(EntryKind::Limit, &l.id, &l.anchor, l.id.clone(), &l.meaning);
        d.words.push(l.scope.clone());
        out.push(d.record());
    }
    for class in &export.status_classes {
        let title = format!("{} {}", class.id, class.name);
        let mut d = Draft::new(
            EntryKind::StatusClass,
            &class.id,
            &class.anchor,
            title,
            &class.meaning,
        );
        d.words.push(class.remedy.clone());
        d.range = Some((class.first, class.last));
        out.push(d.record());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_case_and_separators() {
        assert_eq!(fold("Rate_Limit-exceeded:"), "rate limit exceeded");
        assert_eq!(fold("  App not found: "), "app not found");
        assert!(at_word_start("app not found", "not fo"));
        assert!(!at_word_start("cannot found", "not"));
    }

    #[test]
    fn distances_count_swaps_as_one_edit() {
        assert_eq!(distance_within("bloked", "blocked", 1), Some(1));
        assert_eq!(distance_within("lcoked", "locked", 1), Some(1));
        assert_eq!(distance_within("abc", "abcde", 1), None);
        assert_eq!(distance_within("kitten", "sitting", 3), Some(3));
    }

    #[test]
    fn stop_words_and_repeats_do_not_count() {
        assert_eq!(
            terms("the model is currently loading the model"),
            ["model", "currently", "loading"]
        );
    }

    #[test]
    fn tiers_never_overlap() {
        // The most a tier's own part can add stays below the next tier.
        let most_words = MAX_TERMS as u32 * 100_000;
        assert!(most_words < TIER_STEP);
        assert!(Tier::Words.base() + most_words < Tier::Phrase.base());
    }
}
