//! `Shape`: the catalogue's body shapes, and the one reading plan the
//! classifier follows through any body (docs/body-shapes.md).
//!
//! Every place any shape names becomes a node of one tree of steps (a
//! trie of JSON Pointers), written as a flat table in breadth-first
//! order so that a node's children sit side by side. A place's node index
//! is where the classifier keeps what it found there, so a shape's tests
//! and fields are written as node indices: the runtime parses no pointer.

use std::collections::HashMap;

use errors_vocab::wire::{PROBLEM_MEMBERS, Step, parse_pointer};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::Options;
use super::named::{Variant, assumed_fn, ident, named_enum, str_tokens, table_fn, variant_ident};
use crate::Catalogue;
use crate::model::{Body, IdentifiesSource};

pub(super) fn shapes(catalogue: &Catalogue, options: &Options) -> TokenStream {
    let runtime = &options.runtime;
    let raw = catalogue.raw();
    // (shape, its source's id): sources' shapes in order, then the top-level ones.
    let list: Vec<(&Body, Option<&str>)> = raw
        .sources
        .iter()
        .flat_map(|s| s.bodies.iter().map(move |b| (b, Some(s.id.value.as_str()))))
        .chain(raw.bodies.iter().map(|b| (b, None)))
        .collect();
    let plan = Plan::new(list.iter().map(|(b, _)| *b));

    let variants: Vec<Variant> = list
        .iter()
        .map(|(body, source)| {
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
            list.iter().map(|(_, source)| match source {
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
            list.iter().map(|(b, _)| str_tokens(&b.example)),
        ),
        table_fn(
            "How to recognise it: alternatives, each tests on the reading plan's places that must all hold. Empty: never read from a body.",
            "when",
            &quote!(&'static [#wire::Alternative]),
            list.iter().map(|(body, _)| {
                let alternatives = body.when.iter().map(|alternative| {
                    let requires = requires(&plan, alternative);
                    let checks: Vec<TokenStream> = alternative
                        .tests
                        .iter()
                        .map(|(place, test)| {
                            let node = Literal::u16_unsuffixed(plan.node(&place.value));
                            let test = test.value.to_tokens(runtime);
                            quote!(#wire::Check { place: #node, test: #test })
                        })
                        .collect();
                    let requires = Literal::u64_unsuffixed(requires);
                    quote!(#wire::Alternative { requires: #requires, checks: &[#(#checks),*] })
                });
                quote!(&[#(#alternatives),*])
            }),
        ),
        table_fn(
            "The places among the plan's first 64 that every alternative of `when` needs present, one bit each: a body missing one is not of this shape, whatever else it holds.",
            "requires",
            &quote!(u64),
            list.iter().map(|(body, _)| {
                let requires = body
                    .when
                    .iter()
                    .map(|alternative| requires(&plan, alternative))
                    .reduce(|a, b| a & b)
                    .unwrap_or(0);
                let requires = Literal::u64_unsuffixed(requires);
                quote!(#requires)
            }),
        ),
        table_fn(
            "Where each field sits: the reading plan's places, the first present wins.",
            "fields",
            &quote!(&'static [#wire::FieldPlaces]),
            list.iter().map(|(body, _)| {
                let fields = body.fields.entries.iter().map(|(field, places)| {
                    let field = field.value.to_tokens(runtime);
                    let nodes = places
                        .iter()
                        .map(|p| Literal::u16_unsuffixed(plan.node(&p.value)));
                    quote!(#wire::FieldPlaces { field: #field, places: &[#(#nodes),*] })
                });
                quote!(&[#(#fields),*])
            }),
        ),
        table_fn(
            "When a body of this shape tells its source without a spelling of it.",
            "identifies_source",
            &quote!(#wire::Identifies),
            list.iter().map(
                |(body, _)| match body.identifies_source.as_ref().map(|i| &i.value) {
                    None => quote!(#wire::Identifies::BySpelling),
                    Some(IdentifiesSource::Keyword(_)) => quote!(#wire::Identifies::Always),
                    Some(IdentifiesSource::Places(places)) => {
                        let nodes = places.iter().map(|p| Literal::u16_unsuffixed(plan.node(p)));
                        quote!(#wire::Identifies::ByPlaces(&[#(#nodes),*]))
                    }
                },
            ),
        ),
        assumed_fn(list.iter().map(|(b, _)| b.assumed.as_slice())),
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
    let problem =
        PROBLEM_MEMBERS.map(|member| Literal::u16_unsuffixed(plan.node(&format!("/{member}"))));
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

            #(#tables)*
        }
    }
}

/// The places among the plan's first 64 that `alternative`'s tests need
/// present, one bit each.
fn requires(plan: &Plan, alternative: &crate::model::Alternative) -> u64 {
    alternative
        .tests
        .iter()
        .filter(|(_, test)| test.value.needs_presence())
        .map(|(place, _)| plan.node(&place.value))
        .filter(|&node| node < 64)
        .fold(0, |bits, node| bits | (1 << node))
}

/// One node of the plan: the step from its parent (none for the root) and
/// where its children sit in the table.
struct Node {
    step: Option<Step<String>>,
    first_child: u16,
    children: u16,
}

/// The reading plan, with each place's node.
struct Plan {
    nodes: Vec<Node>,
    by_place: HashMap<Vec<Step<String>>, u16>,
}

impl Plan {
    /// The plan of every place the shapes name (checked pointers: the
    /// loader refused the catalogue otherwise).
    fn new<'a>(bodies: impl Iterator<Item = &'a Body>) -> Self {
        // A tree first, children in the order places first name them.
        struct Tree {
            step: Option<Step<String>>,
            children: Vec<Tree>,
        }
        fn insert(tree: &mut Tree, steps: &[Step<String>]) {
            let Some((first, rest)) = steps.split_first() else {
                return;
            };
            let at = match tree
                .children
                .iter()
                .position(|c| c.step.as_ref() == Some(first))
            {
                Some(at) => at,
                None => {
                    tree.children.push(Tree {
                        step: Some(first.clone()),
                        children: Vec::new(),
                    });
                    tree.children.len() - 1
                }
            };
            insert(&mut tree.children[at], rest);
        }
        let mut root = Tree {
            step: None,
            children: Vec::new(),
        };
        // The standard's members first: every catalogue's runtime reads them.
        for member in PROBLEM_MEMBERS {
            insert(&mut root, &[Step::Member(member.to_owned())]);
        }
        for body in bodies {
            let identifying = match body.identifies_source.as_ref().map(|i| &i.value) {
                Some(IdentifiesSource::Places(places)) => places.clone(),
                _ => Vec::new(),
            };
            for place in body.places().map(|p| p.value.clone()).chain(identifying) {
                if let Ok(steps) = parse_pointer(&place) {
                    insert(&mut root, &steps);
                }
            }
        }
        // Each node's children sorted (members by the length of their name,
        // then its bytes; then array steps: `step_order`),
        // so that the reader finds a member by binary search.
        fn sort(tree: &mut Tree) {
            tree.children
                .sort_by(|a, b| step_order(a.step.as_ref()).cmp(&step_order(b.step.as_ref())));
            tree.children.iter_mut().for_each(sort);
        }
        sort(&mut root);
        // Breadth-first, so that each node's children are contiguous.
        let mut nodes = Vec::new();
        let mut paths: Vec<Vec<Step<String>>> = Vec::new();
        let mut queue: std::collections::VecDeque<(&Tree, Vec<Step<String>>)> =
            std::collections::VecDeque::from([(&root, Vec::new())]);
        let mut next_free = 1usize;
        while let Some((tree, path)) = queue.pop_front() {
            nodes.push(Node {
                step: tree.step.clone(),
                first_child: index(next_free),
                children: index(tree.children.len()),
            });
            paths.push(path.clone());
            next_free += tree.children.len();
            for child in &tree.children {
                let mut child_path = path.clone();
                child_path.extend(child.step.clone());
                queue.push_back((child, child_path));
            }
        }
        let by_place = paths
            .into_iter()
            .enumerate()
            .map(|(i, path)| (path, index(i)))
            .collect();
        Self { nodes, by_place }
    }

    /// The node of a checked place.
    fn node(&self, place: &str) -> u16 {
        parse_pointer(place)
            .ok()
            .and_then(|steps| self.by_place.get(&steps).copied())
            .unwrap_or_default()
    }
}

/// How the reader orders a node's children: members first, shorter names
/// first and then by their bytes (a length compares faster than bytes),
/// then array steps.
fn step_order(step: Option<&Step<String>>) -> (u8, usize, &str, u32) {
    match step {
        None => (0, 0, "", 0),
        Some(Step::Member(name)) => (1, name.len(), name, 0),
        Some(Step::Index(i)) => (2, 0, "", *i),
        Some(Step::AnyElement) => (3, 0, "", 0),
    }
}

/// A table index: the loader keeps catalogues far below 65,536 places.
fn index(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}
