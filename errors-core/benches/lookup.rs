//! `Code::lookup` and `Code::from_wire` over every exact spelling in the
//! catalogue, against two baselines on the same inputs in the same process:
//! strum's derived `FromStr` (`StrumCode`, generated beside `Code` from the
//! same catalogue) and a `HashMap<&str, Code>` built once up front.

use std::collections::HashMap;
use std::hint::black_box;
use std::str::FromStr;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use errors_core::{Code, Source};

mod mirror {
    include!("generated/strum_mirror.rs");
}

#[path = "support/spellings.rs"]
mod support;
use support::spellings;

fn bench(c: &mut Criterion) {
    let inputs = spellings();
    let texts: Vec<&str> = inputs.iter().map(|(_, t, _)| *t).collect();
    let map: HashMap<&str, Code> = inputs.iter().map(|(_, t, c)| (*t, *c)).collect();
    let wire: Vec<(Source, &str)> = inputs
        .iter()
        .filter_map(|(s, t, _)| s.map(|s| (s, *t)))
        .collect();
    let wire_map: HashMap<(Source, &str), Code> = inputs
        .iter()
        .filter_map(|(s, t, c)| s.map(|s| ((s, *t), *c)))
        .collect();
    for (text, code) in texts.iter().zip(inputs.iter().map(|i| i.2)) {
        assert_eq!(Code::lookup(text), Some(code), "{text}");
        assert!(mirror::StrumCode::from_str(text).is_ok(), "{text}");
    }

    let mut group = c.benchmark_group("lookup_all_spellings");
    group
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(30);
    group.bench_function("Code::lookup", |b| {
        b.iter(|| {
            texts
                .iter()
                .filter_map(|t| Code::lookup(black_box(t)))
                .count()
        });
    });
    group.bench_function("strum FromStr (baseline)", |b| {
        b.iter(|| {
            texts
                .iter()
                .filter_map(|t| mirror::StrumCode::from_str(black_box(t)).ok())
                .count()
        });
    });
    group.bench_function("HashMap<&str, Code> (baseline)", |b| {
        b.iter(|| {
            texts
                .iter()
                .filter_map(|t| map.get(black_box(*t)).copied())
                .count()
        });
    });
    group.finish();

    let mut group = c.benchmark_group("from_wire_all_spellings");
    group
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(30);
    group.bench_function("Code::from_wire", |b| {
        b.iter(|| {
            wire.iter()
                .filter_map(|(s, t)| Code::from_wire(*s, black_box(t)))
                .count()
        });
    });
    group.bench_function("HashMap<(Source, &str), Code> (baseline)", |b| {
        b.iter(|| {
            wire.iter()
                .filter_map(|k| wire_map.get(black_box(k)).copied())
                .count()
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
