//! The progress screens in a real terminal (tmux): a history imported from a results
//! file shows on the stats screen (the weak character with what was typed instead), in
//! the history list, and reopens as a results screen.
#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

mod common;

use common::Tmux;
use common::cli::kuaida;
use common::results::{import, session, session_lasting};
use serde_json::Value;
use std::time::Duration;

#[test]
fn stats_show_the_weak_character_and_history_reopens_a_session() {
    let Some(t) = Tmux::start("progress", &["--lang", "zh"]) else {
        return;
    };
    t.wait_for("home", |s| s.contains("练习包"));
    import(
        t.data.path(),
        vec![
            session("s1", "2026-11-30T09:00:00+08:00", 123.5),
            session("s2", "2026-12-01T09:00:00+08:00", 100.0),
        ],
    );
    t.key("s");
    // The whole frame, down to its key hints (a capture can fall mid-frame).
    let screen = t.wait_for("stats", |s| {
        s.contains("快打 · 统计") && s.contains("F1 帮助")
    });
    for want in [
        "练习 2 次（完成 2）",
        "在→再×2",
        "最弱的字",
        // One drill practised: the trend is titled by it, per session.
        "打字基础 · words · 每次",
        "准确率 %",
        "123.5",
    ] {
        assert!(screen.contains(want), "{want} missing:\n{screen}");
    }
    t.key("Escape");
    t.wait_for("home again", |s| s.contains("练习包"));
    std::thread::sleep(Duration::from_millis(200));
    t.key("h");
    let list = t.wait_for("history", |s| s.contains("快打 · 历史记录"));
    assert!(list.contains("2026-12-01 09:00"), "{list}");
    t.key("Down");
    t.key("Enter");
    // A capture can fall mid-frame: wait for the frame's last lines too.
    let results = t.wait_for("results", |s| {
        s.contains("回改") && s.contains("常错") && s.contains("r/Enter")
    });
    assert!(results.contains("常错：在→再 ×1"), "{results}");
    t.key("Escape");
    t.wait_for("the list again", |s| s.contains("快打 · 历史记录"));
}

/// A session of `duration_ms` practice started at `at` (local time), 王小美's (home
/// shows the current student's own sessions).
fn practised(id: &str, at: chrono::DateTime<chrono::Local>, duration_ms: u64) -> Value {
    let mut s = session_lasting(
        id,
        &at.format("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        duration_ms,
    );
    s["student"] = serde_json::json!({ "name": "王小美", "id": null });
    s
}

#[test]
fn practising_shows_todays_minutes_and_the_streak_on_the_card_and_at_home() {
    common::on_one_day(todays_minutes_on_one_day);
}

fn todays_minutes_on_one_day() {
    let data = tempfile::TempDir::new().unwrap();
    let now = chrono::Local::now();
    let day = chrono::Duration::days(1);
    import(
        data.path(),
        vec![
            practised("d2", now - day - day, 15 * 60_000),
            practised("d1", now - day, 15 * 60_000),
            // Half a second short of today's 15 minutes: the drill below tips it over.
            practised("d0", now, 15 * 60_000 - 500),
        ],
    );
    let named = kuaida(data.path(), &["config", "set", "student.name", "王小美"]);
    assert!(named.status.success(), "{named:?}");
    let fixture = common::fixture();
    let Some(t) = Tmux::start_with(
        "goal",
        &["--lang", "zh", fixture.to_str().unwrap()],
        common::Opts {
            data_dir: Some(data.path().to_path_buf()),
            ..common::Opts::default()
        },
    ) else {
        return;
    };
    let home = t.wait_for("home with today's goal", |s| s.contains("连续 2 天"));
    assert!(home.contains("今日 14/15 分钟 · 连续 2 天"), "{home}");
    assert!(home.contains("▶ 短文"), "{home}");
    t.key("Enter");
    t.wait_for("the drill", |s| s.contains("终端测试包 · 短文"));
    t.type_text("亲");
    t.wait_for("one typed", |s| s.contains("1/5"));
    std::thread::sleep(Duration::from_millis(800));
    t.type_text("在吗好的");
    let results = t.wait_for("results with the card", |s| {
        s.contains("成绩卡") && s.contains("连续") && s.contains("r/Enter")
    });
    for want in [
        "王小美",
        "今日 15/15 分钟 · 连续 3 天",
        "准确率 100.0%",
        "字/分",
    ] {
        assert!(results.contains(want), "{want} missing:\n{results}");
    }
    t.leave_results("Escape");
    let home = t.wait_for("home again", |s| {
        s.contains("练习包") && s.contains("F1 帮助")
    });
    assert!(home.contains("今日 15/15 分钟 · 连续 3 天"), "{home}");
    // The same figures in `stats --json`.
    let out = kuaida(data.path(), &["stats", "--json"]);
    let stats: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(stats["goal"]["today_minutes"], 15, "{stats}");
    assert_eq!(stats["goal"]["met_today"], true, "{stats}");
    assert_eq!(stats["goal"]["streak_days"], 3, "{stats}");
}
