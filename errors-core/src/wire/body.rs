//! The borrowing JSON scanner: one pass over an error body into one
//! struct holding every field any dialect uses.
//!
//! Why hand-written visitors rather than `#[derive(Deserialize)]`: a known
//! field of the wrong type (`"detail": [...]`, `"status": 404`, `"error":
//! {...}`) must not fail the whole body, and a repeated key must not
//! either. Each field takes what it can use and skips the rest with
//! [`IgnoredAny`], so the body is read once, nothing is buffered, and text
//! stays borrowed from the input unless a JSON escape had to be decoded.
//! The scanner descends at most three levels into the values it knows;
//! deeper values are skipped by `serde_json` without recursion, and its
//! recursion limit (128) bounds every value it does descend into.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// Every top-level field an error body may carry, each as it was found;
/// a field of a type it cannot have is `None`.
#[derive(Debug, Default)]
pub(crate) struct Fields<'a> {
    /// Whether the body was a JSON object (not an array, string, number).
    pub(crate) is_object: bool,
    /// `error`: a string (runs, `each::labs`, task status) or an object
    /// (gateway, `OpenAI`).
    pub(crate) error: Option<ErrorField<'a>>,
    /// `message`.
    pub(crate) message: Option<Cow<'a, str>>,
    /// `detail`: a string, or `FastAPI`'s list of validation errors.
    pub(crate) detail: Option<Detail<'a>>,
    /// `status`: a task status string, or a problem's number.
    pub(crate) status: Option<StatusField<'a>>,
    /// `error_type`.
    pub(crate) error_type: Option<Cow<'a, str>>,
    /// `request_id`.
    pub(crate) request_id: Option<Cow<'a, str>>,
    /// `code`: a problem's extension, or a top-level code.
    pub(crate) code: Option<Cow<'a, str>>,
    /// `type`: a problem's type URI.
    pub(crate) kind: Option<Cow<'a, str>>,
    /// `title`: a problem's title.
    pub(crate) title: Option<Cow<'a, str>>,
    /// `run_id` (001: capture it from any response).
    pub(crate) run_id: Option<Cow<'a, str>>,
    /// `task_id` (001: capture it from any response).
    pub(crate) task_id: Option<Cow<'a, str>>,
    /// `queue_position`, while a queue task waits (002).
    pub(crate) queue_position: Option<u64>,
    /// `status_url` of a created queue task (000).
    pub(crate) status_url: Option<Cow<'a, str>>,
    /// `response_url` of a created queue task (000).
    pub(crate) response_url: Option<Cow<'a, str>>,
}

/// The `error` member.
#[derive(Debug)]
pub(crate) enum ErrorField<'a> {
    /// `"error": "…"`.
    Text(Cow<'a, str>),
    /// `"error": {…}`.
    Object(ErrorObject<'a>),
}

/// The members of an `error` object that any dialect uses.
#[derive(Debug, Default)]
pub(crate) struct ErrorObject<'a> {
    pub(crate) code: Option<Cow<'a, str>>,
    pub(crate) message: Option<Cow<'a, str>>,
    pub(crate) kind: Option<Cow<'a, str>>,
    /// `error`: the code inside a runs task's structured failure (001,
    /// shape assumed), which names it as the runs API's error bodies do.
    pub(crate) error: Option<Cow<'a, str>>,
}

/// The `detail` member.
#[derive(Debug)]
pub(crate) enum Detail<'a> {
    /// `"detail": "…"`.
    Text(Cow<'a, str>),
    /// `"detail": [{"msg": "…", …}, …]`: the first item's `msg`, if any.
    List(Option<Cow<'a, str>>),
}

/// The `status` member.
#[derive(Debug)]
pub(crate) enum StatusField<'a> {
    /// A task status (`"COMPLETED"`), or any other string.
    Text(Cow<'a, str>),
    /// A number (a problem's advisory HTTP status).
    Number,
}

/// Scans `body` (one JSON value, surrounded by whitespace at most) into
/// `fields`, which the caller owns: the struct is filled in place rather
/// than returned, because moving it costs more than reading a small body.
pub(crate) fn scan<'a>(body: &'a [u8], fields: &mut Fields<'a>) -> Result<(), serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    deserializer.deserialize_any(FieldsVisitor { fields })?;
    deserializer.end()
}

