//! kill -9 while history is being written (a large `history import`, one transaction):
//! the database is never corrupted, and holds either none or all of the import.

use kuaida::record::file::parse as parse_results;
use std::process::{Command, Stdio};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_kuaida");

fn count(db: &std::path::Path) -> i64 {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("opens");
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check");
    assert_eq!(check, "ok");
    conn.query_row("SELECT count(*) FROM session", [], |r| r.get(0))
        .expect("counts")
}

#[test]
fn kill_9_during_an_import_leaves_all_or_nothing_and_a_sound_database() {
    let dir = tempfile::TempDir::new().expect("tempdir");
    let data = dir.path().join("data");
    let mut doc = parse_results(include_bytes!("fixtures/results/two_sessions.json"))
        .expect("fixture parses");
    let template = doc.sessions.clone();
    let n = 1_500;
    doc.sessions = (0..n)
        .map(|i| {
            let mut s = template[i % template.len()].clone();
            s.id = format!("bulk-{i}");
            s
        })
        .collect();
    let file = dir.path().join("bulk.json");
    std::fs::write(&file, serde_json::to_vec(&doc).expect("json")).expect("writes");
    // A history with one session first.
    let mut one = doc.clone();
    one.sessions.truncate(1);
    one.sessions[0].id = "first".into();
    let first = dir.path().join("first.json");
    std::fs::write(&first, serde_json::to_vec(&one).expect("json")).expect("writes");
    let import = |path: &std::path::Path| {
        Command::new(BIN)
            .arg("--data-dir")
            .arg(&data)
            .args(["history", "import"])
            .arg(path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawns")
    };
    assert!(import(&first).wait().expect("waits").success());
    let db = data.join("history.sqlite3");
    assert_eq!(count(&db), 1);
    let mut killed_mid_way = 0;
    for delay_ms in [10, 100, 250, 400, 600, 800, 1000, 1300, 1600, 2000] {
        let before = count(&db);
        let mut child = import(&file);
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let status = child.wait().expect("waits");
        let after = count(&db);
        assert!(
            after == before || after == before.max(1 + n as i64),
            "after kill -9 at {delay_ms} ms: {before} → {after} sessions"
        );
        if !status.success() && after == before {
            killed_mid_way += 1;
        }
        // The next start works.
        let out = Command::new(BIN)
            .arg("--data-dir")
            .arg(&data)
            .args(["history", "--json", "--limit", "1"])
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    eprintln!("{killed_mid_way} of 10 imports were killed before they committed");
    // Finally the whole import goes in.
    assert!(import(&file).wait().expect("waits").success());
    assert_eq!(count(&db), 1 + n as i64);
}
