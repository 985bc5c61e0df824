//! The rules a change is judged by: a closed list with stable ids, each
//! with a fixed level, so a CI log or a JSON consumer can rely on them.

use std::fmt;

use serde::{Serialize, Serializer};

use super::Level;

/// One rule of `taxonomy diff`. Its [`id`](Rule::id) (`CODE_REMOVED`) is
/// stable: it is what JSON output and CI logs carry. New rules may be added,
/// hence `#[non_exhaustive]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Rule {
    /// `SOURCE_REMOVED` (breaking): A source was removed: its `Source` variant disappears and its responses are no longer recognised.
    SourceRemoved,
    /// `SOURCE_RENAMED` (breaking): A source's id changed (same name): the old `Source` variant disappears.
    SourceRenamed,
    /// `BODY_SHAPE_REMOVED` (breaking): A source no longer lists an error-body shape: bodies in that shape stop being parsed.
    BodyShapeRemoved,
    /// `BODY_PLACE_REMOVED` (breaking): A shape no longer reads a field at a place, or no longer recognises bodies by one of its alternatives: such responses lose what was read there.
    BodyPlaceRemoved,
    /// `HEADER_REMOVED` (breaking): A response header the classifier read (top-level `headers`) is no longer read, or no longer means the same: what it said is lost.
    HeaderRemoved,
    /// `CATEGORY_REMOVED` (breaking): A category was removed: its `Category` variant disappears.
    CategoryRemoved,
    /// `CATEGORY_RENAMED` (breaking): A category's id changed (same meaning and fault): the old `Category` variant disappears.
    CategoryRenamed,
    /// `STATUS_REMOVED` (breaking): A status was removed: its `Status` variant disappears.
    StatusRemoved,
    /// `STATUS_RENAMED` (breaking): A status's reason phrase changed so that its `Status` variant is renamed.
    StatusRenamed,
    /// `CODE_REMOVED` (breaking): A code was removed: its `Code` variant disappears and its wire spellings stop classifying; retire it with `deprecated:` instead.
    CodeRemoved,
    /// `CODE_RENAMED` (breaking): A code's id changed (same wire spellings, or the same status and category when it has none): the old `Code` variant disappears.
    CodeRenamed,
    /// `CODE_STATUS_CHANGED` (breaking): A code is sent with another HTTP status.
    CodeStatusChanged,
    /// `WIRE_SPELLING_REMOVED` (breaking): A wire code or message of a code was removed: responses that send it no longer classify.
    WireSpellingRemoved,
    /// `WIRE_SPELLING_CHANGED` (breaking): A wire code or message of a code was respelled: clients stop recognising what servers send.
    WireSpellingChanged,
    /// `WIRE_SPELLING_MOVED` (breaking): A wire spelling now belongs to another code: responses that send it classify differently.
    WireSpellingMoved,
    /// `ERROR_TYPE_REMOVED` (breaking): A task `error_type` was removed: its `ErrorType` variant disappears and task bodies naming it no longer classify.
    ErrorTypeRemoved,
    /// `ERROR_TYPE_RENAMED` (breaking): A task `error_type` was respelled (same source and code): its `ErrorType` variant and wire spelling change.
    ErrorTypeRenamed,
    /// `ERROR_TYPE_CODE_CHANGED` (breaking): A task `error_type` maps to another code.
    ErrorTypeCodeChanged,
    /// `TASK_STATUS_REMOVED` (breaking): A task status was removed: its `TaskStatus` variant disappears and task bodies naming it no longer parse.
    TaskStatusRemoved,
    /// `TASK_STATUS_RENAMED` (breaking): A task status was respelled (same source, terminality and meaning): its `TaskStatus` variant and wire spelling change.
    TaskStatusRenamed,
    /// `TASK_STATUS_TERMINAL_CHANGED` (breaking): A task status changed between terminal and not: pollers stop too early or never stop.
    TaskStatusTerminalChanged,
    /// `LIMIT_REMOVED` (breaking): A limit was removed: its `Limit` variant disappears.
    LimitRemoved,
    /// `LIMIT_RENAMED` (breaking): A limit's id changed (same source, figure and unit): the old `Limit` variant disappears.
    LimitRenamed,
    /// `RETRY_RETRYABILITY_CHANGED` (breaking): A retry rule changed between not retried (`never`, `keep_polling`, `resubmit_async`) and retried (`backoff`, `after`, `after_header`).
    RetryRetryabilityChanged,
    /// `CREATE_RULE_LOOSENED` (breaking): A retry rule's `create` changed from `idempotent_only` to `safe`: creates without an idempotency key are now repeated.
    CreateRuleLoosened,
    /// `SOURCE_ADDED` (info): A source was added: a new `Source` variant; the generated enums are `#[non_exhaustive]`, so dependents' matches keep compiling.
    SourceAdded,
    /// `CATEGORY_ADDED` (info): A category was added: a new `Category` variant; the generated enums are `#[non_exhaustive]`, so dependents' matches keep compiling.
    CategoryAdded,
    /// `STATUS_ADDED` (info): A status was added: a new `Status` variant; the generated enums are `#[non_exhaustive]`, so dependents' matches keep compiling.
    StatusAdded,
    /// `CODE_ADDED` (info): A code was added: a new `Code` variant; the generated enums are `#[non_exhaustive]`, so dependents' matches keep compiling.
    CodeAdded,
    /// `ERROR_TYPE_ADDED` (info): A task `error_type` was added: a new `ErrorType` variant; the generated enums are `#[non_exhaustive]`, so dependents' matches keep compiling.
    ErrorTypeAdded,
    /// `TASK_STATUS_ADDED` (info): A task status was added: a new `TaskStatus` variant; the generated enums are `#[non_exhaustive]`, so dependents' matches keep compiling.
    TaskStatusAdded,
    /// `LIMIT_ADDED` (info): A limit was added: a new `Limit` variant; the generated enums are `#[non_exhaustive]`, so dependents' matches keep compiling.
    LimitAdded,
    /// `CODE_CATEGORY_CHANGED` (warning): A code moved to another category: what `category()` and its fault say changes.
    CodeCategoryChanged,
    /// `STATUS_CATEGORY_CHANGED` (warning): A status moved to another category: what a response with that status and no code means, and the reason a client stops, change.
    StatusCategoryChanged,
    /// `STATUS_FLAG_CHANGED` (warning): A status's `timeout` or `edge_proxy` mark changed: how much a retry costs the budget, or whether a response is taken for a proxy's, changes.
    StatusFlagChanged,
    /// `CATEGORY_FAULT_CHANGED` (warning): A category's fault (who has to act) changed.
    CategoryFaultChanged,
    /// `CATEGORY_STOP_CHANGED` (warning): What a client is told to do when an error of a category is not retried changed.
    CategoryStopChanged,
    /// `ENTRY_SOURCE_CHANGED` (warning): An `error_type`, task status or limit is now attributed to another source.
    EntrySourceChanged,
    /// `SOURCE_AUTH_CHANGED` (warning): A source's authentication header, schemes or key format changed.
    SourceAuthChanged,
    /// `SOURCE_REQUEST_ID_CHANGED` (warning): Where a source carries the request id changed.
    SourceRequestIdChanged,
    /// `LIMIT_VALUE_CHANGED` (warning): A limit's figure or unit changed.
    LimitValueChanged,
    /// `RETRY_ATTEMPTS_CHANGED` (warning): A `backoff` rule's `max_attempts` changed.
    RetryAttemptsChanged,
    /// `RETRY_WAIT_CHANGED` (warning): How long a retried request waits changed: another retryable kind, other seconds, another header or fallback.
    RetryWaitChanged,
    /// `RETRY_STRATEGY_CHANGED` (warning): A rule that is not retried changed kind (`never`, `keep_polling`, `resubmit_async`, or none).
    RetryStrategyChanged,
    /// `CREATE_RULE_TIGHTENED` (warning): A retry rule's `create` changed from `safe` to `idempotent_only`: creates without an idempotency key are no longer repeated.
    CreateRuleTightened,
    /// `RELEASE_CHANGED` (info): The catalogue's `release` changed.
    ReleaseChanged,
    /// `WIRE_SPELLING_ADDED` (info): A wire code or message was added to an existing code: more responses classify.
    WireSpellingAdded,
    /// `BODY_SHAPE_ADDED` (info): A source lists a new error-body shape.
    BodyShapeAdded,
    /// `BODY_PLACE_ADDED` (info): A shape reads a field at a new place, or recognises bodies by a new alternative.
    BodyPlaceAdded,
    /// `HEADER_ADDED` (info): The classifier reads a new response header (top-level `headers`).
    HeaderAdded,
    /// `CODE_DEPRECATED` (info): A code was marked `deprecated`: it stays, so old responses still classify.
    CodeDeprecated,
    /// `DEPRECATION_WITHDRAWN` (info): A code is no longer marked `deprecated`.
    DeprecationWithdrawn,
    /// `USER_MESSAGE_REWORDED` (info): A code's `user_message`, the text end users see, was reworded.
    UserMessageReworded,
    /// `TEXT_REWORDED` (info): An explanation (meaning, causes, remedies, summary, label, scope, next step, name, title, example, reason phrase, deprecation note) was reworded.
    TextReworded,
    /// `ASSUMED_ADDED` (info): A field is now marked `assumed`: our choice, not the documents'.
    AssumedAdded,
    /// `ASSUMED_REMOVED` (info): A field is no longer marked `assumed`: the documents now state it.
    AssumedRemoved,
    /// `STATUS_VIEWS_CHANGED` (info): A source's view of a status was added or removed.
    StatusViewsChanged,
    /// `TRACE_CHANGED` (info): The documents the catalogue or a source is traced to changed.
    TraceChanged,
}