/// `visit_borrowed_str`, `visit_str` and `visit_string`, each making
/// `$make` from the text as a `Cow` named `$text`: borrowed when the
/// input holds it unescaped.
macro_rules! text_visits {
    (|$text:ident| $make:expr) => {
        fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
            let $text: Cow<'de, str> = Cow::Borrowed(v);
            Ok($make)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            let $text: Cow<'de, str> = Cow::Owned(v.to_owned());
            Ok($make)
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
            let $text: Cow<'de, str> = Cow::Owned(v);
            Ok($make)
        }
    };
}

/// Visitor methods for the scalars a field has no use for: each gives `$none`.
macro_rules! unusable_scalars {
    ($none:expr) => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok($none)
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok($none)
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok($none)
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok($none)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok($none)
        }
    };
}

/// Visitor methods for the containers a field has no use for: each is
/// skipped and gives `$none`.
macro_rules! unusable_containers {
    ($none:expr) => {
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok($none)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok($none)
        }
    };
}

/// `expecting` for visitors that accept any value.
macro_rules! expecting_any {
    () => {
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("any JSON value")
        }
    };
}

/// Top-level keys the scanner keeps; the rest are skipped unread.
enum Key {
    Error,
    Message,
    Detail,
    Status,
    ErrorType,
    RequestId,
    Code,
    Type,
    Title,
    RunId,
    TaskId,
    QueuePosition,
    StatusUrl,
    ResponseUrl,
    Other,
}

/// Keys are read as bytes (escapes decoded): a key is only compared, so
/// it need not be checked for UTF-8 as kept text must be, and one that
/// matches nothing is skipped like any unknown member.
macro_rules! key_from_bytes {
    ($key:ident, $what:literal, { $($name:literal => $variant:ident,)* }) => {
        impl<'de> de::Deserialize<'de> for $key {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct KeyVisitor;
                impl Visitor<'_> for KeyVisitor {
                    type Value = $key;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($what)
                    }
                    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<$key, E> {
                        Ok(match v {
                            $($name => $key::$variant,)*
                            _ => $key::Other,
                        })
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<$key, E> {
                        self.visit_bytes(v.as_bytes())
                    }
                }
                deserializer.deserialize_bytes(KeyVisitor)
            }
        }
    };
}

key_from_bytes!(Key, "a field name", {
    b"error" => Error,
    b"message" => Message,
    b"detail" => Detail,
    b"status" => Status,
    b"error_type" => ErrorType,
    b"request_id" => RequestId,
    b"code" => Code,
    b"type" => Type,
    b"title" => Title,
    b"run_id" => RunId,
    b"task_id" => TaskId,
    b"queue_position" => QueuePosition,
    b"status_url" => StatusUrl,
    b"response_url" => ResponseUrl,
});

/// Keys of an `error` object, and of a validation item (`msg`).
enum InnerKey {
    Code,
    Message,
    Type,
    Msg,
    Error,
    Other,
}

key_from_bytes!(InnerKey, "a field name", {
    b"code" => Code,
    b"message" => Message,
    b"type" => Type,
    b"msg" => Msg,
    b"error" => Error,
});

/// A string, borrowed when it can be; any other value is skipped and gives
/// `None`.
struct Text<'a>(Option<Cow<'a, str>>);

impl<'de> de::Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text<'de>;
            expecting_any!();
            text_visits!(|text| Text(Some(text)));
            unusable_scalars!(Text(None));
            unusable_containers!(Text(None));
        }
        deserializer.deserialize_any(TextVisitor)
    }
}

/// A non-negative whole number; any other value is skipped and gives `None`.
struct Count(Option<u64>);

impl<'de> de::Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CountVisitor;
        impl<'de> Visitor<'de> for CountVisitor {
            type Value = Count;
            expecting_any!();
            text_visits!(|text| {
                drop(text);
                Count(None)
            });
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
                Ok(Count(None))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(Count(u64::try_from(v).ok()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(Count(Some(v)))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
                Ok(Count(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Count(None))
            }
            unusable_containers!(Count(None));
        }
        deserializer.deserialize_any(CountVisitor)
    }
}

/// The `error` member: text, an object, or something unusable.
struct ErrorValue<'a>(Option<ErrorField<'a>>);

