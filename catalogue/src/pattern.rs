//! Fixed messages with a variable part: `App not found: {app}`.
//!
//! A pattern is literal text with `{name}` holes; a hole matches one or more
//! characters. The emitter turns a pattern into straight-line `strip_prefix`
//! / `find` code, and `explain` matches with [`Pattern::matches`].

/// One piece of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment<'a> {
    /// Text that must appear exactly.
    Literal(&'a str),
    /// A variable part, by name.
    Hole(&'a str),
}

/// A parsed message pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern<'a> {
    segments: Vec<Segment<'a>>,
}

/// Why a pattern does not parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatternError {
    /// A `{` without its `}`, or a `}` without its `{`.
    Unbalanced,
    /// `{}` or a name that is not `[a-z0-9_]+`.
    BadName,
    /// Two holes with nothing between them cannot be told apart.
    AdjacentHoles,
}

impl std::fmt::Display for PatternError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Unbalanced => "unbalanced `{` or `}`",
            Self::BadName => "a `{hole}` name must be lowercase letters, digits or `_`",
            Self::AdjacentHoles => "two `{holes}` need literal text between them",
        })
    }
}

impl<'a> Pattern<'a> {
    /// Parses `text`; text without braces is a pattern of one literal.
    pub fn parse(text: &'a str) -> Result<Self, PatternError> {
        let mut segments = Vec::new();
        let mut rest = text;
        while !rest.is_empty() {
            match rest.find(['{', '}']) {
                None => {
                    segments.push(Segment::Literal(rest));
                    break;
                }
                Some(at) if rest.as_bytes()[at] == b'}' => return Err(PatternError::Unbalanced),
                Some(at) => {
                    if at > 0 {
                        segments.push(Segment::Literal(&rest[..at]));
                    }
                    let after = &rest[at + 1..];
                    let close = after.find('}').ok_or(PatternError::Unbalanced)?;
                    let name = &after[..close];
                    if name.is_empty()
                        || !name
                            .bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
                    {
                        return Err(PatternError::BadName);
                    }
                    if matches!(segments.last(), Some(Segment::Hole(_))) {
                        return Err(PatternError::AdjacentHoles);
                    }
                    segments.push(Segment::Hole(name));
                    rest = &after[close + 1..];
                }
            }
        }
        Ok(Self { segments })
    }

    /// The pieces, in order.
    #[must_use]
    pub fn segments(&self) -> &[Segment<'a>] {
        &self.segments
    }

    /// True when the pattern has no holes: it is one exact string.
    #[must_use]
    pub fn is_exact(&self) -> bool {
        !self.segments.iter().any(|s| matches!(s, Segment::Hole(_)))
    }

    /// Whether `text` is an instance of the pattern. Each hole takes at least
    /// one character; the literal after it is found at its first place, which
    /// is the same rule the generated code follows.
    #[must_use]
    pub fn matches(&self, text: &str) -> bool {
        let mut rest = text;
        let mut segments = self.segments.iter().peekable();
        while let Some(segment) = segments.next() {
            match segment {
                Segment::Literal(lit) => match rest.strip_prefix(lit) {
                    Some(after) => rest = after,
                    None => return false,
                },
                Segment::Hole(_) => match segments.peek() {
                    None => return !rest.is_empty(),
                    Some(Segment::Literal(lit)) => {
                        let Some(first) = rest.chars().next() else {
                            return false;
                        };
                        let skip = first.len_utf8();
                        match rest[skip..].find(lit) {
                            Some(at) => rest = &rest[skip + at..],
                            None => return false,
                        }
                    }
                    Some(Segment::Hole(_)) => return false,
                },
            }
        }
        rest.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hole_takes_the_variable_part() {
        let p = Pattern::parse("App not found: {app}").unwrap();
        assert!(p.matches("App not found: my-app"));
        assert!(p.matches("App not found: not_exists"));
        assert!(!p.matches("App not found: "));
        assert!(!p.matches("app not found: x"));
        assert!(!p.is_exact());
    }

    #[test]
    fn holes_between_literals() {
        let p = Pattern::parse("Model {m} not allowed for {user}.").unwrap();
        assert!(p.matches("Model x not allowed for y."));
        assert!(!p.matches("Model x not allowed for y"));
        assert!(!p.matches("Model  not allowed for y."));
    }

    #[test]
    fn exact_text_matches_only_itself() {
        let p = Pattern::parse("Workflow is locked").unwrap();
        assert!(p.is_exact());
        assert!(p.matches("Workflow is locked"));
        assert!(!p.matches("Workflow is locked!"));
    }

    #[test]
    fn malformed_patterns_are_refused() {
        assert_eq!(Pattern::parse("a {b"), Err(PatternError::Unbalanced));
        assert_eq!(Pattern::parse("a } b"), Err(PatternError::Unbalanced));
        assert_eq!(Pattern::parse("a {} b"), Err(PatternError::BadName));
        assert_eq!(Pattern::parse("a {B} b"), Err(PatternError::BadName));
        assert_eq!(Pattern::parse("{a}{b}"), Err(PatternError::AdjacentHoles));
    }

    proptest::proptest! {
        #[test]
        fn parse_and_match_never_panic(pattern in "\\PC{0,24}", text in "\\PC{0,24}") {
            if let Ok(p) = Pattern::parse(&pattern) {
                let _ = p.matches(&text);
            }
        }

        #[test]
        fn a_filled_hole_matches(prefix in "[a-zA-Z :]{0,10}", fill in "[a-z0-9_-]{1,10}") {
            let text = format!("{prefix}{{name}}");
            let p = Pattern::parse(&text).unwrap();
            let filled = format!("{prefix}{fill}");
            proptest::prop_assert!(p.matches(&filled));
        }
    }
}
