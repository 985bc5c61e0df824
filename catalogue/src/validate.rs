//! Checks that make a parsed catalogue safe to generate code from, and
//! that, in passing, resolve it: each check adds to one [`Diagnostics`]
//! (nothing stops at the first problem), and every reference a check
//! looks up is recorded, so that a catalogue without problems comes out
//! as a [`Catalogue`] whose references are already resolved and indexed.
//! (serde_derive_internals' one parser and checker, shared by every front
//! end, is the model: nothing downstream looks an id up again.)

use std::collections::HashMap;
use std::path::Path;

use crate::span::{Location, Spanned};

use crate::diag::Diagnostics;
use crate::ident;
use crate::model::{Code, ErrorType, RawCatalogue, Retry, Source, Spelling, Status, Wire};
use crate::pattern::Pattern;
use crate::resolved::Catalogue;
use crate::resolved::index::{
    CodeLinks, Defined, ErrorTypeLinks, Index, Links, SourceLinks, StatusLinks,
};

mod bodies;
mod headers;

/// Runs every check on `catalogue`; without problems, it is the checked,
/// resolved [`Catalogue`].
pub(crate) fn check(catalogue: RawCatalogue, path: &Path) -> Result<Catalogue, Diagnostics> {
    let index = index(&catalogue, path)?;
    Ok(Catalogue::new(catalogue, index))
}

/// Every check, and the index when they all pass.
fn index(catalogue: &RawCatalogue, path: &Path) -> Result<Index, Diagnostics> {
    let mut d = Diagnostics::new(path);
    if catalogue.version.value != 1 {
        d.on(
            &catalogue.version,
            format!(
                "version {} is not supported; this loader reads version 1",
                catalogue.version.value
            ),
        );
    }
    let known = Defined {
        documents: unique_ids(
            &mut d,
            "document",
            catalogue.documents.iter().map(|x| &x.id),
        ),
        sources: unique_ids(&mut d, "source", catalogue.sources.iter().map(|x| &x.id)),
        categories: unique_ids(
            &mut d,
            "category",
            catalogue.categories.iter().map(|x| &x.id),
        ),
        statuses: unique_statuses(&mut d, &catalogue.statuses),
        codes: unique_ids(&mut d, "code", catalogue.codes.iter().map(|x| &x.id)),
        error_types: unique_ids(
            &mut d,
            "error_type",
            catalogue.error_types.iter().map(|x| &x.id),
        ),
        task_statuses: unique_ids(
            &mut d,
            "task_status",
            catalogue.task_statuses.iter().map(|x| &x.id),
        ),
        limits: unique_ids(&mut d, "limit", catalogue.limits.iter().map(|x| &x.id)),
    };

    identifiers(&mut d, "Source", catalogue.sources.iter().map(|x| &x.id));
    identifiers(
        &mut d,
        "Category",
        catalogue.categories.iter().map(|x| &x.id),
    );
    identifiers(
        &mut d,
        "Status",
        catalogue.statuses.iter().map(|x| &x.reason),
    );
    identifiers(&mut d, "Code", catalogue.codes.iter().map(|x| &x.id));
    identifiers(
        &mut d,
        "ErrorType",
        catalogue.error_types.iter().map(|x| &x.id),
    );
    identifiers(
        &mut d,
        "TaskStatus",
        catalogue.task_statuses.iter().map(|x| &x.id),
    );
    identifiers(&mut d, "Limit", catalogue.limits.iter().map(|x| &x.id));
    identifiers(&mut d, "Shape", catalogue.shapes().map(|x| &x.shape));
    bodies::check(&mut d, catalogue);
    headers::check(&mut d, catalogue);

    // Each entry's references, resolved: `None` for a section where one
    // did not, which its check reported.
    let sources = resolve_all(&catalogue.sources, |x| check_source(&mut d, &known, x));
    let statuses = resolve_all(&catalogue.statuses, |x| check_status(&mut d, &known, x));
    let codes = resolve_all(&catalogue.codes, |x| check_code(&mut d, &known, x));
    wire_spellings(&mut d, &catalogue.codes);
    request_fields(&mut d, &catalogue.codes);
    let error_types = resolve_all(&catalogue.error_types, |x| {
        check_error_type(&mut d, &known, x)
    });
    let task_statuses = resolve_all(&catalogue.task_statuses, |x| {
        known.source(&mut d, &x.source, &x.id.value)
    });
    let limits = resolve_all(&catalogue.limits, |x| {
        known.source(&mut d, &x.source, &x.id.value)
    });
    let links = (|| {
        Some(Links {
            sources: sources?,
            statuses: statuses?,
            codes: codes?,
            error_types: error_types?,
            task_statuses: task_statuses?,
            limits: limits?,
        })
    })();
    let links = d.finish(links)?;
    Ok(Index::new(catalogue, known, links))
}

