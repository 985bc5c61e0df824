//! From an entry to its [`Explanation`].

use super::advice::{StatusClass, retry_advice};
use super::find::Entry;
use super::{Explanation, Fact, FieldView, Related, Spelling, StatusLine, View};
use errors_catalogue::model::{BodyField, Unit};
use errors_catalogue::{
    Catalogue, CodeRef, ErrorTypeRef, LimitRef, SourceRef, StatusRef, TaskStatusRef,
};
use errors_catalogue::{EntryKind, anchor};

pub(crate) fn explanation(c: &Catalogue, entry: &Entry<'_>, matched: String) -> Explanation {
    let mut e = match *entry {
        Entry::Status(s) => status(s),
        Entry::Code(code) => self::code(code),
        Entry::ErrorType(e) => error_type(e),
        Entry::TaskStatus(t) => task_status(t),
        Entry::Source(s) => source(s),
        Entry::Limit(l) => limit(l),
        Entry::Class(class, number) => status_class(c, class, number),
    };
    e.matched = matched;
    e
}

/// An explanation with only its identity filled in.
fn blank(kind: EntryKind, id: String, meaning: String) -> Explanation {
    Explanation {
        kind,
        anchor: anchor(kind, &id),
        id,
        matched: String::new(),
        status: None,
        category: None,
        sources: Vec::new(),
        meaning,
        facts: Vec::new(),
        causes: Vec::new(),
        retry: None,
        user_message: None,
        remedies: Vec::new(),
        views: Vec::new(),
        request_fields: Vec::new(),
        related: Vec::new(),
        assumed: Vec::new(),
        deprecated: None,
    }
}

fn related(kind: EntryKind, id: &str) -> Related {
    Related {
        kind,
        id: id.to_string(),
    }
}

/// How `source` names an entry: `code` and `message` as it sends them.
fn spelling(source: SourceRef<'_>, code: Option<String>, message: Option<String>) -> Spelling {
    Spelling {
        source: source.id().to_string(),
        source_name: source.name.clone(),
        code,
        message,
    }
}

fn status_line(status: StatusRef<'_>) -> StatusLine {
    StatusLine {
        code: status.number(),
        reason: status.reason().to_string(),
    }
}

fn assumed(fields: &[errors_catalogue::Spanned<String>]) -> Vec<String> {
    fields.iter().map(|a| a.value.clone()).collect()
}

fn status(s: StatusRef<'_>) -> Explanation {
    let number = s.number();
    let mut e = blank(EntryKind::Status, number.to_string(), s.meaning.clone());
    e.views = s
        .views
        .iter()
        .map(|v| View {
            source: v.source.value.clone(),
            label: v.label.clone(),
            summary: v.summary.clone(),
            causes: v.causes.clone(),
            remedies: v.remedies.clone(),
            retry: v.retry.as_ref().map(|r| retry_advice(&r.value)),
        })
        .collect();
    e.status = Some(status_line(s));
    e.sources = s
        .views()
        .map(|(source, v)| spelling(source, None, Some(v.label.clone())))
        .collect();
    e.causes = e.views.iter().flat_map(|v| v.causes.clone()).collect();
    e.remedies = dedup(e.views.iter().flat_map(|v| v.remedies.clone()));
    e.retry = s.retry.as_ref().map(|r| retry_advice(&r.value));
    // What a client shows when a response has this status and no code.
    e.user_message = s.user_message.as_ref().map(|m| m.value.clone());
    e.related = s
        .codes()
        .map(|code| related(EntryKind::Code, code.id()))
        .collect();
    e.assumed = assumed(&s.assumed);
    e
}

fn code(code: CodeRef<'_>) -> Explanation {
    let mut e = blank(EntryKind::Code, code.id().to_string(), code.meaning.clone());
    e.status = Some(status_line(code.status()));
    e.category = Some(code.category().id().to_string());
    e.sources = code
        .wire()
        .map(|(source, w)| {
            spelling(
                source,
                w.code.as_ref().map(|x| x.value.clone()),
                w.message.as_ref().map(|m| m.value.clone()),
            )
        })
        .collect();
    e.causes.clone_from(&code.causes);
    e.retry = Some(retry_advice(&code.retry.value));
    e.user_message = Some(code.user_message.value.clone());
    e.remedies.clone_from(&code.remedies);
    e.request_fields = code
        .request_fields
        .iter()
        .map(|f| FieldView {
            name: f.name.value.clone(),
            places: f.places.iter().map(|p| p.as_str().to_string()).collect(),
            assumed: assumed(&f.assumed),
        })
        .collect();
    e.related = std::iter::once(related(
        EntryKind::Status,
        &code.status().number().to_string(),
    ))
    .chain(
        code.error_types()
            .map(|x| related(EntryKind::ErrorType, x.id())),
    )
    .chain(code.sources().map(|s| related(EntryKind::Source, s.id())))
    .collect();
    e.assumed = assumed(&code.assumed);
    e.deprecated.clone_from(&code.deprecated);
    e
}

