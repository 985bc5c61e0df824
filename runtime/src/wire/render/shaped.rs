//! A body in a shape the catalogue declares, built from where the shape
//! places its fields: the inverse of reading it, so that `classify` finds
//! the same code, message and request id in what `render` wrote. No shape
//! is named here; a new shape in the catalogue renders with no code change.

use std::borrow::Cow;

use errors_vocab::wire::Step;
use serde_json::{Map, Value};

use crate::wire::Catalogue;
use crate::wire::shape::{BodyField, PlanNode};

/// The body of an error in `shape`: the code, the message and the request
/// id, each at the first place the shape lists for it.
pub(super) fn body<C: Catalogue>(
    catalogue: C,
    shape: C::Shape,
    code: Option<C::Code>,
    status: http::StatusCode,
    message: &str,
    request_id: Option<&str>,
) -> Value {
    let plan = catalogue.plan();
    let fields = catalogue.shape_fields(shape);
    let place = |field| {
        fields
            .iter()
            .find(|f| f.field == field)
            .and_then(|f| f.places.first().copied())
    };
    let source = catalogue.shape_source(shape);
    let mut body = Value::Object(Map::new());
    let code_place = place(BodyField::Code);
    if let Some(at) = code_place {
        let text = spelling(catalogue, source, code, status);
        put(&mut body, &path(plan, at), Value::String(text.into_owned()));
    }
    if let Some(at) = place(BodyField::Message) {
        // A shape with no place for a code carries it in a fixed message,
        // when the source has one for it that is not the companion of a
        // code string (those travel in the shape that has the code).
        let fixed = code_place
            .is_none()
            .then(|| code.zip(source))
            .flatten()
            .filter(|&(code, source)| catalogue.code_wire_code(code, source).is_none())
            .and_then(|(code, source)| catalogue.code_wire_message(code, source))
            .filter(|text| !text.contains('{'));
        let text = fixed.unwrap_or(message);
        put(&mut body, &path(plan, at), Value::String(text.to_owned()));
    }
    if let (Some(at), Some(id)) = (place(BodyField::RequestId), request_id) {
        put(&mut body, &path(plan, at), Value::String(id.to_owned()));
    }
    body
}

/// The code as `source` spells it, else its canonical id (which `classify`
/// reads back from any shape), else the status's reason as an identifier
/// in the case of the source's own spellings.
fn spelling<C: Catalogue>(
    catalogue: C,
    source: Option<C::Source>,
    code: Option<C::Code>,
    status: http::StatusCode,
) -> Cow<'static, str> {
    if let Some(code) = code {
        let wire = source.and_then(|source| catalogue.code_wire_code(code, source));
        return Cow::Borrowed(wire.unwrap_or_else(|| catalogue.code_id(code)));
    }
    let upper = source.is_some_and(|source| {
        catalogue
            .codes()
            .iter()
            .filter_map(|&code| catalogue.code_wire_code(code, source))
            .any(|wire| wire.bytes().any(|b| b.is_ascii_uppercase()))
    });
    let identifier: String = super::reason(catalogue, status)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    Cow::Owned(if upper {
        identifier.to_ascii_uppercase()
    } else {
        identifier.to_ascii_lowercase()
    })
}

/// The steps from the body to `place`: the plan is a trie stored
/// breadth-first, each node naming the range of its children.
fn path(plan: &[PlanNode], place: u16) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut at = place;
    while at != 0 {
        let Some(node) = plan.get(usize::from(at)) else {
            break;
        };
        if let Some(step) = node.step {
            steps.push(step);
        }
        let parent = plan.iter().position(|node| {
            node.children > 0 && (node.first_child..node.first_child + node.children).contains(&at)
        });
        match parent.and_then(|p| u16::try_from(p).ok()) {
            Some(parent) => at = parent,
            None => break,
        }
    }
    steps.reverse();
    steps
}

/// The largest array index a rendered body fills up to.
const MAX_INDEX: usize = 1024;

/// Sets `value` at `steps`, making the objects and arrays on the way (`*`
/// is the first element).
fn put(into: &mut Value, steps: &[Step], value: Value) {
    let Some((step, rest)) = steps.split_first() else {
        *into = value;
        return;
    };
    let slot = match *step {
        Step::Member(name) => {
            if !into.is_object() {
                *into = Value::Object(Map::new());
            }
            match into {
                Value::Object(map) => map.entry(name).or_insert(Value::Null),
                _ => return,
            }
        }
        Step::Index(_) | Step::AnyElement => {
            let index = match *step {
                Step::Index(index) => usize::try_from(index).unwrap_or(0),
                _ => 0,
            };
            // A catalogue's pointer names a small index; a huge one is not
            // worth an allocation the size of it.
            if index > MAX_INDEX {
                return;
            }
            if !into.is_array() {
                *into = Value::Array(Vec::new());
            }
            match into {
                Value::Array(items) => {
                    // Pushed one by one, not `resize`d: `resize` clones its
                    // filler, which compiles `Value::clone` (a whole JSON
                    // tree's, 3 % of this crate's LLVM IR by `cargo
                    // llvm-lines`) for a `null`.
                    while items.len() <= index {
                        items.push(Value::Null);
                    }
                    &mut items[index]
                }
                _ => return,
            }
        }
    };
    put(slot, rest, value);
}
