//! Runs one of the classify benchmark's responses through `classify` or a
//! baseline, a given number of times, for `scripts/classify-instructions`
//! to count the instructions under valgrind: a measure that a noisy
//! machine does not move.
//!
//! `cargo run --release -p errors-core --example classify_count -- <shape> <classify|value|ignored_any> <times>`

use std::hint::black_box;
use std::process::ExitCode;

use errors_core::wire::classify;

#[path = "../benches/support/shapes.rs"]
mod shapes;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [shape, what, times] = args.as_slice() else {
        eprintln!("usage: classify_count <shape> <classify|value|ignored_any> <times>");
        return ExitCode::FAILURE;
    };
    let Ok(times) = times.parse::<u32>() else {
        eprintln!("times: a whole number, not {times:?}");
        return ExitCode::FAILURE;
    };
    let responses = shapes::responses();
    let Some((_, status, headers, body)) = responses.iter().find(|(name, ..)| name == shape) else {
        let names: Vec<&str> = responses.iter().map(|(name, ..)| *name).collect();
        eprintln!("no shape {shape:?}; the shapes: {}", names.join(", "));
        return ExitCode::FAILURE;
    };
    for _ in 0..times {
        match what.as_str() {
            "classify" => {
                black_box(classify(
                    black_box(*status),
                    black_box(headers),
                    black_box(body),
                ));
            }
            "value" => {
                let _ = black_box(serde_json::from_slice::<serde_json::Value>(black_box(body)));
            }
            "ignored_any" => {
                let _ = black_box(serde_json::from_slice::<serde::de::IgnoredAny>(black_box(
                    body,
                )));
            }
            other => {
                eprintln!("no function {other:?}: classify, value or ignored_any");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}
