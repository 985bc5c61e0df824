//! What each case means, checked: the code exists, the status is in range,
//! the retry rule parses, the message shows only `user` fields. Every
//! mistake goes to the `Ctxt`; a case with one yields no plan.

use syn::ext::IdentExt;
use syn::{Ident, LitInt, LitStr, Member};

use crate::ast::{Case, Data, Field, Input};
use crate::catalogue;
use crate::ctxt::Ctxt;
use crate::message::{self, Piece};
use errors_vocab::retry::{self, RetryRule};

/// How one case answers each method of the trait.
pub(crate) enum Plan<'a> {
    /// Everything comes from its one field.
    Transparent(&'a Field<'a>),
    /// From the catalogue and/or its own attributes.
    Described(Described<'a>),
}

/// A case described by `code`, or by `status` and `message`.
pub(crate) struct Described<'a> {
    pub origin: Origin<'a>,
    /// `retry`, overriding the code's or the status's.
    pub retry: Option<RetryRule>,
    /// `remedy` keys, overriding the code's; empty means "none given".
    pub remedies: &'a [LitStr],
}

/// Where a described case's facts come from.
pub(crate) enum Origin<'a> {
    /// `code = "…"`; `message` overrides the code's user message.
    Code {
        code: CodeRef,
        message: Option<Message<'a>>,
    },
    /// `status = N` with the case's own `message`.
    Status { status: u16, message: Message<'a> },
}

impl Described<'_> {
    /// The case's own message, if it has one.
    pub fn message(&self) -> Option<&Message<'_>> {
        match &self.origin {
            Origin::Code { message, .. } => message.as_ref(),
            Origin::Status { message, .. } => Some(message),
        }
    }
}

/// A resolved `code = "…"`.
pub(crate) struct CodeRef {
    /// The `Code` variant, spanned on the literal so rustc's own errors
    /// about the path point there too.
    pub variant: Ident,
}

/// A checked `message = "…"`.
pub(crate) struct Message<'a> {
    pub literal: &'a LitStr,
    pub pieces: Vec<Segment<'a>>,
}

/// A piece of a checked message.
pub(crate) enum Segment<'a> {
    Text(String),
    /// A `user` field, shown with its `Display`.
    Field(&'a Field<'a>),
}

impl Message<'_> {
    /// The whole text, when it shows no field.
    pub fn fixed(&self) -> Option<String> {
        let mut text = String::new();
        for piece in &self.pieces {
            match piece {
                Segment::Text(t) => text.push_str(t),
                Segment::Field(_) => return None,
            }
        }
        Some(text)
    }
}

/// One plan per case, in order; `None` when anything is wrong (all of it is
/// in `cx`).
pub(crate) fn check<'a>(input: &'a Input<'a>, cx: &Ctxt) -> Option<Vec<Plan<'a>>> {
    let codes = if input.attrs.own_catalogue {
        Codes::Own
    } else {
        Codes::Builtin
    };
    match &input.data {
        Data::Union(keyword) => {
            cx.syn_error(syn::Error::new(
                *keyword,
                "`ErrorTaxonomy` cannot be derived for a union: a union does not know which of \
                 its fields is set; use an enum or a struct",
            ));
            None
        }
        Data::Struct(case) => Some(vec![check_case(case, "struct", codes, cx)?]),
        Data::Enum(cases) => {
            // Check every variant before giving up, so all mistakes are shown.
            let plans: Vec<Option<Plan<'a>>> = cases
                .iter()
                .map(|c| check_case(c, "variant", codes, cx))
                .collect();
            plans.into_iter().collect()
        }
    }
}

/// Which catalogue `code = "…"` names.
#[derive(Clone, Copy)]
enum Codes {
    /// The runtime's built-in one, whose table the macro carries: any
    /// spelling it lists, checked here with suggestions.
    Builtin,
    /// A catalogue generated in the user's crate (`catalogue = "…"`): the
    /// macro cannot read it, so the code is written by its canonical id and
    /// rustc checks the variant it names.
    Own,
}

fn check_case<'a>(case: &'a Case<'a>, kind: &str, codes: Codes, cx: &Ctxt) -> Option<Plan<'a>> {
    match &case.attrs.transparent {
        Some(key) => check_transparent(case, key, kind, cx),
        None => check_described(case, kind, codes, cx).map(Plan::Described),
    }
}

