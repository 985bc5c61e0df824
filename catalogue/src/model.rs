//! The typed model of `taxonomy.yaml`, exactly as written in the file.
//!
//! Every struct denies unknown fields so a misspelled key is an error, not a
//! silently ignored line. Values that later checks may complain about are
//! wrapped in [`Spanned`] so the complaint can name `path:line:column`.
//! Nothing here checks cross-references; that is the job of the checks [`crate::load`] runs,
//! which runs on the whole file and reports every problem at once, and
//! whose result is the resolved [`crate::Catalogue`]: these entries, with
//! every reference between them resolved once and indexed.

use crate::span::Spanned;
use serde::Deserialize;

/// A catalogue as parsed: the whole of one `taxonomy.yaml`, references
/// still the ids and numbers written in the file. The checks turn it into
/// a [`crate::Catalogue`], which owns it ([`crate::Catalogue::raw`]).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCatalogue {
    /// Format version of the file; only `1` exists.
    pub version: Spanned<u32>,
    /// Major version of the catalogue's content, raised by hand with every
    /// edit that breaks dependents (a removed code, a changed status, a wire
    /// spelling gone: see errors-tools' `diff`). `taxonomy diff
    /// --require-release-bump` lets such an edit pass only when this number
    /// went up. A file without the key is release 1, so catalogues written
    /// before the key existed compare as release 1.
    #[serde(default = "first_release")]
    pub release: Spanned<u32>,
    /// The documents the facts come from, so every entry can be traced.
    pub documents: Vec<Document>,
    /// The APIs whose errors are catalogued.
    pub sources: Vec<Source>,
    /// Body shapes no source owns: envelopes many APIs copy (`OpenAI`'s),
    /// tried like a source's but never naming a source.
    #[serde(default)]
    pub bodies: Vec<Body>,
    /// Response headers that carry a request id in APIs no source
    /// describes, trusted after every source's own.
    #[serde(default)]
    pub request_id: Vec<RequestIdCarrier>,
    /// Response headers whose meaning the classifier reads, beside the
    /// standard `Retry-After` and `Content-Type` and the request id.
    #[serde(default)]
    pub headers: Vec<Header>,
    /// The closed set of categories a code belongs to.
    pub categories: Vec<Category>,
    /// Every HTTP status any document names.
    pub statuses: Vec<Status>,
    /// Canonical error codes, each with its wire spellings per source.
    pub codes: Vec<Code>,
    /// Terminal task failures reported in a task's `error_type`.
    pub error_types: Vec<ErrorType>,
    /// States of an asynchronous task reported in its `status`.
    pub task_statuses: Vec<TaskStatus>,
    /// Figures the documents give: rates, concurrency, ceilings, retention.
    pub limits: Vec<Limit>,
}

impl RawCatalogue {
    /// Every request-id header: each source's, in source order, then the
    /// top-level ones; as written, not yet lower-cased or deduplicated.
    pub fn request_id_headers(&self) -> impl Iterator<Item = &String> {
        self.sources
            .iter()
            .flat_map(Source::request_id_headers)
            .chain(self.request_id.iter().map(|carrier| match carrier {
                RequestIdCarrier::Header(header) => header,
            }))
    }

    /// Every body shape: each source's, in source order, then the
    /// top-level ones. The order the classifier breaks ties in.
    pub fn shapes(&self) -> impl Iterator<Item = &Body> {
        self.sources
            .iter()
            .flat_map(|s| s.bodies.iter())
            .chain(&self.bodies)
    }
}

/// The release of a catalogue that does not name one: 1, unlocated.
fn first_release() -> Spanned<u32> {
    Spanned::unlocated(1)
}

/// One of the API documents the catalogue is written from.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Short id (`"000"`), the prefix of the seed file name.
    pub id: Spanned<String>,
    /// The document's own title.
    pub title: String,
    /// Where it is published, when it is a public page.
    #[serde(default)]
    pub url: Option<String>,
}

