//! Every item of the five documents is in the catalogue, spelled exactly.
//!
//! The items are read out of the documents themselves (copies in
//! `fixtures/seeds/`, named by document id), not typed again here, so a
//! row added to a document and not to the catalogue fails this test.

use std::collections::BTreeSet;

use errors_catalogue::Catalogue;
use errors_catalogue::model::{Code, Retry, Unit};
use errors_catalogue::pattern::Pattern;
use errors_tests::{catalogue, fixture};

fn document(id: &str) -> String {
    std::fs::read_to_string(fixture(&format!("seeds/{id}.txt"))).unwrap()
}

/// Rows of a `a | b | c |` table: the cells of each line that has them.
fn rows(text: &str) -> Vec<Vec<&str>> {
    text.lines()
        .filter(|l| l.trim_end().ends_with('|') && !l.starts_with('|'))
        .map(|l| {
            l.split('|')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect()
        })
        .collect()
}

/// Every `"key": "value"` in the text, for `key`.
fn json_strings<'a>(text: &'a str, key: &str) -> Vec<&'a str> {
    let needle = format!("\"{key}\": \"");
    text.match_indices(&needle)
        .filter_map(|(at, _)| {
            let rest = &text[at + needle.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

fn is_status(cell: &str) -> bool {
    cell.len() == 3 && cell.bytes().all(|b| b.is_ascii_digit())
}

fn view_label<'a>(c: &'a Catalogue, status: u16, source: &str) -> Option<&'a str> {
    c.status(status)?
        .entry()
        .view(source)
        .map(|v| v.label.as_str())
}

fn code_with_wire<'a>(c: &'a Catalogue, source: &str, text: &str) -> Option<&'a Code> {
    c.codes().entries().iter().find(|code| {
        code.wire.iter().any(|w| {
            w.source.value == source
                && (w.code.as_ref().is_some_and(|x| x.value == text)
                    || w.message
                        .as_ref()
                        .is_some_and(|m| Pattern::parse(&m.value).is_ok_and(|p| p.matches(text))))
        })
    })
}

fn code<'a>(c: &'a Catalogue, id: &str) -> &'a Code {
    c.code(id)
        .map(|x| x.entry())
        .unwrap_or_else(|| panic!("code `{id}` is not catalogued"))
}

fn has_limit(c: &Catalogue, source: &str, unit: Unit, value: u64, scope_word: &str) -> bool {
    c.limits().iter().any(|l| {
        l.source.value == source
            && l.unit == unit
            && l.value == value
            && (l.scope.to_lowercase().contains(scope_word) || l.id.value.contains(scope_word))
    })
}

#[test]
fn runs_api_001() {
    let c = catalogue();
    let text = document("001");
    let rows = rows(&text);

    let statuses: Vec<_> = rows.iter().filter(|r| is_status(r[0])).collect();
    assert_eq!(statuses.len(), 20, "001's status table has 20 rows");
    for row in statuses {
        let status: u16 = row[0].parse().unwrap();
        assert_eq!(
            view_label(&c, status, "runs"),
            Some(row[1]),
            "001 names {status} \"{}\"",
            row[1]
        );
    }

    let codes: Vec<&str> = rows
        .iter()
        .filter(|r| {
            r.len() == 3
                && r[0].bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
                && !r[1].bytes().all(|b| b.is_ascii_digit())
        })
        .map(|r| r[0])
        .collect();
    assert_eq!(codes.len(), 16, "001 lists sixteen codes: {codes:?}");
    for wire in codes {
        let entry = code_with_wire(&c, "runs", wire)
            .unwrap_or_else(|| panic!("001's code `{wire}` has no runs wire spelling"));
        assert_eq!(entry.id.value, wire, "001's codes are the canonical ids");
    }

    for row in rows
        .iter()
        .filter(|r| matches!(r[0], "free" | "pro" | "enterprise"))
    {
        let rpm: u64 = row[1].parse().unwrap();
        let runs: u64 = row[2].parse().unwrap();
        assert!(
            has_limit(&c, "runs", Unit::RequestsPerMinute, rpm, row[0]),
            "{row:?}"
        );
        assert!(
            has_limit(&c, "runs", Unit::ConcurrentRuns, runs, row[0]),
            "{row:?}"
        );
    }
    assert!(text.contains("300s ceiling"));
    assert!(has_limit(&c, "runs", Unit::Seconds, 300, "sync"));
    assert!(text.contains("30-day retention"));
    assert!(has_limit(&c, "runs", Unit::Days, 30, "reten"));

    assert!(text.contains("Retry after 30-60s"));
    assert!(matches!(
        code(&c, "service_unavailable").retry.value,
        Retry::After {
            min_secs: 30,
            max_secs: 60,
            ..
        }
    ));
    assert!(matches!(
        &code(&c, "rate_limit_exceeded").retry.value,
        Retry::AfterHeader { header, .. } if header == "Retry-After"
    ));
    assert_eq!(
        code(&c, "sync_timeout_upgrade_async").retry.value,
        Retry::ResubmitAsync
    );
    assert!(text.contains("X-Request-Id"));
    let runs = c.source("runs").unwrap();
    assert!(format!("{:?}", runs.request_id).contains("X-Request-Id"));
    assert_eq!(runs.auth.key_format.as_deref(), Some("sk_live_*"));
}

