//! What depends on everything read, settled in one place: whether the
//! response succeeded, is pending, failed, or reports a failed task, and
//! who produced it.

use super::{Classified, Dialect, Origin, Outcome, Reported};
use crate::wire::Catalogue;
use crate::wire::status_facts;

#[allow(clippy::inline_always)]
#[inline(always)]
pub(super) fn settle<C: Catalogue>(
    out: &mut Classified<'_, C>,
    code: Option<C::Code>,
    task_failed: bool,
) {
    let catalogue = out.catalogue;
    let status = out.status;
    let task_status = out.task_status.as_ref().and_then(Reported::known);
    let terminal = |task_status| catalogue.task_status_is_terminal(task_status);
    out.outcome = if status.is_client_error() || status.is_server_error() {
        Outcome::RequestFailed { code }
    } else if task_failed {
        let error_type = out.error_type.as_ref().and_then(Reported::known);
        Outcome::TaskFailed {
            code: error_type
                .map(|error_type| catalogue.error_type_code(error_type))
                .or(code)
                .or_else(|| {
                    out.source
                        .and_then(|source| catalogue.source_failed_task_code(source))
                }),
            error_type,
        }
    } else if task_status.is_some_and(|t| !terminal(t)) {
        Outcome::Pending
    } else if status_facts::is_pending(catalogue, status) && !task_status.is_some_and(terminal) {
        // A terminal task status (`COMPLETED`) makes a 202 no different:
        // the body is the more specific.
        Outcome::Pending
    } else {
        Outcome::Succeeded
    };
    out.origin = origin(out);
}

fn origin<C: Catalogue>(response: &Classified<'_, C>) -> Origin {
    if status_facts::is_edge(response.catalogue, response.status) {
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