/// A documented API.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Snake-case id; becomes a `Source` variant.
    pub id: Spanned<String>,
    /// Human name of the API.
    pub name: String,
    /// Ids of the [`Document`]s that describe this API.
    pub documents: Vec<Spanned<String>>,
    /// What the API says about itself, in our words.
    pub summary: String,
    /// How a request authenticates.
    pub auth: Auth,
    /// The response headers that carry the id of a request, for support
    /// tickets. (A body's request id is a field of its shape.)
    #[serde(default)]
    pub request_id: Vec<RequestIdCarrier>,
    /// The shapes of the error bodies this API sends.
    pub bodies: Vec<Body>,
    /// Whether the documents promise that this API's error messages are
    /// safe to show end users; a client may then show them, when they
    /// also pass the leak rules (the checks `load` runs).
    #[serde(default)]
    pub messages_user_safe: bool,
    /// The code a failed task of this API reports when neither its
    /// `error_type` nor its error text names one (a code id); only for an
    /// API whose bodies report tasks.
    #[serde(default)]
    pub failed_task: Option<Spanned<String>>,
    /// Fields of this entry whose values are our choice, not the documents'.
    #[serde(default)]
    pub assumed: Vec<Spanned<String>>,
}

impl Source {
    /// The response headers that carry the request id, as documented.
    pub fn request_id_headers(&self) -> impl Iterator<Item = &String> {
        self.request_id.iter().map(|carrier| match carrier {
            RequestIdCarrier::Header(header) => header,
        })
    }
}

/// A response header the classifier reads, and what it means.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    /// The name, as servers send it (compared without regard to case).
    pub name: Spanned<String>,
    /// What it tells a client.
    pub means: Spanned<HeaderMeaning>,
    /// The value that carries the meaning, when only one does (compared
    /// without regard to case): `user` for a user-deadline header.
    #[serde(default)]
    pub value: Option<String>,
}

/// How a source authenticates requests.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Auth {
    /// The header carrying the credential, spelled as documented.
    pub header: String,
    /// Accepted schemes before the key (`Bearer`, `Key`); empty when the key stands alone.
    #[serde(default)]
    pub schemes: Vec<String>,
    /// The documented shape of a key (`sk_live_*`), if any.
    #[serde(default)]
    pub key_format: Option<String>,
}

/// Where a request id travels outside the body (a body's request id is a
/// field of its shape).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum RequestIdCarrier {
    /// A response header, spelled as documented.
    Header(String),
}

impl RequestIdCarrier {
    /// The header's name, as documented, when it is a header.
    #[must_use]
    pub fn header(&self) -> Option<&str> {
        match self {
            Self::Header(name) => Some(name),
        }
    }
}

impl std::fmt::Display for RequestIdCarrier {
    /// `header X-Request-Id`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Header(name) => write!(f, "header {name}"),
        }
    }
}

/// One error-body shape: how to recognise it and where its fields sit
/// (docs/body-shapes.md).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    /// Snake-case id, unique in the catalogue; becomes a `Shape` variant.
    pub shape: Spanned<String>,
    /// Alternatives, each a set of tests on places: a body is of this shape
    /// when every test of one alternative holds. Empty for a shape that is
    /// never read from a body (`status_only`).
    #[serde(default)]
    pub when: Vec<Alternative>,
    /// Where each field sits, as JSON Pointers, in file order.
    #[serde(default)]
    pub fields: BodyFields,
    /// Whether a body of this shape tells which source sent it without a
    /// spelling of that source; missing: only by a spelling.
    #[serde(default)]
    pub identifies_source: Option<Spanned<IdentifiesSource>>,
    /// An example body, copied from the document (or written by us when the
    /// shape is `assumed`).
    pub example: String,
    /// What the documents leave out and we chose: `shape` (the document
    /// shows no such body), `when`, `fields` or `identifies_source`.
    #[serde(default)]
    pub assumed: Vec<Spanned<String>>,
}

impl Body {
    /// Whether the classifier can recognise this shape in a body: it has at
    /// least one alternative.
    #[must_use]
    pub fn is_readable(&self) -> bool {
        !self.when.is_empty()
    }

    /// Every place the shape names, in its tests and its fields.
    pub fn places(&self) -> impl Iterator<Item = &Spanned<String>> {
        let tests = self
            .when
            .iter()
            .flat_map(|a| a.tests.iter().map(|(p, _)| p));
        let fields = self
            .fields
            .entries
            .iter()
            .flat_map(|(_, places)| places.iter());
        tests.chain(fields)
    }

