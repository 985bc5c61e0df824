//! A JSON body's shape, recognised from the catalogue's declarations
//! ([`Shape::when`]), and its fields read from where the shape places them
//! ([`Shape::fields`]). No provider is named here: every fact is a table
//! the generator wrote from the catalogue (docs/body-shapes.md).

use std::borrow::Cow;
use std::time::Duration;

use super::found::{Found, Held};
use super::result::Extra;
use super::{Dialect, Reading, Reported, take_string};
use crate::wire::Catalogue;
use crate::wire::headers::RetryAfter;
use crate::wire::shape::{BodyField, Check, FieldPlaces, Identifies, Test};

/// Catalogues with up to this many shapes remember which ones a body
/// matched in one word; larger ones test again when they need to.
const REMEMBERED: usize = 64;

/// Recognises the body's shape and reads what it says into `r`. A body no
/// shape matches stays [`Dialect::UnknownJson`].
pub(super) fn read<'a, C: Catalogue>(r: &mut Reading<'_, 'a, C>, found: &mut Found<'a, '_>) {
    let catalogue = r.out.catalogue;
    let Some(Chosen {
        shape,
        spelled: own_spelling,
        matched,
    }) = choose(catalogue, found, r.known_source)
    else {
        return;
    };
    r.out.dialect = Dialect::Declared(shape);
    let source = catalogue.shape_source(shape);
    let fields = catalogue.shape_fields(shape);

    // The texts, taken in the shape's order (a decoded text is moved out,
    // so a place two fields share goes to the first). The code and the
    // message go straight into the answer (it starts without them).
    let out = &mut *r.out;
    let mut text = Texts::default();
    let mut extra: Option<Box<Extra<'a>>> = None;
    for &FieldPlaces { field, places } in fields {
        match field {
            BodyField::Code => out.wire_code = take_string(found, places),
            BodyField::Message => out.message = take_string(found, places),
            BodyField::Kind => out.kind = take_string(found, places),
            BodyField::RequestId => out.body_request_id = take_string(found, places),
            BodyField::TaskStatus => text.task_status = take_string(found, places),
            BodyField::ErrorType => text.error_type = take_string(found, places),
            // Most bodies carry none of these.
            field if places.iter().any(|&p| found.at(p).is_present()) => {
                read_extra(&mut extra, found, field, places);
            }
            _ => {}
        }
    }
    let error_type = text
        .error_type
        .map(|raw| match catalogue.error_type_from_name(&raw) {
            Some(known) => Reported::Known(known),
            None => Reported::Unknown(raw),
        });
    out.task_status = text
        .task_status
        .map(|raw| match catalogue.task_status_from_name(&raw) {
            Some(known) => Reported::Known(known),
            None => Reported::Unknown(raw),
        });

    // The code: the task's `error_type`'s, else the one the shape's source
    // spells this way, else the one the source of another shape the body
    // also matches spells (a body may fit several sources' shapes), else
    // any source's spelling or the canonical id.
    let texts = [out.wire_code.as_deref(), out.message.as_deref()];
    // The chosen shape's own source was asked while choosing (its first code
    // and message places are these texts), so it is not asked again.
    let spelled = source
        .zip(own_spelling)
        .or_else(|| other_spelling(catalogue, found, &matched, source, texts));
    r.code = error_type
        .as_ref()
        .and_then(Reported::known)
        .map(|error_type| catalogue.error_type_code(error_type))
        .or(spelled.map(|(_, code)| code))
        .or_else(|| {
            texts
                .iter()
                .flatten()
                .find_map(|text| catalogue.code_lookup(text))
        });
    let identified = match catalogue.shape_identifies_source(shape) {
        Identifies::BySpelling => false,
        Identifies::Always => true,
        Identifies::ByPlaces(places) => places.iter().any(|&p| found.at(p).is_present()),
    };
    out.source = spelled
        .map(|(source, _)| source)
        .or(source.filter(|_| identified));
    // A task answer reports a failed task when it carries an error.
    r.task_failed = out.task_status.is_some()
        && (out.wire_code.is_some() || out.message.is_some() || error_type.is_some());
    out.error_type = error_type;
    if extra.is_some() {
        out.extra = extra;
    }
}

