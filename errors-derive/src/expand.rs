//! The `impl ErrorTaxonomy` for a checked input, or every error found and a
//! placeholder impl so the user's other uses of the trait do not add noise.

use proc_macro2::{Literal, Span, TokenStream, TokenTree};
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{DeriveInput, Ident, LitStr, Member, Type};

use crate::ast::{Case, Data, Field, Input};
use crate::ctxt::Ctxt;
use crate::valid::{self, Described, Message, Origin, Plan, Segment};
use errors_vocab::retry::RetryPaths;

/// The derive's entry point, on `proc_macro2` tokens so benches and tests
/// can call it.
pub fn derive(input: TokenStream) -> TokenStream {
    match syn::parse2::<DeriveInput>(input) {
        Ok(input) => expand(&input),
        Err(e) => e.to_compile_error(),
    }
}

/// The expansion of a parsed input.
pub fn expand(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::default();
    let parsed = Input::from_syn(input, &cx);
    let plans = valid::check(&parsed, &cx);
    let runtime = parsed
        .attrs
        .krate
        .as_ref()
        .map_or_else(|| quote!(::errors_core), |k| k.value.to_token_stream());
    let krate = Paths {
        catalogue: parsed
            .attrs
            .catalogue
            .as_ref()
            .map_or_else(|| runtime.clone(), |c| c.value.to_token_stream()),
        runtime,
    };
    match (cx.check(), plans) {
        (Ok(()), Some(plans)) => {
            #[allow(unused_mut)]
            let mut tokens = implementation(&parsed, &plans, &krate);
            #[cfg(feature = "utoipa")]
            tokens.extend(openapi::implementation(&parsed, &plans, &krate));
            tokens
        }
        (Err(errors), _) => fallback(input, &krate, &errors),
        // `check` yields no plans only after reporting why; keep a message
        // in case that ever stops being true rather than emit nothing.
        (Ok(()), None) => fallback(
            input,
            &krate,
            &syn::Error::new(Span::call_site(), "ErrorTaxonomy could not check this type"),
        ),
    }
}

/// Where the expansion finds things: the runtime (`ErrorTaxonomy`,
/// `Retry`), written `#krate`, and the module of the catalogue's enums
/// (`Code`, `Status`, `Taxonomy`): the runtime itself for the built-in
/// catalogue, the user's module for their own.
struct Paths {
    runtime: TokenStream,
    catalogue: TokenStream,
}

impl Paths {
    /// `ErrorTaxonomy` for the catalogue.
    fn trait_path(&self) -> TokenStream {
        let Self { runtime, catalogue } = self;
        quote!(#runtime::ErrorTaxonomy<#catalogue::Taxonomy>)
    }
}

impl ToTokens for Paths {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        self.runtime.to_tokens(tokens);
    }
}

/// The methods of the trait, each a `match` over the cases.
#[derive(Clone, Copy)]
enum Method {
    Code,
    Status,
    Retry,
    UserMessage,
    Remedies,
}

impl Method {
    fn ident(self) -> Ident {
        let name = match self {
            Self::Code => "code",
            Self::Status => "status",
            Self::Retry => "retry",
            Self::UserMessage => "user_message",
            Self::Remedies => "remedies",
        };
        Ident::new(name, Span::call_site())
    }
}

fn implementation(input: &Input<'_>, plans: &[Plan<'_>], krate: &Paths) -> TokenStream {
    let original = input.original;
    let ty = &original.ident;
    let (impl_generics, ty_generics, where_clause) = original.generics.split_for_impl();
    let existing = where_clause
        .map(|w| w.predicates.iter())
        .into_iter()
        .flatten();
    let added = bounds(original, plans, krate);
    let where_clause = if where_clause.is_none() && added.is_empty() {
        TokenStream::new()
    } else {
        quote!(where #(#existing,)* #(#added,)*)
    };
    let body = |method| match &input.data {
        Data::Enum(cases) => enum_body(cases, plans, method, krate),
        Data::Struct(_) | Data::Union(_) => plans
            .first()
            .map(|plan| struct_body(plan, method, krate))
            .unwrap_or_default(),
    };
    let code = body(Method::Code);
    let status = body(Method::Status);
    let retry = body(Method::Retry);
    let user_message = body(Method::UserMessage);
    let remedies = body(Method::Remedies);
    let (trait_path, cat) = (krate.trait_path(), &krate.catalogue);
    quote! {
        #[automatically_derived]
        impl #impl_generics #trait_path for #ty #ty_generics #where_clause {
            fn code(&self) -> ::core::option::Option<#cat::Code> {
                #code
            }

            // A deprecated code warns once, in `code`, not in every method.
            #[allow(deprecated)]
            fn status(&self) -> #krate::__private::http::StatusCode {
                #status
            }

            #[allow(deprecated)]
            fn retry(&self) -> #krate::Retry {
                #retry
            }

            #[allow(deprecated)]
            fn user_message(&self) -> #krate::__private::Cow<'_, str> {
                #user_message
            }

            #[allow(deprecated)]
            fn remedies(&self) -> &'static [&'static str] {
                #remedies
            }
        }
    }
}

