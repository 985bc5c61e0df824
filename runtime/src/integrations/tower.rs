//! A `tower::retry::Policy` for `http` services that follows the
//! catalogue: [`CatalogueRetryPolicy`], installed by
//! [`CatalogueRetryPolicy::layer`].
//!
//! Each response is classified ([`classify`]) and
//! each error described ([`DescribeFailure`]); a [`Retrier`] decides. So
//! `Retry-After` is honoured up to the policy's `max_retry_after` (a longer
//! one stops), the shared [`RetryBudget`](crate::wire::RetryBudget) is
//! spent and refunded, and a request that is not idempotent (by method,
//! RFC 9110 §9.2.2) and carries no idempotency key
//! ([`IdempotencyKeyHeader`]) is never repeated after an ambiguous failure.
//!
//! # Request cloning
//!
//! tower retries a clone of the request, made before each attempt. A
//! request is cloned whole (method, URI, version, headers, extensions and
//! body) when its body type is `Clone`; extensions must be `Clone` too,
//! as `http`'s are. A request the policy will never repeat (a
//! non-idempotent one without a key, on its first response that is not a
//! refusal) is still cloned: tower clones before it knows the answer.
//!
//! # Response bodies
//!
//! The policy reads the response body as bytes (`ResB: AsRef<[u8]>`), so
//! put it outside a layer that collects the body (at most
//! [`MAX_BODY`](crate::wire::MAX_BODY) of it is read). A body that is not
//! buffered cannot be classified; classify by status and headers instead,
//! by mapping the body away before this layer.
//!
//! ```
//! # extern crate errors_runtime as errors_core;
//! use std::sync::Arc;
//! use std::time::Duration;
//! use errors_core::integrations::tower::CatalogueRetryPolicy;
//! use errors_core::wire::{RetryBudget, RetryPolicy};
//! use tower::{ServiceBuilder, ServiceExt};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
//! let policy = RetryPolicy::builder()
//!     .budget(Arc::new(RetryBudget::new()))
//!     .build()?;
//! let service = ServiceBuilder::new()
//!     .layer(CatalogueRetryPolicy::new(policy).layer())
//!     .timeout(Duration::from_secs(10))
//!     .service_fn(|_request: http::Request<String>| async {
//!         Ok::<_, std::io::Error>(http::Response::new(String::from("{}")))
//!     });
//! let response = service
//!     .oneshot(http::Request::get("http://127.0.0.1/tasks/1").body(String::new())?)
//!     .await?;
//! assert_eq!(response.status(), http::StatusCode::OK);
//! # Ok(())
//! # }
//! ```

use std::sync::Arc;
use std::time::Instant;

use ::tower::retry::{Policy, RetryLayer};

use super::failure::DescribeFailure;
use super::idempotency::IdempotencyKeyHeader;
use crate::wire::{Next, Operation, Retrier, RetryPolicy, classify};

/// A `tower::retry::Policy` that retries as the catalogue and a
/// [`RetryPolicy`] say. tower clones it for each request, so each request
/// counts its own attempts; the policy's budget is shared by all.
#[derive(Debug, Clone)]
pub struct CatalogueRetryPolicy {
    policy: Arc<RetryPolicy>,
    key_header: IdempotencyKeyHeader,
    /// The request's retrier, made at its first answer.
    retrier: Option<Retrier<Arc<RetryPolicy>>>,
}

impl CatalogueRetryPolicy {
    /// A policy following `policy`, reading idempotency keys from
    /// `Idempotency-Key` ([`IdempotencyKeyHeader::default`]).
    #[must_use]
    pub fn new(policy: RetryPolicy) -> Self {
        Self {
            policy: Arc::new(policy),
            key_header: IdempotencyKeyHeader::default(),
            retrier: None,
        }
    }

    /// Reads idempotency keys from `header` instead.
    #[must_use]
    pub fn with_idempotency_key_header(mut self, header: IdempotencyKeyHeader) -> Self {
        self.key_header = header;
        self
    }

    /// A `tower::retry::RetryLayer` that installs this policy.
    #[must_use]
    pub fn layer(self) -> RetryLayer<Self> {
        RetryLayer::new(self)
    }

    /// Attempts this request has made so far (0 before its first answer).
    #[must_use]
    pub fn attempts(&self) -> u32 {
        self.retrier.as_ref().map_or(0, Retrier::attempts)
    }

    fn retrier(&mut self, operation: Operation) -> &mut Retrier<Arc<RetryPolicy>> {
        self.retrier
            .get_or_insert_with(|| Retrier::new(Arc::clone(&self.policy), operation))
    }
}

impl<ReqB, ResB, E> Policy<http::Request<ReqB>, http::Response<ResB>, E> for CatalogueRetryPolicy
where
    ReqB: Clone,
    ResB: AsRef<[u8]>,
    E: DescribeFailure,
{
    type Future = ::tokio::time::Sleep;

    fn retry(
        &mut self,
        request: &mut http::Request<ReqB>,
        result: &mut Result<http::Response<ResB>, E>,
    ) -> Option<Self::Future> {
        let operation = self
            .key_header
            .operation(request.method(), request.headers());
        let retrier = self.retrier(operation);
        let now = Instant::now();
        let next = match result {
            Ok(response) => {
                let classified = classify(
                    response.status(),
                    response.headers(),
                    response.body().as_ref(),
                );
                retrier.on_response(&classified, now)
            }
            Err(error) => retrier.on_transport_failure(error.transport_failure(), now),
        };
        match next {
            Next::Retry { after } => Some(::tokio::time::sleep(after)),
            Next::Finish { .. } | Next::OutOfTime => None,
        }
    }

    fn clone_request(&mut self, request: &http::Request<ReqB>) -> Option<http::Request<ReqB>> {
        let mut clone = http::Request::new(request.body().clone());
        *clone.method_mut() = request.method().clone();
        *clone.uri_mut() = request.uri().clone();
        *clone.version_mut() = request.version();
        *clone.headers_mut() = request.headers().clone();
        *clone.extensions_mut() = request.extensions().clone();
        Some(clone)
    }
}
