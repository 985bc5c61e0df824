//! The smaller enums: `Source`, `Category`, `ErrorType`, `TaskStatus`,
//! `Limit`, and the pieces every enum uses (`Retry` values, `docs_url`).

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use super::Options;
use super::docs::{self, code as inline, prose};
use super::named::{Variant, match_self, named_enum, str_slice, str_tokens, variant_ident};
use crate::model::{Catalogue, CreateRule, Fault, RequestIdCarrier, Retry, Shape, Unit};

/// A `Retry` value of the runtime crate.
pub(super) fn retry_tokens(retry: &Retry, runtime: &TokenStream) -> TokenStream {
    let create = |rule: &CreateRule| match rule {
        CreateRule::Safe => quote!(#runtime::CreateRule::Safe),
        CreateRule::IdempotentOnly => quote!(#runtime::CreateRule::IdempotentOnly),
    };
    let secs = |s: u32| {
        let s = u64::from(s);
        quote!(::core::time::Duration::from_secs(#s))
    };
    match retry {
        Retry::Never => quote!(#runtime::Retry::Never),
        Retry::KeepPolling => quote!(#runtime::Retry::KeepPolling),
        Retry::ResubmitAsync => quote!(#runtime::Retry::ResubmitAsync),
        Retry::Backoff {
            max_attempts,
            create: rule,
        } => {
            let rule = create(rule);
            quote!(#runtime::Retry::Backoff { max_attempts: #max_attempts, create: #rule })
        }
        Retry::After {
            min_secs,
            max_secs,
            create: rule,
        } => {
            let (min, max, rule) = (secs(*min_secs), secs(*max_secs), create(rule));
            quote!(#runtime::Retry::After { min: #min, max: #max, create: #rule })
        }
        Retry::AfterHeader {
            header,
            fallback_secs,
            create: rule,
        } => {
            let (header, fallback, rule) =
                (Literal::string(header), secs(*fallback_secs), create(rule));
            quote!(#runtime::Retry::AfterHeader { header: #header, fallback: #fallback, create: #rule })
        }
    }
}

/// `docs_url()` from the builder's template, or nothing without one.
pub(super) fn docs_url(
    options: &Options,
    kind: &str,
    enum_name: &str,
    variants: &[Variant],
) -> TokenStream {
    let Some(template) = &options.docs_url else {
        return TokenStream::new();
    };
    let urls = variants.iter().map(|v| {
        let url = template
            .replace("{kind}", kind)
            .replace("{enum}", enum_name)
            .replace("{id}", &v.name)
            .replace("{variant}", &v.ident.to_string());
        str_tokens(&url)
    });
    let body = match_self(variants, urls);
    quote! {
        /// Where this entry is documented for people.
        #[must_use]
        pub const fn docs_url(self) -> &'static str {
            #body
        }
    }
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
    let name = match_self(&variants, list.iter().map(|s| str_tokens(&s.name)));
    let summary = match_self(&variants, list.iter().map(|s| str_tokens(&s.summary)));
    let documents = match_self(
        &variants,
        list.iter()
            .map(|s| str_slice(s.documents.iter().map(|d| &d.value))),
    );
    let auth_header = match_self(&variants, list.iter().map(|s| str_tokens(&s.auth.header)));
    let auth_schemes = match_self(&variants, list.iter().map(|s| str_slice(&s.auth.schemes)));
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
    let id_headers = match_self(&variants, carriers(true));
    let id_fields = match_self(&variants, carriers(false));
    let shapes = match_self(
        &variants,
        list.iter().map(|s| {
            let shapes = s
                .bodies
                .iter()
                .map(|b| shape_tokens(b.shape.value, runtime));
            quote!(&[#(#shapes),*])
        }),
    );
    let assumed = match_self(
        &variants,
        list.iter()
            .map(|s| str_slice(s.assumed.iter().map(|a| &a.value))),
    );
    quote! {
        #frame

        impl Source {
            /// The API's name.
            #[must_use]
            pub const fn name(self) -> &'static str { #name }

            /// What the API is, in a sentence.
            #[must_use]
            pub const fn summary(self) -> &'static str { #summary }

            /// Ids of the documents that describe it.
            #[must_use]
            pub const fn documents(self) -> &'static [&'static str] { #documents }

            /// The request header that carries the credential.
            #[must_use]
            pub const fn auth_header(self) -> &'static str { #auth_header }

            /// Schemes accepted before the key (`Bearer`, `Key`); empty when the key stands alone.
            #[must_use]
            pub const fn auth_schemes(self) -> &'static [&'static str] { #auth_schemes }

            /// Response headers that carry the request id.
            #[must_use]
            pub const fn request_id_headers(self) -> &'static [&'static str] { #id_headers }

            /// Top-level body fields that carry the request id.
            #[must_use]
            pub const fn request_id_fields(self) -> &'static [&'static str] { #id_fields }

            /// The error-body shapes it sends.
            #[must_use]
            pub const fn shapes(self) -> &'static [#runtime::Shape] { #shapes }

            /// Fields whose values the catalogue chose where the documents are silent.
            #[must_use]
            pub const fn assumed(self) -> &'static [&'static str] { #assumed }
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
    let meaning = match_self(&variants, list.iter().map(|c| str_tokens(&c.meaning)));
    let fault = match_self(
        &variants,
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

        impl Category {
            /// What codes in this category have in common.
            #[must_use]
            pub const fn meaning(self) -> &'static str { #meaning }

            /// Who has to act.
            #[must_use]
            pub const fn fault(self) -> #runtime::Fault { #fault }
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
    let source = match_self(
        &variants,
        list.iter().map(|e| {
            let v = variant_ident(&e.source.value);
            quote!(Source::#v)
        }),
    );
    let code = match_self(
        &variants,
        list.iter().map(|e| {
            let v = variant_ident(&e.code.value);
            quote!(Code::#v)
        }),
    );
    let retry = match_self(
        &variants,
        list.iter().map(|e| retry_tokens(&e.retry.value, runtime)),
    );
    let meaning = match_self(&variants, list.iter().map(|e| str_tokens(&e.meaning)));
    let remedies = match_self(&variants, list.iter().map(|e| str_slice(&e.remedies)));
    quote! {
        #frame

        #[allow(deprecated)]
        impl ErrorType {
            /// The source that reports it.
            #[must_use]
            pub const fn source(self) -> Source { #source }

            /// The canonical code this failure maps to.
            #[must_use]
            pub const fn code(self) -> Code { #code }

            /// How a client should retry the task (by submitting a new one).
            #[must_use]
            pub const fn retry(self) -> #runtime::Retry { #retry }

            /// What it means.
            #[must_use]
            pub const fn meaning(self) -> &'static str { #meaning }

            /// What to do about it.
            #[must_use]
            pub const fn remedies(self) -> &'static [&'static str] { #remedies }
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
    let source = match_self(
        &variants,
        list.iter().map(|t| {
            let v = variant_ident(&t.source.value);
            quote!(Source::#v)
        }),
    );
    let terminal = match_self(
        &variants,
        list.iter().map(|t| {
            let b = t.terminal;
            quote!(#b)
        }),
    );
    let meaning = match_self(&variants, list.iter().map(|t| str_tokens(&t.meaning)));
    let next_step = match_self(&variants, list.iter().map(|t| str_tokens(&t.next_step)));
    quote! {
        #frame

        impl TaskStatus {
            /// The source that reports it.
            #[must_use]
            pub const fn source(self) -> Source { #source }

            /// Whether the task has stopped changing.
            #[must_use]
            pub const fn is_terminal(self) -> bool { #terminal }

            /// What it means.
            #[must_use]
            pub const fn meaning(self) -> &'static str { #meaning }

            /// What a client does next.
            #[must_use]
            pub const fn next_step(self) -> &'static str { #next_step }
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
    let source = match_self(
        &variants,
        list.iter().map(|l| {
            let v = variant_ident(&l.source.value);
            quote!(Source::#v)
        }),
    );
    let value = match_self(
        &variants,
        list.iter().map(|l| {
            let v = l.value;
            quote!(#v)
        }),
    );
    let unit = match_self(
        &variants,
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
    );
    let scope = match_self(&variants, list.iter().map(|l| str_tokens(&l.scope)));
    let meaning = match_self(&variants, list.iter().map(|l| str_tokens(&l.meaning)));
    quote! {
        #frame

        impl Limit {
            /// The source that documents it.
            #[must_use]
            pub const fn source(self) -> Source { #source }

            /// The figure, exactly as documented.
            #[must_use]
            pub const fn value(self) -> u64 { #value }

            /// What the figure counts.
            #[must_use]
            pub const fn unit(self) -> #runtime::Unit { #unit }

            /// What it applies to.
            #[must_use]
            pub const fn scope(self) -> &'static str { #scope }

            /// What it means for a client.
            #[must_use]
            pub const fn meaning(self) -> &'static str { #meaning }
        }
    }
}
