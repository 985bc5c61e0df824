//! The reader against `serde_json`: the same verdict on every document,
//! the same strings out of it.

use proptest::prelude::*;
use serde::de::IgnoredAny;

use super::{Kind, Malformed, Number, Reader};

/// The reader's verdict on a whole document, skipping everything.
fn accepts(text: &str) -> bool {
    let mut reader = Reader::new(text);
    reader.skip_value().and_then(|()| reader.end()).is_ok()
}

fn serde_accepts(text: &str) -> bool {
    serde_json::from_str::<IgnoredAny>(text).is_ok()
}

#[test]
fn accepts_what_json_allows_and_rejects_the_rest() {
    let valid = [
        "{}",
        "[]",
        " { \"a\" : [1, -2.5e+3, 0, -0, 0.0e0, true, false, null, \"x\"] } ",
        "[[[[[]]]]]",
        r#"{"a": {"b": {"c": [{}]}}}"#,
        r#""\" \\ \/ \b \f \n \r \t \u00e9 \ud83d\ude00""#,
        r#"{"\u0065rror": 1}"#,
        "123456789012345678901234567890",
        "\"caf\u{e9} \u{1F600}\"",
    ];
    for text in valid {
        assert!(accepts(text), "{text}");
        assert!(serde_accepts(text), "serde_json disagrees on {text}");
    }
    let invalid = [
        "",
        "{",
        "[",
        "}",
        "{\"a\"}",
        "{\"a\":}",
        "{\"a\":1,}",
        "[1,]",
        "[1 2]",
        "{1: 2}",
        "{'a': 1}",
        "[01]",
        "[1.]",
        "[.5]",
        "[1e]",
        "[-]",
        "[+1]",
        "[tru]",
        "[nul]",
        "[True]",
        "\"a",
        "\"\\x\"",
        "\"\\u12\"",
        "\"\\u12G4\"",
        "\"tab\there\"",
        "\"line\nbreak\"",
        "[1] [2]",
        "{\"a\": 1}}",
        "[}",
        "{]",
        "NaN",
    ];
    for text in invalid {
        assert!(!accepts(text), "{text:?}");
        assert!(!serde_accepts(text), "serde_json disagrees on {text:?}");
    }
}

