//! The catalogue and the derive accept and reject exactly the same retry
//! rules, with the same words: each row is written in the catalogue's YAML
//! form and in the derive's one-line form (`#[taxonomy(retry = "…")]`).
//!
//! The derive reports `errors_vocab::retry::parse`'s error on the literal
//! (tests/ui/derive/retry_never_retries.rs shows one end to end); the
//! catalogue's loader reports the same check at the rule's `line:column`.

use errors_catalogue::model::{CreateRule, Retry};
use errors_tests::fixture;

/// `Ok(rule)`, or the words both must use.
type Expected = Result<Retry, &'static str>;

fn rows() -> Vec<(&'static str, &'static str, Expected)> {
    use CreateRule::{IdempotentOnly, Safe};
    vec![
        ("never", "never", Ok(Retry::Never)),
        ("keep_polling", "keep_polling", Ok(Retry::KeepPolling)),
        ("resubmit_async", "resubmit_async", Ok(Retry::ResubmitAsync)),
        (
            "{backoff: {max_attempts: 3}}",
            "backoff(3)",
            Ok(Retry::Backoff {
                max_attempts: 3,
                create: IdempotentOnly,
            }),
        ),
        (
            "{backoff: {max_attempts: 5, create: safe}}",
            "backoff(5), create = safe",
            Ok(Retry::Backoff {
                max_attempts: 5,
                create: Safe,
            }),
        ),
        (
            "{after: {min_secs: 30, max_secs: 60, create: safe}}",
            "after(30..60), create = safe",
            Ok(Retry::After {
                min_secs: 30,
                max_secs: 60,
                create: Safe,
            }),
        ),
        (
            "{after: {min_secs: 0, max_secs: 5}}",
            "after(0..5)",
            Ok(Retry::After {
                min_secs: 0,
                max_secs: 5,
                create: IdempotentOnly,
            }),
        ),
        (
            "{after_header: {header: Retry-After, fallback_secs: 60}}",
            "after_header(Retry-After, 60)",
            Ok(Retry::AfterHeader {
                header: "Retry-After".into(),
                fallback_secs: 60,
                create: IdempotentOnly,
            }),
        ),
        (
            "{backoff: {max_attempts: 1}}",
            "backoff(1)",
            Err("`backoff` with max_attempts 1 never retries; use `never` or at least 2"),
        ),
        (
            "{backoff: {max_attempts: 0}}",
            "backoff(0)",
            Err("`backoff` with max_attempts 0 never retries; use `never` or at least 2"),
        ),
        (
            "{after: {min_secs: 0, max_secs: 0}}",
            "after(0)",
            Err("`after` needs 0 <= min_secs <= max_secs and max_secs > 0 (got 0..0)"),
        ),
        (
            "{after: {min_secs: 60, max_secs: 30}}",
            "after(60..30)",
            Err("`after` needs 0 <= min_secs <= max_secs and max_secs > 0 (got 60..30)"),
        ),
        (
            "{after_header: {header: Retry-After, fallback_secs: 0}}",
            "after_header(Retry-After, 0)",
            Err("`after_header` needs a fallback_secs above 0 for when the header is missing"),
        ),
        (
            "{after_header: {header: \"Retry After\", fallback_secs: 60}}",
            "after_header(Retry After, 60)",
            Err("`after_header` names `Retry After`, which is not a header name"),
        ),
    ]
}

/// The small fixture with `model_not_found`'s rule replaced by `yaml`.
fn catalogue_with(yaml: &str) -> Result<Retry, String> {
    let text = std::fs::read_to_string(fixture("small.yaml")).unwrap_or_default();
    let at = text.find("  - id: model_not_found").unwrap_or_default();
    let (head, tail) = text.split_at(at);
    let tail = tail.replacen("    retry: never", &format!("    retry: {yaml}"), 1);
    match errors_catalogue::load_str(&(head.to_string() + &tail), "t.yaml") {
        Ok(catalogue) => Ok(catalogue
            .codes()
            .iter()
            .find(|c| c.id.value == "model_not_found")
            .map(|c| c.retry.value.clone())
            .unwrap_or(Retry::Never)),
        Err(problems) => Err(problems
            .list()
            .iter()
            .map(|d| d.message.clone())
            .collect::<Vec<_>>()
            .join("\n")),
    }
}

#[test]
fn the_catalogue_and_the_derive_agree_on_every_rule() {
    for (yaml, line, expected) in rows() {
        let catalogue = catalogue_with(yaml);
        let derive = errors_vocab::retry::parse(line).map_err(|e| e.to_string());
        match &expected {
            Ok(rule) => {
                assert_eq!(catalogue.as_ref(), Ok(rule), "catalogue, {yaml}");
                assert_eq!(derive.as_ref(), Ok(rule), "derive, {line}");
            }
            Err(words) => {
                assert_eq!(
                    catalogue,
                    Err(format!("`model_not_found`: {words}")),
                    "catalogue, {yaml}"
                );
                assert_eq!(derive, Err((*words).to_string()), "derive, {line}");
            }
        }
    }
}