fn error_type(x: ErrorTypeRef<'_>) -> Explanation {
    let code = x.code();
    let mut e = blank(EntryKind::ErrorType, x.id().to_string(), x.meaning.clone());
    e.status = Some(status_line(code.status()));
    e.category = Some(code.category().id().to_string());
    e.sources = vec![spelling(x.source(), Some(x.id().to_string()), None)];
    e.retry = Some(retry_advice(&x.retry.value));
    e.user_message = Some(code.user_message.value.clone());
    e.remedies.clone_from(&x.remedies);
    e.related = vec![
        related(EntryKind::Code, code.id()),
        related(EntryKind::Source, x.source().id()),
    ];
    e.assumed = assumed(&x.assumed);
    e
}

fn task_status(t: TaskStatusRef<'_>) -> Explanation {
    let mut e = blank(EntryKind::TaskStatus, t.id().to_string(), t.meaning.clone());
    e.sources = vec![spelling(t.source(), Some(t.id().to_string()), None)];
    e.facts = vec![Fact {
        label: "terminal".to_string(),
        value: if t.terminal { "yes" } else { "no" }.to_string(),
    }];
    e.remedies = vec![t.next_step.clone()];
    e.related = vec![related(EntryKind::Source, t.source().id())];
    e
}

fn source(s: SourceRef<'_>) -> Explanation {
    let mut e = blank(EntryKind::Source, s.id().to_string(), s.summary.clone());
    let fact = |label: &str, value: String| Fact {
        label: label.to_string(),
        value,
    };
    e.facts.push(fact("name", s.name.clone()));
    for document in s.documents() {
        e.facts.push(fact(
            "document",
            format!("{}: {}", document.id(), document.title),
        ));
    }
    e.facts.push(fact("auth header", s.auth.header.clone()));
    if !s.auth.schemes.is_empty() {
        e.facts
            .push(fact("auth schemes", s.auth.schemes.join(", ")));
    }
    if let Some(format) = &s.auth.key_format {
        e.facts.push(fact("key format", format.clone()));
    }
    for header in s.request_id_headers() {
        e.facts.push(fact("request id", format!("header {header}")));
    }
    for body in &s.bodies {
        for place in body.field(BodyField::RequestId) {
            e.facts.push(fact(
                "request id",
                format!("body {} ({} shape)", place.value, body.shape.value),
            ));
        }
    }
    for body in &s.bodies {
        let label = if body.is_assumed() {
            "error body (our example; the document shows none)"
        } else {
            "error body"
        };
        e.facts.push(fact(
            label,
            format!("{}: {}", body.shape.value, body.example),
        ));
    }
    e.related = s
        .codes()
        .map(|code| related(EntryKind::Code, code.id()))
        .chain(
            s.error_types()
                .map(|x| related(EntryKind::ErrorType, x.id())),
        )
        .chain(
            s.task_statuses()
                .map(|x| related(EntryKind::TaskStatus, x.id())),
        )
        .chain(s.limits().map(|x| related(EntryKind::Limit, x.id())))
        .collect();
    e.assumed = assumed(&s.assumed);
    e
}

fn limit(l: LimitRef<'_>) -> Explanation {
    let mut e = blank(EntryKind::Limit, l.id().to_string(), l.meaning.clone());
    e.sources = vec![spelling(l.source(), None, None)];
    e.facts = vec![
        Fact {
            label: "value".to_string(),
            value: format!("{} {}", l.value, unit(l.unit)),
        },
        Fact {
            label: "applies to".to_string(),
            value: l.scope.clone(),
        },
    ];
    e.related = vec![related(EntryKind::Source, l.source().id())];
    e
}

fn unit(unit: Unit) -> &'static str {
    match unit {
        Unit::RequestsPerMinute => "requests per minute",
        Unit::ConcurrentRuns => "concurrent runs",
        Unit::Seconds => "seconds",
        Unit::Minutes => "minutes",
        Unit::Days => "days",
        Unit::PixelMultiple => "pixels (sizes must be a multiple)",
    }
}

fn status_class(c: &Catalogue, class: &StatusClass, number: Option<u16>) -> Explanation {
    let mut e = blank(
        EntryKind::StatusClass,
        class.id.to_string(),
        class.meaning.to_string(),
    );
    e.status = number.map(|code| StatusLine {
        code,
        reason: class.name.to_string(),
    });
    e.facts = vec![Fact {
        label: "statuses".to_string(),
        value: format!("{}-{}", class.range.0, class.range.1),
    }];
    if let Some(n) = number {
        e.facts.push(Fact {
            label: "catalogued".to_string(),
            value: format!("no: no document names {n}"),
        });
    }
    e.retry = class.retry(c).map(|r| retry_advice(&r));
    e.remedies = vec![class.remedy.to_string()];
    // The class's words are ours (from HTTP), not any document's; its retry
    // rule is the catalogue's for the class's generic status.
    e.assumed = vec!["meaning".to_string(), "retry".to_string()];
    e
}

fn dedup(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}
