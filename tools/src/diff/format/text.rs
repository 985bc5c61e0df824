//! For a terminal: a summary line, then the changes grouped by level, the
//! most serious first, each at `file:line:column`.

use std::fmt::Write as _;

use super::{Names, at, counts};
use crate::diff::{Level, Report};

/// `report` as text for a terminal.
#[must_use]
pub fn text(report: &Report, names: &Names<'_>) -> String {
    let mut out = format!(
        "{} (release {}) -> {} (release {}): ",
        names.old,
        report.old_release(),
        names.new,
        report.new_release()
    );
    if report.is_empty() {
        out.push_str("no changes\n");
        return out;
    }
    out.push_str(&counts(report));
    out.push('\n');
    for level in Level::ALL {
        let mut changes = at(report, level).peekable();
        if changes.peek().is_none() {
            continue;
        }
        let _ = write!(out, "\n{level}:\n");
        for c in changes {
            let _ = writeln!(
                out,
                "  {}:{}:{}: {} {}",
                names.file(c),
                c.line,
                c.column,
                c.rule,
                c.entry
            );
            let _ = writeln!(out, "      {}", c.message);
            if let Some(old) = &c.old {
                let _ = writeln!(out, "      old: {}", one_line(old));
            }
            if let Some(new) = &c.new {
                let _ = writeln!(out, "      new: {}", one_line(new));
            }
        }
    }
    out
}

fn one_line(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}
