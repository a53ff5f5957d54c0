//! Progress screens at a term's scale: 10,000 sessions, about 1,000,000 keystrokes.
//! Targets: opening the stats screen < 300 ms; the history list stays light.
#![allow(clippy::unwrap_used)] // a bench that cannot set up should stop

use criterion::{Criterion, criterion_group, criterion_main};
use kuaida::paths::DataDir;
use kuaida::record::{Keystroke, Op, SessionRecord, Student};
use kuaida::store::Store;
use kuaida::tui::screens::history::HistoryView;
use kuaida::tui::screens::stats::StatsView;
use std::hint::black_box;

const TEXT: &str =
    "亲，您好！欢迎光临本店，请问有什么可以帮您？我们的商品都是正品保证，七天无理由退换。";
const SESSIONS: usize = 10_000;
const KEYS: usize = 100;

/// Session `i`: `KEYS` keystrokes over a Chinese text starting at a varying place, every
/// 17th input a slip (在 for the target) fixed; spread over 60 days and 8 drills.
fn session(i: usize) -> SessionRecord {
    let target: String = TEXT.chars().cycle().skip(i % 40).take(KEYS).collect();
    let mut keystrokes = Vec::with_capacity(KEYS + KEYS / 8);
    let mut t = 0u64;
    for (k, c) in target.chars().enumerate() {
        if k % 17 == 16 {
            keystrokes.push(Keystroke {
                t_us: t,
                op: Op::Input {
                    text: "在".into(),
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
        t += 250_000 + (k as u64 % 7) * 30_000;
    }
    let day = 1 + i % 60;
    let started = chrono::DateTime::parse_from_rfc3339("2026-09-01T09:00:00+08:00").unwrap()
        + chrono::Duration::days(day as i64)
        + chrono::Duration::seconds((i / 60) as i64 * 30);
    let cpm = 30.0 + (i % 50) as f64;
    SessionRecord {
        id: format!("bench-{i}"),
        student: Student::default(),
        pack: "presale-basics".into(),
        pack_version: "1".into(),
        pack_hash: "ab".repeat(32),
        drill: format!("drill-{}", i % 8),
        drill_title: "跟打".into(),
        kind: "text".into(),
        mode: None,
        started_at: started,
        completed: i % 10 != 9,
        duration_ms: t / 1000,
        cpm,
        net_cpm: cpm,
        wpm: cpm / 5.0,
        kpm: 200.0,
        accuracy: 90.0 + (i % 10) as f64,
        consistency: 80.0,
        backspaces: 5,
        corrections: 5,
        errors: 0,
        halfwidth: (i % 3) as u32,
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

fn screens(c: &mut Criterion) {
    let tmp = tempfile::TempDir::new().unwrap();
    let data = DataDir::new(tmp.path().to_path_buf());
    {
        let mut store = Store::open(&data).unwrap();
        for chunk in (0..SESSIONS).collect::<Vec<_>>().chunks(1000) {
            let batch: Vec<SessionRecord> = chunk.iter().map(|&i| session(i)).collect();
            store.import(&batch).unwrap();
        }
    }
    let packs = kuaida::pack::builtin();
    let mut group = c.benchmark_group("progress_10k_sessions");
    group.sample_size(10);
    group.bench_function("stats_screen_open", |b| {
        b.iter(|| {
            let store = Store::open(&data).unwrap();
            black_box(StatsView::load(&store, &packs).unwrap())
        })
    });
    {
        // The stats screen's parts, to see where its time goes.
        let store = Store::open(&data).unwrap();
        group.bench_function("part_totals", |b| {
            b.iter(|| black_box(store.totals().unwrap()))
        });
        group.bench_function("part_char_totals", |b| {
            b.iter(|| black_box(store.char_totals().unwrap()))
        });
        group.bench_function("part_drill_bests", |b| {
            b.iter(|| black_box(store.drill_bests().unwrap()))
        });
        group.bench_function("part_trend", |b| {
            b.iter(|| black_box(store.trend().unwrap()))
        });
    }
    group.bench_function("history_screen_open", |b| {
        b.iter(|| {
            let store = Store::open(&data).unwrap();
            black_box(HistoryView::load(&store, &packs).unwrap())
        })
    });
    group.bench_function("history_open_one_session", |b| {
        let store = Store::open(&data).unwrap();
        b.iter(|| {
            let r = store.session("bench-5000").unwrap().unwrap();
            black_box(kuaida::tui::screens::history::outcome(&r, &packs))
        })
    });
    group.finish();
}

criterion_group!(benches, screens);
criterion_main!(benches);