#[test]
fn strings_are_borrowed_unless_escaped_and_decoded_exactly() {
    let mut reader = Reader::new(r#""plain""#);
    assert!(matches!(
        reader.string(),
        Ok(std::borrow::Cow::Borrowed("plain"))
    ));
    let mut reader = Reader::new(r#""a\"b\u00e9\ud83d\ude00c""#);
    assert_eq!(reader.string().as_deref(), Ok("a\"bé😀c"));
    // A lone surrogate has no `char`: a kept string cannot hold it.
    for lone in [r#""\ud83d""#, r#""\ude00""#, r#""\ud83d\u0041""#] {
        assert_eq!(Reader::new(lone).string(), Err(Malformed), "{lone}");
        // Skipped, it is only four hex digits, as for serde_json.
        assert!(accepts(lone) && serde_accepts(lone), "{lone}");
    }
}

#[test]
fn numbers_are_counts_only_when_whole_and_not_negative() {
    let number = |text: &str| Reader::new(text).number();
    assert_eq!(number("0"), Ok(Number::Count(0)));
    assert_eq!(number("42"), Ok(Number::Count(42)));
    assert_eq!(number("18446744073709551615"), Ok(Number::Count(u64::MAX)));
    assert_eq!(number("18446744073709551616"), Ok(Number::Other));
    for other in ["-1", "-0", "1.0", "1e2", "2E-3"] {
        assert_eq!(number(other), Ok(Number::Other), "{other}");
    }
}

#[test]
fn nesting_deeper_than_any_stack_is_skipped_without_recursion() {
    for depth in [127, 128, 129, 200, 100_000] {
        let text = format!("{}1{}", "[{\"a\":".repeat(depth), "}]".repeat(depth));
        assert!(accepts(&text), "depth {depth}");
        let unbalanced = format!("{}{}", "[".repeat(depth), "]".repeat(depth - 1));
        assert!(!accepts(&unbalanced), "depth {depth}");
    }
}

#[test]
fn peek_tells_each_kind_from_its_first_byte() {
    let kind = |text: &str| Reader::new(text).peek();
    assert_eq!(kind(" {"), Ok(Kind::Object));
    assert_eq!(kind("["), Ok(Kind::Array));
    assert_eq!(kind("\""), Ok(Kind::String));
    assert_eq!(kind("-1"), Ok(Kind::Number));
    assert_eq!(kind("null"), Ok(Kind::Literal));
    assert_eq!(kind("x"), Err(Malformed));
    assert_eq!(kind(""), Err(Malformed));
}

/// JSON-ish text: valid documents, and documents with one byte changed,
/// dropped or doubled, so that most inputs are near misses.
fn document() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(serde_json::Value::from),
        "\\PC{0,12}".prop_map(serde_json::Value::from),
        prop_oneof![
            Just("error"),
            Just("message"),
            Just("detail"),
            Just("status"),
            Just("code")
        ]
        .prop_map(serde_json::Value::from),
    ];
    let value = leaf.prop_recursive(5, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::from),
            prop::collection::btree_map(
                prop_oneof![
                    Just("error".to_owned()),
                    Just("detail".to_owned()),
                    Just("msg".to_owned()),
                    "\\PC{0,6}"
                ],
                inner,
                0..6
            )
            .prop_map(|map| serde_json::Value::Object(map.into_iter().collect())),
        ]
    });
    (value, any::<prop::sample::Index>(), 0u8..4, any::<u8>()).prop_map(
        |(value, at, edit, byte)| {
            let text = if edit % 2 == 0 {
                serde_json::to_string_pretty(&value)
            } else {
                serde_json::to_string(&value)
            }
            .unwrap_or_default();
            let mut bytes = text.into_bytes();
            if bytes.is_empty() {
                return String::new();
            }
            let i = at.index(bytes.len());
            match edit {
                // One in four documents stays valid.
                0 => {}
                1 => bytes[i] = b"{}[]\",:\\0-e.tn \x01"[usize::from(byte) % 16],
                2 => {
                    bytes.remove(i);
                }
                _ => bytes.insert(i, bytes[i]),
            }
            String::from_utf8(bytes).unwrap_or_default()
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// On any UTF-8 text, the reader accepts exactly what serde_json
    /// accepts: a classifier that reads a body serde_json rejects (or the
    /// reverse) would answer differently from every other JSON client.
    #[test]
    fn the_verdict_is_serde_jsons(text in document()) {
        prop_assert_eq!(accepts(&text), serde_accepts(&text), "{:?}", text);
    }

    /// Any string serde_json reads, the reader reads to the same text.
    #[test]
    fn strings_read_as_serde_json_reads_them(value in "\\PC{0,40}") {
        let text = serde_json::to_string(&value).unwrap_or_default();
        let ours = Reader::new(&text).string();
        prop_assert_eq!(ours.as_deref(), Ok(value.as_str()));
    }
}

/// The word-at-a-time search finds the first quote, backslash or control
/// character wherever it falls in a word, beside multi-byte characters.
#[test]
fn every_position_in_a_word_is_searched() {
    for len in 0..24 {
        let before = "é".repeat(len / 2) + &"a".repeat(len % 2);
        let plain = format!("\"{before}\"");
        assert_eq!(
            Reader::new(&plain).string().as_deref(),
            Ok(before.as_str()),
            "{plain:?}"
        );
        let escaped = format!("\"{before}\\n{before}\"");
        assert_eq!(
            Reader::new(&escaped).string().as_deref(),
            Ok(format!("{before}\n{before}").as_str())
        );
        for control in ['\u{0}', '\u{1f}', '\n'] {
            let raw = format!("\"{before}{control}ab\"");
            assert_eq!(Reader::new(&raw).string(), Err(Malformed), "{raw:?}");
            assert!(!accepts(&raw) && !serde_accepts(&raw), "{raw:?}");
        }
        // Bytes at 0x7F and above are text, not specials.
        let high = format!("\"{before}\u{7f}\u{80}\u{10FFFF}\"");
        assert!(Reader::new(&high).string().is_ok(), "{high:?}");
    }
}

/// The word-at-a-time search against a byte-at-a-time one, for every
/// pair of byte values at every pair of positions in a word (a borrow
/// from one special byte must not mark the other falsely), and in the
/// bytes left over after the last whole word.
#[test]
fn the_word_search_finds_what_a_byte_search_finds() {
    fn by_byte(bytes: &[u8], at: usize) -> Result<usize, Malformed> {
        for (i, &byte) in bytes.iter().enumerate().skip(at) {
            match byte {
                b'"' | b'\\' => return Ok(i),
                0..=0x1F => return Err(Malformed),
                _ => {}
            }
        }
        Err(Malformed)
    }
    let mut bytes = [b'a'; 11];
    for first in 0..8 {
        for second in first + 1..11 {
            for a in 0..=u8::MAX {
                for b in 0..=u8::MAX {
                    bytes[first] = a;
                    bytes[second] = b;
                    assert_eq!(
                        super::quote_or_escape(&bytes, 0),
                        by_byte(&bytes, 0),
                        "{bytes:?}"
                    );
                }
            }
            bytes[first] = b'a';
            bytes[second] = b'a';
        }
    }
}
