//! The catalogue's own facts: the documents it is written from and its
//! `release`.

use super::change::{Changes, Place};
use super::{Rule, text};
use errors_catalogue::Catalogue;

pub(crate) fn compare(out: &mut Changes, old: &Catalogue, new: &Catalogue) {
    for document in old.documents() {
        let entry = format!("documents.{}", document.id.value);
        match new.document(document.id()) {
            None => out.add(
                Rule::TraceChanged,
                entry,
                Place::old(document.id.referenced),
                format!(
                    "document `{}` ({}) is no longer one the catalogue is written from",
                    document.id.value, document.title
                ),
                (Some(document.title.clone()), None),
            ),
            Some(now) => text::reworded(
                out,
                &entry,
                "title",
                (&document.title, &now.title),
                now.id.referenced,
            ),
        }
    }
    for document in new.documents() {
        if old.document(document.id()).is_none() {
            out.add(
                Rule::TraceChanged,
                format!("documents.{}", document.id.value),
                Place::new(document.id.referenced),
                format!(
                    "document `{}` ({}) is now one the catalogue is written from",
                    document.id.value, document.title
                ),
                (None, Some(document.title.clone())),
            );
        }
    }
    let (before, after) = (old.raw().release.value, new.raw().release.value);
    if before != after {
        let message = if after > before {
            format!("release {after} is a new major version: it acknowledges breaking changes")
        } else {
            format!("release went down from {before} to {after}; releases only go up")
        };
        out.add(
            Rule::ReleaseChanged,
            "release",
            Place::new(new.raw().release.referenced),
            message,
            (Some(before.to_string()), Some(after.to_string())),
        );
    }
}
