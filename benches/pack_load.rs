//! Loading every built-in pack from its text (decode, parse, validate, build the model),
//! bypassing the once-only cache. Target: under 5 ms for all of them.
use criterion::{Criterion, criterion_group, criterion_main};
use kuaida::pack::{self, BUILTIN_SOURCES, PackSource};
use std::hint::black_box;

fn load_all_builtin(c: &mut Criterion) {
    let bytes: usize = BUILTIN_SOURCES.iter().map(|(_, t)| t.len()).sum();
    eprintln!("{} built-in packs, {bytes} bytes", BUILTIN_SOURCES.len());
    c.bench_function("load all built-in packs", |b| {
        b.iter(|| {
            let mut n = 0;
            for (file, text) in BUILTIN_SOURCES {
                let source = PackSource::Builtin {
                    file: (*file).to_owned(),
                };
                if let Ok(p) = pack::load_bytes(black_box(text.as_bytes()), file, source) {
                    n += p.drills.len();
                }
            }
            assert!(n > 0);
            n
        })
    });
}

criterion_group!(benches, load_all_builtin);

/// The TOML parse alone, to see how the time divides.
fn toml_parse_only(c: &mut Criterion) {
    c.bench_function("toml parse only (all built-in)", |b| {
        b.iter(|| {
            let mut n = 0;
            for (_, text) in BUILTIN_SOURCES {
                let (doc, errors) = toml::de::DeTable::parse_recoverable(black_box(text));
                n += doc.get_ref().len() + errors.len();
            }
            n
        })
    });
}

criterion_group!(parse_only, toml_parse_only);
criterion_main!(benches, parse_only);
