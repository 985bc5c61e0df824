//! `wire::classify` on each body shape, against two baselines on the same
//! bytes: `serde_json::from_slice::<Value>` (what a hand-written client
//! does: build a tree, then look into it) and
//! `serde_json::from_slice::<IgnoredAny>` (the floor: read the JSON, keep
//! nothing). `classify` also scans the headers and looks the code up in
//! the catalogue; the baselines do neither.
//!
//! `cargo bench -p errors-core --bench classify`; results in BENCHMARKS.md.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use errors_core::wire::classify;

#[path = "support/shapes.rs"]
mod shapes;

fn bench_classify(c: &mut Criterion) {
    for (name, status, headers, body) in shapes::responses() {
        let body = body.as_slice();
        let mut group = c.benchmark_group(format!("classify/{name}"));
        group
            .measurement_time(Duration::from_secs(2))
            .warm_up_time(Duration::from_millis(500))
            .sample_size(30);
        group.bench_function("classify", |b| {
            b.iter(|| classify(black_box(status), black_box(&headers), black_box(body)));
        });
        group.bench_function("serde_json_value", |b| {
            b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(body)));
        });
        group.bench_function("ignored_any", |b| {
            b.iter(|| serde_json::from_slice::<serde::de::IgnoredAny>(black_box(body)));
        });
        group.finish();
    }
}

criterion_group!(benches, bench_classify);
criterion_main!(benches);
