//! The `retry = "…"` grammar: the catalogue's retry vocabulary in one line.
//!
//! ```text
//! retry   = rule [ "," "create" "=" create ]
//! rule    = "never" | "keep_polling" | "resubmit_async"
//!         | "backoff" [ "(" ATTEMPTS ")" ]      3 attempts in all when omitted
//!         | "after" "(" SECS [ ".." SECS ] ")"  a fixed wait, or a range
//!         | "after_header"                      Retry-After, 60 s without it
//! create  = "idempotent_only" | "safe"          idempotent_only when omitted
//! ```
//!
//! Spaces between tokens are ignored. `create` applies only to the rules
//! that retry (`backoff`, `after`, `after_header`).

/// Whether a create may be retried, as in the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Create {
    IdempotentOnly,
    Safe,
}

/// A parsed `retry = "…"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rule {
    Never,
    KeepPolling,
    ResubmitAsync,
    Backoff { attempts: u32, create: Create },
    After { min: u32, max: u32, create: Create },
    AfterHeader { create: Create },
}

/// Attempts in all for a bare `backoff`, as the catalogue's 5xx entries.
pub(crate) const DEFAULT_ATTEMPTS: u32 = 3;
/// The header `after_header` reads.
pub(crate) const HEADER: &str = "Retry-After";
/// The wait when the header is missing, as the catalogue's rate limits.
pub(crate) const FALLBACK_SECS: u64 = 60;

const WORDS: &[&str] = &[
    "never",
    "keep_polling",
    "resubmit_async",
    "backoff",
    "after",
    "after_header",
];

const FORMS: &str = "`never`, `keep_polling`, `resubmit_async`, `backoff`, `backoff(N)`, \
                     `after(SECS)`, `after(MIN..MAX)` or `after_header`, optionally followed \
                     by `, create = safe` or `, create = idempotent_only`";

/// Parses `text`; the error says what is wrong in words a person can act on.
pub(crate) fn parse(text: &str) -> Result<Rule, String> {
    let (rule_text, create_text) = match text.split_once(',') {
        Some((rule, create)) => (rule.trim(), Some(create.trim())),
        None => (text.trim(), None),
    };
    let create = create_text.map(parse_create).transpose()?;
    let (word, argument) = match rule_text.split_once('(') {
        Some((word, rest)) => {
            let inner = rest
                .trim_end()
                .strip_suffix(')')
                .ok_or_else(|| format!("`{rule_text}` is missing its closing `)`"))?;
            (word.trim(), Some(inner.trim()))
        }
        None => (rule_text, None),
    };
    let rule = match (word, argument) {
        ("never", None) => Rule::Never,
        ("keep_polling", None) => Rule::KeepPolling,
        ("resubmit_async", None) => Rule::ResubmitAsync,
        ("backoff", None) => Rule::Backoff {
            attempts: DEFAULT_ATTEMPTS,
            create: Create::IdempotentOnly,
        },
        ("backoff", Some(n)) => {
            let attempts = number(n, "backoff(N) counts attempts in all")?;
            if attempts == 0 {
                return Err(
                    "`backoff(0)` allows no attempt at all; count the first attempt too, \
                            e.g. `backoff(3)`, or use `never`"
                        .into(),
                );
            }
            Rule::Backoff {
                attempts,
                create: Create::IdempotentOnly,
            }
        }
        ("after", Some(range)) => {
            let (min, max) = if let Some((min, max)) = range.split_once("..") {
                (
                    number(min.trim(), "after(MIN..MAX) takes seconds")?,
                    number(max.trim(), "after(MIN..MAX) takes seconds")?,
                )
            } else {
                let secs = number(range, "after(SECS) takes seconds")?;
                (secs, secs)
            };
            if min > max {
                return Err(format!(
                    "`after({min}..{max})` waits at least longer than at most; write `after({max}..{min})`"
                ));
            }
            Rule::After {
                min,
                max,
                create: Create::IdempotentOnly,
            }
        }
        ("after", None) => {
            return Err("`after` needs the wait in seconds: `after(30)` or `after(30..60)`".into());
        }
        ("after_header", None) => Rule::AfterHeader {
            create: Create::IdempotentOnly,
        },
        ("never" | "keep_polling" | "resubmit_async" | "after_header", Some(_)) => {
            return Err(format!(
                "`{word}` takes no argument; expected one of {FORMS}"
            ));
        }
        _ => return Err(unknown(word)),
    };
    match (rule, create) {
        (rule, None) => Ok(rule),
        (Rule::Backoff { attempts, .. }, Some(create)) => Ok(Rule::Backoff { attempts, create }),
        (Rule::After { min, max, .. }, Some(create)) => Ok(Rule::After { min, max, create }),
        (Rule::AfterHeader { .. }, Some(create)) => Ok(Rule::AfterHeader { create }),
        (Rule::Never | Rule::KeepPolling | Rule::ResubmitAsync, Some(_)) => Err(format!(
            "`{word}` does not retry, so `create` does not apply; it goes with `backoff`, `after` or `after_header`"
        )),
    }
}

fn parse_create(text: &str) -> Result<Create, String> {
    let value = text
        .strip_prefix("create")
        .map(str::trim_start)
        .and_then(|rest| rest.strip_prefix('='))
        .map(str::trim)
        .ok_or_else(|| {
            format!("after the rule, expected `create = safe` or `create = idempotent_only`, found `{text}`")
        })?;
    match value {
        "safe" => Ok(Create::Safe),
        "idempotent_only" => Ok(Create::IdempotentOnly),
        other => Err(format!(
            "unknown create rule `{other}`: expected `safe` (the request was refused before any work \
             began) or `idempotent_only` (retry a create only with an idempotency key)"
        )),
    }
}

fn number(text: &str, what: &str) -> Result<u32, String> {
    text.parse()
        .map_err(|_| format!("`{text}` is not a whole number: {what}"))
}

fn unknown(word: &str) -> String {
    let hint = errors_vocab::nearest(word, WORDS.iter().copied(), 1)
        .first()
        .map_or_else(String::new, |best| format!(" Did you mean `{best}`?"));
    format!("unknown retry rule `{word}`.{hint} Expected one of {FORMS}")
}