/// `check` on every entry, and what their references resolve to when all
/// of them do. Every entry is checked before any result is looked at, so
/// that one bad reference does not hide the next.
fn resolve_all<T, L>(entries: &[T], check: impl FnMut(&T) -> Option<L>) -> Option<Vec<L>> {
    let all: Vec<Option<L>> = entries.iter().map(check).collect();
    all.into_iter().collect()
}

/// The references the checks resolve against [`Defined`].
impl Defined<'_> {
    fn source(&self, d: &mut Diagnostics, source: &Spanned<String>, owner: &str) -> Option<usize> {
        refers(d, &self.sources, source, owner, "source", "sources")
    }

    fn status(&self, d: &mut Diagnostics, status: &Spanned<u16>, owner: &str) -> Option<usize> {
        if !in_range(status) {
            d.on(status, out_of_range(status.value));
            return None;
        }
        let found = self.statuses.get(&status.value).copied();
        if found.is_none() {
            d.on(
                status,
                format!(
                    "`{owner}` has status {}, which is not catalogued in `statuses`",
                    status.value
                ),
            );
        }
        found
    }
}

/// Where `value`, a reference from `owner`, is defined in `section`; or a
/// diagnostic (with the nearest ids) and `None`.
fn refers(
    d: &mut Diagnostics,
    known: &HashMap<&str, usize>,
    value: &Spanned<String>,
    owner: &str,
    what: &str,
    section: &str,
) -> Option<usize> {
    let found = known.get(value.value.as_str()).copied();
    if found.is_none() {
        let nearest = errors_vocab::nearest(&value.value, known.keys().copied(), 3);
        let hint = if nearest.is_empty() {
            String::new()
        } else {
            format!("; did you mean {}?", quoted_list(&nearest))
        };
        d.on(
            value,
            format!(
                "`{owner}` names {what} `{}`, which is not catalogued in `{section}`{hint}",
                value.value
            ),
        );
    }
    found
}

fn quoted_list(items: &[&str]) -> String {
    items
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Each id's position in its section (the first, when one is defined
/// twice, which is reported).
fn unique_ids<'a>(
    d: &mut Diagnostics,
    what: &str,
    ids: impl Iterator<Item = &'a Spanned<String>>,
) -> HashMap<&'a str, usize> {
    let mut seen: HashMap<&str, (usize, Location)> = HashMap::new();
    for (position, id) in ids.enumerate() {
        if id.value.trim().is_empty() {
            d.on(id, format!("a {what} id is empty"));
            continue;
        }
        if let Some(&(_, first)) = seen.get(id.value.as_str()) {
            d.on(
                id,
                format!(
                    "duplicate {what} id `{}` (first defined at line {})",
                    id.value,
                    first.line()
                ),
            );
        } else {
            seen.insert(id.value.as_str(), (position, id.referenced));
        }
    }
    seen.into_iter().map(|(id, (at, _))| (id, at)).collect()
}

/// Each status number's position in `statuses` (the first, when one is
/// defined twice, which is reported).
fn unique_statuses(d: &mut Diagnostics, statuses: &[Status]) -> HashMap<u16, usize> {
    let mut seen: HashMap<u16, (usize, Location)> = HashMap::new();
    for (position, status) in statuses.iter().enumerate() {
        if !in_range(&status.status) {
            d.on(&status.status, out_of_range(status.status.value));
            continue;
        }
        if let Some(&(_, first)) = seen.get(&status.status.value) {
            d.on(
                &status.status,
                format!(
                    "duplicate status {} (first defined at line {})",
                    status.status.value,
                    first.line()
                ),
            );
        } else {
            seen.insert(status.status.value, (position, status.status.referenced));
        }
    }
    seen.into_iter()
        .map(|(number, (at, _))| (number, at))
        .collect()
}

