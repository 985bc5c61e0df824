//! OpenAPI responses for catalogued errors, built with
//! [utoipa](https://docs.rs/utoipa)'s types.
//!
//! An OpenAPI document should list every error an operation answers with,
//! as a client receives it. This module builds those responses from the
//! catalogue: one per status, described by the status's reason phrase and
//! the user message of each error answered with it, with
//!
//! - the body's schema (RFC 9457 problem details, [`problem_schema`], or
//!   the shape a [`RenderDialect::Shape`] answers in);
//! - an example body, rendered by [`render_with`] exactly as a response
//!   would be (one per error when several share the status, named by the
//!   variant), so the example cannot drift from what the service sends;
//! - `Retry-After` where the error's retry rule makes the renderer send it
//!   (`after`, `after_header`), and the request-id header render echoes.
//!
//! A type lists its errors by implementing [`DocumentedErrors`]. With
//! errors-core's `derive` and `utoipa` features, `#[derive(ErrorTaxonomy)]`
//! implements it, and `utoipa::IntoResponses`, for a service's enum, so a
//! handler's documentation names the enum: `#[utoipa::path(get, path =
//! "/images/{id}", responses((status = 200, body = Image), ApiError))]`.
//! [`Code`] and [`ErrorType`] implement both here (every code, every task
//! failure). errors-core's example `utoipa_service` serves such a document.
//!
//! The responses document problem details, the dialect `?` answers in
//! (axum's `Reply::from`); [`responses_in`] documents another.
//!
//! ```
//! # extern crate errors_runtime as errors_core;
//! use errors_core::{Code, Retry};
//! use errors_core::integrations::utoipa::{responses, VariantDoc};
//!
//! let limited = Code::RateLimitExceeded;
//! // What a derived `DocumentedErrors` lists for two variants.
//! let variants: [VariantDoc; 2] = [
//!     VariantDoc::new("RateLimited", Some(limited), limited.status(), limited.retry(), limited.user_message()),
//!     VariantDoc::new("Locked", None, http::StatusCode::CONFLICT, Retry::Never, "This workflow is locked"),
//! ];
//! let documented = responses(&variants);
//! // As the OpenAPI document shows it.
//! let json = serde_json::to_value(&documented).unwrap();
//! let too_many = &json["429"];
//! assert_eq!(too_many["headers"]["Retry-After"]["example"], 60);
//! let content = &too_many["content"]["application/problem+json"];
//! assert_eq!(content["schema"]["required"], serde_json::json!(["type", "title", "status", "detail"]));
//! assert_eq!(content["example"]["code"], "rate_limit_exceeded");
//! assert_eq!(content["example"]["detail"], limited.user_message());
//! assert_eq!(json["409"]["content"]["application/problem+json"]["example"]["detail"], "This workflow is locked");
//! assert!(json["409"]["headers"].get("Retry-After").is_none(), "a rule that never retries sends none");
//! ```

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;

use ::utoipa::IntoResponses;
use ::utoipa::openapi::example::ExampleBuilder;
use ::utoipa::openapi::header::HeaderBuilder;
use ::utoipa::openapi::schema::{
    ArrayBuilder, ArrayItems, Object, ObjectBuilder, Schema, SchemaFormat, Type,
};
use ::utoipa::openapi::{ContentBuilder, RefOr, Response, ResponseBuilder};
use errors_vocab::wire::PROBLEM_MEMBERS;
use http::StatusCode;
use http::header::{CONTENT_TYPE, RETRY_AFTER};
use serde_json::Value;

use crate::wire::{Catalogue, RenderDialect, reason, render_with};
use crate::{Code, ErrorTaxonomy, ErrorType, Retry, Taxonomy};

/// One way a type answers: what a document says of one variant.
///
/// The facts are those [`ErrorTaxonomy`] gives for a value of the variant,
/// known without a value: `message` is the user message as written, fixed
/// text or a template whose placeholders stay in (`"App {app} not found"`),
/// since a document describes every value of the variant at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct VariantDoc<C: Catalogue = Taxonomy> {
    /// The variant's name (`RateLimited`), or a code's canonical id: names
    /// the example among several on one status.
    pub name: &'static str,
    /// The catalogued code, when the variant has one.
    pub code: Option<C::Code>,
    /// The status it answers with.
    pub status: StatusCode,
    /// Its retry rule, which decides `Retry-After`.
    pub retry: Retry,
    /// Its user message, as written.
    pub message: &'static str,
}

