//! The catalogue's body shapes as the classifier reads them: one reading
//! plan (a trie of every place any shape names, breadth-first, so that a
//! node's children sit side by side) and each shape's tests and fields as
//! node indices. Computed once here, for the two ways a catalogue reaches
//! the runtime: as generated tables (errors-codegen) and as tables built
//! at run time for a catalogue loaded from a file (errors-tools'
//! `RuntimeCatalogue`, feature `runtime-tables`).
//!
//! ```
//! let c = errors_catalogue::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../taxonomy.yaml"))?;
//! let plan = errors_catalogue::plan::WirePlan::new(&c);
//! // Every shape of every source is on it, then the top-level ones.
//! assert_eq!(plan.shapes.len(), c.raw().shapes().count());
//! # Ok::<(), errors_catalogue::Diagnostics>(())
//! ```

use std::collections::{HashMap, VecDeque};

use errors_vocab::wire::{BodyField, PROBLEM_MEMBERS, Step, Test, parse_pointer};

use crate::Catalogue;
use crate::model::{Body, IdentifiesSource};

/// One node of the plan: the step from its parent (none for the root) and
/// where its children sit in the table.
pub struct Node {
    /// The step from the parent: a member name or an array index.
    pub step: Option<Step<String>>,
    /// The index of its first child; the others follow it.
    pub first_child: u16,
    /// How many children it has.
    pub children: u16,
}

/// One alternative of a shape's `when`, on the plan's nodes.
pub struct AlternativePlan {
    /// The places among the plan's first 64 its tests need present.
    pub requires: u64,
    /// `(node, test)`.
    pub checks: Vec<(u16, Test)>,
}

/// When a body of a shape tells its source.
pub enum IdentifiesPlan {
    /// When one of its code's spellings is the source's alone.
    BySpelling,
    /// Always: the shape is the source's alone.
    Always,
    /// When every one of these nodes is present.
    ByPlaces(Vec<u16>),
}

/// One shape, on the plan's nodes.
pub struct ShapePlan<'a> {
    /// The shape as the catalogue writes it.
    pub body: &'a Body,
    /// The id of the source that owns it; `None` for a top-level shape.
    pub source: Option<&'a str>,
    /// Its `when`: a body is of the shape when one alternative holds.
    pub when: Vec<AlternativePlan>,
    /// What every alternative needs present.
    pub requires: u64,
    /// `(field, nodes)`, in file order.
    pub fields: Vec<(BodyField, Vec<u16>)>,
    /// When a body of it tells its source.
    pub identifies: IdentifiesPlan,
}

/// The reading plan and every shape on it.
pub struct WirePlan<'a> {
    /// Every place any shape names, breadth-first from the root.
    pub nodes: Vec<Node>,
    /// The nodes of RFC 9457's members, in `PROBLEM_MEMBERS`'s order.
    pub problem: [u16; 6],
    /// Sources' shapes in file order, then the top-level ones.
    pub shapes: Vec<ShapePlan<'a>>,
    /// For each of the plan's first 64 nodes, the shapes (a bit each, by
    /// position, the first 64) with an alternative keyed there: the last of
    /// the nodes it needs present.
    pub keyed: Vec<u64>,
    /// The shapes (the first 64) with an alternative that needs no node
    /// among the first 64 present.
    pub unkeyed: u64,
}

impl<'a> WirePlan<'a> {
    /// The plan of `catalogue`'s shapes.
    #[must_use]
    pub fn new(catalogue: &'a Catalogue) -> Self {
        let raw = catalogue.raw();
        let list: Vec<(&Body, Option<&str>)> = raw
            .sources
            .iter()
            .flat_map(|s| s.bodies.iter().map(move |b| (b, Some(s.id.value.as_str()))))
            .chain(raw.bodies.iter().map(|b| (b, None)))
            .collect();
        let plan = Plan::new(list.iter().map(|(b, _)| *b));
        let shapes: Vec<ShapePlan<'a>> = list
            .into_iter()
            .map(|(body, source)| {
                let when: Vec<AlternativePlan> = body
                    .when
                    .iter()
                    .map(|alternative| AlternativePlan {
                        requires: requires(&plan, alternative),
                        checks: alternative
                            .tests
                            .iter()
                            .map(|(place, test)| (plan.node(&place.value), test.value))
                            .collect(),
                    })
                    .collect();
                let requires = when
                    .iter()
                    .map(|alternative| alternative.requires)
                    .reduce(|a, b| a & b)
                    .unwrap_or(0);
                let fields = body
                    .fields
                    .entries
                    .iter()
                    .map(|(field, places)| {
                        let nodes = places.iter().map(|p| plan.node(&p.value)).collect();
                        (field.value, nodes)
                    })
                    .collect();
                let identifies = match body.identifies_source.as_ref().map(|i| &i.value) {
                    None => IdentifiesPlan::BySpelling,
                    Some(IdentifiesSource::Keyword(_)) => IdentifiesPlan::Always,
                    Some(IdentifiesSource::Places(places)) => {
                        IdentifiesPlan::ByPlaces(places.iter().map(|p| plan.node(p)).collect())
                    }
                };
                ShapePlan {
                    body,
                    source,
                    when,
                    requires,
                    fields,
                    identifies,
                }
            })
            .collect();
        let problem = PROBLEM_MEMBERS.map(|member| plan.node(&format!("/{member}")));
        let (keyed, unkeyed) = keyed(&shapes, plan.nodes.len());
        Self {
            nodes: plan.nodes,
            problem,
            shapes,
            keyed,
            unkeyed,
        }
    }
}

/// Which shapes a body's places make worth testing: an alternative holds
/// only when every node it needs is present, so it is keyed by one of them
/// (the last: the deepest, which fewer bodies hold) and a shape is tried
/// only when a key of one of its alternatives is present. The shapes
/// past the 64th are not keyed (the runtime tries them all).
fn keyed(shapes: &[ShapePlan<'_>], nodes: usize) -> (Vec<u64>, u64) {
    let mut keyed = vec![0; nodes.min(64)];
    let mut unkeyed = 0;
    for (i, shape) in shapes.iter().enumerate().take(64) {
        for alternative in &shape.when {
            match alternative.requires {
                0 => unkeyed |= 1 << i,
                requires => keyed[63 - requires.leading_zeros() as usize] |= 1 << i,
            }
        }
    }
    (keyed, unkeyed)
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
        // then its bytes; then array steps: `step_order`), so that the
        // plan is the same however the catalogue orders its places.
        fn sort(tree: &mut Tree) {
            tree.children
                .sort_by(|a, b| step_order(a.step.as_ref()).cmp(&step_order(b.step.as_ref())));
            tree.children.iter_mut().for_each(sort);
        }
        sort(&mut root);
        // Breadth-first, so that each node's children are contiguous.
        let mut nodes = Vec::new();
        let mut paths: Vec<Vec<Step<String>>> = Vec::new();
        let mut queue: VecDeque<(&Tree, Vec<Step<String>>)> = VecDeque::from([(&root, Vec::new())]);
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

/// How the plan orders a node's children: members first, shorter names
/// first and then by their bytes, then array steps. (The reader compares a
/// key with each member's name in this order, as two words.)
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
