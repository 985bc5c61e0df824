//! A JSON body's shape, recognised from the catalogue's declarations
//! ([`Shape::when`]), and its fields read from where the shape places them
//! ([`Shape::fields`]). No provider is named here: every fact is a table
//! the generator wrote from the catalogue (docs/body-shapes.md).

use std::borrow::Cow;
use std::time::Duration;

use super::found::{Found, Held};
use super::result::Extra;
use super::{Dialect, Reading, Reported, take_string};
use crate::wire::headers::RetryAfter;
use crate::wire::shape::{BodyField, Check, Identifies, Test};
use crate::{Code, ErrorType, Shape, Source, TaskStatus};

/// Recognises the body's shape and reads what it says into `r`. A body no
/// shape matches stays [`Dialect::UnknownJson`].
pub(super) fn read<'a>(r: &mut Reading<'_, 'a>, found: &mut [Found<'a>]) {
    let Some(shape) = choose(found) else {
        return;
    };
    r.out.dialect = Dialect::Declared(shape);
    let source = shape.source();
    let places = |field: BodyField| {
        shape
            .fields()
            .iter()
            .find(|f| f.field == field)
            .map_or(&[][..], |f| f.places)
    };

    let wire_code = take_string(found, places(BodyField::Code));
    let message = take_string(found, places(BodyField::Message));
    let error_type = take_string(found, places(BodyField::ErrorType)).map(|raw| {
        match ErrorType::from_name(&raw) {
            Some(known) => Reported::Known(known),
            None => Reported::Unknown(raw),
        }
    });
    r.out.task_status = take_string(found, places(BodyField::TaskStatus)).map(|raw| {
        match TaskStatus::from_name(&raw) {
            Some(known) => Reported::Known(known),
            None => Reported::Unknown(raw),
        }
    });
    r.out.kind = take_string(found, places(BodyField::Kind));
    r.out.body_request_id = take_string(found, places(BodyField::RequestId));

    // The code: the task's `error_type`'s, else the one the shape's source
    // spells this way, else the one the source of another shape the body
    // also matches spells (a body may fit several sources' shapes), else any
    // source's spelling or the canonical id.
    let texts = [wire_code.as_deref(), message.as_deref()];
    let spelled = source
        .and_then(|source| spelled_by(source, texts).map(|code| (source, code)))
        .or_else(|| {
            Shape::ALL
                .iter()
                .filter(|other| other.source() != source && matches(found, **other).is_some())
                .find_map(|other| {
                    let source = other.source()?;
                    spelled_by(source, texts).map(|code| (source, code))
                })
        });
    let (spelled_source, spelled) = (spelled.map(|(s, _)| s), spelled.map(|(_, c)| c));
    r.code = error_type
        .as_ref()
        .and_then(Reported::known)
        .map(ErrorType::code)
        .or(spelled)
        .or_else(|| texts.iter().flatten().find_map(|text| Code::lookup(text)));
    let identified = match shape.identifies_source() {
        Identifies::BySpelling => false,
        Identifies::Always => true,
        Identifies::ByPlaces(places) => places.iter().any(|&p| present(found, p)),
    };
    r.out.source = spelled_source.or(source.filter(|_| identified));
    // A task answer reports a failed task when it carries an error.
    r.task_failed = r.out.task_status.is_some()
        && (wire_code.is_some() || message.is_some() || error_type.is_some());
    r.out.wire_code = wire_code;
    r.out.message = message;
    r.out.error_type = error_type;

    let extra = Extra {
        run_id: take_string(found, places(BodyField::RunId)),
        task_id: take_string(found, places(BodyField::TaskId)),
        queue_position: places(BodyField::QueuePosition)
            .iter()
            .find_map(|&p| found.get(usize::from(p)).and_then(|f| f.count)),
        status_url: take_string(found, places(BodyField::StatusUrl)),
        response_url: take_string(found, places(BodyField::ResponseUrl)),
        request_field: request_field(found, places(BodyField::RequestField)),
        retry_after: places(BodyField::RetryAfter)
            .iter()
            .find_map(|&p| found.get(usize::from(p)).and_then(wait)),
    };
    if extra != Extra::default() {
        r.out.extra = Some(Box::new(extra));
    }
}