impl<C: Catalogue> VariantDoc<C> {
    /// A variant's facts, in the order [`ErrorTaxonomy`]'s methods give them.
    #[must_use]
    pub const fn new(
        name: &'static str,
        code: Option<C::Code>,
        status: StatusCode,
        retry: Retry,
        message: &'static str,
    ) -> Self {
        Self {
            name,
            code,
            status,
            retry,
            message,
        }
    }
}

/// A type that lists every way it answers, for a document.
///
/// `#[derive(ErrorTaxonomy)]` implements it (errors-core's `utoipa`
/// feature): one [`VariantDoc`] per variant, a transparent variant's field
/// listing its own. A type implementing [`ErrorTaxonomy`] by hand lists
/// its variants itself, with [`VariantDoc::new`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not list the errors it answers with",
    label = "`{Self}` does not implement `DocumentedErrors`",
    note = "`#[derive(ErrorTaxonomy)]` implements it with errors-core's `utoipa` feature; a type that implements `ErrorTaxonomy` by hand implements it too, with one `VariantDoc` per variant"
)]
pub trait DocumentedErrors<C: Catalogue = Taxonomy> {
    /// Appends one [`VariantDoc`] per variant, in declaration order.
    fn document(docs: &mut Vec<VariantDoc<C>>);
}

impl<C: Catalogue, T: DocumentedErrors<C> + ?Sized> DocumentedErrors<C> for &T {
    fn document(docs: &mut Vec<VariantDoc<C>>) {
        T::document(docs);
    }
}

impl<C: Catalogue, T: DocumentedErrors<C> + ?Sized> DocumentedErrors<C> for Box<T> {
    fn document(docs: &mut Vec<VariantDoc<C>>) {
        T::document(docs);
    }
}

/// Every code, named by its canonical id.
impl DocumentedErrors for Code {
    fn document(docs: &mut Vec<VariantDoc>) {
        docs.extend(Code::ALL.iter().map(|&code| {
            VariantDoc::new(
                code.as_str(),
                Some(code),
                code.status(),
                code.retry(),
                code.user_message(),
            )
        }));
    }
}

/// Every task failure, named by its `error_type`: it answers as its code,
/// with its own retry rule (as its [`ErrorTaxonomy`] implementation does).
impl DocumentedErrors for ErrorType {
    fn document(docs: &mut Vec<VariantDoc>) {
        docs.extend(ErrorType::ALL.iter().map(|&error_type| {
            let code = error_type.code();
            VariantDoc::new(
                error_type.as_str(),
                Some(code),
                code.status(),
                error_type.retry(),
                code.user_message(),
            )
        }));
    }
}

/// A handler returning `Result<_, Code>` documents every code.
impl IntoResponses for Code {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        responses_for::<Self, Taxonomy>()
    }
}

/// A handler returning `Result<_, ErrorType>` documents every task failure.
impl IntoResponses for ErrorType {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        responses_for::<Self, Taxonomy>()
    }
}

/// The [`VariantDoc`]s of `E`, in its order.
#[must_use]
pub fn variant_docs<E: DocumentedErrors<C> + ?Sized, C: Catalogue>() -> Vec<VariantDoc<C>> {
    let mut docs = Vec::new();
    E::document(&mut docs);
    docs
}

/// The responses of `E`, as problem details: what the derived
/// `IntoResponses` returns, for a type that implements [`DocumentedErrors`]
/// by hand.
#[must_use]
pub fn responses_for<E: DocumentedErrors<C> + ?Sized, C: Catalogue + Default>()
-> BTreeMap<String, RefOr<Response>> {
    responses(&variant_docs::<E, C>())
}

