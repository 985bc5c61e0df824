//! `#[taxonomy(...)]` attributes: their keys and raw values, read from the
//! type, its variants and their fields. Meaning (does the code exist, is
//! the status in range) is checked later, in `valid`; here only the shape.

use proc_macro2::{Ident, TokenTree};
use syn::meta::ParseNestedMeta;
use syn::{Attribute, Lit, LitInt, LitStr, Token};

use crate::ctxt::Ctxt;

/// Where an attribute is written; each place accepts its own keys.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    /// On an enum: only `crate`; the rest goes on each variant.
    Enum,
    /// On a struct: `crate` and everything a variant takes.
    Struct,
    /// On an enum variant.
    Variant,
    /// On a field of a variant or struct.
    Field,
}

/// Every key the derive knows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Key {
    Crate,
    Code,
    Status,
    Retry,
    Message,
    Remedy,
    Transparent,
    User,
}

const KEYS: &[(&str, Key)] = &[
    ("crate", Key::Crate),
    ("code", Key::Code),
    ("status", Key::Status),
    ("retry", Key::Retry),
    ("message", Key::Message),
    ("remedy", Key::Remedy),
    ("transparent", Key::Transparent),
    ("user", Key::User),
];

impl Place {
    fn allows(self, key: Key) -> bool {
        match (self, key) {
            (Self::Enum, Key::Crate) | (Self::Field, Key::User) => true,
            (Self::Struct, key) => key != Key::User,
            (Self::Variant, key) => !matches!(key, Key::Crate | Key::User),
            (Self::Enum | Self::Field, _) => false,
        }
    }

    fn keys(self) -> impl Iterator<Item = &'static str> {
        KEYS.iter()
            .filter(move |(_, key)| self.allows(*key))
            .map(|(name, _)| *name)
    }

    /// Why `key` does not belong here, pointing to where it does.
    fn misplaced(self, key: Key, name: &str) -> String {
        match key {
            Key::Crate => format!("`{name}` goes on the type, not on a variant or field"),
            Key::User => {
                format!("`{name}` goes on a field: it marks that field safe to show in `message`")
            }
            _ if self == Self::Enum => format!(
                "`{name}` goes on each variant of an enum; on the enum itself only `crate` is accepted"
            ),
            _ => format!(
                "`{name}` goes on the variant or struct, not on a field; a field only takes `user`"
            ),
        }
    }
}

/// A key and its value, so errors can point at either.
pub(crate) struct Keyed<T> {
    pub key: Ident,
    pub value: T,
}

/// The `#[taxonomy(...)]` keys of one place, as written.
#[derive(Default)]
pub(crate) struct Attrs {
    /// `crate = "path"`: the runtime crate's path in the expansion.
    pub krate: Option<Keyed<syn::Path>>,
    /// `code = "…"`: a catalogued code, by any spelling.
    pub code: Option<Keyed<LitStr>>,
    /// `status = N`.
    pub status: Option<Keyed<LitInt>>,
    /// `retry = "…"`, in the grammar of `crate::retry`.
    pub retry: Option<Keyed<LitStr>>,
    /// `message = "…"`, a template over the `user` fields.
    pub message: Option<Keyed<LitStr>>,
    /// Each `remedy = "…"`, in order.
    pub remedies: Vec<LitStr>,
    /// The `transparent` key, when present.
    pub transparent: Option<Ident>,
    /// The `user` key, when present.
    pub user: Option<Ident>,
    /// Some key here was already reported as wrong (misspelled, misplaced,
    /// bad value): a key that seems missing may be that one, so it is not
    /// reported again as missing.
    pub incomplete: bool,
}

impl Attrs {
    /// Reads every `#[taxonomy(...)]` in `attrs`, reporting each mistake to
    /// `cx` and keeping what parsed.
    pub fn parse(attrs: &[Attribute], place: Place, cx: &Ctxt) -> Self {
        let mut out = Self::default();
        let before = cx.len();
        for attr in attrs.iter().filter(|a| a.path().is_ident("taxonomy")) {
            if let Err(e) = attr.parse_nested_meta(|meta| out.entry(&meta, place, cx)) {
                cx.syn_error(e);
            }
        }
        out.incomplete = cx.len() > before;
        out
    }

