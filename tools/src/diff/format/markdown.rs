//! A changelog section for a release: breaking changes first, then
//! warnings, then the rest.

use std::fmt::Write as _;

use super::{Names, at, counts};
use crate::diff::{Level, Report};

/// `report` as a Markdown section headed by the new release.
#[must_use]
pub fn markdown(report: &Report, names: &Names<'_>) -> String {
    let mut out = format!(
        "## Catalogue release {}\n\nChanges from `{}` (release {}) to `{}`: {}.\n",
        report.new_release(),
        names.old,
        report.old_release(),
        names.new,
        if report.is_empty() {
            "none".to_string()
        } else {
            counts(report)
        }
    );
    for (level, heading) in [
        (Level::Breaking, "Breaking changes"),
        (Level::Warning, "Warnings"),
        (Level::Info, "Other changes"),
    ] {
        let mut changes = at(report, level).peekable();
        if changes.peek().is_none() {
            continue;
        }
        let _ = write!(out, "\n### {heading}\n\n");
        for c in changes {
            let values = match (&c.old, &c.new) {
                (Some(old), Some(new)) => format!(" {} → {}.", code(old), code(new)),
                (Some(old), None) => format!(" Was {}.", code(old)),
                (None, Some(new)) => format!(" Now {}.", code(new)),
                (None, None) => String::new(),
            };
            let _ = writeln!(
                out,
                "- {}: {}.{values} ({}, {}:{}:{})",
                code(&c.entry),
                c.message,
                code(c.rule.id()),
                names.file(c),
                c.line,
                c.column
            );
        }
    }
    out
}

/// `value` as inline code on one line, fenced so a backtick inside stays.
fn code(value: &str) -> String {
    let flat = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.contains('`') {
        format!("`` {flat} ``")
    } else {
        format!("`{flat}`")
    }
}
