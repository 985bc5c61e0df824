//! Which operation of the queue protocol a request asks for, from its method
//! and path alone.
//!
//! Endpoints may span several path segments (`acme/flux-dev`), so the path
//! is read by hand rather than by a fixed router pattern: everything between
//! `/v1/queue/` and a `requests` segment (or the end) is the endpoint.

use std::borrow::Cow;

use axum::http::Method;

/// The prefix every queue path starts with.
pub const PREFIX: &str = "/v1/queue/";

/// An operation of the queue protocol (documents 000 and 002).
#[derive(Debug, PartialEq, Eq)]
pub enum Route<'a> {
    /// `POST /v1/queue/{endpoint}`: create a task.
    Create {
        /// The endpoint (model) the task runs on.
        endpoint: &'a str,
    },
    /// `… /v1/queue/{endpoint}/sync`: the synchronous endpoint 000 says does
    /// not exist.
    Sync,
    /// `GET …/requests/{id}/status`: poll a task.
    Status {
        /// The endpoint the task was created on.
        endpoint: &'a str,
        /// The task's request id.
        id: &'a str,
    },
    /// `GET …/requests/{id}/status/stream`: the SSE stream 000 says does not
    /// exist.
    StatusStream,
    /// `GET …/requests/{id}`: fetch the result (the `response_url`).
    Result {
        /// The endpoint the task was created on.
        endpoint: &'a str,
        /// The task's request id.
        id: &'a str,
    },
    /// `PUT …/requests/{id}/cancel`: cancel a task.
    Cancel {
        /// The endpoint the task was created on.
        endpoint: &'a str,
        /// The task's request id.
        id: &'a str,
    },
    /// Anything else: no such path, or the wrong method for it.
    Unknown,
}

/// The operation `method` and `path` (without the query) ask for.
pub fn parse<'a>(method: &Method, path: &'a str) -> Route<'a> {
    let Some(rest) = path.strip_prefix(PREFIX) else {
        return Route::Unknown;
    };
    let segments: Vec<&str> = rest.split('/').collect();
    if segments.iter().any(|segment| segment.is_empty()) {
        return Route::Unknown;
    }
    // The first `requests` segment after at least one endpoint segment
    // starts the task part of the path.
    let requests = segments
        .iter()
        .skip(1)
        .position(|segment| *segment == "requests")
        .map(|index| index + 1);
    let Some(requests) = requests else {
        return match segments.split_last() {
            Some((&"sync", endpoint)) if !endpoint.is_empty() => Route::Sync,
            _ if *method == Method::POST => Route::Create { endpoint: rest },
            _ => Route::Unknown,
        };
    };
    // The endpoint is the path text before `/requests/`, borrowed whole.
    let endpoint_len = segments[..requests].join("/").len();
    let endpoint = &rest[..endpoint_len];
    match (method, &segments[requests + 1..]) {
        (&Method::GET, [id]) => Route::Result { endpoint, id },
        (&Method::GET, [id, "status"]) => Route::Status { endpoint, id },
        (&Method::GET, [_, "status", "stream"]) => Route::StatusStream,
        (&Method::PUT, [id, "cancel"]) => Route::Cancel { endpoint, id },
        _ => Route::Unknown,
    }
}

/// A path segment with its `%XX` escapes decoded; an escape that is not
/// two hex digits stays as written, and bytes that are not UTF-8 become
/// U+FFFD, so any path decodes to something printable.
pub fn decode(text: &str) -> Cow<'_, str> {
    if !text.contains('%') {
        return Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                decoded.push(byte);
                i += 3;
            }
            None => {
                decoded.push(bytes[i]);
                i += 1;
            }
        }
    }
    Cow::Owned(String::from_utf8_lossy(&decoded).into_owned())
}

/// The path of a task's status, as `status_url` gives it.
pub fn status_path(endpoint: &str, id: &str) -> String {
    format!("{PREFIX}{endpoint}/requests/{id}/status")
}

/// The path of a task's result, as `response_url` gives it.
pub fn result_path(endpoint: &str, id: &str) -> String {
    format!("{PREFIX}{endpoint}/requests/{id}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_each_operation() {
        let get = Method::GET;
        assert_eq!(
            parse(&Method::POST, "/v1/queue/ok"),
            Route::Create { endpoint: "ok" }
        );
        assert_eq!(
            parse(&Method::POST, "/v1/queue/acme/flux-dev"),
            Route::Create {
                endpoint: "acme/flux-dev"
            }
        );
        assert_eq!(
            parse(&get, "/v1/queue/acme/flux/requests/r1/status"),
            Route::Status {
                endpoint: "acme/flux",
                id: "r1"
            }
        );
        assert_eq!(
            parse(&get, "/v1/queue/ok/requests/r1"),
            Route::Result {
                endpoint: "ok",
                id: "r1"
            }
        );
        assert_eq!(
            parse(&Method::PUT, "/v1/queue/ok/requests/r1/cancel"),
            Route::Cancel {
                endpoint: "ok",
                id: "r1"
            }
        );
        assert_eq!(
            parse(&get, "/v1/queue/ok/requests/r1/status/stream"),
            Route::StatusStream
        );
        assert_eq!(parse(&Method::POST, "/v1/queue/ok/sync"), Route::Sync);
    }

    #[test]
    fn anything_else_is_unknown() {
        for (method, path) in [
            (Method::GET, "/v1/queue/ok"),
            (Method::POST, "/v1/queue/"),
            (Method::POST, "/v1/queue//x"),
            (Method::POST, "/v2/queue/ok"),
            (Method::DELETE, "/v1/queue/ok/requests/r1"),
            (Method::GET, "/v1/queue/ok/requests/r1/cancel"),
            (Method::GET, "/v1/queue/ok/requests"),
            (Method::GET, "/v1/queue/ok/requests/r1/status/stream/more"),
            (Method::POST, "/sync"),
        ] {
            assert_eq!(parse(&method, path), Route::Unknown, "{method} {path}");
        }
    }

    #[test]
    fn decodes_escapes_and_keeps_broken_ones() {
        assert_eq!(decode("a%20b"), "a b");
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz%4"), "%zz%4");
        assert_eq!(decode("%ff"), "\u{fffd}");
    }

    proptest! {
        #[test]
        fn the_urls_it_hands_out_lead_back_to_the_task(
            endpoint in "[a-z0-9-]{1,12}(/[a-z0-9-]{1,12}){0,2}",
            id in "[a-z0-9_]{1,30}",
        ) {
            prop_assume!(!endpoint.split('/').any(|segment| segment == "requests" || segment == "sync"));
            let status = status_path(&endpoint, &id);
            let result = result_path(&endpoint, &id);
            prop_assert_eq!(
                parse(&Method::GET, &status),
                Route::Status { endpoint: &endpoint, id: &id }
            );
            prop_assert_eq!(
                parse(&Method::GET, &result),
                Route::Result { endpoint: &endpoint, id: &id }
            );
        }

        #[test]
        fn any_path_parses_without_panicking(method in "(GET|POST|PUT|DELETE)", path in "\\PC{0,80}") {
            let method = Method::from_bytes(method.as_bytes()).unwrap();
            let _ = parse(&method, &path);
            let _ = parse(&method, &format!("{PREFIX}{path}"));
            let _ = decode(&path);
        }
    }
}
