//! For programs: one JSON object, keys in a fixed order.

use serde::Serialize;

use super::Names;
use crate::diff::{Level, Report, Rule};

#[derive(Serialize)]
struct Document<'a> {
    old: Side<'a>,
    new: Side<'a>,
    changes: Vec<Entry<'a>>,
}

#[derive(Serialize)]
struct Side<'a> {
    file: &'a str,
    release: u32,
}

#[derive(Serialize)]
#[allow(clippy::struct_field_names)] // the keys the format documents
struct Entry<'a> {
    level: Level,
    rule: Rule,
    entry: &'a str,
    message: &'a str,
    old: Option<&'a str>,
    new: Option<&'a str>,
    file: &'a str,
    line: u64,
    column: u64,
}

/// `report` as pretty-printed JSON:
/// `{"old": {"file", "release"}, "new": {…}, "changes": [{"level", "rule",
/// "entry", "message", "old", "new", "file", "line", "column"}]}`. `old` and
/// `new` of a change are `null` when there is no such value; `file` is the
/// catalogue `line` and `column` point into.
#[must_use]
pub fn json(report: &Report, names: &Names<'_>) -> String {
    let document = Document {
        old: Side {
            file: names.old,
            release: report.old_release(),
        },
        new: Side {
            file: names.new,
            release: report.new_release(),
        },
        changes: report
            .changes()
            .iter()
            .map(|c| Entry {
                level: c.level,
                rule: c.rule,
                entry: &c.entry,
                message: &c.message,
                old: c.old.as_deref(),
                new: c.new.as_deref(),
                file: names.file(c),
                line: c.line,
                column: c.column,
            })
            .collect(),
    };
    // Plain data with string keys: serialising it cannot fail.
    let mut out = serde_json::to_string_pretty(&document).unwrap_or_default();
    out.push('\n');
    out
}
