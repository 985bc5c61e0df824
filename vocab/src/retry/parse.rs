//! The one-line form of a rule, as `#[taxonomy(retry = "…")]` takes it:
//!
//! ```text
//! retry   = rule [ "," "create" "=" create ]
//! rule    = "never" | "keep_polling" | "resubmit_async"
//!         | "backoff" "(" ATTEMPTS ")"            attempts in all, at least 2
//!         | "after" "(" SECS [ ".." SECS ] ")"    a fixed wait, or a range
//!         | "after_header" "(" HEADER "," SECS ")" the header, and the wait without it
//! create  = "idempotent_only" | "safe"            idempotent_only when omitted
//! ```
//!
//! Spaces between tokens are ignored. Every figure is written out, as in
//! the catalogue: the one-line form has no defaults of its own.

use std::fmt;

use super::{CreateRule, RetryProblem, RetryRule};

/// Why a one-line rule could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseError {
    /// The text is not in the grammar; the message says what is expected.
    Syntax(String),
    /// The text reads, but the rule is meaningless (the catalogue's check).
    Problem(RetryProblem),
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Syntax(message) => f.write_str(message),
            Self::Problem(problem) => problem.fmt(f),
        }
    }
}

impl std::error::Error for ParseError {}

const FORMS: &str = "`never`, `keep_polling`, `resubmit_async`, `backoff(N)`, \
                     `after(SECS)`, `after(MIN..MAX)` or `after_header(HEADER, SECS)`, optionally \
                     followed by `, create = safe` or `, create = idempotent_only`";

/// Reads a rule in the one-line form, and checks it as the catalogue's
/// loader does ([`RetryRule::check`]).
///
/// # Errors
/// What is wrong, in words a person can act on.
pub fn parse(text: &str) -> Result<RetryRule, ParseError> {
    let syntax = |m: String| ParseError::Syntax(m);
    let (rule_text, create_text) = split_create(text);
    let create = create_text.map(parse_create).transpose()?;
    let (word, argument) = match rule_text.split_once('(') {
        Some((word, rest)) => {
            let inner = rest
                .trim_end()
                .strip_suffix(')')
                .ok_or_else(|| syntax(format!("`{rule_text}` is missing its closing `)`")))?;
            (word.trim(), Some(inner.trim()))
        }
        None => (rule_text, None),
    };
    let create_or_default = create.unwrap_or_default();
    let rule = match (word, argument) {
        ("never", None) => RetryRule::Never,
        ("keep_polling", None) => RetryRule::KeepPolling,
        ("resubmit_async", None) => RetryRule::ResubmitAsync,
        ("backoff", Some(n)) => RetryRule::Backoff {
            max_attempts: number(n, "backoff(N) counts attempts in all")?,
            create: create_or_default,
        },
        ("backoff", None) => {
            return Err(syntax(
                "`backoff` needs its attempts in all, the first included: `backoff(3)`".into(),
            ));
        }
        ("after", Some(range)) => {
            let (min_secs, max_secs) = if let Some((min, max)) = range.split_once("..") {
                (
                    number(min.trim(), "after(MIN..MAX) takes seconds")?,
                    number(max.trim(), "after(MIN..MAX) takes seconds")?,
                )
            } else {
                let secs = number(range, "after(SECS) takes seconds")?;
                (secs, secs)
            };
            RetryRule::After {
                min_secs,
                max_secs,
                create: create_or_default,
            }
        }
        ("after", None) => {
            return Err(syntax(
                "`after` needs the wait in seconds: `after(30)` or `after(30..60)`".into(),
            ));
        }
        ("after_header", Some(arguments)) => {
            let (header, fallback) = arguments.split_once(',').ok_or_else(|| {
                syntax(format!(
                    "`after_header({arguments})` needs the header and the wait without it: `after_header(Retry-After, 60)`"
                ))
            })?;
            RetryRule::AfterHeader {
                header: header.trim().to_string(),
                fallback_secs: number(
                    fallback.trim(),
                    "after_header(HEADER, SECS) takes the wait in seconds when the header is missing",
                )?,
                create: create_or_default,
            }
        }
        ("after_header", None) => {
            return Err(syntax(
                "`after_header` needs the header and the wait without it: `after_header(Retry-After, 60)`"
                    .into(),
            ));
        }
        ("never" | "keep_polling" | "resubmit_async", Some(_)) => {
            return Err(syntax(format!(
                "`{word}` takes no argument; expected one of {FORMS}"
            )));
        }
        _ => return Err(syntax(unknown(word))),
    };
    if create.is_some() && !rule.is_retryable() {
        return Err(syntax(format!(
            "`{word}` does not retry, so `create` does not apply; it goes with `backoff`, `after` or `after_header`"
        )));
    }
    rule.check().map_err(ParseError::Problem)?;
    Ok(rule)
}

/// The rule and the `create = …` part: the first comma outside brackets.
fn split_create(text: &str) -> (&str, Option<&str>) {
    let mut depth = 0_i32;
    for (at, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => return (text[..at].trim(), Some(text[at + 1..].trim())),
            _ => {}
        }
    }
    (text.trim(), None)
}

fn parse_create(text: &str) -> Result<CreateRule, ParseError> {
    let value = text
        .strip_prefix("create")
        .map(str::trim_start)
        .and_then(|rest| rest.strip_prefix('='))
        .map(str::trim)
        .ok_or_else(|| {
            ParseError::Syntax(format!(
                "after the rule, expected `create = safe` or `create = idempotent_only`, found `{text}`"
            ))
        })?;
    match value {
        "safe" => Ok(CreateRule::Safe),
        "idempotent_only" => Ok(CreateRule::IdempotentOnly),
        other => Err(ParseError::Syntax(format!(
            "unknown create rule `{other}`: expected `safe` (the request was refused before any work \
             began) or `idempotent_only` (retry a create only with an idempotency key)"
        ))),
    }
}

fn number(text: &str, what: &str) -> Result<u32, ParseError> {
    text.parse()
        .map_err(|_| ParseError::Syntax(format!("`{text}` is not a whole number: {what}")))
}

/// Every vocabulary word, for "did you mean" hints: spelled by
/// [`RetryRule::word`], the one list of them.
const WORDS: [&str; 6] = {
    type Rule = RetryRule<&'static str>;
    let create = CreateRule::IdempotentOnly;
    [
        Rule::Never.word(),
        Rule::KeepPolling.word(),
        Rule::ResubmitAsync.word(),
        Rule::Backoff {
            max_attempts: 0,
            create,
        }
        .word(),
        Rule::After {
            min_secs: 0,
            max_secs: 0,
            create,
        }
        .word(),
        Rule::AfterHeader {
            header: "",
            fallback_secs: 0,
            create,
        }
        .word(),
    ]
};

fn unknown(word: &str) -> String {
    let hint = crate::nearest(word, WORDS, 1)
        .first()
        .map_or_else(String::new, |best| format!(" Did you mean `{best}`?"));
    format!("unknown retry rule `{word}`.{hint} Expected one of {FORMS}")
}
