//! What makes a rule meaningless: the checks the catalogue's loader and
//! the derive both apply, with the same words.

use std::fmt;

use super::RetryRule;

/// Why a retry rule cannot be used as written.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RetryProblem {
    /// `backoff` with fewer than 2 attempts in all never retries.
    BackoffNeverRetries {
        /// The attempts written.
        max_attempts: u32,
    },
    /// `after` waits longer at least than at most, or not at all.
    AfterRange {
        /// The shortest wait written.
        min_secs: u32,
        /// The longest wait written.
        max_secs: u32,
    },
    /// `after_header` names something that is not an HTTP header name.
    NotAHeader {
        /// The name written.
        header: String,
    },
    /// `after_header` has no wait for when the header is missing.
    NoFallback,
}

impl<H: AsRef<str>> RetryRule<H> {
    /// The first problem of the rule, if it has one.
    ///
    /// # Errors
    /// The problem, whose `Display` says what to write instead.
    pub fn check(&self) -> Result<(), RetryProblem> {
        match self {
            Self::Backoff { max_attempts, .. } if *max_attempts < 2 => {
                Err(RetryProblem::BackoffNeverRetries {
                    max_attempts: *max_attempts,
                })
            }
            Self::After {
                min_secs, max_secs, ..
            } if min_secs > max_secs || *max_secs == 0 => Err(RetryProblem::AfterRange {
                min_secs: *min_secs,
                max_secs: *max_secs,
            }),
            Self::AfterHeader { header, .. } if !is_header_name(header.as_ref()) => {
                Err(RetryProblem::NotAHeader {
                    header: header.as_ref().to_owned(),
                })
            }
            Self::AfterHeader { fallback_secs, .. } if *fallback_secs == 0 => {
                Err(RetryProblem::NoFallback)
            }
            _ => Ok(()),
        }
    }
}

/// Letters, digits and `-`: every header the documents name, and nothing
/// that could not be one.
fn is_header_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

impl fmt::Display for RetryProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::BackoffNeverRetries { max_attempts } => write!(
                f,
                "`backoff` with max_attempts {max_attempts} never retries; use `never` or at least 2"
            ),
            Self::AfterRange { min_secs, max_secs } => write!(
                f,
                "`after` needs 0 <= min_secs <= max_secs and max_secs > 0 (got {min_secs}..{max_secs})"
            ),
            Self::NotAHeader { header } => write!(
                f,
                "`after_header` names `{header}`, which is not a header name"
            ),
            Self::NoFallback => f.write_str(
                "`after_header` needs a fallback_secs above 0 for when the header is missing",
            ),
        }
    }
}

impl std::error::Error for RetryProblem {}