fn in_range(status: &Spanned<u16>) -> bool {
    (100..=999).contains(&status.value)
}

fn out_of_range(status: u16) -> String {
    format!("status {status} is outside 100..=999, the range an HTTP status can take")
}

/// Each id must become a distinct, legal variant name of `enum_name`.
fn identifiers<'a>(
    d: &mut Diagnostics,
    enum_name: &str,
    ids: impl Iterator<Item = &'a Spanned<String>>,
) {
    let mut seen: HashMap<String, &Spanned<String>> = HashMap::new();
    for id in ids {
        let variant = ident::upper_camel(&id.value);
        if variant.is_empty() {
            if !id.value.trim().is_empty() {
                d.on(
                    id,
                    format!(
                        "`{}` has no letters or digits, so it cannot name a `{enum_name}` variant",
                        id.value
                    ),
                );
            }
            continue;
        }
        if let Some(problem) = ident::problem(&variant) {
            d.on(
                id,
                format!(
                    "`{}` would become the variant `{enum_name}::{variant}`, but {problem}",
                    id.value
                ),
            );
            continue;
        }
        match seen.get(&variant) {
            Some(first) if first.value != id.value => d.on(
                id,
                format!(
                    "`{}` and `{}` (line {}) both become `{enum_name}::{variant}`",
                    id.value,
                    first.value,
                    first.referenced.line()
                ),
            ),
            Some(_) => {} // a plain duplicate, reported by `unique_ids`
            None => {
                seen.insert(variant, id);
            }
        }
    }
}

fn check_source(d: &mut Diagnostics, known: &Defined<'_>, source: &Source) -> Option<SourceLinks> {
    let documents = resolve_all(&source.documents, |document| {
        refers(
            d,
            &known.documents,
            document,
            &source.id.value,
            "document",
            "documents",
        )
    });
    if source.bodies.is_empty() {
        d.on(
            &source.id,
            format!(
                "source `{}` lists no error body shapes; add one (`status_only` if it sends none)",
                source.id.value
            ),
        );
    }
    if let Some(code) = &source.failed_task {
        refers(d, &known.codes, code, &source.id.value, "code", "codes");
    }
    assumed(
        d,
        &source.assumed,
        &source.id.value,
        &[
            "name",
            "summary",
            "auth",
            "request_id",
            "bodies",
            "documents",
            "failed_task",
        ],
    );
    Some(SourceLinks {
        documents: documents?,
    })
}

fn check_status(d: &mut Diagnostics, known: &Defined<'_>, status: &Status) -> Option<StatusLinks> {
    let owner = status.status.value.to_string();
    match &status.retry {
        Some(retry) => check_retry(d, retry, &owner),
        None if status.status.value >= 400 => d.on(
            &status.status,
            format!("status {owner} is an error but has no `retry`"),
        ),
        None => {}
    }
    match &status.user_message {
        Some(message) => user_message(d, message, &format!("status {owner}")),
        None if status.status.value >= 400 => d.on(
            &status.status,
            format!(
                "status {owner} is an error but has no `user_message`; say what an end user may read when a response has this status and no catalogued code"
            ),
        ),
        None => {}
    }
    // `Some(None)`: no category, which only a success or redirect may lack.
    let category = match &status.category {
        Some(category) => refers(
            d,
            &known.categories,
            category,
            &format!("status {owner}"),
            "category",
            "categories",
        )
        .map(Some),
        None if status.status.value >= 400 => {
            d.on(
                &status.status,
                format!(
                    "status {owner} is an error but has no `category`; it says who must act when a response has this status and no catalogued code"
                ),
            );
            None
        }
        None => Some(None),
    };
    let mut seen = HashMap::new();
    let mut views = Vec::with_capacity(status.views.len());
    for view in &status.views {
        views.push(known.source(d, &view.source, &owner));
        if let Some(retry) = &view.retry {
            check_retry(d, retry, &format!("{owner} from {}", view.source.value));
            if status
                .retry
                .as_ref()
                .is_some_and(|r| r.value == retry.value)
            {
                d.on(
                    retry,
                    format!(
                        "status {owner}: the view of `{}` repeats the status's own `retry`; remove it (a view's rule is for where its source differs)",
                        view.source.value
                    ),
                );
            }
        }
        if let Some(first) = seen.insert(view.source.value.as_str(), view.source.referenced) {
            d.on(
                &view.source,
                format!(
                    "status {owner} has two views from source `{}` (first at line {}); merge them",
                    view.source.value,
                    first.line()
                ),
            );
        }
    }
    assumed(
        d,
        &status.assumed,
        &owner,
        &[
            "reason",
            "user_message",
            "category",
            "timeout",
            "edge_proxy",
            "meaning",
            "retry",
            "views",
        ],
    );
    Some(StatusLinks {
        category: category?,
        views: views.into_iter().collect::<Option<_>>()?,
    })
}

