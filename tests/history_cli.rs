//! `kuaida history` and `kuaida history import`, driving the real binary.
#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

mod common;

use common::cli::{kuaida, stderr, stdout};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/results")
        .join(name)
}

#[test]
fn an_empty_history_says_so_and_creates_nothing() {
    let tmp = TempDir::new().unwrap();
    let data = tmp.path().join("data");
    let zh = kuaida(&data, &["--lang", "zh", "history"]);
    assert_eq!(zh.status.code(), Some(0), "{}", stderr(&zh));
    assert_eq!(stdout(&zh), "还没有练习记录。\n");
    let en = kuaida(&data, &["--lang", "en", "history"]);
    assert_eq!(stdout(&en), "No sessions yet.\n");
    assert!(!data.join("history.sqlite3").exists());

    let json = kuaida(&data, &["history", "--json"]);
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(doc["format"], "kuaida-results");
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["sessions"].as_array().unwrap().len(), 0);
}

#[test]
fn import_then_list_then_export_round_trips() {
    let tmp = TempDir::new().unwrap();
    let data = tmp.path().join("data");
    let file = fixture("two_sessions.json");
    let file = file.to_str().unwrap();

    let first = kuaida(&data, &["--lang", "en", "history", "import", file]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    assert!(
        stdout(&first).contains("2 sessions added, 0 already in history"),
        "{}",
        stdout(&first)
    );
    let again = kuaida(&data, &["--lang", "zh", "history", "import", file]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert!(
        stdout(&again).contains("新增 0 条记录，2 条已在历史中"),
        "{}",
        stdout(&again)
    );

    // The table: newest first, each kind with its own figures (recomputed from the
    // keystrokes), states in the UI language.
    let table = stdout(&kuaida(&data, &["--lang", "zh", "history"]));
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 3, "{table}");
    for head in ["时间", "练习", "成绩", "完成", "达标"] {
        assert!(lines[0].contains(head), "{table}");
    }
    assert!(
        lines[1].contains("presale-basics/greet-reply")
            && lines[1].contains("短语 1/1 信息 1/1 响应 4.2 秒"),
        "{table}"
    );
    assert!(
        !lines[1].contains("字/分"),
        "a quick reply has no 字/分: {table}"
    );
    // Four 字 in 1.2 s: a small sample shows no rate.
    assert!(
        lines[2].contains("typing-basics/greet-text") && lines[2].contains("— 字/分（样本不足）"),
        "{table}"
    );
    assert!(
        lines[2].contains("完成") && lines[2].contains("达标"),
        "{table}"
    );
    let limited = stdout(&kuaida(&data, &["--lang", "en", "history", "--limit", "1"]));
    assert_eq!(limited.lines().count(), 2, "{limited}");
    assert!(
        limited.contains("greet-reply") && limited.contains("Passed"),
        "{limited}"
    );

    // --json: the contract's document, with the configured student, newest first.
    std::fs::write(
        data.join("config.toml"),
        "[student]\nname = \"王五\"\nid = \"2026003\"\n",
    )
    .unwrap();
    let json = kuaida(&data, &["history", "--json"]);
    assert_eq!(json.status.code(), Some(0), "{}", stderr(&json));
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(doc["format"], "kuaida-results");
    assert_eq!(doc["student"]["name"], "王五");
    assert_eq!(doc["student"]["id"], "2026003");
    assert!(doc["exported_at"].as_str().is_some());
    let sessions = doc["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 2);
    assert_eq!(sessions[0]["drill"], "greet-reply");
    assert_eq!(sessions[0]["messages"][0]["code"], "hy");
    assert_eq!(sessions[1]["keystrokes"][3]["op"], "backspace");
    let original: serde_json::Value =
        serde_json::from_slice(&std::fs::read(fixture("two_sessions.json")).unwrap()).unwrap();
    assert_eq!(sessions[..], original["sessions"].as_array().unwrap()[..]);

    // What --json prints imports again: into a fresh dir all, here nothing.
    let exported = tmp.path().join("export.json");
    std::fs::write(&exported, &json.stdout).unwrap();
    let exported = exported.to_str().unwrap();
    let here = kuaida(&data, &["--lang", "en", "history", "import", exported]);
    assert!(
        stdout(&here).contains("0 sessions added, 2 already"),
        "{}",
        stdout(&here)
    );
    let fresh = tmp.path().join("fresh");
    let there = kuaida(&fresh, &["--lang", "en", "history", "import", exported]);
    assert!(
        stdout(&there).contains("2 sessions added"),
        "{}",
        stdout(&there)
    );
    let again: serde_json::Value =
        serde_json::from_slice(&kuaida(&fresh, &["history", "--json"]).stdout).unwrap();
    assert_eq!(again["sessions"], doc["sessions"]);
}

#[test]
fn a_file_that_is_not_a_results_document_is_refused_in_one_line() {
    let tmp = TempDir::new().unwrap();
    let data = tmp.path().join("data");
    let cases: [(&str, &[u8]); 4] = [
        ("garbage.json", b"\x00\x01garbage \x1b[31m not json"),
        (
            "other.json",
            b"{\"format\": \"something-else\", \"version\": 1}",
        ),
        (
            "newer.json",
            b"{\"format\": \"kuaida-results\", \"version\": 2, \"sessions\": []}",
        ),
        (
            "broken.json",
            b"{\"format\": \"kuaida-results\", \"version\": 1, \"sessions\": [{}]}",
        ),
    ];
    for (name, bytes) in cases {
        let path = tmp.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let o = kuaida(
            &data,
            &["--lang", "en", "history", "import", path.to_str().unwrap()],
        );
        assert_eq!(o.status.code(), Some(2), "{name}");
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{name}: {err}");
        assert!(
            !err.contains("panicked") && !err.contains('\u{1b}'),
            "{name}: {err}"
        );
        assert!(stdout(&o).is_empty());
    }
    let o = kuaida(
        &data,
        &["--lang", "en", "history", "import", "/nonexistent/x.json"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o).lines().count(), 1);
}

#[test]
fn a_database_kuaida_does_not_know_is_refused_untouched() {
    let tmp = TempDir::new().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let history = data.join("history.sqlite3");
    std::fs::write(&history, "not a database at all\n").unwrap();
    let o = kuaida(&data, &["--lang", "en", "history"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("not a kuaida history database"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&history).unwrap(), b"not a database at all\n");
    assert_eq!(std::fs::read_dir(&data).unwrap().count(), 1);
}
