//! What the wire layer asks of a catalogue. The engine (classify, decide,
//! render, the [`Retrier`](crate::wire::Retrier), the integrations) names
//! no source, code or status: every fact it needs comes through this
//! trait, which errors-codegen implements for each catalogue it generates
//! (a unit struct `Taxonomy` beside the enums). The built-in catalogue is
//! one instance ([`crate::Taxonomy`]); a team's own `taxonomy.yaml`, run
//! through `errors_codegen::Builder` in its crate, is another, and gets the
//! same engine with its own typed codes back.
//!
//! The methods take the catalogue by value: a generated catalogue is a
//! zero-sized type whose methods are its enums' `const fn`s, so a call
//! costs what the enum's own accessor costs; a catalogue read at run time
//! (a tool that loads a YAML file) can be a `&'static` reference to its
//! tables.
//!
//! ```
//! # extern crate errors_runtime as errors_core;
//! use errors_core::wire::{Catalogue, classify_with};
//! use errors_core::{Code, Taxonomy};
//!
//! // The built-in catalogue, named explicitly: the same as `classify`.
//! let body = br#"{"error": {"code": "RATE_LIMIT_EXCEEDED", "message": "Slow down"}}"#;
//! let response = classify_with(Taxonomy, http::StatusCode::TOO_MANY_REQUESTS, &http::HeaderMap::new(), body);
//! assert_eq!(response.code(), Some(Code::RateLimitExceeded));
//! assert_eq!(Taxonomy.code_id(Code::RateLimitExceeded), "rate_limit_exceeded");
//! ```

use std::fmt::Debug;
use std::hash::Hash;

use crate::wire::shape::{Alternative, FieldPlaces, HeaderRule, Identifies, KeyedShapes, PlanNode};
use crate::{Retry, StopAction};

/// What a value of a catalogue's enums must be to travel through the engine.
pub trait Entry: Copy + Eq + Hash + Debug + Send + Sync + 'static {}

impl<T: Copy + Eq + Hash + Debug + Send + Sync + 'static> Entry for T {}

