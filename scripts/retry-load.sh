#!/usr/bin/env bash
# What a retrying fleet does to a failing service (issue 21): builds
# scripts/retry-load (its own crate, outside the workspace: its peer,
# reqwest-retry, is nobody's dependency) and runs it. Each scenario runs
# 32 workers against a fault server on 127.0.0.1 for a few seconds, with
# the default policy and its retry budget, the same without a budget, and
# reqwest-retry's defaults; the table it prints goes in BENCHMARKS.md.
#
#   scripts/retry-load.sh      (about a minute; needs crates.io the first time)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cargo build --quiet --release --manifest-path "$root/scripts/retry-load/Cargo.toml"
"$root/scripts/retry-load/target/release/retry-load"
