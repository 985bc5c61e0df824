//! A retry middleware for `reqwest_middleware::ClientBuilder` that
//! follows the catalogue: [`RetryMiddleware`].
//!
//! How long it waits between attempts (`Retry-After`, else the catalogue's
//! rule: backoff from 0.5 s, 60 s for a bare 429, …): see
//! [the integrations](super#how-long-a-retry-waits).
//!
//! Unlike `reqwest-retry`, whose policy never sees the response (its issue
//! #146), this middleware classifies each response, so `Retry-After` is
//! honoured up to the policy's `max_retry_after`, the shared
//! [`RetryBudget`](crate::wire::RetryBudget) is spent and refunded, and a
//! request that is not idempotent (by method, RFC 9110 §9.2.2) and carries
//! no idempotency key ([`IdempotencyKeyHeader`]) is never repeated after an
//! ambiguous failure.
//!
//! The body of a failed response (4xx, 5xx) is read to classify it, then
//! handed back intact; a success passes through unread. A request whose
//! body cannot be cloned (a stream) is sent once.
//!
//! ```
//! # extern crate errors_runtime as errors_core;
//! use errors_core::integrations::reqwest_middleware::RetryMiddleware;
//! use errors_core::wire::RetryPolicy;
//!
//! let client = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
//!     .with(RetryMiddleware::new(RetryPolicy::default()))
//!     .build();
//! # drop(client);
//! ```

use std::sync::Arc;
use std::time::{Duration, Instant};

use ::reqwest::{Request, Response, ResponseBuilderExt};
use ::reqwest_middleware::{Middleware, Next as Chain};
use http::Extensions;

use super::failure::DescribeFailure;
use super::idempotency::IdempotencyKeyHeader;
use crate::Taxonomy;
use crate::wire::trace::{Driver, TraceSpan};
use crate::wire::{Catalogue, Decision, Retrier, RetryPolicy, classify_with};

/// Retries as the catalogue and a [`RetryPolicy`] say: the built-in
/// catalogue, or another one given to [`RetryMiddleware::with_catalogue`].
#[derive(Debug, Clone)]
pub struct RetryMiddleware<C: Catalogue = Taxonomy> {
    catalogue: C,
    policy: Arc<RetryPolicy>,
    key_header: IdempotencyKeyHeader,
    max_elapsed: Option<Duration>,
}

impl RetryMiddleware {
    /// A middleware following `policy`, reading idempotency keys from
    /// `Idempotency-Key` ([`IdempotencyKeyHeader::default`]), without a
    /// deadline beyond the policy's attempts.
    #[must_use]
    pub fn new(policy: RetryPolicy) -> Self {
        Self::with_catalogue(Taxonomy, policy)
    }
}

impl<C: Catalogue> RetryMiddleware<C> {
    /// A middleware following `policy` that reads responses with `catalogue`.
    #[must_use]
    pub fn with_catalogue(catalogue: C, policy: RetryPolicy) -> Self {
        Self {
            catalogue,
            policy: Arc::new(policy),
            key_header: IdempotencyKeyHeader::default(),
            max_elapsed: None,
        }
    }

    /// Reads idempotency keys from `header` instead.
    #[must_use]
    pub fn with_idempotency_key_header(mut self, header: IdempotencyKeyHeader) -> Self {
        self.key_header = header;
        self
    }

    /// Never waits past `max_elapsed` after the first attempt started: a
    /// retry whose wait would end later is not made.
    #[must_use]
    pub fn with_max_elapsed(mut self, max_elapsed: Duration) -> Self {
        self.max_elapsed = Some(max_elapsed);
        self
    }
}

#[async_trait::async_trait]
impl<C: Catalogue> Middleware for RetryMiddleware<C> {
    async fn handle(
        &self,
        request: Request,
        extensions: &mut Extensions,
        next: Chain<'_>,
    ) -> reqwest_middleware::Result<Response> {
        let operation = self
            .key_header
            .operation(request.method(), request.headers());
        let method = request.method().clone();
        let host = request.url().host_str().map(str::to_owned);
        let span = TraceSpan::request(operation, Some(method.as_str()), host.as_deref());
        let mut retrier = Retrier::new(Arc::clone(&self.policy), operation)
            .driven_by(Driver::ReqwestMiddleware, Some(&method));
        if let Some(deadline) = self
            .max_elapsed
            .and_then(|max| Instant::now().checked_add(max))
        {
            retrier = retrier.with_deadline(deadline);
        }
        let mut request = request;
        let exchange = async move {
            loop {
                let spare = request.try_clone();
                let attempt =
                    TraceSpan::attempt(Some(method.as_str()), host.as_deref(), retrier.attempts());
                let result = attempt.around(next.clone().run(request, extensions)).await;
                let (next_step, result) = match result {
                    Ok(response) => {
                        attempt.status(response.status());
                        let (response, step) = judge(self.catalogue, response, &mut retrier).await;
                        (step, response.map_err(reqwest_middleware::Error::from))
                    }
                    Err(error) => {
                        let failure = match &error {
                            reqwest_middleware::Error::Reqwest(error) => error.transport_failure(),
                            reqwest_middleware::Error::Middleware(error) => {
                                super::failure::describe_dyn(error.as_ref())
                            }
                        };
                        attempt.failure(failure);
                        (
                            retrier.on_transport_failure(failure, Instant::now()),
                            Err(error),
                        )
                    }
                };
                match (next_step, spare) {
                    (Decision::Retry { after }, Some(spare)) => {
                        ::tokio::time::sleep(after).await;
                        request = spare;
                    }
                    _ => return result,
                }
            }
        };
        span.around(exchange).await
    }
}

/// Classifies `response` and asks the retrier; a failed response's body is
/// read for it, then put back.
async fn judge<C: Catalogue>(
    catalogue: C,
    response: Response,
    retrier: &mut Retrier<Arc<RetryPolicy>>,
) -> (Result<Response, ::reqwest::Error>, Decision) {
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        // A success (or a pending 202) passes unread: classified from its
        // status and headers, which is all the policy needs to refund the
        // budget or answer "not an error".
        let classified = classify_with(catalogue, status, response.headers(), b"");
        let step = retrier.on_response(&classified, Instant::now());
        return (Ok(response), step);
    }
    let url = response.url().clone();
    let version = response.version();
    let mut headers = response.headers().clone();
    let mut response = response;
    let extensions = std::mem::take(response.extensions_mut());
    let body = match response.bytes().await {
        Ok(body) => body,
        // The body was cut short: the server may have applied the request.
        Err(error) => {
            let step = retrier.on_transport_failure(error.transport_failure(), Instant::now());
            return (Err(error), step);
        }
    };
    let classified = classify_with(catalogue, status, &headers, &body);
    let step = retrier.on_response(&classified, Instant::now());
    let mut rebuilt = http::Response::builder()
        .status(status)
        .version(version)
        .url(url)
        .body(body)
        .unwrap_or_default();
    std::mem::swap(rebuilt.headers_mut(), &mut headers);
    rebuilt.extensions_mut().extend(extensions);
    (Ok(Response::from(rebuilt)), step)
}