    /// Whether the documents show no such body and the shape is ours.
    #[must_use]
    pub fn is_assumed(&self) -> bool {
        self.assumed.iter().any(|a| a.value == "shape")
    }

    /// The places of `field`, in the order they are tried.
    #[must_use]
    pub fn field(&self, field: BodyField) -> &[Spanned<String>] {
        self.fields
            .entries
            .iter()
            .find(|(f, _)| f.value == field)
            .map_or(&[], |(_, places)| places.as_slice())
    }
}

/// One way to recognise a shape: places and the test each must pass, in
/// file order.
#[derive(Debug, Clone)]
pub struct Alternative {
    /// `(place, test)`: a JSON Pointer and what it must hold.
    pub tests: Vec<(Spanned<String>, Spanned<Test>)>,
}

impl<'de> Deserialize<'de> for Alternative {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_map(PairsVisitor::new("a map from JSON Pointers to tests"))
            .map(|tests| Self { tests })
    }
}

/// A shape's `fields`: each field with its places, in file order.
#[derive(Debug, Clone, Default)]
pub struct BodyFields {
    /// `(field, places)`: the first place present wins.
    pub entries: Vec<(Spanned<BodyField>, Vec<Spanned<String>>)>,
}

impl<'de> Deserialize<'de> for BodyFields {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let pairs: Vec<(Spanned<BodyField>, Spanned<Places>)> = deserializer
            .deserialize_map(PairsVisitor::new("a map from field names to JSON Pointers"))?;
        Ok(Self {
            entries: pairs
                .into_iter()
                .map(|(field, places)| {
                    let at = places.referenced;
                    let list = match places.value {
                        Places::One(one) => vec![one],
                        Places::Many(many) => many,
                    };
                    let list = list
                        .into_iter()
                        .map(|place| Spanned::new(place, at, places.defined))
                        .collect();
                    (field, list)
                })
                .collect(),
        })
    }
}

/// One place, or several tried in order.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum Places {
    One(String),
    Many(Vec<String>),
}

/// Reads a YAML map into its pairs, in order, keys and values as they
/// deserialize (with their spans when they are `Spanned`).
struct PairsVisitor<K, V> {
    expecting: &'static str,
    marker: std::marker::PhantomData<(K, V)>,
}

impl<K, V> PairsVisitor<K, V> {
    fn new(expecting: &'static str) -> Self {
        Self {
            expecting,
            marker: std::marker::PhantomData,
        }
    }
}

impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> serde::de::Visitor<'de> for PairsVisitor<K, V> {
    type Value = Vec<(K, V)>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut pairs = Vec::new();
        while let Some(key) = map.next_key()? {
            pairs.push((key, map.next_value()?));
        }
        Ok(pairs)
    }
}

/// When a body of a shape tells its source with no spelling of it.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum IdentifiesSource {
    /// `always`: the shape alone tells.
    Keyword(IdentifiesKeyword),
    /// Places any of which, present, tells.
    Places(Vec<String>),
}

/// The one keyword of [`IdentifiesSource`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdentifiesKeyword {
    /// The shape alone tells.
    Always,
}

/// How a body's places are named and tested: shared with the runtime, so
/// defined once, in [`errors_vocab::wire`].
pub use errors_vocab::wire::{BodyField, HeaderMeaning, Test};

/// Who has to act and the units of a limit: shared with the runtime's
/// generated enums, so defined once, in [`errors_vocab`].
pub use errors_vocab::{Fault, StopAction, Unit};

/// A category of codes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// Snake-case id; becomes a `Category` variant.
    pub id: Spanned<String>,
    /// What codes in it have in common, in our words.
    pub meaning: String,
    /// Who has to act.
    pub fault: Fault,
    /// What a client must do when an error of this category is not
    /// retried; missing: change the request (`fix_request`).
    #[serde(default)]
    pub stop: StopAction,
    /// Words people use for errors of this category that the documents'
    /// own text does not (`overloaded`, `throttled`): `explain` and the
    /// reference site's search match them. Ours, not the documents'.
    #[serde(default)]
    pub synonyms: Vec<String>,
}

