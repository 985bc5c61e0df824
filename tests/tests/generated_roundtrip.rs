//! Every catalogue entry round-trips: YAML → enum variant → the same facts.
//!
//! The YAML is read here with the codegen model and compared with what the
//! compiled `errors-core` enums say, so a generator bug that drops, reorders
//! or mistypes a fact fails here. A retry rule is the same type in both,
//! its header owned in one and `&'static` in the other: `as_deref`
//! compares them.

use errors_catalogue::pattern::Pattern;
use errors_core::{Category, Code, ErrorType, Limit, Shape, Source, Status, TaskStatus};
use errors_tests::catalogue;
use std::sync::LazyLock;

use strum::{EnumCount, IntoEnumIterator};

fn strings(list: &[String]) -> Vec<&str> {
    list.iter().map(String::as_str).collect()
}

#[test]
fn every_code_round_trips() {
    let c = catalogue();
    assert_eq!(Code::ALL.len(), c.codes().len());
    assert_eq!(Code::COUNT, c.codes().len());
    for (entry, code) in c.codes().iter().zip(Code::iter()) {
        let id = entry.id.value.as_str();
        assert_eq!(code.as_str(), id, "catalogue order is enum order");
        assert_eq!(id.parse::<Code>(), Ok(code));
        assert_eq!(code.to_string(), id);
        assert_eq!(code.status().as_u16(), entry.status.value, "{id}");
        assert_eq!(code.status().as_u16(), entry.status.value, "{id}");
        assert_eq!(code.category().as_str(), entry.category.value, "{id}");
        assert_eq!(code.retry(), entry.retry.value.as_deref(), "{id}");
        assert_eq!(code.user_message(), entry.user_message.value, "{id}");
        assert_eq!(code.meaning(), entry.meaning, "{id}");
        assert_eq!(code.causes(), strings(&entry.causes), "{id}");
        assert_eq!(code.remedies(), strings(&entry.remedies), "{id}");
        assert_eq!(code.is_deprecated(), entry.deprecated.is_some(), "{id}");
        let assumed: Vec<&str> = entry.assumed.iter().map(|a| a.value.as_str()).collect();
        assert_eq!(code.assumed(), assumed, "{id}");
        assert_eq!(Code::lookup(id), Some(code), "{id}");
        assert!(code.docs_url().ends_with(&format!("#variant.{code:?}")));
        for wire in &entry.wire {
            let source: Source = wire.source.value.parse().unwrap();
            for text in wire.code.iter().chain(wire.message.iter()) {
                let text = text.value.replace("{app}", "my-app");
                assert_eq!(Code::from_wire(source, &text), Some(code), "{text}");
                assert_eq!(Code::lookup(&text), Some(code), "{text}");
            }
        }
        for source in Source::iter() {
            let first = entry
                .wire
                .iter()
                .find(|w| w.source.value == source.as_str())
                .and_then(|w| w.code.as_ref().or(w.message.as_ref()))
                .map(|s| s.value.as_str());
            assert_eq!(code.wire_name(source), first, "{id} in {source}");
            let of_source = || {
                entry
                    .wire
                    .iter()
                    .filter(|w| w.source.value == source.as_str())
            };
            let wire_code = of_source().find_map(|w| w.code.as_ref().map(|s| s.value.as_str()));
            let wire_message =
                of_source().find_map(|w| w.message.as_ref().map(|s| s.value.as_str()));
            assert_eq!(code.wire_code(source), wire_code, "{id} in {source}");
            assert_eq!(code.wire_message(source), wire_message, "{id} in {source}");
        }
    }
}

#[test]
fn every_status_round_trips() {
    let c = catalogue();
    assert_eq!(Status::ALL.len(), c.statuses().len());
    for (entry, status) in c.statuses().iter().zip(Status::iter()) {
        let n = entry.status.value;
        assert_eq!(status.as_u16(), n);
        assert_eq!(Status::from_u16(n), Some(status));
        assert_eq!(Status::try_from(status.http()), Ok(status));
        assert_eq!(http::StatusCode::from(status).as_u16(), n);
        assert_eq!(status.reason(), entry.reason.value);
        assert_eq!(status.meaning(), entry.meaning);
        assert_eq!(
            status.retry(),
            entry.retry.as_ref().map(|r| r.value.as_deref()),
            "{n}"
        );
        assert_eq!(status.to_string(), n.to_string());
        assert_eq!(serde_json::to_string(&status).unwrap(), n.to_string());
        assert_eq!(
            serde_json::from_str::<Status>(&n.to_string()).unwrap(),
            status
        );
        assert_eq!(status.views().len(), entry.views.len());
        for (view, yaml) in status.views().iter().zip(&entry.views) {
            assert_eq!(view.source.as_str(), yaml.source.value);
            assert_eq!(view.label, yaml.label);
            assert_eq!(view.summary, yaml.summary);
            assert_eq!(view.causes, strings(&yaml.causes));
            assert_eq!(view.remedies, strings(&yaml.remedies));
        }
    }
    assert!(Status::try_from(http::StatusCode::IM_A_TEAPOT).is_err());
}

