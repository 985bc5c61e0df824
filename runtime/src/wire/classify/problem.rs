//! RFC 9457 problem details: a standard format, so read by code in every
//! catalogue's runtime. The generator puts its members in every reading
//! plan ([`Shape::PROBLEM`](crate::Shape)); this says what they mean.

use super::found::{Found, Held};
use super::sniff::media_type_is;
use super::{Dialect, Reading, take_string};
use crate::{Code, Shape};

/// The plan's places of `type`, `title`, `status`, `detail`, `code`,
/// `request_id` (errors-vocab's `PROBLEM_MEMBERS`, in that order).
const KIND: u16 = Shape::PROBLEM[0];
const TITLE: u16 = Shape::PROBLEM[1];
const STATUS: u16 = Shape::PROBLEM[2];
const DETAIL: u16 = Shape::PROBLEM[3];
const CODE: u16 = Shape::PROBLEM[4];
const REQUEST_ID: u16 = Shape::PROBLEM[5];

/// Whether the body is a problem: its `Content-Type` says so, or it has a
/// `title` beside a `type` or a numeric `status`, which no catalogued
/// shape's body is expected to have together.
pub(super) fn is_problem(found: &Found<'_, '_>, content_type: Option<&[u8]>) -> bool {
    if content_type.is_some_and(|ct| media_type_is(ct, "application/problem+json")) {
        return true;
    }
    let string = |place| found.string(place).is_some();
    string(TITLE) && (string(KIND) || found.at(STATUS).held == Held::Number)
}

/// The `code` extension names the code; `detail`, else `title`, is the message.
pub(super) fn read<'a>(r: &mut Reading<'_, 'a>, found: &mut Found<'a, '_>) {
    r.out.dialect = Dialect::Problem;
    let code = take_string(found, &[CODE]);
    r.code = code.as_deref().and_then(Code::lookup);
    r.out.wire_code = code;
    r.out.kind = take_string(found, &[KIND]);
    r.out.message = take_string(found, &[DETAIL, TITLE]);
    r.out.body_request_id = take_string(found, &[REQUEST_ID]);
}
