//! The progress screens in a real terminal (tmux): a history imported from a results
//! file shows on the stats screen (the weak character with what was typed instead), in
//! the history list, and reopens as a results screen.
#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

mod common;

use common::Tmux;
use common::results::{import, session};
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
    let screen = t.wait_for("stats", |s| s.contains("快打 · 统计"));
    for want in [
        "练习 2 次（完成 2）",
        "在→再×2",
        "最弱的字",
        "字/分 与准确率",
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
    let results = t.wait_for("results", |s| s.contains("回改"));
    assert!(results.contains("常错：在→再 ×1"), "{results}");
    t.key("Escape");
    t.wait_for("the list again", |s| s.contains("快打 · 历史记录"));
}
