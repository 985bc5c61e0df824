//! How catalogue ids become Rust identifiers, and which ones cannot: one
//! rule for the generator (which names the variants) and the derive (which
//! names them in its expansion).

/// `rate_limit_exceeded`, `RATE_LIMIT_EXCEEDED` and `rate-limit exceeded`
/// all become `RateLimitExceeded`: words are split on anything that is not
/// an ASCII letter or digit, and each word is capitalised.
#[must_use]
pub fn upper_camel(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for word in id.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars.map(|c| c.to_ascii_lowercase()));
        }
    }
    out
}

/// Why `ident` cannot name a variant, if it cannot.
#[must_use]
pub fn problem(ident: &str) -> Option<&'static str> {
    let first = ident.chars().next()?;
    if first.is_ascii_digit() {
        return Some("a Rust identifier cannot start with a digit");
    }
    if !ident.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Some("only ASCII letters, digits and separators are allowed");
    }
    if KEYWORDS.contains(&ident) {
        return Some("it is a Rust keyword");
    }
    None
}

/// Every Rust keyword that can come out of [`upper_camel`]; the others are
/// all lowercase and so cannot.
const KEYWORDS: &[&str] = &["Self"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_code_meet() {
        assert_eq!(upper_camel("rate_limit_exceeded"), "RateLimitExceeded");
        assert_eq!(upper_camel("RATE_LIMIT_EXCEEDED"), "RateLimitExceeded");
        assert_eq!(upper_camel("rate-limit exceeded"), "RateLimitExceeded");
        assert_eq!(upper_camel("Payload Too Large"), "PayloadTooLarge");
    }

    #[test]
    fn bad_identifiers_are_named() {
        assert!(problem("Self").is_some());
        assert!(problem("2faRequired").is_some());
        assert!(problem("").is_none(), "empty ids are reported elsewhere");
        assert!(problem("RateLimitExceeded").is_none());
    }
}
