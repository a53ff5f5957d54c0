//! Two copies of kuaida writing history at the same moment both get their sessions in.
#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

use std::path::Path;
use std::process::{Command, Stdio};
use tempfile::TempDir;

/// A results file of `n` sessions with ids `{prefix}-{i}`, made from the fixture's text session.
fn results_file(dir: &Path, prefix: &str, n: usize) -> std::path::PathBuf {
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/results/two_sessions.json");
    let mut doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(fixture).unwrap()).unwrap();
    let one = doc["sessions"][1].clone();
    let sessions: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            let mut s = one.clone();
            s["id"] = format!("{prefix}-{i}").into();
            s
        })
        .collect();
    doc["sessions"] = sessions.into();
    let path = dir.join(format!("{prefix}.json"));
    std::fs::write(&path, serde_json::to_vec(&doc).unwrap()).unwrap();
    path
}

#[test]
fn two_processes_importing_at_once_both_save_everything() {
    let tmp = TempDir::new().unwrap();
    let data = tmp.path().join("data");
    let files: Vec<_> = (0..2)
        .map(|i| results_file(tmp.path(), &format!("copy{i}"), 50))
        .collect();
    for _round in 0..3 {
        let children: Vec<_> = files
            .iter()
            .map(|f| {
                Command::new(env!("CARGO_BIN_EXE_kuaida"))
                    .arg("--data-dir")
                    .arg(&data)
                    .args(["--lang", "en", "history", "import"])
                    .arg(f)
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert_eq!(
                out.status.code(),
                Some(0),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    let json = Command::new(env!("CARGO_BIN_EXE_kuaida"))
        .arg("--data-dir")
        .arg(&data)
        .args(["history", "--json"])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(doc["sessions"].as_array().unwrap().len(), 100);
}