impl Rule {
    /// Every rule, breaking ones first.
    pub const ALL: &'static [Rule] = &[
        Rule::SourceRemoved,
        Rule::SourceRenamed,
        Rule::BodyShapeRemoved,
        Rule::BodyPlaceRemoved,
        Rule::HeaderRemoved,
        Rule::CategoryRemoved,
        Rule::CategoryRenamed,
        Rule::StatusRemoved,
        Rule::StatusRenamed,
        Rule::CodeRemoved,
        Rule::CodeRenamed,
        Rule::CodeStatusChanged,
        Rule::WireSpellingRemoved,
        Rule::WireSpellingChanged,
        Rule::WireSpellingMoved,
        Rule::ErrorTypeRemoved,
        Rule::ErrorTypeRenamed,
        Rule::ErrorTypeCodeChanged,
        Rule::TaskStatusRemoved,
        Rule::TaskStatusRenamed,
        Rule::TaskStatusTerminalChanged,
        Rule::LimitRemoved,
        Rule::LimitRenamed,
        Rule::RetryRetryabilityChanged,
        Rule::CreateRuleLoosened,
        Rule::CodeCategoryChanged,
        Rule::StatusCategoryChanged,
        Rule::StatusFlagChanged,
        Rule::CategoryFaultChanged,
        Rule::CategoryStopChanged,
        Rule::EntrySourceChanged,
        Rule::SourceAuthChanged,
        Rule::SourceRequestIdChanged,
        Rule::LimitValueChanged,
        Rule::RetryAttemptsChanged,
        Rule::RetryWaitChanged,
        Rule::RetryStrategyChanged,
        Rule::CreateRuleTightened,
        Rule::ReleaseChanged,
        Rule::SourceAdded,
        Rule::CategoryAdded,
        Rule::StatusAdded,
        Rule::CodeAdded,
        Rule::ErrorTypeAdded,
        Rule::TaskStatusAdded,
        Rule::LimitAdded,
        Rule::WireSpellingAdded,
        Rule::BodyShapeAdded,
        Rule::BodyPlaceAdded,
        Rule::HeaderAdded,
        Rule::CodeDeprecated,
        Rule::DeprecationWithdrawn,
        Rule::UserMessageReworded,
        Rule::TextReworded,
        Rule::AssumedAdded,
        Rule::AssumedRemoved,
        Rule::StatusViewsChanged,
        Rule::TraceChanged,
    ];

    /// The stable id, `SCREAMING_SNAKE_CASE`.
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            Rule::SourceRemoved => "SOURCE_REMOVED",
            Rule::SourceRenamed => "SOURCE_RENAMED",
            Rule::BodyShapeRemoved => "BODY_SHAPE_REMOVED",
            Rule::BodyPlaceRemoved => "BODY_PLACE_REMOVED",
            Rule::HeaderRemoved => "HEADER_REMOVED",
            Rule::CategoryRemoved => "CATEGORY_REMOVED",
            Rule::CategoryRenamed => "CATEGORY_RENAMED",
            Rule::StatusRemoved => "STATUS_REMOVED",
            Rule::StatusRenamed => "STATUS_RENAMED",
            Rule::CodeRemoved => "CODE_REMOVED",
            Rule::CodeRenamed => "CODE_RENAMED",
            Rule::CodeStatusChanged => "CODE_STATUS_CHANGED",
            Rule::WireSpellingRemoved => "WIRE_SPELLING_REMOVED",
            Rule::WireSpellingChanged => "WIRE_SPELLING_CHANGED",
            Rule::WireSpellingMoved => "WIRE_SPELLING_MOVED",
            Rule::ErrorTypeRemoved => "ERROR_TYPE_REMOVED",
            Rule::ErrorTypeRenamed => "ERROR_TYPE_RENAMED",
            Rule::ErrorTypeCodeChanged => "ERROR_TYPE_CODE_CHANGED",
            Rule::TaskStatusRemoved => "TASK_STATUS_REMOVED",
            Rule::TaskStatusRenamed => "TASK_STATUS_RENAMED",
            Rule::TaskStatusTerminalChanged => "TASK_STATUS_TERMINAL_CHANGED",
            Rule::LimitRemoved => "LIMIT_REMOVED",
            Rule::LimitRenamed => "LIMIT_RENAMED",
            Rule::RetryRetryabilityChanged => "RETRY_RETRYABILITY_CHANGED",
            Rule::CreateRuleLoosened => "CREATE_RULE_LOOSENED",
            Rule::SourceAdded => "SOURCE_ADDED",
            Rule::CategoryAdded => "CATEGORY_ADDED",
            Rule::StatusAdded => "STATUS_ADDED",
            Rule::CodeAdded => "CODE_ADDED",
            Rule::ErrorTypeAdded => "ERROR_TYPE_ADDED",
            Rule::TaskStatusAdded => "TASK_STATUS_ADDED",
            Rule::LimitAdded => "LIMIT_ADDED",
            Rule::CodeCategoryChanged => "CODE_CATEGORY_CHANGED",
            Rule::StatusCategoryChanged => "STATUS_CATEGORY_CHANGED",
            Rule::StatusFlagChanged => "STATUS_FLAG_CHANGED",
            Rule::CategoryFaultChanged => "CATEGORY_FAULT_CHANGED",
            Rule::CategoryStopChanged => "CATEGORY_STOP_CHANGED",
            Rule::EntrySourceChanged => "ENTRY_SOURCE_CHANGED",
            Rule::SourceAuthChanged => "SOURCE_AUTH_CHANGED",
            Rule::SourceRequestIdChanged => "SOURCE_REQUEST_ID_CHANGED",
            Rule::LimitValueChanged => "LIMIT_VALUE_CHANGED",
            Rule::RetryAttemptsChanged => "RETRY_ATTEMPTS_CHANGED",
            Rule::RetryWaitChanged => "RETRY_WAIT_CHANGED",
            Rule::RetryStrategyChanged => "RETRY_STRATEGY_CHANGED",
            Rule::CreateRuleTightened => "CREATE_RULE_TIGHTENED",
            Rule::ReleaseChanged => "RELEASE_CHANGED",
            Rule::WireSpellingAdded => "WIRE_SPELLING_ADDED",
            Rule::BodyShapeAdded => "BODY_SHAPE_ADDED",
            Rule::BodyPlaceAdded => "BODY_PLACE_ADDED",
            Rule::HeaderAdded => "HEADER_ADDED",
            Rule::CodeDeprecated => "CODE_DEPRECATED",
            Rule::DeprecationWithdrawn => "DEPRECATION_WITHDRAWN",
            Rule::UserMessageReworded => "USER_MESSAGE_REWORDED",
            Rule::TextReworded => "TEXT_REWORDED",
            Rule::AssumedAdded => "ASSUMED_ADDED",
            Rule::AssumedRemoved => "ASSUMED_REMOVED",
            Rule::StatusViewsChanged => "STATUS_VIEWS_CHANGED",
            Rule::TraceChanged => "TRACE_CHANGED",
        }
    }

    /// How serious a change under this rule is; fixed per rule.
    #[must_use]
    pub const fn level(self) -> Level {
        match self {
            Rule::SourceRemoved
            | Rule::SourceRenamed
            | Rule::BodyShapeRemoved
            | Rule::BodyPlaceRemoved
            | Rule::HeaderRemoved
            | Rule::CategoryRemoved
            | Rule::CategoryRenamed
            | Rule::StatusRemoved
            | Rule::StatusRenamed
            | Rule::CodeRemoved
            | Rule::CodeRenamed
            | Rule::CodeStatusChanged
            | Rule::WireSpellingRemoved
            | Rule::WireSpellingChanged
            | Rule::WireSpellingMoved
            | Rule::ErrorTypeRemoved
            | Rule::ErrorTypeRenamed
            | Rule::ErrorTypeCodeChanged
            | Rule::TaskStatusRemoved
            | Rule::TaskStatusRenamed
            | Rule::TaskStatusTerminalChanged
            | Rule::LimitRemoved
            | Rule::LimitRenamed
            | Rule::RetryRetryabilityChanged
            | Rule::CreateRuleLoosened => Level::Breaking,
            Rule::CodeCategoryChanged
            | Rule::StatusCategoryChanged
            | Rule::StatusFlagChanged
            | Rule::CategoryFaultChanged
            | Rule::CategoryStopChanged
            | Rule::EntrySourceChanged
            | Rule::SourceAuthChanged
            | Rule::SourceRequestIdChanged
            | Rule::LimitValueChanged
            | Rule::RetryAttemptsChanged
            | Rule::RetryWaitChanged
            | Rule::RetryStrategyChanged
            | Rule::CreateRuleTightened => Level::Warning,
            Rule::ReleaseChanged
            | Rule::SourceAdded
            | Rule::CategoryAdded
            | Rule::StatusAdded
            | Rule::CodeAdded
            | Rule::ErrorTypeAdded
            | Rule::TaskStatusAdded
            | Rule::LimitAdded
            | Rule::WireSpellingAdded
            | Rule::BodyShapeAdded
            | Rule::BodyPlaceAdded
            | Rule::HeaderAdded
            | Rule::CodeDeprecated
            | Rule::DeprecationWithdrawn
            | Rule::UserMessageReworded
            | Rule::TextReworded
            | Rule::AssumedAdded
            | Rule::AssumedRemoved
            | Rule::StatusViewsChanged
            | Rule::TraceChanged => Level::Info,
        }
    }

    /// What the rule is about, in one sentence.
    #[must_use]
    #[allow(clippy::too_many_lines)] // one arm per rule
    pub const fn summary(self) -> &'static str {
        match self {
            Rule::SourceRemoved => {
                "A source was removed: its `Source` variant disappears and its responses are no longer recognised."
            }
            Rule::SourceRenamed => {
                "A source's id changed (same name): the old `Source` variant disappears."
            }
            Rule::BodyShapeRemoved => {
                "A source no longer lists an error-body shape: bodies in that shape stop being parsed."
            }
            Rule::BodyPlaceRemoved => {
                "A shape no longer reads a field at a place, or no longer recognises bodies by one of its alternatives: such responses lose what was read there."
            }
            Rule::HeaderRemoved => {
                "A response header the classifier read (top-level `headers`) is no longer read, or no longer means the same: what it said is lost."
            }
            Rule::CategoryRemoved => "A category was removed: its `Category` variant disappears.",
            Rule::CategoryRenamed => {
                "A category's id changed (same meaning and fault): the old `Category` variant disappears."
            }
            Rule::StatusRemoved => "A status was removed: its `Status` variant disappears.",
            Rule::StatusRenamed => {
                "A status's reason phrase changed so that its `Status` variant is renamed."
            }
            Rule::CodeRemoved => {
                "A code was removed: its `Code` variant disappears and its wire spellings stop classifying; retire it with `deprecated:` instead."
            }
            Rule::CodeRenamed => {
                "A code's id changed (same wire spellings, or the same status and category when it has none): the old `Code` variant disappears."
            }
            Rule::CodeStatusChanged => "A code is sent with another HTTP status.",
            Rule::WireSpellingRemoved => {
                "A wire code or message of a code was removed: responses that send it no longer classify."
            }
            Rule::WireSpellingChanged => {
                "A wire code or message of a code was respelled: clients stop recognising what servers send."
            }
            Rule::WireSpellingMoved => {
                "A wire spelling now belongs to another code: responses that send it classify differently."
            }
            Rule::ErrorTypeRemoved => {
                "A task `error_type` was removed: its `ErrorType` variant disappears and task bodies naming it no longer classify."
            }
            Rule::ErrorTypeRenamed => {
                "A task `error_type` was respelled (same source and code): its `ErrorType` variant and wire spelling change."
            }
            Rule::ErrorTypeCodeChanged => "A task `error_type` maps to another code.",
            Rule::TaskStatusRemoved => {
                "A task status was removed: its `TaskStatus` variant disappears and task bodies naming it no longer parse."
            }
            Rule::TaskStatusRenamed => {
                "A task status was respelled (same source, terminality and meaning): its `TaskStatus` variant and wire spelling change."
            }
            Rule::TaskStatusTerminalChanged => {
                "A task status changed between terminal and not: pollers stop too early or never stop."
            }
            Rule::LimitRemoved => "A limit was removed: its `Limit` variant disappears.",
            Rule::LimitRenamed => {
                "A limit's id changed (same source, figure and unit): the old `Limit` variant disappears."
            }
            Rule::RetryRetryabilityChanged => {
                "A retry rule changed between not retried (`never`, `keep_polling`, `resubmit_async`) and retried (`backoff`, `after`, `after_header`)."
            }
            Rule::CreateRuleLoosened => {
                "A retry rule's `create` changed from `idempotent_only` to `safe`: creates without an idempotency key are now repeated."
            }
            Rule::SourceAdded => {
                "A source was added: a new `Source` variant; the generated enums are `#[non_exhaustive]`, so dependents' matches keep compiling."
            }
            Rule::CategoryAdded => {
                "A category was added: a new `Category` variant; the generated enums are `#[non_exhaustive]`, so dependents' matches keep compiling."
            }
            Rule::StatusAdded => {
                "A status was added: a new `Status` variant; the generated enums are `#[non_exhaustive]`, so dependents' matches keep compiling."
            }
            Rule::CodeAdded => {
                "A code was added: a new `Code` variant; the generated enums are `#[non_exhaustive]`, so dependents' matches keep compiling."
            }
            Rule::ErrorTypeAdded => {
                "A task `error_type` was added: a new `ErrorType` variant; the generated enums are `#[non_exhaustive]`, so dependents' matches keep compiling."
            }
            Rule::TaskStatusAdded => {
                "A task status was added: a new `TaskStatus` variant; the generated enums are `#[non_exhaustive]`, so dependents' matches keep compiling."
            }
            Rule::LimitAdded => {
                "A limit was added: a new `Limit` variant; the generated enums are `#[non_exhaustive]`, so dependents' matches keep compiling."
            }
            Rule::CodeCategoryChanged => {
                "A code moved to another category: what `category()` and its fault say changes."
            }
            Rule::StatusCategoryChanged => {
                "A status moved to another category: what a response with that status and no code means, and the reason a client stops, change."
            }
            Rule::StatusFlagChanged => {
                "A status's `timeout` or `edge_proxy` mark changed: how much a retry costs the budget, or whether a response is taken for a proxy's, changes."
            }
            Rule::CategoryFaultChanged => "A category's fault (who has to act) changed.",
            Rule::CategoryStopChanged => {
                "What a client is told to do when an error of a category is not retried changed."
            }
            Rule::EntrySourceChanged => {
                "An `error_type`, task status or limit is now attributed to another source."
            }
            Rule::SourceAuthChanged => {
                "A source's authentication header, schemes or key format changed."
            }
            Rule::SourceRequestIdChanged => "Where a source carries the request id changed.",
            Rule::LimitValueChanged => "A limit's figure or unit changed.",
            Rule::RetryAttemptsChanged => "A `backoff` rule's `max_attempts` changed.",
            Rule::RetryWaitChanged => {
                "How long a retried request waits changed: another retryable kind, other seconds, another header or fallback."
            }
            Rule::RetryStrategyChanged => {
                "A rule that is not retried changed kind (`never`, `keep_polling`, `resubmit_async`, or none)."
            }
            Rule::CreateRuleTightened => {
                "A retry rule's `create` changed from `safe` to `idempotent_only`: creates without an idempotency key are no longer repeated."
            }
            Rule::ReleaseChanged => "The catalogue's `release` changed.",
            Rule::WireSpellingAdded => {
                "A wire code or message was added to an existing code: more responses classify."
            }
            Rule::BodyShapeAdded => "A source lists a new error-body shape.",
            Rule::BodyPlaceAdded => {
                "A shape reads a field at a new place, or recognises bodies by a new alternative."
            }
            Rule::HeaderAdded => {
                "The classifier reads a new response header (top-level `headers`)."
            }
            Rule::CodeDeprecated => {
                "A code was marked `deprecated`: it stays, so old responses still classify."
            }
            Rule::DeprecationWithdrawn => "A code is no longer marked `deprecated`.",
            Rule::UserMessageReworded => {
                "A code's `user_message`, the text end users see, was reworded."
            }
            Rule::TextReworded => {
                "An explanation (meaning, causes, remedies, summary, label, scope, next step, name, title, example, reason phrase, deprecation note) was reworded."
            }
            Rule::AssumedAdded => {
                "A field is now marked `assumed`: our choice, not the documents'."
            }
            Rule::AssumedRemoved => {
                "A field is no longer marked `assumed`: the documents now state it."
            }
            Rule::StatusViewsChanged => "A source's view of a status was added or removed.",
            Rule::TraceChanged => "The documents the catalogue or a source is traced to changed.",
        }
    }

    /// The rule with this id, if any.
    #[must_use]
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|r| r.id() == id)
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_round_trip() {
        for rule in Rule::ALL {
            assert_eq!(Rule::from_id(rule.id()), Some(*rule));
        }
        let mut ids: Vec<_> = Rule::ALL.iter().map(|r| r.id()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), Rule::ALL.len());
    }

    #[test]
    fn all_is_ordered_breaking_first() {
        let levels: Vec<_> = Rule::ALL.iter().map(|r| r.level()).collect();
        assert!(levels.windows(2).all(|w| w[0] >= w[1]), "{levels:?}");
    }
}
