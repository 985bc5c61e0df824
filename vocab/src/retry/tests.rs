//! Unit tests of the vocabulary: its words without features, the one-line
//! grammar and the advice with `tools` (`cargo test -p errors-vocab
//! --all-features` runs them all).

use super::*;

#[cfg(feature = "tools")]
#[test]
fn the_vocabulary_parses() {
    assert_eq!(parse("never"), Ok(RetryRule::Never));
    assert_eq!(parse(" keep_polling "), Ok(RetryRule::KeepPolling));
    assert_eq!(parse("resubmit_async"), Ok(RetryRule::ResubmitAsync));
    assert_eq!(
        parse("backoff( 5 ), create = safe"),
        Ok(RetryRule::Backoff {
            max_attempts: 5,
            create: CreateRule::Safe
        })
    );
    assert_eq!(
        parse("after(30..60)"),
        Ok(RetryRule::After {
            min_secs: 30,
            max_secs: 60,
            create: CreateRule::IdempotentOnly
        })
    );
    assert_eq!(
        parse("after(30)"),
        Ok(RetryRule::After {
            min_secs: 30,
            max_secs: 30,
            create: CreateRule::IdempotentOnly
        })
    );
    assert_eq!(
        parse("after_header( Retry-After , 60 ),create=safe"),
        Ok(RetryRule::AfterHeader {
            header: "Retry-After".into(),
            fallback_secs: 60,
            create: CreateRule::Safe
        })
    );
}

#[cfg(feature = "tools")]
#[test]
fn mistakes_are_explained() {
    let message =
        |text: &str| parse(text).map_or_else(|e| e.to_string(), |r| format!("accepted {r:?}"));
    assert!(message("backof(3)").contains("Did you mean `backoff`"));
    assert!(message("backoff").contains("needs its attempts"));
    assert!(message("after").contains("seconds"));
    assert!(message("after_header").contains("after_header(Retry-After, 60)"));
    assert!(message("after_header(60)").contains("after_header(Retry-After, 60)"));
    assert!(message("after(60..30)").contains("min_secs <= max_secs"));
    assert!(message("backoff(0)").contains("never retries"));
    assert!(message("backoff(x)").contains("whole number"));
    assert!(message("never, create = safe").contains("does not retry"));
    assert!(message("backoff(3), create = maybe").contains("unknown create"));
    assert!(message("backoff(3), retries = 2").contains("expected `create = safe`"));
    assert!(message("after(30").contains("closing"));
    assert!(message("never(1)").contains("no argument"));
}

#[test]
fn the_summary_names_the_figures() {
    let rule = RetryRule::AfterHeader {
        header: "Retry-After",
        fallback_secs: 60,
        create: CreateRule::Safe,
    };
    assert_eq!(
        rule.to_string(),
        "retry after the Retry-After header (60 s without it)"
    );
    let rule: RetryRule = RetryRule::After {
        min_secs: 30,
        max_secs: 60,
        create: CreateRule::IdempotentOnly,
    };
    assert_eq!(rule.to_string(), "retry after 30-60 s");
    let rule: RetryRule = RetryRule::After {
        min_secs: 30,
        max_secs: 30,
        create: CreateRule::IdempotentOnly,
    };
    assert_eq!(rule.to_string(), "retry after 30 s");
    assert_eq!(
        RetryRule::<&str>::Backoff {
            max_attempts: 3,
            create: CreateRule::Safe
        }
        .to_string(),
        "retry with backoff, 3 attempts at most"
    );
}

#[test]
fn the_rules_facts_are_const() {
    const RULE: RetryRule<&str> = RetryRule::Backoff {
        max_attempts: 3,
        create: CreateRule::IdempotentOnly,
    };
    const FACTS: (&str, bool, Option<u32>, bool, bool) = (
        RULE.word(),
        RULE.is_retryable(),
        RULE.max_attempts(),
        RULE.allows_create(false),
        RULE.allows_create(true),
    );
    assert_eq!(FACTS, ("backoff", true, Some(3), false, true));
    assert_eq!(RetryRule::<&str>::Never.max_attempts(), Some(1));
    assert!(!RetryRule::<&str>::KeepPolling.allows_create(true));
}

#[test]
fn a_read_rule_compares_with_a_static_one() {
    let read: RetryRule = RetryRule::AfterHeader {
        header: "Retry-After".to_string(),
        fallback_secs: 60,
        create: CreateRule::Safe,
    };
    let fixed: RetryRule<&'static str> = RetryRule::AfterHeader {
        header: "Retry-After",
        fallback_secs: 60,
        create: CreateRule::Safe,
    };
    assert_eq!(read.as_deref(), fixed);
}

#[cfg(feature = "tools")]
#[test]
fn the_advice_names_the_figures() {
    let rule = RetryRule::AfterHeader {
        header: "Retry-After",
        fallback_secs: 60,
        create: CreateRule::Safe,
    };
    assert!(rule.advice().contains("`Retry-After`"));
    assert!(
        rule.advice()
            .contains("even a create-task request may be retried")
    );
    let rule: RetryRule = RetryRule::After {
        min_secs: 30,
        max_secs: 60,
        create: CreateRule::IdempotentOnly,
    };
    assert!(rule.advice().contains("30-60 s"));
    assert!(rule.advice().contains("idempotency key"));
}
