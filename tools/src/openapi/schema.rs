//! A body shape as a JSON Schema (draft 2020-12, OpenAPI 3.1's dialect):
//! what the classifier relies on to recognise the shape, and where its
//! fields sit.
//!
//! Each of the shape's alternatives (`when`) becomes one branch of an
//! `anyOf`: its tests as types and required members at their places. The
//! places of its fields are described (`properties`, `items`) but not
//! required, and typed only where a test types them: a field may sit at
//! one of several places, of different kinds (`/error` a string, or an
//! object with a `message`). So a body the classifier reads as the shape
//! is one the schema accepts, and the schema promises no more than that.

use std::collections::BTreeMap;

use errors_vocab::wire::{Step, Test, parse_pointer};
use serde_json::{Map, Value, json};

use errors_catalogue::model::Body;

/// A place in a body and what is known of it.
#[derive(Default)]
struct Node {
    /// Object members below it.
    members: BTreeMap<String, Node>,
    /// Members that must be present.
    required: Vec<String>,
    /// What any element of an array holds (`*`), described.
    items: Option<Box<Node>>,
    /// What some element of an array must hold (`*` in a test).
    contains: Option<Box<Node>>,
    /// Elements by index.
    prefix: BTreeMap<u32, Node>,
    /// The test on the value here, if any.
    test: Option<Test>,
}

impl Node {
    /// The node at `steps` below this one, made as needed. `required`:
    /// whether each member on the way must be present (a test's place),
    /// and a `*` means some element rather than every one.
    fn at(&mut self, steps: &[Step<String>], required: bool) -> &mut Node {
        let Some((first, rest)) = steps.split_first() else {
            return self;
        };
        let next = match first {
            Step::Member(name) => {
                if required && !self.required.contains(name) {
                    self.required.push(name.clone());
                }
                self.members.entry(name.clone()).or_default()
            }
            Step::AnyElement if required => self.contains.get_or_insert_with(Box::default),
            Step::AnyElement => self.items.get_or_insert_with(Box::default),
            Step::Index(i) => self.prefix.entry(*i).or_default(),
        };
        next.at(rest, required)
    }

    fn schema(&self, task_statuses: &[String]) -> Value {
        let mut out = Map::new();
        match self.test {
            Some(Test::String | Test::Spelling) => {
                out.insert("type".into(), json!("string"));
            }
            Some(Test::TaskStatus) => {
                out.insert("type".into(), json!("string"));
                if !task_statuses.is_empty() {
                    out.insert("enum".into(), json!(task_statuses));
                }
            }
            Some(Test::Number) => {
                out.insert("type".into(), json!("number"));
            }
            Some(Test::Object) => {
                out.insert("type".into(), json!("object"));
            }
            Some(Test::Array) => {
                out.insert("type".into(), json!("array"));
            }
            Some(Test::Present) => {
                out.insert("not".into(), json!({"type": "null"}));
            }
            // Absent or null: if it is there, it is null.
            Some(Test::Absent) => {
                out.insert("type".into(), json!("null"));
            }
            None => {}
        }
        if !self.members.is_empty() {
            let properties: Map<String, Value> = self
                .members
                .iter()
                .map(|(name, node)| (name.clone(), node.schema(task_statuses)))
                .collect();
            out.insert("properties".into(), Value::Object(properties));
        }
        if !self.required.is_empty() {
            // `required` holds only of objects: say it must be one.
            out.entry("type").or_insert_with(|| json!("object"));
            out.insert("required".into(), json!(self.required));
        }
        if !self.prefix.is_empty() {
            let last = self.prefix.keys().next_back().copied().unwrap_or(0);
            let items: Vec<Value> = (0..=last)
                .map(|i| {
                    self.prefix
                        .get(&i)
                        .map_or_else(|| json!({}), |node| node.schema(task_statuses))
                })
                .collect();
            out.insert("prefixItems".into(), Value::Array(items));
        }
        if let Some(items) = &self.items {
            out.insert("items".into(), items.schema(task_statuses));
        }
        if let Some(contains) = &self.contains {
            out.entry("type").or_insert_with(|| json!("array"));
            out.insert("contains".into(), contains.schema(task_statuses));
        }
        Value::Object(out)
    }
}

/// The schema of `body`, a shape of the source whose task statuses are
/// `task_statuses` (empty for a shape of no source). `None` for a shape
/// with a place that is not a JSON Pointer (the loader refuses those).
pub(super) fn shape_schema(body: &Body, task_statuses: &[String]) -> Option<Value> {
    let mut described = Node::default();
    for (_, places) in &body.fields.entries {
        for place in places {
            described.at(&parse_pointer(&place.value).ok()?, false);
        }
    }
    let mut branches = Vec::new();
    for alternative in &body.when {
        let mut node = Node::default();
        for (place, test) in &alternative.tests {
            let steps = parse_pointer(&place.value).ok()?;
            // Nothing on the way to an absent member is required.
            let required = test.value != Test::Absent;
            node.at(&steps, required).test = Some(test.value);
        }
        branches.push(node.schema(task_statuses));
    }
    let mut schema = described.schema(task_statuses);
    let Value::Object(members) = &mut schema else {
        return Some(schema);
    };
    members.insert(
        "title".into(),
        json!(format!("The `{}` error body", body.shape.value)),
    );
    if !branches.is_empty() {
        members.insert("anyOf".into(), Value::Array(branches));
    }
    if let Ok(example) = serde_json::from_str::<Value>(&body.example) {
        members.insert("examples".into(), json!([example]));
    }
    Some(schema)
}

/// RFC 9457 problem details as the runtime renders them: the standard's
/// members and the `code` and `request_id` extensions
/// ([`errors_vocab::wire::PROBLEM_MEMBERS`]), none required (the standard
/// requires none).
pub(super) fn problem_schema() -> Value {
    let properties: Map<String, Value> = errors_vocab::wire::PROBLEM_MEMBERS
        .iter()
        .map(|&member| {
            let schema = match member {
                "status" => json!({"type": "integer", "minimum": 100, "maximum": 999}),
                "type" => json!({"type": "string", "format": "uri-reference"}),
                _ => json!({"type": "string"}),
            };
            (member.to_string(), schema)
        })
        .collect();
    json!({
        "title": "RFC 9457 problem details",
        "type": "object",
        "properties": properties,
    })
}
