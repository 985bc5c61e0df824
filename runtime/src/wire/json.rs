//! A pull reader for JSON (RFC 8259) error bodies: it checks the whole
//! text in one pass and hands the body reader only what it asks for.
//!
//! Why not `serde_json`'s `Deserializer`: an error body is read for a
//! dozen short fields, and going through serde's visitor protocol cost
//! more than the scan itself (every field a `deserialize_any` dispatch,
//! every skipped value an `IgnoredAny`), and its seven monomorphised
//! visitors were the largest part of this crate's compile. This reader
//! accepts exactly the documents `serde_json::from_slice::<IgnoredAny>`
//! accepts on UTF-8 input (a property test holds it to that), borrows
//! every string without an escape, and never recurses: skipping keeps
//! its nesting in a bit stack, so a deeply nested body cannot exhaust
//! the stack.

use std::borrow::Cow;

/// The body is not JSON: its first fault, with no detail (the classifier
/// only needs to know the body cannot be read).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Malformed;

/// What the next value is, told from its first byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Object,
    Array,
    String,
    Number,
    /// `true`, `false` or `null`.
    Literal,
}

/// A number, as far as the body reader cares: a count, or anything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Number {
    /// A non-negative integer that fits in a `u64`, without fraction or exponent.
    Count(u64),
    /// Negative, fractional, with an exponent, or too large.
    Other,
}

