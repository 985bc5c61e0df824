//! From an entry to its [`Explanation`].

use super::advice::{StatusClass, retry_advice};
use super::find::Entry;
use super::{Explanation, Fact, FieldView, Related, Spelling, StatusLine, View};
use crate::entry::{EntryKind, anchor};
use crate::model::{
    Catalogue, Code, ErrorType, Limit, RequestIdCarrier, Source, Status, TaskStatus, Unit,
};

pub(crate) fn explanation(c: &Catalogue, entry: &Entry<'_>, matched: String) -> Explanation {
    let mut e = match entry {
        Entry::Status(s) => status(c, s),
        Entry::Code(code) => self::code(c, code),
        Entry::ErrorType(e) => error_type(c, e),
        Entry::TaskStatus(t) => task_status(c, t),
        Entry::Source(s) => source(c, s),
        Entry::Limit(l) => limit(c, l),
        Entry::Class(class, number) => status_class(c, class, *number),
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

fn source_name(c: &Catalogue, id: &str) -> String {
    c.sources
        .iter()
        .find(|s| s.id.value == id)
        .map_or_else(|| id.to_string(), |s| s.name.clone())
}

fn status_line(c: &Catalogue, number: u16) -> StatusLine {
    let reason = c
        .statuses
        .iter()
        .find(|s| s.status.value == number)
        .map(|s| s.reason.value.clone())
        .unwrap_or_default();
    StatusLine {
        code: number,
        reason,
    }
}

fn assumed(fields: &[serde_saphyr::Spanned<String>]) -> Vec<String> {
    fields.iter().map(|a| a.value.clone()).collect()
}

fn status(c: &Catalogue, s: &Status) -> Explanation {
    let number = s.status.value;
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
        })
        .collect();
    e.status = Some(status_line(c, number));
    e.sources = s
        .views
        .iter()
        .map(|v| Spelling {
            source: v.source.value.clone(),
            source_name: source_name(c, &v.source.value),
            code: None,
            message: Some(v.label.clone()),
        })
        .collect();
    e.causes = e.views.iter().flat_map(|v| v.causes.clone()).collect();
    e.remedies = dedup(e.views.iter().flat_map(|v| v.remedies.clone()));
    e.retry = s.retry.as_ref().map(|r| retry_advice(&r.value));
    e.related = c
        .codes
        .iter()
        .filter(|code| code.status.value == number)
        .map(|code| related(EntryKind::Code, &code.id.value))
        .collect();
    e.assumed = assumed(&s.assumed);
    e
}

