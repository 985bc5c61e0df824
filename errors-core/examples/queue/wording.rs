//! The text the queue sends for a catalogued error: its fixed message as
//! documents 000 and 002 show it, not the catalogue's general user message.
//!
//! `wire::render` writes a code's user-safe message, or in the detail shape
//! the queue's fixed message when it has no variable part. The queue's
//! messages are safe for users too (fixed strings, no internals), so this
//! wrapper hands them to `render` as the message: `App not found: {app}`
//! with its hole filled, and the gateway's messages beside their codes
//! (`Code::wire_message`).

use std::borrow::Cow;

use errors_core::{Code, ErrorTaxonomy, Retry, Source};

/// A catalogued code, worded as the queue words it.
#[derive(Debug, Clone)]
pub struct QueueError {
    code: Code,
    text: Cow<'static, str>,
}

impl QueueError {
    /// `code` with the queue's fixed message (or, for a code the queue
    /// never sends, the catalogue's user message).
    pub fn new(code: Code) -> Self {
        let text = code
            .wire_message(Source::Queue)
            .unwrap_or_else(|| code.user_message());
        Self {
            code,
            text: Cow::Borrowed(text),
        }
    }

    /// `code` with the variable part of its queue message (`{app}` in
    /// `App not found: {app}`) filled with `value`.
    pub fn filled(code: Code, value: &str) -> Self {
        let error = Self::new(code);
        let text = match fill(&error.text, value) {
            Some(filled) => Cow::Owned(filled),
            None => error.text,
        };
        Self { code, text }
    }
}

impl ErrorTaxonomy for QueueError {
    fn code(&self) -> Option<Code> {
        Some(self.code)
    }

    fn status(&self) -> axum::http::StatusCode {
        self.code.status()
    }

    fn retry(&self) -> Retry {
        self.code.retry()
    }

    fn user_message(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.text)
    }

    fn remedies(&self) -> &'static [&'static str] {
        self.code.remedies()
    }
}

/// The longest text put in a message's variable part: it comes from the
/// request, and a message is no place for a novel.
const MAX_FILLING: usize = 200;

/// `pattern` with its `{name}` part replaced by `value`; `None` when the
/// pattern has no variable part.
fn fill(pattern: &str, value: &str) -> Option<String> {
    let start = pattern.find('{')?;
    let end = start + pattern[start..].find('}')?;
    let value: String = value.chars().take(MAX_FILLING).collect();
    Some(format!(
        "{}{value}{}",
        &pattern[..start],
        &pattern[end + 1..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_queue_code_is_worded_as_the_queue_sends_it() {
        for &code in Code::ALL {
            if code.wire_name(Source::Queue).is_some() {
                let error = QueueError::filled(code, "not_exists");
                assert_eq!(
                    Code::from_wire(Source::Queue, &error.user_message()),
                    Some(code),
                    "{code}"
                );
            }
        }
    }

    #[test]
    fn fills_the_variable_part() {
        let error = QueueError::filled(Code::ModelNotFound, "not_exists");
        assert_eq!(error.user_message(), "App not found: not_exists");
        assert_eq!(fill("no hole", "x"), None);
        let long = "x".repeat(1000);
        assert_eq!(fill("a {b} c", &long).unwrap().len(), 4 + MAX_FILLING);
    }
}
