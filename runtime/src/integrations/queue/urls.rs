//! The queue's URLs (000): `{base}/v1/queue/{endpoint}/…`.

use ::reqwest::Url;

/// `{base}/v1/queue/{endpoint}/{tail…}`, each segment percent-encoded
/// (an endpoint may span segments: `acme/flux-dev`).
pub(super) fn queue_url(base: &Url, endpoint: &str, tail: &[&str]) -> Url {
    let mut url = base.clone();
    // The base was checked to be able to be a base, so its path is editable.
    if let Ok(mut path) = url.path_segments_mut() {
        path.pop_if_empty()
            .extend(["v1", "queue"])
            .extend(endpoint.split('/').filter(|segment| !segment.is_empty()))
            .extend(tail);
    }
    url
}

/// A URL the server gave, when it points at the same origin as the base:
/// the key is sent with every request, so it must not follow a URL to
/// another host.
pub(super) fn same_origin(base: &Url, url: Option<&str>) -> Option<Url> {
    url.and_then(|url| Url::parse(url).ok())
        .filter(|url| url.origin() == base.origin())
}
