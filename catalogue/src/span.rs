//! Where a value was written: a [`Location`] in the file and a value that
//! carries its own ([`Spanned`]).
//!
//! These are this crate's types, not the YAML parser's: the parser is an
//! implementation detail, so a new version of it is not a breaking change
//! for anyone who reads the model. The loader converts the parser's
//! locations as it reads.

use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Deserializer};

/// A place in the catalogue's file: 1-based line and column, or
/// [`Location::UNKNOWN`] (both 0) for a value the file does not hold (a
/// default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Location {
    line: u32,
    column: u32,
}

impl Location {
    /// No place: a value the file does not write (a default), or a problem
    /// about the file as a whole.
    pub const UNKNOWN: Self = Self { line: 0, column: 0 };

    /// The place at a 1-based `line` and `column`.
    ///
    /// ```
    /// let at = errors_catalogue::Location::new(3, 7);
    /// assert_eq!((at.line(), at.column()), (3, 7));
    /// ```
    #[must_use]
    pub const fn new(line: u32, column: u32) -> Self {
        Self { line, column }
    }

    /// 1-based line; 0 when unknown.
    #[must_use]
    pub const fn line(self) -> u64 {
        self.line as u64
    }

    /// 1-based column; 0 when unknown.
    #[must_use]
    pub const fn column(self) -> u64 {
        self.column as u64
    }

    /// True for [`Location::UNKNOWN`].
    #[must_use]
    pub const fn is_unknown(self) -> bool {
        self.line == 0
    }
}

impl fmt::Display for Location {
    /// `line:column`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

impl Location {
    /// The parser's location as ours. Not a `From` impl: that would put
    /// the parser's type in this crate's public API.
    pub(crate) fn from_parser(at: serde_saphyr::Location) -> Self {
        Self {
            line: u32::try_from(at.line()).unwrap_or(u32::MAX),
            column: u32::try_from(at.column()).unwrap_or(u32::MAX),
        }
    }
}

/// A value and where it was written: `referenced` is where this use of it
/// sits, `defined` where its text is (they differ for a YAML alias).
///
/// It reads as the value (`Deref`), and compares, hashes and orders by the
/// value and both places.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where the file uses it.
    pub referenced: Location,
    /// Where the file writes it (an alias's anchor), else as `referenced`.
    pub defined: Location,
}

impl<T> Spanned<T> {
    /// `value`, written at `referenced` and defined at `defined`.
    #[must_use]
    pub const fn new(value: T, referenced: Location, defined: Location) -> Self {
        Self {
            value,
            referenced,
            defined,
        }
    }

    /// `value`, written nowhere: a default the file does not hold.
    #[must_use]
    pub const fn unlocated(value: T) -> Self {
        Self::new(value, Location::UNKNOWN, Location::UNKNOWN)
    }
}

impl<T> Deref for Spanned<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    /// Read through the parser's own located value, whose places only it
    /// can fill in; outside the YAML parser (another deserializer) the
    /// places are [`Location::UNKNOWN`].
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        Ok(Self {
            value: spanned.value,
            referenced: Location::from_parser(spanned.referenced),
            defined: Location::from_parser(spanned.defined),
        })
    }
}
