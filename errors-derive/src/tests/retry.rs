//! Unit tests of `retry`.

use crate::retry::*;

#[test]
fn the_vocabulary_parses() {
    assert_eq!(parse("never"), Ok(Rule::Never));
    assert_eq!(parse(" keep_polling "), Ok(Rule::KeepPolling));
    assert_eq!(parse("resubmit_async"), Ok(Rule::ResubmitAsync));
    assert_eq!(
        parse("backoff"),
        Ok(Rule::Backoff {
            attempts: 3,
            create: Create::IdempotentOnly
        })
    );
    assert_eq!(
        parse("backoff( 5 ), create = safe"),
        Ok(Rule::Backoff {
            attempts: 5,
            create: Create::Safe
        })
    );
    assert_eq!(
        parse("after(30..60)"),
        Ok(Rule::After {
            min: 30,
            max: 60,
            create: Create::IdempotentOnly
        })
    );
    assert_eq!(
        parse("after(30)"),
        Ok(Rule::After {
            min: 30,
            max: 30,
            create: Create::IdempotentOnly
        })
    );
    assert_eq!(
        parse("after_header,create=safe"),
        Ok(Rule::AfterHeader {
            create: Create::Safe
        })
    );
}

#[test]
fn mistakes_are_explained() {
    let e = parse("backof").unwrap_err();
    assert!(e.contains("Did you mean `backoff`"), "{e}");
    assert!(parse("after").unwrap_err().contains("seconds"));
    assert!(parse("after(60..30)").is_err());
    assert!(parse("backoff(0)").is_err());
    assert!(parse("backoff(x)").unwrap_err().contains("whole number"));
    assert!(
        parse("never, create = safe")
            .unwrap_err()
            .contains("does not retry")
    );
    assert!(
        parse("backoff, create = maybe")
            .unwrap_err()
            .contains("unknown create")
    );
    assert!(parse("backoff, retries = 2").is_err());
    assert!(parse("after(30").unwrap_err().contains("closing"));
    assert!(parse("never(1)").unwrap_err().contains("no argument"));
}
