//! Reading a catalogue: file → YAML → [`RawCatalogue`] → checked and
//! resolved, a [`Catalogue`].

use std::path::Path;

use serde_saphyr::{Budget, Options, SnippetMode};

use crate::span::Location;

use crate::diag::Diagnostics;
use crate::model::RawCatalogue;
use crate::resolved::Catalogue;
use crate::validate;

/// Reads, parses and validates the catalogue at `path`.
///
/// # Errors
/// Every problem found, each at `path:line:column`; a file that cannot be
/// read is one problem whose `source()` is the [`std::io::Error`]. A file that is not valid
/// YAML (or does not fit the model) stops at the first such problem, because
/// nothing after it can be trusted; a file that parses is checked whole.
pub fn load(path: impl AsRef<Path>) -> Result<Catalogue, Diagnostics> {
    let path = path.as_ref();
    let bytes = std::fs::read(path).map_err(|e| Diagnostics::unreadable(path, e))?;
    load_bytes(&bytes, path)
}

/// Parses and validates a catalogue's bytes; text that is not UTF-8 is a
/// problem at the line and column of its first bad byte.
///
/// # Errors
/// As [`load`].
pub fn load_bytes(bytes: &[u8], path: impl AsRef<Path>) -> Result<Catalogue, Diagnostics> {
    let path = path.as_ref();
    match std::str::from_utf8(bytes) {
        Ok(text) => load_str(text, path),
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = valid
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |at| at + 1);
            let column = String::from_utf8_lossy(&valid[line_start..])
                .chars()
                .count()
                + 1;
            let mut d = Diagnostics::new(path);
            d.at_line(
                u64::try_from(line).unwrap_or(u64::MAX),
                u64::try_from(column).unwrap_or(u64::MAX),
                format!(
                    "the catalogue is not valid UTF-8: byte 0x{:02x} cannot start or continue a character here; save the file as UTF-8",
                    bytes.get(e.valid_up_to()).copied().unwrap_or_default()
                ),
            );
            Err(d)
        }
    }
}

/// Parses and validates `text`; `path` only names the file in messages.
///
/// # Errors
/// As [`load`].
pub fn load_str(text: &str, path: impl AsRef<Path>) -> Result<Catalogue, Diagnostics> {
    let path = path.as_ref();
    validate::check(parse(text, path)?, path)
}

/// serde-saphyr's defaults guard against YAML bombs with a budget of 250,000
/// nodes; a catalogue of 10,000 codes has about 780,000. The budget stays,
/// scaled to the largest catalogue we plan for (about 25,000 codes).
fn options() -> Options {
    let mut budget = Budget::default();
    budget.max_nodes = 2_000_000;
    budget.max_events = 8_000_000;
    let mut options = Options::default();
    options.budget = Some(budget);
    options
}

fn parse(text: &str, path: &Path) -> Result<RawCatalogue, Diagnostics> {
    serde_saphyr::from_str_with_options::<RawCatalogue>(text, options()).map_err(|e| {
        let mut d = Diagnostics::new(path);
        let location = e
            .location()
            .map_or(Location::UNKNOWN, Location::from_parser);
        let mut message = plain_message(&e);
        if let Some(key) = key_at(text, location)
            && !message.contains(key.as_str())
        {
            message.push_str(&format!(" (at key `{key}`)"));
        }
        d.at(location, message);
        for section in other_missing_sections(text, &e) {
            d.at(
                location,
                format!("missing field `{section}`: the catalogue has no `{section}:` section"),
            );
        }
        d
    })
}

/// When `error` is a top-level section missing, the sections missing after
/// it: each found by parsing again with the ones found so far added empty,
/// so that a catalogue missing several says so at once. The model decides
/// which sections are required; nothing here lists them.
fn other_missing_sections(text: &str, error: &serde_saphyr::Error) -> Vec<String> {
    const MOST: usize = 16;
    let mut found: Vec<String> = Vec::new();
    let mut patched = text.to_owned();
    let mut current = missing_field(&plain_message(error));
    while let Some(section) = current {
        if found.len() >= MOST {
            break;
        }
        // Patched in as an empty top-level section. A field missing from an
        // entry instead makes the next parse fail otherwise (an unknown
        // top-level field), which ends the search with nothing added.
        patched.push_str(&format!("\n{section}: []\n"));
        current = serde_saphyr::from_str_with_options::<RawCatalogue>(&patched, options())
            .err()
            .and_then(|e| missing_field(&plain_message(&e)))
            .filter(|next| *next != section && !found.contains(next));
        if let Some(next) = &current {
            found.push(next.clone());
        }
    }
    found
}

/// The field of serde's "missing field `x`" message.
fn missing_field(message: &str) -> Option<String> {
    let rest = message.strip_prefix("missing field `")?;
    Some(rest[..rest.find('`')?].to_owned())
}

/// serde-saphyr's message without its own location and snippet (ours
/// carries the place in `path:line:column` form) or its API advice.
fn plain_message(e: &serde_saphyr::Error) -> String {
    let rendered = e.render_with_options(serde_saphyr::render_options! {
        snippets: SnippetMode::Off,
    });
    let mut message = rendered.trim();
    message = message.strip_prefix("error: ").unwrap_or(message);
    if message.starts_with("line ")
        && let Some((_, rest)) = message.split_once(": ")
    {
        message = rest;
    }
    if let Some(at) = message.rfind(" at line ") {
        message = &message[..at];
    }
    message
        .trim_end_matches(", set DuplicateKeyPolicy in Options if acceptable")
        .to_string()
}

/// The mapping key written on the line of `location`, so a type error names
/// the key it is about (`status: four` → `status`).
fn key_at(text: &str, location: Location) -> Option<String> {
    let index = usize::try_from(location.line()).ok()?.checked_sub(1)?;
    let line = text.lines().nth(index)?;
    let (key, _) = line.split_once(':')?;
    let key = key.trim().trim_start_matches("- ").trim();
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    plain.then(|| key.to_string())
}
