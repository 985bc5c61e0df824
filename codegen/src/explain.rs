//! `taxonomy explain`: what an entry means and what to do, for whoever asks.
//!
//! A query is resolved against the catalogue in a fixed order (status number,
//! canonical code, error_type, task status, exact wire spelling, message
//! pattern, reason phrase), first exactly and then ignoring case, and the
//! entry found is turned into an [`Explanation`]: plain data that renders as
//! terminal text or serialises as JSON.

use std::fmt::{self, Write as _};

use serde::Serialize;

use crate::model::{Catalogue, Code, ErrorType, Retry, Status, TaskStatus};
use crate::pattern::Pattern;

/// Everything `explain` says about one entry.
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    /// `status`, `code`, `error_type` or `task_status`.
    pub kind: &'static str,
    /// The entry's id: the status number, canonical code, or wire spelling.
    pub id: String,
    /// How the query reached this entry.
    pub matched: String,
    /// The HTTP status it travels with, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<StatusLine>,
    /// The code's category.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Which sources use it and how they spell it.
    pub sources: Vec<Spelling>,
    /// What it means.
    pub meaning: String,
    /// Why it happens.
    pub causes: Vec<String>,
    /// Retry advice, as data and in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry: Option<RetryAdvice>,
    /// What an end user may be shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_message: Option<String>,
    /// What to do.
    pub remedies: Vec<String>,
    /// For a status: what each document says of it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub views: Vec<View>,
    /// Other entries worth reading: codes with this status, the code an
    /// error_type maps to, error_types that map to this code.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<String>,
    /// Fields whose values are our choice, not the documents'.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub assumed: Vec<String>,
    /// Why the entry is retired, when it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<String>,
}

/// A status number and its reason phrase.
#[derive(Debug, Clone, Serialize)]
pub struct StatusLine {
    pub code: u16,
    pub reason: String,
}

/// How one source names an entry.
#[derive(Debug, Clone, Serialize)]
pub struct Spelling {
    pub source: String,
    pub source_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// Retry behaviour as the catalogue states it, and what it means to do.
#[derive(Debug, Clone, Serialize)]
pub struct RetryAdvice {
    /// The vocabulary word: `never`, `backoff`, `after`, `after_header`, …
    pub rule: &'static str,
    /// What a client should do, in a sentence or two.
    pub advice: String,
}

/// One document's view of a status.
#[derive(Debug, Clone, Serialize)]
pub struct View {
    pub source: String,
    pub label: String,
    pub summary: String,
    pub causes: Vec<String>,
    pub remedies: Vec<String>,
}

/// A query that names nothing in the catalogue.
#[derive(Debug, Clone, Serialize)]
pub struct NotFound {
    pub query: String,
    /// The nearest ids and spellings, best first.
    pub suggestions: Vec<String>,
}

impl fmt::Display for NotFound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not in the catalogue", self.query)?;
        if !self.suggestions.is_empty() {
            write!(f, "; nearest: {}", self.suggestions.join(", "))?;
        }
        Ok(())
    }
}

/// Words for a retry rule: what a client should do.
#[must_use]
pub fn retry_advice(retry: &Retry) -> RetryAdvice {
    RetryAdvice {
        rule: retry.word(),
        advice: retry.advice(),
    }
}

impl Catalogue {
    /// Finds `query` and explains it.
    ///
    /// # Errors
    /// [`NotFound`] with the nearest entries when nothing matches.
    pub fn explain(&self, query: &str) -> Result<Explanation, NotFound> {
        let query = query.trim();
        let query = query
            .strip_prefix('"')
            .and_then(|q| q.strip_suffix('"'))
            .unwrap_or(query);
        self.find(query, false)
            .or_else(|| self.find(query, true))
            .ok_or_else(|| NotFound {
                query: query.to_string(),
                suggestions: errors_vocab::nearest(query, self.names(), 5)
                    .into_iter()
                    .map(str::to_string)
                    .collect(),
            })
    }

