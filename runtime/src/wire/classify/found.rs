//! One pass over a JSON body along the catalogue's reading plan: what sits
//! at each place any shape names, and nothing else.
//!
//! The plan ([`Shape::PLAN`](crate::Shape)) is a tree of steps; the reader
//! follows it into the members and elements it names and skips every other
//! value without looking inside. A value of a type no field expects is kept
//! as what it is (a test may ask), never an error; a repeated member's last
//! value wins (as in JavaScript and Python), while under `*` the first
//! element that has a place wins. Text stays borrowed from the body unless a
//! JSON escape had to be decoded.

use std::borrow::Cow;

use crate::wire::json::{Kind, Malformed, Number, Reader};
use crate::wire::shape::PlanNode;

/// What a JSON value was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Held {
    String,
    Number,
    Object,
    Array,
    Bool,
    Null,
}

/// What sat at one place of the plan.
#[derive(Debug, Default)]
pub(crate) struct Found<'a> {
    /// The value's type; `None` when the place is not in the body.
    pub(crate) held: Option<Held>,
    /// A string's text, a number as written, or an array of names and
    /// numbers joined with `.` (a validation error's `loc`).
    pub(crate) text: Option<Cow<'a, str>>,
    /// A non-negative whole number.
    pub(crate) count: Option<u64>,
}

impl Found<'_> {
    /// Whether the place holds a value other than `null`.
    pub(crate) fn is_present(&self) -> bool {
        !matches!(self.held, None | Some(Held::Null))
    }

    /// The text of a string there.
    pub(crate) fn string(&self) -> Option<&str> {
        match self.held {
            Some(Held::String) => self.text.as_deref(),
            _ => None,
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
/// `plan` into `found`, one entry per node of the plan.
pub(crate) fn read<'a>(
    body: &'a [u8],
    plan: &[PlanNode],
    found: &mut [Found<'a>],
) -> Result<(), Unreadable> {
    let text = std::str::from_utf8(body).map_err(|_| Unreadable::NotUtf8)?;
    let mut reader = Reader::new(text);
    let mut walk = Walk { plan, found };
    if plan.is_empty() {
        reader.skip_value()?;
    } else {
        walk.value(&mut reader, 0, Keep::Last)?;
    }
    reader.end()?;
    Ok(())
}

/// Which of several values for one place is kept.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Keep {
    /// The last: a repeated member.
    Last,
    /// The first present: elements under `*`.
    First,
}

struct Walk<'p, 'f, 'a> {
    plan: &'p [PlanNode],
    found: &'f mut [Found<'a>],
}

impl<'a> Walk<'_, '_, 'a> {
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
        let children = usize::from(first_child)..usize::from(first_child) + usize::from(children);
        let kind = r.peek()?;
        let settable = keep == Keep::Last || !self.found.get(node).is_some_and(Found::is_present);
        match kind {
            Kind::String => {
                let text = r.string()?;
                if settable {
                    self.set(node, Held::String, Some(text), None);
                }
            }
            Kind::Number => {
                let (number, text) = r.number_text()?;
                if settable {
                    let count = match number {
                        Number::Count(n) => Some(n),
                        Number::Other => None,
                    };
                    self.set(node, Held::Number, Some(Cow::Borrowed(text)), count);
                }
            }
            Kind::Literal => {
                let held = if r.next_is_null() {
                    Held::Null
                } else {
                    Held::Bool
                };
                r.skip_value()?;
                if settable {
                    self.set(node, held, None, None);
                }
            }
            Kind::Object => {
                if settable {
                    self.set(node, Held::Object, None, None);
                }
                if children.is_empty() {
                    return r.skip_value();
                }
                let mut members = r.begin_object()?;
                while let Some(key) = members.next_key(r)? {
                    match self.member_child(children.clone(), &key) {
                        Some(child) => self.value(r, child, keep)?,
                        None => r.skip_value()?,
                    }
                }
            }
            Kind::Array if children.is_empty() => {
                let joined = joined(r)?;
                if settable {
                    self.set(node, Held::Array, joined.map(Cow::Owned), None);
                }
            }
            Kind::Array => {
                if settable {
                    self.set(node, Held::Array, None, None);
                }
                let mut elements = r.begin_array()?;
                let mut index = 0u32;
                while elements.next(r)? {
                    match self.element_child(children.clone(), index) {
                        Some((child, any)) => {
                            self.value(r, child, if any { Keep::First } else { keep })?;
                        }
                        None => r.skip_value()?,
                    }
                    index = index.saturating_add(1);
                }
            }
        }
        Ok(())
    }

    fn set(&mut self, node: usize, held: Held, text: Option<Cow<'a, str>>, count: Option<u64>) {
        if let Some(found) = self.found.get_mut(node) {
            *found = Found {
                held: Some(held),
                text,
                count,
            };
        }
    }

    fn member_child(&self, children: std::ops::Range<usize>, key: &str) -> Option<usize> {
        children.into_iter().find(|&child| {
            matches!(
                self.plan.get(child).and_then(|n| n.step),
                Some(errors_vocab::wire::Step::Member(name)) if name == key
            )
        })
    }

    /// The child for element `index`, and whether it is `*` (the loader
    /// allows only one kind of step into each array).
    fn element_child(&self, children: std::ops::Range<usize>, index: u32) -> Option<(usize, bool)> {
        children
            .into_iter()
            .find_map(|child| match self.plan.get(child).and_then(|n| n.step) {
                Some(errors_vocab::wire::Step::AnyElement) => Some((child, true)),
                Some(errors_vocab::wire::Step::Index(i)) if i == index => Some((child, false)),
                _ => None,
            })
    }
}

/// An array of names and numbers, joined with `.` (`["body", "prompt"]`
/// is `body.prompt`): how validation errors name a request field. Other
/// elements are skipped; `None` when nothing was joined.
fn joined(r: &mut Reader<'_>) -> Result<Option<String>, Malformed> {
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
    Ok((!out.is_empty()).then_some(out))
}