/// Position in one JSON text. Every method that fails leaves the reader
/// in an unspecified state: the caller drops the body as malformed.
pub(crate) struct Reader<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `text`.
    pub(crate) fn new(text: &'a str) -> Self {
        Self { text, pos: 0 }
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn skip_whitespace(&mut self) {
        let bytes = self.bytes();
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    /// The next byte after whitespace, not consumed.
    fn next_byte(&mut self) -> Result<u8, Malformed> {
        self.skip_whitespace();
        self.bytes().get(self.pos).copied().ok_or(Malformed)
    }

    fn expect(&mut self, byte: u8) -> Result<(), Malformed> {
        if self.next_byte()? == byte {
            self.pos += 1;
            Ok(())
        } else {
            Err(Malformed)
        }
    }

    /// What the next value is.
    pub(crate) fn peek(&mut self) -> Result<Kind, Malformed> {
        Ok(match self.next_byte()? {
            b'{' => Kind::Object,
            b'[' => Kind::Array,
            b'"' => Kind::String,
            b'-' | b'0'..=b'9' => Kind::Number,
            b't' | b'f' | b'n' => Kind::Literal,
            _ => return Err(Malformed),
        })
    }

    /// Only whitespace is left.
    pub(crate) fn end(&mut self) -> Result<(), Malformed> {
        self.skip_whitespace();
        if self.pos == self.text.len() {
            Ok(())
        } else {
            Err(Malformed)
        }
    }

    /// Enters the array that is the next value.
    pub(crate) fn begin_array(&mut self) -> Result<Elements, Malformed> {
        self.expect(b'[')?;
        Ok(Elements { first: true })
    }

    /// The string that is the next value, its escapes decoded. Borrowed
    /// from the text unless it has an escape. A `\u` escape that is half
    /// of a surrogate pair without the other half is malformed (as for
    /// `serde_json`: no `char` can hold it).
    #[inline]
    pub(crate) fn string(&mut self) -> Result<Cow<'a, str>, Malformed> {
        self.expect(b'"')?;
        let start = self.pos;
        let end = self.to_quote_or_escape()?;
        if self.bytes().get(end) == Some(&b'"') {
            self.pos = end + 1;
            // Quotes are ASCII, so both ends are character boundaries.
            return self
                .text
                .get(start..end)
                .map(Cow::Borrowed)
                .ok_or(Malformed);
        }
        self.escaped_string(start, end).map(Cow::Owned)
    }

    /// The rest of a string from its first backslash at `end`: decoded
    /// into a new `String`. Out of line: few error strings have escapes,
    /// and the common path stays small enough to inline.
    #[cold]
    #[inline(never)]
    fn escaped_string(&mut self, start: usize, end: usize) -> Result<String, Malformed> {
        let mut owned = String::with_capacity(end - start + 8);
        owned.push_str(self.text.get(start..end).ok_or(Malformed)?);
        self.pos = end;
        loop {
            // At a backslash.
            self.pos += 1;
            let escape = *self.bytes().get(self.pos).ok_or(Malformed)?;
            self.pos += 1;
            match escape {
                b'"' => owned.push('"'),
                b'\\' => owned.push('\\'),
                b'/' => owned.push('/'),
                b'b' => owned.push('\u{8}'),
                b'f' => owned.push('\u{c}'),
                b'n' => owned.push('\n'),
                b'r' => owned.push('\r'),
                b't' => owned.push('\t'),
                b'u' => owned.push(self.unicode_escape()?),
                _ => return Err(Malformed),
            }
            let run = self.pos;
            let end = self.to_quote_or_escape()?;
            owned.push_str(self.text.get(run..end).ok_or(Malformed)?);
            self.pos = end;
            if self.bytes().get(end) == Some(&b'"') {
                self.pos = end + 1;
                return Ok(owned);
            }
        }
    }

    /// After `\u`: four hex digits, and a second escape when they are a
    /// leading surrogate.
    fn unicode_escape(&mut self) -> Result<char, Malformed> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                if self.bytes().get(self.pos..self.pos + 2) != Some(b"\\u") {
                    return Err(Malformed);
                }
                self.pos += 2;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(Malformed);
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(Malformed),
            other => other,
        };
        char::from_u32(code).ok_or(Malformed)
    }

    fn hex4(&mut self) -> Result<u32, Malformed> {
        let digits = self.bytes().get(self.pos..self.pos + 4).ok_or(Malformed)?;
        let mut value = 0;
        for &digit in digits {
            let nibble = char::from(digit).to_digit(16).ok_or(Malformed)?;
            value = value * 16 + nibble;
        }
        self.pos += 4;
        Ok(value)
    }

    /// From inside a string, the index of its closing quote or of its next
    /// backslash ([`quote_or_escape`]).
    #[inline]
    fn to_quote_or_escape(&self) -> Result<usize, Malformed> {
        quote_or_escape(self.bytes(), self.pos)
    }

    /// The text, whole.
    pub(crate) fn text(&self) -> &'a str {
        self.text
    }

    /// Where the reader is in the text.
    pub(crate) fn pos(&self) -> usize {
        self.pos
    }

    /// Moves the reader to `pos` of the text (where the caller read to).
    pub(crate) fn set_pos(&mut self, pos: usize) {
        self.pos = pos;
    }

    /// Skips a string without decoding it: only that its escapes are
    /// well formed (`\u` needs four hex digits; which code point they
    /// make does not matter to a value nobody reads, as for `serde_json`).
    fn skip_string(&mut self) -> Result<(), Malformed> {
        self.expect(b'"')?;
        loop {
            let end = self.to_quote_or_escape()?;
            self.pos = end + 1;
            if self.bytes().get(end) == Some(&b'"') {
                return Ok(());
            }
            let escape = *self.bytes().get(self.pos).ok_or(Malformed)?;
            self.pos += 1;
            match escape {
                b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => {}
                b'u' => {
                    self.hex4()?;
                }
                _ => return Err(Malformed),
            }
        }
    }

    /// The number that is the next value, checked against JSON's grammar
    /// (`-`, no leading zeros, a fraction and an exponent with digits).
    pub(crate) fn number(&mut self) -> Result<Number, Malformed> {
        self.skip_whitespace();
        let bytes = self.bytes();
        let negative = bytes.get(self.pos) == Some(&b'-');
        if negative {
            self.pos += 1;
        }
        let mut count: Option<u64> = Some(0);
        match bytes.get(self.pos) {
            Some(b'0') => {
                self.pos += 1;
                if bytes.get(self.pos).is_some_and(u8::is_ascii_digit) {
                    return Err(Malformed);
                }
            }
            Some(b'1'..=b'9') => {
                while let Some(&digit) = bytes.get(self.pos).filter(|b| b.is_ascii_digit()) {
                    count = count
                        .and_then(|n| n.checked_mul(10))
                        .and_then(|n| n.checked_add(u64::from(digit - b'0')));
                    self.pos += 1;
                }
            }
            _ => return Err(Malformed),
        }
        let mut integer = true;
        if bytes.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            integer = false;
            self.digits()?;
        }
        if let Some(b'e' | b'E') = bytes.get(self.pos) {
            self.pos += 1;
            integer = false;
            if let Some(b'+' | b'-') = bytes.get(self.pos) {
                self.pos += 1;
            }
            self.digits()?;
        }
        Ok(match count {
            Some(n) if integer && !negative => Number::Count(n),
            _ => Number::Other,
        })
    }

    /// As [`Reader::number`], with the number's text as written.
    pub(crate) fn number_text(&mut self) -> Result<(Number, &'a str), Malformed> {
        self.skip_whitespace();
        let start = self.pos;
        let number = self.number()?;
        Ok((number, &self.text[start..self.pos]))
    }

    /// Whether the next value is `null` (checked after [`Reader::peek`]
    /// answered [`Kind::Literal`]); nothing is consumed.
    pub(crate) fn next_is_null(&mut self) -> bool {
        self.next_byte() == Ok(b'n')
    }

    /// Skips the literal that is the next value (`true`, `false` or `null`,
    /// as [`Reader::peek`] answered [`Kind::Literal`]): what
    /// [`Reader::skip_value`] does with one, without its nesting.
    pub(crate) fn skip_literal(&mut self) -> Result<(), Malformed> {
        self.skip_whitespace();
        self.literal()
    }

    /// One or more digits.
    fn digits(&mut self) -> Result<(), Malformed> {
        let bytes = self.bytes();
        let start = self.pos;
        while bytes.get(self.pos).is_some_and(u8::is_ascii_digit) {
            self.pos += 1;
        }
        if self.pos == start {
            Err(Malformed)
        } else {
            Ok(())
        }
    }

    fn literal(&mut self) -> Result<(), Malformed> {
        let rest = self.bytes().get(self.pos..).unwrap_or_default();
        for word in ["true", "false", "null"] {
            if rest.starts_with(word.as_bytes()) {
                self.pos += word.len();
                return Ok(());
            }
        }
        Err(Malformed)
    }

    /// Skips the next value, however deep, without recursion.
    pub(crate) fn skip_value(&mut self) -> Result<(), Malformed> {
        // Which containers are open: a bit per level, set for an object.
        let mut open = Nesting::default();
        loop {
            // At the start of a value.
            match self.peek()? {
                Kind::Object => {
                    self.pos += 1;
                    if self.next_byte()? == b'}' {
                        self.pos += 1;
                    } else {
                        open.push(true);
                        self.member_key()?;
                        continue;
                    }
                }
                Kind::Array => {
                    self.pos += 1;
                    if self.next_byte()? == b']' {
                        self.pos += 1;
                    } else {
                        open.push(false);
                        continue;
                    }
                }
                Kind::String => self.skip_string()?,
                Kind::Number => {
                    self.number()?;
                }
                Kind::Literal => self.literal()?,
            }
            // After a value: close what ends here, then find the next value.
            loop {
                let Some(in_object) = open.top() else {
                    return Ok(());
                };
                match (self.next_byte()?, in_object) {
                    (b',', true) => {
                        self.pos += 1;
                        self.member_key()?;
                        break;
                    }
                    (b',', false) => {
                        self.pos += 1;
                        break;
                    }
                    (b'}', true) | (b']', false) => {
                        self.pos += 1;
                        open.pop();
                    }
                    _ => return Err(Malformed),
                }
            }
        }
    }

    /// A member's key and its colon, skipped.
    fn member_key(&mut self) -> Result<(), Malformed> {
        self.skip_string()?;
        self.expect(b':')
    }
}