/// The responses of `variants` answered as RFC 9457 problem details, keyed
/// by status (`"429"`), as `utoipa::IntoResponses` returns them.
///
/// A status several variants share is one response: its description lists
/// each variant's message, and its content has one example per variant,
/// named by it. The same variant listed twice (two transparent variants
/// over one type) is documented once; two different variants of one name
/// get `_2`, `_3` added to keep their examples apart.
#[must_use]
pub fn responses<C: Catalogue + Default>(
    variants: &[VariantDoc<C>],
) -> BTreeMap<String, RefOr<Response>> {
    responses_in(RenderDialect::Problem, variants)
}

/// [`responses`] for errors answered in `dialect`: a declared shape's
/// responses are `application/json`, with the schema of the body render
/// writes for the shape (each member typed as rendered; required unless
/// it is the request id, which is there only when the service gives one).
///
/// ```
/// # extern crate errors_runtime as errors_core;
/// use errors_core::{Code, Shape};
/// use errors_core::integrations::utoipa::{responses_in, VariantDoc};
/// use errors_core::wire::RenderDialect;
///
/// let code = Code::ModelNotFound;
/// let doc: VariantDoc = VariantDoc::new("NoModel", Some(code), code.status(), code.retry(), code.user_message());
/// let json = serde_json::to_value(responses_in(RenderDialect::Shape(Shape::CodeAndMessage), &[doc])).unwrap();
/// let content = &json["404"]["content"]["application/json"];
/// assert_eq!(content["example"]["message"], code.user_message());
/// assert_eq!(content["schema"]["properties"]["message"]["type"], "string");
/// ```
#[must_use]
pub fn responses_in<C: Catalogue + Default>(
    dialect: RenderDialect<C>,
    variants: &[VariantDoc<C>],
) -> BTreeMap<String, RefOr<Response>> {
    let catalogue = C::default();
    let mut by_status: BTreeMap<StatusCode, Vec<&VariantDoc<C>>> = BTreeMap::new();
    for doc in variants {
        let group = by_status.entry(doc.status).or_default();
        if !group.contains(&doc) {
            group.push(doc);
        }
    }
    by_status
        .into_iter()
        .map(|(status, docs)| {
            let response = response(catalogue, dialect, status, &docs);
            (status.as_str().to_owned(), RefOr::T(response))
        })
        .collect()
}

/// The schema of an RFC 9457 problem details body as render writes it:
/// `type`, `title`, `status` and `detail` always, the catalogue's `code`
/// for an error that has one, `request_id` when the service gives one.
/// Other members are allowed, as the RFC allows extensions.
#[must_use]
pub fn problem_schema() -> Schema {
    // Named once, in errors-vocab: a member added there fails to compile
    // here until it is documented.
    let [kind, title, status, detail, code, request_id] = PROBLEM_MEMBERS;
    let text = |description: &str| {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some(description))
    };
    let object = ObjectBuilder::new()
        .schema_type(Type::Object)
        .title(Some("Problem details"))
        .description(Some(
            "An error as RFC 9457 problem details (`application/problem+json`), \
             with the catalogue's code.",
        ))
        .property(
            kind,
            text("The code's documentation, or `about:blank` for an error without a code.")
                .format(Some(SchemaFormat::Custom("uri-reference".to_owned()))),
        )
        .required(kind)
        .property(title, text("The status's reason phrase."))
        .required(title)
        .property(
            status,
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .minimum(Some(100))
                .maximum(Some(999))
                .description(Some("The HTTP status, as sent.")),
        )
        .required(status)
        .property(
            detail,
            text("What went wrong, in words safe to show an end user."),
        )
        .required(detail)
        .property(
            code,
            text("The error's code in the catalogue, by its canonical id, for an error that has one."),
        )
        .property(
            request_id,
            text("The request's id, when the service gives one: quote it to support."),
        )
        .build();
    Schema::Object(object)
}

/// A placeholder request id, rendered only to find where an id goes (the
/// header, the shape's member); never shown in an example.
const PROBE_REQUEST_ID: &str = "req_example";

/// What render sends for one variant.
struct Rendered {
    name: String,
    /// The body, as `Reply::from` sends it (no request id).
    body: Option<Value>,
    /// The body with a request id, to type the member it goes in.
    body_with_id: Option<Value>,
    content_type: Option<String>,
    retry_after: Option<String>,
    /// Headers sent only with a request id (the request-id header).
    id_headers: Vec<String>,
}

