//! A client for the queue protocol of documents 000 and 002: submit a task,
//! poll its status until `COMPLETED`, then fetch the result, or cancel it.
//!
//! How long it waits between attempts (`Retry-After`, else the catalogue's
//! rule: backoff from 0.5 s, 60 s for a bare 429, …): see
//! [the integrations](super#how-long-a-retry-waits).
//!
//! Every request goes through one [`Retrier`](crate::wire::Retrier):
//! each response is classified once, `Retry-After` is honoured (up to the
//! policy's cap), a create without an idempotency key is not repeated
//! after an ambiguous failure, status polls get more attempts than the
//! rest. Each call ends within the client's `max_wait`, whatever the
//! server does.
//!
//! ```no_run
//! # extern crate errors_runtime as errors_core;
//! use errors_core::integrations::queue::{QueueClient, TaskEnd};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = QueueClient::new("http://127.0.0.1:8080", "my-key")?.with_generated_idempotency_keys();
//! let task = client
//!     .submit("ok", &serde_json::json!({"prompt": "a cat astronaut"}), None)
//!     .await?;
//! match client.wait(&task).await {
//!     TaskEnd::Completed(result) => println!("{result}"),
//!     TaskEnd::Failed(failure) => println!("{}", failure.user_message),
//!     TaskEnd::Stopped(error) => println!("{error}"),
//!     other => println!("{other:?}"),
//! }
//! # Ok(())
//! # }
//! ```

mod client;
mod config;
mod outcome;
mod urls;

pub use client::QueueClient;
pub use config::{DEFAULT_MAX_WAIT, InvalidConfig};
pub use outcome::{QueueError, QueueErrorKind, Task, TaskEnd, TaskFailure, TaskState};
