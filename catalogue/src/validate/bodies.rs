//! Checks of the body shapes (docs/body-shapes.md): every place a JSON
//! Pointer, every shape recognisable and told apart from its source's
//! others, every test answerable by its shape's source.

use std::collections::HashMap;

use crate::span::Spanned;
use errors_vocab::wire::{Step, parse_pointer};

use crate::diag::Diagnostics;
use crate::model::{Body, IdentifiesSource, RawCatalogue, Test};

/// Every check of every shape, the sources' and the top-level ones.
pub(super) fn check(d: &mut Diagnostics, catalogue: &RawCatalogue) {
    let mut ids: HashMap<&str, &Spanned<String>> = HashMap::new();
    let mut arrays = ArrayUse::default();
    for source in &catalogue.sources {
        let id = source.id.value.as_str();
        let task_statuses = catalogue.task_statuses.iter().any(|t| t.source.value == id);
        let spellings = catalogue
            .codes
            .iter()
            .flat_map(|c| c.spellings())
            .any(|s| s.source.value == id);
        let owner = Owner::Source {
            id,
            task_statuses,
            spellings,
        };
        for body in &source.bodies {
            shape(d, body, &owner, &mut ids, &mut arrays);
        }
        apart(d, &source.bodies, id);
    }
    for body in &catalogue.bodies {
        shape(d, body, &Owner::Nobody, &mut ids, &mut arrays);
    }
}

/// Whose shape it is, and what that source can answer.
enum Owner<'a> {
    Source {
        id: &'a str,
        task_statuses: bool,
        spellings: bool,
    },
    /// A top-level shape: no source's tests apply.
    Nobody,
}

fn shape<'a>(
    d: &mut Diagnostics,
    body: &'a Body,
    owner: &Owner<'_>,
    ids: &mut HashMap<&'a str, &'a Spanned<String>>,
    arrays: &mut ArrayUse,
) {
    let name = body.shape.value.as_str();
    if let Some(first) = ids.insert(name, &body.shape) {
        d.on(
            &body.shape,
            format!(
                "shape `{name}` is declared twice (first at line {}); a shape's id names one shape in the whole catalogue",
                first.referenced.line()
            ),
        );
    }
    if !body.is_readable() && !body.fields.entries.is_empty() {
        d.on(
            &body.shape,
            format!(
                "shape `{name}` says where its fields sit but has no `when`, so no body is ever read as it; add how to recognise it"
            ),
        );
    }
    for (i, alternative) in body.when.iter().enumerate() {
        if alternative.tests.is_empty() {
            d.on(
                &body.shape,
                format!(
                    "shape `{name}`: alternative {} of `when` has no test, so every body would match it",
                    i + 1
                ),
            );
        }
        for (place, test) in &alternative.tests {
            pointer(d, place, name, arrays);
            source_test(d, test, owner, name);
        }
    }
    let mut seen = HashMap::new();
    for (field, places) in &body.fields.entries {
        if let Some(line) = seen.insert(field.value, field.referenced.line()) {
            d.on(
                field,
                format!(
                    "shape `{name}` places `{}` twice (first at line {line})",
                    field.value
                ),
            );
        }
        if places.is_empty() {
            d.on(
                field,
                format!("shape `{name}`: `{}` lists no place", field.value),
            );
        }
        for place in places {
            pointer(d, place, name, arrays);
        }
    }
    if let Some(identifies) = &body.identifies_source {
        match (&identifies.value, owner) {
            (_, Owner::Nobody) => d.on(
                identifies,
                format!(
                    "shape `{name}` belongs to no source, so it cannot identify one; move it under a source's `bodies`"
                ),
            ),
            (IdentifiesSource::Places(places), Owner::Source { .. }) => {
                for place in places {
                    let place = Spanned::new(place.clone(), identifies.referenced, identifies.defined);
                    pointer(d, &place, name, arrays);
                }
            }
            (IdentifiesSource::Keyword(_), Owner::Source { .. }) => {}
        }
    }
    super::assumed(
        d,
        &body.assumed,
        &format!("shape {name}"),
        &["shape", "when", "fields", "identifies_source", "example"],
    );
}