/// `match *self { … }` with one arm per variant, binding only the fields
/// the arm reads.
fn enum_body(cases: &[Case<'_>], plans: &[Plan<'_>], method: Method, krate: &Paths) -> TokenStream {
    if cases.is_empty() {
        return quote!(match *self {});
    }
    let arms = cases.iter().zip(plans).map(|(case, plan)| {
        let variant = case.ident;
        let used = fields_read(plan, method);
        let bindings = used.iter().map(|field| match &field.member {
            Member::Named(ident) => quote!(#ident),
            Member::Unnamed(index) => {
                let binding = binding(field);
                quote!(#index: #binding)
            }
        });
        let expr = expression(plan, method, krate, &|field| {
            binding(field).into_token_stream()
        });
        quote!(Self::#variant { #(#bindings,)* .. } => #expr,)
    });
    quote! {
        match self {
            #(#arms)*
        }
    }
}

fn struct_body(plan: &Plan<'_>, method: Method, krate: &Paths) -> TokenStream {
    expression(plan, method, krate, &|field| {
        let member = &field.member;
        quote!(&self.#member)
    })
}

/// The name a field is bound to in a match arm: its own name (shorthand
/// pattern), or `field_N` for a tuple field.
fn binding(field: &Field<'_>) -> Ident {
    match &field.member {
        Member::Named(ident) => ident.clone(),
        Member::Unnamed(index) => format_ident!("field_{}", index.index),
    }
}

/// The fields an arm's expression reads for `method`.
fn fields_read<'a>(plan: &'a Plan<'a>, method: Method) -> Vec<&'a Field<'a>> {
    match (plan, method) {
        (Plan::Transparent(field), _) => vec![field],
        (Plan::Described(d), Method::UserMessage) => d
            .message()
            .into_iter()
            .flat_map(|m| &m.pieces)
            .filter_map(|piece| match piece {
                Segment::Field(field) => Some(*field),
                Segment::Text(_) => None,
            })
            .fold(Vec::new(), |mut fields, field| {
                if !fields.iter().any(|f: &&Field<'_>| std::ptr::eq(*f, field)) {
                    fields.push(field);
                }
                fields
            }),
        (Plan::Described(_), _) => Vec::new(),
    }
}

/// What `method` returns for one case; `access` gives a reference to a field.
fn expression(
    plan: &Plan<'_>,
    method: Method,
    krate: &Paths,
    access: &dyn Fn(&Field<'_>) -> TokenStream,
) -> TokenStream {
    match plan {
        Plan::Transparent(field) => {
            let method = method.ident();
            let inner = access(field);
            let ty = field.ty;
            // Spanned on the field's type: a type that does not implement
            // the trait is reported there.
            let trait_path = krate.trait_path();
            quote_spanned!(ty.span()=> <#ty as #trait_path>::#method(#inner))
        }
        Plan::Described(described) => described_expression(described, method, krate, access),
    }
}

fn described_expression(
    d: &Described<'_>,
    method: Method,
    krate: &Paths,
    access: &dyn Fn(&Field<'_>) -> TokenStream,
) -> TokenStream {
    let cat = &krate.catalogue;
    let code = match &d.origin {
        Origin::Code { code, .. } => {
            let variant = &code.variant;
            Some(quote!(#cat::Code::#variant))
        }
        Origin::Status { .. } => None,
    };
    let status = match &d.origin {
        Origin::Status { status, .. } => Some(Literal::u16_unsuffixed(*status)),
        Origin::Code { .. } => None,
    };
    match method {
        Method::Code => code.map_or_else(
            || quote!(::core::option::Option::None),
            |code| quote!(::core::option::Option::Some(#code)),
        ),
        Method::Status => match (code, status) {
            (Some(code), _) => quote!(#code.status()),
            (None, status) => quote!(#krate::__private::status::<#status>()),
        },
        Method::Retry => match (&d.retry, code) {
            (Some(rule), _) => rule.to_tokens(&RetryPaths::full(&krate.runtime)),
            (None, Some(code)) => quote!(#code.retry()),
            // The catalogue's default for the status, when it lists it.
            (None, None) => quote! {
                #cat::Status::from_u16(#status)
                    .and_then(#cat::Status::retry)
                    .unwrap_or(#krate::Retry::Never)
            },
        },
        Method::UserMessage => match (d.message(), code) {
            (Some(message), _) => message_tokens(message, krate, access),
            (None, code) => quote!(#krate::__private::Cow::Borrowed(#code.user_message())),
        },
        Method::Remedies => match (d.remedies, code) {
            ([], Some(code)) => quote!(#code.remedies()),
            (remedies, _) => quote!(&[#(#remedies),*]),
        },
    }
}

/// Fixed text borrows; a message showing fields formats them with `Display`.
fn message_tokens(
    message: &Message<'_>,
    krate: &Paths,
    access: &dyn Fn(&Field<'_>) -> TokenStream,
) -> TokenStream {
    let span = message.literal.span();
    if let Some(text) = message.fixed() {
        let text = LitStr::new(&text, span);
        return quote!(#krate::__private::Cow::Borrowed(#text));
    }
    let mut format = String::new();
    let mut args = Vec::new();
    for piece in &message.pieces {
        match piece {
            Segment::Text(text) => format.push_str(&text.replace('{', "{{").replace('}', "}}")),
            Segment::Field(field) => {
                format.push_str("{}");
                args.push(access(field));
            }
        }
    }
    let format = LitStr::new(&format, span);
    quote_spanned!(span=> #krate::__private::Cow::Owned(::std::format!(#format #(, #args)*)))
}

/// Where-clause bounds for fields whose type uses a type parameter: the
/// trait for a transparent field, `Display` for a field a message shows.
fn bounds(input: &DeriveInput, plans: &[Plan<'_>], krate: &Paths) -> Vec<TokenStream> {
    let params: Vec<&Ident> = input.generics.type_params().map(|p| &p.ident).collect();
    if params.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<TokenStream> = Vec::new();
    let mut add = |ty: &Type, bound: TokenStream| {
        if mentions(ty.to_token_stream(), &params) {
            let predicate = quote!(#ty: #bound);
            let text = predicate.to_string();
            if !out.iter().any(|p| p.to_string() == text) {
                out.push(predicate);
            }
        }
    };
    for plan in plans {
        match plan {
            Plan::Transparent(field) => add(field.ty, krate.trait_path()),
            Plan::Described(d) => {
                for piece in d.message().into_iter().flat_map(|m| &m.pieces) {
                    if let Segment::Field(field) = piece {
                        add(field.ty, quote!(::core::fmt::Display));
                    }
                }
            }
        }
    }
    out
}

/// Whether `tokens` name one of `params`.
fn mentions(tokens: TokenStream, params: &[&Ident]) -> bool {
    tokens.into_iter().any(|tree| match tree {
        TokenTree::Ident(ident) => params.iter().any(|p| **p == ident),
        TokenTree::Group(group) => mentions(group.stream(), params),
        TokenTree::Punct(_) | TokenTree::Literal(_) => false,
    })
}

/// Every error, and an impl whose bodies are never compiled into anything
/// (the `compile_error!`s stop the build) so uses of the trait elsewhere in
/// the crate do not add errors of their own.
fn fallback(input: &DeriveInput, krate: &Paths, errors: &syn::Error) -> TokenStream {
    let ty = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let errors = errors.to_compile_error();
    let (trait_path, cat) = (krate.trait_path(), &krate.catalogue);
    #[cfg(feature = "utoipa")]
    let openapi = openapi::fallback(input, krate);
    #[cfg(not(feature = "utoipa"))]
    let openapi = TokenStream::new();
    quote! {
        #errors
        #openapi

        #[automatically_derived]
        impl #impl_generics #trait_path for #ty #ty_generics #where_clause {
            fn code(&self) -> ::core::option::Option<#cat::Code> {
                ::core::unreachable!()
            }
            fn status(&self) -> #krate::__private::http::StatusCode {
                ::core::unreachable!()
            }
            fn retry(&self) -> #krate::Retry {
                ::core::unreachable!()
            }
            fn user_message(&self) -> #krate::__private::Cow<'_, str> {
                ::core::unreachable!()
            }
            fn remedies(&self) -> &'static [&'static str] {
                ::core::unreachable!()
            }
        }
    }
}

/// With the `utoipa` feature: `DocumentedErrors` (each case's facts, read
/// from the same expressions as the trait's methods) and
/// `utoipa::IntoResponses`, which renders them into OpenAPI responses.
#[cfg(feature = "utoipa")]
mod openapi {
    use std::fmt::Write as _;

    use proc_macro2::TokenStream;
    use quote::{ToTokens, quote, quote_spanned};
    use syn::ext::IdentExt;
    use syn::spanned::Spanned;
    use syn::{DeriveInput, Ident, LitStr, Member, Type};

    use super::{Method, Paths, described_expression, mentions};
    use crate::ast::{Data, Field, Input};
    use crate::valid::{Described, Origin, Plan, Segment};

    impl Paths {
        /// The runtime's `integrations::utoipa` module.
        fn openapi(&self) -> TokenStream {
            let runtime = &self.runtime;
            quote!(#runtime::integrations::utoipa)
        }

        /// `DocumentedErrors` for the catalogue.
        fn docs_trait(&self) -> TokenStream {
            let (module, cat) = (self.openapi(), &self.catalogue);
            quote!(#module::DocumentedErrors<#cat::Taxonomy>)
        }

        /// `IntoResponses::responses`'s return type.
        fn responses_type(&self) -> TokenStream {
            let runtime = &self.runtime;
            quote! {
                ::std::collections::BTreeMap<
                    ::std::string::String,
                    #runtime::__private::utoipa::openapi::RefOr<#runtime::__private::utoipa::openapi::response::Response>,
                >
            }
        }
    }

    pub(super) fn implementation(
        input: &Input<'_>,
        plans: &[Plan<'_>],
        krate: &Paths,
    ) -> TokenStream {
        let original = input.original;
        let ty = &original.ident;
        let (impl_generics, ty_generics, where_clause) = original.generics.split_for_impl();
        let docs_trait = krate.docs_trait();
        let existing = where_clause
            .map(|w| w.predicates.iter())
            .into_iter()
            .flatten();
        let added = bounds(original, plans, &docs_trait);
        let where_clause = if where_clause.is_none() && added.is_empty() {
            TokenStream::new()
        } else {
            quote!(where #(#existing,)* #(#added,)*)
        };
        let names: Vec<&Ident> = match &input.data {
            Data::Enum(cases) => cases.iter().map(|case| case.ident).collect(),
            Data::Struct(case) => vec![case.ident],
            Data::Union(_) => Vec::new(),
        };
        let entries: Vec<TokenStream> = names
            .into_iter()
            .zip(plans)
            .map(|(name, plan)| entry(name, plan, krate, &docs_trait))
            .collect();
        // An empty enum lists nothing; the parameter is still read.
        let unused = entries.is_empty().then(|| quote!(let _ = docs;));
        let (module, cat, runtime) = (krate.openapi(), &krate.catalogue, &krate.runtime);
        let responses = krate.responses_type();
        quote! {
            #[automatically_derived]
            impl #impl_generics #docs_trait for #ty #ty_generics #where_clause {
                // A deprecated code warns once, in `code`, not here too.
                #[allow(deprecated)]
                fn document(docs: &mut ::std::vec::Vec<#module::VariantDoc<#cat::Taxonomy>>) {
                    #unused
                    #(#entries)*
                }
            }

            #[automatically_derived]
            impl #impl_generics #runtime::__private::utoipa::IntoResponses for #ty #ty_generics #where_clause {
                fn responses() -> #responses {
                    #module::responses_for::<Self, #cat::Taxonomy>()
                }
            }
        }
    }

    /// One case's line of `document`: its facts, or its field's list.
    fn entry(
        name: &Ident,
        plan: &Plan<'_>,
        krate: &Paths,
        docs_trait: &TokenStream,
    ) -> TokenStream {
        match plan {
            Plan::Transparent(field) => {
                let ty = field.ty;
                // Spanned on the field's type: a type that lists nothing is
                // reported there.
                quote_spanned!(ty.span()=> <#ty as #docs_trait>::document(docs);)
            }
            Plan::Described(d) => {
                // None of these expressions reads a field.
                let none = |_: &Field<'_>| TokenStream::new();
                let code = described_expression(d, Method::Code, krate, &none);
                let status = described_expression(d, Method::Status, krate, &none);
                let retry = described_expression(d, Method::Retry, krate, &none);
                let message = message(d, krate);
                let name = LitStr::new(&name.unraw().to_string(), name.span());
                let module = krate.openapi();
                quote! {
                    docs.push(#module::VariantDoc::new(#name, #code, #status, #retry, #message));
                }
            }
        }
    }

    /// The user message as written: the code's, or the case's own text,
    /// a field it shows kept as its placeholder (`{org}`, `{0}`), since a
    /// document describes every value of the case.
    fn message(d: &Described<'_>, krate: &Paths) -> TokenStream {
        let message = match (d.message(), &d.origin) {
            (Some(message), _) => message,
            (None, Origin::Code { code, .. }) => {
                let (cat, variant) = (&krate.catalogue, &code.variant);
                return quote!(#cat::Code::#variant.user_message());
            }
            // A status case always has a message (`valid` checks it).
            (None, Origin::Status { .. }) => return quote!(""),
        };
        let mut text = String::new();
        for piece in &message.pieces {
            // Writing to a `String` cannot fail.
            let _ = match piece {
                Segment::Text(t) => write!(text, "{t}"),
                Segment::Field(field) => match &field.member {
                    Member::Named(ident) => write!(text, "{{{}}}", ident.unraw()),
                    Member::Unnamed(index) => write!(text, "{{{}}}", index.index),
                },
            };
        }
        LitStr::new(&text, message.literal.span()).into_token_stream()
    }

    /// `DocumentedErrors` bounds for transparent fields whose type uses a
    /// type parameter.
    fn bounds(
        input: &DeriveInput,
        plans: &[Plan<'_>],
        docs_trait: &TokenStream,
    ) -> Vec<TokenStream> {
        let params: Vec<&Ident> = input.generics.type_params().map(|p| &p.ident).collect();
        let mut out: Vec<TokenStream> = Vec::new();
        if params.is_empty() {
            return out;
        }
        for plan in plans {
            if let Plan::Transparent(field) = plan {
                let ty: &Type = field.ty;
                if mentions(quote!(#ty), &params) {
                    let predicate = quote!(#ty: #docs_trait);
                    let text = predicate.to_string();
                    if !out.iter().any(|p| p.to_string() == text) {
                        out.push(predicate);
                    }
                }
            }
        }
        out
    }

    /// Impls whose bodies never run (the derive's errors stop the build), so
    /// a document naming the type adds no error of its own.
    pub(super) fn fallback(input: &DeriveInput, krate: &Paths) -> TokenStream {
        let ty = &input.ident;
        let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
        let (docs_trait, module, cat, runtime) = (
            krate.docs_trait(),
            krate.openapi(),
            &krate.catalogue,
            &krate.runtime,
        );
        let responses = krate.responses_type();
        quote! {
            #[automatically_derived]
            impl #impl_generics #docs_trait for #ty #ty_generics #where_clause {
                fn document(_: &mut ::std::vec::Vec<#module::VariantDoc<#cat::Taxonomy>>) {
                    ::core::unreachable!()
                }
            }

            #[automatically_derived]
            impl #impl_generics #runtime::__private::utoipa::IntoResponses for #ty #ty_generics #where_clause {
                fn responses() -> #responses {
                    ::core::unreachable!()
                }
            }
        }
    }
}
