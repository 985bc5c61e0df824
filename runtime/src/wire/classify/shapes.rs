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

    let mut text = Texts::default();
    let mut extra = Extra::default();
    for &FieldPlaces { field, places } in catalogue.shape_fields(shape) {
        match field {
            BodyField::Code => text.code = take_string(found, places),
            BodyField::Message => text.message = take_string(found, places),
            BodyField::Kind => r.out.kind = take_string(found, places),
            BodyField::RequestId => r.out.body_request_id = take_string(found, places),
            BodyField::TaskStatus => text.task_status = take_string(found, places),
            BodyField::ErrorType => text.error_type = take_string(found, places),
            BodyField::RunId => extra.run_id = take_string(found, places),
            BodyField::TaskId => extra.task_id = take_string(found, places),
            BodyField::QueuePosition => extra.queue_position = count(found, places),
            BodyField::StatusUrl => extra.status_url = take_string(found, places),
            BodyField::ResponseUrl => extra.response_url = take_string(found, places),
            BodyField::RequestField => extra.request_field = request_field(found, places),
            BodyField::RetryAfter => extra.retry_after = wait(found, places),
        }
    }
    let error_type = text
        .error_type
        .map(|raw| match catalogue.error_type_from_name(&raw) {
            Some(known) => Reported::Known(known),
            None => Reported::Unknown(raw),
        });
    r.out.task_status = text
        .task_status
        .map(|raw| match catalogue.task_status_from_name(&raw) {
            Some(known) => Reported::Known(known),
            None => Reported::Unknown(raw),
        });

    // The code: the task's `error_type`'s, else the one the shape's source
    // spells this way, else the one the source of another shape the body
    // also matches spells (a body may fit several sources' shapes), else
    // any source's spelling or the canonical id.
    let texts = [text.code.as_deref(), text.message.as_deref()];
    // The chosen shape's own source was asked while choosing (its first code
    // and message places are the texts just read), so it is not asked again.
    let spelled = source.zip(own_spelling).or_else(|| {
        catalogue
            .shapes()
            .iter()
            .enumerate()
            .filter(|&(i, &other)| {
                catalogue.shape_source(other) != source
                    && matched.has(i, || matches(catalogue, found, other).is_some())
            })
            .find_map(|(_, &other)| {
                let source = catalogue.shape_source(other)?;
                spelled_by(catalogue, source, texts).map(|code| (source, code))
            })
    });
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
    r.out.source = spelled
        .map(|(source, _)| source)
        .or(source.filter(|_| identified));
    // A task answer reports a failed task when it carries an error.
    r.task_failed = r.out.task_status.is_some()
        && (text.code.is_some() || text.message.is_some() || error_type.is_some());
    r.out.wire_code = text.code;
    r.out.message = text.message;
    r.out.error_type = error_type;
    if extra.any() {
        r.out.extra = Some(Box::new(extra));
    }
}

/// The texts read before they are looked up.
#[derive(Default)]
struct Texts<'a> {
    code: Option<Cow<'a, str>>,
    message: Option<Cow<'a, str>>,
    task_status: Option<Cow<'a, str>>,
    error_type: Option<Cow<'a, str>>,
}

/// Which shapes a body matched, by their place in [`Shape::ALL`].
struct Matched(u64);

impl Matched {
    /// Whether shape `i` matched; `test` answers for a shape past the word.
    fn has(&self, i: usize, test: impl FnOnce() -> bool) -> bool {
        if i < REMEMBERED {
            self.0 & (1 << i) != 0
        } else {
            test()
        }
    }
}

/// The shape the body is: among the shapes one of whose alternatives holds
/// whole, one whose source spells the body's code or message, else the
/// one whose alternative has the most tests, else the first in the file.
/// With `only`, the shapes of other sources are not tried.
fn choose<C: Catalogue>(
    catalogue: C,
    found: &Found<'_, '_>,
    only: Option<C::Source>,
) -> Option<Chosen<C>> {
    let mut best: Option<(Option<C::Code>, usize, C::Shape)> = None;
    let mut matched = Matched(0);
    for (i, &shape) in catalogue.shapes().iter().enumerate() {
        // The cheapest test first: most shapes need a member the body lacks.
        let requires = catalogue.shape_requires(shape);
        if found.present & requires != requires {
            continue;
        }
        let source = catalogue.shape_source(shape);
        if only.is_some() && source.is_some_and(|s| Some(s) != only) {
            continue;
        }
        let Some(tests) = holds_an_alternative(catalogue, found, shape, source) else {
            continue;
        };
        if i < REMEMBERED {
            matched.0 |= 1 << i;
        }
        let spelled = source.and_then(|source| {
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
        if best.is_none_or(|(s, t, _)| (spelled.is_some(), tests) > (s.is_some(), t)) {
            best = Some((spelled, tests, shape));
        }
    }
    best.map(|(spelled, _, shape)| Chosen {
        shape,
        spelled,
        matched,
    })
}

/// The shape a body is, what its own source spells its code or message
/// as, and which shapes it matched.
struct Chosen<C: Catalogue> {
    shape: C::Shape,
    spelled: Option<C::Code>,
    matched: Matched,
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
fn holds_an_alternative<C: Catalogue>(
    catalogue: C,
    found: &Found<'_, '_>,
    shape: C::Shape,
    source: Option<C::Source>,
) -> Option<usize> {
    let mut best = None;
    for alternative in catalogue.shape_when(shape) {
        let holds_whole = found.present & alternative.requires == alternative.requires
            && alternative
                .checks
                .iter()
                .all(|check| holds(catalogue, found, *check, source));
        if holds_whole && best.is_none_or(|tests| alternative.checks.len() > tests) {
            best = Some(alternative.checks.len());
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
        Test::TaskStatus => found.string(check.place).is_some_and(|text| {
            catalogue
                .task_status_from_name(text)
                .is_some_and(|status| Some(catalogue.task_status_source(status)) == source)
        }),
        Test::Spelling => found.string(check.place).is_some_and(|text| {
            source.is_some_and(|source| catalogue.code_from_wire(source, text).is_some())
        }),
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
