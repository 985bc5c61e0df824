//! `taxonomy diff` over edits of the real catalogue: each edit is a textual
//! change of `taxonomy.yaml`, both sides are loaded and validated like any
//! catalogue, and the report must hold exactly the one change the rule says,
//! at its level, located on the line it is about.

use errors_catalogue::{Catalogue, load_str};
use errors_tools::diff::format::{Format, Names};
use errors_tools::diff::{self, Acknowledgement, Change, Level, Report, Rule, Side};

fn real() -> String {
    std::fs::read_to_string(errors_tests::workspace().join("taxonomy.yaml")).unwrap()
}

/// `text` with each `(from, to)` applied once; `from` must occur exactly once.
fn edit(text: &str, edits: &[(&str, &str)]) -> String {
    let mut out = text.to_string();
    for (from, to) in edits {
        assert_eq!(
            out.matches(from).count(),
            1,
            "anchor is not unique: {from:?}"
        );
        out = out.replacen(from, to, 1);
    }
    out
}

fn load(text: &str, name: &str) -> Catalogue {
    match load_str(text, name) {
        Ok(c) => c,
        Err(problems) => panic!("{name} does not load:\n{problems}"),
    }
}

// Entries added to the real catalogue, so that removing them keeps it valid.
const SOURCE: (&str, &str) = (
    "\nbodies:\n",
    "
  - id: extra
    name: Extra API
    documents: [\"004\"]
    summary: A source that only this test knows.
    auth:
      header: Authorization
    bodies:
      - shape: extra_status_only
        example: '{}'

bodies:
",
);
const SOURCE_RENAMED: (&str, &str) = (
    SOURCE.0,
    "
  - id: extra_api
    name: Extra API
    documents: [\"004\"]
    summary: A source that only this test knows.
    auth:
      header: Authorization
    bodies:
      - shape: extra_status_only
        example: '{}'

bodies:
",
);
const CATEGORY: (&str, &str) = (
    "\nstatuses:\n",
    "
  - id: extra_category
    meaning: A category that only this test knows.
    fault: caller

statuses:
",
);
const CATEGORY_RENAMED: (&str, &str) = (
    CATEGORY.0,
    "
  - id: other_category
    meaning: A category that only this test knows.
    fault: caller

statuses:
",
);
const STATUS: (&str, &str) = (
    "  - status: 422\n",
    "  - status: 418
    reason: I'm a teapot
    user_message: This request cannot be served.
    category: validation
    meaning: A status that only this test knows.
    retry: never
    views: []

  - status: 422
",
);
const CODE: (&str, &str) = (
    "\nerror_types:\n",
    "
  - id: extra_code
    status: 400
    category: validation
    retry: never
    user_message: Something about the request is not right.
    meaning: A code that only this test knows.
    remedies:
      - Change the request.
    wire:
      - {source: runs, code: extra_code}

error_types:
",
);
const CODE_RENAMED: (&str, &str) = (
    CODE.0,
    "
  - id: other_code
    status: 400
    category: validation
    retry: never
    user_message: Something about the request is not right.
    meaning: A code that only this test knows.
    remedies:
      - Change the request.
    wire:
      - {source: runs, code: extra_code}

error_types:
",
);
const ERROR_TYPE: (&str, &str) = (
    "\ntask_statuses:\n",
    "
  - id: EXTRA_FAILURE
    source: queue
    meaning: An error type that only this test knows.
    code: internal_error
    retry: never
    remedies:
      - Submit a new task.

task_statuses:
",
);
const TASK_STATUS: (&str, &str) = (
    "\nlimits:\n",
    "
  - id: EXTRA_STATE
    source: queue
    terminal: false
    meaning: A task state that only this test knows.
    next_step: Keep polling the status.

limits:
",
);
const TASK_STATUS_RENAMED: (&str, &str) = (
    TASK_STATUS.0,
    "
  - id: EXTRA_STAGE
    source: queue
    terminal: false
    meaning: A task state that only this test knows.
    next_step: Keep polling the status.

limits:
",
);
const LAST_LIMIT: &str =
    "Video dimensions that are not multiples of this can make the request fail with 500.\n";
const LIMIT: (&str, &str) = (
    LAST_LIMIT,
    "Video dimensions that are not multiples of this can make the request fail with 500.

  - id: extra_limit
    source: runs
    value: 7
    unit: days
    scope: A scope that only this test knows.
    meaning: A limit that only this test knows.
",
);
const LIMIT_RENAMED: (&str, &str) = (
    LAST_LIMIT,
    "Video dimensions that are not multiples of this can make the request fail with 500.

  - id: other_limit
    source: runs
    value: 7
    unit: days
    scope: A scope that only this test knows.
    meaning: A limit that only this test knows.
",
);

const GONE_HEAD: &str = "  - id: gone\n    status: 410\n    category: gone\n    retry: never\n";
const GONE_WIRE: &str = "      - {source: runs, code: gone}\n    assumed: [retry]\n";
const INVALID_INPUT: &str = "      - {source: eachlabs, message: \"Invalid input\"}\n";
const INFERENCE_FAILURE_RETRY: &str = "    code: model_execution_failed\n    retry: {backoff: {max_attempts: 2, create: idempotent_only}}\n";
const QUEUE_DETAIL_BODY: &str = "      - shape: detail\n        when:\n          - {/detail: string}\n          - {/detail: array}\n        fields:\n          # FastAPI's validation list, `{\"detail\": [{\"loc\", \"msg\", \"type\"}]}`,\n          # is what the queue's apps send for a request that fails\n          # validation; 000 shows only the string form.\n          message: [/detail, /detail/*/msg]\n          request_field: /detail/*/loc\n          request_id: /request_id\n        example: '{ \"detail\": \"webhook not supported\"}'\n        assumed: [when, fields]\n";
/// A shape no source owns (the top-level `bodies`), whole.
const FLAT_MESSAGE_BODY: &str = "  - shape: flat_message\n    when:\n      - {/message: string, /request_id: string}\n      - {/message: string}\n      - {/request_id: string}\n    fields:\n      message: /message\n      code: /code\n      request_id: /request_id\n    example: '{\"code\": \"INVALID_ARGUMENT\", \"message\": \"prompt must not be empty\", \"request_id\": \"r-1\"}'\n    assumed: [shape]\n\n";
const SHOULD_RETRY_HEADER: &str = "  - {name: x-should-retry, means: should_retry}\n";
const GATEWAY_REQUEST_ID: &str = "          code: /error/code\n          message: /error/message\n          request_id: /request_id\n";
const GATEWAY_NO_REQUEST_ID: &str =
    "          code: /error/code\n          message: /error/message\n";
const VIEWS_431: &str = "    meaning: The request headers are larger than the server accepts.\n    retry: never\n    views:\n";

/// One row: the old and new catalogue as edits of the real one, and the
/// single change the diff must report.
struct Case {
    rule: Rule,
    entry: &'static str,
    old: &'static [(&'static str, &'static str)],
    new: &'static [(&'static str, &'static str)],
    values: (Option<&'static str>, Option<&'static str>),
    /// Text on the line the change points at (in OLD for removals).
    line_has: &'static str,
}

#[allow(clippy::too_many_lines)]
fn cases() -> Vec<Case> {
    use Rule as R;
    let case = |rule, entry, old, new, values, line_has| Case {
        rule,
        entry,
        old,
        new,
        values,
        line_has,
    };
    vec![
        // --- breaking ---
        case(
            R::SourceRemoved,
            "sources.extra",
            &[SOURCE],
            &[],
            (Some("extra"), None),
            "id: extra",
        ),
        case(
            R::SourceRenamed,
            "sources.extra_api",
            &[SOURCE],
            &[SOURCE_RENAMED],
            (Some("extra"), Some("extra_api")),
            "id: extra_api",
        ),
        case(
            R::BodyShapeRemoved,
            "sources.queue",
            &[],
            &[(QUEUE_DETAIL_BODY, "")],
            (Some("detail"), None),
            "shape: detail",
        ),
        case(
            R::BodyShapeRemoved,
            "bodies",
            &[],
            &[(FLAT_MESSAGE_BODY, "")],
            (Some("flat_message"), None),
            "shape: flat_message",
        ),
        case(
            R::HeaderRemoved,
            "headers",
            &[],
            &[(SHOULD_RETRY_HEADER, "")],
            (Some("x-should-retry: should_retry"), None),
            "name: x-should-retry",
        ),
        case(
            R::BodyPlaceRemoved,
            "sources.queue",
            &[],
            &[(GATEWAY_REQUEST_ID, GATEWAY_NO_REQUEST_ID)],
            (Some("request_id: /request_id"), None),
            "shape: gateway",
        ),
        case(
            R::CategoryRemoved,
            "categories.extra_category",
            &[CATEGORY],
            &[],
            (Some("extra_category"), None),
            "id: extra_category",
        ),
        case(
            R::CategoryRenamed,
            "categories.other_category",
            &[CATEGORY],
            &[CATEGORY_RENAMED],
            (Some("extra_category"), Some("other_category")),
            "id: other_category",
        ),
        case(
            R::StatusRemoved,
            "statuses.418",
            &[STATUS],
            &[],
            (Some("418"), None),
            "status: 418",
        ),
        case(
            R::StatusRenamed,
            "statuses.431",
            &[],
            &[(
                "    reason: Request Header Fields Too Large\n",
                "    reason: Headers Too Large\n",
            )],
            (
                Some("Request Header Fields Too Large"),
                Some("Headers Too Large"),
            ),
            "reason: Headers Too Large",
        ),
        case(
            R::CodeRemoved,
            "codes.extra_code",
            &[CODE],
            &[],
            (Some("extra_code"), None),
            "id: extra_code",
        ),
        case(
            R::CodeRenamed,
            "codes.expired",
            &[],
            &[(
                "  - id: gone\n    status: 410\n",
                "  - id: expired\n    status: 410\n",
            )],
            (Some("gone"), Some("expired")),
            "id: expired",
        ),
        // A code without wire spellings is recognised by its status and category.
        case(
            R::CodeRenamed,
            "codes.inference_timed_out",
            &[],
            &[
                (
                    "  - id: inference_timeout\n",
                    "  - id: inference_timed_out\n",
                ),
                (
                    "    code: inference_timeout\n",
                    "    code: inference_timed_out\n",
                ),
            ],
            (Some("inference_timeout"), Some("inference_timed_out")),
            "id: inference_timed_out",
        ),
        case(
            R::CodeRenamed,
            "codes.other_code",
            &[CODE],
            &[CODE_RENAMED],
            (Some("extra_code"), Some("other_code")),
            "id: other_code",
        ),
        case(
            R::CodeStatusChanged,
            "codes.gone",
            &[],
            &[("    status: 410\n", "    status: 404\n")],
            (Some("410"), Some("404")),
            "status: 404",
        ),
        case(
            R::WireSpellingRemoved,
            "codes.invalid_request",
            &[],
            &[(INVALID_INPUT, "")],
            (Some("Invalid input"), None),
            "Invalid input",
        ),
        case(
            R::WireSpellingChanged,
            "codes.gone",
            &[],
            &[(
                "{source: runs, code: gone}",
                "{source: runs, code: expired}",
            )],
            (Some("gone"), Some("expired")),
            "code: expired",
        ),
        case(
            R::WireSpellingMoved,
            "codes.payload_too_large",
            &[],
            &[
                (INVALID_INPUT, ""),
                (
                    "      - {source: runs, code: payload_too_large}\n",
                    "      - {source: runs, code: payload_too_large}\n      - {source: eachlabs, message: \"Invalid input\"}\n",
                ),
            ],
            (Some("invalid_request"), Some("payload_too_large")),
            "Invalid input",
        ),
        case(
            R::ErrorTypeRemoved,
            "error_types.EXTRA_FAILURE",
            &[ERROR_TYPE],
            &[],
            (Some("EXTRA_FAILURE"), None),
            "id: EXTRA_FAILURE",
        ),
        case(
            R::ErrorTypeRenamed,
            "error_types.INFERENCE_TIMED_OUT",
            &[],
            &[(
                "  - id: INFERENCE_TIMEOUT\n",
                "  - id: INFERENCE_TIMED_OUT\n",
            )],
            (Some("INFERENCE_TIMEOUT"), Some("INFERENCE_TIMED_OUT")),
            "id: INFERENCE_TIMED_OUT",
        ),
        case(
            R::ErrorTypeCodeChanged,
            "error_types.INFERENCE_TIMEOUT",
            &[],
            &[(
                "    code: inference_timeout\n",
                "    code: internal_error\n",
            )],
            (Some("inference_timeout"), Some("internal_error")),
            "code: internal_error",
        ),
        case(
            R::TaskStatusRemoved,
            "task_statuses.EXTRA_STATE",
            &[TASK_STATUS],
            &[],
            (Some("EXTRA_STATE"), None),
            "id: EXTRA_STATE",
        ),
        case(
            R::TaskStatusRenamed,
            "task_statuses.EXTRA_STAGE",
            &[TASK_STATUS],
            &[TASK_STATUS_RENAMED],
            (Some("EXTRA_STATE"), Some("EXTRA_STAGE")),
            "id: EXTRA_STAGE",
        ),
        case(
            R::TaskStatusTerminalChanged,
            "task_statuses.IN_PROGRESS",
            &[],
            &[(
                "  - id: IN_PROGRESS\n    source: queue\n    terminal: false\n",
                "  - id: IN_PROGRESS\n    source: queue\n    terminal: true\n",
            )],
            (Some("false"), Some("true")),
            "id: IN_PROGRESS",
        ),
        case(
            R::LimitRemoved,
            "limits.extra_limit",
            &[LIMIT],
            &[],
            (Some("extra_limit"), None),
            "id: extra_limit",
        ),
        case(
            R::LimitRenamed,
            "limits.other_limit",
            &[LIMIT],
            &[LIMIT_RENAMED],
            (Some("extra_limit"), Some("other_limit")),
            "id: other_limit",
        ),
        case(
            R::RetryRetryabilityChanged,
            "codes.gone",
            &[],
            &[(
                GONE_HEAD,
                "  - id: gone\n    status: 410\n    category: gone\n    retry: {backoff: {max_attempts: 2, create: idempotent_only}}\n",
            )],
            (
                Some("never"),
                Some("{backoff: {max_attempts: 2, create: idempotent_only}}"),
            ),
            "retry: {backoff",
        ),
        case(
            R::RetryRetryabilityChanged,
            "error_types.INFERENCE_FAILURE",
            &[],
            &[(
                INFERENCE_FAILURE_RETRY,
                "    code: model_execution_failed\n    retry: never\n",
            )],
            (
                Some("{backoff: {max_attempts: 2, create: idempotent_only}}"),
                Some("never"),
            ),
            "retry: never",
        ),
        case(
            R::CreateRuleLoosened,
            "error_types.INFERENCE_FAILURE",
            &[],
            &[(
                INFERENCE_FAILURE_RETRY,
                "    code: model_execution_failed\n    retry: {backoff: {max_attempts: 2, create: safe}}\n",
            )],
            (
                Some("{backoff: {max_attempts: 2, create: idempotent_only}}"),
                Some("{backoff: {max_attempts: 2, create: safe}}"),
            ),
            "create: safe",
        ),
        // --- warning ---
        case(
            R::SourceAdded,
            "sources.extra",
            &[],
            &[SOURCE],
            (None, Some("extra")),
            "id: extra",
        ),
        case(
            R::CategoryAdded,
            "categories.extra_category",
            &[],
            &[CATEGORY],
            (None, Some("extra_category")),
            "id: extra_category",
        ),
        case(
            R::StatusAdded,
            "statuses.418",
            &[],
            &[STATUS],
            (None, Some("418")),
            "status: 418",
        ),
        case(
            R::CodeAdded,
            "codes.extra_code",
            &[],
            &[CODE],
            (None, Some("extra_code")),
            "id: extra_code",
        ),
        case(
            R::ErrorTypeAdded,
            "error_types.EXTRA_FAILURE",
            &[],
            &[ERROR_TYPE],
            (None, Some("EXTRA_FAILURE")),
            "id: EXTRA_FAILURE",
        ),
        case(
            R::TaskStatusAdded,
            "task_statuses.EXTRA_STATE",
            &[],
            &[TASK_STATUS],
            (None, Some("EXTRA_STATE")),
            "id: EXTRA_STATE",
        ),
        case(
            R::LimitAdded,
            "limits.extra_limit",
            &[],
            &[LIMIT],
            (None, Some("extra_limit")),
            "id: extra_limit",
        ),
        case(
            R::CodeCategoryChanged,
            "codes.gone",
            &[],
            &[(
                "    status: 410\n    category: gone\n",
                "    status: 410\n    category: not_found\n",
            )],
            (Some("gone"), Some("not_found")),
            "category: not_found",
        ),
        case(
            R::StatusCategoryChanged,
            "statuses.431",
            &[],
            &[(
                "headers and try again.\n    category: validation\n",
                "headers and try again.\n    category: unsupported\n",
            )],
            (Some("validation"), Some("unsupported")),
            "category: unsupported",
        ),
        case(
            R::StatusFlagChanged,
            "statuses.408",
            &[],
            &[(
                "    category: timeout\n    timeout: true\n    meaning: The request took longer",
                "    category: timeout\n    meaning: The request took longer",
            )],
            (Some("true"), Some("false")),
            "status: 408",
        ),
        case(
            R::CategoryFaultChanged,
            "categories.canceled",
            &[],
            &[(
                "someone asked for it to stop.\n    fault: nobody\n",
                "someone asked for it to stop.\n    fault: caller\n",
            )],
            (Some("nobody"), Some("caller")),
            "id: canceled",
        ),
        case(
            R::EntrySourceChanged,
            "limits.agnes_free_requests_per_minute",
            &[],
            &[(
                "  - id: agnes_free_requests_per_minute\n    source: agnes\n",
                "  - id: agnes_free_requests_per_minute\n    source: runs\n",
            )],
            (Some("agnes"), Some("runs")),
            "source: runs",
        ),
        case(
            R::SourceAuthChanged,
            "sources.eachlabs",
            &[],
            &[("      header: X-API-Key\n", "      header: X-Each-Key\n")],
            (Some("header X-API-Key"), Some("header X-Each-Key")),
            "id: eachlabs",
        ),
        case(
            R::SourceRequestIdChanged,
            "sources.runs",
            &[],
            &[(
                "      - header: X-Request-Id\n",
                "      - header: X-Run-Id\n",
            )],
            (Some("header X-Request-Id"), Some("header X-Run-Id")),
            "id: runs",
        ),
        case(
            R::LimitValueChanged,
            "limits.runs_free_requests_per_minute",
            &[],
            &[(
                "  - id: runs_free_requests_per_minute\n    source: runs\n    value: 10\n",
                "  - id: runs_free_requests_per_minute\n    source: runs\n    value: 12\n",
            )],
            (
                Some("10 requests_per_minute"),
                Some("12 requests_per_minute"),
            ),
            "id: runs_free_requests_per_minute",
        ),
        case(
            R::RetryAttemptsChanged,
            "error_types.INFERENCE_FAILURE",
            &[],
            &[(
                INFERENCE_FAILURE_RETRY,
                "    code: model_execution_failed\n    retry: {backoff: {max_attempts: 3, create: idempotent_only}}\n",
            )],
            (
                Some("{backoff: {max_attempts: 2, create: idempotent_only}}"),
                Some("{backoff: {max_attempts: 3, create: idempotent_only}}"),
            ),
            "max_attempts: 3",
        ),
        case(
            R::RetryWaitChanged,
            "codes.service_unavailable",
            &[],
            &[(
                "    category: unavailable\n    retry: {after: {min_secs: 30,",
                "    category: unavailable\n    retry: {after: {min_secs: 10,",
            )],
            (
                Some("{after: {min_secs: 30, max_secs: 60, create: safe}}"),
                Some("{after: {min_secs: 10, max_secs: 60, create: safe}}"),
            ),
            "min_secs: 10",
        ),
        case(
            R::RetryStrategyChanged,
            "codes.sync_timeout_upgrade_async",
            &[],
            &[("    retry: resubmit_async\n", "    retry: never\n")],
            (Some("resubmit_async"), Some("never")),
            "retry: never",
        ),
        case(
            R::CreateRuleTightened,
            "codes.rate_limit_exceeded",
            &[],
            &[(
                "    category: rate_limit\n    retry: {after_header: {header: Retry-After, fallback_secs: 60, create: safe}}\n",
                "    category: rate_limit\n    retry: {after_header: {header: Retry-After, fallback_secs: 60, create: idempotent_only}}\n",
            )],
            (
                Some("{after_header: {header: Retry-After, fallback_secs: 60, create: safe}}"),
                Some(
                    "{after_header: {header: Retry-After, fallback_secs: 60, create: idempotent_only}}",
                ),
            ),
            "create: idempotent_only",
        ),
        // --- info ---
        case(
            R::ReleaseChanged,
            "release",
            &[],
            &[("\nrelease: 1\n", "\nrelease: 2\n")],
            (Some("1"), Some("2")),
            "release: 2",
        ),
        case(
            R::WireSpellingAdded,
            "codes.invalid_request",
            &[(INVALID_INPUT, "")],
            &[],
            (None, Some("Invalid input")),
            "Invalid input",
        ),
        case(
            R::BodyShapeAdded,
            "sources.queue",
            &[(QUEUE_DETAIL_BODY, "")],
            &[],
            (None, Some("detail")),
            "shape: detail",
        ),
        case(
            R::HeaderAdded,
            "headers",
            &[(SHOULD_RETRY_HEADER, "")],
            &[],
            (None, Some("x-should-retry: should_retry")),
            "name: x-should-retry",
        ),
        case(
            R::CategoryStopChanged,
            "categories.billing",
            &[],
            &[("    stop: fix_billing\n", "    stop: not_permitted\n")],
            (Some("fix_billing"), Some("not_permitted")),
            "id: billing",
        ),
        case(
            R::BodyPlaceAdded,
            "sources.queue",
            &[(GATEWAY_REQUEST_ID, GATEWAY_NO_REQUEST_ID)],
            &[],
            (None, Some("request_id: /request_id")),
            "shape: gateway",
        ),
        case(
            R::CodeDeprecated,
            "codes.gone",
            &[],
            &[(
                GONE_WIRE,
                "      - {source: runs, code: gone}\n    deprecated: Retired in favour of not_found.\n    assumed: [retry]\n",
            )],
            (None, Some("Retired in favour of not_found.")),
            "id: gone",
        ),
        case(
            R::DeprecationWithdrawn,
            "codes.gone",
            &[(
                GONE_WIRE,
                "      - {source: runs, code: gone}\n    deprecated: Retired in favour of not_found.\n    assumed: [retry]\n",
            )],
            &[],
            (Some("Retired in favour of not_found."), None),
            "id: gone",
        ),
        case(
            R::UserMessageReworded,
            "codes.gone",
            &[],
            &[(
                "    user_message: This item has expired and is no longer available. Please start a new run.\n",
                "    user_message: This item has expired. Please start a new run.\n",
            )],
            (
                Some("This item has expired and is no longer available. Please start a new run."),
                Some("This item has expired. Please start a new run."),
            ),
            "user_message: This item has expired.",
        ),
        case(
            R::TextReworded,
            "codes.gone",
            &[],
            &[(
                "    meaning: The resource existed but has expired or been deleted.\n",
                "    meaning: The resource was deleted or has expired.\n",
            )],
            (
                Some("The resource existed but has expired or been deleted."),
                Some("The resource was deleted or has expired."),
            ),
            "id: gone",
        ),
        // Same variant name: a reworded reason phrase is only words.
        case(
            R::TextReworded,
            "statuses.431",
            &[],
            &[(
                "    reason: Request Header Fields Too Large\n",
                "    reason: Request header fields too large\n",
            )],
            (
                Some("Request Header Fields Too Large"),
                Some("Request header fields too large"),
            ),
            "reason: Request header fields too large",
        ),
        case(
            R::AssumedAdded,
            "codes.gone",
            &[],
            &[(
                GONE_WIRE,
                "      - {source: runs, code: gone}\n    assumed: [retry, status]\n",
            )],
            (None, Some("status")),
            "assumed: [retry, status]",
        ),
        case(
            R::AssumedRemoved,
            "codes.gone",
            &[(
                GONE_WIRE,
                "      - {source: runs, code: gone}\n    assumed: [retry, status]\n",
            )],
            &[],
            (Some("status"), None),
            "assumed: [retry, status]",
        ),
        case(
            R::StatusViewsChanged,
            "statuses.431",
            &[],
            &[(
                VIEWS_431,
                "    meaning: The request headers are larger than the server accepts.\n    retry: never\n    views:\n      - source: runs\n        label: Headers too large\n        summary: A view that only this test knows.\n",
            )],
            (None, Some("runs")),
            "source: runs",
        ),
        case(
            R::TraceChanged,
            "sources.runs",
            &[],
            &[(
                "    documents: [\"001\"]\n",
                "    documents: [\"001\", \"003\"]\n",
            )],
            (Some("001"), Some("001, 003")),
            "id: runs",
        ),
    ]
}

fn run(case: &Case) -> (String, String, Report) {
    let text = real();
    let (old, new) = (edit(&text, case.old), edit(&text, case.new));
    let report = diff::diff(&load(&old, "old.yaml"), &load(&new, "new.yaml"));
    (old, new, report)
}

fn line(text: &str, change: &Change) -> String {
    let index = usize::try_from(change.line)
        .unwrap()
        .checked_sub(1)
        .unwrap();
    text.lines().nth(index).unwrap_or_default().to_string()
}

#[test]
fn each_edit_is_reported_once_by_its_rule_at_its_level_and_place() {
    let mut failures = Vec::new();
    for case in cases() {
        let (old, new, report) = run(&case);
        let [change] = report.changes() else {
            failures.push(format!(
                "{}: expected one change, got {:#?}",
                case.rule,
                report.changes()
            ));
            continue;
        };
        let got = (
            change.rule,
            change.level,
            change.entry.as_str(),
            change.old.as_deref(),
            change.new.as_deref(),
        );
        let want = (
            case.rule,
            case.rule.level(),
            case.entry,
            case.values.0,
            case.values.1,
        );
        if got != want {
            failures.push(format!("{}: got {got:?}, want {want:?}", case.rule));
            continue;
        }
        // What disappeared is shown where it was; everything else where it is now.
        let removal = case.rule.id().ends_with("_REMOVED");
        let (side, text) = if change.side == Side::Old {
            (Side::Old, &old)
        } else {
            (Side::New, &new)
        };
        if removal != (side == Side::Old) {
            failures.push(format!("{}: located in {side:?}", case.rule));
        }
        let at = line(text, change);
        if !at.contains(case.line_has) || change.column == 0 {
            failures.push(format!(
                "{}: line {}:{} is {at:?}, expected it to contain {:?}",
                case.rule, change.line, change.column, case.line_has
            ));
        }
        if change.message.is_empty() {
            failures.push(format!("{}: no message", case.rule));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_rule_has_a_row_in_the_table() {
    let covered: Vec<Rule> = cases().iter().map(|c| c.rule).collect();
    let missing: Vec<_> = Rule::ALL.iter().filter(|r| !covered.contains(r)).collect();
    assert!(missing.is_empty(), "rules without a row: {missing:?}");
}

#[test]
fn the_catalogue_compared_with_itself_has_no_changes() {
    let text = real();
    let report = diff::diff(&load(&text, "a"), &load(&text, "b"));
    assert!(report.is_empty(), "{:#?}", report.changes());
    assert_eq!(report.worst(), None);
}

#[test]
fn a_removed_code_says_to_deprecate_it_and_names_its_spellings() {
    let case = cases()
        .into_iter()
        .find(|c| c.rule == Rule::CodeRemoved)
        .unwrap();
    let (_, _, report) = run(&case);
    let message = &report.changes()[0].message;
    assert!(
        message.contains("`Code::ExtraCode` disappears"),
        "{message}"
    );
    assert!(message.contains("`deprecated:`"), "{message}");
    assert!(message.contains("`extra_code`"), "{message}");
}

#[test]
fn a_renamed_code_says_its_variant_disappears() {
    let text = real();
    let new = edit(
        &text,
        &[(
            "  - id: gone\n    status: 410\n",
            "  - id: expired\n    status: 410\n",
        )],
    );
    let report = diff::diff(&load(&text, "a"), &load(&new, "b"));
    let message = &report.changes()[0].message;
    assert!(
        message.contains("`Code::Gone` becomes `Code::Expired`"),
        "{message}"
    );
    assert!(message.contains("`deprecated:`"), "{message}");
}

/// One edit with a change at each level, for the gate and the formats.
fn mixed() -> (String, String, Report) {
    let text = real();
    let new = edit(
        &text,
        &[
            ("    status: 410\n", "    status: 404\n"),
            // A figure changed: a warning (an added code is news, since
            // the generated enums are `#[non_exhaustive]`).
            ("    value: 600\n", "    value: 900\n"),
            (
                "    meaning: The resource existed but has expired or been deleted.\n",
                "    meaning: The resource was deleted or has expired.\n",
            ),
        ],
    );
    let report = diff::diff(&load(&text, "a"), &load(&new, "b"));
    (text, new, report)
}

#[test]
fn the_gate_fails_on_the_level_asked_for_and_a_raised_release_acknowledges() {
    let (_, _, report) = mixed();
    assert_eq!(report.worst(), Some(Level::Breaking));
    assert_eq!(
        [Level::Breaking, Level::Warning, Level::Info].map(|l| report.count(l)),
        [1, 1, 1]
    );
    for (fail_on, failing) in [(Level::Breaking, 1), (Level::Warning, 2), (Level::Info, 3)] {
        assert_eq!(
            report.failing(fail_on, Acknowledgement::Ignored).len(),
            failing
        );
        assert_eq!(
            report.failing(fail_on, Acknowledgement::ReleaseBump).len(),
            failing
        );
    }
    assert!(!report.acknowledged());
    let refusal = report
        .refusal(Level::Breaking, Acknowledgement::ReleaseBump)
        .unwrap();
    assert!(refusal.contains("raise `release`"), "{refusal}");

    let text = real();
    let bumped = edit(
        &text,
        &[
            ("    status: 410\n", "    status: 404\n"),
            ("\nrelease: 1\n", "\nrelease: 2\n"),
        ],
    );
    let report = diff::diff(&load(&text, "a"), &load(&bumped, "b"));
    assert!(report.acknowledged() && report.release_raised());
    assert!(
        report
            .failing(Level::Info, Acknowledgement::ReleaseBump)
            .is_empty()
    );
    assert_eq!(
        report
            .failing(Level::Breaking, Acknowledgement::Ignored)
            .len(),
        1
    );

    // A warning alone passes the default gate.
    let warned = edit(&text, &[("    value: 600\n", "    value: 900\n")]);
    let report = diff::diff(&load(&text, "a"), &load(&warned, "b"));
    assert!(report.acknowledged());
    assert_eq!(
        report.refusal(Level::Breaking, Acknowledgement::ReleaseBump),
        None
    );
    assert!(
        report
            .refusal(Level::Warning, Acknowledgement::ReleaseBump)
            .is_some()
    );
}

const NAMES: Names<'static> = Names {
    old: "HEAD~1:taxonomy.yaml",
    new: "taxonomy.yaml",
};

#[test]
fn text_groups_by_level_most_serious_first() {
    let (_, new, report) = mixed();
    let out = Format::Text.write(&report, &NAMES);
    let first = out.lines().next().unwrap();
    assert_eq!(
        first,
        "HEAD~1:taxonomy.yaml (release 1) -> taxonomy.yaml (release 1): 1 breaking, 1 warning, 1 info"
    );
    let at = |s: &str| {
        out.find(s)
            .unwrap_or_else(|| panic!("{s:?} missing in:\n{out}"))
    };
    assert!(at("\nbreaking:\n") < at("\nwarning:\n") && at("\nwarning:\n") < at("\ninfo:\n"));
    let status = &report.changes()[0];
    assert_eq!(line(&new, status).trim(), "status: 404");
    assert!(out.contains(&format!(
        "\n  taxonomy.yaml:{}:{}: CODE_STATUS_CHANGED codes.gone\n",
        status.line, status.column
    )));
    assert!(out.contains("\n      old: 410\n      new: 404\n"), "{out}");
}

#[test]
fn json_has_one_object_per_change_with_exactly_the_documented_keys() {
    let (_, _, report) = mixed();
    let out = Format::Json.write(&report, &NAMES);
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    let top: Vec<_> = value.as_object().unwrap().keys().cloned().collect();
    assert_eq!(top.len(), 3, "{top:?}");
    assert_eq!(value["old"]["release"], 1);
    assert_eq!(value["new"]["file"], "taxonomy.yaml");
    let changes = value["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 3);
    for change in changes {
        let mut keys: Vec<_> = change
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "column", "entry", "file", "level", "line", "message", "new", "old", "rule"
            ]
        );
    }
    let first = &report.changes()[0];
    assert_eq!(
        changes[0],
        serde_json::json!({
            "level": "breaking",
            "rule": "CODE_STATUS_CHANGED",
            "entry": "codes.gone",
            "message": first.message,
            "old": "410",
            "new": "404",
            "file": "taxonomy.yaml",
            "line": first.line,
            "column": first.column,
        })
    );
    assert_eq!(changes[1]["level"], "warning");
    assert_eq!(changes[1]["old"], "600 requests_per_minute");
    assert_eq!(changes[2]["level"], "info");
}

#[test]
fn github_annotations_are_error_warning_and_notice_with_escaped_fields() {
    let (_, _, report) = mixed();
    let out = Format::Github.write(&report, &NAMES);
    let lines: Vec<_> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    let c = &report.changes()[0];
    assert_eq!(
        lines[0],
        format!(
            "::error file=taxonomy.yaml,line={},col={},title=CODE_STATUS_CHANGED codes.gone::{} (old: 410; new: 404)",
            c.line, c.column, c.message
        )
    );
    assert!(
        lines[1].starts_with("::warning file=taxonomy.yaml,line="),
        "{}",
        lines[1]
    );
    assert!(
        lines[1]
            .contains(",title=LIMIT_VALUE_CHANGED limits.runs_enterprise_requests_per_minute::"),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].starts_with("::notice file=taxonomy.yaml,line="),
        "{}",
        lines[2]
    );

    // A removal points into the old file, whose name holds a `:`.
    let text = real();
    let report = diff::diff(&load(&edit(&text, &[CODE]), "a"), &load(&text, "b"));
    let out = Format::Github.write(&report, &NAMES);
    assert!(
        out.starts_with("::error file=HEAD~1%3Ataxonomy.yaml,line="),
        "{out}"
    );
}

#[test]
fn markdown_is_a_changelog_section_for_the_release() {
    let (_, _, report) = mixed();
    let out = Format::Markdown.write(&report, &NAMES);
    assert!(out.starts_with("## Catalogue release 1\n\nChanges from `HEAD~1:taxonomy.yaml` (release 1) to `taxonomy.yaml`: 1 breaking, 1 warning, 1 info.\n"), "{out}");
    let at = |s: &str| {
        out.find(s)
            .unwrap_or_else(|| panic!("{s:?} missing in:\n{out}"))
    };
    assert!(at("\n### Breaking changes\n") < at("\n### Warnings\n"));
    assert!(at("\n### Warnings\n") < at("\n### Other changes\n"));
    assert!(
        out.contains("- `codes.gone`: services now send `gone` with HTTP 404"),
        "{out}"
    );
    assert!(
        out.contains("`410` → `404`. (`CODE_STATUS_CHANGED`, taxonomy.yaml:"),
        "{out}"
    );
}

#[test]
fn formats_and_levels_parse_from_their_names() {
    for format in Format::ALL {
        assert_eq!(format.as_str().parse::<Format>(), Ok(format));
    }
    for level in Level::ALL {
        assert_eq!(level.as_str().parse::<Level>(), Ok(level));
    }
    assert!("xml".parse::<Format>().is_err());
    assert!("fatal".parse::<Level>().is_err());
    assert!(Level::Info < Level::Warning && Level::Warning < Level::Breaking);
}
