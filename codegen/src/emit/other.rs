//! The smaller enums: `Source`, `Category`, `ErrorType`, `TaskStatus`,
//! `Limit`, and the pieces every enum uses (`Retry` values, `docs_url`).

use errors_vocab::retry::RetryPaths;
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::Options;
use super::docs::{self, code as inline, prose};
use super::named::{
    Variant, assumed_fn, named_enum, source_fn, str_slice, str_tokens, table_fn, table_fn_in,
    variant_ident,
};
use crate::model::{Catalogue, Fault, RequestIdCarrier, Retry, Shape, Unit};

/// A `Retry` value of the runtime crate.
pub(super) fn retry_tokens(retry: &Retry) -> TokenStream {
    retry.to_tokens(&RetryPaths::short())
}

/// The names [`retry_tokens`] uses, brought into a table function's scope
/// (short names keep large tables small; see `OptionPrelude`).
pub(super) fn retry_prelude(runtime: &TokenStream) -> TokenStream {
    // A table may use no rule that names a create rule or a duration.
    quote! {
        #[allow(unused_imports)]
        use #runtime::{CreateRule, Retry};
        #[allow(unused_imports)]
        use ::core::time::Duration;
    }
}

/// `docs_url()` from the builder's template, or nothing without one.
pub(super) fn docs_url(
    options: &Options,
    kind: crate::EntryKind,
    enum_name: &str,
    variants: &[Variant],
) -> TokenStream {
    let Some(template) = &options.docs_url else {
        return TokenStream::new();
    };
    let urls = variants.iter().map(|v| {
        let url = template
            .replace("{kind}", kind.as_str())
            .replace("{enum}", enum_name)
            .replace("{anchor}", &crate::anchor(kind, &v.name))
            .replace("{id}", &v.name)
            .replace("{variant}", &v.ident.to_string());
        str_tokens(&url)
    });
    table_fn(
        "Where this entry is documented for people.",
        "docs_url",
        &quote!(&'static str),
        urls,
    )
}

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

pub(super) fn sources(catalogue: &Catalogue, options: &Options) -> TokenStream {
    let runtime = &options.runtime;
    let list = &catalogue.sources;
    let variants: Vec<Variant> = list
        .iter()
        .map(|s| {
            let mut d = vec![format!("{}: {}", prose(&s.name), prose(&s.summary))];
            d.push(String::new());
            let documents: Vec<String> = s
                .documents
                .iter()
                .map(|x| format!("`{}`", x.value))
                .collect();
            d.push(format!("**Documents:** {}", documents.join(", ")));
            Variant::new(&s.id.value, d)
        })
        .collect();
    let frame = named_enum(
        &ident("Source"),
        "source",
        &["An API whose errors the catalogue describes.".to_string()],
        &variants,
        options,
    );
    let str_ty = quote!(&'static str);
    let slice_ty = quote!(&'static [&'static str]);
    let carriers = |want_header: bool| {
        list.iter()
            .map(|s| {
                let names: Vec<&String> = s
                    .request_id
                    .iter()
                    .filter_map(|c| match c {
                        RequestIdCarrier::Header(h) if want_header => Some(h),
                        RequestIdCarrier::BodyField(f) if !want_header => Some(f),
                        _ => None,
                    })
                    .collect();
                str_slice(names)
            })
            .collect::<Vec<_>>()
    };
    let tables = [
        table_fn(
            "The API's name.",
            "name",
            &str_ty,
            list.iter().map(|s| str_tokens(&s.name)),
        ),
        table_fn(
            "What the API is, in a sentence.",
            "summary",
            &str_ty,
            list.iter().map(|s| str_tokens(&s.summary)),
        ),
        table_fn(
            "Ids of the documents that describe it.",
            "documents",
            &slice_ty,
            list.iter()
                .map(|s| str_slice(s.documents.iter().map(|d| &d.value))),
        ),
        table_fn(
            "The request header that carries the credential.",
            "auth_header",
            &str_ty,
            list.iter().map(|s| str_tokens(&s.auth.header)),
        ),
        table_fn(
            "Schemes accepted before the key (`Bearer`, `Key`); empty when the key stands alone.",
            "auth_schemes",
            &slice_ty,
            list.iter().map(|s| str_slice(&s.auth.schemes)),
        ),
        table_fn(
            "Response headers that carry the request id.",
            "request_id_headers",
            &slice_ty,
            carriers(true),
        ),
        table_fn(
            "Top-level body fields that carry the request id.",
            "request_id_fields",
            &slice_ty,
            carriers(false),
        ),
        table_fn(
            "The error-body shapes it sends.",
            "shapes",
            &quote!(&'static [#runtime::Shape]),
            list.iter().map(|s| {
                let shapes = s
                    .bodies
                    .iter()
                    .map(|b| shape_tokens(b.shape.value, runtime));
                quote!(&[#(#shapes),*])
            }),
        ),
        table_fn(
            "Whether the documents promise that its error messages are safe to show end users.",
            "messages_user_safe",
            &quote!(bool),
            list.iter().map(|s| {
                let safe = s.messages_user_safe;
                quote!(#safe)
            }),
        ),
        assumed_fn(list.iter().map(|s| s.assumed.as_slice())),
    ];
    quote! {
        #frame

        #[allow(clippy::too_many_lines)]
        impl Source {
            #(#tables)*
        }
    }
}

fn shape_tokens(shape: Shape, runtime: &TokenStream) -> TokenStream {
    let variant = ident(match shape {
        Shape::Gateway => "Gateway",
        Shape::Detail => "Detail",
        Shape::TaskStatus => "TaskStatus",
        Shape::CodeAndMessage => "CodeAndMessage",
        Shape::ErrorString => "ErrorString",
        Shape::RunsTask => "RunsTask",
        Shape::StatusOnly => "StatusOnly",
    });
    quote!(#runtime::Shape::#variant)
}

pub(super) fn categories(catalogue: &Catalogue, options: &Options) -> TokenStream {
    let runtime = &options.runtime;
    let list = &catalogue.categories;
    let variants: Vec<Variant> = list
        .iter()
        .map(|c| Variant::new(&c.id.value, vec![prose(&c.meaning)]))
        .collect();
    let frame = named_enum(
        &ident("Category"),
        "category",
        &["The kind of failure a code reports.".to_string()],
        &variants,
        options,
    );
    let meaning = table_fn(
        "What codes in this category have in common.",
        "meaning",
        &quote!(&'static str),
        list.iter().map(|c| str_tokens(&c.meaning)),
    );
    let fault = table_fn(
        "Who has to act.",
        "fault",
        &quote!(#runtime::Fault),
        list.iter().map(|c| {
            let v = ident(match c.fault {
                Fault::Caller => "Caller",
                Fault::Service => "Service",
                Fault::Nobody => "Nobody",
            });
            quote!(#runtime::Fault::#v)
        }),
    );
    quote! {
        #frame

        #[allow(clippy::too_many_lines)]
        impl Category {
            #meaning
            #fault
        }
    }
}

pub(super) fn error_types(catalogue: &Catalogue, options: &Options) -> TokenStream {
    let runtime = &options.runtime;
    let list = &catalogue.error_types;
    let variants: Vec<Variant> = list
        .iter()
        .map(|e| {
            let mut d = vec![format!("{}: {}", inline(&e.id.value), prose(&e.meaning))];
            d.push(String::new());
            d.push(format!(
                "**Maps to:** [`Code::{}`] · **Reported by:** `{}`",
                variant_ident(&e.code.value),
                e.source.value
            ));
            docs::section(&mut d, "Remedies", &e.remedies);
            docs::retry(&mut d, &e.retry.value);
            let assumed: Vec<String> = e.assumed.iter().map(|a| a.value.clone()).collect();
            docs::assumed(&mut d, &assumed);
            Variant::new(&e.id.value, d)
        })
        .collect();
    let frame = named_enum(
        &ident("ErrorType"),
        "error_type",
        &[
            "A terminal task failure, as reported in a task status body's `error_type`."
                .to_string(),
        ],
        &variants,
        options,
    );
    let tables = [
        source_fn(
            "The source that reports it.",
            list.iter().map(|e| e.source.value.as_str()),
        ),
        table_fn(
            "The canonical code this failure maps to.",
            "code",
            &quote!(Code),
            list.iter().map(|e| {
                let v = variant_ident(&e.code.value);
                quote!(Code::#v)
            }),
        ),
        table_fn_in(
            &retry_prelude(runtime),
            "How a client should retry the task (by submitting a new one).",
            "retry",
            &quote!(#runtime::Retry),
            list.iter().map(|e| retry_tokens(&e.retry.value)),
        ),
        table_fn(
            "What it means.",
            "meaning",
            &quote!(&'static str),
            list.iter().map(|e| str_tokens(&e.meaning)),
        ),
        table_fn(
            "What to do about it.",
            "remedies",
            &quote!(&'static [&'static str]),
            list.iter().map(|e| str_slice(&e.remedies)),
        ),
    ];
    quote! {
        #frame

        #[allow(deprecated, clippy::too_many_lines)]
        impl ErrorType {
            #(#tables)*
        }
    }
}

pub(super) fn task_statuses(catalogue: &Catalogue, options: &Options) -> TokenStream {
    let list = &catalogue.task_statuses;
    let variants: Vec<Variant> = list
        .iter()
        .map(|t| {
            Variant::new(
                &t.id.value,
                vec![
                    format!("{}: {}", inline(&t.id.value), prose(&t.meaning)),
                    String::new(),
                    format!("**Next step:** {}", prose(&t.next_step)),
                ],
            )
        })
        .collect();
    let frame = named_enum(
        &ident("TaskStatus"),
        "task status",
        &["A state of an asynchronous task, as reported in its `status`.".to_string()],
        &variants,
        options,
    );
    let tables = [
        source_fn(
            "The source that reports it.",
            list.iter().map(|t| t.source.value.as_str()),
        ),
        table_fn(
            "Whether the task has stopped changing.",
            "is_terminal",
            &quote!(bool),
            list.iter().map(|t| {
                let b = t.terminal;
                quote!(#b)
            }),
        ),
        table_fn(
            "What it means.",
            "meaning",
            &quote!(&'static str),
            list.iter().map(|t| str_tokens(&t.meaning)),
        ),
        table_fn(
            "What a client does next.",
            "next_step",
            &quote!(&'static str),
            list.iter().map(|t| str_tokens(&t.next_step)),
        ),
    ];
    quote! {
        #frame

        #[allow(clippy::too_many_lines)]
        impl TaskStatus {
            #(#tables)*
        }
    }
}

pub(super) fn limits(catalogue: &Catalogue, options: &Options) -> TokenStream {
    let runtime = &options.runtime;
    let list = &catalogue.limits;
    let variants: Vec<Variant> = list
        .iter()
        .map(|l| {
            Variant::new(
                &l.id.value,
                vec![format!(
                    "{} ({}, `{}`): {}",
                    l.value,
                    prose(&l.scope),
                    l.source.value,
                    prose(&l.meaning)
                )],
            )
        })
        .collect();
    let frame = named_enum(
        &ident("Limit"),
        "limit",
        &["A figure the documents give: a rate, a ceiling, a retention.".to_string()],
        &variants,
        options,
    );
    let tables = [
        source_fn(
            "The source that documents it.",
            list.iter().map(|l| l.source.value.as_str()),
        ),
        table_fn(
            "The figure, exactly as documented.",
            "value",
            &quote!(u64),
            list.iter().map(|l| {
                let v = l.value;
                quote!(#v)
            }),
        ),
        table_fn(
            "What the figure counts.",
            "unit",
            &quote!(#runtime::Unit),
            list.iter().map(|l| {
                let v = ident(match l.unit {
                    Unit::RequestsPerMinute => "RequestsPerMinute",
                    Unit::ConcurrentRuns => "ConcurrentRuns",
                    Unit::Seconds => "Seconds",
                    Unit::Minutes => "Minutes",
                    Unit::Days => "Days",
                    Unit::PixelMultiple => "PixelMultiple",
                });
                quote!(#runtime::Unit::#v)
            }),
        ),
        table_fn(
            "What it applies to.",
            "scope",
            &quote!(&'static str),
            list.iter().map(|l| str_tokens(&l.scope)),
        ),
        table_fn(
            "What it means for a client.",
            "meaning",
            &quote!(&'static str),
            list.iter().map(|l| str_tokens(&l.meaning)),
        ),
    ];
    quote! {
        #frame

        #[allow(clippy::too_many_lines)]
        impl Limit {
            #(#tables)*
        }
    }
}