impl<'de> de::Deserialize<'de> for ErrorValue<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ErrorVisitor;
        impl<'de> Visitor<'de> for ErrorVisitor {
            type Value = ErrorValue<'de>;
            expecting_any!();
            text_visits!(|text| ErrorValue(Some(ErrorField::Text(text))));
            unusable_scalars!(ErrorValue(None));
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(ErrorValue(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut object = ErrorObject::default();
                while let Some(key) = map.next_key::<InnerKey>()? {
                    match key {
                        InnerKey::Code => object.code = map.next_value::<Text<'de>>()?.0,
                        InnerKey::Message => object.message = map.next_value::<Text<'de>>()?.0,
                        InnerKey::Type => object.kind = map.next_value::<Text<'de>>()?.0,
                        InnerKey::Error => object.error = map.next_value::<Text<'de>>()?.0,
                        InnerKey::Msg | InnerKey::Other => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(ErrorValue(Some(ErrorField::Object(object))))
            }
        }
        deserializer.deserialize_any(ErrorVisitor)
    }
}

/// The `detail` member.
struct DetailValue<'a>(Option<Detail<'a>>);

impl<'de> de::Deserialize<'de> for DetailValue<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DetailVisitor;
        impl<'de> Visitor<'de> for DetailVisitor {
            type Value = DetailValue<'de>;
            expecting_any!();
            text_visits!(|text| DetailValue(Some(Detail::Text(text))));
            unusable_scalars!(DetailValue(None));
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(DetailValue(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let first = seq.next_element::<ValidationItem<'de>>()?;
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(DetailValue(Some(Detail::List(
                    first.and_then(|item| item.0),
                ))))
            }
        }
        deserializer.deserialize_any(DetailVisitor)
    }
}

/// One item of `FastAPI`'s validation list: only its `msg` is kept.
struct ValidationItem<'a>(Option<Cow<'a, str>>);

impl<'de> de::Deserialize<'de> for ValidationItem<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ItemVisitor;
        impl<'de> Visitor<'de> for ItemVisitor {
            type Value = ValidationItem<'de>;
            expecting_any!();
            text_visits!(|text| {
                drop(text);
                ValidationItem(None)
            });
            unusable_scalars!(ValidationItem(None));
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(ValidationItem(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut msg = None;
                while let Some(key) = map.next_key::<InnerKey>()? {
                    if let InnerKey::Msg = key {
                        msg = map.next_value::<Text<'de>>()?.0;
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(ValidationItem(msg))
            }
        }
        deserializer.deserialize_any(ItemVisitor)
    }
}

/// The `status` member.
struct StatusValue<'a>(Option<StatusField<'a>>);

impl<'de> de::Deserialize<'de> for StatusValue<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct StatusVisitor;
        impl<'de> Visitor<'de> for StatusVisitor {
            type Value = StatusValue<'de>;
            expecting_any!();
            text_visits!(|text| StatusValue(Some(StatusField::Text(text))));
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
                Ok(StatusValue(None))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
                Ok(StatusValue(Some(StatusField::Number)))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
                Ok(StatusValue(Some(StatusField::Number)))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
                Ok(StatusValue(Some(StatusField::Number)))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(StatusValue(None))
            }
            unusable_containers!(StatusValue(None));
        }
        deserializer.deserialize_any(StatusVisitor)
    }
}

/// The whole body, written into the caller's [`Fields`]. A value that is
/// not an object leaves them empty.
struct FieldsVisitor<'f, 'a> {
    fields: &'f mut Fields<'a>,
}

impl<'de> Visitor<'de> for FieldsVisitor<'_, 'de> {
    type Value = ();

    expecting_any!();
    text_visits!(|text| drop(text));
    unusable_scalars!(());
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        // A repeated key keeps its last value, as JavaScript and Python do.
        let fields = self.fields;
        fields.is_object = true;
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Error => fields.error = map.next_value::<ErrorValue<'de>>()?.0,
                Key::Message => fields.message = map.next_value::<Text<'de>>()?.0,
                Key::Detail => fields.detail = map.next_value::<DetailValue<'de>>()?.0,
                Key::Status => fields.status = map.next_value::<StatusValue<'de>>()?.0,
                Key::ErrorType => fields.error_type = map.next_value::<Text<'de>>()?.0,
                Key::RequestId => fields.request_id = map.next_value::<Text<'de>>()?.0,
                Key::Code => fields.code = map.next_value::<Text<'de>>()?.0,
                Key::Type => fields.kind = map.next_value::<Text<'de>>()?.0,
                Key::Title => fields.title = map.next_value::<Text<'de>>()?.0,
                Key::RunId => fields.run_id = map.next_value::<Text<'de>>()?.0,
                Key::TaskId => fields.task_id = map.next_value::<Text<'de>>()?.0,
                Key::QueuePosition => fields.queue_position = map.next_value::<Count>()?.0,
                Key::StatusUrl => fields.status_url = map.next_value::<Text<'de>>()?.0,
                Key::ResponseUrl => fields.response_url = map.next_value::<Text<'de>>()?.0,
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}
