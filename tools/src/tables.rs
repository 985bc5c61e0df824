//! A catalogue loaded at run time, as errors-core's wire layer reads it:
//! the same tables the generator writes as Rust, built in memory, so that
//! the one engine classifies, decides and renders with a catalogue no
//! crate was generated from (`taxonomy explain --file F --response R`).
//! Feature `runtime-tables`.
//!
//! The tables come from the same computations as the generated code (the
//! reading plan of `plan`, the spelling index of `spellings`), so a loaded
//! catalogue answers as its generated crate would; a test holds the two to
//! the same answers on every documented body.
//!
//! ```
//! use errors_runtime::wire::{Catalogue as _, classify_with};
//!
//! let catalogue = errors_catalogue::load(std::path::Path::new("../taxonomy.yaml")).unwrap();
//! let tables = errors_tools::RuntimeCatalogue::leak(catalogue);
//! let body = br#"{"error": {"code": "RATE_LIMIT_EXCEEDED", "message": "Slow down"}}"#;
//! let response = classify_with(tables, http::StatusCode::TOO_MANY_REQUESTS, &http::HeaderMap::new(), body);
//! let code = response.code().unwrap();
//! assert_eq!(tables.code_id(code), "rate_limit_exceeded");
//! ```

use std::collections::HashMap;

use errors_runtime::wire::{
    Alternative, Catalogue as WireCatalogue, Check, FieldPlaces, HeaderRule, Identifies,
    KeyedShapes, Place, PlanNode,
};
use errors_runtime::{Retry, StopAction};
use errors_vocab::wire::Step;

use errors_catalogue::Catalogue;
use errors_catalogue::plan::{IdentifiesPlan, WirePlan};
use errors_catalogue::spellings::Spellings;

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(u16);

        impl $name {
            /// The entry's position in its section of the catalogue.
            #[must_use]
            pub fn position(self) -> usize {
                usize::from(self.0)
            }

            fn at(position: usize) -> Self {
                Self(u16::try_from(position).unwrap_or(u16::MAX))
            }
        }
    )*};
}

ids! {
    /// A source of a [`RuntimeCatalogue`], by position.
    SourceId;
    /// A body shape, by position (sources' shapes, then the top-level ones).
    ShapeId;
    /// A status, by position.
    StatusId;
    /// A code, by position.
    CodeId;
    /// A task `error_type`, by position.
    ErrorTypeId;
    /// A task status, by position.
    TaskStatusId;
    /// A category, by position.
    CategoryId;
}

/// One shape's tables.
struct ShapeTables {
    source: Option<SourceId>,
    id: &'static str,
    requires: u64,
    when: &'static [Alternative],
    fields: &'static [FieldPlaces],
    identifies: Identifies,
}

/// A loaded catalogue's wire tables: what a generated crate's `Taxonomy`
/// answers, from memory. Built once per process with
/// [`RuntimeCatalogue::leak`] (its tables live as long as the process,
/// as a generated catalogue's do).
pub struct RuntimeCatalogue {
    model: &'static Catalogue,
    plan: &'static [PlanNode],
    problem: [u16; 6],
    shape_ids: &'static [ShapeId],
    keyed: KeyedShapes,
    shapes: Vec<ShapeTables>,
    source_shapes: Vec<&'static [ShapeId]>,
    source_request_id_headers: Vec<&'static [&'static str]>,
    source_auth_schemes: Vec<&'static [&'static str]>,
    source_failed_task: Vec<Option<CodeId>>,
    headers: HashMap<String, HeaderRule>,
    request_id_headers: &'static [&'static str],
    statuses: HashMap<u16, StatusId>,
    /// Each status's remedies, by source (its views).
    status_remedies: Vec<Vec<(SourceId, &'static [&'static str])>>,
    status_category: Vec<Option<CategoryId>>,
    code_ids: &'static [CodeId],
    code_remedies: Vec<&'static [&'static str]>,
    code_category: Vec<CategoryId>,
    from_wire: Vec<Spellings<'static>>,
    lookup: Spellings<'static>,
    error_types: HashMap<&'static str, ErrorTypeId>,
    error_type_code: Vec<CodeId>,
    error_type_remedies: Vec<&'static [&'static str]>,
    task_statuses: HashMap<&'static str, TaskStatusId>,
    task_status_source: Vec<SourceId>,
}

