//! What a retrying fleet does to a failing service: a fault server on
//! 127.0.0.1 and a fleet of workers sending logical requests through three
//! clients, the default policy with its retry budget, the same without a
//! budget, and reqwest-retry's defaults (the peer). For each scenario it
//! prints the requests the server received per logical request
//! (amplification), the share of logical requests that completed, and,
//! after an outage, how soon the fleet was completing again.
//!
//! Not a test: its figures depend on the machine. `scripts/retry-load.sh`
//! builds and runs it; BENCHMARKS.md keeps a run.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use errors_core::integrations::reqwest_middleware::RetryMiddleware;
use errors_core::wire::{RetryBudget, RetryPolicy};
use reqwest_middleware::{ClientBuilder, ClientWithMiddleware};
use reqwest_retry::RetryTransientMiddleware;
use reqwest_retry::policies::ExponentialBackoff;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// How many workers send at once.
const WORKERS: u64 = 32;

/// Logical requests that may be repeated safely (reads and keyed creates),
/// and those of them that completed: where the clients can be compared
/// without counting a create a client declines to repeat.
static REPEATABLE: AtomicU64 = AtomicU64::new(0);
static REPEATABLE_COMPLETED: AtomicU64 = AtomicU64::new(0);

/// What the server does with each request.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Mode {
    Healthy,
    /// Every request fails: 500, 502, or the connection closed unanswered,
    /// in turn. (Not 503: the catalogue's rule for it waits 30 to 60 s,
    /// which would measure the wait, not the load.)
    Outage,
    /// One request in five fails as in an outage.
    Intermittent,
}

struct Server {
    url: String,
    mode: Arc<std::sync::Mutex<Mode>>,
    received: Arc<AtomicU64>,
    /// Unkeyed creates received again for the same logical request (the
    /// workers tag each with `x-logical`): tasks made twice.
    duplicates: Arc<AtomicU64>,
}

impl Server {
    async fn start() -> Self {
        let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
            .await
            .expect("bind a loopback port");
        let url = format!("http://{}", listener.local_addr().expect("an address"));
        let mode = Arc::new(std::sync::Mutex::new(Mode::Healthy));
        let received = Arc::new(AtomicU64::new(0));
        let duplicates = Arc::new(AtomicU64::new(0));
        let seen = Arc::new(std::sync::Mutex::new(std::collections::HashSet::new()));
        let (m, r, d) = (
            Arc::clone(&mode),
            Arc::clone(&received),
            Arc::clone(&duplicates),
        );
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let counters = Counters {
                    mode: Arc::clone(&m),
                    received: Arc::clone(&r),
                    duplicates: Arc::clone(&d),
                    seen: Arc::clone(&seen),
                };
                tokio::spawn(serve(stream, counters));
            }
        });
        Self {
            url,
            mode,
            received,
            duplicates,
        }
    }

    fn set(&self, mode: Mode) {
        *self.mode.lock().expect("the mode") = mode;
    }
}

/// What the server shares between connections.
struct Counters {
    mode: Arc<std::sync::Mutex<Mode>>,
    received: Arc<AtomicU64>,
    duplicates: Arc<AtomicU64>,
    seen: Arc<std::sync::Mutex<std::collections::HashSet<String>>>,
}

/// One connection: requests until the client closes it.
async fn serve(mut stream: TcpStream, counters: Counters) {
    let Counters {
        mode,
        received,
        duplicates,
        seen,
    } = counters;
    let mut buffer = Vec::new();
    loop {
        // Read one request: the head, then its Content-Length body.
        let head_end = loop {
            if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                break at + 4;
            }
            let mut chunk = [0u8; 4096];
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            }
        };
        let head = String::from_utf8_lossy(&buffer[..head_end]).to_ascii_lowercase();
        let length: usize = head
            .lines()
            .find_map(|line| line.strip_prefix("content-length:"))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(0);
        while buffer.len() < head_end + length {
            let mut chunk = [0u8; 4096];
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            }
        }
        buffer.drain(..head_end + length);
        let n = received.fetch_add(1, Ordering::Relaxed);
        let unkeyed_create = head.starts_with("post") && !head.contains("idempotency-key:");
        if let Some(id) = head
            .lines()
            .find_map(|line| line.strip_prefix("x-logical:"))
            && unkeyed_create
            && !seen.lock().expect("the ids").insert(id.trim().to_owned())
        {
            duplicates.fetch_add(1, Ordering::Relaxed);
        }
        let mode = *mode.lock().expect("the mode");
        let failing = match mode {
            Mode::Healthy => false,
            Mode::Outage => true,
            Mode::Intermittent => n % 5 == 0,
        };
        let answer = if !failing {
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}"
        } else {
            match (n / 5) % 3 {
                0 => "HTTP/1.1 500 Internal Server Error\r\ncontent-length: 0\r\n\r\n",
                1 => "HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\n\r\n",
                // The connection closed after the request was read: ambiguous.
                _ => return,
            }
        };
        if stream.write_all(answer.as_bytes()).await.is_err() {
            return;
        }
    }
}

