//! The resolved catalogue as one JSON document, for clients that are not
//! written in Rust (`taxonomy export`), and the data the reference site's
//! search is built from.
//!
//! [`Export`] is plain data: every source with its body shapes, every
//! status (with each document's view and any source's own retry rule),
//! code (with its spellings), task `error_type`, task status and limit,
//! retry rules as data and in words, user messages, remedies, and the
//! status classes that stand for a status no document names. Its JSON
//! Schema (draft 2020-12) is derived from these types with the feature
//! `json-schema` (`json_schema()`) and committed as
//! `schema/export.v1.schema.json`, where `v1` is [`FORMAT`]: a change of
//! the format raises it, a change of the catalogue's content does not.
//!
//! ```
//! let c = errors_catalogue::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../taxonomy.yaml")).unwrap();
//! let export = errors_tools::export::Export::new(&c);
//! let json: serde_json::Value = serde_json::from_str(&export.to_json()).unwrap();
//! let code = json["codes"].as_array().unwrap().iter()
//!     .find(|code| code["id"] == "rate_limit_exceeded").unwrap();
//! assert_eq!(code["status"], 429);
//! assert_eq!(code["retry"]["retryable"], true);
//! ```

mod build;

use serde::Serialize;

/// The version of the export's format, in its `format` member and its
/// schema's name (`schema/export.v1.schema.json`).
pub const FORMAT: u32 = 1;

/// The `$id` of the export's JSON Schema, and the `$schema` of an export.
pub const SCHEMA_ID: &str = "urn:errors-taxonomy:export:v1";

/// The whole resolved catalogue.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "json-schema", schemars(title = "Error catalogue export", extend("$id" = SCHEMA_ID)))]
#[non_exhaustive]
pub struct Export {
    /// The schema this document follows: `urn:errors-taxonomy:export:v1`.
    #[serde(rename = "$schema")]
    pub schema: String,
    /// The export format's version: 1 for this schema.
    pub format: u32,
    /// The catalogue's own version and release.
    pub catalogue: CatalogueVersion,
    /// The documents the facts come from.
    pub documents: Vec<Document>,
    /// The APIs catalogued.
    pub sources: Vec<Source>,
    /// Every body shape: how it is recognised and where its fields sit.
    pub shapes: Vec<Shape>,
    /// Response headers that carry a request id in any API, tried after a
    /// source's own.
    pub request_id_headers: Vec<String>,
    /// Response headers whose meaning a client reads (beside
    /// `Retry-After` and `Content-Type`).
    pub headers: Vec<Header>,
    /// What codes of each category have in common, and who acts.
    pub categories: Vec<Category>,
    /// Every HTTP status a document names.
    pub statuses: Vec<Status>,
    /// For a status no document names: its class (HTTP's, in our words).
    pub status_classes: Vec<StatusClass>,
    /// One canonical code per distinct error.
    pub codes: Vec<Code>,
    /// Terminal task failures, reported in a task's `error_type`.
    pub error_types: Vec<ErrorType>,
    /// The states of an asynchronous task.
    pub task_statuses: Vec<TaskStatus>,
    /// Figures the documents give.
    pub limits: Vec<Limit>,
}

/// The catalogue's `version` (of its file format) and `release` (raised
/// by an edit that breaks dependents).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct CatalogueVersion {
    /// The catalogue file format's version.
    pub version: u32,
    /// The catalogue's release.
    pub release: u32,
}

/// A document the facts come from.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Document {
    /// Its id (`001`).
    pub id: String,
    /// Its title.
    pub title: String,
    /// Where it is published, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// An API catalogued.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Source {
    /// Its id (`runs`).
    pub id: String,
    /// Its name (`Runs API`).
    pub name: String,
    /// What it is, in our words.
    pub summary: String,
    /// The documents that describe it.
    pub documents: Vec<String>,
    /// How it authenticates a request.
    pub auth: Auth,
    /// Response headers that carry its request id, in the order tried.
    pub request_id_headers: Vec<String>,
    /// The ids of its body shapes (in `shapes`).
    pub shapes: Vec<String>,
    /// Whether its error messages are documented as safe to show an end
    /// user.
    pub messages_user_safe: bool,
    /// The code of a failed task whose body names none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failed_task: Option<String>,
    /// Fields whose values are the catalogue's choice, not the documents'.
    pub assumed: Vec<String>,
}

/// How a source authenticates.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Auth {
    /// The header carrying the credential.
    pub header: String,
    /// The schemes accepted before the key (`Bearer`); empty when the key
    /// stands alone.
    pub schemes: Vec<String>,
    /// The documented shape of a key, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_format: Option<String>,
}

