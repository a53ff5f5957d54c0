//! `kuaida export`, driving the real binary.
#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

mod common;

use common::cli::kuaida;
use std::path::{Path, PathBuf};
use std::process::Output;
use tempfile::TempDir;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/results")
        .join(name)
}

fn ok(o: Output) -> Output {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

fn sessions(json: &[u8]) -> serde_json::Value {
    let doc: serde_json::Value = serde_json::from_slice(json).unwrap();
    assert_eq!(doc["format"], "kuaida-results");
    doc["sessions"].clone()
}

#[test]
fn export_then_import_elsewhere_gives_the_same_sessions() {
    let tmp = TempDir::new().unwrap();
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    ok(kuaida(
        &a,
        &[
            "history",
            "import",
            fixture("two_sessions.json").to_str().unwrap(),
        ],
    ));
    ok(kuaida(&a, &["config", "set", "student.name", "李四"]));
    ok(kuaida(&a, &["config", "set", "student.id", "2026002"]));
    let out_dir = tmp.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    ok(kuaida(&a, &["export", "--out", out_dir.to_str().unwrap()]));
    let files: Vec<_> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1);
    let name = files[0].file_name().unwrap().to_str().unwrap().to_string();
    let today = chrono::Local::now().format("%Y%m%d").to_string();
    assert_eq!(name, format!("2026002_李四_{today}.json"));

    let exported = std::fs::read(&files[0]).unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&exported).unwrap();
    assert_eq!(doc["student"]["name"], "李四");
    ok(kuaida(
        &b,
        &["history", "import", files[0].to_str().unwrap()],
    ));
    let before = sessions(&ok(kuaida(&a, &["history", "--json"])).stdout);
    let after = sessions(&ok(kuaida(&b, &["history", "--json"])).stdout);
    assert_eq!(before.as_array().unwrap().len(), 2);
    assert_eq!(before, after);
    assert_eq!(sessions(&exported), before);
}

#[test]
fn filters_and_other_students() {
    let tmp = TempDir::new().unwrap();
    let a = tmp.path().join("a");
    ok(kuaida(
        &a,
        &[
            "history",
            "import",
            fixture("two_sessions.json").to_str().unwrap(),
        ],
    ));
    let other = ok(kuaida(
        &a,
        &["export", "--student", "王五", "--student-id", "9"],
    ));
    assert_eq!(sessions(&other.stdout).as_array().unwrap().len(), 0);
    let pack = ok(kuaida(&a, &["export", "--pack", "typing-basics"]));
    assert_eq!(sessions(&pack.stdout).as_array().unwrap().len(), 1);
    let since = ok(kuaida(&a, &["export", "--since", "2026-11-26"]));
    assert_eq!(sessions(&since.stdout).as_array().unwrap().len(), 1);
    let bad = kuaida(&a, &["export", "--since", "26/11/2026"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn csv_has_bom_crlf_and_one_row_per_session() {
    let tmp = TempDir::new().unwrap();
    let a = tmp.path().join("a");
    ok(kuaida(
        &a,
        &[
            "history",
            "import",
            fixture("two_sessions.json").to_str().unwrap(),
        ],
    ));
    let file = tmp.path().join("x.csv");
    ok(kuaida(
        &a,
        &["export", "--format", "csv", "--out", file.to_str().unwrap()],
    ));
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFid,student_name,"));
    let text = String::from_utf8(bytes).unwrap();
    let mut r =
        csv::ReaderBuilder::new().from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    assert_eq!(r.records().count(), 2);
    assert!(text.contains("\r\n"));
}

#[test]
fn csv_shows_a_line_break_as_a_return_mark_never_raw() {
    let tmp = TempDir::new().unwrap();
    let a = tmp.path().join("a");
    let mut phrases = common::results::session("p1", "2026-11-26T10:00:00+08:00", 60.0);
    phrases["kind"] = "phrases".into();
    phrases["target"] = "在家\n在店在线在".into();
    phrases["typed"] = "在家\n在店在线在".into();
    common::results::import(&a, vec![phrases]);
    let file = tmp.path().join("x.csv");
    ok(kuaida(
        &a,
        &["export", "--format", "csv", "--out", file.to_str().unwrap()],
    ));
    let text = String::from_utf8(std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(text.matches('\n').count(), 2, "{text}");
    assert!(!text.contains('\u{FFFD}'), "{text}");
    let mut r =
        csv::ReaderBuilder::new().from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = r.headers().unwrap().clone();
    let row = r.records().next().unwrap().unwrap();
    let field = |name: &str| &row[headers.iter().position(|h| h == name).unwrap()];
    assert_eq!(field("target"), "在家↵在店在线在");
    assert_eq!(field("typed"), "在家↵在店在线在");
    // The JSON export keeps the text as it was (verify and import read it).
    let json = ok(kuaida(&a, &["export"]));
    assert_eq!(sessions(&json.stdout)[0]["target"], "在家\n在店在线在");
}