/// Two tables are the same catalogue when they are the same tables: a
/// response classified with one answers in its ids only.
impl PartialEq for RuntimeCatalogue {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Eq for RuntimeCatalogue {}

impl std::hash::Hash for RuntimeCatalogue {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        std::ptr::hash(self, state);
    }
}

impl std::fmt::Debug for RuntimeCatalogue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RuntimeCatalogue")
            .field("sources", &self.source_shapes.len())
            .field("shapes", &self.shapes.len())
            .field("codes", &self.code_ids.len())
            .finish_non_exhaustive()
    }
}

/// A slice that lives as long as the process.
fn leak<T>(items: Vec<T>) -> &'static [T] {
    Box::leak(items.into_boxed_slice())
}

/// Strings as a slice of `&'static str` (they are the leaked catalogue's).
fn strs(items: &'static [String]) -> &'static [&'static str] {
    leak(items.iter().map(String::as_str).collect())
}

impl RuntimeCatalogue {
    /// Builds the tables of a checked catalogue and keeps them (and the
    /// catalogue) for the rest of the process.
    #[must_use]
    pub fn leak(catalogue: Catalogue) -> &'static Self {
        let model: &'static Catalogue = Box::leak(Box::new(catalogue));
        Box::leak(Box::new(Self::build(model)))
    }

    /// The catalogue the tables were built from.
    #[must_use]
    pub fn catalogue(&self) -> &'static Catalogue {
        self.model
    }

    /// The source with this id (`fal_queue`), as the tables name it.
    #[must_use]
    pub fn source(&self, id: &str) -> Option<SourceId> {
        self.model.source(id).map(|s| SourceId::at(s.position()))
    }

    fn build(model: &'static Catalogue) -> Self {
        let raw = model.raw();
        let source_at = |id: &str| model.source(id).map(|s| SourceId::at(s.position()));
        let code_at = |id: &str| model.code(id).map(|c| CodeId::at(c.position()));
        let category_at = |id: &str| model.category(id).map(|c| CategoryId::at(c.position()));

        let wire = WirePlan::new(model);
        let plan = leak(
            wire.nodes
                .iter()
                .map(|node| match &node.step {
                    None => PlanNode::root(node.first_child, node.children),
                    Some(Step::Member(name)) => PlanNode::member(
                        Box::leak(name.clone().into_boxed_str()),
                        node.first_child,
                        node.children,
                    ),
                    Some(Step::Index(i)) => PlanNode::index(*i, node.first_child, node.children),
                    Some(Step::AnyElement) => {
                        PlanNode::any_element(node.first_child, node.children)
                    }
                })
                .collect(),
        );
        let shapes: Vec<ShapeTables> = wire
            .shapes
            .iter()
            .map(|shape| ShapeTables {
                source: shape.source.and_then(source_at),
                id: shape.body.shape.value.as_str(),
                requires: shape.requires,
                when: leak(
                    shape
                        .when
                        .iter()
                        .map(|alternative| Alternative {
                            requires: alternative.requires,
                            checks: leak(
                                alternative
                                    .checks
                                    .iter()
                                    .map(|&(place, test)| Check { place, test })
                                    .collect(),
                            ),
                        })
                        .collect(),
                ),
                fields: leak(
                    shape
                        .fields
                        .iter()
                        .map(|(field, places)| FieldPlaces {
                            field: *field,
                            places: leak(places.clone()),
                        })
                        .collect(),
                ),
                identifies: match &shape.identifies {
                    IdentifiesPlan::BySpelling => Identifies::BySpelling,
                    IdentifiesPlan::Always => Identifies::Always,
                    IdentifiesPlan::ByPlaces(places) => Identifies::ByPlaces(leak(places.clone())),
                },
            })
            .collect();
        let shape_ids = leak((0..shapes.len()).map(ShapeId::at).collect());
        let source_shapes = (0..raw.sources.len())
            .map(|source| {
                let source = Some(SourceId::at(source));
                leak(
                    shapes
                        .iter()
                        .enumerate()
                        .filter(|(_, shape)| shape.source == source)
                        .map(|(i, _)| ShapeId::at(i))
                        .collect(),
                )
            })
            .collect();
        // Lower-cased once, as `http` hands names over; each name once, at
        // its first source's place, then the headers no source owns.
        let mut request_id_headers: Vec<&'static str> = Vec::new();
        for header in raw.request_id_headers() {
            let lower = header.to_ascii_lowercase();
            if !request_id_headers.contains(&lower.as_str()) {
                request_id_headers.push(Box::leak(lower.into_boxed_str()));
            }
        }
        let headers = raw
            .headers
            .iter()
            .map(|header| {
                let rule = HeaderRule {
                    meaning: header.means.value,
                    value: header.value.as_deref(),
                };
                (header.name.value.to_ascii_lowercase(), rule)
            })
            .collect();
        let statuses = raw
            .statuses
            .iter()
            .enumerate()
            .map(|(i, status)| (status.status.value, StatusId::at(i)))
            .collect();
        // Each source's remedies, as `Status::views`.
        let status_remedies = raw
            .statuses
            .iter()
            .map(|status| {
                status
                    .views
                    .iter()
                    .filter_map(|view| Some((source_at(&view.source.value)?, strs(&view.remedies))))
                    .collect()
            })
            .collect();
        Self {
            model,
            plan,
            problem: wire.problem,
            shape_ids,
            keyed: KeyedShapes {
                by_place: leak(wire.keyed.clone()),
                unkeyed: wire.unkeyed,
            },
            shapes,
            source_shapes,
            source_request_id_headers: raw
                .sources
                .iter()
                .map(|source| leak(source.request_id_headers().map(String::as_str).collect()))
                .collect(),
            source_auth_schemes: raw
                .sources
                .iter()
                .map(|source| leak(source.auth.schemes.iter().map(String::as_str).collect()))
                .collect(),
            source_failed_task: raw
                .sources
                .iter()
                .map(|source| source.failed_task.as_ref().and_then(|c| code_at(&c.value)))
                .collect(),
            headers,
            request_id_headers: leak(request_id_headers),
            statuses,
            status_remedies,
            status_category: raw
                .statuses
                .iter()
                .map(|status| status.category.as_ref().and_then(|c| category_at(&c.value)))
                .collect(),
            code_ids: leak((0..raw.codes.len()).map(CodeId::at).collect()),
            code_remedies: raw.codes.iter().map(|code| strs(&code.remedies)).collect(),
            code_category: raw
                .codes
                .iter()
                .map(|code| category_at(&code.category.value).unwrap_or(CategoryId(0)))
                .collect(),
            from_wire: Spellings::per_source(model),
            lookup: Spellings::all(model),
            error_types: raw
                .error_types
                .iter()
                .enumerate()
                .map(|(i, e)| (e.id.value.as_str(), ErrorTypeId::at(i)))
                .collect(),
            error_type_code: raw
                .error_types
                .iter()
                .map(|e| code_at(&e.code.value).unwrap_or(CodeId(0)))
                .collect(),
            error_type_remedies: raw.error_types.iter().map(|e| strs(&e.remedies)).collect(),
            task_statuses: raw
                .task_statuses
                .iter()
                .enumerate()
                .map(|(i, t)| (t.id.value.as_str(), TaskStatusId::at(i)))
                .collect(),
            task_status_source: raw
                .task_statuses
                .iter()
                .map(|t| source_at(&t.source.value).unwrap_or(SourceId(0)))
                .collect(),
        }
    }

    fn code(&self, code: CodeId) -> &'static errors_catalogue::model::Code {
        &self.model.raw().codes[code.position()]
    }

    fn status_entry(&self, status: StatusId) -> &'static errors_catalogue::model::Status {
        &self.model.raw().statuses[status.position()]
    }

    /// The text of the first of `code`'s wire entries for `source` that
    /// `pick` finds.
    fn wire_text(
        &self,
        code: CodeId,
        source: SourceId,
        pick: impl Fn(&'static errors_catalogue::model::Wire) -> Option<&'static str>,
    ) -> Option<&'static str> {
        let source_id = self
            .model
            .raw()
            .sources
            .get(source.position())?
            .id
            .value
            .as_str();
        self.code(code)
            .wire
            .iter()
            .filter(|wire| wire.source.value == source_id)
            .find_map(pick)
    }
}

