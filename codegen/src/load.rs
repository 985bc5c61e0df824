//! Reading a catalogue: file → YAML → [`RawCatalogue`] → checked and
//! resolved, a [`Catalogue`].

use std::path::Path;

use serde_saphyr::{Budget, Location, Options, SnippetMode};

use crate::catalogue::Catalogue;
use crate::diag::Diagnostics;
use crate::model::RawCatalogue;
use crate::validate;

/// Reads, parses and validates the catalogue at `path`.
///
/// # Errors
/// Every problem found, each at `path:line:column`. A file that is not valid
/// YAML (or does not fit the model) stops at the first such problem, because
/// nothing after it can be trusted; a file that parses is checked whole.
pub fn load(path: impl AsRef<Path>) -> Result<Catalogue, Diagnostics> {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path).map_err(|e| {
        let mut d = Diagnostics::new(path);
        d.at(Location::UNKNOWN, format!("cannot read the catalogue: {e}"));
        d
    })?;
    load_str(&text, path)
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
        let location = e.location().unwrap_or(Location::UNKNOWN);
        let mut message = plain_message(&e);
        if let Some(key) = key_at(text, location)
            && !message.contains(key.as_str())
        {
            message.push_str(&format!(" (at key `{key}`)"));
        }
        d.at(location, message);
        d
    })
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
