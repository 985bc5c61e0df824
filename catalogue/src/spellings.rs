//! How a text names a code: per source (`from_wire`) and across sources
//! (`lookup`). One index, built here, for the generated matchers
//! (errors-codegen) and for tables built at run time (errors-tools): exact
//! spellings by text, then message patterns (a `{name}` part matches any
//! filling) in catalogue order.

use std::collections::BTreeMap;

use crate::Catalogue;
use crate::pattern::Pattern;

/// Spellings of one kind, grouped: exact strings and message patterns,
/// each naming a code by its position in the catalogue.
#[derive(Default)]
pub struct Spellings<'a> {
    /// Text → the codes it names (validation leaves one; the first wins).
    pub exact: BTreeMap<&'a str, Vec<usize>>,
    /// Message patterns in catalogue order; the first that matches wins.
    pub patterns: Vec<(Pattern<'a>, usize)>,
}

impl<'a> Spellings<'a> {
    fn add(&mut self, text: &'a str, code: usize) {
        match Pattern::parse(text) {
            Ok(p) if !p.is_exact() => self.patterns.push((p, code)),
            _ => {
                let list = self.exact.entry(text).or_default();
                if !list.contains(&code) {
                    list.push(code);
                }
            }
        }
    }

    /// The code `text` names here: an exact spelling first, then the first
    /// pattern that matches (the generated matchers' rule).
    pub fn find(&self, text: &str) -> Option<usize> {
        if let Some(&code) = self.exact.get(text).and_then(|codes| codes.first()) {
            return Some(code);
        }
        self.patterns
            .iter()
            .find(|(pattern, _)| pattern.matches(text))
            .map(|&(_, code)| code)
    }

    /// Each source's spellings, by source position (`from_wire`).
    pub fn per_source(catalogue: &'a Catalogue) -> Vec<Self> {
        let mut per_source: Vec<Self> = catalogue
            .sources()
            .iter()
            .map(|_| Self::default())
            .collect();
        for code in catalogue.codes().iter() {
            for spelling in code.spellings() {
                if let Some(spellings) = per_source.get_mut(spelling.source.position()) {
                    spellings.add(&spelling.text.value, code.position());
                }
            }
        }
        per_source
    }

    /// Every code's canonical id and every spelling of any source (`lookup`).
    pub fn all(catalogue: &'a Catalogue) -> Self {
        let mut all = Self::default();
        for code in catalogue.codes().iter() {
            all.add(code.id(), code.position());
            for spelling in code.spellings() {
                all.add(&spelling.text.value, code.position());
            }
        }
        all
    }
}
