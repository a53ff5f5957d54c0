//! Loads every built-in pack N times (default 1), for profilers:
//! `valgrind --tool=callgrind target/release/examples/pack_load_profile 10`.
//! As a start does (`pack::builtin`: read back what build.rs checked); with `text`
//! as second argument from the texts as `pack check` does (decode, hash, parse,
//! validate); with `parse` only the TOML parse.
use kuaida::pack::{self, BUILTIN_SOURCES, PackSource};
use std::hint::black_box;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let mode = args.next().unwrap_or_default();
    let mut total = 0;
    for _ in 0..n {
        if mode.is_empty() {
            total += black_box(pack::builtin()).len();
            continue;
        }
        for (file, text) in BUILTIN_SOURCES {
            if mode == "parse" {
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
