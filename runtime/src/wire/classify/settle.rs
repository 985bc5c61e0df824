//! What depends on everything read, settled in one place: whether the
//! response succeeded, is pending, failed, or reports a failed task, and
//! who produced it.

use super::{Classified, Dialect, Origin, Outcome, Reported};
use crate::wire::status_facts;
use crate::{Code, ErrorType, TaskStatus};

pub(super) fn settle(out: &mut Classified<'_>, code: Option<Code>, task_failed: bool) {
    let status = out.status;
    let task_status = out.task_status.as_ref().and_then(Reported::known);
    out.outcome = if status.is_client_error() || status.is_server_error() {
        Outcome::RequestFailed { code }
    } else if task_failed {
        let error_type = out.error_type.as_ref().and_then(Reported::known);
        Outcome::TaskFailed {
            code: error_type
                .map(ErrorType::code)
                .or(code)
                .unwrap_or(Code::TaskFailed),
            error_type,
        }
    } else if task_status.is_some_and(|t| !t.is_terminal()) {
        Outcome::Pending
    } else if status_facts::is_pending(status) && !task_status.is_some_and(TaskStatus::is_terminal)
    {
        // A terminal task status (`COMPLETED`) makes a 202 no different:
        // the body is the more specific.
        Outcome::Pending
    } else {
        Outcome::Succeeded
    };
    out.origin = origin(out);
}

fn origin(response: &Classified<'_>) -> Origin {
    if status_facts::is_edge(response.status) {
        return Origin::Edge;
    }
    // The APIs answer in JSON and tag their answers with a request id; a
    // page or text without one is a proxy's (fal's clients tell ingress
    // errors apart the same way).
    if response.is_failure()
        && matches!(response.dialect, Dialect::Html | Dialect::Text)
        && response.request_id().is_none()
    {
        return Origin::Edge;
    }
    let recognised_body = matches!(response.dialect, Dialect::Declared(_) | Dialect::Problem);
    if recognised_body || response.request_id().is_some() {
        Origin::Service
    } else {
        Origin::Unknown
    }
}
