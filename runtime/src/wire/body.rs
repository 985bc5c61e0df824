//! The body reader: one pass over an error body ([`super::json`]) into
//! one struct holding every field any dialect uses.
//!
//! A known field of the wrong type (`"detail": [...]`, `"status": 404`,
//! `"error": {...}`) does not fail the body, and neither does a repeated
//! key (the last one wins, as in JavaScript and Python): each field takes
//! what it can use and the reader skips the rest. Nothing is buffered,
//! and text stays borrowed from the input unless a JSON escape had to be
//! decoded.

use std::borrow::Cow;

use super::json::{Kind, Malformed, Number, Reader};

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

/// Why a body that looked like JSON could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unreadable {
    /// Not UTF-8, which JSON must be (RFC 8259 §8.1).
    NotUtf8,
    /// Not JSON.
    Malformed,
}

impl From<Malformed> for Unreadable {
    fn from(Malformed: Malformed) -> Self {
        Self::Malformed
    }
}

/// What [`scan`] kept: only text borrowed from the body, or some decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kept {
    /// Every kept text borrows from the body: the fields own no memory.
    Borrowed,
    /// Some text had an escape and owns its decoded copy.
    SomeOwned,
}

/// Scans `body` (one JSON value, surrounded by whitespace at most) into
/// `fields`, which the caller owns: the struct is filled in place rather
/// than returned, because moving it costs more than reading a small body.
#[inline]
pub(crate) fn scan<'a>(body: &'a [u8], fields: &mut Fields<'a>) -> Result<Kept, Unreadable> {
    let text = std::str::from_utf8(body).map_err(|_| Unreadable::NotUtf8)?;
    let mut reader = Reader::new(text);
    if reader.peek()? == Kind::Object {
        top_level(&mut reader, fields)?;
    } else {
        reader.skip_value()?;
    }
    reader.end()?;
    Ok(if reader.borrowed_only() {
        Kept::Borrowed
    } else {
        Kept::SomeOwned
    })
}

impl Fields<'_> {
    /// Whether no text here owns memory. Written as a destructuring, so
    /// that a new field does not compile until it is considered here:
    /// the classifier skips dropping fields that own nothing.
    pub(crate) fn owns_nothing(&self) -> bool {
        fn borrowed(text: Option<&Cow<'_, str>>) -> bool {
            !matches!(text, Some(Cow::Owned(_)))
        }
        let Fields {
            is_object: _,
            error,
            message,
            detail,
            status,
            error_type,
            request_id,
            code,
            kind,
            title,
            run_id,
            task_id,
            queue_position: _,
            status_url,
            response_url,
        } = self;
        let error = match error {
            Some(ErrorField::Text(text)) => borrowed(Some(text)),
            Some(ErrorField::Object(ErrorObject {
                code,
                message,
                kind,
                error,
            })) => [code, message, kind, error]
                .into_iter()
                .all(|text| borrowed(text.as_ref())),
            None => true,
        };
        let detail = match detail {
            Some(Detail::Text(text) | Detail::List(Some(text))) => borrowed(Some(text)),
            Some(Detail::List(None)) | None => true,
        };
        let status = match status {
            Some(StatusField::Text(text)) => borrowed(Some(text)),
            Some(StatusField::Number) | None => true,
        };
        error
            && detail
            && status
            && [
                message,
                error_type,
                request_id,
                code,
                kind,
                title,
                run_id,
                task_id,
                status_url,
                response_url,
            ]
            .into_iter()
            .all(|text| borrowed(text.as_ref()))
    }
}

