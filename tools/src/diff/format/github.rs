//! GitHub workflow commands: each change becomes an annotation on the line
//! it is about, `error` for breaking, `warning`, `notice` for info.

use std::fmt::Write as _;

use super::Names;
use crate::diff::{Level, Report};

/// `report` as one workflow command per change:
/// `::error file=taxonomy.yaml,line=1004,col=13,title=CODE_STATUS_CHANGED codes.gone::…`.
/// The line and column are left out when unknown.
#[must_use]
pub fn github(report: &Report, names: &Names<'_>) -> String {
    let mut out = String::new();
    for c in report.changes() {
        let command = match c.level {
            Level::Breaking => "error",
            Level::Warning => "warning",
            _ => "notice",
        };
        let mut properties = format!("file={}", property(names.file(c)));
        if c.line > 0 {
            let _ = write!(properties, ",line={},col={}", c.line, c.column);
        }
        let _ = write!(
            properties,
            ",title={}",
            property(&format!("{} {}", c.rule, c.entry))
        );
        let mut message = c.message.clone();
        match (&c.old, &c.new) {
            (Some(old), Some(new)) => {
                let _ = write!(message, " (old: {old}; new: {new})");
            }
            (Some(old), None) => {
                let _ = write!(message, " (old: {old})");
            }
            (None, Some(new)) => {
                let _ = write!(message, " (new: {new})");
            }
            (None, None) => {}
        }
        let _ = writeln!(out, "::{command} {properties}::{}", data(&message));
    }
    out
}

/// Escapes the message of a workflow command, as the runner unescapes it.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value, which also cannot hold `:` or `,`.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_are_escaped() {
        assert_eq!(data("50% of\nit"), "50%25 of%0Ait");
        assert_eq!(property("HEAD~1:a,b"), "HEAD~1%3Aa%2Cb");
    }
}