/// The open containers of a skipped value: 128 levels in place, deeper
/// ones (never seen in a real body, but a body is outside input) on the heap.
#[derive(Default)]
struct Nesting {
    bits: u128,
    depth: usize,
    deeper: Vec<bool>,
}

impl Nesting {
    fn push(&mut self, object: bool) {
        if self.depth < 128 {
            self.bits = (self.bits << 1) | u128::from(object);
        } else {
            self.deeper.push(object);
        }
        self.depth += 1;
    }

    fn pop(&mut self) {
        if self.depth > 128 {
            self.deeper.pop();
        } else if self.depth > 0 {
            self.bits >>= 1;
        }
        self.depth = self.depth.saturating_sub(1);
    }

    /// Whether the innermost open container is an object; `None` when none is open.
    fn top(&self) -> Option<bool> {
        match self.depth {
            0 => None,
            1..=128 => Some(self.bits & 1 == 1),
            _ => self.deeper.last().copied(),
        }
    }
}

impl<'a> Reader<'a> {
    /// Whether another item of the open object or array follows, its
    /// comma consumed (none before the first); `false` after the `close`
    /// byte.
    fn next_item(&mut self, first: &mut bool, close: u8) -> Result<bool, Malformed> {
        let byte = self.next_byte()?;
        if byte == close {
            self.pos += 1;
            return Ok(false);
        }
        if !*first {
            if byte != b',' {
                return Err(Malformed);
            }
            self.pos += 1;
        }
        *first = false;
        Ok(true)
    }

