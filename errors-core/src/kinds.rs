//! Small closed sets the catalogue's model fixes; the generated enums use them.

/// Who has to act on an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fault {
    /// The caller: fix the request, the key, the account.
    Caller,
    /// The service or something it depends on.
    Service,
    /// Nobody: the caller asked for it (a cancellation) or must simply wait.
    Nobody,
}

/// Units of a `Limit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// Requests a key may send per minute.
    RequestsPerMinute,
    /// Runs that may be in flight at once.
    ConcurrentRuns,
    /// A duration in seconds.
    Seconds,
    /// A duration in minutes.
    Minutes,
    /// A duration in days.
    Days,
    /// A size must be a whole multiple of this many pixels.
    PixelMultiple,
}

/// The error-body shapes the documents use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shape {
    /// `{"error": {"code": …, "message": …}, "request_id": …}`
    Gateway,
    /// `{"detail": "…"}`
    Detail,
    /// `{"status": "COMPLETED", "error": …, "error_type": …}`
    TaskStatus,
    /// `{"error": "<code>", "message": "…"}`
    CodeAndMessage,
    /// `{"error": "<fixed string>"}` or `{"message": "<fixed string>"}`
    ErrorString,
    /// `{"task_id": …, "status": …, "error": {"code": …, "message": …}}`: an async task's failure.
    RunsTask,
    /// No documented body: the status alone carries the meaning.
    StatusOnly,
}

/// Whose move it is, in words for a person.
impl std::fmt::Display for Fault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Caller => "yours: the request, key or account must change",
            Self::Service => "the service's, not yours",
            Self::Nobody => "nobody's: it was asked for, or needs only waiting",
        })
    }
}