/// Reads one of the fields only some bodies carry into `extra`, made when
/// the first of them is found (most bodies carry none).
fn read_extra<'a>(
    extra: &mut Option<Box<Extra<'a>>>,
    found: &mut Found<'a, '_>,
    field: BodyField,
    places: &[u16],
) {
    fn put<'a, T>(
        extra: &mut Option<Box<Extra<'a>>>,
        value: Option<T>,
        slot: for<'e> fn(&'e mut Extra<'a>) -> &'e mut Option<T>,
    ) {
        if let Some(value) = value {
            *slot(extra.get_or_insert_with(Box::default)) = Some(value);
        }
    }
    match field {
        BodyField::RunId => put(extra, take_string(found, places), |e| &mut e.run_id),
        BodyField::TaskId => put(extra, take_string(found, places), |e| &mut e.task_id),
        BodyField::QueuePosition => put(extra, count(found, places), |e| &mut e.queue_position),
        BodyField::StatusUrl => put(extra, take_string(found, places), |e| &mut e.status_url),
        BodyField::ResponseUrl => {
            put(extra, take_string(found, places), |e| &mut e.response_url);
        }
        BodyField::RequestField => {
            put(extra, request_field(found, places), |e| {
                &mut e.request_field
            });
        }
        BodyField::RetryAfter => put(extra, wait(found, places), |e| &mut e.retry_after),
        BodyField::Code
        | BodyField::Message
        | BodyField::Kind
        | BodyField::RequestId
        | BodyField::TaskStatus
        | BodyField::ErrorType => {}
    }
}

/// The code the source of another shape the body matched spells one of
/// `texts` as, with that source: the shapes in catalogue order, those of
/// `source` (already asked) aside.
fn other_spelling<C: Catalogue>(
    catalogue: C,
    found: &Found<'_, '_>,
    matched: &Matched,
    source: Option<C::Source>,
    texts: [Option<&str>; 2],
) -> Option<(C::Source, C::Code)> {
    let shapes = catalogue.shapes();
    for i in Bits(matched.0) {
        if let Some(spelled) = shapes
            .get(i)
            .and_then(|&other| spelling_of(catalogue, other, source, texts))
        {
            return Some(spelled);
        }
    }
    shapes.get(REMEMBERED..)?.iter().find_map(|&other| {
        matches(catalogue, found, other)?;
        spelling_of(catalogue, other, source, texts)
    })
}

/// The code `other`'s source spells one of `texts` as, unless it is `source`.
fn spelling_of<C: Catalogue>(
    catalogue: C,
    other: C::Shape,
    source: Option<C::Source>,
    texts: [Option<&str>; 2],
) -> Option<(C::Source, C::Code)> {
    let other = catalogue
        .shape_source(other)
        .filter(|&s| Some(s) != source)?;
    spelled_by(catalogue, other, texts).map(|code| (other, code))
}

/// The texts read before they are looked up.
#[derive(Default)]
struct Texts<'a> {
    task_status: Option<Cow<'a, str>>,
    error_type: Option<Cow<'a, str>>,
}

/// Which shapes a body matched, by their place in [`Shape::ALL`].
struct Matched(u64);

/// The shape the body is: among the shapes one of whose alternatives holds
/// whole, one whose source spells the body's code or message, else the
/// one whose alternative has the most tests, else the first in the file.
/// With `only`, the shapes of other sources are not tried.
fn choose<C: Catalogue>(
    catalogue: C,
    found: &Found<'_, '_>,
    only: Option<C::Source>,
) -> Option<Chosen<C>> {
    let shapes = catalogue.shapes();
    let mut choice = Choice {
        catalogue,
        found,
        only,
        best: None,
        matched: Matched(0),
    };
    for i in Bits(candidates(catalogue, found.present)) {
        if let Some(&shape) = shapes.get(i) {
            choice.consider(i, shape);
        }
    }
    // Past the keyed 64, every shape is a candidate.
    for (i, &shape) in shapes.iter().enumerate().skip(REMEMBERED) {
        choice.consider(i, shape);
    }
    let Choice { best, matched, .. } = choice;
    best.map(|(spelled, _, shape)| Chosen {
        shape,
        spelled,
        matched,
    })
}

