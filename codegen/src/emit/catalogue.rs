//! `Taxonomy`: the catalogue as a type, implementing the runtime's
//! `wire::Catalogue` by handing over the generated enums' own accessors,
//! so that the one engine (classify, decide, render) runs on this
//! catalogue's tables. Nothing here is data: each method forwards to the
//! table the other emitters wrote.

use proc_macro2::TokenStream;
use quote::quote;

use super::Options;

pub(super) fn catalogue(options: &Options) -> TokenStream {
    let runtime = &options.runtime;
    let wire = quote!(#runtime::wire);
    let option = quote!(::core::option::Option);
    let docs_url = if options.docs_url.is_some() {
        quote!(#option::Some(code.docs_url()))
    } else {
        quote!({
            let _ = code;
            #option::None
        })
    };
    quote! {
        /// This catalogue as a type, for the wire layer: pass it to
        /// `wire::classify_with` (and it comes back in every answer), so that
        /// responses are read, decided and rendered with this catalogue's
        /// shapes, codes and retry rules.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        pub struct Taxonomy;

        #[allow(clippy::too_many_lines)]
        impl #wire::Catalogue for Taxonomy {
            type Source = Source;
            type Shape = Shape;
            type Status = Status;
            type Code = Code;
            type ErrorType = ErrorType;
            type TaskStatus = TaskStatus;
            type Category = Category;

            fn plan(self) -> &'static [#wire::PlanNode] {
                Shape::PLAN
            }
            fn problem_places(self) -> [u16; 6] {
                Shape::PROBLEM
            }
            fn with_places<'a, R>(self, read: impl ::core::ops::FnOnce(&mut [#wire::Place<'a>]) -> R) -> R {
                let mut places = [#wire::Place::MISSING; Shape::PLAN.len()];
                read(&mut places)
            }
            fn shapes(self) -> &'static [Shape] {
                Shape::ALL
            }
            fn shapes_keyed(self) -> #wire::KeyedShapes {
                Shape::KEYED
            }
            fn shape_id(self, shape: Shape) -> &'static str {
                shape.as_str()
            }
            fn shape_source(self, shape: Shape) -> #option<Source> {
                shape.source()
            }
            fn shape_requires(self, shape: Shape) -> u64 {
                shape.requires()
            }
            fn shape_when(self, shape: Shape) -> &'static [#wire::Alternative] {
                shape.when()
            }
            fn shape_fields(self, shape: Shape) -> &'static [#wire::FieldPlaces] {
                shape.fields()
            }
            fn shape_identifies_source(self, shape: Shape) -> #wire::Identifies {
                shape.identifies_source()
            }

            fn source_id(self, source: Source) -> &'static str {
                source.as_str()
            }
            fn source_messages_user_safe(self, source: Source) -> bool {
                source.messages_user_safe()
            }
            fn source_failed_task_code(self, source: Source) -> #option<Code> {
                source.failed_task_code()
            }
            fn source_shapes(self, source: Source) -> &'static [Shape] {
                source.shapes()
            }
            fn source_request_id_headers(self, source: Source) -> &'static [&'static str] {
                source.request_id_headers()
            }
            fn source_auth_schemes(self, source: Source) -> &'static [&'static str] {
                source.auth_schemes()
            }
            fn header_rule(self, name: &str) -> #option<#wire::HeaderRule> {
                Source::header_rule(name)
            }
            fn request_id_header_names(self) -> &'static [&'static str] {
                Source::REQUEST_ID_HEADER_NAMES
            }

            fn status(self, number: u16) -> #option<Status> {
                Status::from_u16(number)
            }
            fn status_number(self, status: Status) -> u16 {
                status.as_u16()
            }
            fn status_reason(self, status: Status) -> &'static str {
                status.reason()
            }
            fn status_retry(
                self,
                status: Status,
                source: #option<Source>,
            ) -> #option<#runtime::Retry> {
                match source {
                    #option::Some(source) => status.retry_from(source),
                    #option::None => status.retry(),
                }
            }
            fn status_user_message(self, status: Status) -> #option<&'static str> {
                status.user_message()
            }
            fn status_remedies(
                self,
                status: Status,
                source: #option<Source>,
            ) -> &'static [&'static str] {
                let Some(source) = source else {
                    return &[];
                };
                status
                    .views()
                    .iter()
                    .find(|view| view.source == source)
                    .map_or(&[], |view| view.remedies)
            }
            fn status_category(self, status: Status) -> #option<Category> {
                status.category()
            }
            fn status_is_timeout(self, status: Status) -> bool {
                status.is_timeout()
            }
            fn status_is_from_edge_proxy(self, status: Status) -> bool {
                status.is_from_edge_proxy()
            }

            fn codes(self) -> &'static [Code] {
                Code::ALL
            }
            fn code_id(self, code: Code) -> &'static str {
                code.as_str()
            }
            fn code_from_wire(self, source: Source, text: &str) -> #option<Code> {
                Code::from_wire(source, text)
            }
            fn code_lookup(self, text: &str) -> #option<Code> {
                Code::lookup(text)
            }
            fn code_status(self, code: Code) -> #runtime::__private::http::StatusCode {
                code.status()
            }
            fn code_retry(self, code: Code) -> #runtime::Retry {
                code.retry()
            }
            fn code_user_message(self, code: Code) -> &'static str {
                code.user_message()
            }
            fn code_remedies(self, code: Code) -> &'static [&'static str] {
                code.remedies()
            }
            fn code_category(self, code: Code) -> Category {
                code.category()
            }
            fn code_wire_code(self, code: Code, source: Source) -> #option<&'static str> {
                code.wire_code(source)
            }
            fn code_wire_message(self, code: Code, source: Source) -> #option<&'static str> {
                code.wire_message(source)
            }
            fn code_docs_url(self, code: Code) -> #option<&'static str> {
                #docs_url
            }

            fn error_type_id(self, error_type: ErrorType) -> &'static str {
                error_type.as_str()
            }
            fn error_type_from_name(self, name: &str) -> #option<ErrorType> {
                ErrorType::from_name(name)
            }
            fn error_type_code(self, error_type: ErrorType) -> Code {
                error_type.code()
            }
            fn error_type_retry(self, error_type: ErrorType) -> #runtime::Retry {
                error_type.retry()
            }
            fn error_type_remedies(self, error_type: ErrorType) -> &'static [&'static str] {
                error_type.remedies()
            }
            fn task_status_from_name(self, name: &str) -> #option<TaskStatus> {
                TaskStatus::from_name(name)
            }
            fn task_status_source(self, task_status: TaskStatus) -> Source {
                task_status.source()
            }
            fn task_status_is_terminal(self, task_status: TaskStatus) -> bool {
                task_status.is_terminal()
            }

            fn category_stop(self, category: Category) -> #runtime::StopAction {
                category.stop()
            }
        }

        impl #runtime::ErrorTaxonomy<Taxonomy> for Code {
            fn code(&self) -> #option<Code> {
                #option::Some(*self)
            }
            fn status(&self) -> #runtime::__private::http::StatusCode {
                Code::status(*self)
            }
            fn retry(&self) -> #runtime::Retry {
                Code::retry(*self)
            }
            fn user_message(&self) -> #runtime::__private::Cow<'_, str> {
                #runtime::__private::Cow::Borrowed(Code::user_message(*self))
            }
            fn remedies(&self) -> &'static [&'static str] {
                Code::remedies(*self)
            }
        }

        /// A task failure answers as the code it maps to, but keeps its own
        /// retry rule: a failed task is retried by submitting a new one.
        impl #runtime::ErrorTaxonomy<Taxonomy> for ErrorType {
            fn code(&self) -> #option<Code> {
                #option::Some(ErrorType::code(*self))
            }
            fn status(&self) -> #runtime::__private::http::StatusCode {
                ErrorType::code(*self).status()
            }
            fn retry(&self) -> #runtime::Retry {
                ErrorType::retry(*self)
            }
            fn user_message(&self) -> #runtime::__private::Cow<'_, str> {
                #runtime::__private::Cow::Borrowed(ErrorType::code(*self).user_message())
            }
            fn remedies(&self) -> &'static [&'static str] {
                ErrorType::remedies(*self)
            }
        }

        /// A code is an error in its own right: `Display` is its canonical
        /// id, so `?` into `Box<dyn Error>` keeps it readable in logs.
        impl ::std::error::Error for Code {}

        impl ::std::error::Error for ErrorType {}
    }
}
