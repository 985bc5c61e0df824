//! The tasks the example queue holds, and the script that decides how each
//! one goes: the endpoint name picks the outcome, and a task moves one state
//! forward per status poll, never by wall time, so tests need no sleeps.

use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};
use std::sync::atomic::{AtomicU64, Ordering};

use errors_core::{ErrorType, TaskStatus};

/// What an endpoint of the example queue does with the tasks created on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    /// `ok`: completes successfully.
    Ok,
    /// `fail-…`: completes with this `error_type`.
    Fail(ErrorType),
    /// `slow`: stays `IN_PROGRESS` until canceled.
    Slow,
    /// `flaky`: creates the task but answers the create with a server
    /// failure, the ambiguous case where a retry without an idempotency key
    /// would create a second task.
    Flaky,
    /// `restricted`: exists, but no key may use it.
    Restricted,
}

impl Endpoint {
    /// The endpoint called `name`, if the example queue has one.
    pub fn parse(name: &str) -> Option<Self> {
        Self::all().find(|endpoint| endpoint.name() == name)
    }

    /// Every endpoint the example queue has.
    pub fn all() -> impl Iterator<Item = Self> {
        [Self::Ok, Self::Slow, Self::Flaky, Self::Restricted]
            .into_iter()
            .chain(
                ErrorType::ALL
                    .iter()
                    .map(|&error_type| Self::Fail(error_type)),
            )
    }

    /// The endpoint's name in paths.
    pub fn name(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::Slow => "slow",
            Self::Flaky => "flaky",
            Self::Restricted => "restricted",
            Self::Fail(error_type) => match error_type {
                ErrorType::InferenceFailure => "fail-inference",
                ErrorType::InferenceTimeout => "fail-timeout",
                ErrorType::RequestInvalid => "fail-invalid",
                ErrorType::ContentBlocked => "fail-blocked",
                ErrorType::Canceled => "fail-canceled",
                ErrorType::InternalServerError => "fail-internal",
                // The catalogue's enums are `#[non_exhaustive]`: an
                // error_type added later needs its own endpoint name here.
                _ => "fail-other",
            },
        }
    }
}

/// How many status polls a task spends in each state before the next.
#[derive(Debug, Clone, Copy)]
pub struct Pace {
    /// Polls answered `IN_QUEUE`; `queue_position` counts down to 0.
    pub queue_polls: u32,
    /// Polls answered `IN_PROGRESS` after that.
    pub progress_polls: u32,
}

impl Pace {
    /// The `inference_time` a successful task's `metrics` report: made up
    /// from the polls spent in progress, so responses stay deterministic.
    pub fn inference_secs(self) -> f64 {
        f64::from(self.progress_polls.max(1)) * 1.5
    }
}

impl Default for Pace {
    fn default() -> Self {
        Self {
            queue_polls: 2,
            progress_polls: 1,
        }
    }
}

/// Where a task is, as a status response reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// `IN_QUEUE`, with this many tasks ahead of it.
    InQueue {
        /// `queue_position`.
        position: u32,
    },
    /// `IN_PROGRESS`.
    InProgress,
    /// `COMPLETED`, successfully or with an `error_type`.
    Completed(Result<(), ErrorType>),
}

impl Phase {
    /// The `status` this phase reports.
    pub fn status(self) -> TaskStatus {
        match self {
            Self::InQueue { .. } => TaskStatus::InQueue,
            Self::InProgress => TaskStatus::InProgress,
            Self::Completed(_) => TaskStatus::Completed,
        }
    }
}

/// One task.
#[derive(Debug)]
pub struct Task {
    /// The endpoint name it was created on, as the caller spelled it.
    pub endpoint: String,
    /// What that endpoint does.
    script: Endpoint,
    /// The key that created it; no other key can see it.
    pub owner: String,
    /// The input; `None` when the body was not a JSON object, which the
    /// task reports as `REQUEST_INVALID` when it completes.
    pub input: Option<serde_json::Value>,
    /// Status polls answered so far.
    polls: u32,
    canceled: bool,
}

impl Task {
    /// Where the task is now.
    pub fn phase(&self, pace: Pace) -> Phase {
        if self.canceled {
            return Phase::Completed(Err(ErrorType::Canceled));
        }
        if self.polls < pace.queue_polls {
            return Phase::InQueue {
                position: pace.queue_polls - 1 - self.polls,
            };
        }
        if self.script == Endpoint::Slow || self.polls < pace.queue_polls + pace.progress_polls {
            return Phase::InProgress;
        }
        Phase::Completed(match (self.script, &self.input) {
            (_, None) => Err(ErrorType::RequestInvalid),
            (Endpoint::Fail(error_type), Some(_)) => Err(error_type),
            (Endpoint::Ok | Endpoint::Slow | Endpoint::Flaky | Endpoint::Restricted, Some(_)) => {
                Ok(())
            }
        })
    }

    /// Answers one status poll: the phase it reports, then one step on.
    pub fn poll(&mut self, pace: Pace) -> Phase {
        let phase = self.phase(pace);
        if !matches!(phase, Phase::Completed(_)) {
            self.polls += 1;
        }
        phase
    }

    /// Cancels the task unless it has already completed; either way, the
    /// phase it is in afterwards.
    pub fn cancel(&mut self, pace: Pace) -> Phase {
        if !matches!(self.phase(pace), Phase::Completed(_)) {
            self.canceled = true;
        }
        self.phase(pace)
    }
}

