//! From the loaded catalogue to its [`Export`].

use super::{
    Auth, CatalogueVersion, Category, Code, Document, ErrorType, Export, FORMAT, Header,
    IdentifiesSource, Limit, RequestField, Retry, SCHEMA_ID, Shape, ShapeField, ShapeTest, Source,
    Spelling, Status, StatusClass, StatusView, TaskStatus,
};
use crate::explain::{StatusClass as HttpClass, retry_advice};
use errors_catalogue::model::{self, IdentifiesKeyword, RequestIdCarrier};
use errors_catalogue::{EntryKind, anchor};

pub(super) fn export(c: &errors_catalogue::Catalogue) -> Export {
    let raw = c.raw();
    Export {
        schema: SCHEMA_ID.to_string(),
        format: FORMAT,
        catalogue: CatalogueVersion {
            version: raw.version.value,
            release: raw.release.value,
        },
        documents: raw
            .documents
            .iter()
            .map(|d| Document {
                id: d.id.value.clone(),
                title: d.title.clone(),
                url: d.url.clone(),
            })
            .collect(),
        sources: raw.sources.iter().map(source).collect(),
        shapes: raw
            .sources
            .iter()
            .flat_map(|s| s.bodies.iter().map(|b| shape(b, Some(&s.id.value))))
            .chain(raw.bodies.iter().map(|b| shape(b, None)))
            .collect(),
        request_id_headers: headers_of(&raw.request_id),
        headers: raw
            .headers
            .iter()
            .map(|h| Header {
                name: h.name.value.clone(),
                means: h.means.value.as_str().to_string(),
                value: h.value.clone(),
            })
            .collect(),
        categories: raw
            .categories
            .iter()
            .map(|k| Category {
                id: k.id.value.clone(),
                meaning: k.meaning.clone(),
                fault: k.fault.as_str().to_string(),
                stop: k.stop.as_str().to_string(),
                synonyms: k.synonyms.clone(),
            })
            .collect(),
        statuses: c.statuses().iter().map(|s| status(&s, s.codes())).collect(),
        status_classes: HttpClass::all()
            .iter()
            .map(|class| StatusClass {
                id: class.id.to_string(),
                first: class.range.0,
                last: class.range.1,
                name: class.name.to_string(),
                anchor: anchor(EntryKind::StatusClass, class.id),
                meaning: class.meaning.to_string(),
                remedy: class.remedy.to_string(),
                retry: class.retry(c).as_ref().map(retry),
            })
            .collect(),
        codes: raw.codes.iter().map(code).collect(),
        error_types: raw
            .error_types
            .iter()
            .map(|e| ErrorType {
                id: e.id.value.clone(),
                anchor: anchor(EntryKind::ErrorType, &e.id.value),
                source: e.source.value.clone(),
                meaning: e.meaning.clone(),
                code: e.code.value.clone(),
                retry: retry(&e.retry.value),
                remedies: e.remedies.clone(),
                assumed: assumed(&e.assumed),
            })
            .collect(),
        task_statuses: raw
            .task_statuses
            .iter()
            .map(|t| TaskStatus {
                id: t.id.value.clone(),
                anchor: anchor(EntryKind::TaskStatus, &t.id.value),
                source: t.source.value.clone(),
                terminal: t.terminal,
                meaning: t.meaning.clone(),
                next_step: t.next_step.clone(),
            })
            .collect(),
        limits: raw
            .limits
            .iter()
            .map(|l| Limit {
                id: l.id.value.clone(),
                anchor: anchor(EntryKind::Limit, &l.id.value),
                source: l.source.value.clone(),
                value: l.value,
                unit: l.unit.as_str().to_string(),
                scope: l.scope.clone(),
                meaning: l.meaning.clone(),
            })
            .collect(),
    }
}

fn source(s: &model::Source) -> Source {
    Source {
        id: s.id.value.clone(),
        name: s.name.clone(),
        summary: s.summary.clone(),
        documents: s.documents.iter().map(|d| d.value.clone()).collect(),
        auth: Auth {
            header: s.auth.header.clone(),
            schemes: s.auth.schemes.clone(),
            key_format: s.auth.key_format.clone(),
        },
        request_id_headers: headers_of(&s.request_id),
        shapes: s.bodies.iter().map(|b| b.shape.value.clone()).collect(),
        messages_user_safe: s.messages_user_safe,
        failed_task: s.failed_task.as_ref().map(|f| f.value.clone()),
        assumed: assumed(&s.assumed),
    }
}

fn headers_of(carriers: &[RequestIdCarrier]) -> Vec<String> {
    carriers
        .iter()
        .filter_map(RequestIdCarrier::header)
        .map(str::to_string)
        .collect()
}

