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
criterion_main!(benches);
