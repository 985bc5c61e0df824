//! Sources compared: how each API authenticates, where its request id
//! travels and which error-body shapes it sends. A source whose id changes
//! but whose name stays is a rename.

use std::fmt::Write as _;

use super::change::{Changes, Place};
use super::section::{SOURCES, snake};
use super::{Rule, matching, text};
use crate::Catalogue;
use crate::model::{Auth, RequestIdCarrier, Source};

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

    for body in &old.bodies {
        let shape = format!("{:?}", body.shape.value);
        match new.bodies.iter().find(|b| b.shape.value == body.shape.value) {
            None => out.add(
                Rule::BodyShapeRemoved,
                &entry,
                Place::old(body.shape.referenced),
                format!(
                    "error bodies of `{}` in the {} shape are no longer parsed, so such responses lose their code",
                    new.id.value,
                    snake(&shape)
                ),
                (Some(snake(&shape)), None),
            ),
            Some(now) => {
                let field = format!("bodies.{}.example", snake(&shape));
                text::reworded(out, &entry, &field, (&body.example, &now.example), now.shape.referenced);
                text::assumed_flag(
                    out,
                    &entry,
                    &format!("the {} body", snake(&shape)),
                    (body.assumed, now.assumed),
                    now.shape.referenced,
                );
            }
        }
    }
    for body in &new.bodies {
        if !old.bodies.iter().any(|b| b.shape.value == body.shape.value) {
            let shape = snake(&format!("{:?}", body.shape.value));
            out.add(
                Rule::BodyShapeAdded,
                &entry,
                Place::new(body.shape.referenced),
                format!(
                    "error bodies of `{}` in the {shape} shape are now parsed",
                    new.id.value
                ),
                (None, Some(shape.clone())),
            );
        }
    }
    text::assumed(out, &entry, (&old.assumed, &new.assumed));
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
        .map(|c| match c {
            RequestIdCarrier::Header(h) => format!("header {h}"),
            RequestIdCarrier::BodyField(f) => format!("body field {f}"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}