/// One HTTP status.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Status {
    /// The number, 100..=999 (non-standard ones included).
    pub status: Spanned<u16>,
    /// Reason phrase; for non-standard statuses, the one the documents use.
    pub reason: Spanned<String>,
    /// Text safe to show an end user when a response carries this status
    /// and no catalogued code; required for statuses >= 400.
    #[serde(default)]
    pub user_message: Option<Spanned<String>>,
    /// Id of the [`Category`] a response with this status and no code
    /// belongs to (which says who must act); required for statuses >= 400.
    #[serde(default)]
    pub category: Option<Spanned<String>>,
    /// The request ran out of time (the service's, a gateway's or the
    /// caller's), so a retry costs more of a retry budget.
    #[serde(default)]
    pub timeout: bool,
    /// Sent by a gateway or edge proxy in front of the API rather than by
    /// the API itself (the request may never have reached it).
    #[serde(default)]
    pub edge_proxy: bool,
    /// What it means across all sources, in our words.
    pub meaning: String,
    /// Default retry behaviour; required for statuses >= 400.
    #[serde(default)]
    pub retry: Option<Spanned<Retry>>,
    /// What each document says about it, attributed.
    pub views: Vec<StatusView>,
    /// Fields of this entry whose values are our choice, not the documents'.
    #[serde(default)]
    pub assumed: Vec<Spanned<String>>,
}

impl Status {
    /// What `source`'s document says of this status, if the catalogue
    /// records it (the checks allow one view per source).
    #[must_use]
    pub fn view(&self, source: &str) -> Option<&StatusView> {
        self.views.iter().find(|v| v.source.value == source)
    }
}

/// One source's description of a status.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusView {
    /// The source whose document says this.
    pub source: Spanned<String>,
    /// The document's own name for the status, copied exactly (`"Rate limited"`).
    pub label: String,
    /// What the document says it means, in our words.
    pub summary: String,
    /// Causes the document lists, in our words.
    #[serde(default)]
    pub causes: Vec<String>,
    /// Remedies the document gives, in our words.
    #[serde(default)]
    pub remedies: Vec<String>,
    /// How to retry this status when `source` sent it, where its document
    /// says so and differs from the status's own `retry` (which is what
    /// holds for any source, an unknown one included).
    #[serde(default)]
    pub retry: Option<Spanned<Retry>>,
}

/// A canonical error code.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Code {
    /// Canonical snake-case id; becomes a `Code` variant.
    pub id: Spanned<String>,
    /// The HTTP status it is sent with.
    pub status: Spanned<u16>,
    /// Id of its [`Category`].
    pub category: Spanned<String>,
    /// How a client should retry it.
    pub retry: Spanned<Retry>,
    /// Text safe to show an end user: no internals, no placeholders.
    pub user_message: Spanned<String>,
    /// What it means, in our words.
    pub meaning: String,
    /// Why it happens, in our words.
    #[serde(default)]
    pub causes: Vec<String>,
    /// What to do about it, in our words.
    pub remedies: Vec<String>,
    /// How each source spells it on the wire.
    #[serde(default)]
    pub wire: Vec<Wire>,
    /// Request fields whose presence makes a source answer with this code
    /// (`webhook_url` for `webhook_not_supported`).
    #[serde(default)]
    pub request_fields: Vec<RequestField>,
    /// Set when the code is retired: it stays so old wire spellings still parse.
    #[serde(default)]
    pub deprecated: Option<String>,
    /// Fields of this entry whose values are our choice, not the documents'.
    #[serde(default)]
    pub assumed: Vec<Spanned<String>>,
}

/// How one source sends a code. At least one of `code` and `message`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Wire {
    /// The source that sends it.
    pub source: Spanned<String>,
    /// The machine-readable code, exactly as sent (`RATE_LIMIT_EXCEEDED`).
    #[serde(default)]
    pub code: Option<Spanned<String>>,
    /// The fixed message, exactly as sent; `{name}` marks a variable part
    /// (`App not found: {app}`).
    #[serde(default)]
    pub message: Option<Spanned<String>>,
}

/// A field of a request that a source rejects with the code it belongs to.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestField {
    /// The field's name, exactly as the document spells it.
    pub name: Spanned<String>,
    /// Where in the request it is rejected.
    #[serde(rename = "in")]
    pub places: Vec<FieldPlace>,
    /// Fields of this entry whose values are our choice (`in`).
    #[serde(default)]
    pub assumed: Vec<Spanned<String>>,
}