#[test]
fn error_types_task_statuses_sources_categories_and_limits_round_trip() {
    let c = catalogue();
    assert_eq!(ErrorType::ALL.len(), c.error_types().len());
    for (entry, e) in c.error_types().iter().zip(ErrorType::iter()) {
        assert_eq!(e.as_str(), entry.id.value);
        assert_eq!(ErrorType::from_name(&entry.id.value), Some(e));
        assert_eq!(e.code().as_str(), entry.code.value);
        assert_eq!(e.source().as_str(), entry.source.value);
        assert_eq!(e.retry(), entry.retry.value.as_deref());
        assert_eq!(e.remedies(), strings(&entry.remedies));
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            format!("\"{}\"", entry.id.value)
        );
    }
    assert_eq!(TaskStatus::ALL.len(), c.task_statuses().len());
    for (entry, t) in c.task_statuses().iter().zip(TaskStatus::iter()) {
        assert_eq!(t.as_str(), entry.id.value);
        assert_eq!(t.is_terminal(), entry.terminal);
        assert_eq!(t.next_step(), entry.next_step);
    }
    assert_eq!(Source::ALL.len(), c.sources().len());
    for (entry, s) in c.sources().iter().zip(Source::iter()) {
        assert_eq!(s.as_str(), entry.id.value);
        assert_eq!(s.name(), entry.name);
        assert_eq!(s.auth_header(), entry.auth.header);
        assert_eq!(s.auth_schemes(), strings(&entry.auth.schemes));
        assert_eq!(s.shapes().len(), entry.bodies.len());
        for (shape, body) in s.shapes().iter().zip(&entry.bodies) {
            assert_eq!(shape.as_str(), body.shape.value);
            assert_eq!(shape.source(), Some(s));
            assert_eq!(shape.example(), body.example);
            assert_eq!(shape.when().len(), body.when.len());
            assert_eq!(shape.fields().len(), body.fields.entries.len());
        }
        for header in entry.request_id_headers() {
            assert!(s.request_id_headers().contains(&header.as_str()));
        }
    }
    // The shapes no source owns come after the sources' own.
    let owned: usize = c.sources().iter().map(|s| s.bodies.len()).sum();
    assert_eq!(Shape::ALL.len(), owned + c.raw().bodies.len());
    for (shape, body) in Shape::ALL[owned..].iter().zip(&c.raw().bodies) {
        assert_eq!(shape.as_str(), body.shape.value);
        assert_eq!(shape.source(), None);
    }
    assert_eq!(Category::ALL.len(), c.categories().len());
    for (entry, cat) in c.categories().iter().zip(Category::iter()) {
        assert_eq!(cat.as_str(), entry.id.value);
        assert_eq!(cat.meaning(), entry.meaning);
    }
    assert_eq!(Limit::ALL.len(), c.limits().len());
    for (entry, limit) in c.limits().iter().zip(Limit::iter()) {
        assert_eq!(limit.as_str(), entry.id.value);
        assert_eq!(limit.value(), entry.value);
        assert_eq!(limit.source().as_str(), entry.source.value);
    }
}

/// A client compares header names as `http` hands them over, lower case,
/// against this list: it must hold every source's request-id header, once,
/// in the order the sources come.
#[test]
fn request_id_header_names_are_every_sources_headers_lower_cased_once() {
    let mut expected: Vec<String> = Vec::new();
    let c = catalogue();
    // Each source's, in source order, then those no source owns.
    for header in c.raw().request_id_headers() {
        let lower = header.to_ascii_lowercase();
        if !expected.contains(&lower) {
            expected.push(lower);
        }
    }
    assert!(
        !expected.is_empty(),
        "the catalogue names request-id headers"
    );
    assert_eq!(Source::REQUEST_ID_HEADER_NAMES, expected);
    for name in Source::REQUEST_ID_HEADER_NAMES {
        assert!(http::HeaderName::from_bytes(name.as_bytes()).is_ok_and(|h| h == *name));
    }
}