    /// One `key` or `key = value` inside the parentheses.
    fn entry(&mut self, meta: &ParseNestedMeta<'_>, place: Place, cx: &Ctxt) -> syn::Result<()> {
        let Some(ident) = meta.path.get_ident().cloned() else {
            cx.error_spanned_by(
                &meta.path,
                format!("expected a key, one of: {}", list(place.keys())),
            );
            return skip_value(meta);
        };
        let name = ident.to_string();
        let Some(&(_, key)) = KEYS.iter().find(|(k, _)| *k == name) else {
            cx.error_spanned_by(&ident, unknown_key(&name, place));
            return skip_value(meta);
        };
        if !place.allows(key) {
            cx.error_spanned_by(&ident, place.misplaced(key, &name));
            return skip_value(meta);
        }
        match key {
            Key::Crate => {
                let lit = string(meta, &name, cx)?;
                let path = lit.as_ref().and_then(|lit| {
                    let path = lit.parse::<syn::Path>().ok();
                    if path.is_none() {
                        cx.error_spanned_by(
                            lit,
                            format!(
                                "`{}` is not a path; write one such as `crate = \"::errors_core\"` or `crate = \"::my_sdk::errors\"`",
                                lit.value()
                            ),
                        );
                    }
                    path
                });
                set(&mut self.krate, ident, path, cx);
            }
            Key::Code => set(&mut self.code, ident, string(meta, &name, cx)?, cx),
            Key::Retry => set(&mut self.retry, ident, string(meta, &name, cx)?, cx),
            Key::Message => set(&mut self.message, ident, string(meta, &name, cx)?, cx),
            Key::Remedy => self.remedies.extend(string(meta, &name, cx)?),
            Key::Status => {
                let status = match literal(meta, "`status` takes a number: `status = 409`", cx)? {
                    Some(Lit::Int(n)) => Some(n),
                    Some(other) => {
                        cx.error_spanned_by(
                            other,
                            "`status` takes a number without quotes: `status = 409`",
                        );
                        None
                    }
                    None => None,
                };
                set(&mut self.status, ident, status, cx);
            }
            Key::Transparent => flag(&mut self.transparent, ident, meta, cx)?,
            Key::User => flag(&mut self.user, ident, meta, cx)?,
        }
        Ok(())
    }
}

/// Stores a value; a second one for the same key is a mistake. A value that
/// did not parse (`None`, already reported) is not stored.
fn set<T>(slot: &mut Option<Keyed<T>>, key: Ident, value: Option<T>, cx: &Ctxt) {
    if let Some(first) = slot {
        cx.error_spanned_by(
            &key,
            format!("`{}` is given twice for the same item; keep one", first.key),
        );
        return;
    }
    if let Some(value) = value {
        *slot = Some(Keyed { key, value });
    }
}

/// A key without a value (`transparent`, `user`).
fn flag(
    slot: &mut Option<Ident>,
    key: Ident,
    meta: &ParseNestedMeta<'_>,
    cx: &Ctxt,
) -> syn::Result<()> {
    if !meta.input.is_empty() && !meta.input.peek(Token![,]) {
        cx.error_spanned_by(
            &key,
            format!("`{key}` takes no value: write `#[taxonomy({key})]`"),
        );
        skip_value(meta)?;
    }
    if slot.is_some() {
        cx.error_spanned_by(
            &key,
            format!("`{key}` is given twice for the same item; keep one"),
        );
    } else {
        *slot = Some(key);
    }
    Ok(())
}

/// The string literal after `key =`; `None` (reported to `cx`) when the
/// value is something else, so parsing goes on with the next key.
fn string(meta: &ParseNestedMeta<'_>, key: &str, cx: &Ctxt) -> syn::Result<Option<LitStr>> {
    let expected = format!("`{key}` takes a string: `{key} = \"…\"`");
    Ok(match literal(meta, &expected, cx)? {
        Some(Lit::Str(s)) => Some(s),
        Some(other) => {
            cx.error_spanned_by(other, expected);
            None
        }
        None => None,
    })
}

/// The literal after `key =`; anything else is reported with `expected`
/// and skipped.
fn literal(meta: &ParseNestedMeta<'_>, expected: &str, cx: &Ctxt) -> syn::Result<Option<Lit>> {
    if !meta.input.peek(Token![=]) {
        cx.syn_error(meta.error(expected));
        return skip_value(meta).map(|()| None);
    }
    let input = meta.value()?;
    if input.peek(Lit) {
        return input.parse().map(Some);
    }
    cx.syn_error(syn::Error::new(input.span(), expected));
    skip_value(meta)?;
    Ok(None)
}

/// Consumes the value of a key that was already reported, so the keys after
/// it are still read.
fn skip_value(meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        meta.input.parse::<Token![=]>()?;
    }
    while !meta.input.is_empty() && !meta.input.peek(Token![,]) {
        meta.input.parse::<TokenTree>()?;
    }
    Ok(())
}

fn unknown_key(name: &str, place: Place) -> String {
    let here: Vec<&str> = place.keys().collect();
    let suggestion = errors_vocab::nearest(name, here.iter().copied(), 1);
    let hint = suggestion
        .first()
        .map_or_else(String::new, |best| format!(" Did you mean `{best}`?"));
    format!(
        "unknown key `{name}`.{hint} Expected one of: {}",
        list(here.into_iter())
    )
}

fn list<'a>(names: impl Iterator<Item = &'a str>) -> String {
    names
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
