//! A rule as the Rust expression of the runtime's `Retry` (this type,
//! with a `&'static str` header), for the emitter and the derive alike.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{CreateRule, RetryRule};

/// How the expression names the runtime's types: full paths in a derive's
/// expansion (`::errors_core::Retry`), short names in generated tables that
/// bring them into scope (thousands of rules; the tokens are most of the
/// emitter's cost).
#[derive(Debug, Clone)]
pub struct RetryPaths {
    /// The runtime's `Retry`, its alias of [`RetryRule`].
    pub retry: TokenStream,
    /// The runtime's `CreateRule`, its re-export of [`CreateRule`].
    pub create_rule: TokenStream,
}

impl RetryPaths {
    /// Full paths through `runtime` (`::errors_core`, `crate`, …).
    #[must_use]
    pub fn full(runtime: &TokenStream) -> Self {
        Self {
            retry: quote!(#runtime::Retry),
            create_rule: quote!(#runtime::CreateRule),
        }
    }

    /// The bare names, for code that has `use`d them.
    #[must_use]
    pub fn short() -> Self {
        Self {
            retry: quote!(Retry),
            create_rule: quote!(CreateRule),
        }
    }
}

impl<H: AsRef<str>> RetryRule<H> {
    /// The runtime `Retry` value of this rule, as an expression (usable in
    /// `const`: a struct literal, nothing to call).
    #[must_use]
    pub fn to_tokens(&self, paths: &RetryPaths) -> TokenStream {
        let RetryPaths { retry, create_rule } = paths;
        let create = |rule: CreateRule| match rule {
            CreateRule::Safe => quote!(#create_rule::Safe),
            CreateRule::IdempotentOnly => quote!(#create_rule::IdempotentOnly),
        };
        match self {
            Self::Never => quote!(#retry::Never),
            Self::KeepPolling => quote!(#retry::KeepPolling),
            Self::ResubmitAsync => quote!(#retry::ResubmitAsync),
            Self::Backoff {
                max_attempts,
                create: rule,
            } => {
                let rule = create(*rule);
                quote!(#retry::Backoff { max_attempts: #max_attempts, create: #rule })
            }
            Self::After {
                min_secs,
                max_secs,
                create: rule,
            } => {
                let rule = create(*rule);
                quote!(#retry::After { min_secs: #min_secs, max_secs: #max_secs, create: #rule })
            }
            Self::AfterHeader {
                header,
                fallback_secs,
                create: rule,
            } => {
                let (header, rule) = (Literal::string(header.as_ref()), create(*rule));
                quote!(#retry::AfterHeader { header: #header, fallback_secs: #fallback_secs, create: #rule })
            }
        }
    }
}