/// The clients compared.
#[derive(Clone, Copy, Debug)]
enum Client {
    /// `RetryPolicy::default()` waits, with a `RetryBudget::new()` shared by the fleet.
    WithBudget,
    /// The same without a budget.
    WithoutBudget,
    /// reqwest-retry's defaults: `ExponentialBackoff` with 3 retries, every
    /// transient failure retried, whatever the method.
    ReqwestRetry,
}

impl Client {
    fn name(self) -> &'static str {
        match self {
            Self::WithBudget => "default policy, with budget",
            Self::WithoutBudget => "default policy, no budget",
            Self::ReqwestRetry => "reqwest-retry defaults (peer)",
        }
    }

    /// One client for the whole fleet (so one budget), with short waits so
    /// that a run takes seconds: the same for every client compared.
    fn build(self, budget: &Arc<RetryBudget>) -> ClientWithMiddleware {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(2))
            .build()
            .expect("a client");
        let builder = ClientBuilder::new(http);
        match self {
            Self::WithBudget | Self::WithoutBudget => {
                let mut policy = RetryPolicy::builder()
                    .base(Duration::from_millis(20))
                    .cap(Duration::from_millis(200));
                policy = if matches!(self, Self::WithBudget) {
                    policy.budget(Arc::clone(budget))
                } else {
                    policy.without_budget()
                };
                let policy = policy.build().expect("a policy");
                builder.with(RetryMiddleware::new(policy)).build()
            }
            Self::ReqwestRetry => {
                let backoff = ExponentialBackoff::builder()
                    .retry_bounds(Duration::from_millis(20), Duration::from_millis(200))
                    .build_with_max_retries(3);
                builder
                    .with(RetryTransientMiddleware::new_with_policy(backoff))
                    .build()
            }
        }
    }
}

/// What one phase of a run counted.
#[derive(Default, Clone, Copy)]
struct Counts {
    logical: u64,
    completed: u64,
    sent: u64,
    duplicates: u64,
}

