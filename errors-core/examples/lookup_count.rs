//! Looks up every exact spelling of the catalogue with `Code::lookup` or
//! with strum's derived `FromStr` (the lookup benchmark's baseline), a
//! given number of times, for `scripts/lookup-instructions` to count the
//! instructions under valgrind: a measure that neither a noisy machine nor
//! where the code lands in a binary moves.
//!
//! `cargo run --release -p errors-core --example lookup_count -- <lookup|strum> <times>`

use std::hint::black_box;
use std::process::ExitCode;
use std::str::FromStr;

use errors_core::Code;

#[path = "../benches/support/spellings.rs"]
mod support;

mod mirror {
    include!("../benches/generated/strum_mirror.rs");
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [what, times] = args.as_slice() else {
        eprintln!("usage: lookup_count <lookup|strum> <times>");
        return ExitCode::FAILURE;
    };
    let Ok(times) = times.parse::<u32>() else {
        eprintln!("times: a whole number, not {times:?}");
        return ExitCode::FAILURE;
    };
    let texts: Vec<&str> = support::spellings().iter().map(|(_, t, _)| *t).collect();
    let mut found = 0usize;
    for _ in 0..times {
        match what.as_str() {
            "lookup" => {
                found += texts
                    .iter()
                    .filter_map(|t| Code::lookup(black_box(t)))
                    .count();
            }
            "strum" => {
                found += texts
                    .iter()
                    .filter_map(|t| mirror::StrumCode::from_str(black_box(t)).ok())
                    .count();
            }
            other => {
                eprintln!("no measure {other:?}: lookup or strum");
                return ExitCode::FAILURE;
            }
        }
    }
    black_box(found);
    ExitCode::SUCCESS
}
