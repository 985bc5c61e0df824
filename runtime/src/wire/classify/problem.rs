//! RFC 9457 problem details: a standard format, so read by code in every
//! catalogue's runtime. The generator puts its members in every reading
//! plan ([`Shape::PROBLEM`](crate::Shape)); this says what they mean.

use super::found::{Found, Held};
use super::sniff::media_type_is;
use super::{Dialect, Reading, take_string};
use crate::wire::Catalogue;

/// The plan's places of `type`, `title`, `status`, `detail`, `code`,
/// `request_id` (errors-vocab's `PROBLEM_MEMBERS`, in that order).
struct Places {
    kind: u16,
    title: u16,
    status: u16,
    detail: u16,
    code: u16,
    request_id: u16,
}

impl Places {
    fn of(catalogue: impl Catalogue) -> Self {
        let [kind, title, status, detail, code, request_id] = catalogue.problem_places();
        Self {
            kind,
            title,
            status,
            detail,
            code,
            request_id,
        }
    }
}

/// Whether the body is a problem: its `Content-Type` says so, or it has a
/// `title` beside a `type` or a numeric `status`, which no catalogued
/// shape's body is expected to have together.
pub(super) fn is_problem(
    catalogue: impl Catalogue,
    found: &Found<'_, '_>,
    content_type: Option<&[u8]>,
) -> bool {
    if content_type.is_some_and(|ct| media_type_is(ct, "application/problem+json")) {
        return true;
    }
    let at = Places::of(catalogue);
    let string = |place| found.string(place).is_some();
    string(at.title) && (string(at.kind) || found.at(at.status).held == Held::Number)
}

/// The `code` extension names the code, else the `detail` or `title` when
/// it is a spelling the catalogue lists (an API that sends fixed messages
/// as problem details); `detail`, else `title`, is the message.
pub(super) fn read<'a, C: Catalogue>(r: &mut Reading<'_, 'a, C>, found: &mut Found<'a, '_>) {
    let catalogue = r.out.catalogue;
    let at = Places::of(catalogue);
    r.out.dialect = Dialect::Problem;
    let code = take_string(found, &[at.code]);
    r.out.kind = take_string(found, &[at.kind]);
    r.out.message = take_string(found, &[at.detail, at.title]);
    r.code = code
        .as_deref()
        .and_then(|code| catalogue.code_lookup(code))
        .or_else(|| {
            let message = r.out.message.as_deref()?;
            catalogue.code_lookup(message)
        });
    r.out.wire_code = code;
    r.out.body_request_id = take_string(found, &[at.request_id]);
}