/// The shape the body is: among the shapes one of whose alternatives holds
/// whole, one whose source spells the body's code or message, else the
/// one whose alternative has the most tests, else the first in the file.
fn choose(found: &[Found<'_>]) -> Option<Shape> {
    let mut best: Option<(bool, usize, Shape)> = None;
    for &shape in Shape::ALL {
        let source = shape.source();
        let Some(tests) = matches(found, shape) else {
            continue;
        };
        let spelled = source.is_some_and(|source| {
            let text = |field| {
                shape
                    .fields()
                    .iter()
                    .find(|f| f.field == field)
                    .and_then(|f| {
                        f.places
                            .iter()
                            .find_map(|&p| found.get(usize::from(p)).and_then(Found::string))
                    })
            };
            spelled_by(source, [text(BodyField::Code), text(BodyField::Message)]).is_some()
        });
        let better = best.is_none_or(|(best_spelled, best_tests, _)| {
            (spelled, tests) > (best_spelled, best_tests)
        });
        if better {
            best = Some((spelled, tests, shape));
        }
    }
    best.map(|(_, _, shape)| shape)
}

/// Whether the body is of `shape`: the number of tests of its largest
/// alternative that holds whole.
fn matches(found: &[Found<'_>], shape: Shape) -> Option<usize> {
    let source = shape.source();
    shape
        .when()
        .iter()
        .filter(|alternative| alternative.iter().all(|check| holds(found, *check, source)))
        .map(|alternative| alternative.len())
        .max()
}

/// The code `source` spells one of `texts` as (its code string or fixed message).
fn spelled_by(source: Source, texts: [Option<&str>; 2]) -> Option<Code> {
    texts
        .iter()
        .flatten()
        .find_map(|text| Code::from_wire(source, text))
}

fn present(found: &[Found<'_>], place: u16) -> bool {
    found.get(usize::from(place)).is_some_and(Found::is_present)
}

/// Whether one test of an alternative holds.
fn holds(found: &[Found<'_>], check: Check, source: Option<Source>) -> bool {
    let Some(at) = found.get(usize::from(check.place)) else {
        return false;
    };
    match check.test {
        Test::String => at.held == Some(Held::String),
        Test::Number => at.held == Some(Held::Number),
        Test::Object => at.held == Some(Held::Object),
        Test::Array => at.held == Some(Held::Array),
        Test::Present => at.is_present(),
        Test::Absent => !at.is_present(),
        Test::TaskStatus => at.string().is_some_and(|text| {
            TaskStatus::from_name(text).is_some_and(|status| Some(status.source()) == source)
        }),
        Test::Spelling => at.string().is_some_and(|text| {
            source.is_some_and(|source| Code::from_wire(source, text).is_some())
        }),
    }
}

/// A request field: a string, or an array's names joined with `.`.
fn request_field<'a>(found: &mut [Found<'a>], places: &[u16]) -> Option<Cow<'a, str>> {
    let at = places.iter().map(|&p| usize::from(p)).find(|&p| {
        found
            .get(p)
            .is_some_and(|f| matches!(f.held, Some(Held::String | Held::Array)) && f.text.is_some())
    })?;
    found.get_mut(at)?.text.take()
}

/// A wait in seconds: a number, or a string of one with an optional `s`
/// (google.rpc's `"7s"`).
fn wait(found: &Found<'_>) -> Option<Duration> {
    let text = match found.held? {
        Held::Number | Held::String => found.text.as_deref()?,
        Held::Object | Held::Array | Held::Bool | Held::Null => return None,
    };
    let text = text.trim();
    let text = text.strip_suffix('s').unwrap_or(text);
    match RetryAfter::parse(text.as_bytes())? {
        RetryAfter::Delay(delay) => Some(delay),
        RetryAfter::At(_) => None,
    }
}
