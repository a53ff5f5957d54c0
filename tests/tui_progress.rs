//! The progress screens in a real terminal (tmux): a history imported from a results
//! file shows on the stats screen (the weak character with what was typed instead), in
//! the history list, and reopens as a results screen.
#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

mod common;

use common::{BIN, Tmux};
use serde_json::{Value, json};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

fn input(t_us: u64, text: &str, ok: bool) -> Value {
    json!({"t_us": t_us, "op": "input", "text": text, "ok": ok})
}

/// A text session on 在家在店在线在 where 在 was once typed as 再 and fixed.
fn session(id: &str, started_at: &str, cpm: f64) -> Value {
    let keys = vec![
        input(0, "在", true),
        input(400_000, "家", true),
        input(900_000, "再", false),
        json!({"t_us": 1_300_000, "op": "backspace"}),
        input(1_700_000, "在", true),
        input(2_100_000, "店", true),
        input(2_500_000, "在", true),
        input(2_900_000, "线", true),
        input(3_400_000, "在", true),
    ];
    json!({
        "id": id, "student": {"name": null, "id": null},
        "pack": "typing-basics", "pack_version": "1", "pack_hash": "00",
        "drill": "words", "drill_title": "词组", "kind": "text", "mode": null,
        "started_at": started_at, "completed": true, "duration_ms": 3400,
        "cpm": cpm, "net_cpm": cpm, "wpm": cpm / 5.0, "kpm": 158.8, "accuracy": 87.5,
        "consistency": 90.0, "backspaces": 1, "corrections": 1, "errors": 0, "halfwidth": 0,
        "passed": null, "time_limit": null, "strict": false, "pass": null,
        "target": "在家在店在线在", "typed": "在家在店在线在", "keystrokes": keys,
    })
}

fn import(data: &Path) {
    let doc = json!({
        "format": "kuaida-results", "version": 1,
        "student": {"name": null, "id": null},
        "exported_at": "2026-12-01T10:00:00+08:00",
        "sessions": [
            session("s1", "2026-11-30T09:00:00+08:00", 123.5),
            session("s2", "2026-12-01T09:00:00+08:00", 100.0),
        ],
    });
    let file = data.join("in.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    let out = Command::new(BIN)
        .arg("--data-dir")
        .arg(data)
        .args(["history", "import"])
        .arg(&file)
        .env_remove("KUAIDA_DATA_DIR")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn stats_show_the_weak_character_and_history_reopens_a_session() {
    let Some(t) = Tmux::start("progress", &["--lang", "zh"]) else {
        return;
    };
    t.wait_for("home", |s| s.contains("练习包"));
    import(t.data.path());
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
