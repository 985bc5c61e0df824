//! One pass over a JSON body along the catalogue's reading plan: what sits
//! at each place any shape names, and nothing else.
//!
//! The plan ([`Shape::PLAN`](crate::Shape)) is a tree of steps, each
//! node's members sorted by name length, then name; the reader follows it into the members
//! and elements it names and skips every other value without looking
//! inside. A value of a type no field expects is kept as what it is (a
//! test may ask), never an error; a repeated member's last value wins (as
//! in JavaScript and Python), while under `*` the first element that has
//! a place wins.
//!
//! What is found is `Copy` and borrows from the body: the few strings
//! that had an escape to decode live in a side list, so that the
//! per-place table is neither dropped nor allocated place by place (on a
//! small body, that is most of the work; BENCHMARKS.md, "Classifying").

use std::borrow::Cow;

use crate::wire::json::{self, Kind, Malformed, Reader};
use crate::wire::shape::{PlanNode, words};
use errors_vocab::wire::Step;

/// What a JSON value was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Held {
    /// Nothing: the place is not in the body.
    Missing,
    String,
    Number,
    Object,
    Array,
    Bool,
    Null,
}

/// What sat at one place of the plan. Public only for the generated
/// catalogues' [`Catalogue::with_places`](crate::wire::Catalogue::with_places).
#[derive(Debug, Clone, Copy)]
#[doc(hidden)]
pub struct Place<'a> {
    /// A string as written (without escapes) or a number as written:
    /// borrowed from the body, so that looking at it costs nothing.
    text: Option<&'a str>,
    /// A string that had escapes, decoded, or an array of names and
    /// numbers joined with `.` (a validation error's `loc`): one past its
    /// index in [`Found`]'s side list; 0 for none (so that a missing
    /// place is all zeros, which costs the least to write).
    decoded: u32,
    /// The value's type.
    pub(crate) held: Held,
}

impl Place<'_> {
    /// A value of this type, without text.
    const fn held(held: Held) -> Self {
        Self {
            held,
            ..Self::MISSING
        }
    }

    /// Nothing there yet.
    pub const MISSING: Self = Self {
        text: None,
        decoded: 0,
        held: Held::Missing,
    };

    /// Whether the place holds a value other than `null`.
    pub(crate) fn is_present(self) -> bool {
        !matches!(self.held, Held::Missing | Held::Null)
    }
}

/// What a body holds at every place of the plan.
pub(crate) struct Found<'a, 'p> {
    /// Which of the plan's first 64 places hold a value (not `null`).
    pub(crate) present: u64,
    places: &'p mut [Place<'a>],
    /// Texts that had escapes, decoded, and joined arrays.
    decoded: Vec<String>,
}

impl<'a> Found<'a, '_> {
    /// What is at `place` (nothing for a place outside the plan).
    pub(crate) fn at(&self, place: u16) -> Place<'a> {
        self.places
            .get(usize::from(place))
            .copied()
            .unwrap_or(Place::MISSING)
    }

    /// The text at `place`, borrowed (to test or look up): a string's, a
    /// number's as written, or an array's joined.
    pub(crate) fn text(&self, place: u16) -> Option<&str> {
        let place = self.at(place);
        match place.decoded.checked_sub(1) {
            None => place.text,
            Some(at) => self.decoded.get(at as usize).map(String::as_str),
        }
    }

    /// The string at `place`.
    pub(crate) fn string(&self, place: u16) -> Option<&str> {
        let place = self.at(place);
        if place.held != Held::String {
            return None;
        }
        match place.decoded.checked_sub(1) {
            None => place.text,
            Some(at) => self.decoded.get(at as usize).map(String::as_str),
        }
    }

    /// The text at `place`, to keep: borrowed from the body, or moved out
    /// of the side list (each place is taken once).
    pub(crate) fn take(&mut self, place: u16) -> Option<Cow<'a, str>> {
        let place = self.at(place);
        match place.decoded.checked_sub(1) {
            None => place.text.map(Cow::Borrowed),
            Some(at) => self
                .decoded
                .get_mut(at as usize)
                .map(|s| Cow::Owned(std::mem::take(s))),
        }
    }
}

/// Why a body that looked like JSON could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unreadable {
    /// Not UTF-8, which JSON must be (RFC 8259 §8.1).
    NotUtf8,
    /// Not JSON.
    Malformed,
}

impl From<Malformed> for Unreadable {
    fn from(Malformed: Malformed) -> Self {
        Self::Malformed
    }
}