fn check_transparent<'a>(
    case: &'a Case<'a>,
    transparent: &Ident,
    kind: &str,
    cx: &Ctxt,
) -> Option<Plan<'a>> {
    let attrs = &case.attrs;
    let mut alone = true;
    let others = [
        attrs.code.as_ref().map(|k| &k.key),
        attrs.status.as_ref().map(|k| &k.key),
        attrs.retry.as_ref().map(|k| &k.key),
        attrs.message.as_ref().map(|k| &k.key),
    ];
    for key in others.into_iter().flatten() {
        cx.error_spanned_by(
            key,
            format!(
                "`{key}` cannot be combined with `transparent`: the inner error answers for everything"
            ),
        );
        alone = false;
    }
    if let Some(remedy) = attrs.remedies.first() {
        cx.error_spanned_by(
            remedy,
            "`remedy` cannot be combined with `transparent`: the inner error answers for everything",
        );
        alone = false;
    }
    match case.fields.as_slice() {
        [field] if alone => Some(Plan::Transparent(field)),
        [_] => None,
        fields => {
            let ident = case.ident;
            let has = match fields.len() {
                0 => "has no field".to_string(),
                n => format!("has {n} fields"),
            };
            cx.error_spanned_by(
                transparent,
                format!(
                    "`transparent` delegates to the one field of a {kind}, but `{ident}` {has}; \
                     give it exactly one field whose type implements `ErrorTaxonomy`, \
                     or describe it with `code` or `status`"
                ),
            );
            None
        }
    }
}

fn check_described<'a>(
    case: &'a Case<'a>,
    kind: &str,
    codes: Codes,
    cx: &Ctxt,
) -> Option<Described<'a>> {
    let attrs = &case.attrs;
    let combined = check_combination(case, kind, cx);
    // Each value is checked even when the combination is wrong, so every
    // mistake is reported in one build.
    let code = attrs.code.as_ref().map(|c| match codes {
        Codes::Builtin => check_code(&c.value, cx),
        Codes::Own => check_own_code(&c.value, cx),
    });
    let status = attrs.status.as_ref().map(|s| check_status(&s.value, cx));
    let retry = attrs.retry.as_ref().map(|r| {
        retry::parse(&r.value.value())
            .map_err(|e| cx.error_spanned_by(&r.value, e))
            .ok()
    });
    let message = attrs
        .message
        .as_ref()
        .map(|m| check_message(&m.value, case, cx));
    if !combined {
        return None;
    }
    let (code, status, retry, message) = (
        checked(code)?,
        checked(status)?,
        checked(retry)?,
        checked(message)?,
    );
    let origin = match (code, status, message) {
        (Some(code), None, message) => Origin::Code { code, message },
        (None, Some(status), Some(message)) => Origin::Status { status, message },
        // `check_combination` excluded every other combination.
        _ => return None,
    };
    Some(Described {
        origin,
        retry,
        remedies: &attrs.remedies,
    })
}

/// Exactly one of `code` and `status`, and a `message` with `status`.
fn check_combination(case: &Case<'_>, kind: &str, cx: &Ctxt) -> bool {
    let attrs = &case.attrs;
    let ident = case.ident;
    match (&attrs.code, &attrs.status) {
        (Some(c), Some(s)) => {
            let given = match catalogue::resolve(&c.value.value()) {
                Some(entry) => format!("`{}` is sent with status {}", entry.id, entry.status),
                None => "a catalogued code brings its own status".to_string(),
            };
            cx.error_spanned_by(
                &s.key,
                format!(
                    "`status` cannot be combined with `code = {:?}`: {given}. Remove `status`, \
                     or remove `code` and describe this error with `status` and `message`",
                    c.value.value()
                ),
            );
            false
        }
        // A misspelled `code` or `status` was reported already.
        (None, None) if attrs.incomplete => false,
        (None, None) => {
            cx.error_spanned_by(
                ident,
                format!(
                    "{kind} `{ident}` needs a description: `#[taxonomy(code = \"…\")]` for a \
                     catalogued error, `#[taxonomy(status = …, message = \"…\")]` for one of its \
                     own, or `#[taxonomy(transparent)]` to delegate to its one field"
                ),
            );
            false
        }
        (None, Some(_)) if attrs.message.is_none() && attrs.incomplete => false,
        (None, Some(s)) if attrs.message.is_none() => {
            cx.error_spanned_by(
                &s.key,
                format!(
                    "{kind} `{ident}` has no catalogued code, so it needs `message = \"…\"`: the \
                     text an end user may read"
                ),
            );
            false
        }
        _ => true,
    }
}

fn check_status(literal: &LitInt, cx: &Ctxt) -> Option<u16> {
    let number = literal
        .base10_parse::<u16>()
        .ok()
        .filter(|n| (100..=999).contains(n));
    if number.is_none() {
        cx.error_spanned_by(
            literal,
            format!("status {literal} is out of range: an HTTP status is a number from 100 to 999"),
        );
    }
    number
}

/// A key's checked value: `Some(None)` when not given, `Some(Some(_))` when
/// given and valid, `None` when given and wrong (which fails the plan; the
/// error is already in the `Ctxt`).
#[allow(clippy::option_option)]
fn checked<T>(value: Option<Option<T>>) -> Option<Option<T>> {
    match value {
        None => Some(None),
        Some(None) => None,
        Some(Some(x)) => Some(Some(x)),
    }
}