/// The shapes considered so far, and the best of them.
struct Choice<'f, 'a, 'p, C: Catalogue> {
    catalogue: C,
    found: &'f Found<'a, 'p>,
    only: Option<C::Source>,
    /// What its own source spells, its alternative's tests, the shape.
    best: Option<(Option<C::Code>, usize, C::Shape)>,
    matched: Matched,
}

impl<C: Catalogue> Choice<'_, '_, '_, C> {
    /// Tests shape `i` of the catalogue.
    // Out of line, the call costs more than the work (counted with
    // `scripts/classify-instructions`).
    #[allow(clippy::inline_always)]
    #[inline(always)]
    fn consider(&mut self, i: usize, shape: C::Shape) {
        let (catalogue, found) = (self.catalogue, self.found);
        let requires = catalogue.shape_requires(shape);
        if found.present & requires != requires {
            return;
        }
        let source = catalogue.shape_source(shape);
        if self.only.is_some() && source.is_some_and(|s| Some(s) != self.only) {
            return;
        }
        let Some(tests) = holds_an_alternative(catalogue, found, shape, source) else {
            return;
        };
        if i < REMEMBERED {
            self.matched.0 |= 1 << i;
        }
        // A shape that could not be chosen even with a spelling is not
        // asked for one.
        let could_win = self
            .best
            .is_none_or(|(s, t, _)| (true, tests) > (s.is_some(), t));
        let spelled = source.filter(|_| could_win).and_then(|source| {
            let first = |field| {
                catalogue
                    .shape_fields(shape)
                    .iter()
                    .find(|f| f.field == field)
                    .and_then(|f| f.places.iter().find_map(|&p| found.string(p)))
            };
            spelled_by(
                catalogue,
                source,
                [first(BodyField::Code), first(BodyField::Message)],
            )
        });
        if self
            .best
            .is_none_or(|(s, t, _)| (spelled.is_some(), tests) > (s.is_some(), t))
        {
            self.best = Some((spelled, tests, shape));
        }
    }
}

/// The shape a body is, what its own source spells its code or message
/// as, and which shapes it matched.
struct Chosen<C: Catalogue> {
    shape: C::Shape,
    spelled: Option<C::Code>,
    matched: Matched,
}

/// The shapes worth testing on a body holding the places `present` (of
/// the first 64, one bit each by position): those keyed by a place it
/// holds, and those keyed by none.
fn candidates<C: Catalogue>(catalogue: C, present: u64) -> u64 {
    let keyed = catalogue.shapes_keyed();
    let mut candidates = keyed.unkeyed;
    for place in Bits(present) {
        candidates |= keyed.by_place.get(place).copied().unwrap_or(0);
    }
    candidates
}

/// The positions of a word's set bits, lowest first.
struct Bits(u64);

impl Iterator for Bits {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        if self.0 == 0 {
            return None;
        }
        let at = self.0.trailing_zeros() as usize;
        self.0 &= self.0 - 1;
        Some(at)
    }
}

/// Whether the body is of `shape`: the number of tests of its largest
/// alternative that holds whole.
fn matches<C: Catalogue>(catalogue: C, found: &Found<'_, '_>, shape: C::Shape) -> Option<usize> {
    let requires = catalogue.shape_requires(shape);
    if found.present & requires != requires {
        return None;
    }
    holds_an_alternative(catalogue, found, shape, catalogue.shape_source(shape))
}

