//! Progress screens at a term's scale: 10,000 sessions, about 1,000,000 keystrokes.
//! Targets: opening the stats screen < 300 ms; the history list stays light.
#![allow(clippy::unwrap_used)] // a bench that cannot set up should stop

mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use kuaida::paths::DataDir;
use kuaida::record::SessionRecord;
use kuaida::store::Store;
use kuaida::tui::screens::history::HistoryView;
use kuaida::tui::screens::stats::StatsView;
use std::hint::black_box;

const SESSIONS: usize = 10_000;
const KEYS: usize = 100;

/// Session `i`: `KEYS` characters of a Chinese text starting at a varying place, every
/// 17th input a slip (在 for the target) fixed; spread over 60 days and 8 drills.
fn session(i: usize) -> SessionRecord {
    let target: String = common::TEXT
        .chars()
        .cycle()
        .skip(i % 40)
        .take(KEYS)
        .collect();
    let (keys, t) = common::keystrokes(&target, 17, "在", |k| 250_000 + (k as u64 % 7) * 30_000);
    let day = 1 + i % 60;
    let started = chrono::DateTime::parse_from_rfc3339("2026-09-01T09:00:00+08:00").unwrap()
        + chrono::Duration::days(day as i64)
        + chrono::Duration::seconds((i / 60) as i64 * 30);
    let cpm = 30.0 + (i % 50) as f64;
    SessionRecord {
        drill: format!("drill-{}", i % 8),
        drill_title: "跟打".into(),
        started_at: started,
        completed: i % 10 != 9,
        cpm,
        net_cpm: cpm,
        wpm: cpm / 5.0,
        kpm: 200.0,
        accuracy: 90.0 + (i % 10) as f64,
        backspaces: 5,
        corrections: 5,
        halfwidth: (i % 3) as u32,
        ..common::session(format!("bench-{i}"), target, keys, t)
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
            black_box(
                StatsView::load(&store, &packs, 15, chrono::Local::now().date_naive()).unwrap(),
            )
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
        let today = chrono::Local::now().date_naive();
        group.bench_function("part_goal_status", |b| {
            b.iter(|| black_box(store.goal_status(today, 15).unwrap()))
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
