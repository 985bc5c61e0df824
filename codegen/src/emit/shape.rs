//! `Shape`: the catalogue's body shapes, and the one reading plan the
//! classifier follows through any body (docs/body-shapes.md).
//!
//! Every place any shape names becomes a node of one tree of steps (a
//! trie of JSON Pointers), written as a flat table in breadth-first
//! order so that a node's children sit side by side. A place's node index
//! is where the classifier keeps what it found there, so a shape's tests
//! and fields are written as node indices: the runtime parses no pointer.

use errors_vocab::wire::Step;
use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::Options;
use super::named::{Variant, assumed_fn, ident, named_enum, str_tokens, table_fn, variant_ident};
use crate::Catalogue;
use errors_catalogue::plan::{IdentifiesPlan, WirePlan};

pub(super) fn shapes(catalogue: &Catalogue, options: &Options) -> TokenStream {
    let runtime = &options.runtime;
    let plan = WirePlan::new(catalogue);
    let list = &plan.shapes;

    let variants: Vec<Variant> = list
        .iter()
        .map(|shape| {
            let (body, source) = (shape.body, shape.source);
            let owner = source.map_or_else(
                || "Sent by many APIs; names no source.".to_owned(),
                |s| format!("Sent by `{s}`."),
            );
            let docs = vec![
                format!("`{}`: {owner}", body.shape.value),
                String::new(),
                format!("Example: `{}`", body.example.replace('`', "'")),
            ];
            Variant::new(&body.shape.value, docs)
        })
        .collect();
    let frame = named_enum(
        &ident("Shape"),
        "shape",
        &[
            "An error-body shape the catalogue declares: how the classifier recognises it and where its fields sit.".to_owned(),
        ],
        &variants,
        options,
    );

    let wire = quote!(#runtime::wire);
    let tables = [
        table_fn(
            "The source that sends it; `None` for a shape many APIs copy.",
            "source",
            &quote!(::core::option::Option<Source>),
            list.iter().map(|shape| match shape.source {
                Some(id) => {
                    let v = variant_ident(id);
                    quote!(::core::option::Option::Some(Source::#v))
                }
                None => quote!(::core::option::Option::None),
            }),
        ),
        table_fn(
            "An example body, from the documents (or ours when the shape is assumed).",
            "example",
            &quote!(&'static str),
            list.iter().map(|shape| str_tokens(&shape.body.example)),
        ),
        table_fn(
            "How to recognise it: alternatives, each tests on the reading plan's places that must all hold. Empty: never read from a body.",
            "when",
            &quote!(&'static [#wire::Alternative]),
            list.iter().map(|shape| {
                let alternatives = shape.when.iter().map(|alternative| {
                    let checks: Vec<TokenStream> = alternative
                        .checks
                        .iter()
                        .map(|(node, test)| {
                            let node = Literal::u16_unsuffixed(*node);
                            let test = test.to_tokens(runtime);
                            quote!(#wire::Check { place: #node, test: #test })
                        })
                        .collect();
                    let requires = Literal::u64_unsuffixed(alternative.requires);
                    quote!(#wire::Alternative { requires: #requires, checks: &[#(#checks),*] })
                });
                quote!(&[#(#alternatives),*])
            }),
        ),
        table_fn(
            "The places among the plan's first 64 that every alternative of `when` needs present, one bit each: a body missing one is not of this shape, whatever else it holds.",
            "requires",
            &quote!(u64),
            list.iter().map(|shape| {
                let requires = Literal::u64_unsuffixed(shape.requires);
                quote!(#requires)
            }),
        ),
        table_fn(
            "Where each field sits: the reading plan's places, the first present wins.",
            "fields",
            &quote!(&'static [#wire::FieldPlaces]),
            list.iter().map(|shape| {
                let fields = shape.fields.iter().map(|(field, nodes)| {
                    let field = field.to_tokens(runtime);
                    let nodes = nodes.iter().map(|&node| Literal::u16_unsuffixed(node));
                    quote!(#wire::FieldPlaces { field: #field, places: &[#(#nodes),*] })
                });
                quote!(&[#(#fields),*])
            }),
        ),
        table_fn(
            "When a body of this shape tells its source without a spelling of it.",
            "identifies_source",
            &quote!(#wire::Identifies),
            list.iter().map(|shape| match &shape.identifies {
                IdentifiesPlan::BySpelling => quote!(#wire::Identifies::BySpelling),
                IdentifiesPlan::Always => quote!(#wire::Identifies::Always),
                IdentifiesPlan::ByPlaces(nodes) => {
                    let nodes = nodes.iter().map(|&node| Literal::u16_unsuffixed(node));
                    quote!(#wire::Identifies::ByPlaces(&[#(#nodes),*]))
                }
            }),
        ),
        assumed_fn(list.iter().map(|shape| shape.body.assumed.as_slice())),
    ];
    let nodes = plan.nodes.iter().map(|node| {
        let first = Literal::u16_unsuffixed(node.first_child);
        let count = Literal::u16_unsuffixed(node.children);
        match &node.step {
            None => quote!(#wire::PlanNode::root(#first, #count)),
            Some(Step::Member(name)) => {
                let name = Literal::string(name);
                quote!(#wire::PlanNode::member(#name, #first, #count))
            }
            Some(Step::Index(i)) => {
                let i = Literal::u32_unsuffixed(*i);
                quote!(#wire::PlanNode::index(#i, #first, #count))
            }
            Some(Step::AnyElement) => quote!(#wire::PlanNode::any_element(#first, #count)),
        }
    });
    let shapes_doc = Literal::string(
        " The reading plan: every place any shape names, as a tree of steps in breadth-first order (node 0 is the whole body).",
    );
    let problem = plan.problem.map(Literal::u16_unsuffixed);
    let keyed = plan.keyed.iter().map(|&bits| Literal::u64_unsuffixed(bits));
    let unkeyed = Literal::u64_unsuffixed(plan.unkeyed);
    quote! {
        #frame

        #[allow(clippy::too_many_lines)]
        impl Shape {
            #[doc = #shapes_doc]
            #[doc(hidden)]
            pub const PLAN: &'static [#wire::PlanNode] = &[#(#nodes),*];

            /// Where the plan keeps RFC 9457's members, in the order of `PROBLEM_MEMBERS`.
            #[doc(hidden)]
            pub const PROBLEM: [u16; 6] = [#(#problem),*];

            /// Which shapes a body's places make worth testing (by position in `ALL`, one bit each).
            #[doc(hidden)]
            pub const KEYED: #wire::KeyedShapes = #wire::KeyedShapes {
                by_place: &[#(#keyed),*],
                unkeyed: #unkeyed,
            };

            #(#tables)*
        }
    }
}
