//! The retry vocabulary of the catalogue, as values.

/// How a client should retry after an error: the catalogue's closed
/// vocabulary, its figures in whole seconds as the catalogue writes them.
///
/// This is the one rule type of the catalogue, [`errors_vocab::retry::RetryRule`],
/// with its header a `&'static str`: `Copy`, and built in `const` by the
/// generated tables and the derive's expansion. Its words (`word`, and
/// `Display`, the catalogue's one-line summary) and its facts
/// (`is_retryable`, `create_rule`, `allows_create`, `max_attempts`) are
/// that type's, so the catalogue's tools and this crate cannot disagree.
///
/// It is what the documents and the catalogue say about an error in
/// general; [`crate::wire::RetryPolicy::decide`] turns it into a decision
/// for one request (which operation, which attempt, what the server's
/// headers said), with its waits as [`Duration`](std::time::Duration)s.
///
/// ```
/// # extern crate errors_runtime as errors_core;
/// use errors_core::{Code, CreateRule, Retry};
///
/// const RULE: Retry = Retry::After { min_secs: 30, max_secs: 60, create: CreateRule::Safe };
/// assert!(RULE.is_retryable() && RULE.allows_create(false));
/// assert_eq!(RULE.word(), "after");
/// assert_eq!(RULE.to_string(), "retry after 30-60 s");
/// assert!(matches!(
///     Code::RateLimitExceeded.retry(),
///     Retry::AfterHeader { header: "Retry-After", fallback_secs: 60, .. }
/// ));
/// ```
pub type Retry = errors_vocab::retry::RetryRule<&'static str>;
