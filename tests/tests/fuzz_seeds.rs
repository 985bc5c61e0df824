//! The fuzz targets' seed corpus (`errors-core/fuzz`), built from every
//! case of `tests/fixtures/bodies.json`, run through the targets' own
//! functions as a regression test of the normal suite.
//!
//! `FUZZ_SEEDS_DIR=errors-core/fuzz/corpus cargo test -p errors-tests --test fuzz_seeds`
//! also writes the seeds there, one directory per target, for
//! `cargo +nightly fuzz run <target>` to start from.

#[path = "../../errors-core/fuzz/src/harness.rs"]
mod harness;

use std::path::Path;

use serde_json::Value;

/// Every seed: (target, name, bytes).
fn seeds() -> Vec<(&'static str, String, Vec<u8>)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/bodies.json");
    let cases: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut seeds = Vec::new();
    for (index, case) in cases.iter().enumerate() {
        let status = u16::try_from(case["status"].as_u64().unwrap()).unwrap();
        let mut head = Vec::new();
        for pair in case["headers"].as_array().into_iter().flatten() {
            head.extend_from_slice(pair[0].as_str().unwrap().as_bytes());
            head.extend_from_slice(b": ");
            head.extend_from_slice(pair[1].as_str().unwrap().as_bytes());
            head.push(b'\n');
            if pair[0].as_str().unwrap().starts_with("retry-after") {
                let value = pair[1].as_str().unwrap().as_bytes().to_vec();
                seeds.push(("retry_after", format!("{index:03}"), value));
            }
        }
        let mut classify = (status - 100).to_be_bytes().to_vec();
        classify.extend_from_slice(&head);
        classify.extend_from_slice(b"\n\n");
        classify.extend_from_slice(case["body"].as_str().unwrap().as_bytes());
        seeds.push(("classify", format!("{index:03}"), classify));
        if !head.is_empty() {
            seeds.push(("headers", format!("{index:03}"), head));
        }
    }
    // Every form of Retry-After the decision table knows, valid or not.
    for (index, value) in [
        "0",
        "1",
        "1.5",
        "0.25",
        "120",
        "121",
        "-1",
        "soon",
        "1e3",
        "",
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "Fri, 31 Dec 9999 23:59:59 GMT",
        "99999999999999999999",
        "NaN",
        "inf",
    ]
    .into_iter()
    .enumerate()
    {
        seeds.push((
            "retry_after",
            format!("form{index:02}"),
            value.as_bytes().to_vec(),
        ));
    }
    seeds
}

#[test]
fn every_seed_runs_through_its_target() {
    let seeds = seeds();
    assert!(
        seeds
            .iter()
            .filter(|(target, ..)| *target == "classify")
            .count()
            >= 80
    );
    assert!(seeds.iter().any(|(target, ..)| *target == "headers"));
    assert!(seeds.iter().any(|(target, ..)| *target == "retry_after"));
    for (target, _, bytes) in &seeds {
        match *target {
            "classify" => harness::classify_target(bytes),
            "headers" => harness::headers_target(bytes),
            "retry_after" => harness::retry_after_target(bytes),
            other => panic!("no target {other}"),
        }
    }
    if let Some(dir) = std::env::var_os("FUZZ_SEEDS_DIR") {
        for (target, name, bytes) in &seeds {
            let dir = Path::new(&dir).join(target);
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join(format!("seed-{name}")), bytes).unwrap();
        }
    }
}

#[test]
fn the_seed_format_splits_back_into_the_fixture() {
    let (status, headers, body) =
        harness::split(b"\x01\x2d retry-after: 3\nx-request-id: r\n\n{\"detail\": \"x\"}");
    assert_eq!(status.as_u16(), 401);
    assert_eq!(headers.len(), 2);
    assert_eq!(body, b"{\"detail\": \"x\"}");
}