    /// A member's key. A key whose escape cannot be decoded (a lone
    /// surrogate) reads as the empty key: it matches no field, and `serde_json`
    /// does not reject it either.
    pub(crate) fn key(&mut self) -> Result<Cow<'a, str>, Malformed> {
        let start = self.pos;
        if let Ok(key) = self.string() {
            return Ok(key);
        }
        self.pos = start;
        self.skip_string()?;
        Ok(Cow::Borrowed(""))
    }
}

/// The elements of an array being read: call [`Elements::next`] until it
/// answers `false`, reading (or skipping) each element between.
pub(crate) struct Elements {
    first: bool,
}

impl Elements {
    /// Whether another element follows (its comma consumed); `false`
    /// after the closing bracket.
    pub(crate) fn next(&mut self, reader: &mut Reader<'_>) -> Result<bool, Malformed> {
        reader.next_item(&mut self.first, b']')
    }
}

/// The index of the first byte at or after `at` that is not whitespace.
#[inline]
pub(crate) fn skip_whitespace(bytes: &[u8], mut at: usize) -> usize {
    while let Some(b' ' | b'\n' | b'\r' | b'\t') = bytes.get(at) {
        at += 1;
    }
    at
}

/// From `at`, inside a string, the index of its closing quote or of its
/// next backslash; a control character (below U+0020) is malformed, as
/// JSON says. Eight bytes at a time: error bodies are mostly string bytes.
// Out of line, the call costs more than the work (counted with
// `scripts/classify-instructions`).
#[allow(clippy::inline_always)]
#[inline(always)]
pub(crate) fn quote_or_escape(bytes: &[u8], mut at: usize) -> Result<usize, Malformed> {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    while let Some(chunk) = bytes.get(at..at + 8) {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        // The high bit of each byte that is `"`, `\` or below 0x20
        // (the classic "has less than" test: a borrow can only mark a
        // byte above a true one, so the lowest mark is exact, and
        // little-endian order makes it the first such byte). Flipping
        // bit 1 turns `"` (0x22) into 0x20 and keeps every byte below
        // 0x20 below it, so one test finds both: below 0x21 after the flip.
        let quote_or_control = x ^ (ONES * 0x02);
        let backslash = x ^ (ONES * u64::from(b'\\'));
        let special = (quote_or_control.wrapping_sub(ONES * 0x21) & !quote_or_control
            | backslash.wrapping_sub(ONES) & !backslash)
            & HIGH;
        if special != 0 {
            // At most 7: the index of a byte within the word.
            let first = at + (special.trailing_zeros() / 8) as usize;
            return match bytes.get(first) {
                Some(b'"' | b'\\') => Ok(first),
                _ => Err(Malformed),
            };
        }
        at += 8;
    }
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b'"' | b'\\' => return Ok(at),
            0..=0x1F => return Err(Malformed),
            _ => at += 1,
        }
    }
    Err(Malformed)
}

/// [`words`](crate::wire::shape::words) of `key`, which sits at `start` of
/// `text`: read as two loads from the text where it is long enough.
// Out of line, the call costs more than the work (counted with
// `scripts/classify-instructions`).
#[allow(clippy::inline_always)]
#[inline(always)]
pub(crate) fn key_words(text: &[u8], start: usize, key: &[u8]) -> [u64; 2] {
    let len = key.len();
    let Some(&first) = text.get(start..).and_then(|rest| rest.first_chunk::<8>()) else {
        return crate::wire::shape::words(key);
    };
    let first = u64::from_le_bytes(first);
    if len < 8 {
        return [first & ((1 << (8 * len)) - 1), 0];
    }
    if len == 8 {
        return [first, 0];
    }
    let last = key
        .last_chunk::<8>()
        .map_or(0, |&last| u64::from_le_bytes(last));
    [first, last]
}

#[cfg(test)]
mod tests;
