//! History speed: saving one long session (target < 20 ms, WAL) and listing 1,000 sessions.
#![allow(clippy::unwrap_used)] // a bench that cannot set up should stop

mod common;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use kuaida::paths::DataDir;
use kuaida::record::{SessionRecord, Student};
use kuaida::store::Store;
use std::hint::black_box;

/// A text session of `n` keystrokes over a Chinese text: every 20th input wrong and fixed.
fn session(id: &str, n: usize) -> SessionRecord {
    let target: String = common::TEXT.chars().cycle().take(n).collect();
    let (mut keys, t) = common::keystrokes(&target, 20, "再", |_| 300_000);
    keys.truncate(n);
    SessionRecord {
        student: Student {
            name: Some("张三".into()),
            id: Some("2026001".into()),
        },
        ..common::session(id.into(), target, keys, t)
    }
}

fn save(c: &mut Criterion) {
    let tmp = tempfile::TempDir::new().unwrap();
    let data = DataDir::new(tmp.path().to_path_buf());
    let mut store = Store::open(&data).unwrap();
    assert_eq!(store.journal_mode().unwrap(), "wal");
    let template = session("template", 2_000);
    let mut n = 0u64;
    c.bench_function("store_save_2000_keystrokes", |b| {
        b.iter_batched(
            || {
                n += 1;
                let mut r = template.clone();
                r.id = format!("save-{n}");
                r
            },
            |r| store.save(black_box(&r)).unwrap(),
            BatchSize::SmallInput,
        )
    });
}

fn list(c: &mut Criterion) {
    let tmp = tempfile::TempDir::new().unwrap();
    let data = DataDir::new(tmp.path().to_path_buf());
    let mut store = Store::open(&data).unwrap();
    let sessions: Vec<SessionRecord> = (0..1_000)
        .map(|i| session(&format!("list-{i}"), 200))
        .collect();
    store.import(&sessions).unwrap();
    c.bench_function("store_list_1000_sessions", |b| {
        b.iter(|| black_box(store.sessions(None).unwrap()))
    });
    c.bench_function("store_drill_figures_1000_sessions", |b| {
        b.iter(|| black_box(store.drill_figures().unwrap()))
    });
}

criterion_group!(benches, save, list);
criterion_main!(benches);