/// A catalogue as the wire layer reads it: its enums and the facts of each
/// entry. Implemented by generated code (`errors_codegen::Builder`); not
/// meant to be written by hand.
///
/// Every method is a lookup in the catalogue's tables: none decides
/// anything (the engine does), so two catalogues with the same data behave
/// the same.
pub trait Catalogue: Copy + Eq + Hash + Debug + Send + Sync + 'static {
    /// The APIs that send the catalogue's errors.
    type Source: Entry;
    /// The body shapes it declares.
    type Shape: Entry;
    /// The HTTP statuses it lists.
    type Status: Entry;
    /// Its error codes.
    type Code: Entry;
    /// Its task `error_type`s.
    type ErrorType: Entry;
    /// Its task statuses.
    type TaskStatus: Entry;
    /// Its categories.
    type Category: Entry;

    // The reading plan and the shapes.

    /// Every place a body is looked at, as a breadth-first trie of steps
    /// (its root is the whole body); shapes name places by index.
    fn plan(self) -> &'static [PlanNode];
    /// The places of RFC 9457's members in the plan: `type`, `title`,
    /// `status`, `detail`, `code`, `request_id` (errors-vocab's
    /// `PROBLEM_MEMBERS`, in that order).
    fn problem_places(self) -> [u16; 6];
    /// Calls `read` with room for one value per place of the plan, on the
    /// stack: the plan's length is the generated catalogue's constant.
    #[doc(hidden)]
    fn with_places<'a, R>(self, read: impl FnOnce(&mut [crate::wire::Place<'a>]) -> R) -> R;
    /// Every shape, in catalogue order (the order that breaks ties).
    fn shapes(self) -> &'static [Self::Shape];
    /// Which shapes a body's places make worth testing.
    #[doc(hidden)]
    fn shapes_keyed(self) -> KeyedShapes;
    /// The shape's spelling in the catalogue.
    fn shape_id(self, shape: Self::Shape) -> &'static str;
    /// The source whose shape it is; `None` for a shape no source owns.
    fn shape_source(self, shape: Self::Shape) -> Option<Self::Source>;
    /// The places every alternative of the shape needs present, one bit each.
    fn shape_requires(self, shape: Self::Shape) -> u64;
    /// How a body of the shape is recognised.
    fn shape_when(self, shape: Self::Shape) -> &'static [Alternative];
    /// Where its fields sit.
    fn shape_fields(self, shape: Self::Shape) -> &'static [FieldPlaces];
    /// Whether a body of the shape tells its source.
    fn shape_identifies_source(self, shape: Self::Shape) -> Identifies;

    // Sources and headers.

    /// The source's spelling in the catalogue.
    fn source_id(self, source: Self::Source) -> &'static str;
    /// Whether the source documents its messages as safe to show end users.
    fn source_messages_user_safe(self, source: Self::Source) -> bool;
    /// The code a failed task of the source reports when neither its
    /// `error_type` nor its error text names one.
    fn source_failed_task_code(self, source: Self::Source) -> Option<Self::Code>;
    /// The shapes a body of the source is answered in, in catalogue order.
    fn source_shapes(self, source: Self::Source) -> &'static [Self::Shape];
    /// The response headers that carry the source's request ids.
    fn source_request_id_headers(self, source: Self::Source) -> &'static [&'static str];
    /// The schemes the source accepts before a key in its auth header
    /// (`Bearer`, `Key`), in the documents' order; empty when the key
    /// stands alone.
    fn source_auth_schemes(self, source: Self::Source) -> &'static [&'static str];
    /// What a response header means, by its lower-case name.
    fn header_rule(self, name: &str) -> Option<HeaderRule>;
    /// The request-id headers, most specific first.
    fn request_id_header_names(self) -> &'static [&'static str];

    // Statuses.

    /// The catalogued status of a number.
    fn status(self, number: u16) -> Option<Self::Status>;
    /// Its number.
    fn status_number(self, status: Self::Status) -> u16;
    /// Its reason phrase.
    fn status_reason(self, status: Self::Status) -> &'static str;
    /// How a client retries it, when it is an error: `source`'s own rule
    /// where its document gives one (a view's `retry`), else the status's,
    /// which holds for any source, an unknown one (`None`) included.
    fn status_retry(self, status: Self::Status, source: Option<Self::Source>) -> Option<Retry>;
    /// What to tell an end user.
    fn status_user_message(self, status: Self::Status) -> Option<&'static str>;
    /// What the caller can do about a response of `source` with this
    /// status: that source's remedies; none when the source is unknown (one
    /// API's advice is not another's).
    fn status_remedies(
        self,
        status: Self::Status,
        source: Option<Self::Source>,
    ) -> &'static [&'static str];
    /// Its category, when it is an error.
    fn status_category(self, status: Self::Status) -> Option<Self::Category>;
    /// Whether it reports a timeout.
    fn status_is_timeout(self, status: Self::Status) -> bool;
    /// Whether a gateway or edge proxy sends it.
    fn status_is_from_edge_proxy(self, status: Self::Status) -> bool;

    // Codes.

    /// Every code, in catalogue order.
    fn codes(self) -> &'static [Self::Code];
    /// The code's canonical id.
    fn code_id(self, code: Self::Code) -> &'static str;
    /// The code `source` sends as `text` (its code string or fixed message).
    fn code_from_wire(self, source: Self::Source, text: &str) -> Option<Self::Code>;
    /// The code any source spells as `text`, or whose canonical id it is.
    fn code_lookup(self, text: &str) -> Option<Self::Code>;
    /// The status the code is answered with.
    fn code_status(self, code: Self::Code) -> http::StatusCode;
    /// How a client retries it.
    fn code_retry(self, code: Self::Code) -> Retry;
    /// What to tell an end user.
    fn code_user_message(self, code: Self::Code) -> &'static str;
    /// What the caller can do.
    fn code_remedies(self, code: Self::Code) -> &'static [&'static str];
    /// Its category.
    fn code_category(self, code: Self::Code) -> Self::Category;
    /// The machine code `source` sends for it, if it sends one.
    fn code_wire_code(self, code: Self::Code, source: Self::Source) -> Option<&'static str>;
    /// The fixed message `source` sends for it, if it sends one.
    fn code_wire_message(self, code: Self::Code, source: Self::Source) -> Option<&'static str>;
    /// Where the code is documented, when the catalogue was generated with
    /// a `docs_url` template.
    fn code_docs_url(self, code: Self::Code) -> Option<&'static str>;

    // Task error types and statuses.

    /// The `error_type`'s spelling (its id, as servers send it).
    fn error_type_id(self, error_type: Self::ErrorType) -> &'static str;
    /// The `error_type` spelled `name`.
    fn error_type_from_name(self, name: &str) -> Option<Self::ErrorType>;
    /// The code it stands for.
    fn error_type_code(self, error_type: Self::ErrorType) -> Self::Code;
    /// How a client retries it.
    fn error_type_retry(self, error_type: Self::ErrorType) -> Retry;
    /// What the caller can do.
    fn error_type_remedies(self, error_type: Self::ErrorType) -> &'static [&'static str];
    /// The task status spelled `name`.
    fn task_status_from_name(self, name: &str) -> Option<Self::TaskStatus>;
    /// The source whose task status it is.
    fn task_status_source(self, task_status: Self::TaskStatus) -> Self::Source;
    /// Whether the task has stopped.
    fn task_status_is_terminal(self, task_status: Self::TaskStatus) -> bool;

    // Categories.

    /// What a client tells its user when it stops on an error of the category.
    fn category_stop(self, category: Self::Category) -> StopAction;
}
