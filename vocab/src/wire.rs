//! The words a catalogue uses to say how its error bodies travel: where a
//! field sits ([`Step`]s of a JSON Pointer, RFC 6901, with one extension),
//! which fields there are ([`BodyField`]) and how a shape is recognised
//! ([`Test`]). The loader reads them from `taxonomy.yaml`, the generator
//! writes them into the runtime's tables, and the runtime's classifier
//! reads bodies by them; defined here once for all three.
//!
//! ```
//! use errors_vocab::wire::{parse_pointer, Step};
//!
//! let steps = parse_pointer("/detail/*/loc").unwrap();
//! assert_eq!(steps, [Step::Member("detail".into()), Step::AnyElement, Step::Member("loc".into())]);
//! assert!(parse_pointer("detail").is_err());
//! ```

use std::fmt;

/// One step of a place in a JSON body: the tokens of a JSON Pointer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Step<S = &'static str> {
    /// An object's member, by name (`~0` and `~1` already decoded).
    Member(S),
    /// An array's element, by position from 0.
    Index(u32),
    /// Any element of an array: the first whose rest of the place is
    /// present. Our extension, written `*`: RFC 6901 has no wildcard.
    AnyElement,
}

impl<S: AsRef<str>> fmt::Display for Step<S> {
    /// The token as a pointer writes it, after its `/`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Member(name) => {
                for c in name.as_ref().chars() {
                    match c {
                        '~' => f.write_str("~0")?,
                        '/' => f.write_str("~1")?,
                        c => fmt::Write::write_char(f, c)?,
                    }
                }
                Ok(())
            }
            Self::Index(index) => write!(f, "{index}"),
            Self::AnyElement => f.write_str("*"),
        }
    }
}

/// Why a pointer cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PointerError {
    /// Neither empty nor starting with `/`.
    NoLeadingSlash,
    /// A `~` not followed by `0` or `1`.
    BadEscape {
        /// The token it is in, as written.
        token: String,
    },
    /// An array index with a leading zero or too large (`01`, `99999999999`).
    BadIndex {
        /// The token, as written.
        token: String,
    },
}

impl fmt::Display for PointerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoLeadingSlash => f.write_str(
                "a JSON Pointer is empty (the whole body) or starts with `/` (`/error/code`)",
            ),
            Self::BadEscape { token } => write!(
                f,
                "`{token}` has a `~` that is neither `~0` (for `~`) nor `~1` (for `/`)"
            ),
            Self::BadIndex { token } => write!(
                f,
                "`{token}` is not an array index: write it without leading zeros, below 2^32"
            ),
        }
    }
}

impl std::error::Error for PointerError {}

/// Reads a JSON Pointer (RFC 6901) into its steps. A token of digits is
/// an array index (and names no object member: bodies that key objects by
/// numbers are not error bodies); `*` is any element of an array.
///
/// # Errors
/// [`PointerError`] when the text is not a pointer.
pub fn parse_pointer(text: &str) -> Result<Vec<Step<String>>, PointerError> {
    if text.is_empty() {
        return Ok(Vec::new());
    }
    let Some(rest) = text.strip_prefix('/') else {
        return Err(PointerError::NoLeadingSlash);
    };
    rest.split('/').map(token).collect()
}

fn token(raw: &str) -> Result<Step<String>, PointerError> {
    if raw == "*" {
        return Ok(Step::AnyElement);
    }
    if !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_digit()) {
        let valid = raw == "0" || !raw.starts_with('0');
        return match raw.parse::<u32>() {
            Ok(index) if valid => Ok(Step::Index(index)),
            _ => Err(PointerError::BadIndex {
                token: raw.to_owned(),
            }),
        };
    }
    let mut name = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '~' {
            match chars.next() {
                Some('0') => name.push('~'),
                Some('1') => name.push('/'),
                _ => {
                    return Err(PointerError::BadEscape {
                        token: raw.to_owned(),
                    });
                }
            }
        } else {
            name.push(c);
        }
    }
    Ok(Step::Member(name))
}

