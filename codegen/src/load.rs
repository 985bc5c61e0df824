//! Reading a catalogue: file → YAML → [`Catalogue`] → checked.

use std::path::Path;

use serde_saphyr::{Location, SnippetMode};

use crate::diag::Diagnostics;
use crate::model::Catalogue;
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
    let catalogue = parse(text, path)?;
    validate::check(&catalogue, path)?;
    Ok(catalogue)
}

fn parse(text: &str, path: &Path) -> Result<Catalogue, Diagnostics> {
    serde_saphyr::from_str::<Catalogue>(text).map_err(|e| {
        let mut d = Diagnostics::new(path);
        let location = e.location().unwrap_or(Location::UNKNOWN);
        d.at(location, plain_message(&e, location));
        d
    })
}

/// serde-saphyr's message without its own location prefix and snippet: ours
/// carries the place in `path:line:column` form already.
fn plain_message(e: &serde_saphyr::Error, location: Location) -> String {
    let rendered = e.render_with_options(serde_saphyr::render_options! {
        snippets: SnippetMode::Off,
    });
    let rendered = rendered.trim();
    let rendered = rendered.strip_prefix("error: ").unwrap_or(rendered);
    let prefix = format!("line {} column {}: ", location.line(), location.column());
    let message = rendered.strip_prefix(&prefix).unwrap_or(rendered);
    let suffix = format!(" at line {} column {}", location.line(), location.column());
    message.strip_suffix(&suffix).unwrap_or(message).to_string()
}
