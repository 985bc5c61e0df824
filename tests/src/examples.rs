//! The example catalogues (`examples/catalogues/`: fal's queue API,
//! Replicate's HTTP API, OpenAI's image API, each written from the
//! provider's public pages) and the responses their pages show
//! (`NAME.responses.yaml`), with what a classifier should make of each.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;

/// The example catalogues, by file name.
pub const CATALOGUES: [&str; 3] = ["fal", "replicate", "openai-images"];

/// Where they are.
#[must_use]
pub fn dir() -> PathBuf {
    crate::workspace().join("examples/catalogues")
}

/// A `NAME.responses.yaml` file.
#[derive(Deserialize)]
pub struct Responses {
    /// Each response a page shows.
    pub responses: Vec<Documented>,
}

/// One response a provider's page shows.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Documented {
    /// A short name.
    pub name: String,
    /// The catalogue's document it comes from.
    pub doc: String,
    /// The HTTP status.
    pub status: u16,
    /// Its headers.
    #[serde(default)]
    pub headers: Vec<(String, String)>,
    /// Its body.
    pub body: String,
    /// What a classifier should make of it: `code`, `message`,
    /// `request_id`, `retry`, `retry_create`, `outcome`.
    pub expect: BTreeMap<String, serde_json::Value>,
}

/// The documented responses of the catalogue `name`.
///
/// # Panics
/// When the file cannot be read or does not parse.
#[must_use]
pub fn responses(name: &str) -> Responses {
    let path = dir().join(format!("{name}.responses.yaml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