/// The top-level object's members.
fn top_level<'a>(r: &mut Reader<'a>, fields: &mut Fields<'a>) -> Result<(), Malformed> {
    fields.is_object = true;
    let mut members = r.begin_object()?;
    while let Some(key) = members.next_key(r)? {
        match &*key {
            "error" => fields.error = error(r)?,
            "message" => fields.message = text(r)?,
            "detail" => fields.detail = detail(r)?,
            "status" => fields.status = status(r)?,
            "error_type" => fields.error_type = text(r)?,
            "request_id" => fields.request_id = text(r)?,
            "code" => fields.code = text(r)?,
            "type" => fields.kind = text(r)?,
            "title" => fields.title = text(r)?,
            "run_id" => fields.run_id = text(r)?,
            "task_id" => fields.task_id = text(r)?,
            "queue_position" => fields.queue_position = count(r)?,
            "status_url" => fields.status_url = text(r)?,
            "response_url" => fields.response_url = text(r)?,
            _ => r.skip_value()?,
        }
    }
    Ok(())
}

/// A string, borrowed when it can be; any other value is skipped and gives `None`.
fn text<'a>(r: &mut Reader<'a>) -> Result<Option<Cow<'a, str>>, Malformed> {
    if r.peek()? == Kind::String {
        r.string().map(Some)
    } else {
        r.skip_value().map(|()| None)
    }
}

/// A non-negative whole number; any other value is skipped and gives `None`.
fn count(r: &mut Reader<'_>) -> Result<Option<u64>, Malformed> {
    if r.peek()? == Kind::Number {
        Ok(match r.number()? {
            Number::Count(n) => Some(n),
            Number::Other => None,
        })
    } else {
        r.skip_value().map(|()| None)
    }
}

/// The `error` member: text, an object, or something unusable.
fn error<'a>(r: &mut Reader<'a>) -> Result<Option<ErrorField<'a>>, Malformed> {
    match r.peek()? {
        Kind::String => Ok(Some(ErrorField::Text(r.string()?))),
        Kind::Object => {
            let mut object = ErrorObject::default();
            let mut members = r.begin_object()?;
            while let Some(key) = members.next_key(r)? {
                match &*key {
                    "code" => object.code = text(r)?,
                    "message" => object.message = text(r)?,
                    "type" => object.kind = text(r)?,
                    "error" => object.error = text(r)?,
                    _ => r.skip_value()?,
                }
            }
            Ok(Some(ErrorField::Object(object)))
        }
        Kind::Array | Kind::Number | Kind::Literal => r.skip_value().map(|()| None),
    }
}

/// The `detail` member.
fn detail<'a>(r: &mut Reader<'a>) -> Result<Option<Detail<'a>>, Malformed> {
    match r.peek()? {
        Kind::String => Ok(Some(Detail::Text(r.string()?))),
        Kind::Array => {
            let mut elements = r.begin_array()?;
            let first = if elements.next(r)? {
                let msg = validation_item(r)?;
                while elements.next(r)? {
                    r.skip_value()?;
                }
                msg
            } else {
                None
            };
            Ok(Some(Detail::List(first)))
        }
        Kind::Object | Kind::Number | Kind::Literal => r.skip_value().map(|()| None),
    }
}

/// One item of `FastAPI`'s validation list: only its `msg` is kept.
fn validation_item<'a>(r: &mut Reader<'a>) -> Result<Option<Cow<'a, str>>, Malformed> {
    if r.peek()? != Kind::Object {
        return r.skip_value().map(|()| None);
    }
    let mut msg = None;
    let mut members = r.begin_object()?;
    while let Some(key) = members.next_key(r)? {
        if key == "msg" {
            msg = text(r)?;
        } else {
            r.skip_value()?;
        }
    }
    Ok(msg)
}

/// The `status` member.
fn status<'a>(r: &mut Reader<'a>) -> Result<Option<StatusField<'a>>, Malformed> {
    match r.peek()? {
        Kind::String => Ok(Some(StatusField::Text(r.string()?))),
        Kind::Number => r.number().map(|_| Some(StatusField::Number)),
        Kind::Object | Kind::Array | Kind::Literal => r.skip_value().map(|()| None),
    }
}
