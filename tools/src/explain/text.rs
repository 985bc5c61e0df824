//! An explanation as terminal text, folded at 78 columns.

use std::fmt::{self, Write as _};

use super::find::or_list;
use super::{Choices, Explanation, NotFound, Related, Unanswered};
use errors_catalogue::EntryKind;

/// Longest query echoed back in a message: a pasted megabyte is not repeated.
const ECHO_CHARS: usize = 80;

/// Choices listed in text, best first; `--json` has them all.
const SHOWN_CHOICES: usize = 10;

/// The query as echoed in a message, cut to [`ECHO_CHARS`].
fn echo(query: &str) -> String {
    match query.char_indices().nth(ECHO_CHARS) {
        Some((at, _)) => format!("{}… ({} bytes)", &query[..at], query.len()),
        None => query.to_string(),
    }
}

impl fmt::Display for Related {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} `{}`", self.kind, self.id)
    }
}

impl fmt::Display for NotFound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not in the catalogue", echo(&self.query))?;
        if !self.suggestions.is_empty() {
            write!(f, "; nearest: {}", self.suggestions.join(", "))?;
        }
        Ok(())
    }
}

impl fmt::Display for Choices {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "`{}` matches {} entries; ask for one by its id (the first word of a line):",
            echo(&self.query),
            self.choices.len()
        )?;
        for choice in self.choices.iter().take(SHOWN_CHOICES) {
            writeln!(f, "  {}  ({}: {})", choice.id, choice.kind, choice.matched)?;
        }
        if let Some(more) = self.choices.len().checked_sub(SHOWN_CHOICES)
            && more > 0
        {
            writeln!(
                f,
                "  … and {more} more, less likely (`--json` lists them all)"
            )?;
        }
        if let Some(first) = self.choices.first() {
            writeln!(f, "\nfor example: taxonomy explain {}", first.id)?;
        }
        Ok(())
    }
}

