//! `taxonomy openapi`: a catalogue's error responses as an OpenAPI 3.1
//! document fragment, for a service that returns them to document them.
//! Feature `runtime-tables` (the examples are rendered by errors-core's own
//! `render`, so a documented body is byte for byte what the service sends).
//!
//! The fragment holds `components` only (and empty `paths`), to merge into
//! the service's own document and reference from its operations:
//!
//! - `components.schemas`: each declared body shape
//!   (`<source>.<shape>`, or `<shape>` for one of no source: how it is
//!   recognised and where its fields sit), and `Problem`
//!   (RFC 9457 problem details as the runtime renders them);
//! - `components.responses`: `status.<N>` for each error status (the
//!   status alone, no code) and `code.<id>` for each code, each with its
//!   user message, a body in every shape of every source that may send it
//!   and as problem details, each an example rendered by the runtime, and
//!   the headers the runtime sends with it;
//! - `components.headers`: `Retry-After` and each request-id header.
//!
//! ```
//! let catalogue = errors_catalogue::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../taxonomy.yaml")).unwrap();
//! let tables = errors_tools::RuntimeCatalogue::leak(catalogue);
//! let doc = errors_tools::openapi::document(tables, &["runs"]).unwrap();
//! assert_eq!(doc["openapi"], "3.1.0");
//! let limited = &doc["components"]["responses"]["code.rate_limit_exceeded"];
//! assert!(limited["headers"]["Retry-After"].is_object());
//! ```

mod schema;

use std::borrow::Cow;
use std::collections::BTreeSet;

use errors_runtime::wire::{Catalogue as _, RenderDialect, classify_with, render_with};
use errors_runtime::{ErrorTaxonomy, Retry};
use serde_json::{Map, Value, json};

use crate::RuntimeCatalogue;
use crate::tables::{CodeId, ShapeId};
use errors_catalogue::model;

/// The request id the examples carry.
const EXAMPLE_REQUEST_ID: &str = "req_01hexample";

/// A source named with `--source` that the catalogue does not have.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct UnknownSource {
    /// The name given.
    pub name: String,
    /// The catalogue's sources.
    pub known: Vec<String>,
}

impl std::fmt::Display for UnknownSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the catalogue has no source `{}`; its sources are {}",
            self.name,
            self.known.join(", ")
        )
    }
}

impl std::error::Error for UnknownSource {}

/// The OpenAPI 3.1 fragment of `tables`' catalogue, for the errors of
/// `sources` (every source when empty).
///
/// # Errors
/// [`UnknownSource`] when a name is not one of the catalogue's sources.
pub fn document(
    tables: &'static RuntimeCatalogue,
    sources: &[&str],
) -> Result<Value, UnknownSource> {
    let c = tables.catalogue();
    let raw = c.raw();
    for name in sources {
        if !raw.sources.iter().any(|s| s.id.value == *name) {
            return Err(UnknownSource {
                name: (*name).to_string(),
                known: raw.sources.iter().map(|s| s.id.value.clone()).collect(),
            });
        }
    }
    let chosen = |source: &str| sources.is_empty() || sources.contains(&source);
    let doc = Document {
        tables,
        shapes: tables
            .shapes()
            .iter()
            .copied()
            .filter(|&shape| {
                tables
                    .shape_source(shape)
                    .is_none_or(|s| chosen(tables.source_id(s)))
            })
            .collect(),
    };

    let mut schemas = Map::new();
    schemas.insert("Problem".into(), schema::problem_schema());
    for &shape in &doc.shapes {
        if let Some(value) = doc.shape_schema(shape) {
            schemas.insert(doc.shape_name(shape), value);
        }
    }
    let mut responses = Map::new();
    for status in c.statuses().iter() {
        let number = status.status.value;
        let sent = status.views.iter().any(|v| chosen(&v.source.value))
            || status
                .codes()
                .any(|code| code.wire.iter().any(|w| chosen(&w.source.value)));
        if number >= 400 && (sent || sources.is_empty()) {
            responses.insert(format!("status.{number}"), doc.status_response(status));
        }
    }
    for code in c.codes().iter() {
        let senders: Vec<&str> = code
            .wire
            .iter()
            .map(|w| w.source.value.as_str())
            .filter(|s| chosen(s))
            .collect();
        if !senders.is_empty() || sources.is_empty() {
            responses.insert(
                format!("code.{}", code.id.value),
                doc.code_response(code, &senders),
            );
        }
    }
    let mut headers = Map::new();
    headers.insert(
        "Retry-After".into(),
        json!({
            "description": "How long to wait before retrying: seconds, or an HTTP-date (RFC 9110 §10.2.3).",
            "schema": {"type": "string"},
        }),
    );
    for name in doc.request_id_headers() {
        headers.insert(
            name.to_string(),
            json!({
                "description": "The id of the request, to quote to support.",
                "schema": {"type": "string"},
            }),
        );
    }
    let names: Vec<&str> = if sources.is_empty() {
        raw.sources.iter().map(|s| s.name.as_str()).collect()
    } else {
        raw.sources
            .iter()
            .filter(|s| chosen(&s.id.value))
            .map(|s| s.name.as_str())
            .collect()
    };
    Ok(json!({
        "openapi": "3.1.0",
        "info": {
            "title": format!("Errors of {}", names.join(", ")),
            "version": format!("{}.{}", raw.version.value, raw.release.value),
            "description": "Generated by `taxonomy openapi` from the error catalogue: the error responses, their body shapes and headers. Merge `components` into your API's document and reference a response from an operation with `$ref: '#/components/responses/code.<id>'`.",
        },
        "paths": {},
        "components": {
            "schemas": schemas,
            "responses": responses,
            "headers": headers,
        },
    }))
}

