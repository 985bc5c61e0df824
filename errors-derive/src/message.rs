//! `message = "…"` templates: fixed text with `{field}` (or `{0}`) holes and
//! `{{` / `}}` for literal braces. Which fields a hole may name is checked
//! in `valid`; this module only splits the text.

/// One piece of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece {
    /// Text shown as is, braces already unescaped.
    Text(String),
    /// A field by name, or by position in a tuple variant (`"0"`).
    Hole(String),
}

/// Why a template does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TemplateError {
    /// A `{` without its `}`.
    Unclosed,
    /// A `}` that closes nothing.
    Unopened,
    /// `{}`: the field must be named.
    Positional,
    /// `{name:?}`, `{name:>5}`: a field is always shown with its `Display`.
    FormatSpec(String),
    /// `{a b}`, `{-}`: not a field name or index.
    NotAField(String),
}

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Unclosed => f.write_str(
                "unclosed `{` in `message`; write `{{` for a literal brace",
            ),
            Self::Unopened => f.write_str(
                "unmatched `}` in `message`; write `}}` for a literal brace",
            ),
            Self::Positional => f.write_str(
                "`{}` in `message` must name the field to show: `{field}`, or `{0}` in a tuple variant",
            ),
            Self::FormatSpec(hole) => write!(
                f,
                "`{{{hole}}}`: format specs are not supported in `message`; a field is shown with its `Display`, never its `Debug`"
            ),
            Self::NotAField(hole) => write!(
                f,
                "`{{{hole}}}` in `message` is not a field name or tuple index"
            ),
        }
    }
}

/// Splits `text` into pieces; adjacent text is merged.
pub(crate) fn parse(text: &str) -> Result<Vec<Piece>, TemplateError> {
    let mut pieces = Vec::new();
    let mut literal = String::new();
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '{' if chars.peek().is_some_and(|&(_, next)| next == '{') => {
                chars.next();
                literal.push('{');
            }
            '}' if chars.peek().is_some_and(|&(_, next)| next == '}') => {
                chars.next();
                literal.push('}');
            }
            '}' => return Err(TemplateError::Unopened),
            '{' => {
                let rest = &text[at + 1..];
                let close = rest.find('}').ok_or(TemplateError::Unclosed)?;
                let hole = &rest[..close];
                check_hole(hole)?;
                if !literal.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut literal)));
                }
                pieces.push(Piece::Hole(hole.to_string()));
                // Skip the hole and its `}`.
                for _ in 0..=hole.chars().count() {
                    chars.next();
                }
            }
            c => literal.push(c),
        }
    }
    if !literal.is_empty() {
        pieces.push(Piece::Text(literal));
    }
    Ok(pieces)
}

fn check_hole(hole: &str) -> Result<(), TemplateError> {
    let name = hole.trim();
    if name.is_empty() {
        return Err(TemplateError::Positional);
    }
    if name.contains(':') {
        return Err(TemplateError::FormatSpec(hole.to_string()));
    }
    let is_index = name.bytes().all(|b| b.is_ascii_digit());
    let is_ident = name
        .strip_prefix("r#")
        .unwrap_or(name)
        .bytes()
        .enumerate()
        .all(|(i, b)| b == b'_' || b.is_ascii_alphabetic() || (i > 0 && b.is_ascii_digit()));
    if name != hole || !(is_index || is_ident) {
        return Err(TemplateError::NotAField(hole.to_string()));
    }
    Ok(())
}