fn check_code(d: &mut Diagnostics, known: &Defined<'_>, code: &Code) -> Option<CodeLinks> {
    let owner = code.id.value.as_str();
    let status = known.status(d, &code.status, owner);
    let category = refers(
        d,
        &known.categories,
        &code.category,
        owner,
        "category",
        "categories",
    );
    check_retry(d, &code.retry, owner);
    user_message(d, &code.user_message, &format!("code `{owner}`"));
    if code.remedies.iter().all(|r| r.trim().is_empty()) {
        d.on(
            &code.id,
            format!("code `{owner}` has no remedies; say what the caller can do"),
        );
    }
    let mut wire = Vec::with_capacity(code.wire.len());
    for entry in &code.wire {
        wire.push(known.source(d, &entry.source, owner));
        check_wire(d, entry, owner);
    }
    assumed(
        d,
        &code.assumed,
        owner,
        &[
            "status",
            "category",
            "retry",
            "user_message",
            "meaning",
            "causes",
            "remedies",
            "wire",
            "request_fields",
        ],
    );
    Some(CodeLinks {
        status: status?,
        category: category?,
        wire: wire.into_iter().collect::<Option<_>>()?,
    })
}

/// Each request field: a name without white space, at least one place,
/// no place twice, and no name claimed by two codes (`explain` answers a
/// field name with its one code).
fn request_fields(d: &mut Diagnostics, codes: &[Code]) {
    let mut owners: HashMap<&str, &str> = HashMap::new();
    for code in codes {
        let owner = code.id.value.as_str();
        for field in &code.request_fields {
            let name = field.name.value.as_str();
            if name.is_empty() || name.chars().any(char::is_whitespace) {
                d.on(
                    &field.name,
                    format!("request field `{name}` of `{owner}` is empty or has white space"),
                );
            }
            if field.places.is_empty() {
                d.on(
                    &field.name,
                    format!(
                        "request field `{name}` of `{owner}` needs `in`: body, query or header"
                    ),
                );
            }
            for (i, place) in field.places.iter().enumerate() {
                if field.places[..i].contains(place) {
                    d.on(
                        &field.name,
                        format!(
                            "request field `{name}` of `{owner}` lists {} twice in `in`",
                            place.words()
                        ),
                    );
                }
            }
            if let Some(first) = owners.insert(name, owner)
                && first != owner
            {
                d.on(
                    &field.name,
                    format!("request field `{name}` belongs to both `{first}` and `{owner}`"),
                );
            }
            assumed(
                d,
                &field.assumed,
                &format!("{owner}.request_fields.{name}"),
                &["in"],
            );
        }
    }
}

fn check_error_type(
    d: &mut Diagnostics,
    known: &Defined<'_>,
    error_type: &ErrorType,
) -> Option<ErrorTypeLinks> {
    let owner = error_type.id.value.as_str();
    let source = known.source(d, &error_type.source, owner);
    let code = refers(d, &known.codes, &error_type.code, owner, "code", "codes");
    check_retry(d, &error_type.retry, owner);
    assumed(
        d,
        &error_type.assumed,
        owner,
        &["meaning", "code", "retry", "remedies"],
    );
    Some(ErrorTypeLinks {
        source: source?,
        code: code?,
    })
}

fn check_wire(d: &mut Diagnostics, wire: &Wire, owner: &str) {
    if wire.code.is_none() && wire.message.is_none() {
        d.on(
            &wire.source,
            format!("a wire spelling of `{owner}` needs a `code`, a `message` or both"),
        );
    }
    if let Some(code) = &wire.code
        && (code.value.is_empty() || code.value.chars().any(char::is_whitespace))
    {
        d.on(
            code,
            format!(
                "wire code `{}` of `{owner}` is empty or has white space; a fixed string with spaces is a `message`",
                code.value
            ),
        );
    }
    if let Some(message) = &wire.message {
        if message.value.trim().is_empty() {
            d.on(message, format!("wire message of `{owner}` is empty"));
        } else if let Err(e) = Pattern::parse(&message.value) {
            d.on(
                message,
                format!("wire message `{}` of `{owner}`: {e}", message.value),
            );
        }
    }
}

