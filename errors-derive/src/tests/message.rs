//! Unit tests of `message`.

use crate::message::*;

fn text(s: &str) -> Piece {
    Piece::Text(s.to_string())
}

fn hole(s: &str) -> Piece {
    Piece::Hole(s.to_string())
}

#[test]
fn holes_and_text_alternate() {
    assert_eq!(
        parse("Quota for {org} is {0}."),
        Ok(vec![
            text("Quota for "),
            hole("org"),
            text(" is "),
            hole("0"),
            text("."),
        ])
    );
    assert_eq!(parse("{a}{b}"), Ok(vec![hole("a"), hole("b")]));
    assert_eq!(parse(""), Ok(vec![]));
}

#[test]
fn doubled_braces_are_text() {
    assert_eq!(
        parse("use {{id}} – {id}"),
        Ok(vec![text("use {id} – "), hole("id"),])
    );
    assert_eq!(parse("}}{{"), Ok(vec![text("}{")]));
}

#[test]
fn malformed_holes_are_refused() {
    assert_eq!(parse("a {b"), Err(TemplateError::Unclosed));
    assert_eq!(parse("a } b"), Err(TemplateError::Unopened));
    assert_eq!(parse("a {} b"), Err(TemplateError::Positional));
    assert_eq!(parse("{a:?}"), Err(TemplateError::FormatSpec("a:?".into())));
    assert_eq!(parse("{a b}"), Err(TemplateError::NotAField("a b".into())));
    assert_eq!(parse("{ a}"), Err(TemplateError::NotAField(" a".into())));
    assert_eq!(parse("{é}"), Err(TemplateError::NotAField("é".into())));
    assert_eq!(parse("{1a}"), Err(TemplateError::NotAField("1a".into())));
}