/// A test the shape's owner cannot answer.
fn source_test(d: &mut Diagnostics, test: &Spanned<Test>, owner: &Owner<'_>, name: &str) {
    if !test.value.needs_source() {
        return;
    }
    let problem = match owner {
        Owner::Nobody => Some(format!(
            "shape `{name}` belongs to no source, so `{}` has no source's list to test against",
            test.value
        )),
        Owner::Source {
            id, task_statuses, ..
        } if test.value == Test::TaskStatus && !task_statuses => Some(format!(
            "shape `{name}` tests `task_status`, but source `{id}` has no `task_statuses`"
        )),
        Owner::Source { id, spellings, .. } if test.value == Test::Spelling && !spellings => {
            Some(format!(
                "shape `{name}` tests `spelling`, but no code has a `wire` spelling of source `{id}`"
            ))
        }
        Owner::Source { .. } => None,
    };
    if let Some(problem) = problem {
        d.on(test, problem);
    }
}

/// One place: a JSON Pointer, consistent with every other place on how it
/// steps into arrays.
fn pointer(d: &mut Diagnostics, place: &Spanned<String>, name: &str, arrays: &mut ArrayUse) {
    match parse_pointer(&place.value) {
        Ok(steps) => arrays.note(d, place, &steps),
        Err(error) => d.on(
            place,
            format!("shape `{name}`: `{}` is not a place: {error}", place.value),
        ),
    }
}

/// How the catalogue's places step into each array: all by `*` or all by
/// index. The classifier reads a body in one pass, each value once, so one
/// array element cannot be read both as "any element" and as "element 0".
#[derive(Default)]
struct ArrayUse {
    /// The steps before an array step, with whether it was `*`, and where.
    seen: HashMap<Vec<Step<String>>, (bool, u64, String)>,
}

impl ArrayUse {
    fn note(&mut self, d: &mut Diagnostics, place: &Spanned<String>, steps: &[Step<String>]) {
        for (i, step) in steps.iter().enumerate() {
            let any = match step {
                Step::AnyElement => true,
                Step::Index(_) => false,
                Step::Member(_) => continue,
            };
            let before = steps[..i].to_vec();
            match self.seen.get(&before) {
                Some((first_any, line, first)) if *first_any != any => d.on(
                    place,
                    format!(
                        "`{}` steps into an array by {} where `{first}` (line {line}) uses {}; use one way for each array, `*` or indices",
                        place.value,
                        if any { "`*`" } else { "an index" },
                        if any { "an index" } else { "`*`" },
                    ),
                ),
                Some(_) => {}
                None => {
                    self.seen.insert(
                        before,
                        (any, place.referenced.line(), place.value.clone()),
                    );
                }
            }
        }
    }
}

/// Two shapes of one source with the same alternative: no body could tell
/// them apart.
fn apart(d: &mut Diagnostics, bodies: &[Body], source: &str) {
    let mut seen: HashMap<Vec<(String, Test)>, &str> = HashMap::new();
    for body in bodies {
        for alternative in &body.when {
            let mut key: Vec<(String, Test)> = alternative
                .tests
                .iter()
                .map(|(place, test)| (place.value.clone(), test.value))
                .collect();
            key.sort();
            match seen.get(&key) {
                Some(other) if *other != body.shape.value => d.on(
                    &body.shape,
                    format!(
                        "shapes `{other}` and `{}` of source `{source}` have the same alternative in `when`, so no body can tell them apart",
                        body.shape.value
                    ),
                ),
                Some(_) => {}
                None => {
                    seen.insert(key, &body.shape.value);
                }
            }
        }
    }
}