/// Every task, with the idempotency keys that created them.
#[derive(Debug, Default)]
pub struct Store {
    tasks: HashMap<String, Task>,
    /// (owner, endpoint, idempotency key) → request id.
    idempotent: HashMap<(String, String, String), String>,
}

/// What [`Store::create`] did.
#[derive(Debug)]
pub struct Created {
    /// The task's request id.
    pub id: String,
    /// Whether the idempotency key named a task created earlier.
    pub replayed: bool,
}

impl Store {
    /// Creates a task, or finds the one an earlier create with the same
    /// idempotency key made.
    pub fn create(
        &mut self,
        endpoint: &str,
        script: Endpoint,
        owner: &str,
        idempotency_key: Option<&str>,
        input: Option<serde_json::Value>,
    ) -> Created {
        let slot =
            idempotency_key.map(|key| (owner.to_owned(), endpoint.to_owned(), key.to_owned()));
        if let Some(id) = slot.as_ref().and_then(|slot| self.idempotent.get(slot)) {
            return Created {
                id: id.clone(),
                replayed: true,
            };
        }
        let id = new_request_id();
        self.tasks.insert(
            id.clone(),
            Task {
                endpoint: endpoint.to_owned(),
                script,
                owner: owner.to_owned(),
                input,
                polls: 0,
                canceled: false,
            },
        );
        if let Some(slot) = slot {
            self.idempotent.insert(slot, id.clone());
        }
        Created {
            id,
            replayed: false,
        }
    }

    /// The task `id` as `owner` sees it on `endpoint`: `None` when it does
    /// not exist, was created on another endpoint or by another key (002's
    /// "Request not found" covers all three).
    pub fn get_mut(&mut self, owner: &str, endpoint: &str, id: &str) -> Option<&mut Task> {
        self.tasks
            .get_mut(id)
            .filter(|task| task.owner == owner && task.endpoint == endpoint)
    }
}

/// A fresh id in the shape of 002's examples (`mmsu_…`): a per-process
/// random part, so ids from two runs do not collide, and a counter.
pub fn new_request_id() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    static SEED: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    let seed = *SEED.get_or_init(|| RandomState::new().hash_one(std::process::id()));
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    format!("mmsu_{:012x}{n:08x}", seed & 0xffff_ffff_ffff)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(script: Endpoint) -> Task {
        Task {
            endpoint: script.name().to_owned(),
            script,
            owner: "k".to_owned(),
            input: Some(serde_json::json!({})),
            polls: 0,
            canceled: false,
        }
    }

    #[test]
    fn advances_one_state_per_poll() {
        let pace = Pace {
            queue_polls: 2,
            progress_polls: 1,
        };
        let mut task = task(Endpoint::Ok);
        assert_eq!(task.poll(pace), Phase::InQueue { position: 1 });
        assert_eq!(task.poll(pace), Phase::InQueue { position: 0 });
        assert_eq!(
            task.phase(pace),
            Phase::InProgress,
            "reading does not advance"
        );
        assert_eq!(task.poll(pace), Phase::InProgress);
        assert_eq!(task.poll(pace), Phase::Completed(Ok(())));
        assert_eq!(task.poll(pace), Phase::Completed(Ok(())));
    }

    #[test]
    fn each_failure_endpoint_ends_with_its_error_type() {
        let pace = Pace {
            queue_polls: 0,
            progress_polls: 0,
        };
        for &error_type in ErrorType::ALL {
            let endpoint = Endpoint::parse(Endpoint::Fail(error_type).name()).unwrap();
            assert_eq!(task(endpoint).poll(pace), Phase::Completed(Err(error_type)));
        }
    }

    #[test]
    fn an_invalid_body_ends_as_request_invalid() {
        let mut task = task(Endpoint::Ok);
        task.input = None;
        assert_eq!(
            task.poll(Pace {
                queue_polls: 0,
                progress_polls: 0
            }),
            Phase::Completed(Err(ErrorType::RequestInvalid))
        );
    }

    #[test]
    fn cancel_stops_a_running_task_but_not_a_finished_one() {
        let pace = Pace::default();
        let mut slow = task(Endpoint::Slow);
        for _ in 0..10 {
            assert_ne!(slow.poll(pace).status(), TaskStatus::Completed);
        }
        assert_eq!(
            slow.cancel(pace),
            Phase::Completed(Err(ErrorType::Canceled))
        );
        let mut done = task(Endpoint::Ok);
        while done.poll(pace) != Phase::Completed(Ok(())) {}
        assert_eq!(done.cancel(pace), Phase::Completed(Ok(())));
    }

    #[test]
    fn idempotency_keys_replay_and_owners_are_kept_apart() {
        let mut store = Store::default();
        let first = store.create("ok", Endpoint::Ok, "a", Some("k1"), None);
        let again = store.create("ok", Endpoint::Ok, "a", Some("k1"), None);
        assert!(!first.replayed);
        assert!(again.replayed);
        assert_eq!(first.id, again.id);
        let other = store.create("ok", Endpoint::Ok, "b", Some("k1"), None);
        assert_ne!(other.id, first.id);
        assert!(store.get_mut("a", "ok", &first.id).is_some());
        assert!(store.get_mut("b", "ok", &first.id).is_none());
        assert!(store.get_mut("a", "slow", &first.id).is_none());
    }
}