    /// Every name `explain` answers to, for suggestions and for tests.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        let codes = self.codes.iter().flat_map(|c| {
            std::iter::once(c.id.value.as_str()).chain(
                c.wire
                    .iter()
                    .flat_map(|w| w.code.iter().chain(w.message.iter()))
                    .map(|s| s.value.as_str()),
            )
        });
        self.statuses
            .iter()
            .map(|s| s.reason.value.as_str())
            .chain(codes)
            .chain(self.error_types.iter().map(|e| e.id.value.as_str()))
            .chain(self.task_statuses.iter().map(|t| t.id.value.as_str()))
    }

    fn find(&self, query: &str, fold: bool) -> Option<Explanation> {
        let same = |a: &str, b: &str| {
            if fold {
                a.eq_ignore_ascii_case(b)
            } else {
                a == b
            }
        };
        if let Ok(number) = query.parse::<u16>() {
            return self
                .statuses
                .iter()
                .find(|s| s.status.value == number)
                .map(|s| self.explain_status(s, format!("status {number}")));
        }
        if let Some(code) = self.codes.iter().find(|c| same(&c.id.value, query)) {
            return Some(self.explain_code(code, "canonical code".to_string()));
        }
        if let Some(e) = self.error_types.iter().find(|e| same(&e.id.value, query)) {
            return Some(self.explain_error_type(e));
        }
        if let Some(t) = self.task_statuses.iter().find(|t| same(&t.id.value, query)) {
            return Some(self.explain_task_status(t));
        }
        for code in &self.codes {
            for wire in &code.wire {
                let source = &wire.source.value;
                if let Some(c) = wire.code.as_ref().filter(|c| same(&c.value, query)) {
                    let how = format!("wire code `{}` of source `{source}`", c.value);
                    return Some(self.explain_code(code, how));
                }
                if let Some(m) = &wire.message {
                    let hit = match Pattern::parse(&m.value) {
                        Ok(p) if !fold => p.matches(query),
                        Ok(p) => p.matches(query) || same(&m.value, query),
                        Err(_) => same(&m.value, query),
                    };
                    if hit {
                        let how = format!("message \"{}\" sent by source `{source}`", m.value);
                        return Some(self.explain_code(code, how));
                    }
                }
            }
        }
        self.statuses
            .iter()
            .find(|s| s.reason.value.eq_ignore_ascii_case(query))
            .map(|s| self.explain_status(s, format!("reason phrase of {}", s.status.value)))
    }

    fn source_name(&self, id: &str) -> String {
        self.sources
            .iter()
            .find(|s| s.id.value == id)
            .map_or_else(|| id.to_string(), |s| s.name.clone())
    }

    fn status_line(&self, number: u16) -> StatusLine {
        let reason = self
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

    fn explain_status(&self, status: &Status, matched: String) -> Explanation {
        let number = status.status.value;
        let views: Vec<View> = status
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
        Explanation {
            kind: "status",
            id: number.to_string(),
            matched,
            status: Some(self.status_line(number)),
            category: None,
            sources: status
                .views
                .iter()
                .map(|v| Spelling {
                    source: v.source.value.clone(),
                    source_name: self.source_name(&v.source.value),
                    code: None,
                    message: Some(v.label.clone()),
                })
                .collect(),
            meaning: status.meaning.clone(),
            causes: views
                .iter()
                .flat_map(|v| v.causes.iter().cloned())
                .collect(),
            retry: status.retry.as_ref().map(|r| retry_advice(&r.value)),
            user_message: None,
            remedies: dedup(views.iter().flat_map(|v| v.remedies.iter().cloned())),
            related: self
                .codes
                .iter()
                .filter(|c| c.status.value == number)
                .map(|c| format!("code `{}`", c.id.value))
                .collect(),
            views,
            assumed: status.assumed.iter().map(|a| a.value.clone()).collect(),
            deprecated: None,
        }
    }

    fn explain_code(&self, code: &Code, matched: String) -> Explanation {
        Explanation {
            kind: "code",
            id: code.id.value.clone(),
            matched,
            status: Some(self.status_line(code.status.value)),
            category: Some(code.category.value.clone()),
            sources: code
                .wire
                .iter()
                .map(|w| Spelling {
                    source: w.source.value.clone(),
                    source_name: self.source_name(&w.source.value),
                    code: w.code.as_ref().map(|c| c.value.clone()),
                    message: w.message.as_ref().map(|m| m.value.clone()),
                })
                .collect(),
            meaning: code.meaning.clone(),
            causes: code.causes.clone(),
            retry: Some(retry_advice(&code.retry.value)),
            user_message: Some(code.user_message.value.clone()),
            remedies: code.remedies.clone(),
            views: Vec::new(),
            related: self
                .error_types
                .iter()
                .filter(|e| e.code.value == code.id.value)
                .map(|e| format!("error_type `{}`", e.id.value))
                .collect(),
            assumed: code.assumed.iter().map(|a| a.value.clone()).collect(),
            deprecated: code.deprecated.clone(),
        }
    }

    fn explain_error_type(&self, error_type: &ErrorType) -> Explanation {
        let code = self
            .codes
            .iter()
            .find(|c| c.id.value == error_type.code.value);
        Explanation {
            kind: "error_type",
            id: error_type.id.value.clone(),
            matched: format!(
                "task error_type reported by source `{}`",
                error_type.source.value
            ),
            status: code.map(|c| self.status_line(c.status.value)),
            category: code.map(|c| c.category.value.clone()),
            sources: vec![Spelling {
                source: error_type.source.value.clone(),
                source_name: self.source_name(&error_type.source.value),
                code: Some(error_type.id.value.clone()),
                message: None,
            }],
            meaning: error_type.meaning.clone(),
            causes: Vec::new(),
            retry: Some(retry_advice(&error_type.retry.value)),
            user_message: code.map(|c| c.user_message.value.clone()),
            remedies: error_type.remedies.clone(),
            views: Vec::new(),
            related: vec![format!("code `{}`", error_type.code.value)],
            assumed: error_type.assumed.iter().map(|a| a.value.clone()).collect(),
            deprecated: None,
        }
    }

    fn explain_task_status(&self, task: &TaskStatus) -> Explanation {
        Explanation {
            kind: "task_status",
            id: task.id.value.clone(),
            matched: format!("task status reported by source `{}`", task.source.value),
            status: None,
            category: None,
            sources: vec![Spelling {
                source: task.source.value.clone(),
                source_name: self.source_name(&task.source.value),
                code: Some(task.id.value.clone()),
                message: None,
            }],
            meaning: task.meaning.clone(),
            causes: Vec::new(),
            retry: None,
            user_message: None,
            remedies: vec![task.next_step.clone()],
            views: Vec::new(),
            related: Vec::new(),
            assumed: Vec::new(),
            deprecated: None,
        }
    }
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

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let title = match (&self.kind, &self.status) {
            (&"status", Some(s)) => format!("HTTP {} {}", s.code, s.reason),
            (kind, _) => format!("{} {}", kind.replace('_', " "), self.id),
        };
        writeln!(f, "{title}")?;
        writeln!(f, "{}", "=".repeat(title.chars().count()))?;
        writeln!(f, "matched: {}", self.matched)?;
        if let Some(deprecated) = &self.deprecated {
            writeln!(f, "DEPRECATED: {deprecated}")?;
        }
        if self.kind != "status"
            && let Some(s) = &self.status
        {
            writeln!(f, "status: {} {}", s.code, s.reason)?;
        }
        if let Some(category) = &self.category {
            writeln!(f, "category: {category}")?;
        }
        writeln!(f)?;
        paragraph(f, "Meaning", &self.meaning)?;
        if !self.sources.is_empty() {
            writeln!(f, "Sources")?;
            for s in &self.sources {
                let mut line = format!("  {} ({})", s.source, s.source_name);
                if let Some(code) = &s.code {
                    let _ = write!(line, ": {code}");
                }
                if let Some(message) = &s.message {
                    let sep = if s.code.is_some() { " " } else { ": " };
                    let _ = write!(line, "{sep}\"{message}\"");
                }
                writeln!(f, "{line}")?;
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
                writeln!(f)?;
            }
        }
        if let Some(retry) = &self.retry {
            paragraph(f, &format!("Retry ({})", retry.rule), &retry.advice)?;
        }
        if let Some(message) = &self.user_message {
            paragraph(f, "Tell the user", message)?;
        }
        if self.views.is_empty() {
            list(f, "Remedies", &self.remedies)?;
        }
        list(f, "Related", &self.related)?;
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
