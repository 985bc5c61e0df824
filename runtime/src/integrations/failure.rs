//! How a transport's error maps to a [`TransportFailure`]: whether the
//! request can have reached the server.

use crate::wire::TransportFailure;

/// An error of a transport that can say how a request failed. When it
/// cannot tell, it must answer an ambiguous failure
/// ([`TransportFailure::SentThenFailed`]), so that a non-idempotent
/// request is not repeated on a guess.
pub trait DescribeFailure {
    /// How the request failed.
    fn transport_failure(&self) -> TransportFailure;
}

impl DescribeFailure for std::io::Error {
    fn transport_failure(&self) -> TransportFailure {
        use std::io::ErrorKind;
        match self.kind() {
            ErrorKind::ConnectionRefused | ErrorKind::AddrNotAvailable | ErrorKind::NotFound => {
                TransportFailure::NeverConnected
            }
            ErrorKind::TimedOut | ErrorKind::WouldBlock => TransportFailure::SentThenTimedOut,
            _ => TransportFailure::SentThenFailed,
        }
    }
}

/// A boxed error, as tower's layers return: an I/O error, a `reqwest`
/// error or tower's own timeout inside it are read; anything else is
/// ambiguous.
impl DescribeFailure for Box<dyn std::error::Error + Send + Sync> {
    fn transport_failure(&self) -> TransportFailure {
        describe_dyn(self.as_ref())
    }
}

/// Walks `error` and its sources for an error whose kind is known.
pub(crate) fn describe_dyn(error: &(dyn std::error::Error + 'static)) -> TransportFailure {
    let mut current = Some(error);
    while let Some(error) = current {
        if let Some(io) = error.downcast_ref::<std::io::Error>() {
            return io.transport_failure();
        }
        #[cfg(any(feature = "reqwest", feature = "reqwest-middleware"))]
        if let Some(reqwest) = error.downcast_ref::<::reqwest::Error>() {
            return reqwest.transport_failure();
        }
        #[cfg(feature = "tower")]
        if error.is::<::tower::timeout::error::Elapsed>() {
            return TransportFailure::SentThenTimedOut;
        }
        current = error.source();
    }
    TransportFailure::SentThenFailed
}

/// A connect error never reached the server; a timeout or any other error
/// (a reset, a body cut short) came after the request was sent.
// Here, not in `integrations::reqwest`: the `reqwest-middleware` feature
// reads reqwest's errors too, and must build without the `reqwest` one.
#[cfg(any(feature = "reqwest", feature = "reqwest-middleware"))]
impl DescribeFailure for ::reqwest::Error {
    fn transport_failure(&self) -> TransportFailure {
        if self.is_connect() {
            TransportFailure::NeverConnected
        } else if self.is_timeout() {
            TransportFailure::SentThenTimedOut
        } else {
            TransportFailure::SentThenFailed
        }
    }
}