/// Reads `body` (one JSON value, whitespace around it at most) along
/// `plan`, into `places` (one per node of the plan, all missing).
#[allow(clippy::inline_always)]
#[inline(always)]
pub(crate) fn read<'a, 'p>(
    body: &'a [u8],
    plan: &[PlanNode],
    places: &'p mut [Place<'a>],
) -> Result<Found<'a, 'p>, Unreadable> {
    let text = std::str::from_utf8(body).map_err(|_| Unreadable::NotUtf8)?;
    let mut reader = Reader::new(text);
    let mut walk = Walk {
        plan,
        found: Found {
            present: 0,
            places,
            decoded: Vec::new(),
        },
    };
    if plan.is_empty() {
        reader.skip_value()?;
    } else {
        walk.value(&mut reader, 0, Keep::Last)?;
    }
    reader.end()?;
    Ok(walk.found)
}

/// Which of several values for one place is kept.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Keep {
    /// The last: a repeated member.
    Last,
    /// The first present: elements under `*`.
    First,
}

struct Walk<'p, 'a, 'f> {
    plan: &'p [PlanNode],
    found: Found<'a, 'f>,
}

impl<'a> Walk<'_, 'a, '_> {
    /// The value at `node`. Recursion follows the plan only, so its depth
    /// is the plan's; whatever lies deeper is skipped without recursion.
    fn value(&mut self, r: &mut Reader<'a>, node: usize, keep: Keep) -> Result<(), Malformed> {
        let Some(&PlanNode {
            first_child,
            children,
            ..
        }) = self.plan.get(node)
        else {
            return r.skip_value();
        };
        let first = usize::from(first_child);
        let children = self
            .plan
            .get(first..first + usize::from(children))
            .unwrap_or_default();
        let settable = keep == Keep::Last || !self.found.at(index(node)).is_present();
        match r.peek()? {
            kind @ (Kind::String | Kind::Number | Kind::Literal) => {
                return self.scalar(r, node, kind, keep);
            }
            Kind::Object => {
                if settable {
                    self.set(node, Place::held(Held::Object));
                }
                if children.is_empty() {
                    return r.skip_value();
                }
                self.object(r, first, children, keep)?;
            }
            Kind::Array if children.is_empty() => {
                let joined = self.joined(r)?;
                if settable {
                    self.set(node, joined);
                }
            }
            Kind::Array => {
                if settable {
                    self.set(node, Place::held(Held::Array));
                }
                let mut elements = r.begin_array()?;
                let mut at = 0u32;
                while elements.next(r)? {
                    match element(children, at) {
                        Some((child, any)) => {
                            let keep = if any { Keep::First } else { keep };
                            self.value(r, first + child, keep)?;
                        }
                        None => r.skip_value()?,
                    }
                    at = at.saturating_add(1);
                }
            }
        }
        Ok(())
    }

    /// The members of the object the reader is at (its `{` peeked), whose
    /// node's children are `children`, the first at `first`. The common
    /// steps (whitespace, a key without escapes, its lookup, a string value
    /// without escapes) are read here with the position in a local; the
    /// rest through the reader.
    fn object(
        &mut self,
        r: &mut Reader<'a>,
        first: usize,
        children: &[PlanNode],
        keep: Keep,
    ) -> Result<(), Malformed> {
        let text = r.text();
        let bytes = text.as_bytes();
        // Past the `{`.
        let mut pos = json::skip_whitespace(bytes, r.pos()) + 1;
        let mut first_member = true;
        loop {
            pos = json::skip_whitespace(bytes, pos);
            let mut byte = *bytes.get(pos).ok_or(Malformed)?;
            if byte == b'}' {
                r.set_pos(pos + 1);
                return Ok(());
            }
            if !first_member {
                if byte != b',' {
                    return Err(Malformed);
                }
                pos = json::skip_whitespace(bytes, pos + 1);
                byte = *bytes.get(pos).ok_or(Malformed)?;
            }
            first_member = false;
            if byte != b'"' {
                return Err(Malformed);
            }
            // The key, looked up where it sits unless it has an escape.
            let end = json::quote_or_escape(bytes, pos + 1)?;
            let child = if bytes.get(end) == Some(&b'"') {
                let key = bytes.get(pos + 1..end).unwrap_or_default();
                let words = json::key_words(bytes, pos + 1, key);
                pos = end + 1;
                member(children, key, words)
            } else {
                r.set_pos(pos);
                let key = r.key()?;
                pos = r.pos();
                member(children, key.as_bytes(), words(key.as_bytes()))
            };
            pos = json::skip_whitespace(bytes, pos);
            if bytes.get(pos) != Some(&b':') {
                return Err(Malformed);
            }
            pos = json::skip_whitespace(bytes, pos + 1);
            let Some(child) = child else {
                r.set_pos(pos);
                r.skip_value()?;
                pos = r.pos();
                continue;
            };
            let node = first + child;
            if bytes.get(pos) == Some(&b'"') {
                // A string: most members are one.
                let end = json::quote_or_escape(bytes, pos + 1)?;
                if bytes.get(end) == Some(&b'"') {
                    let value = text.get(pos + 1..end).ok_or(Malformed)?;
                    pos = end + 1;
                    if keep == Keep::Last || !self.found.at(index(node)).is_present() {
                        let place = Place {
                            text: Some(value),
                            ..Place::held(Held::String)
                        };
                        self.set(node, place);
                    }
                    continue;
                }
            }
            r.set_pos(pos);
            match r.peek()? {
                Kind::Object | Kind::Array => self.value(r, node, keep)?,
                kind => self.scalar(r, node, kind, keep)?,
            }
            pos = r.pos();
        }
    }