fn shape(b: &model::Body, source: Option<&str>) -> Shape {
    Shape {
        id: b.shape.value.clone(),
        source: source.map(str::to_string),
        when: b
            .when
            .iter()
            .map(|alternative| {
                alternative
                    .tests
                    .iter()
                    .map(|(pointer, test)| ShapeTest {
                        pointer: pointer.value.clone(),
                        test: test.value.as_str().to_string(),
                    })
                    .collect()
            })
            .collect(),
        fields: b
            .fields
            .entries
            .iter()
            .map(|(field, places)| ShapeField {
                field: field.value.as_str().to_string(),
                pointers: places.iter().map(|p| p.value.clone()).collect(),
            })
            .collect(),
        identifies_source: match b.identifies_source.as_ref().map(|i| &i.value) {
            None => IdentifiesSource::BySpelling,
            Some(model::IdentifiesSource::Keyword(IdentifiesKeyword::Always)) => {
                IdentifiesSource::Always
            }
            Some(model::IdentifiesSource::Places(places)) => {
                IdentifiesSource::ByPlaces(places.clone())
            }
        },
        example: b.example.clone(),
        assumed: assumed(&b.assumed),
    }
}

fn status<'a>(
    s: &model::Status,
    codes: impl Iterator<Item = errors_catalogue::CodeRef<'a>>,
) -> Status {
    let number = s.status.value;
    Status {
        status: number,
        reason: s.reason.value.clone(),
        anchor: anchor(EntryKind::Status, &number.to_string()),
        meaning: s.meaning.clone(),
        user_message: s.user_message.as_ref().map(|m| m.value.clone()),
        category: s.category.as_ref().map(|k| k.value.clone()),
        timeout: s.timeout,
        edge_proxy: s.edge_proxy,
        retry: s.retry.as_ref().map(|r| retry(&r.value)),
        views: s
            .views
            .iter()
            .map(|v| StatusView {
                source: v.source.value.clone(),
                label: v.label.clone(),
                summary: v.summary.clone(),
                causes: v.causes.clone(),
                remedies: v.remedies.clone(),
                retry: v.retry.as_ref().map(|r| retry(&r.value)),
            })
            .collect(),
        codes: codes.map(|code| code.id().to_string()).collect(),
        assumed: assumed(&s.assumed),
    }
}

fn code(code: &model::Code) -> Code {
    Code {
        id: code.id.value.clone(),
        anchor: anchor(EntryKind::Code, &code.id.value),
        status: code.status.value,
        category: code.category.value.clone(),
        retry: retry(&code.retry.value),
        user_message: code.user_message.value.clone(),
        meaning: code.meaning.clone(),
        causes: code.causes.clone(),
        remedies: code.remedies.clone(),
        wire: code
            .wire
            .iter()
            .map(|w| Spelling {
                source: w.source.value.clone(),
                code: w.code.as_ref().map(|x| x.value.clone()),
                message: w.message.as_ref().map(|m| m.value.clone()),
            })
            .collect(),
        request_fields: code
            .request_fields
            .iter()
            .map(|f| RequestField {
                name: f.name.value.clone(),
                places: f.places.iter().map(|p| p.as_str().to_string()).collect(),
            })
            .collect(),
        deprecated: code.deprecated.clone(),
        assumed: assumed(&code.assumed),
    }
}

fn retry(rule: &model::Retry) -> Retry {
    let mut out = Retry {
        rule: rule.word().to_string(),
        retryable: rule.is_retryable(),
        create: rule.create_rule().map(|c| c.as_str().to_string()),
        max_attempts: None,
        min_secs: None,
        max_secs: None,
        header: None,
        fallback_secs: None,
        summary: rule.to_string(),
        advice: retry_advice(rule).advice,
    };
    match rule {
        model::Retry::Backoff { max_attempts, .. } => out.max_attempts = Some(*max_attempts),
        model::Retry::After {
            min_secs, max_secs, ..
        } => {
            out.min_secs = Some(*min_secs);
            out.max_secs = Some(*max_secs);
        }
        model::Retry::AfterHeader {
            header,
            fallback_secs,
            ..
        } => {
            out.header = Some(header.clone());
            out.fallback_secs = Some(*fallback_secs);
        }
        model::Retry::Never | model::Retry::KeepPolling | model::Retry::ResubmitAsync => {}
    }
    out
}

fn assumed(fields: &[errors_catalogue::Spanned<String>]) -> Vec<String> {
    fields.iter().map(|f| f.value.clone()).collect()
}
