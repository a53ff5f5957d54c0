//! `kuaida stats`, driving the real binary on a history imported from a results file.
#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

mod common;

use common::cli::kuaida;
use common::results::{import, session};
use serde_json::Value;
use tempfile::TempDir;

#[test]
fn the_character_typed_wrong_tops_the_weak_list_with_what_was_typed_instead() {
    let dir = TempDir::new().unwrap();
    import(
        dir.path(),
        vec![
            session("s1", "2026-11-30T09:00:00+08:00", 123.5),
            session("s2", "2026-12-01T09:00:00+08:00", 100.0),
        ],
    );
    let out = kuaida(dir.path(), &["stats", "--json"]);
    assert!(out.status.success());
    let stats: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(stats["totals"]["sessions"], 2);
    assert_eq!(stats["totals"]["practice_ms"], 6800);
    // 8 graphemes typed per session (7 right, one 再), twice.
    assert_eq!(stats["totals"]["graphemes_typed"], 16);
    let worst = &stats["weak"]["by_errors"][0];
    assert_eq!(worst["grapheme"], "在");
    assert_eq!(worst["typed"], 10);
    assert_eq!(worst["wrong"], 2);
    assert_eq!(worst["instead"][0]["typed"], "再");
    assert_eq!(stats["weak"]["confusions"][0]["target"], "在");
    let drill = &stats["drills"][0];
    assert_eq!(drill["drill"], "words");
    assert_eq!(drill["best_cpm"], 123.5);
    assert_eq!(drill["recent_cpm"], 111.75);
    // 123.5 字/分 at 87.5 %: below the 95 % every level asks for.
    assert_eq!(stats["level"]["reached"], Value::Null);
    assert_eq!(stats["level"]["next"], 40);

    let text = kuaida(dir.path(), &["--lang", "zh", "stats"]);
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("最常错的字"), "{text}");
    assert!(text.contains("再×2"), "{text}");
}

#[test]
fn stats_on_an_empty_data_dir_say_nothing_yet_and_create_nothing() {
    let dir = TempDir::new().unwrap();
    let out = kuaida(dir.path(), &["--lang", "en", "stats", "--json"]);
    assert!(out.status.success());
    let stats: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(stats["totals"]["sessions"], 0);
    assert_eq!(stats["level"]["cpm_to_go"], 40.0);
    assert!(!dir.path().join("history.sqlite3").exists());
}
