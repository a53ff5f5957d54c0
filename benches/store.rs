//! History speed: saving one long session (target < 20 ms, WAL) and listing 1,000 sessions.
#![allow(clippy::unwrap_used)] // a bench that cannot set up should stop

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use kuaida::paths::DataDir;
use kuaida::record::{Keystroke, Op, SessionRecord, Student};
use kuaida::store::Store;
use std::hint::black_box;

const TEXT: &str =
    "亲，您好！欢迎光临本店，请问有什么可以帮您？我们的商品都是正品保证，七天无理由退换。";

/// A text session of `n` keystrokes over a Chinese text: every 20th input wrong and fixed.
fn session(id: &str, n: usize) -> SessionRecord {
    let target: String = TEXT.chars().cycle().take(n).collect();
    let mut keystrokes = Vec::with_capacity(n + n / 10);
    let mut t = 0u64;
    for (i, c) in target.chars().enumerate() {
        if i % 20 == 19 {
            keystrokes.push(Keystroke {
                t_us: t,
                op: Op::Input {
                    text: "再".into(),
                    ok: false,
                },
            });
            t += 150_000;
            keystrokes.push(Keystroke {
                t_us: t,
                op: Op::Backspace,
            });
            t += 150_000;
        }
        keystrokes.push(Keystroke {
            t_us: t,
            op: Op::Input {
                text: c.to_string(),
                ok: true,
            },
        });
        t += 300_000;
    }
    keystrokes.truncate(n);
    SessionRecord {
        id: id.into(),
        student: Student {
            name: Some("张三".into()),
            id: Some("2026001".into()),
        },
        pack: "presale-basics".into(),
        pack_version: "1".into(),
        pack_hash: "ab".repeat(32),
        drill: "greet-text".into(),
        drill_title: "迎接问好 · 跟打".into(),
        kind: "text".into(),
        mode: None,
        started_at: chrono::DateTime::parse_from_rfc3339("2026-11-25T09:00:00+08:00").unwrap(),
        completed: true,
        duration_ms: t / 1000,
        cpm: 180.0,
        net_cpm: 170.0,
        wpm: 36.0,
        kpm: 210.0,
        accuracy: 95.0,
        consistency: 80.0,
        backspaces: 10,
        corrections: 10,
        errors: 0,
        halfwidth: 0,
        passed: None,
        time_limit: None,
        strict: false,
        pass: None,
        typed: target.clone(),
        target,
        keystrokes,
        messages: None,
        readings: None,
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