/// A code of the user's own catalogue, by canonical id: the variant the
/// generator made of it, spanned on the literal, so that a code the
/// catalogue lacks is rustc's "no variant named …" there (with its own
/// "a variant with a similar name exists").
fn check_own_code(literal: &LitStr, cx: &Ctxt) -> Option<CodeRef> {
    let id = literal.value();
    let variant = errors_vocab::ident::upper_camel(&id);
    let problem = if id.is_empty() || variant.is_empty() {
        Some("it is empty")
    } else if !id
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        Some(
            "with `catalogue`, a code is written by its canonical id: lower-case letters, digits and `_`",
        )
    } else {
        errors_vocab::ident::problem(&variant)
    };
    if let Some(problem) = problem {
        cx.error_spanned_by(
            literal,
            format!("`{id}` cannot name a code of the catalogue: {problem}"),
        );
        return None;
    }
    Some(CodeRef {
        variant: Ident::new(&variant, literal.span()),
    })
}

fn check_code(literal: &LitStr, cx: &Ctxt) -> Option<CodeRef> {
    let spelling = literal.value();
    if let Some(entry) = catalogue::resolve(&spelling) {
        return Some(CodeRef {
            variant: Ident::new(entry.variant, literal.span()),
        });
    }
    let near = catalogue::suggestions(&spelling, 3);
    let hint = if near.is_empty() {
        "write its canonical id (`rate_limit_exceeded`) or a spelling the catalogue lists \
         (`RATE_LIMIT_EXCEEDED`, `Workflow is locked`); `taxonomy explain <code>` shows them"
            .to_string()
    } else {
        format!("did you mean {}?", near.join(", "))
    };
    cx.error_spanned_by(
        literal,
        format!("unknown code {spelling:?}: taxonomy.yaml has no code spelled this way; {hint}"),
    );
    None
}

fn check_message<'a>(literal: &'a LitStr, case: &'a Case<'a>, cx: &Ctxt) -> Option<Message<'a>> {
    let pieces = match message::parse(&literal.value()) {
        Ok(pieces) => pieces,
        Err(e) => {
            cx.error_spanned_by(literal, e);
            return None;
        }
    };
    let mut ok = true;
    let mut out = Vec::with_capacity(pieces.len());
    for piece in pieces {
        match piece {
            Piece::Text(text) => out.push(Segment::Text(text)),
            Piece::Hole(name) => match find_field(case, &name) {
                Some(field) if field.user => out.push(Segment::Field(field)),
                Some(_) => {
                    cx.error_spanned_by(
                        literal,
                        format!(
                            "`{{{name}}}` in `message` shows field `{name}` of `{}`, which is not marked \
                             safe for end users; add `#[taxonomy(user)]` to the field if its value may \
                             be shown, or leave it out of the message",
                            case.ident
                        ),
                    );
                    ok = false;
                }
                None => {
                    cx.error_spanned_by(literal, no_such_field(case, &name));
                    ok = false;
                }
            },
        }
    }
    ok.then_some(Message {
        literal,
        pieces: out,
    })
}

fn find_field<'a>(case: &'a Case<'a>, name: &str) -> Option<&'a Field<'a>> {
    let name = name.strip_prefix("r#").unwrap_or(name);
    case.fields.iter().find(|f| match &f.member {
        Member::Named(ident) => ident.unraw() == name,
        Member::Unnamed(index) => index.index.to_string() == name,
    })
}

fn no_such_field(case: &Case<'_>, name: &str) -> String {
    // Suggest a name for a name and an index for an index: `{zz}` is not a
    // misspelling of `{0}`.
    let by_index = name.bytes().all(|b| b.is_ascii_digit());
    let names: Vec<String> = case
        .fields
        .iter()
        .filter_map(|f| match &f.member {
            Member::Named(ident) if !by_index => Some(ident.unraw().to_string()),
            Member::Unnamed(index) if by_index => Some(index.index.to_string()),
            Member::Named(_) | Member::Unnamed(_) => None,
        })
        .collect();
    let ident = case.ident;
    let hint = match errors_vocab::nearest(name, names.iter().map(String::as_str), 1).first() {
        Some(best) => format!("; did you mean `{{{best}}}`?"),
        None if case.fields.is_empty() => format!("; `{ident}` has no fields to show"),
        None => {
            let fields: Vec<String> = case
                .fields
                .iter()
                .map(|f| match &f.member {
                    Member::Named(ident) => format!("`{{{}}}`", ident.unraw()),
                    Member::Unnamed(index) => format!("`{{{}}}`", index.index),
                })
                .collect();
            format!("; its fields are {}", fields.join(", "))
        }
    };
    format!("`{{{name}}}` in `message`: `{ident}` has no field `{name}`{hint}")
}
