//! Results files written by hand, for tests that import a known history.

use serde_json::{Value, json};
use std::path::Path;

fn input(t_us: u64, text: &str, ok: bool) -> Value {
    json!({"t_us": t_us, "op": "input", "text": text, "ok": ok})
}

/// The text of [`session`]: 28 字, 16 of them 在.
pub const TEXT: &str = "在家在店在线在在家在店在线在在家在店在线在在家在店在线在";

/// A text session on [`TEXT`] typed evenly at `cpm` 字/分, where the second 在 was
/// once typed as 再 and fixed in the same commit.
pub fn session(id: &str, started_at: &str, cpm: f64) -> Value {
    session_lasting(id, started_at, (28.0 * 60_000.0 / cpm) as u64)
}

/// [`session`] typed evenly over `total_ms`.
pub fn session_lasting(id: &str, started_at: &str, total_ms: u64) -> Value {
    let total_us = total_ms * 1000;
    let mut keys = Vec::new();
    for (i, c) in TEXT.chars().enumerate() {
        let t = total_us * i as u64 / 27;
        if i == 2 {
            keys.push(input(t, "再", false));
            keys.push(json!({"t_us": t, "op": "backspace"}));
        }
        keys.push(input(t, &c.to_string(), true));
    }
    let cpm = 28.0 * 60_000.0 / total_ms.max(1) as f64;
    json!({
        "id": id, "student": {"name": null, "id": null},
        "pack": "typing-basics", "pack_version": "1", "pack_hash": "00",
        "drill": "words", "drill_title": "词组", "kind": "text", "mode": null,
        "started_at": started_at, "completed": true, "duration_ms": total_ms,
        "cpm": cpm, "net_cpm": cpm, "wpm": cpm / 5.0, "kpm": cpm * 30.0 / 28.0,
        "accuracy": 100.0 * 28.0 / 29.0,
        "consistency": 90.0, "backspaces": 1, "corrections": 1, "errors": 0, "halfwidth": 0,
        "passed": null, "time_limit": null, "strict": false, "pass": null,
        "target": TEXT, "typed": TEXT, "keystrokes": keys,
    })
}

/// Writes SESSIONS as a results file in DATA and imports it with `kuaida history import`.
pub fn import(data: &Path, sessions: Vec<Value>) {
    let doc = json!({
        "format": "kuaida-results", "version": 1,
        "student": {"name": null, "id": null},
        "exported_at": "2026-12-01T10:00:00+08:00",
        "sessions": sessions,
    });
    let file = data.join("in.json");
    std::fs::create_dir_all(data).expect("data dir");
    std::fs::write(&file, doc.to_string()).expect("results file written");
    let out = super::cli::kuaida(
        data,
        &["history", "import", file.to_str().expect("UTF-8 path")],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