    /// The string, number or literal at `node`, of `kind` (just peeked).
    #[inline]
    fn scalar(
        &mut self,
        r: &mut Reader<'a>,
        node: usize,
        kind: Kind,
        keep: Keep,
    ) -> Result<(), Malformed> {
        let settable = keep == Keep::Last || !self.found.at(index(node)).is_present();
        match kind {
            Kind::String => {
                let text = r.string()?;
                if settable {
                    let place = self.keep(Held::String, text);
                    self.set(node, place);
                }
            }
            Kind::Number => {
                let (_, text) = r.number_text()?;
                if settable {
                    let place = Place {
                        text: Some(text),
                        ..Place::held(Held::Number)
                    };
                    self.set(node, place);
                }
            }
            Kind::Literal => {
                let held = if r.next_is_null() {
                    Held::Null
                } else {
                    Held::Bool
                };
                r.skip_literal()?;
                if settable {
                    self.set(node, Place::held(held));
                }
            }
            Kind::Object | Kind::Array => return self.value(r, node, keep),
        }
        Ok(())
    }

    fn set(&mut self, node: usize, place: Place<'a>) {
        if let Some(at) = self.found.places.get_mut(node) {
            *at = place;
            if node < 64 {
                let bit = 1 << node;
                if place.is_present() {
                    self.found.present |= bit;
                } else {
                    self.found.present &= !bit;
                }
            }
        }
    }

    /// A place holding `text`: borrowed from the body, or decoded into the
    /// side list.
    fn keep(&mut self, held: Held, text: Cow<'a, str>) -> Place<'a> {
        match text {
            Cow::Borrowed(text) => Place {
                text: Some(text),
                ..Place::held(held)
            },
            Cow::Owned(text) => self.decoded(held, text),
        }
    }

    /// A place whose text is `text`, kept in the side list.
    fn decoded(&mut self, held: Held, text: String) -> Place<'a> {
        self.found.decoded.push(text);
        Place {
            // A body of at most `MAX_BODY` bytes has far fewer texts.
            decoded: u32::try_from(self.found.decoded.len()).unwrap_or(0),
            ..Place::held(held)
        }
    }

    /// An array of names and numbers, joined with `.` (`["body", "prompt"]`
    /// is `body.prompt`): how validation errors name a request field. Other
    /// elements are skipped; no text when nothing was joined.
    fn joined(&mut self, r: &mut Reader<'a>) -> Result<Place<'a>, Malformed> {
        let mut out = String::new();
        let mut elements = r.begin_array()?;
        while elements.next(r)? {
            let part = match r.peek()? {
                Kind::String => r.string()?,
                Kind::Number => Cow::Borrowed(r.number_text()?.1),
                Kind::Object | Kind::Array | Kind::Literal => {
                    r.skip_value()?;
                    continue;
                }
            };
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&part);
        }
        Ok(if out.is_empty() {
            Place::held(Held::Array)
        } else {
            self.decoded(Held::Array, out)
        })
    }
}

/// The child for member `key`, whose [`words`](crate::wire::shape::words)
/// are `words`: compared word by word with each child's name, so that the
/// name's bytes are compared only past its sixteenth byte.
// Out of line, the call costs more than the work (counted with
// `scripts/classify-instructions`).
#[allow(clippy::inline_always)]
#[inline(always)]
fn member(children: &[PlanNode], key: &[u8], words: [u64; 2]) -> Option<usize> {
    for (i, child) in children.iter().enumerate() {
        // The first word first: it tells most names apart alone.
        if child.words[0] == words[0]
            && child.words[1] == words[1]
            && let Some(Step::Member(name)) = child.step
            && name.len() == key.len()
            && (key.len() <= 16 || name.as_bytes().get(8..) == key.get(8..))
        {
            return Some(i);
        }
    }
    None
}

/// The child for element `at`, and whether it is `*` (the loader allows
/// only one kind of step into each array).
fn element(children: &[PlanNode], at: u32) -> Option<(usize, bool)> {
    children
        .iter()
        .position(|child| matches!(child.step, Some(Step::AnyElement)))
        .map(|child| (child, true))
        .or_else(|| {
            children
                .iter()
                .position(|child| child.step == Some(Step::Index(at)))
                .map(|child| (child, false))
        })
}

/// A plan index as a place (the generator keeps plans under 65,536 places).
fn index(node: usize) -> u16 {
    u16::try_from(node).unwrap_or(u16::MAX)
}
