//! Sources compared: how each API authenticates, where its request id
//! travels and which error-body shapes it sends. A source whose id changes
//! but whose name stays is a rename.

use std::fmt::Write as _;

use super::change::{Changes, Place};
use super::section::SOURCES;
use super::{Rule, matching, text};
use errors_catalogue::Catalogue;
use errors_catalogue::model::{Auth, Body, Header, RequestIdCarrier, Source};

pub(crate) fn compare(out: &mut Changes, old: &Catalogue, new: &Catalogue) {
    let m = matching::by_id(
        (old.sources(), new.sources()),
        |c, s| c.source(&s.id.value),
        |s| Some(s.name.clone()),
    );
    SOURCES.report(out, &m, |e| &e.id, fields);
}

fn fields(out: &mut Changes, old: &Source, new: &Source) {
    let entry = SOURCES.entry(&new.id.value);
    let at = new.id.referenced;
    text::reworded(out, &entry, "name", (&old.name, &new.name), at);
    text::reworded(out, &entry, "summary", (&old.summary, &new.summary), at);
    let before: Vec<&str> = old.documents.iter().map(|d| d.value.as_str()).collect();
    let after: Vec<&str> = new.documents.iter().map(|d| d.value.as_str()).collect();
    text::trace(out, &entry, (&before, &after), at);

    let (before, after) = (auth(&old.auth), auth(&new.auth));
    if before != after {
        out.add(
            Rule::SourceAuthChanged,
            &entry,
            Place::new(at),
            format!(
                "clients of `{}` must send their credential differently",
                new.id.value
            ),
            (Some(before), Some(after)),
        );
    }
    let (before, after) = (request_id(&old.request_id), request_id(&new.request_id));
    if before != after {
        out.add(
            Rule::SourceRequestIdChanged,
            &entry,
            Place::new(at),
            format!(
                "the request id of `{}` is read from another place; support tickets quoting it need the new one",
                new.id.value
            ),
            (Some(before), Some(after)),
        );
    }

    let owner = format!("`{}`", new.id.value);
    bodies(out, &entry, &owner, (&old.bodies, &new.bodies));
    text::assumed(out, &entry, (&old.assumed, &new.assumed));
}

/// The body shapes of one owner (a source, or the catalogue's top level;
/// `owner` names it in messages) compared: shapes removed or added, and
/// each kept shape's places.
fn bodies(out: &mut Changes, entry: &str, owner: &str, (old, new): (&[Body], &[Body])) {
    for body in old {
        let shape = body.shape.value.as_str();
        match new.iter().find(|b| b.shape.value == body.shape.value) {
            None => out.add(
                Rule::BodyShapeRemoved,
                entry,
                Place::old(body.shape.referenced),
                format!(
                    "error bodies of {owner} in the {shape} shape are no longer parsed, so such responses lose their code",
                ),
                (Some(shape.to_owned()), None),
            ),
            Some(now) => {
                let field = format!("bodies.{shape}.example");
                text::reworded(out, entry, &field, (&body.example, &now.example), now.shape.referenced);
                text::assumed_flag(
                    out,
                    entry,
                    &format!("the {shape} body"),
                    (body.is_assumed(), now.is_assumed()),
                    now.shape.referenced,
                );
                places(out, entry, (body, now));
            }
        }
    }
    for body in new {
        if !old.iter().any(|b| b.shape.value == body.shape.value) {
            let shape = body.shape.value.clone();
            out.add(
                Rule::BodyShapeAdded,
                entry,
                Place::new(body.shape.referenced),
                format!("error bodies of {owner} in the {shape} shape are now parsed",),
                (None, Some(shape.clone())),
            );
        }
    }
}