#[test]
fn names_parse_and_serialise_with_their_catalogue_spelling() {
    let code: Code = serde_json::from_str("\"rate_limit_exceeded\"").unwrap();
    assert_eq!(code, Code::RateLimitExceeded);
    assert_eq!(
        serde_json::to_string(&code).unwrap(),
        "\"rate_limit_exceeded\""
    );
    let err = serde_json::from_str::<Code>("\"RATE_LIMIT_EXCEEDED\"").unwrap_err();
    assert!(err.to_string().contains("unknown variant"), "{err}");
    let err = "no_such_code".parse::<Code>().unwrap_err();
    assert_eq!(err.to_string(), "unknown error code `no_such_code`");
    assert_eq!(<&'static str>::from(Source::Queue), "queue");
    assert_eq!("IN_QUEUE".parse::<TaskStatus>(), Ok(TaskStatus::InQueue));
}

#[test]
fn unknown_wire_text_is_none_not_an_error() {
    assert_eq!(Code::lookup(""), None);
    assert_eq!(
        Code::lookup("App not found: "),
        None,
        "a hole needs a filling"
    );
    assert_eq!(Code::from_wire(Source::Runs, "RATE_LIMIT_EXCEEDED"), None);
    assert_eq!(Code::from_wire(Source::Agnes, "rate_limit_exceeded"), None);
}

/// Every spelling the catalogue gives (canonical ids, wire codes and
/// messages, message patterns included) with its code and the source that
/// sends it (`None` for a canonical id), in catalogue order. Read once: the
/// property below runs many cases.
static SPELLINGS: LazyLock<Vec<(Option<Source>, String, Code)>> = LazyLock::new(|| {
    let c = catalogue();
    let mut out = Vec::new();
    for (entry, code) in c.codes().iter().zip(Code::iter()) {
        out.push((None, entry.id.value.clone(), code));
        for spelling in entry.spellings() {
            let source: Source = spelling.source.id.value.parse().unwrap();
            out.push((Some(source), spelling.text.value.clone(), code));
        }
    }
    out
});

/// What the generated lookups must answer for `text`, worked out with the
/// catalogue's own pattern matcher: the code spelled exactly so (by
/// `source`, or by any source or canonical id), else the first message
/// pattern `text` fills.
fn reference(source: Option<Source>, text: &str) -> Option<Code> {
    let of_source = || {
        SPELLINGS
            .iter()
            .filter(move |(s, _, _)| source.is_none() || *s == source)
            .filter_map(|(_, spelling, code)| Some((Pattern::parse(spelling).ok()?, *code)))
    };
    of_source()
        .find(|(p, _)| p.is_exact() && p.matches(text))
        .or_else(|| of_source().find(|(p, _)| !p.is_exact() && p.matches(text)))
        .map(|(_, code)| code)
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

    /// The generated lookups read a few bytes of a text to pick the one
    /// spelling they compare whole; a text that shares those bytes (or its
    /// length) with a spelling but differs anywhere else is still no code
    /// (unless it is another spelling, or fills a message pattern), for
    /// `lookup` and for `from_wire` with the spelling's source.
    #[test]
    fn a_near_miss_of_a_spelling_is_no_code(
        pick in proptest::prelude::any::<proptest::sample::Index>(),
        at in proptest::prelude::any::<proptest::sample::Index>(),
        byte in 0x20u8..0x7f,
        edit in 0u8..3,
    ) {
        let (source, text, _) = &SPELLINGS[pick.index(SPELLINGS.len())];
        let mut bytes = text.clone().into_bytes();
        let at = at.index(bytes.len() + 1);
        match edit {
            0 if at < bytes.len() => bytes[at] = byte,
            1 if at < bytes.len() => { bytes.remove(at); }
            _ => bytes.insert(at, byte),
        }
        let near = String::from_utf8(bytes).expect("ASCII edits of UTF-8 text");
        proptest::prop_assert_eq!(Code::lookup(&near), reference(None, &near), "{:?} from {:?}", near, text);
        if let Some(source) = *source {
            proptest::prop_assert_eq!(
                Code::from_wire(source, &near),
                reference(Some(source), &near),
                "{:?} from {:?} in {}", near, text, source
            );
        }
    }
}
