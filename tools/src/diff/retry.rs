//! Retry rules compared: whether a client repeats a request at all is
//! breaking, how often and how long it waits is a warning, and whether it
//! may repeat a create without an idempotency key depends on the direction.

use errors_catalogue::{Location, Spanned};

use super::Rule;
use super::change::{Changes, Place};
use errors_catalogue::model::{CreateRule, Retry};

/// Compares the retry rules of `entry` (a status's default rule may be
/// absent); `at` is where the entry is in the new catalogue, for a rule that
/// is gone.
pub(crate) fn compare(
    out: &mut Changes,
    entry: &str,
    (old, new): (Option<&Spanned<Retry>>, Option<&Spanned<Retry>>),
    at: Location,
) {
    let old_rule = old.map(|r| &r.value);
    let new_rule = new.map(|r| &r.value);
    if old_rule == new_rule {
        return;
    }
    let place = Place::new(new.map_or(at, |r| r.referenced));
    let what = subject(entry);
    let values = (Some(render(old_rule)), Some(render(new_rule)));
    let (was, is) = (retryable(old_rule), retryable(new_rule));
    if was != is {
        let message = if is {
            format!(
                "clients now repeat a request that failed with {what}; before, they gave up or waited for the task"
            )
        } else {
            format!(
                "clients no longer repeat a request that failed with {what}; before, they retried it"
            )
        };
        out.add(
            Rule::RetryRetryabilityChanged,
            entry,
            place,
            message,
            values,
        );
        return;
    }
    if !is {
        out.add(
            Rule::RetryStrategyChanged,
            entry,
            place,
            format!(
                "clients handle {what} differently without retrying: `never` means fix the request, `keep_polling` wait for the task, `resubmit_async` send it again asynchronously"
            ),
            values,
        );
        return;
    }
    let (Some(old_rule), Some(new_rule)) = (old_rule, new_rule) else {
        return; // both retryable, so both present
    };
    if let (
        Retry::Backoff {
            max_attempts: before,
            ..
        },
        Retry::Backoff {
            max_attempts: after,
            ..
        },
    ) = (old_rule, new_rule)
        && before != after
    {
        out.add(
            Rule::RetryAttemptsChanged,
            entry,
            place,
            format!(
                "clients make at most {after} attempts in all after {what}, instead of {before}"
            ),
            values.clone(),
        );
    }
    if waits(old_rule) != waits(new_rule) {
        out.add(
            Rule::RetryWaitChanged,
            entry,
            place,
            format!("clients wait differently before repeating a request that failed with {what}"),
            values.clone(),
        );
    }
    match (create(old_rule), create(new_rule)) {
        (CreateRule::IdempotentOnly, CreateRule::Safe) => out.add(
            Rule::CreateRuleLoosened,
            entry,
            place,
            format!(
                "clients now repeat a create without an idempotency key after {what}; if the first one did any work, the work is done twice"
            ),
            values,
        ),
        (CreateRule::Safe, CreateRule::IdempotentOnly) => out.add(
            Rule::CreateRuleTightened,
            entry,
            place,
            format!(
                "clients no longer repeat a create without an idempotency key after {what}; such callers see the failure instead"
            ),
            values,
        ),
        _ => {}
    }
}

/// How a message names the failure: `HTTP 408`, or the id in backticks.
fn subject(entry: &str) -> String {
    match entry.split_once('.') {
        // `statuses.503` or, for one source's rule, `statuses.503 from runs`.
        Some(("statuses", number)) => match number.split_once(" from ") {
            Some((number, source)) => format!("HTTP {number} from `{source}`"),
            None => format!("HTTP {number}"),
        },
        Some((_, id)) => format!("`{id}`"),
        None => format!("`{entry}`"),
    }
}

/// Whether a client sends the same request again.
fn retryable(retry: Option<&Retry>) -> bool {
    matches!(
        retry,
        Some(Retry::Backoff { .. } | Retry::After { .. } | Retry::AfterHeader { .. })
    )
}

/// The part of a retryable rule that says how long to wait: the kind and
/// its seconds or header, without attempts and create rule.
fn waits(retry: &Retry) -> Option<(&'static str, u32, u32, &str)> {
    match retry {
        Retry::Backoff { .. } => Some(("backoff", 0, 0, "")),
        Retry::After {
            min_secs, max_secs, ..
        } => Some(("after", *min_secs, *max_secs, "")),
        Retry::AfterHeader {
            header,
            fallback_secs,
            ..
        } => Some(("after_header", *fallback_secs, 0, header)),
        Retry::Never | Retry::KeepPolling | Retry::ResubmitAsync => None,
    }
}

fn create(retry: &Retry) -> CreateRule {
    match retry {
        Retry::Backoff { create, .. }
        | Retry::After { create, .. }
        | Retry::AfterHeader { create, .. } => *create,
        Retry::Never | Retry::KeepPolling | Retry::ResubmitAsync => CreateRule::IdempotentOnly,
    }
}

/// The rule as it is written in the catalogue (flow style), `none` when absent.
pub(crate) fn render(retry: Option<&Retry>) -> String {
    let create = |c: &CreateRule| match c {
        CreateRule::IdempotentOnly => "idempotent_only",
        CreateRule::Safe => "safe",
    };
    match retry {
        None => "none".into(),
        Some(Retry::Never) => "never".into(),
        Some(Retry::KeepPolling) => "keep_polling".into(),
        Some(Retry::ResubmitAsync) => "resubmit_async".into(),
        Some(Retry::Backoff {
            max_attempts,
            create: c,
        }) => format!(
            "{{backoff: {{max_attempts: {max_attempts}, create: {}}}}}",
            create(c)
        ),
        Some(Retry::After {
            min_secs,
            max_secs,
            create: c,
        }) => format!(
            "{{after: {{min_secs: {min_secs}, max_secs: {max_secs}, create: {}}}}}",
            create(c)
        ),
        Some(Retry::AfterHeader {
            header,
            fallback_secs,
            create: c,
        }) => format!(
            "{{after_header: {{header: {header}, fallback_secs: {fallback_secs}, create: {}}}}}",
            create(c)
        ),
    }
}