/// Runs the fleet until `stop`, counting logical requests and completions
/// into `logical` and `completed`; each worker cycles through an unkeyed
/// create, a keyed create and a read.
async fn fleet(
    client: ClientWithMiddleware,
    url: String,
    stop: Arc<AtomicBool>,
    logical: Arc<AtomicU64>,
    completed: Arc<AtomicU64>,
) {
    let mut workers = Vec::new();
    for worker in 0..WORKERS {
        let (client, url, stop) = (client.clone(), url.clone(), Arc::clone(&stop));
        let (logical, completed) = (Arc::clone(&logical), Arc::clone(&completed));
        workers.push(tokio::spawn(async move {
            let mut n = worker;
            while !stop.load(Ordering::Relaxed) {
                n += 1;
                let request = match n % 3 {
                    0 => client
                        .post(format!("{url}/tasks"))
                        .header("x-logical", format!("{worker}-{n}"))
                        .body("{}"),
                    1 => client
                        .post(format!("{url}/tasks"))
                        .header("idempotency-key", format!("k-{worker}-{n}"))
                        .body("{}"),
                    _ => client.get(format!("{url}/tasks/{n}")),
                };
                logical.fetch_add(1, Ordering::Relaxed);
                let repeatable = n % 3 != 0;
                if repeatable {
                    REPEATABLE.fetch_add(1, Ordering::Relaxed);
                }
                if let Ok(response) = request.send().await
                    && response.status().is_success()
                {
                    completed.fetch_add(1, Ordering::Relaxed);
                    if repeatable {
                        REPEATABLE_COMPLETED.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
        }));
    }
    for worker in workers {
        let _ = worker.await;
    }
}

/// One scenario for one client: `phases` of (mode, duration); the counts
/// of each phase.
async fn run(client: Client, phases: &[(Mode, Duration)]) -> (Vec<Counts>, Option<Duration>, u32) {
    let server = Server::start().await;
    let budget = Arc::new(RetryBudget::new());
    let stop = Arc::new(AtomicBool::new(false));
    let logical = Arc::new(AtomicU64::new(0));
    let completed = Arc::new(AtomicU64::new(0));
    server.set(phases[0].0);
    let running = tokio::spawn(fleet(
        client.build(&budget),
        server.url.clone(),
        Arc::clone(&stop),
        Arc::clone(&logical),
        Arc::clone(&completed),
    ));
    let mut counts = Vec::new();
    let mut recovered_in = None;
    for (i, &(mode, length)) in phases.iter().enumerate() {
        server.set(mode);
        let start = Instant::now();
        let before = (
            logical.load(Ordering::Relaxed),
            completed.load(Ordering::Relaxed),
            server.received.load(Ordering::Relaxed),
            server.duplicates.load(Ordering::Relaxed),
        );
        // After an outage: how soon do completions reach 9 in 10 of the
        // logical requests again, measured in 100 ms windows?
        let after_outage = i > 0 && phases[i - 1].0 == Mode::Outage && mode == Mode::Healthy;
        let mut window = (before.0, before.1);
        while start.elapsed() < length {
            tokio::time::sleep(Duration::from_millis(100)).await;
            let now = (
                logical.load(Ordering::Relaxed),
                completed.load(Ordering::Relaxed),
            );
            let (l, c) = (now.0 - window.0, now.1 - window.1);
            if after_outage && recovered_in.is_none() && l > 0 && c * 10 >= l * 9 {
                recovered_in = Some(start.elapsed());
            }
            window = now;
        }
        counts.push(Counts {
            logical: logical.load(Ordering::Relaxed) - before.0,
            completed: completed.load(Ordering::Relaxed) - before.1,
            sent: server.received.load(Ordering::Relaxed) - before.2,
            duplicates: server.duplicates.load(Ordering::Relaxed) - before.3,
        });
    }
    stop.store(true, Ordering::Relaxed);
    let _ = running.await;
    (counts, recovered_in, budget.available())
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

#[tokio::main]
async fn main() {
    let seconds = |s| Duration::from_secs(s);
    let clients = [
        Client::WithBudget,
        Client::WithoutBudget,
        Client::ReqwestRetry,
    ];
    println!("{WORKERS} workers; each cycles an unkeyed create, a keyed create and a read.");
    println!();
    println!(
        "| scenario | client | sent per logical request | completed | unkeyed creates sent twice | recovered in |"
    );
    println!("|---|---|---|---|---|---|");
    for client in clients {
        // A full outage; the first second drains any budget, the rest is
        // the steady state.
        let (counts, _, _) = run(
            client,
            &[(Mode::Outage, seconds(1)), (Mode::Outage, seconds(4))],
        )
        .await;
        for (phase, c) in [
            ("outage, first second", counts[0]),
            ("outage, after it", counts[1]),
        ] {
            println!(
                "| {phase} | {} | {:.2} | {:.0} % | {} | |",
                client.name(),
                ratio(c.sent, c.logical),
                100.0 * ratio(c.completed, c.logical),
                c.duplicates
            );
        }
        REPEATABLE.store(0, Ordering::Relaxed);
        REPEATABLE_COMPLETED.store(0, Ordering::Relaxed);
        let (counts, _, _) = run(client, &[(Mode::Intermittent, seconds(4))]).await;
        println!(
            "| one request in five fails | {} | {:.2} | {:.1} % (reads and keyed creates: {:.1} %) | {} | |",
            client.name(),
            ratio(counts[0].sent, counts[0].logical),
            100.0 * ratio(counts[0].completed, counts[0].logical),
            100.0
                * ratio(
                    REPEATABLE_COMPLETED.load(Ordering::Relaxed),
                    REPEATABLE.load(Ordering::Relaxed)
                ),
            counts[0].duplicates
        );
        let (counts, recovered, left) = run(
            client,
            &[(Mode::Outage, seconds(3)), (Mode::Healthy, seconds(3))],
        )
        .await;
        println!(
            "| 3 s outage, then healthy | {} | {:.2} | {:.1} % | {} | {}{} |",
            client.name(),
            ratio(counts[1].sent, counts[1].logical),
            100.0 * ratio(counts[1].completed, counts[1].logical),
            counts[1].duplicates,
            recovered.map_or("not within 3 s".to_owned(), |d| format!(
                "{} ms",
                d.as_millis()
            )),
            if matches!(client, Client::WithBudget) {
                format!(" (budget {left}/{} at the end)", RetryBudget::CAPACITY)
            } else {
                String::new()
            }
        );
    }
}