// The catalogue is checked: every reference resolves and every index is in
// range, so the lookups below index without further checks.
impl WireCatalogue for &'static RuntimeCatalogue {
    type Source = SourceId;
    type Shape = ShapeId;
    type Status = StatusId;
    type Code = CodeId;
    type ErrorType = ErrorTypeId;
    type TaskStatus = TaskStatusId;
    type Category = CategoryId;

    fn plan(self) -> &'static [PlanNode] {
        self.plan
    }
    fn problem_places(self) -> [u16; 6] {
        self.problem
    }
    fn with_places<'a, R>(self, read: impl FnOnce(&mut [Place<'a>]) -> R) -> R {
        let mut places = vec![Place::MISSING; self.plan.len()];
        read(&mut places)
    }
    fn shapes(self) -> &'static [ShapeId] {
        self.shape_ids
    }
    fn shapes_keyed(self) -> KeyedShapes {
        self.keyed
    }
    fn shape_id(self, shape: ShapeId) -> &'static str {
        self.shapes[shape.position()].id
    }
    fn shape_source(self, shape: ShapeId) -> Option<SourceId> {
        self.shapes[shape.position()].source
    }
    fn shape_requires(self, shape: ShapeId) -> u64 {
        self.shapes[shape.position()].requires
    }
    fn shape_when(self, shape: ShapeId) -> &'static [Alternative] {
        self.shapes[shape.position()].when
    }
    fn shape_fields(self, shape: ShapeId) -> &'static [FieldPlaces] {
        self.shapes[shape.position()].fields
    }
    fn shape_identifies_source(self, shape: ShapeId) -> Identifies {
        self.shapes[shape.position()].identifies
    }

    fn source_id(self, source: SourceId) -> &'static str {
        self.model.raw().sources[source.position()]
            .id
            .value
            .as_str()
    }
    fn source_messages_user_safe(self, source: SourceId) -> bool {
        self.model.raw().sources[source.position()].messages_user_safe
    }
    fn source_failed_task_code(self, source: SourceId) -> Option<CodeId> {
        self.source_failed_task[source.position()]
    }
    fn source_shapes(self, source: SourceId) -> &'static [ShapeId] {
        self.source_shapes[source.position()]
    }
    fn source_request_id_headers(self, source: SourceId) -> &'static [&'static str] {
        self.source_request_id_headers[source.position()]
    }
    fn source_auth_schemes(self, source: SourceId) -> &'static [&'static str] {
        self.source_auth_schemes[source.position()]
    }
    fn header_rule(self, name: &str) -> Option<HeaderRule> {
        self.headers.get(name).copied()
    }
    fn request_id_header_names(self) -> &'static [&'static str] {
        self.request_id_headers
    }

    fn status(self, number: u16) -> Option<StatusId> {
        self.statuses.get(&number).copied()
    }
    fn status_number(self, status: StatusId) -> u16 {
        self.status_entry(status).status.value
    }
    fn status_reason(self, status: StatusId) -> &'static str {
        self.status_entry(status).reason.value.as_str()
    }
    fn status_retry(self, status: StatusId, source: Option<SourceId>) -> Option<Retry> {
        let entry = self.status_entry(status);
        let own = source
            .and_then(|source| {
                entry.view(
                    self.model.raw().sources[source.position()]
                        .id
                        .value
                        .as_str(),
                )
            })
            .and_then(|view| view.retry.as_ref());
        own.or(entry.retry.as_ref())
            .map(|retry| retry.value.as_deref())
    }
    fn status_user_message(self, status: StatusId) -> Option<&'static str> {
        self.status_entry(status)
            .user_message
            .as_ref()
            .map(|message| message.value.as_str())
    }
    fn status_remedies(
        self,
        status: StatusId,
        source: Option<SourceId>,
    ) -> &'static [&'static str] {
        let Some(source) = source else {
            return &[];
        };
        self.status_remedies[status.position()]
            .iter()
            .find(|(of, _)| *of == source)
            .map_or(&[], |(_, remedies)| remedies)
    }
    fn status_category(self, status: StatusId) -> Option<CategoryId> {
        self.status_category[status.position()]
    }
    fn status_is_timeout(self, status: StatusId) -> bool {
        self.status_entry(status).timeout
    }
    fn status_is_from_edge_proxy(self, status: StatusId) -> bool {
        self.status_entry(status).edge_proxy
    }

    fn codes(self) -> &'static [CodeId] {
        self.code_ids
    }
    fn code_id(self, code: CodeId) -> &'static str {
        self.code(code).id.value.as_str()
    }
    fn code_from_wire(self, source: SourceId, text: &str) -> Option<CodeId> {
        self.from_wire
            .get(source.position())?
            .find(text)
            .map(CodeId::at)
    }
    fn code_lookup(self, text: &str) -> Option<CodeId> {
        self.lookup.find(text).map(CodeId::at)
    }
    fn code_status(self, code: CodeId) -> http::StatusCode {
        http::StatusCode::from_u16(self.code(code).status.value)
            .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR)
    }
    fn code_retry(self, code: CodeId) -> Retry {
        self.code(code).retry.value.as_deref()
    }
    fn code_user_message(self, code: CodeId) -> &'static str {
        self.code(code).user_message.value.as_str()
    }
    fn code_remedies(self, code: CodeId) -> &'static [&'static str] {
        self.code_remedies[code.position()]
    }
    fn code_category(self, code: CodeId) -> CategoryId {
        self.code_category[code.position()]
    }
    fn code_wire_code(self, code: CodeId, source: SourceId) -> Option<&'static str> {
        self.wire_text(code, source, |wire| {
            wire.code.as_ref().map(|c| c.value.as_str())
        })
    }
    fn code_wire_message(self, code: CodeId, source: SourceId) -> Option<&'static str> {
        self.wire_text(code, source, |wire| {
            wire.message.as_ref().map(|m| m.value.as_str())
        })
    }
    fn code_docs_url(self, _code: CodeId) -> Option<&'static str> {
        None
    }

    fn error_type_id(self, error_type: ErrorTypeId) -> &'static str {
        self.model.raw().error_types[error_type.position()]
            .id
            .value
            .as_str()
    }
    fn error_type_from_name(self, name: &str) -> Option<ErrorTypeId> {
        self.error_types.get(name).copied()
    }
    fn error_type_code(self, error_type: ErrorTypeId) -> CodeId {
        self.error_type_code[error_type.position()]
    }
    fn error_type_retry(self, error_type: ErrorTypeId) -> Retry {
        self.model.raw().error_types[error_type.position()]
            .retry
            .value
            .as_deref()
    }
    fn error_type_remedies(self, error_type: ErrorTypeId) -> &'static [&'static str] {
        self.error_type_remedies[error_type.position()]
    }
    fn task_status_from_name(self, name: &str) -> Option<TaskStatusId> {
        self.task_statuses.get(name).copied()
    }
    fn task_status_source(self, task_status: TaskStatusId) -> SourceId {
        self.task_status_source[task_status.position()]
    }
    fn task_status_is_terminal(self, task_status: TaskStatusId) -> bool {
        self.model.raw().task_statuses[task_status.position()].terminal
    }

    fn category_stop(self, category: CategoryId) -> StopAction {
        self.model
            .raw()
            .categories
            .get(category.position())
            .map_or(StopAction::FixRequest, |category| category.stop)
    }
}