/// What every response is built from.
struct Document {
    tables: &'static RuntimeCatalogue,
    /// The shapes of the chosen sources, and those of no source.
    shapes: Vec<ShapeId>,
}

/// A catalogued error as the runtime renders it: a code, or a status alone.
struct Example {
    code: Option<CodeId>,
    status: http::StatusCode,
    retry: Retry,
    message: &'static str,
}

impl ErrorTaxonomy<&'static RuntimeCatalogue> for Example {
    fn code(&self) -> Option<CodeId> {
        self.code
    }
    fn status(&self) -> http::StatusCode {
        self.status
    }
    fn retry(&self) -> Retry {
        self.retry
    }
    fn user_message(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.message)
    }
    fn remedies(&self) -> &'static [&'static str] {
        &[]
    }
}

impl Document {
    /// `<source>.<shape>`, or `<shape>` for a shape of no source.
    fn shape_name(&self, shape: ShapeId) -> String {
        let id = self.tables.shape_id(shape);
        match self.tables.shape_source(shape) {
            Some(source) => format!("{}.{id}", self.tables.source_id(source)),
            None => id.to_string(),
        }
    }

    /// The catalogue's entry for `shape` (always there: the tables were
    /// built from the same catalogue).
    fn shape_body(&self, shape: ShapeId) -> Option<&'static model::Body> {
        let raw = self.tables.catalogue().raw();
        let id = self.tables.shape_id(shape);
        let source = self
            .tables
            .shape_source(shape)
            .map(|s| self.tables.source_id(s));
        let of_source = raw
            .sources
            .iter()
            .filter(|s| Some(s.id.value.as_str()) == source)
            .flat_map(|s| s.bodies.iter());
        let of_none = raw.bodies.iter().filter(|_| source.is_none());
        of_source.chain(of_none).find(|b| b.shape.value == id)
    }

    fn shape_schema(&self, shape: ShapeId) -> Option<Value> {
        let body = self.shape_body(shape)?;
        let source = self
            .tables
            .shape_source(shape)
            .map(|s| self.tables.source_id(s));
        let task_statuses: Vec<String> = self
            .tables
            .catalogue()
            .raw()
            .task_statuses
            .iter()
            .filter(|t| Some(t.source.value.as_str()) == source)
            .map(|t| t.id.value.clone())
            .collect();
        schema::shape_schema(body, &task_statuses)
    }

    /// The shapes an error can be answered in: those with a place for its
    /// code or message, of the sources given (all when `None`).
    fn answering_shapes(&self, senders: Option<&[&str]>) -> Vec<ShapeId> {
        self.shapes
            .iter()
            .copied()
            .filter(|&shape| {
                let Some(body) = self.shape_body(shape) else {
                    return false;
                };
                let speaks = !body.field(model::BodyField::Code).is_empty()
                    || !body.field(model::BodyField::Message).is_empty();
                let from = match (senders, self.tables.shape_source(shape)) {
                    (None, _) | (Some(_), None) => true,
                    (Some(list), Some(source)) => list.contains(&self.tables.source_id(source)),
                };
                speaks && from && body.is_readable()
            })
            .collect()
    }

    fn status_response(&self, status: errors_catalogue::StatusRef<'_>) -> Value {
        let number = status.status.value;
        let tables = self.tables;
        let entry = tables.status(number);
        let example = Example {
            code: None,
            status: http::StatusCode::from_u16(number)
                .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR),
            retry: entry
                .and_then(|e| tables.status_retry(e, None))
                .unwrap_or(Retry::Never),
            message: entry
                .and_then(|e| tables.status_user_message(e))
                .unwrap_or_default(),
        };
        let senders: Vec<&str> = status
            .views
            .iter()
            .map(|v| v.source.value.as_str())
            .collect();
        let description = format!(
            "{number} {}, with no code in the body: {}",
            status.reason.value, example.message
        );
        self.response(&example, description, Some(&senders))
    }

    fn code_response(&self, code: errors_catalogue::CodeRef<'_>, senders: &[&str]) -> Value {
        let tables = self.tables;
        let Some(id) = tables.code_lookup(&code.id.value) else {
            return json!({"description": code.meaning});
        };
        let example = Example {
            code: Some(id),
            status: tables.code_status(id),
            retry: tables.code_retry(id),
            message: tables.code_user_message(id),
        };
        let description = format!("`{}`: {}", code.id.value, code.user_message.value);
        self.response(&example, description, Some(senders))
    }

    /// A response: a body in each shape that can answer it (with an
    /// example each) and as problem details, and the headers the runtime
    /// sends with it.
    fn response(&self, example: &Example, description: String, senders: Option<&[&str]>) -> Value {
        let mut headers = BTreeSet::new();
        let mut shaped = Vec::new();
        let mut examples = Map::new();
        for shape in self.answering_shapes(senders) {
            let Some(rendered) = self.render(example, RenderDialect::Shape(shape), &mut headers)
            else {
                // A task's shape needs its task's id and state, which an
                // error alone does not have: a body rendered in it would
                // not be read back as the shape, so it is not offered.
                continue;
            };
            let name = self.shape_name(shape);
            shaped.push(json!({"$ref": format!("#/components/schemas/{name}")}));
            examples.insert(name, json!({"value": rendered}));
        }
        let mut content = Map::new();
        if !shaped.is_empty() {
            let schema = if shaped.len() == 1 {
                shaped.remove(0)
            } else {
                json!({"anyOf": shaped})
            };
            content.insert(
                "application/json".into(),
                json!({"schema": schema, "examples": examples}),
            );
        }
        if let Some(problem) = self.render(example, RenderDialect::Problem, &mut headers) {
            content.insert(
                "application/problem+json".into(),
                json!({
                    "schema": {"$ref": "#/components/schemas/Problem"},
                    "examples": {"problem": {"value": problem}},
                }),
            );
        }
        let headers: Map<String, Value> = headers
            .into_iter()
            .map(|name| {
                let reference = json!({"$ref": format!("#/components/headers/{name}")});
                (name, reference)
            })
            .collect();
        let mut out = json!({"description": description, "content": content});
        if !headers.is_empty() {
            out["headers"] = Value::Object(headers);
        }
        out
    }

    /// The body the runtime renders for `example` in `dialect`, and the
    /// names (as documented) of the headers it sends beside
    /// `Content-Type`.
    /// `None` when the body would not be read back in `dialect` (the
    /// classifier finds another shape in it).
    fn render(
        &self,
        example: &Example,
        dialect: RenderDialect<&'static RuntimeCatalogue>,
        headers: &mut BTreeSet<String>,
    ) -> Option<Value> {
        let response = render_with(self.tables, example, dialect, Some(EXAMPLE_REQUEST_ID)).ok()?;
        let read = classify_with(
            self.tables,
            response.status(),
            response.headers(),
            response.body(),
        );
        if read.dialect() != dialect.dialect() {
            return None;
        }
        for name in response.headers().keys() {
            if name == http::header::CONTENT_TYPE {
                continue;
            }
            headers.insert(self.documented_header(name.as_str()));
        }
        serde_json::from_slice(response.body()).ok()
    }

    /// A header's name as the catalogue spells it (`X-Request-Id`), from
    /// the lower case `http` keeps.
    fn documented_header(&self, lower: &str) -> String {
        if lower == "retry-after" {
            return "Retry-After".to_string();
        }
        self.request_id_headers()
            .into_iter()
            .find(|name| name.eq_ignore_ascii_case(lower))
            .map_or_else(|| lower.to_string(), str::to_string)
    }

    /// Every request-id header of the catalogue, as spelled there.
    fn request_id_headers(&self) -> Vec<&'static str> {
        let raw = self.tables.catalogue().raw();
        let mut out: Vec<&'static str> = Vec::new();
        let carriers = raw
            .sources
            .iter()
            .flat_map(|s| s.request_id.iter())
            .chain(&raw.request_id);
        for name in carriers.filter_map(model::RequestIdCarrier::header) {
            if !out.iter().any(|n| n.eq_ignore_ascii_case(name)) {
                out.push(name);
            }
        }
        out
    }
}
