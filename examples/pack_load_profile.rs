//! Loads every built-in pack from its text N times (default 1), for profilers:
//! `valgrind --tool=callgrind target/release/examples/pack_load_profile 10`.
//! With `parse` as second argument, only the TOML parse runs.
use kuaida::pack::{self, BUILTIN_SOURCES, PackSource};
use std::hint::black_box;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let parse_only = args.next().as_deref() == Some("parse");
    let mut total = 0;
    for _ in 0..n {
        for (file, text) in BUILTIN_SOURCES {
            if parse_only {
                let (doc, errors) = toml::de::DeTable::parse_recoverable(black_box(text));
                total += doc.get_ref().len() + errors.len();
            } else {
                let source = PackSource::Builtin {
                    file: (*file).to_owned(),
                };
                match pack::load_bytes(black_box(text.as_bytes()), file, source) {
                    Ok(p) => total += p.drills.len(),
                    Err(problems) => eprintln!("{file}: {} problems", problems.len()),
                }
            }
        }
    }
    println!("{total}");
}
