//! Cost of code generation, for the real catalogue and synthetic large ones.
//!
//! Baseline: loading (parse + validate) the same file in the same process.
//! `generate` is load + emit + render as rustc reads it (`pretty(false)`);
//! `generate, pretty-printed` adds prettyplease (the default, for people).
//! The synthetic catalogues (1,000 and 10,000 codes) show the cost stays
//! linear in the number of codes.

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use errors_codegen::Builder;

/// The workspace's own catalogue.
const WORKSPACE_TAXONOMY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../taxonomy.yaml");

/// A valid catalogue with `codes` codes, each with two wire spellings.
fn synthetic(codes: usize) -> String {
    let mut y =
        String::from("version: 1\ndocuments:\n  - id: \"s\"\n    title: Synthetic\nsources:\n");
    for source in ["alpha", "beta"] {
        let _ = write!(
            y,
            "  - id: {source}\n    name: {source}\n    documents: [\"s\"]\n    summary: A synthetic source.\n    auth: {{header: Authorization}}\n    bodies:\n      - {{shape: detail, example: '{{}}'}}\n"
        );
    }
    y.push_str(
        "categories:\n  - {id: synthetic, meaning: Synthetic codes., fault: caller}\nstatuses:\n",
    );
    y.push_str("  - status: 400\n    reason: Bad Request\n    user_message: The request is not valid.\n    category: synthetic\n    meaning: Bad.\n    retry: never\n    views: []\n");
    y.push_str("codes:\n");
    for i in 0..codes {
        let _ = write!(
            y,
            "  - id: code_{i}\n    status: 400\n    category: synthetic\n    retry: {{backoff: {{max_attempts: 3}}}}\n    user_message: Something went wrong with this request.\n    meaning: Synthetic code number {i}.\n    remedies: [Fix the request]\n    wire:\n      - {{source: alpha, code: ALPHA_{i}}}\n      - {{source: beta, message: \"beta failure {i}\"}}\n"
        );
    }
    y.push_str("error_types: []\ntask_statuses: []\nlimits: []\n");
    y
}

fn write_temp(name: &str, text: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("errors-codegen-bench-{name}.yaml"));
    std::fs::write(&path, text).expect("temp dir is writable");
    path
}

fn bench(c: &mut Criterion) {
    let cases = [
        ("workspace", PathBuf::from(WORKSPACE_TAXONOMY)),
        ("synthetic_1000", write_temp("1000", &synthetic(1_000))),
        ("synthetic_10000", write_temp("10000", &synthetic(10_000))),
    ];
    let mut group = c.benchmark_group("codegen");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    for (name, path) in &cases {
        errors_catalogue::load(path).expect("the benchmark's catalogues are valid");
        group.bench_function(format!("{name}/load (baseline)"), |b| {
            b.iter(|| errors_catalogue::load(black_box(path)).map(|c| c.codes().len()));
        });
        let compact = Builder::new().taxonomy(path).pretty(false);
        group.bench_function(format!("{name}/generate"), |b| {
            b.iter(|| compact.generate().map(|s| s.len()));
        });
        let pretty = Builder::new().taxonomy(path);
        group.bench_function(format!("{name}/generate, pretty-printed"), |b| {
            b.iter(|| pretty.generate().map(|s| s.len()));
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