/// What no source owns, compared as the sources' are: the shapes, the
/// request-id headers, and the other headers the classifier reads.
pub(crate) fn compare_top_level(out: &mut Changes, old: &Catalogue, new: &Catalogue) {
    let (old, new) = (old.raw(), new.raw());
    bodies(out, "bodies", "any API", (&old.bodies, &new.bodies));
    let (before, after) = (request_id(&old.request_id), request_id(&new.request_id));
    if before != after {
        out.add(
            Rule::SourceRequestIdChanged,
            "request_id",
            Place::new(new.version.referenced),
            "the request id of APIs no source describes is read from other headers; support tickets quoting it need the new one",
            (Some(before), Some(after)),
        );
    }
    let rule = |h: &Header| {
        let value = h
            .value
            .as_ref()
            .map_or(String::new(), |v| format!(" = {v}"));
        format!(
            "{}: {}{value}",
            h.name.value.to_ascii_lowercase(),
            h.means.value.as_str()
        )
    };
    let (before, after): (Vec<String>, Vec<String>) = (
        old.headers.iter().map(rule).collect(),
        new.headers.iter().map(rule).collect(),
    );
    for (header, text) in old.headers.iter().zip(&before) {
        if !after.contains(text) {
            out.add(
                Rule::HeaderRemoved,
                "headers",
                Place::old(header.name.referenced),
                format!(
                    "`{}` is no longer read as {}",
                    header.name.value,
                    header.means.value.as_str()
                ),
                (Some(text.clone()), None),
            );
        }
    }
    for (header, text) in new.headers.iter().zip(&after) {
        if !before.contains(text) {
            out.add(
                Rule::HeaderAdded,
                "headers",
                Place::new(header.name.referenced),
                format!(
                    "`{}` is now read as {}",
                    header.name.value,
                    header.means.value.as_str()
                ),
                (None, Some(text.clone())),
            );
        }
    }
}

/// One shape's places and alternatives compared: what it no longer reads
/// breaks the clients that relied on it; what it reads anew is news.
fn places(out: &mut Changes, entry: &str, (old, new): (&Body, &Body)) {
    let shape = &new.shape.value;
    let (was, at) = (old.shape.referenced, new.shape.referenced);
    let read = |body: &Body| -> Vec<(String, String)> {
        body.fields
            .entries
            .iter()
            .flat_map(|(field, places)| {
                places
                    .iter()
                    .map(move |p| (field.value.as_str().to_owned(), p.value.clone()))
            })
            .collect()
    };
    let (before, after) = (read(old), read(new));
    for (field, place) in before.iter().filter(|x| !after.contains(x)) {
        out.add(
            Rule::BodyPlaceRemoved,
            entry,
            Place::old(was),
            format!("bodies in the {shape} shape no longer have their {field} read at `{place}`"),
            (Some(format!("{field}: {place}")), None),
        );
    }
    for (field, place) in after.iter().filter(|x| !before.contains(x)) {
        out.add(
            Rule::BodyPlaceAdded,
            entry,
            Place::new(at),
            format!("bodies in the {shape} shape now have their {field} read at `{place}`"),
            (None, Some(format!("{field}: {place}"))),
        );
    }
    let alternatives = |body: &Body| -> Vec<String> {
        body.when
            .iter()
            .map(|alternative| {
                let mut tests: Vec<String> = alternative
                    .tests
                    .iter()
                    .map(|(place, test)| format!("{}: {}", place.value, test.value))
                    .collect();
                tests.sort();
                format!("{{{}}}", tests.join(", "))
            })
            .collect()
    };
    let (before, after) = (alternatives(old), alternatives(new));
    for alternative in before.iter().filter(|x| !after.contains(x)) {
        out.add(
            Rule::BodyPlaceRemoved,
            entry,
            Place::old(was),
            format!("bodies that are {alternative} are no longer recognised as the {shape} shape"),
            (Some(alternative.clone()), None),
        );
    }
    for alternative in after.iter().filter(|x| !before.contains(x)) {
        out.add(
            Rule::BodyPlaceAdded,
            entry,
            Place::new(at),
            format!("bodies that are {alternative} are now recognised as the {shape} shape"),
            (None, Some(alternative.clone())),
        );
    }
}

fn auth(auth: &Auth) -> String {
    let mut out = format!("header {}", auth.header);
    if !auth.schemes.is_empty() {
        let _ = write!(out, ", schemes {}", auth.schemes.join(" or "));
    }
    if let Some(format) = &auth.key_format {
        let _ = write!(out, ", key {format}");
    }
    out
}

fn request_id(carriers: &[RequestIdCarrier]) -> String {
    if carriers.is_empty() {
        return "none".into();
    }
    carriers
        .iter()
        .map(RequestIdCarrier::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}
