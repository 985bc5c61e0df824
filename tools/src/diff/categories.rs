//! Categories compared: who has to act on the codes in them.

use super::change::{Changes, Place};
use super::section::CATEGORIES;
use super::{Rule, matching, text};
use errors_catalogue::Catalogue;
use errors_catalogue::model::Category;

pub(crate) fn compare(out: &mut Changes, old: &Catalogue, new: &Catalogue) {
    let m = matching::by_id(
        (old.categories(), new.categories()),
        |c, x| c.category(&x.id.value),
        |c| Some((c.meaning.clone(), c.fault)),
    );
    for (o, n) in &m.kept {
        fields(out, o, n);
    }
    for (o, n) in &m.renamed {
        CATEGORIES.renamed(out, &o.id.value, &n.id.value, n.id.referenced);
    }
    for o in &m.removed {
        CATEGORIES.removed(out, &o.id.value, &o.id.value, o.id.referenced);
    }
    for n in &m.added {
        CATEGORIES.added(out, &n.id.value, &n.id.value, n.id.referenced);
    }
}

fn fields(out: &mut Changes, old: &Category, new: &Category) {
    let entry = CATEGORIES.entry(&new.id.value);
    let at = new.id.referenced;
    text::reworded(out, &entry, "meaning", (&old.meaning, &new.meaning), at);
    text::reworded_list(out, &entry, "synonyms", (&old.synonyms, &new.synonyms), at);
    if old.fault != new.fault {
        let fault = |c: &Category| format!("{:?}", c.fault).to_lowercase();
        out.add(
            Rule::CategoryFaultChanged,
            &entry,
            Place::new(at),
            format!(
                "codes in `{}` now say that {} has to act, not {}",
                new.id.value,
                fault(new),
                fault(old)
            ),
            (Some(fault(old)), Some(fault(new))),
        );
    }
    if old.stop != new.stop {
        out.add(
            Rule::CategoryStopChanged,
            &entry,
            Place::new(at),
            format!(
                "a client that stops on a code of `{}` is now told to {}, not to {}",
                new.id.value,
                new.stop.as_str(),
                old.stop.as_str()
            ),
            (
                Some(old.stop.as_str().to_owned()),
                Some(new.stop.as_str().to_owned()),
            ),
        );
    }
}