/// Where a request carries a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldPlace {
    /// A field of the JSON body.
    Body,
    /// A query parameter of the URL.
    Query,
    /// A request header.
    Header,
}

impl FieldPlace {
    /// The catalogue's spelling: `body`, `query`, `header`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Body => "body",
            Self::Query => "query",
            Self::Header => "header",
        }
    }

    /// Where it is, in words: `the body`, `the query`, `a header`.
    #[must_use]
    pub const fn words(self) -> &'static str {
        match self {
            Self::Body => "the body",
            Self::Query => "the query",
            Self::Header => "a header",
        }
    }
}

/// Which part of a [`Wire`] entry a spelling is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SpellingKind {
    /// The machine-readable code string (`RATE_LIMIT_EXCEEDED`).
    Code,
    /// The fixed message, possibly with a `{name}` variable part.
    Message,
}

impl SpellingKind {
    /// The key the catalogue writes it under: `code` or `message`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Code => "code",
            Self::Message => "message",
        }
    }
}

/// One way a source spells a code on the wire.
#[derive(Debug, Clone, Copy)]
pub struct Spelling<'a> {
    /// The source that sends it (its id).
    pub source: &'a Spanned<String>,
    /// A code string or a fixed message.
    pub kind: SpellingKind,
    /// The text, exactly as sent, with where it is written in the file.
    pub text: &'a Spanned<String>,
}

impl Code {
    /// Every wire spelling of the code, in file order: for each `wire`
    /// entry its code string, then its message. The one walk over
    /// spellings that the checks, the emitter and `explain` share.
    pub fn spellings(&self) -> impl Iterator<Item = Spelling<'_>> {
        self.wire.iter().flat_map(Wire::spellings)
    }
}

impl Wire {
    /// This entry's spellings: its code string, then its message.
    pub fn spellings(&self) -> impl Iterator<Item = Spelling<'_>> {
        let code = self.code.as_ref().map(|text| Spelling {
            source: &self.source,
            kind: SpellingKind::Code,
            text,
        });
        let message = self.message.as_ref().map(|text| Spelling {
            source: &self.source,
            kind: SpellingKind::Message,
            text,
        });
        code.into_iter().chain(message)
    }
}

pub use errors_vocab::retry::CreateRule;

/// Retry behaviour as data, as the catalogue writes it (its header an owned
/// `String`): the one rule type the derive and the runtime share (see
/// [`errors_vocab::retry`]; the runtime's is `RetryRule<&'static str>`).
pub type Retry = errors_vocab::retry::RetryRule;

/// A terminal task failure, as reported in a task status body's `error_type`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorType {
    /// The wire spelling, exactly (`INFERENCE_FAILURE`).
    pub id: Spanned<String>,
    /// The source that reports it.
    pub source: Spanned<String>,
    /// What it means, in our words.
    pub meaning: String,
    /// The canonical code it maps to.
    pub code: Spanned<String>,
    /// How a client should retry the task.
    pub retry: Spanned<Retry>,
    /// What to do about it, in our words.
    pub remedies: Vec<String>,
    /// Fields of this entry whose values are our choice, not the documents'.
    #[serde(default)]
    pub assumed: Vec<Spanned<String>>,
}

/// A state of an asynchronous task.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskStatus {
    /// The wire spelling, exactly (`IN_QUEUE`).
    pub id: Spanned<String>,
    /// The source that reports it.
    pub source: Spanned<String>,
    /// Whether the task has stopped changing.
    pub terminal: bool,
    /// What it means, in our words.
    pub meaning: String,
    /// What a client does next.
    pub next_step: String,
}

/// A documented figure.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limit {
    /// Snake-case id; becomes a `Limit` variant.
    pub id: Spanned<String>,
    /// The source that documents it.
    pub source: Spanned<String>,
    /// The figure, exactly as documented.
    pub value: u64,
    /// What the figure counts.
    pub unit: Unit,
    /// What it applies to (a tier, an operation), in our words.
    pub scope: String,
    /// What it means for a client, in our words.
    pub meaning: String,
}