/// [`matches`] once the members every alternative needs are known present:
/// the number of tests of the largest alternative that holds whole.
// Out of line, the call costs more than the work (counted with
// `scripts/classify-instructions`).
#[allow(clippy::inline_always)]
#[inline(always)]
fn holds_an_alternative<C: Catalogue>(
    catalogue: C,
    found: &Found<'_, '_>,
    shape: C::Shape,
    source: Option<C::Source>,
) -> Option<usize> {
    let mut best = None;
    for alternative in catalogue.shape_when(shape) {
        let tests = alternative.checks.len();
        // One with no more tests than one that holds would not change the answer.
        if best.is_some_and(|best| tests <= best)
            || found.present & alternative.requires != alternative.requires
        {
            continue;
        }
        if alternative
            .checks
            .iter()
            .all(|check| holds(catalogue, found, *check, source))
        {
            best = Some(tests);
        }
    }
    best
}

/// The code `source` spells one of `texts` as (its code string or fixed message).
fn spelled_by<C: Catalogue>(
    catalogue: C,
    source: C::Source,
    texts: [Option<&str>; 2],
) -> Option<C::Code> {
    texts
        .iter()
        .flatten()
        .find_map(|text| catalogue.code_from_wire(source, text))
}

/// Whether one test of an alternative holds.
// Out of line, the call costs more than the work (counted with
// `scripts/classify-instructions`).
#[allow(clippy::inline_always)]
#[inline(always)]
fn holds<C: Catalogue>(
    catalogue: C,
    found: &Found<'_, '_>,
    check: Check,
    source: Option<C::Source>,
) -> bool {
    let held = found.at(check.place).held;
    match check.test {
        Test::String => held == Held::String,
        Test::Number => held == Held::Number,
        Test::Object => held == Held::Object,
        Test::Array => held == Held::Array,
        Test::Present => found.at(check.place).is_present(),
        Test::Absent => !found.at(check.place).is_present(),
        Test::TaskStatus | Test::Spelling => holds_by_name(catalogue, found, check, source),
    }
}

/// [`holds`] for a test that looks the text up in the catalogue: out of
/// line, so that the type tests most alternatives make stay small.
#[inline(never)]
fn holds_by_name<C: Catalogue>(
    catalogue: C,
    found: &Found<'_, '_>,
    check: Check,
    source: Option<C::Source>,
) -> bool {
    let Some(text) = found.string(check.place) else {
        return false;
    };
    match check.test {
        Test::TaskStatus => catalogue
            .task_status_from_name(text)
            .is_some_and(|status| Some(catalogue.task_status_source(status)) == source),
        Test::Spelling => {
            source.is_some_and(|source| catalogue.code_from_wire(source, text).is_some())
        }
        _ => false,
    }
}

/// A whole number at the first of `places` that holds one.
fn count(found: &Found<'_, '_>, places: &[u16]) -> Option<u64> {
    places
        .iter()
        .filter(|&&p| found.at(p).held == Held::Number)
        .find_map(|&p| found.text(p)?.parse().ok())
}

/// A request field: a string, or an array's names joined with `.`.
fn request_field<'a>(found: &mut Found<'a, '_>, places: &[u16]) -> Option<Cow<'a, str>> {
    let at = places.iter().copied().find(|&p| {
        matches!(found.at(p).held, Held::String | Held::Array) && found.text(p).is_some()
    })?;
    found.take(at)
}

/// A wait in seconds at the first of `places` that holds one: a number,
/// or a string of one with an optional `s` (google.rpc's `"7s"`).
fn wait(found: &Found<'_, '_>, places: &[u16]) -> Option<Duration> {
    places.iter().find_map(|&p| {
        if !matches!(found.at(p).held, Held::Number | Held::String) {
            return None;
        }
        let text = found.text(p)?.trim();
        let text = text.strip_suffix('s').unwrap_or(text);
        match RetryAfter::parse(text.as_bytes())? {
            RetryAfter::Delay(delay) => Some(delay),
            RetryAfter::At(_) => None,
        }
    })
}
