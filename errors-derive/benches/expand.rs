//! What `#[derive(ErrorTaxonomy)]` costs at compile time: expanding a
//! 1,000-variant enum, against the baseline of parsing the same tokens into
//! a `syn::DeriveInput` alone (which every derive pays).
//!
//! A proc-macro crate exports only its macros, so the bench compiles the
//! derive's modules itself; `lib.rs` is a one-line wrapper around
//! `expand::derive`.
//!
//! `cargo bench -p errors-derive --bench expand`

#[path = "../src/ast.rs"]
mod ast;
#[path = "../src/attr.rs"]
mod attr;
#[path = "../src/catalogue.rs"]
mod catalogue;
#[path = "../src/ctxt.rs"]
mod ctxt;
#[path = "../src/expand.rs"]
mod expand;
#[path = "../src/message.rs"]
mod message;
#[path = "../src/valid.rs"]
mod valid;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

const VARIANTS: usize = 1_000;

/// A service enum as one would write it: thiserror's `#[error]` next to
/// ours, every kind of case in turn, codes by canonical id and by wire
/// spelling, messages with `user` fields, retry rules, transparent cases.
fn service_enum(variants: usize) -> TokenStream {
    let ids = [
        "insufficient_credits",
        "RATE_LIMIT_EXCEEDED",
        "Workflow is locked",
        "App not found: {app}",
        "upstream_error",
        "service_unavailable",
        "invalid_api_key",
        "validation_error",
    ];
    let cases = (0..variants).map(|i| {
        let name = format_ident!("Case{i}");
        let code = ids[i % ids.len()];
        let text = format!("case {i} failed");
        match i % 5 {
            0 => quote! {
                #[error(#text)]
                #[taxonomy(code = #code)]
                #name { org: String }
            },
            1 => quote! {
                #[error(#text)]
                #[taxonomy(code = #code, message = "Slow down, {n} requests queued")]
                #name { #[taxonomy(user)] n: u32, internal: String }
            },
            2 => quote! {
                #[error(#text)]
                #[taxonomy(
                    status = 409,
                    retry = "backoff(5), create = safe",
                    message = "This workflow is locked",
                    remedy = "Wait for the other run to finish."
                )]
                #name
            },
            3 => quote! {
                #[error(transparent)]
                #[taxonomy(transparent)]
                #name(Inner)
            },
            _ => quote! {
                #[error(#text)]
                #[taxonomy(code = #code, retry = "after(30..60)")]
                #name(#[source] std::io::Error)
            },
        }
    });
    quote! {
        #[derive(Debug, thiserror::Error, ErrorTaxonomy)]
        #[taxonomy(crate = "::errors_core")]
        enum ServiceError<'a, Inner> {
            #(#cases,)*
            #[error("borrowed")]
            #[taxonomy(status = 400, message = "Bad {name}")]
            Borrowed { #[taxonomy(user)] name: &'a str },
        }
    }
}

fn expansion(c: &mut Criterion) {
    let tokens = service_enum(VARIANTS);
    // Measure the path users take: an input with no mistakes.
    let expanded = expand::derive(tokens.clone()).to_string();
    assert!(
        !expanded.contains("compile_error"),
        "the benchmark input must be valid: {}",
        &expanded[..expanded.len().min(2_000)]
    );

    let mut group = c.benchmark_group("derive_expansion_1000_variants");
    group.sample_size(30);
    group.bench_function("baseline_parse_only", |b| {
        b.iter(|| syn::parse2::<syn::DeriveInput>(black_box(tokens.clone())));
    });
    group.bench_function("parse_and_expand", |b| {
        b.iter(|| expand::derive(black_box(tokens.clone())));
    });
    group.finish();
}

criterion_group!(benches, expansion);
criterion_main!(benches);
