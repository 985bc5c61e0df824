//! Pairing the entries of two catalogues: by id, and, among the entries
//! left over on each side, by a signature that survives a rename.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use errors_catalogue::Catalogue;
use errors_catalogue::{Ref, Section};

/// The entries of one section, paired.
pub(crate) struct Matched<'a, T> {
    /// Same id on both sides: `(old, new)`, in old order.
    pub(crate) kept: Vec<(&'a T, &'a T)>,
    /// A different id but the same signature, one to one: `(old, new)`.
    pub(crate) renamed: Vec<(&'a T, &'a T)>,
    /// Only in the old catalogue.
    pub(crate) removed: Vec<&'a T>,
    /// Only in the new catalogue.
    pub(crate) added: Vec<&'a T>,
}

/// Pairs one section of two catalogues ([`pair`]) by id, through each
/// catalogue's index: `same_id(c, entry)` is the entry of `c` with the id
/// of `entry` (`|c, s| c.source(&s.id.value)`).
pub(crate) fn by_id<'a, T, S>(
    (old, new): (Section<'a, T>, Section<'a, T>),
    same_id: impl Fn(&'a Catalogue, &T) -> Option<Ref<'a, T>>,
    signature: impl Fn(&T) -> Option<S>,
) -> Matched<'a, T>
where
    S: Eq + Hash,
{
    pair(
        old.entries(),
        new.entries(),
        |o| same_id(new.catalogue(), o).map(Ref::entry),
        |n| same_id(old.catalogue(), n).is_some(),
        signature,
    )
}

/// Pairs `old` with `new` by id (`in_new` finds an old entry's
/// counterpart, `in_old` says whether a new one has one); then pairs a removed entry with an added
/// one when `signature` gives both the same value and no other leftover
/// entry on either side shares it (an ambiguous signature proves nothing).
/// A `None` signature never pairs.
pub(crate) fn pair<'a, T, S>(
    old: &'a [T],
    new: &'a [T],
    in_new: impl Fn(&T) -> Option<&'a T>,
    in_old: impl Fn(&T) -> bool,
    signature: impl Fn(&T) -> Option<S>,
) -> Matched<'a, T>
where
    S: Eq + Hash,
{
    let mut kept = Vec::new();
    let mut removed = Vec::new();
    for o in old {
        match in_new(o) {
            Some(n) => kept.push((o, n)),
            None => removed.push(o),
        }
    }
    let mut added: Vec<&T> = new.iter().filter(|n| !in_old(n)).collect();

    let mut old_sigs: HashMap<S, usize> = HashMap::new();
    for o in &removed {
        if let Some(s) = signature(o) {
            *old_sigs.entry(s).or_default() += 1;
        }
    }
    let mut new_sigs: HashMap<S, Vec<usize>> = HashMap::new();
    for (i, n) in added.iter().enumerate() {
        if let Some(s) = signature(n) {
            new_sigs.entry(s).or_default().push(i);
        }
    }
    let mut renamed = Vec::new();
    let mut taken = HashSet::new();
    removed.retain(|o| {
        let Some(s) = signature(o) else { return true };
        match (old_sigs.get(&s), new_sigs.get(&s).map(Vec::as_slice)) {
            (Some(1), Some(&[i])) => {
                renamed.push((*o, added[i]));
                taken.insert(i);
                false
            }
            _ => true,
        }
    });
    let mut index = 0;
    added.retain(|_| {
        let keep = !taken.contains(&index);
        index += 1;
        keep
    });
    Matched {
        kept,
        renamed,
        removed,
        added,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unique_signature_pairs_and_an_ambiguous_one_does_not() {
        let old = [("a", 1), ("b", 2), ("c", 3), ("d", 3)];
        let new = [("a", 1), ("x", 2), ("y", 3), ("z", 3)];
        let in_new = |o: &(&str, i32)| new.iter().find(|n| n.0 == o.0);
        let in_old = |n: &(&str, i32)| old.iter().any(|o| o.0 == n.0);
        let m = pair(&old, &new, in_new, in_old, |e| Some(e.1));
        assert_eq!(m.kept.len(), 1);
        assert_eq!(m.renamed, vec![(&old[1], &new[1])]);
        assert_eq!(m.removed, vec![&old[2], &old[3]]);
        assert_eq!(m.added, vec![&new[2], &new[3]]);
    }
}