/// One error-body shape (docs/body-shapes.md).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Shape {
    /// Its id (`gateway`).
    pub id: String,
    /// The source that sends it, or none for a shape any API may send.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Alternatives: a body is of this shape when every test of one holds.
    /// Empty for a shape never read from a body.
    pub when: Vec<Vec<ShapeTest>>,
    /// Where each field sits, as JSON Pointers (RFC 6901; a `*` step is
    /// any element of an array), the first present winning.
    pub fields: Vec<ShapeField>,
    /// Whether a body of this shape tells its source without a spelling.
    pub identifies_source: IdentifiesSource,
    /// An example body.
    pub example: String,
    /// Fields whose values are the catalogue's choice, not the documents'.
    pub assumed: Vec<String>,
}

/// One test of a shape's alternative.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ShapeTest {
    /// The place tested, a JSON Pointer.
    pub pointer: String,
    /// What must hold there: `string`, `number`, `object`, `array`,
    /// `present`, `absent`, `task_status`, `spelling`.
    pub test: String,
}

/// Where one field of a shape sits.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ShapeField {
    /// The field: `code`, `message`, `kind`, `request_id`, `task_status`,
    /// `error_type`, `run_id`, `task_id`, `queue_position`, `status_url`,
    /// `response_url`, `request_field`, `retry_after`.
    pub field: String,
    /// Its places, in the order tried.
    pub pointers: Vec<String>,
}

/// When a body of a shape tells which source sent it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", tag = "when", content = "pointers")]
#[non_exhaustive]
pub enum IdentifiesSource {
    /// Only a spelling of the source tells.
    BySpelling,
    /// The shape alone tells.
    Always,
    /// Any of these places, present, tells.
    ByPlaces(Vec<String>),
}

/// A response header whose meaning a client reads.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Header {
    /// Its name, spelled as documented.
    pub name: String,
    /// What it tells: `retry_after_ms`, `rate_limit_limit`,
    /// `rate_limit_remaining`, `rate_limit_reset`, `should_retry`,
    /// `user_deadline`.
    pub means: String,
    /// The value it must have to mean it, when one is needed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// A category of codes.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Category {
    /// Its id (`rate_limit`).
    pub id: String,
    /// What its codes have in common.
    pub meaning: String,
    /// Who has to act: `caller`, `service`, `nobody`.
    pub fault: String,
    /// What a client does when such an error is not retried:
    /// `fix_request`, `fix_credentials`, `not_permitted`, `fix_billing`,
    /// `not_supported`, `user_canceled`.
    pub stop: String,
    /// Words people use for it that the documents do not.
    pub synonyms: Vec<String>,
}

/// How a client retries.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Retry {
    /// The rule: `never`, `keep_polling`, `resubmit_async`, `backoff`,
    /// `after`, `after_header`.
    pub rule: String,
    /// Whether repeating the same request may succeed.
    pub retryable: bool,
    /// Whether a create (a request that is not idempotent) may be
    /// repeated: `safe` (refused before any work began) or
    /// `idempotent_only` (only with an idempotency key); none when not
    /// retryable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub create: Option<String>,
    /// `backoff`: attempts in all, the first included.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_attempts: Option<u32>,
    /// `after`: the shortest wait, in seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_secs: Option<u32>,
    /// `after`: the longest wait, in seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_secs: Option<u32>,
    /// `after_header`: the header naming the wait.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
    /// `after_header`: the wait when the header is missing, in seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fallback_secs: Option<u32>,
    /// The rule in a few words (`retry after 30-60 s`).
    pub summary: String,
    /// What a client should do, in a sentence or two.
    pub advice: String,
}

/// An HTTP status a document names.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Status {
    /// Its number.
    pub status: u16,
    /// Its reason phrase.
    pub reason: String,
    /// Its anchor on the reference site.
    pub anchor: String,
    /// What it means across all sources.
    pub meaning: String,
    /// What an end user may be shown when a response has this status and
    /// no catalogued code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_message: Option<String>,
    /// The category of such a response.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Whether the request ran out of time.
    pub timeout: bool,
    /// Whether a gateway or edge proxy sends it, not the API itself.
    pub edge_proxy: bool,
    /// How to retry it, for any source without a rule of its own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry: Option<Retry>,
    /// What each document says of it.
    pub views: Vec<StatusView>,
    /// The codes that travel with it.
    pub codes: Vec<String>,
    /// Fields whose values are the catalogue's choice.
    pub assumed: Vec<String>,
}

/// One document's view of a status.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct StatusView {
    /// The source whose document says it.
    pub source: String,
    /// The document's own name for the status.
    pub label: String,
    /// What the document says it means.
    pub summary: String,
    /// The causes it lists.
    pub causes: Vec<String>,
    /// The remedies it gives.
    pub remedies: Vec<String>,
    /// How to retry the status when this source sent it, where its
    /// document gives a rule of its own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry: Option<Retry>,
}

/// A class of statuses, for a status no document names.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct StatusClass {
    /// Its id (`4xx`, `nonstandard`).
    pub id: String,
    /// The first status it holds.
    pub first: u16,
    /// The last status it holds.
    pub last: u16,
    /// Its name (`Client error`).
    pub name: String,
    /// Its anchor on the reference site.
    pub anchor: String,
    /// What a status of the class means.
    pub meaning: String,
    /// What to do on one.
    pub remedy: String,
    /// How to retry one, when it is a failure: the catalogue's rule for
    /// the class's `x00` status (RFC 9110 §15).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry: Option<Retry>,
}

