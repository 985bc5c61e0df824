//! An example queue client: submits a task, polls it to the end, and prints
//! what happened with the catalogue's remediation text.
//!
//! ```text
//! cargo run -p errors-core --example queue_client --features axum,queue -- [URL] [ENDPOINT] [options]
//!
//!   URL                   the queue's base URL (http://127.0.0.1:PORT); without
//!                         one, the example server is started in-process
//!                         (needs the `axum` feature)
//!   ENDPOINT              ok (default), fail-inference, fail-timeout, fail-invalid,
//!                         fail-blocked, fail-canceled, fail-internal, slow, flaky,
//!                         restricted, or any other name
//!   --key KEY             the API key (default: demo-key)
//!   --no-key              send no Authorization header at all
//!   --prompt TEXT         the prompt to submit
//!   --idempotency-key K   make the create safe to repeat
//!   --cancel              cancel the task right after submitting it
//!   --poll-ms N           milliseconds between status polls (default 200)
//!   --max-wait-secs N     give up after this long in all (default 60)
//! ```

#[cfg(feature = "axum")]
#[allow(
    dead_code,
    reason = "shared with the server example and the end-to-end tests, which use other parts"
)]
#[path = "queue/server.rs"]
mod server;

use std::process::ExitCode;
use std::time::Duration;

use errors_core::integrations::queue::{
    QueueClient, QueueError, QueueErrorKind, TaskEnd, TaskFailure, TaskState,
};
use errors_core::wire::RetryPolicy;
use errors_core::{Code, ErrorTaxonomy};

/// What the command line asked for.
struct Args {
    url: Option<String>,
    endpoint: String,
    key: Option<String>,
    prompt: String,
    idempotency_key: Option<String>,
    cancel: bool,
    poll: Duration,
    max_wait: Duration,
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            eprintln!(
                "usage: queue_client [URL] [ENDPOINT] [--key KEY | --no-key] [--prompt TEXT] \
                 [--idempotency-key K] [--cancel] [--poll-ms N] [--max-wait-secs N]"
            );
            return ExitCode::from(2);
        }
    };
    match args.url.clone() {
        Some(url) => run(&url, &args).await,
        None => run_in_process(&args).await,
    }
}

#[cfg(feature = "axum")]
async fn run_in_process(args: &Args) -> ExitCode {
    let addr = std::net::SocketAddr::from((std::net::Ipv4Addr::LOCALHOST, 0));
    let running = match server::start(addr, server::Config::default()).await {
        Ok(running) => running,
        Err(error) => {
            eprintln!("cannot start the example server: {error}");
            return ExitCode::FAILURE;
        }
    };
    println!("server:    {} (example server, in-process)", running.url());
    let code = run(&running.url(), args).await;
    if let Err(error) = running.shutdown().await {
        eprintln!("the example server failed: {error}");
    }
    code
}

#[cfg(not(feature = "axum"))]
async fn run_in_process(_: &Args) -> ExitCode {
    eprintln!(
        "give the queue's URL, or build with `--features axum,reqwest` to run the example server in-process"
    );
    ExitCode::from(2)
}

async fn run(url: &str, args: &Args) -> ExitCode {
    let Some(key) = args.key.as_deref() else {
        return without_key(url, &args.endpoint).await;
    };
    let client = match QueueClient::new(url, key) {
        Ok(client) => match RetryPolicy::builder().poll_interval(args.poll).build() {
            Ok(policy) => client.with_policy(policy).with_max_wait(args.max_wait),
            Err(error) => {
                eprintln!("--poll: {error}");
                return ExitCode::from(2);
            }
        },
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::from(2);
        }
    };
    let input = serde_json::json!({ "prompt": args.prompt });
    let task = match client
        .submit(&args.endpoint, &input, args.idempotency_key.as_deref())
        .await
    {
        Ok(task) => task,
        Err(stopped) => {
            print_stopped(&stopped);
            return ExitCode::FAILURE;
        }
    };
    println!("submitted: {} on {}", task.request_id, task.endpoint);
    if args.cancel {
        match client.cancel(&task).await {
            Ok(()) => println!("cancel:    requested"),
            Err(stopped) => print_stopped(&stopped),
        }
    }
    match client.wait_with(&task, print_state).await {
        TaskEnd::Completed(result) => {
            println!("completed: {result}");
            println!("request id:      {}", task.request_id);
            ExitCode::SUCCESS
        }
        TaskEnd::Failed(failure) => {
            print_failure(&failure);
            ExitCode::FAILURE
        }
        TaskEnd::Stopped(stopped) => {
            print_stopped(&stopped);
            ExitCode::FAILURE
        }
        other => {
            println!("ended: {other:?}");
            ExitCode::FAILURE
        }
    }
}