#[test]
fn queue_api_000() {
    let c = catalogue();
    let text = document("000");

    let codes = json_strings(&text, "code");
    let messages = json_strings(&text, "message");
    assert_eq!(codes, ["UNAUTHORIZED", "RATE_LIMIT_EXCEEDED"]);
    for (wire, message) in codes.iter().zip(&messages) {
        let entry = code_with_wire(&c, "queue", wire)
            .unwrap_or_else(|| panic!("000's gateway code `{wire}` is not a queue spelling"));
        let sent = entry
            .wire
            .iter()
            .find(|w| w.code.as_ref().is_some_and(|x| x.value == *wire))
            .and_then(|w| w.message.as_ref())
            .map(|m| m.value.as_str());
        assert_eq!(sent, Some(*message), "the message sent with `{wire}`");
    }

    let details: BTreeSet<&str> = json_strings(&text, "detail").into_iter().collect();
    assert_eq!(details.len(), 6, "{details:?}");
    for detail in details.iter().copied().chain(["Request not found"]) {
        assert!(
            code_with_wire(&c, "queue", detail).is_some(),
            "000's detail \"{detail}\" is not a queue spelling"
        );
    }
    assert!(text.contains("404\nRequest not found"));
    for status in [202, 404, 502] {
        assert!(
            view_label(&c, status, "queue").is_some(),
            "000 names {status}"
        );
    }
    let queue = c.source("queue").unwrap();
    assert_eq!(queue.auth.header, "Authorization");
    assert_eq!(queue.auth.schemes, ["Bearer", "Key"]);
}

#[test]
fn queue_poll_status_002() {
    let c = catalogue();
    let text = document("002");
    let rows = rows(&text);
    let upper: Vec<&str> = rows
        .iter()
        .map(|r| r[0])
        .filter(|cell| cell.bytes().all(|b| b.is_ascii_uppercase() || b == b'_'))
        .collect();
    let task_statuses = ["IN_QUEUE", "IN_PROGRESS", "COMPLETED"];
    let error_types: Vec<&str> = upper
        .iter()
        .copied()
        .filter(|u| !task_statuses.contains(u))
        .collect();
    assert_eq!(error_types.len(), 6, "{error_types:?}");
    for id in &error_types {
        let e = c
            .error_type(id)
            .unwrap_or_else(|| panic!("error_type `{id}` is not catalogued"));
        assert_eq!(e.source.value, "queue");
    }
    for id in task_statuses {
        let t = c.task_status(id).unwrap();
        assert_eq!(t.terminal, id == "COMPLETED", "{id}");
    }
    for error in json_strings(&text, "error") {
        assert!(code_with_wire(&c, "queue", error).is_some(), "\"{error}\"");
    }
    assert!(text.contains("\"queue_position\""));
}