/// A canonical error code.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Code {
    /// Its id (`rate_limit_exceeded`).
    pub id: String,
    /// Its anchor on the reference site.
    pub anchor: String,
    /// The HTTP status it travels with.
    pub status: u16,
    /// Its category.
    pub category: String,
    /// How to retry it.
    pub retry: Retry,
    /// What an end user may be shown.
    pub user_message: String,
    /// What it means.
    pub meaning: String,
    /// Why it happens.
    pub causes: Vec<String>,
    /// What to do.
    pub remedies: Vec<String>,
    /// How each source spells it.
    pub wire: Vec<Spelling>,
    /// The request fields a source rejects with it.
    pub request_fields: Vec<RequestField>,
    /// Why it is retired, when it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<String>,
    /// Fields whose values are the catalogue's choice.
    pub assumed: Vec<String>,
}

/// How one source spells a code.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Spelling {
    /// The source.
    pub source: String,
    /// The machine-readable code, exactly as sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The fixed message, exactly as sent; `{name}` marks a variable part.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// A request field a source rejects.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct RequestField {
    /// Its name.
    pub name: String,
    /// Where it travels: `body`, `query`, `header`.
    pub places: Vec<String>,
}

/// A terminal task failure.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ErrorType {
    /// Its id, as sent (`INFERENCE_TIMEOUT`).
    pub id: String,
    /// Its anchor on the reference site.
    pub anchor: String,
    /// The source that reports it.
    pub source: String,
    /// What it means.
    pub meaning: String,
    /// The canonical code it maps to.
    pub code: String,
    /// How to retry the task (by submitting a new one).
    pub retry: Retry,
    /// What to do.
    pub remedies: Vec<String>,
    /// Fields whose values are the catalogue's choice.
    pub assumed: Vec<String>,
}

/// A state of an asynchronous task.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct TaskStatus {
    /// Its id, as sent (`IN_QUEUE`).
    pub id: String,
    /// Its anchor on the reference site.
    pub anchor: String,
    /// The source that reports it.
    pub source: String,
    /// Whether the task is over.
    pub terminal: bool,
    /// What it means.
    pub meaning: String,
    /// What a client does next.
    pub next_step: String,
}

/// A figure a document gives.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Limit {
    /// Its id.
    pub id: String,
    /// Its anchor on the reference site.
    pub anchor: String,
    /// The source it applies to.
    pub source: String,
    /// The figure.
    pub value: u64,
    /// Its unit: `requests_per_minute`, `concurrent_runs`, `seconds`,
    /// `minutes`, `days`, `pixel_multiple`.
    pub unit: String,
    /// What it applies to.
    pub scope: String,
    /// What it means.
    pub meaning: String,
}

impl Export {
    /// The export of `catalogue`.
    #[must_use]
    pub fn new(catalogue: &errors_catalogue::Catalogue) -> Self {
        build::export(catalogue)
    }

    /// As pretty-printed JSON, ending in a newline.
    #[must_use]
    pub fn to_json(&self) -> String {
        // Every member is a string, number, bool, list or struct of them:
        // serialising cannot fail.
        let mut json = serde_json::to_string_pretty(self).unwrap_or_default();
        json.push('\n');
        json
    }
}

/// The JSON Schema (draft 2020-12) of [`Export`], pretty-printed, as
/// committed in `schema/export.v1.schema.json`: its first member, a
/// `$comment`, says it is generated and by what.
#[cfg(feature = "json-schema")]
#[must_use]
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Export);
    let mut out = serde_json::Map::new();
    out.insert(
        "$comment".to_string(),
        serde_json::Value::String(
            "@generated by `cargo xtask generate` from the types of errors-tools's `export` module. Do not edit."
                .to_string(),
        ),
    );
    if let Some(members) = schema.as_object() {
        out.extend(members.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    let mut json =
        serde_json::to_string_pretty(&sorted(serde_json::Value::Object(out))).unwrap_or_default();
    json.push('\n');
    json
}

/// `value` with every object's members in the order of their names: the
/// committed schema is the same text whether or not serde_json keeps
/// insertion order (its `preserve_order` feature, which any crate of a
/// build may turn on).
#[cfg(feature = "json-schema")]
fn sorted(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(members) => {
            let mut members: Vec<_> = members.into_iter().collect();
            members.sort_by(|(a, _), (b, _)| a.cmp(b));
            serde_json::Value::Object(
                members
                    .into_iter()
                    .map(|(name, value)| (name, sorted(value)))
                    .collect(),
            )
        }
        serde_json::Value::Array(items) => {
            serde_json::Value::Array(items.into_iter().map(sorted).collect())
        }
        other => other,
    }
}
