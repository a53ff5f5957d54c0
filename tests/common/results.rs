//! Results files written by hand, for tests that import a known history.

use serde_json::{Value, json};
use std::path::Path;

fn input(t_us: u64, text: &str, ok: bool) -> Value {
    json!({"t_us": t_us, "op": "input", "text": text, "ok": ok})
}

/// A text session on 在家在店在线在 where 在 was once typed as 再 and fixed.
pub fn session(id: &str, started_at: &str, cpm: f64) -> Value {
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
