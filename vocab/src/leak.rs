//! Does a text that an end user will read give away internals?
//!
//! 001 promises its `message` is "safe to surface to end users (no stack
//! traces, no internal info)"; the catalogue's `user_message`s keep that
//! promise for every source. These checks are deliberately plain string
//! tests: they run on a few hundred short strings at build time.
//!
//! The catalogue's loader checks every `user_message` with them, and
//! errors-runtime checks a server's message with them before showing it,
//! so they are written to be cheap to compile there (every dependent of
//! errors-core compiles them): the searches are loops over bytes, not
//! `str`'s pattern API, whose searcher types are instantiated anew for each
//! kind of pattern and closure (BENCHMARKS.md, "What depending on
//! errors-core costs a build").

/// Describes the first leak found in `text`, if any.
#[must_use]
pub fn find(text: &str) -> Option<String> {
    if let Some(placeholder) = placeholder(text) {
        return Some(format!(
            "it has the placeholder `{placeholder}`: user messages are fixed text, and a placeholder could expose an internal field"
        ));
    }
    let lower = text.to_ascii_lowercase();
    for marker in STACK_TRACE {
        if position(&lower, marker, 0).is_some() {
            return Some(format!("it looks like a stack trace (`{marker}`)"));
        }
    }
    for word in text.split_whitespace() {
        if let Some(reason) = file_path(word) {
            return Some(format!("`{word}` looks like a file path ({reason})"));
        }
    }
    None
}

const STACK_TRACE: &[&str] = &[
    "traceback",
    "panicked at",
    "stack trace",
    "stacktrace",
    "backtrace",
    "exception",
    "at 0x",
    "rust_backtrace",
    "segmentation fault",
];

/// First segments of absolute paths that are a machine's, not a document's.
const SYSTEM_ROOTS: &[&str] = &[
    "app",
    "bin",
    "dev",
    "etc",
    "home",
    "lib",
    "mnt",
    "opt",
    "proc",
    "root",
    "run",
    "srv",
    "sys",
    "tmp",
    "usr",
    "var",
    "workspace",
];

const SOURCE_EXTENSIONS: &[&str] = &[
    ".rs", ".py", ".go", ".js", ".ts", ".java", ".rb", ".c", ".cc", ".cpp", ".h", ".php", ".cs",
];

fn placeholder(text: &str) -> Option<&str> {
    for (open, close) in [("${", "}"), ("{", "}"), ("%(", ")")] {
        if let Some(start) = position(text, open, 0) {
            let end = match position(text, close, start) {
                Some(at) => at + close.len(),
                None => text.len(),
            };
            return text.get(start..end);
        }
    }
    for directive in ["%s", "%d", "%v", "%r"] {
        if let Some(at) = position(text, directive, 0) {
            return text.get(at..at + directive.len());
        }
    }
    None
}

fn file_path(word: &str) -> Option<&'static str> {
    let word = trim_punctuation(word);
    // An absolute path names a file (`…/error.log`) or starts at a system
    // root (`/var/…`); a JSON pointer (`/input/width`, which 001's
    // `validation_error` messages carry to name the bad field) does neither.
    if let Some(rest) = word.strip_prefix("/")
        && let Some(first_slash) = position(rest, "/", 0)
    {
        let first = &rest[..first_slash];
        let last = last_segment(rest);
        if SYSTEM_ROOTS.contains(&first) || position(last, ".", 0).is_some() {
            return Some("an absolute path");
        }
    }
    if word.starts_with("~/") || position(word, ":\\", 0).is_some() || word.starts_with("\\\\") {
        return Some("a home or Windows path");
    }
    let stem = trim_line_number(word);
    if (position(word, "/", 0).is_some()
        || position(word, "\\", 0).is_some()
        || stem.len() < word.len())
        && SOURCE_EXTENSIONS.iter().any(|ext| stem.ends_with(ext))
    {
        return Some("a source file");
    }
    None
}

/// Where `needle` first occurs in `haystack` at or after byte `from`.
/// A match of a whole `&str` starts on a character boundary, so the
/// result can slice `haystack`.
fn position(haystack: &str, needle: &str, from: usize) -> Option<usize> {
    let (haystack, needle) = (haystack.as_bytes(), needle.as_bytes());
    let mut at = from;
    while at + needle.len() <= haystack.len() {
        if haystack[at..].starts_with(needle) {
            return Some(at);
        }
        at += 1;
    }
    None
}

/// `word` without the punctuation that wraps a path in prose: brackets,
/// commas, semicolons and quotes, at either end.
fn trim_punctuation(word: &str) -> &str {
    const fn wrapping(byte: u8) -> bool {
        matches!(byte, b'(' | b')' | b',' | b';' | b'"' | b'\'')
    }
    let bytes = word.as_bytes();
    let (mut start, mut end) = (0, bytes.len());
    while start < end && wrapping(bytes[start]) {
        start += 1;
    }
    while end > start && wrapping(bytes[end - 1]) {
        end -= 1;
    }
    // Only ASCII is cut, so both ends are character boundaries.
    word.get(start..end).unwrap_or(word)
}

/// `word` without a trailing `:42`, `:10:5` or `.`: a line number after a
/// file name.
fn trim_line_number(word: &str) -> &str {
    let bytes = word.as_bytes();
    let mut end = bytes.len();
    while end > 0 && matches!(bytes[end - 1], b'0'..=b'9' | b':' | b'.') {
        end -= 1;
    }
    word.get(..end).unwrap_or(word)
}

/// The part of `path` after its last `/` (all of it without one).
fn last_segment(path: &str) -> &str {
    let bytes = path.as_bytes();
    let mut start = bytes.len();
    while start > 0 && bytes[start - 1] != b'/' {
        start -= 1;
    }
    path.get(start..).unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::find;

    #[test]
    fn plain_advice_is_safe() {
        for text in [
            "Too many requests right now. Please wait a moment and try again.",
            "Your API key is missing or invalid.",
            "Image sizes must be multiples of 16 pixels (and/or 64 for video).",
            "The request took longer than 300 s. Try again in async mode.",
            // 001: a validation_error message names the field by JSON pointer.
            "/input/width: must be a multiple of 16",
        ] {
            assert_eq!(find(text), None, "{text}");
        }
    }

    #[test]
    fn internals_are_caught() {
        for text in [
            "Failed: {error}",
            "Failed for ${user}",
            "Failed: %s",
            "Traceback (most recent call last)",
            "thread 'main' panicked at src/lib.rs:10:5",
            "NullPointerException in worker",
            "see /var/log/app/error.log",
            "failed reading /data/models/weights.bin",
            "cannot open /srv/cache",
            "error in handler.py:42",
            "C:\\app\\server.exe crashed",
        ] {
            assert!(find(text).is_some(), "{text}");
        }
    }
}
