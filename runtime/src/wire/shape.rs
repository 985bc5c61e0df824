//! What a catalogue's body shapes look like to the classifier: the tables
//! the generator writes for each [`Shape`](crate::Shape) (its tests, its
//! fields, whether it tells its source) and the reading plan they index.
//! Written by errors-codegen, read by the classifier; a person reads the
//! same facts in the catalogue (docs/body-shapes.md).

#[doc(inline)]
pub use errors_vocab::wire::{BodyField, HeaderMeaning, Test};

/// What a response header means, from the catalogue's `headers` (the
/// generated `Source::header_rule`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[doc(hidden)]
pub struct HeaderRule {
    /// What it tells a client.
    pub meaning: HeaderMeaning,
    /// The one value that carries the meaning (compared without regard to
    /// case), when not every value does.
    pub value: Option<&'static str>,
}

/// One test of a shape's `when`: what must hold at a place of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Check {
    /// The place: an index into the reading plan.
    pub place: u16,
    /// What must hold there.
    pub test: Test,
}

/// One alternative of a shape's `when`: tests that must all hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Alternative {
    /// The places among the plan's first 64 that the tests need present,
    /// one bit each (bit `n` for place `n`): a body missing any of them
    /// fails the alternative without a test being run. Written by the
    /// generator from the tests; 0 asks nothing.
    pub requires: u64,
    /// The tests.
    pub checks: &'static [Check],
}

/// Which shapes a body's places make worth testing. An alternative of a
/// shape's `when` holds only when every place it needs is present, so the
/// generator keys each alternative by one of those places: a shape none of
/// whose keys a body holds is not tried (most bodies hold the keys of one
/// or two shapes). Shapes past the 64th are not keyed: they are always tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[doc(hidden)]
pub struct KeyedShapes {
    /// For each of the plan's first 64 places, the shapes (one bit each, by
    /// position in [`Catalogue::shapes`](crate::wire::Catalogue::shapes))
    /// with an alternative keyed by the place.
    pub by_place: &'static [u64],
    /// The shapes with an alternative that needs no place among the plan's
    /// first 64: tried whatever the body holds.
    pub unkeyed: u64,
}

/// Where one field of a shape sits: places of the plan, tried in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FieldPlaces {
    /// The field.
    pub field: BodyField,
    /// Indices into the reading plan; the first place present wins.
    pub places: &'static [u16],
}

/// Whether a body of a shape tells which source sent it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Identifies {
    /// Only when its code or message is one of the source's spellings.
    BySpelling,
    /// Always: the shape is the source's own.
    Always,
    /// When a spelling matched, or any of these places is present.
    ByPlaces(&'static [u16]),
}

/// One node of the reading plan: a step from its parent, and where its
/// children sit in the plan (side by side: the plan is breadth-first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[doc(hidden)]
pub struct PlanNode {
    /// The step from the parent; `None` for the root (the whole body).
    pub step: Option<errors_vocab::wire::Step>,
    /// Index of the first child.
    pub first_child: u16,
    /// How many children.
    pub children: u16,
    /// For a member: the first and the last eight bytes of its name, zero
    /// padded (the last only for a name longer than eight), so that the
    /// reader compares a key with it as two words.
    pub(crate) words: [u64; 2],
}

/// A name's first eight bytes and, when it is longer than eight, its last
/// eight, each read as a little-endian word zero padded: with the length,
/// all of a name up to 16 bytes long.
#[must_use]
pub(crate) const fn words(name: &[u8]) -> [u64; 2] {
    let len = name.len();
    let mut first = 0;
    let mut i = 0;
    while i < len && i < 8 {
        first |= (name[i] as u64) << (8 * i);
        i += 1;
    }
    let mut last = 0;
    if len > 8 {
        let mut j = 0;
        while j < 8 {
            last |= (name[len - 8 + j] as u64) << (8 * j);
            j += 1;
        }
    }
    [first, last]
}

// One constructor per kind of step, so that a generated plan is a line a node.
impl PlanNode {
    /// The root: the whole body.
    #[must_use]
    pub const fn root(first_child: u16, children: u16) -> Self {
        Self {
            step: None,
            first_child,
            children,
            words: [0; 2],
        }
    }

    /// An object's member.
    #[must_use]
    pub const fn member(name: &'static str, first_child: u16, children: u16) -> Self {
        Self {
            step: Some(errors_vocab::wire::Step::Member(name)),
            first_child,
            children,
            words: words(name.as_bytes()),
        }
    }

    /// An array's element by position.
    #[must_use]
    pub const fn index(index: u32, first_child: u16, children: u16) -> Self {
        Self {
            step: Some(errors_vocab::wire::Step::Index(index)),
            first_child,
            children,
            words: [0; 2],
        }
    }

    /// Any element of an array.
    #[must_use]
    pub const fn any_element(first_child: u16, children: u16) -> Self {
        Self {
            step: Some(errors_vocab::wire::Step::AnyElement),
            first_child,
            children,
            words: [0; 2],
        }
    }
}
