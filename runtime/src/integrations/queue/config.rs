//! Making a [`QueueClient`](super::QueueClient): base URL, key, HTTP client.

use std::fmt;
use std::time::Duration;

use ::reqwest::{Client, Url};
use http::HeaderValue;

/// How long one call of a [`QueueClient`](super::QueueClient) may take by
/// default, retries and polling included.
pub const DEFAULT_MAX_WAIT: Duration = Duration::from_secs(600);

/// Why a [`QueueClient`](super::QueueClient) could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum InvalidConfig {
    /// The base URL is not an absolute `http` or `https` URL.
    BaseUrl(String),
    /// The API key is empty or holds characters a header cannot carry.
    ApiKey,
    /// The HTTP client could not be built (its message).
    HttpClient(String),
}

impl fmt::Display for InvalidConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::BaseUrl(url) => write!(
                f,
                "`{url}` is not an absolute http(s) URL such as http://127.0.0.1:8080"
            ),
            Self::ApiKey => {
                f.write_str("the API key is empty or has characters a header cannot carry")
            }
            Self::HttpClient(error) => write!(f, "the HTTP client could not be built: {error}"),
        }
    }
}

impl std::error::Error for InvalidConfig {}

/// `base_url` when it is an absolute http(s) URL that can be a base.
pub(super) fn base_url(base_url: &str) -> Result<Url, InvalidConfig> {
    Url::parse(base_url)
        .ok()
        .filter(|url| matches!(url.scheme(), "http" | "https") && !url.cannot_be_a_base())
        .ok_or_else(|| InvalidConfig::BaseUrl(base_url.chars().take(200).collect()))
}

/// `Authorization: <scheme> <key>`, marked sensitive so it never shows in
/// debug output.
pub(super) fn authorization(scheme: &str, api_key: &str) -> Result<HeaderValue, InvalidConfig> {
    let api_key = api_key.trim();
    let mut authorization = HeaderValue::from_str(&format!("{scheme} {api_key}"))
        .ok()
        .filter(|_| !api_key.is_empty())
        .ok_or(InvalidConfig::ApiKey)?;
    authorization.set_sensitive(true);
    Ok(authorization)
}

/// A default HTTP client; `Client::new` would panic where the builder
/// reports an error.
pub(super) fn http_client() -> Result<Client, InvalidConfig> {
    Client::builder()
        .build()
        .map_err(|error| InvalidConfig::HttpClient(error.to_string()))
}