/// Within a source, a spelling (code or message) must name one code, and a
/// message pattern must not also match another code's fixed string.
/// Across sources, an identical spelling must name the same code, or the
/// source-agnostic lookup could not tell them apart.
fn wire_spellings(d: &mut Diagnostics, codes: &[Code]) {
    let mut by_text: HashMap<&str, (&str, &str, Location)> = HashMap::new();
    let mut patterns: Vec<(&str, Pattern<'_>, &str)> = Vec::new();
    let mut exact: Vec<(&str, &Spanned<String>, &str)> = Vec::new();
    let canonical: HashMap<&str, &str> = codes
        .iter()
        .map(|c| (c.id.value.as_str(), c.id.value.as_str()))
        .collect();
    for code in codes {
        for Spelling {
            source,
            text: spelling,
            ..
        } in code.spellings()
        {
            let source = source.value.as_str();
            let text = spelling.value.as_str();
            if let Some(other) = canonical.get(text).filter(|o| **o != code.id.value) {
                d.on(
                    spelling,
                    format!(
                        "wire spelling `{text}` of `{}` is the canonical id of `{other}`, so `Code::lookup` could not tell them apart",
                        code.id.value
                    ),
                );
            }
            match by_text.get(text) {
                Some(&(first_source, first_code, at)) if first_code != code.id.value => {
                    let place = if first_source == source {
                        format!("in source `{source}`")
                    } else {
                        format!(
                            "in sources `{first_source}` and `{source}`, so `Code::lookup` could not tell them apart"
                        )
                    };
                    d.on(
                        spelling,
                        format!(
                            "duplicate wire spelling `{text}` {place}: it names `{first_code}` (line {}) and `{}`",
                            at.line(),
                            code.id.value
                        ),
                    );
                }
                Some(&(first_source, _, at)) if first_source == source => d.on(
                    spelling,
                    format!(
                        "duplicate wire spelling `{text}` of `{}` in source `{source}` (first at line {})",
                        code.id.value,
                        at.line()
                    ),
                ),
                Some(_) => {}
                None => {
                    by_text.insert(text, (source, code.id.value.as_str(), spelling.referenced));
                }
            }
            match Pattern::parse(text) {
                Ok(p) if !p.is_exact() => patterns.push((source, p, code.id.value.as_str())),
                _ => exact.push((source, spelling, code.id.value.as_str())),
            }
        }
    }
    for (source, spelling, owner) in exact {
        for (pattern_source, pattern, pattern_owner) in &patterns {
            if *pattern_source == source
                && *pattern_owner != owner
                && pattern.matches(&spelling.value)
            {
                d.on(
                    spelling,
                    format!(
                        "wire spelling `{}` of `{owner}` also matches a message pattern of `{pattern_owner}` in source `{source}`",
                        spelling.value
                    ),
                );
            }
        }
    }
}

fn check_retry(d: &mut Diagnostics, retry: &Spanned<Retry>, owner: &str) {
    // The same check, in the same words, as the derive's `retry = "…"`.
    if let Err(problem) = retry.value.check() {
        d.on(retry, format!("`{owner}`: {problem}"));
    }
}

/// `owner` names the entry as a message would: "code `x`", "status 429".
fn user_message(d: &mut Diagnostics, message: &Spanned<String>, owner: &str) {
    let text = message.value.trim();
    if text.is_empty() {
        d.on(message, format!("{owner} has an empty user_message"));
    } else if let Some(leak) = errors_vocab::leak::find(text) {
        d.on(
            message,
            format!("user_message of {owner} must be safe to show an end user, but {leak}"),
        );
    }
}

fn assumed(d: &mut Diagnostics, assumed: &[Spanned<String>], owner: &str, fields: &[&str]) {
    for field in assumed {
        if !fields.contains(&field.value.as_str()) {
            d.on(
                field,
                format!(
                    "`{owner}`: `assumed` lists `{}`, which is not one of its fields ({})",
                    field.value,
                    fields.join(", ")
                ),
            );
        }
    }
}