#[test]
fn each_labs_003() {
    let c = catalogue();
    let text = document("003");
    let rows = rows(&text);
    let statuses: Vec<_> = rows.iter().filter(|r| is_status(r[0])).collect();
    assert_eq!(statuses.len(), 6);
    for row in statuses {
        let status: u16 = row[0].parse().unwrap();
        assert_eq!(view_label(&c, status, "eachlabs"), Some(row[1]), "{row:?}");
    }
    let errors: Vec<&str> = rows
        .iter()
        .filter_map(|r| r[0].strip_prefix('"')?.strip_suffix('"'))
        .collect();
    assert_eq!(errors.len(), 11, "{errors:?}");
    for error in errors {
        assert!(
            code_with_wire(&c, "eachlabs", error).is_some(),
            "003's \"{error}\" is not an eachlabs spelling"
        );
    }
    assert!(text.contains("15-minute limit"));
    assert!(has_limit(&c, "eachlabs", Unit::Minutes, 15, "workflow"));
    let source = c.source("eachlabs").unwrap();
    assert_eq!(source.auth.header, "X-API-Key");
    assert_eq!(view_label(&c, 403, "eachlabs"), Some("Forbidden"));
    assert_eq!(code(&c, "workflow_locked").status.value, 403);
}

#[test]
fn agnes_004() {
    let c = catalogue();
    let text = document("004");
    let headings: Vec<(u16, &str)> = text
        .lines()
        .filter_map(|l| {
            let (number, reason) = l.split_once(' ')?;
            (is_status(number)).then(|| (number.parse().ok(), reason))
        })
        .filter_map(|(n, r)| Some((n?, r)))
        .collect();
    assert_eq!(headings.len(), 21, "{headings:?}");
    for (status, reason) in headings {
        assert_eq!(view_label(&c, status, "agnes"), Some(reason), "{status}");
    }
    assert!(text.contains("RPM 20"));
    assert!(has_limit(&c, "agnes", Unit::RequestsPerMinute, 20, "free"));
    assert!(text.contains("multiples of 16") && text.contains("multiples of 64"));
    assert!(has_limit(&c, "agnes", Unit::PixelMultiple, 16, "image"));
    assert!(has_limit(&c, "agnes", Unit::PixelMultiple, 64, "video"));
    let too_many = c.status(429).unwrap();
    assert!(matches!(
        too_many.retry.as_ref().map(|r| &r.value),
        Some(Retry::AfterHeader {
            fallback_secs: 60,
            ..
        })
    ));
}

#[test]
fn every_status_any_document_names_is_catalogued_once() {
    let c = catalogue();
    let mut named = BTreeSet::new();
    for id in ["000", "001", "002", "003", "004"] {
        let text = document(id);
        for row in rows(&text) {
            if is_status(row[0]) {
                named.insert(row[0].parse::<u16>().unwrap());
            }
        }
        for line in text.lines() {
            if let Some((n, _)) = line.split_once(' ')
                && is_status(n)
            {
                named.insert(n.parse().unwrap());
            }
        }
    }
    named.extend([202, 404, 502]); // named in 000's and 002's prose
    let catalogued: BTreeSet<u16> = c.statuses().iter().map(|s| s.status.value).collect();
    assert_eq!(named, catalogued);
}

#[test]
fn the_documents_say_what_was_assumed() {
    let c = catalogue();
    // 000 gives no HTTP status for its detail strings: the catalogue says so.
    for message in ["webhook not supported", "SSE streaming not supported"] {
        let entry = code_with_wire(&c, "queue", message).unwrap();
        assert!(
            entry.assumed.iter().any(|a| a.value == "status"),
            "`{}` chose its status",
            entry.id.value
        );
    }
    // 001 documents its statuses: nothing assumed there.
    assert!(code(&c, "rate_limit_exceeded").assumed.is_empty());
}