fn rendered<C: Catalogue>(
    catalogue: C,
    dialect: RenderDialect<C>,
    name: String,
    doc: &VariantDoc<C>,
) -> Rendered {
    let error = Documented(doc);
    // Rendering without a request id fails only if the body cannot be
    // written; a document then says what it knows, without an example.
    let plain = render_with(catalogue, &error, dialect, None).ok();
    let with_id = render_with(catalogue, &error, dialect, Some(PROBE_REQUEST_ID)).ok();
    let json = |response: &http::Response<Vec<u8>>| serde_json::from_slice(response.body()).ok();
    let header = |name| {
        plain
            .as_ref()
            .and_then(|response| response.headers().get(name))
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned)
    };
    let id_headers = match (&plain, &with_id) {
        (Some(plain), Some(with_id)) => with_id
            .headers()
            .keys()
            .filter(|name| !plain.headers().contains_key(*name))
            .map(|name| name.as_str().to_owned())
            .collect(),
        _ => Vec::new(),
    };
    Rendered {
        name,
        body: plain.as_ref().and_then(json),
        body_with_id: with_id.as_ref().and_then(json),
        content_type: header(CONTENT_TYPE),
        retry_after: header(RETRY_AFTER),
        id_headers,
    }
}

/// The response for one status and the variants answering with it.
fn response<C: Catalogue>(
    catalogue: C,
    dialect: RenderDialect<C>,
    status: StatusCode,
    docs: &[&VariantDoc<C>],
) -> Response {
    let mut names: Vec<String> = Vec::with_capacity(docs.len());
    let variants: Vec<Rendered> = docs
        .iter()
        .map(|doc| {
            let name = unique_name(&names, doc.name);
            names.push(name.clone());
            rendered(catalogue, dialect, name, doc)
        })
        .collect();

    let mut description = format!("{}.\n", reason(catalogue, status));
    for (variant, doc) in variants.iter().zip(docs) {
        // Writing to a `String` cannot fail.
        let _ = write!(description, "\n- `{}`: {}", variant.name, doc.message);
    }
    let mut response = ResponseBuilder::new().description(description);

    if let Some(content_type) = variants.iter().find_map(|v| v.content_type.clone()) {
        let schema = match dialect {
            RenderDialect::Problem => problem_schema(),
            RenderDialect::Shape(_) => variants
                .iter()
                .find_map(|v| v.body_with_id.as_ref())
                .map_or_else(
                    || Schema::Object(Object::new()),
                    |with_id| schema_of(with_id, variants.iter().find_map(|v| v.body.as_ref())),
                ),
        };
        let mut content = ContentBuilder::new().schema(Some(schema));
        let mut examples = variants
            .iter()
            .filter_map(|v| v.body.clone().map(|body| (v, body)));
        content = match (examples.next(), examples.next()) {
            (Some((_, only)), None) => content.example(Some(only)),
            (first, second) => {
                content.examples_from_iter(first.into_iter().chain(second).chain(examples).map(
                    |(variant, body)| {
                        let example = ExampleBuilder::new()
                            .summary(variant.name.clone())
                            .value(Some(body));
                        (variant.name.clone(), example.build())
                    },
                ))
            }
        };
        response = response.content(content_type, content.build());
    }

    let waits: Vec<(&str, &str)> = variants
        .iter()
        .filter_map(|v| Some((v.name.as_str(), v.retry_after.as_deref()?)))
        .collect();
    if let Some(&(_, first)) = waits.first() {
        let sent_with = waits
            .iter()
            .map(|(name, seconds)| format!("{seconds} with `{name}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let header = HeaderBuilder::new()
            .schema(Some(
                ObjectBuilder::new()
                    .schema_type(Type::Integer)
                    .minimum(Some(1)),
            ))
            .description(Some(format!(
                "Seconds to wait before retrying (RFC 9110, section 10.2.3): {sent_with}. \
                 The service may send a wait of its own instead."
            )))
            .example(first.parse::<u64>().ok().map(Value::from));
        response = response.header("Retry-After", header.build());
    }

    let id_headers = variants.iter().flat_map(|v| &v.id_headers);
    let mut distinct: Vec<&String> = Vec::new();
    for name in id_headers {
        if !distinct.contains(&name) {
            distinct.push(name);
        }
    }
    for name in distinct {
        let header = HeaderBuilder::new()
            .schema(Some(ObjectBuilder::new().schema_type(Type::String)))
            .description(Some(
                "The request's id, when the service gives one: quote it to support.",
            ));
        response = response.header(spelled(catalogue, dialect, name), header.build());
    }
    response.build()
}

/// A request-id header's name as the catalogue spells it (`X-Request-Id`),
/// from the lower case a rendered response keeps: the shape's source's
/// spelling first, as render picks its header there first.
fn spelled<C: Catalogue>(catalogue: C, dialect: RenderDialect<C>, lower: &str) -> String {
    let source = match dialect {
        RenderDialect::Shape(shape) => catalogue.shape_source(shape),
        RenderDialect::Problem => None,
    };
    source
        .map(|source| catalogue.source_request_id_headers(source))
        .unwrap_or_default()
        .iter()
        .chain(catalogue.request_id_header_names())
        .find(|name| name.eq_ignore_ascii_case(lower))
        .map_or_else(|| lower.to_owned(), |name| (*name).to_owned())
}

/// `name`, or `name_2`, `name_3`… when an earlier variant of the status
/// has it.
fn unique_name(taken: &[String], name: &str) -> String {
    if !taken.iter().any(|t| t == name) {
        return name.to_owned();
    }
    // Of `taken.len() + 1` candidates, one at least is free.
    (2..=taken.len() + 1)
        .map(|n| format!("{name}_{n}"))
        .find(|candidate| !taken.contains(candidate))
        .unwrap_or_else(|| name.to_owned())
}

/// The schema of a rendered body: each member typed as it was rendered,
/// required when `always` (the same body rendered without a request id)
/// has it too.
fn schema_of(value: &Value, always: Option<&Value>) -> Schema {
    match value {
        Value::Object(members) => {
            let mut object = ObjectBuilder::new().schema_type(Type::Object);
            for (name, member) in members {
                let present = always.and_then(|body| body.get(name));
                object = object.property(name, schema_of(member, present));
                if present.is_some() {
                    object = object.required(name);
                }
            }
            Schema::Object(object.build())
        }
        Value::Array(items) => {
            let item = items.first().map_or_else(
                || Schema::Object(Object::new()),
                |item| schema_of(item, always.and_then(|body| body.get(0))),
            );
            Schema::Array(
                ArrayBuilder::new()
                    .items(ArrayItems::RefOrSchema(Box::new(RefOr::T(item))))
                    .build(),
            )
        }
        Value::String(_) => Schema::Object(Object::with_type(Type::String)),
        Value::Number(number) if number.is_f64() => Schema::Object(Object::with_type(Type::Number)),
        Value::Number(_) => Schema::Object(Object::with_type(Type::Integer)),
        Value::Bool(_) => Schema::Object(Object::with_type(Type::Boolean)),
        Value::Null => Schema::Object(Object::with_type(Type::Null)),
    }
}

/// A variant's facts as an error render can take, so that an example is
/// rendered by the code that renders the response. Private: its remedies
/// are empty (render does not send them), which is no answer for a real
/// error.
struct Documented<'a, C: Catalogue>(&'a VariantDoc<C>);

impl<C: Catalogue> ErrorTaxonomy<C> for Documented<'_, C> {
    fn code(&self) -> Option<C::Code> {
        self.0.code
    }

    fn status(&self) -> StatusCode {
        self.0.status
    }

    fn retry(&self) -> Retry {
        self.0.retry
    }

    fn user_message(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.0.message)
    }

    fn remedies(&self) -> &'static [&'static str] {
        &[]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Shape;

    fn doc(name: &'static str, code: Code) -> VariantDoc {
        VariantDoc::new(
            name,
            Some(code),
            code.status(),
            code.retry(),
            code.user_message(),
        )
    }

    fn json(responses: &BTreeMap<String, RefOr<Response>>) -> Value {
        serde_json::to_value(responses).expect("a document serialises")
    }

    #[test]
    fn one_response_per_status_with_an_example_per_variant() {
        let docs = [
            doc("NoModel", Code::ModelNotFound),
            VariantDoc::new(
                "NoJob",
                None,
                StatusCode::NOT_FOUND,
                Retry::Never,
                "No such job",
            ),
            doc("Limited", Code::RateLimitExceeded),
        ];
        let json = json(&responses(&docs));
        assert_eq!(json.as_object().map(serde_json::Map::len), Some(2));
        let not_found = &json["404"];
        let description = not_found["description"].as_str().unwrap_or_default();
        assert!(description.starts_with("Not Found."), "{description}");
        assert!(
            description.contains("- `NoJob`: No such job"),
            "{description}"
        );
        let examples = &not_found["content"]["application/problem+json"]["examples"];
        assert_eq!(examples["NoJob"]["value"]["detail"], "No such job");
        assert_eq!(examples["NoJob"]["value"]["type"], "about:blank");
        assert!(examples["NoJob"]["value"].get("code").is_none());
        assert_eq!(examples["NoModel"]["value"]["code"], "model_not_found");
        assert!(not_found["headers"].get("Retry-After").is_none());
        assert_eq!(json["429"]["headers"]["Retry-After"]["example"], 60);
        assert_eq!(
            json["429"]["headers"]["x-request-id"]["schema"]["type"],
            "string"
        );
    }

    #[test]
    fn a_variant_listed_twice_is_documented_once_and_names_stay_apart() {
        let limited = doc("Limited", Code::RateLimitExceeded);
        let other = VariantDoc::new(
            "Limited",
            None,
            StatusCode::TOO_MANY_REQUESTS,
            Retry::Never,
            "Slow",
        );
        let json = json(&responses(&[limited, limited, other]));
        let examples = &json["429"]["content"]["application/problem+json"]["examples"];
        let names: Vec<&String> = examples
            .as_object()
            .map(|o| o.keys().collect())
            .unwrap_or_default();
        assert_eq!(names, ["Limited", "Limited_2"]);
        assert_eq!(examples["Limited_2"]["value"]["detail"], "Slow");
    }

    #[test]
    fn a_shape_schema_requires_what_every_body_has() {
        // The gateway's shape: `{"error": {"code", "message"}, "request_id"}`.
        let json = json(&responses_in(
            RenderDialect::Shape(Shape::Gateway),
            &[doc("NoModel", Code::ModelNotFound)],
        ));
        let content = &json["404"]["content"]["application/json"];
        assert_eq!(content["example"]["error"]["code"], "model_not_found");
        assert!(content["example"].get("request_id").is_none());
        let schema = &content["schema"];
        assert_eq!(schema["required"], serde_json::json!(["error"]));
        assert_eq!(schema["properties"]["request_id"]["type"], "string");
        let error = &schema["properties"]["error"];
        assert_eq!(error["type"], "object");
        assert_eq!(error["required"], serde_json::json!(["code", "message"]));
    }

    #[test]
    fn every_code_and_task_failure_is_documented() {
        let codes = json(&<Code as IntoResponses>::responses());
        for code in Code::ALL {
            let response = &codes[code.status().as_str()];
            let description = response["description"].as_str().unwrap_or_default();
            assert!(
                description.contains(&format!("`{}`", code.as_str())),
                "{code:?}"
            );
        }
        assert_eq!(variant_docs::<ErrorType, _>().len(), ErrorType::ALL.len());
    }

    #[test]
    fn problem_schema_lists_the_members_render_writes() {
        let schema = serde_json::to_value(problem_schema()).expect("a schema serialises");
        for member in PROBLEM_MEMBERS {
            assert!(schema["properties"].get(member).is_some(), "{member}");
        }
    }

    #[test]
    fn unique_names_count_up() {
        let taken = vec!["A".to_owned(), "A_2".to_owned()];
        assert_eq!(unique_name(&taken, "B"), "B");
        assert_eq!(unique_name(&taken, "A"), "A_3");
    }
}