/// Writes steps back as a pointer (`/detail/*/msg`).
#[must_use]
pub fn display_pointer<S: AsRef<str>>(steps: &[Step<S>]) -> String {
    let mut out = String::new();
    for step in steps {
        out.push('/');
        out.push_str(&step.to_string());
    }
    out
}

/// The top-level members of an RFC 9457 problem details body that the
/// classifier reads, in this order: the standard's `type`, `title`,
/// `status` and `detail`, and the `code` and `request_id` extensions that
/// errors-core's `render` writes. A standard format, read by code in every
/// catalogue's runtime: the generator adds these places to every reading
/// plan.
pub const PROBLEM_MEMBERS: [&str; 6] = ["type", "title", "status", "detail", "code", "request_id"];

/// What a place in a body holds for a client: each a key of a shape's
/// `fields` in the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Deserialize),
    serde(rename_all = "snake_case")
)]
pub enum BodyField {
    /// The machine code (`RATE_LIMIT_EXCEEDED`).
    Code,
    /// The human-readable message.
    Message,
    /// A broad class as sent (`OpenAI`'s `type`).
    Kind,
    /// The id to quote to support.
    RequestId,
    /// A task's state (`IN_QUEUE`).
    TaskStatus,
    /// A task's failure type (`INFERENCE_FAILURE`).
    ErrorType,
    /// The id of a run.
    RunId,
    /// The id of a task.
    TaskId,
    /// A task's place in a queue (a whole number).
    QueuePosition,
    /// Where to poll a task's status.
    StatusUrl,
    /// Where a task's result is fetched.
    ResponseUrl,
    /// The request field a validation error names: a string, or an array
    /// of names and positions joined with `.` (`["body", "prompt"]` is
    /// `body.prompt`).
    RequestField,
    /// A wait the body asks for, in seconds: a number, or a string of one
    /// with an optional `s` (`"7s"`).
    RetryAfter,
}

impl BodyField {
    /// Every field, in the order the catalogue's documentation lists them.
    pub const ALL: &'static [Self] = &[
        Self::Code,
        Self::Message,
        Self::Kind,
        Self::RequestId,
        Self::TaskStatus,
        Self::ErrorType,
        Self::RunId,
        Self::TaskId,
        Self::QueuePosition,
        Self::StatusUrl,
        Self::ResponseUrl,
        Self::RequestField,
        Self::RetryAfter,
    ];

    /// The catalogue's spelling (`request_id`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Code => "code",
            Self::Message => "message",
            Self::Kind => "kind",
            Self::RequestId => "request_id",
            Self::TaskStatus => "task_status",
            Self::ErrorType => "error_type",
            Self::RunId => "run_id",
            Self::TaskId => "task_id",
            Self::QueuePosition => "queue_position",
            Self::StatusUrl => "status_url",
            Self::ResponseUrl => "response_url",
            Self::RequestField => "request_field",
            Self::RetryAfter => "retry_after",
        }
    }
}

impl fmt::Display for BodyField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a response header tells a client, beside `Retry-After` and
/// `Content-Type` (RFC 9110, read by code) and the request id (the
/// catalogue's request-id headers): the values of the catalogue's top-level
/// `headers`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Deserialize),
    serde(rename_all = "snake_case")
)]
pub enum HeaderMeaning {
    /// A wait in milliseconds, read before `Retry-After` (the more precise).
    RetryAfterMs,
    /// How many requests the window allows.
    RateLimitLimit,
    /// How many are left in it.
    RateLimitRemaining,
    /// When it resets: seconds, or an HTTP-date.
    RateLimitReset,
    /// The server's explicit word on retrying: `true` or `false`.
    ShouldRetry,
    /// The caller's own deadline expired (with the header's `value`).
    UserDeadline,
}

impl HeaderMeaning {
    /// The catalogue's spelling (`retry_after_ms`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::RetryAfterMs => "retry_after_ms",
            Self::RateLimitLimit => "rate_limit_limit",
            Self::RateLimitRemaining => "rate_limit_remaining",
            Self::RateLimitReset => "rate_limit_reset",
            Self::ShouldRetry => "should_retry",
            Self::UserDeadline => "user_deadline",
        }
    }
}