fn code(c: &Catalogue, code: &Code) -> Explanation {
    let mut e = blank(EntryKind::Code, code.id.value.clone(), code.meaning.clone());
    e.status = Some(status_line(c, code.status.value));
    e.category = Some(code.category.value.clone());
    e.sources = code
        .wire
        .iter()
        .map(|w| Spelling {
            source: w.source.value.clone(),
            source_name: source_name(c, &w.source.value),
            code: w.code.as_ref().map(|x| x.value.clone()),
            message: w.message.as_ref().map(|m| m.value.clone()),
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
    e.related = std::iter::once(related(EntryKind::Status, &code.status.value.to_string()))
        .chain(
            c.error_types
                .iter()
                .filter(|x| x.code.value == code.id.value)
                .map(|x| related(EntryKind::ErrorType, &x.id.value)),
        )
        .chain(sources_of(
            code.wire.iter().map(|w| w.source.value.as_str()),
        ))
        .collect();
    e.assumed = assumed(&code.assumed);
    e.deprecated.clone_from(&code.deprecated);
    e
}

/// Links to the sources named, each once, in order.
fn sources_of<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<Related> {
    let mut out: Vec<Related> = Vec::new();
    for id in ids {
        let r = related(EntryKind::Source, id);
        if !out.contains(&r) {
            out.push(r);
        }
    }
    out
}

fn error_type(c: &Catalogue, x: &ErrorType) -> Explanation {
    let code = c.codes.iter().find(|code| code.id.value == x.code.value);
    let mut e = blank(EntryKind::ErrorType, x.id.value.clone(), x.meaning.clone());
    e.status = code.map(|code| status_line(c, code.status.value));
    e.category = code.map(|code| code.category.value.clone());
    e.sources = vec![Spelling {
        source: x.source.value.clone(),
        source_name: source_name(c, &x.source.value),
        code: Some(x.id.value.clone()),
        message: None,
    }];
    e.retry = Some(retry_advice(&x.retry.value));
    e.user_message = code.map(|code| code.user_message.value.clone());
    e.remedies.clone_from(&x.remedies);
    e.related = vec![
        related(EntryKind::Code, &x.code.value),
        related(EntryKind::Source, &x.source.value),
    ];
    e.assumed = assumed(&x.assumed);
    e
}

fn task_status(c: &Catalogue, t: &TaskStatus) -> Explanation {
    let mut e = blank(EntryKind::TaskStatus, t.id.value.clone(), t.meaning.clone());
    e.sources = vec![Spelling {
        source: t.source.value.clone(),
        source_name: source_name(c, &t.source.value),
        code: Some(t.id.value.clone()),
        message: None,
    }];
    e.facts = vec![Fact {
        label: "terminal".to_string(),
        value: if t.terminal { "yes" } else { "no" }.to_string(),
    }];
    e.remedies = vec![t.next_step.clone()];
    e.related = vec![related(EntryKind::Source, &t.source.value)];
    e
}

fn source(c: &Catalogue, s: &Source) -> Explanation {
    let mut e = blank(EntryKind::Source, s.id.value.clone(), s.summary.clone());
    let fact = |label: &str, value: String| Fact {
        label: label.to_string(),
        value,
    };
    e.facts.push(fact("name", s.name.clone()));
    for id in &s.documents {
        let title = c
            .documents
            .iter()
            .find(|d| d.id.value == id.value)
            .map_or("", |d| d.title.as_str());
        e.facts
            .push(fact("document", format!("{}: {title}", id.value)));
    }
    e.facts.push(fact("auth header", s.auth.header.clone()));
    if !s.auth.schemes.is_empty() {
        e.facts
            .push(fact("auth schemes", s.auth.schemes.join(", ")));
    }
    if let Some(format) = &s.auth.key_format {
        e.facts.push(fact("key format", format.clone()));
    }
    for carrier in &s.request_id {
        let value = match carrier {
            RequestIdCarrier::Header(h) => format!("header {h}"),
            RequestIdCarrier::BodyField(f) => format!("body field {f}"),
        };
        e.facts.push(fact("request id", value));
    }
    for body in &s.bodies {
        let label = if body.assumed {
            "error body (our example; the document shows none)"
        } else {
            "error body"
        };
        let shape = format!("{:?}", body.shape.value);
        e.facts
            .push(fact(label, format!("{shape}: {}", body.example)));
    }
    let id = s.id.value.as_str();
    e.related = c
        .codes
        .iter()
        .filter(|code| code.wire.iter().any(|w| w.source.value == id))
        .map(|code| related(EntryKind::Code, &code.id.value))
        .chain(
            c.error_types
                .iter()
                .filter(|x| x.source.value == id)
                .map(|x| related(EntryKind::ErrorType, &x.id.value)),
        )
        .chain(
            c.task_statuses
                .iter()
                .filter(|x| x.source.value == id)
                .map(|x| related(EntryKind::TaskStatus, &x.id.value)),
        )
        .chain(
            c.limits
                .iter()
                .filter(|x| x.source.value == id)
                .map(|x| related(EntryKind::Limit, &x.id.value)),
        )
        .collect();
    e.assumed = assumed(&s.assumed);
    e
}

fn limit(c: &Catalogue, l: &Limit) -> Explanation {
    let mut e = blank(EntryKind::Limit, l.id.value.clone(), l.meaning.clone());
    e.sources = vec![Spelling {
        source: l.source.value.clone(),
        source_name: source_name(c, &l.source.value),
        code: None,
        message: None,
    }];
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
    e.related = vec![related(EntryKind::Source, &l.source.value)];
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