impl fmt::Display for Unanswered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unanswered::Empty => f.write_str("the query is empty"),
            Unanswered::Several(choices) => write!(f, "{choices}"),
            Unanswered::NotFound(not_found) => write!(f, "{not_found}"),
        }
    }
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let title = match (self.kind, &self.status) {
            (EntryKind::Status, Some(s)) => format!("HTTP {} {}", s.code, s.reason),
            (EntryKind::StatusClass, Some(s)) => {
                format!("HTTP {} (not catalogued): {} {}", s.code, self.id, s.reason)
            }
            (kind, _) => format!("{kind} {}", self.id),
        };
        writeln!(f, "{title}")?;
        writeln!(f, "{}", "=".repeat(title.chars().count()))?;
        if !self.matched.is_empty() {
            writeln!(f, "matched: {}", self.matched)?;
        }
        if let Some(deprecated) = &self.deprecated {
            writeln!(f, "DEPRECATED: {deprecated}")?;
        }
        if !matches!(self.kind, EntryKind::Status | EntryKind::StatusClass)
            && let Some(s) = &self.status
        {
            writeln!(f, "status: {} {}", s.code, s.reason)?;
        }
        if let Some(category) = &self.category {
            writeln!(f, "category: {category}")?;
        }
        for fact in &self.facts {
            writeln!(f, "{}: {}", fact.label, fact.value)?;
        }
        writeln!(f)?;
        paragraph(f, "Meaning", &self.meaning)?;
        let spellings: Vec<String> = self
            .sources
            .iter()
            .map(|s| {
                let mut line = format!("  {} ({})", s.source, s.source_name);
                if let Some(code) = &s.code {
                    let _ = write!(line, ": {code}");
                }
                if let Some(message) = &s.message {
                    let sep = if s.code.is_some() { " " } else { ": " };
                    let _ = write!(line, "{sep}\"{message}\"");
                }
                line
            })
            .collect();
        if !spellings.is_empty() {
            writeln!(f, "Sources")?;
            for line in spellings {
                writeln!(f, "{line}")?;
            }
            writeln!(f)?;
        }
        if !self.request_fields.is_empty() {
            writeln!(f, "Request fields it rejects")?;
            for field in &self.request_fields {
                let places: Vec<&str> = field.places.iter().map(String::as_str).collect();
                let mut line = format!("{} (in {})", field.name, or_list(&places));
                if !field.assumed.is_empty() {
                    // `assumed` names fields of the catalogue (`in`); say
                    // what they are in words.
                    let chosen: Vec<&str> = field
                        .assumed
                        .iter()
                        .map(|name| match name.as_str() {
                            "in" => "where it is sent",
                            other => other,
                        })
                        .collect();
                    let _ = write!(line, "; the catalogue's choice: {}", chosen.join(", "));
                }
                wrapped(f, "  - ", &line)?;
            }
            writeln!(f)?;
        }
        if self.views.is_empty() {
            list(f, "Causes", &self.causes)?;
        } else {
            for v in &self.views {
                writeln!(f, "What {} says (\"{}\")", v.source, v.label)?;
                wrapped(f, "  ", &v.summary)?;
                for cause in &v.causes {
                    wrapped(f, "  cause: ", cause)?;
                }
                for remedy in &v.remedies {
                    wrapped(f, "  remedy: ", remedy)?;
                }
                if let Some(retry) = &v.retry {
                    wrapped(
                        f,
                        "  retry: ",
                        &format!("({}) {} (for {} only)", retry.rule, retry.advice, v.source),
                    )?;
                }
                writeln!(f)?;
            }
        }
        if let Some(retry) = &self.retry {
            let heading = if self.views.iter().any(|v| v.retry.is_some()) {
                format!("Retry ({}), for any other source", retry.rule)
            } else {
                format!("Retry ({})", retry.rule)
            };
            paragraph(f, &heading, &retry.advice)?;
        }
        if let Some(message) = &self.user_message {
            paragraph(f, "Tell the user", message)?;
        }
        if self.views.is_empty() {
            list(f, "Remedies", &self.remedies)?;
        }
        let related: Vec<String> = self.related.iter().map(ToString::to_string).collect();
        list(f, "Related", &related)?;
        if !self.assumed.is_empty() {
            paragraph(
                f,
                "Our choice",
                &format!(
                    "the documents do not give {}; the catalogue chose these values.",
                    self.assumed.join(", ")
                ),
            )?;
        }
        Ok(())
    }
}

fn paragraph(f: &mut fmt::Formatter<'_>, heading: &str, text: &str) -> fmt::Result {
    writeln!(f, "{heading}")?;
    wrapped(f, "  ", text)?;
    writeln!(f)
}

fn list(f: &mut fmt::Formatter<'_>, heading: &str, items: &[String]) -> fmt::Result {
    if items.is_empty() {
        return Ok(());
    }
    writeln!(f, "{heading}")?;
    for item in items {
        wrapped(f, "  - ", item)?;
    }
    writeln!(f)
}

/// Writes `text` after `lead`, folded at 78 columns, continuation lines
/// indented to match the lead.
fn wrapped(f: &mut fmt::Formatter<'_>, lead: &str, text: &str) -> fmt::Result {
    const WIDTH: usize = 78;
    let indent = " ".repeat(lead.chars().count());
    let mut line = lead.to_string();
    let mut empty = true;
    for word in text.split_whitespace() {
        if !empty && line.chars().count() + 1 + word.chars().count() > WIDTH {
            writeln!(f, "{line}")?;
            line.clone_from(&indent);
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    writeln!(f, "{line}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_query_is_echoed_cut() {
        let long = "x".repeat(100_000);
        let text = echo(&long);
        assert!(text.len() < 120, "{text}");
        assert!(text.ends_with("(100000 bytes)"));
        assert_eq!(echo("429"), "429");
    }
}