/// What must hold at a place for a body to be of a shape: the values of a
/// shape's `when` in the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Deserialize),
    serde(rename_all = "snake_case")
)]
pub enum Test {
    /// A string.
    String,
    /// A number.
    Number,
    /// An object.
    Object,
    /// An array.
    Array,
    /// Any value but `null`.
    Present,
    /// Nothing, or `null`.
    Absent,
    /// A string naming one of the shape's source's task statuses.
    TaskStatus,
    /// A string that is one of the shape's source's wire spellings (a code
    /// or a fixed message).
    Spelling,
}

impl Test {
    /// The catalogue's spelling (`task_status`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::String => "string",
            Self::Number => "number",
            Self::Object => "object",
            Self::Array => "array",
            Self::Present => "present",
            Self::Absent => "absent",
            Self::TaskStatus => "task_status",
            Self::Spelling => "spelling",
        }
    }

    /// Whether the test holds only where a value (not `null`) is present.
    #[must_use]
    pub const fn needs_presence(self) -> bool {
        !matches!(self, Self::Absent)
    }

    /// Whether the test needs the shape's source: its task statuses or its
    /// spellings.
    #[must_use]
    pub const fn needs_source(self) -> bool {
        matches!(self, Self::TaskStatus | Self::Spelling)
    }
}

impl fmt::Display for Test {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The values as Rust paths, for the generator.
#[cfg(feature = "tokens")]
mod tokens {
    use proc_macro2::{Ident, Span, TokenStream};
    use quote::quote;

    use super::{BodyField, Test};

    fn camel(snake: &str) -> Ident {
        let name: String = snake
            .split('_')
            .map(|word| {
                let mut chars = word.chars();
                chars.next().map_or_else(String::new, |first| {
                    first.to_ascii_uppercase().to_string() + chars.as_str()
                })
            })
            .collect();
        Ident::new(&name, Span::call_site())
    }

    impl BodyField {
        /// This value as a path through `runtime` (`::errors_core::wire::BodyField::Code`).
        #[must_use]
        pub fn to_tokens(self, runtime: &TokenStream) -> TokenStream {
            let variant = camel(self.as_str());
            quote!(#runtime::wire::BodyField::#variant)
        }
    }

    impl super::HeaderMeaning {
        /// This value as a path through `runtime` (`::errors_core::wire::HeaderMeaning::ShouldRetry`).
        #[must_use]
        pub fn to_tokens(self, runtime: &TokenStream) -> TokenStream {
            let variant = camel(self.as_str());
            quote!(#runtime::wire::HeaderMeaning::#variant)
        }
    }

    impl Test {
        /// This value as a path through `runtime` (`::errors_core::wire::Test::String`).
        #[must_use]
        pub fn to_tokens(self, runtime: &TokenStream) -> TokenStream {
            let variant = camel(self.as_str());
            quote!(#runtime::wire::Test::#variant)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{PointerError, Step, display_pointer, parse_pointer};

    #[test]
    fn pointers_read_as_rfc_6901_says_with_any_element() {
        assert_eq!(parse_pointer("").unwrap(), Vec::<Step<String>>::new());
        assert_eq!(
            parse_pointer("/a~1b/~0c/0/*").unwrap(),
            [
                Step::Member("a/b".to_owned()),
                Step::Member("~c".to_owned()),
                Step::Index(0),
                Step::AnyElement
            ]
        );
        assert_eq!(parse_pointer("/").unwrap(), [Step::Member(String::new())]);
        assert_eq!(parse_pointer("a"), Err(PointerError::NoLeadingSlash));
        assert!(matches!(
            parse_pointer("/a~2"),
            Err(PointerError::BadEscape { .. })
        ));
        assert!(matches!(
            parse_pointer("/01"),
            Err(PointerError::BadIndex { .. })
        ));
        assert!(matches!(
            parse_pointer("/99999999999"),
            Err(PointerError::BadIndex { .. })
        ));
    }

    #[test]
    fn pointers_write_back_as_read() {
        for text in ["", "/error/code", "/a~1b/~0c/12/*", "/"] {
            assert_eq!(display_pointer(&parse_pointer(text).unwrap()), text);
        }
    }
}
