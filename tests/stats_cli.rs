//! `kuaida stats`, driving the real binary on a history imported from a results file.
#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

mod common;

use common::cli::kuaida;
use common::results::{import, session, session_lasting};
use serde_json::{Value, json};
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
    // 28 字 at 123.5 and at 100 字/分.
    assert_eq!(stats["totals"]["practice_ms"], 13_603 + 16_800);
    // 29 graphemes typed per session (28 right, one 再), twice.
    assert_eq!(stats["totals"]["graphemes_typed"], 58);
    let worst = &stats["weak"]["by_errors"][0];
    assert_eq!(worst["grapheme"], "在");
    assert_eq!(worst["typed"], 34);
    assert_eq!(worst["wrong"], 2);
    assert_eq!(worst["instead"][0]["typed"], "再");
    assert_eq!(stats["weak"]["confusions"][0]["target"], "在");
    let drill = &stats["drills"][0];
    assert_eq!(drill["drill"], "words");
    let near = |v: &Value, want: f64| (v.as_f64().unwrap() - want).abs() < 0.01;
    assert!(near(&drill["best_cpm"], 123.5), "{drill}");
    assert!(near(&drill["recent_cpm"], 111.75), "{drill}");
    // Under a minute: no level, whatever the speed.
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
    assert_eq!(
        stats["goal"],
        json!({"goal_minutes": 15, "today_minutes": 0, "met_today": false, "streak_days": 0})
    );
    assert!(!dir.path().join("history.sqlite3").exists());
}

#[test]
fn the_daily_goal_and_streak_follow_goal_minutes_and_the_local_dates() {
    common::on_one_day(goal_and_streak_on_one_day);
}

fn goal_and_streak_on_one_day() {
    let dir = TempDir::new().unwrap();
    let now = chrono::Local::now();
    let at = |days_ago: i64, minutes: u64| {
        let t = now - chrono::Duration::days(days_ago);
        session_lasting(
            &format!("s{days_ago}"),
            &t.format("%Y-%m-%dT%H:%M:%S%:z").to_string(),
            minutes * 60_000,
        )
    };
    // Today 8 min, then 12 and 10 the two days before, a gap, then an old good day.
    import(dir.path(), vec![at(0, 8), at(1, 12), at(2, 10), at(4, 30)]);
    let goal = |minutes: &str| {
        let set = kuaida(dir.path(), &["config", "set", "goal.minutes", minutes]);
        assert!(set.status.success(), "{set:?}");
        let out = kuaida(dir.path(), &["--lang", "zh", "stats", "--json"]);
        let stats: Value = serde_json::from_slice(&out.stdout).unwrap();
        stats["goal"].clone()
    };
    let g = goal("10");
    // Today is still open: the streak of the two days before stands.
    assert_eq!(g["today_minutes"], 8, "{g}");
    assert_eq!(g["met_today"], false, "{g}");
    assert_eq!(g["streak_days"], 2, "{g}");
    let g = goal("8");
    assert_eq!(
        (g["met_today"].clone(), g["streak_days"].clone()),
        (json!(true), json!(3))
    );
    assert_eq!(goal("11")["streak_days"], 1);
    assert_eq!(goal("13")["streak_days"], 0);
    let text = kuaida(dir.path(), &["--lang", "zh", "stats"]);
    assert!(
        String::from_utf8_lossy(&text.stdout).contains("今日 8/13 分钟 · 连续 0 天"),
        "{text:?}"
    );
}

/// [`session`] typed otherwise: its first 21 字 in one commit, then the last seven
/// (在家在店在线在) one at a time, each 在 0.7 s after the 字 before it (the first 1 s),
/// 家, 店 and 线 0.3 s after.
fn one_at_a_time(id: &str, started_at: &str) -> Value {
    let mut s = session(id, started_at, 100.0);
    let text: Vec<char> = common::results::TEXT.chars().collect();
    let input = |t_us: u64, c: char| json!({"t_us": t_us, "op": "input", "text": c.to_string(), "ok": true});
    let mut keys: Vec<Value> = text[..21].iter().map(|&c| input(0, c)).collect();
    let mut t = 0;
    for (i, &c) in text[21..].iter().enumerate() {
        t += match (i, c) {
            (0, _) => 1_000_000,
            (_, '在') => 700_000,
            _ => 300_000,
        };
        keys.push(input(t, c));
    }
    s["keystrokes"] = Value::Array(keys);
    s
}

#[test]
fn slow_characters_are_the_median_of_commits_of_one_zi_with_five_samples() {
    let dir = TempDir::new().unwrap();
    // 在 alone 4 times a session (1 s, then 0.7 s thrice); the 21 字 of the first commit
    // say nothing of each; 家, 店 and 线 alone once a session.
    import(
        dir.path(),
        vec![
            one_at_a_time("s1", "2026-11-30T09:00:00+08:00"),
            one_at_a_time("s2", "2026-12-01T09:00:00+08:00"),
        ],
    );
    let out = kuaida(dir.path(), &["stats", "--json"]);
    assert!(out.status.success());
    let stats: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        stats["weak"]["by_slowness"],
        json!([{"grapheme": "在", "samples": 8, "median_ms": 700.0}])
    );
    let text = kuaida(dir.path(), &["--lang", "zh", "stats"]);
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("最慢的字"), "{text}");
    assert!(text.contains("700 ms"), "{text}");
    // One session alone has 4 samples of 在: too few to rank.
    let one = TempDir::new().unwrap();
    import(
        one.path(),
        vec![one_at_a_time("s1", "2026-11-30T09:00:00+08:00")],
    );
    let out = kuaida(one.path(), &["stats", "--json"]);
    let stats: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(stats["weak"]["by_slowness"], json!([]));
}
