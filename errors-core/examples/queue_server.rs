//! An example queue server speaking the protocol of documents 000 and 002,
//! with every error rendered from the catalogue.
//!
//! ```text
//! cargo run -p errors-core --example queue_server --features axum -- [--port N] [--rate REQUESTS/SECONDS]
//! ```
//!
//! It binds 127.0.0.1 (port 0, a free one, unless `--port` says), prints its
//! address and endpoints, and serves until interrupted. The endpoint name
//! picks the outcome: `ok`, `fail-inference` …, `slow`, `flaky`, `restricted`.

#[allow(
    dead_code,
    reason = "shared with the client example and the end-to-end tests, which use other parts"
)]
#[path = "queue/server.rs"]
mod server;

use std::net::{Ipv4Addr, SocketAddr};
use std::process::ExitCode;
use std::time::Duration;

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let (port, config) = match parse_args(std::env::args().skip(1)) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("{message}");
            eprintln!("usage: queue_server [--port N] [--rate REQUESTS/SECONDS]");
            return ExitCode::from(2);
        }
    };
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let running = match server::start(addr, config).await {
        Ok(running) => running,
        Err(error) => {
            eprintln!("cannot listen on {addr}: {error}");
            return ExitCode::FAILURE;
        }
    };
    println!("queue server listening on {}", running.url());
    let endpoints: Vec<&str> = server::Endpoint::all()
        .map(server::Endpoint::name)
        .collect();
    println!("endpoints: {}", endpoints.join(", "));
    println!(
        "rate limit: {} requests per {} ms per key",
        config.rate_limit.requests,
        config.rate_limit.window.as_millis()
    );
    match running.serve_forever().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("server failed: {error}");
            ExitCode::FAILURE
        }
    }
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<(u16, server::Config), String> {
    let mut port = 0;
    let mut config = server::Config::default();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--port" => {
                let text = value("--port")?;
                port = text
                    .parse()
                    .map_err(|_| format!("--port: `{text}` is not a port number"))?;
            }
            "--rate" => {
                let text = value("--rate")?;
                let parsed = text.split_once('/').and_then(|(requests, secs)| {
                    Some((requests.parse::<u32>().ok()?, secs.parse::<u64>().ok()?))
                });
                let Some((requests, secs)) = parsed.filter(|&(_, secs)| secs > 0) else {
                    return Err(format!(
                        "--rate: `{text}` is not REQUESTS/SECONDS, e.g. 10/60"
                    ));
                };
                config.rate_limit = server::RateLimit {
                    requests,
                    window: Duration::from_secs(secs),
                };
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok((port, config))
}