/// Sends the create with no credential at all and explains the answer.
async fn without_key(url: &str, endpoint: &str) -> ExitCode {
    let target = format!("{}/v1/queue/{endpoint}", url.trim_end_matches('/'));
    let sent = reqwest::Client::new()
        .post(target)
        .header("content-type", "application/json")
        .body(r#"{"prompt": "no key"}"#)
        .send()
        .await;
    let error = match sent {
        Ok(response) => errors_core::integrations::reqwest::classify(response).await,
        Err(error) => Err(error),
    };
    match error {
        Ok(error) => {
            println!("request failed: create without a key");
            explain(&error, error.request_id());
            println!("  server said:     {error}");
        }
        Err(error) => eprintln!("no response: {error}"),
    }
    ExitCode::FAILURE
}

fn print_state(state: &TaskState) {
    let status = match &state.status {
        errors_core::wire::Reported::Known(status) => status.as_str().to_owned(),
        errors_core::wire::Reported::Unknown(text) => format!("{text} (unknown)"),
    };
    match state.queue_position {
        Some(position) => println!("status:    {status} (queue position {position})"),
        None => println!("status:    {status}"),
    }
}

fn print_failure(failure: &TaskFailure) {
    let error_type = match &failure.error_type {
        Some(errors_core::wire::Reported::Known(error_type)) => error_type.as_str().to_owned(),
        Some(errors_core::wire::Reported::Unknown(text)) => format!("{text} (not catalogued)"),
        None => "none given".to_owned(),
    };
    println!("task failed: error_type {error_type}");
    if let Some(error) = &failure.error {
        println!("  server said:     {error:?}");
    }
    explain(failure, Some(&failure.request_id));
    println!("  next step:       {}", failure.advice);
}

fn print_stopped(stopped: &QueueError) {
    println!("request failed: {stopped}");
    match &stopped.kind {
        QueueErrorKind::Rejected { response, .. } => {
            explain(response.as_ref(), stopped.request_id.as_deref());
        }
        _ => print_request_id(stopped.request_id.as_deref()),
    }
    if let Some(decision) = stopped.decision() {
        println!("  next step:       {decision}");
    }
}

/// What went wrong, whose fault it is, the retry advice and the remedies,
/// all from the catalogue.
fn explain(error: &impl ErrorTaxonomy, request_id: Option<&str>) {
    println!("  what went wrong: {}", error.user_message());
    if let Some(code) = error.code() {
        println!(
            "  code:            {code} (HTTP {}): {}",
            error.status().as_u16(),
            code.meaning()
        );
    }
    println!("  whose fault:     {}", fault(error.code()));
    println!("  retry advice:    {}", error.retry());
    let remedies = error.remedies();
    if !remedies.is_empty() {
        println!("  remedies:");
        for remedy in remedies {
            println!("    - {remedy}");
        }
    }
    print_request_id(request_id);
}

fn print_request_id(request_id: Option<&str>) {
    match request_id {
        Some(id) => println!("  request id:      {id} (quote it to support)"),
        None => println!("  request id:      none given"),
    }
}

fn fault(code: Option<Code>) -> String {
    let Some(code) = code else {
        return "unknown (an uncatalogued error)".to_owned();
    };
    let category = code.category();
    format!("{} ({category})", category.fault())
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut parsed = Args {
        url: None,
        endpoint: "ok".to_owned(),
        key: Some("demo-key".to_owned()),
        prompt: "a cinematic photo of a cat astronaut".to_owned(),
        idempotency_key: None,
        cancel: false,
        poll: Duration::from_millis(200),
        max_wait: Duration::from_secs(60),
    };
    let mut positional = Vec::new();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--key" => parsed.key = Some(value("--key")?),
            "--no-key" => parsed.key = None,
            "--prompt" => parsed.prompt = value("--prompt")?,
            "--idempotency-key" => parsed.idempotency_key = Some(value("--idempotency-key")?),
            "--cancel" => parsed.cancel = true,
            "--poll-ms" => parsed.poll = Duration::from_millis(number(&value("--poll-ms")?)?),
            "--max-wait-secs" => {
                parsed.max_wait = Duration::from_secs(number(&value("--max-wait-secs")?)?);
            }
            flag if flag.starts_with("--") => return Err(format!("unknown option `{flag}`")),
            _ => positional.push(arg),
        }
    }
    let mut positional = positional.into_iter().peekable();
    if positional
        .peek()
        .is_some_and(|first| first.starts_with("http://") || first.starts_with("https://"))
    {
        parsed.url = positional.next();
    }
    if let Some(endpoint) = positional.next() {
        parsed.endpoint = endpoint;
    }
    if let Some(extra) = positional.next() {
        return Err(format!("unexpected argument `{extra}`"));
    }
    Ok(parsed)
}

fn number(text: &str) -> Result<u64, String> {
    text.parse()
        .map_err(|_| format!("`{text}` is not a whole number"))
}
