//! Does a text that an end user will read give away internals?
//!
//! 001 promises its `message` is "safe to surface to end users (no stack
//! traces, no internal info)"; the catalogue's `user_message`s keep that
//! promise for every source. These checks are deliberately plain string
//! tests: they run on a few hundred short strings at build time.

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
        if lower.contains(marker) {
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
        if let Some(start) = text.find(open) {
            let end = text[start..]
                .find(close)
                .map_or(text.len(), |e| start + e + close.len());
            return Some(&text[start..end]);
        }
    }
    ["%s", "%d", "%v", "%r"]
        .into_iter()
        .find_map(|p| text.find(p).map(|at| &text[at..at + p.len()]))
}

fn file_path(word: &str) -> Option<&'static str> {
    let word = word.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | ';' | '"' | '\''));
    // An absolute path names a file (`…/error.log`) or starts at a system
    // root (`/var/…`); a JSON pointer (`/input/width`, which 001's
    // `validation_error` messages carry to name the bad field) does neither.
    if let Some(rest) = word.strip_prefix('/')
        && rest.contains('/')
    {
        let first = rest.split('/').next().unwrap_or_default();
        let last = rest.rsplit('/').next().unwrap_or_default();
        if SYSTEM_ROOTS.contains(&first) || last.contains('.') {
            return Some("an absolute path");
        }
    }
    if word.starts_with("~/") || word.contains(":\\") || word.starts_with("\\\\") {
        return Some("a home or Windows path");
    }
    let stem = word.trim_end_matches(|c: char| c.is_ascii_digit() || c == ':' || c == '.');
    if (word.contains('/') || word.contains('\\') || stem.len() < word.len())
        && SOURCE_EXTENSIONS.iter().any(|ext| stem.ends_with(ext))
    {
        return Some("a source file");
    }
    None
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
