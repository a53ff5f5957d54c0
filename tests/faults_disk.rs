//! A full disk when a drill ends: a clear message, the earlier history intact, and the
//! session in a results file whose path is printed — or, when not even that can be
//! written, printed itself — so `kuaida history import` takes it back later.
//!
//! Two real techniques, so one always runs on Linux:
//! - a small tmpfs over the data dir in a private mount namespace (root with
//!   CAP_SYS_ADMIN), filled to the last byte mid-drill: writes fail with ENOSPC;
//! - a file-size limit (RLIMIT_FSIZE, with SIGXFSZ ignored) put on the running kuaida
//!   mid-drill: writes past it fail with EFBIG, on any machine.
#![cfg(target_os = "linux")]

mod common;

use common::{BIN, Opts, Tmux, fixture};
use std::path::{Path, PathBuf};
use std::process::Command;

fn kuaida(data: &Path, args: &[&str]) -> std::process::Output {
    Command::new(BIN)
        .arg("--data-dir")
        .arg(data)
        .args(["--lang", "en"])
        .args(args)
        .output()
        .expect("kuaida runs")
}

fn import(data: &Path, file: &Path) {
    let out = kuaida(data, &["history", "import", &file.display().to_string()]);
    assert!(
        out.status.success(),
        "import {}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A data dir whose history already holds the two sessions of the fixture.
fn seeded() -> tempfile::TempDir {
    let seed = tempfile::TempDir::new().expect("tempdir");
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/results/two_sessions.json");
    import(seed.path(), &fixture);
    seed
}

fn sessions(data: &Path) -> Vec<serde_json::Value> {
    let out = kuaida(data, &["history", "--json"]);
    assert!(
        out.status.success(),
        "history: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    doc["sessions"].as_array().cloned().unwrap_or_default()
}

fn integrity_ok(db: &Path) {
    let conn = rusqlite::Connection::open(db).expect("opens");
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check");
    assert_eq!(check, "ok");
}

fn no_panic(what: &str, text: &str) {
    assert!(
        !text.contains("panicked") && !text.contains("RUST_BACKTRACE"),
        "panic text in {what}:\n{text}"
    );
}

fn start(test: &str, data: &Path, wrap: Vec<String>, stderr_to_file: bool) -> Option<Tmux> {
    let file = fixture().display().to_string();
    Tmux::start_with(
        test,
        &["--lang", "en", "drill", "--file", &file, "short"],
        Opts {
            data_dir: Some(data.to_path_buf()),
            stderr_to_file,
            wrap,
            ..Opts::default()
        },
    )
}

/// Type all but the last 字 of the short drill; returns kuaida's pid.
fn four_typed(t: &Tmux) -> String {
    t.wait_for("the drill", |s| s.contains("0/5"));
    t.type_text("亲在吗好");
    t.wait_for("four typed", |s| s.contains("4/5"));
    t.kuaida_pid()
}

/// Type the last 字 and wait for the results with their save line.
fn finish(t: &Tmux) -> String {
    t.type_text("的");
    t.wait_for("results", |s| {
        s.contains("net cpm")
            && (s.contains("saved to history")
                || s.contains("history could not be written")
                || s.contains("could not save"))
    })
}

/// Leave the results; returns the exit status.
fn quit(t: &Tmux) -> String {
    t.leave_results("Escape");
    t.wait_exit()
}

/// The fallback file printed on stderr, and the reason given for it.
fn printed_fallback(stderr: &str) -> (PathBuf, String) {
    let line = stderr
        .lines()
        .find(|l| l.contains("the session is in "))
        .unwrap_or_else(|| panic!("no fallback path printed:\n{stderr}"));
    let (why, path) = line.rsplit_once("the session is in ").unwrap_or_default();
    (PathBuf::from(path.trim()), why.to_string())
}

/// The whole pane, its history included, wrapped lines joined.
fn whole_pane(t: &Tmux) -> String {
    String::from_utf8_lossy(&t.tmux(&["capture-pane", "-p", "-J", "-S", "-"]).stdout).into_owned()
}

/// The results document kuaida printed after the terminal was restored.
fn printed_document(pane: &str) -> String {
    let lines: Vec<&str> = pane.lines().collect();
    let from = lines
        .iter()
        .position(|l| *l == "{")
        .unwrap_or_else(|| panic!("no document printed:\n{pane}"));
    let to = lines
        .iter()
        .rposition(|l| *l == "}")
        .unwrap_or_else(|| panic!("no end of the document:\n{pane}"));
    lines[from..=to].join("\n")
}

/// What must hold after a session was printed rather than saved: exit status 2, the
/// message, and a document that imports next to the earlier history.
fn printed_session_imports(t: &Tmux, status: &str, history_copy: &Path) {
    assert_eq!(status, "2");
    let pane = whole_pane(t);
    no_panic("the pane", &pane);
    assert!(pane.contains("could not save"), "{pane}");
    assert!(pane.contains("kuaida history import"), "{pane}");
    let file = t.data.path().join("printed.json");
    std::fs::write(&file, printed_document(&pane)).expect("writes");
    import(history_copy, &file);
    let s = sessions(history_copy);
    assert_eq!(s.len(), 3, "{s:?}");
    assert!(s.iter().any(|s| s["typed"] == "亲在吗好的"));
}

// ---- a file-size limit: runs on any Linux machine ----

/// kuaida's shell with SIGXFSZ ignored (else the first write past the limit kills it);
/// the ignore passes through exec and fork to kuaida.
fn ignore_sigxfsz() -> Vec<String> {
    ["sh", "-c", "trap '' XFSZ; exec \"$@\"", "sh"]
        .iter()
        .map(|s| s.to_string())
        .collect()
}

fn limit_file_size(pid: &str, bytes: u64) {
    let pid = rustix::process::Pid::from_raw(pid.parse().expect("a pid")).expect("not 0");
    rustix::process::prlimit(
        Some(pid),
        rustix::process::Resource::Fsize,
        rustix::process::Rlimit {
            current: Some(bytes),
            maximum: Some(bytes),
        },
    )
    .expect("prlimit");
}

#[test]
fn files_that_cannot_grow_send_the_session_to_a_fallback_file() {
    let data = seeded();
    let Some(t) = start("fsize", data.path(), ignore_sigxfsz(), true) else {
        return;
    };
    let pid = four_typed(&t);
    // History is over 16 KiB and its write-ahead log grows past that with a session;
    // the one-session results file stays under it.
    let db = data.path().join("history.sqlite3");
    assert!(std::fs::metadata(&db).expect("history").len() > 16 * 1024);
    limit_file_size(&pid, 16 * 1024);
    let screen = finish(&t);
    assert!(
        screen.contains("history could not be written"),
        "no message on the results screen:\n{screen}"
    );
    assert_eq!(quit(&t), "0", "{}", t.stderr());
    let stderr = t.stderr();
    no_panic("stderr", &stderr);
    let (file, why) = printed_fallback(&stderr);
    assert!(why.contains("history"), "no reason given: {stderr}");
    assert!(file.starts_with(data.path().join("unsaved")), "{stderr}");
    integrity_ok(&db);
    assert_eq!(sessions(data.path()).len(), 2, "earlier history changed");
    import(data.path(), &file);
    let s = sessions(data.path());
    assert_eq!(s.len(), 3);
    assert!(s.iter().any(|s| s["typed"] == "亲在吗好的"));
}

#[test]
fn when_no_file_can_be_written_the_session_is_printed() {
    let data = seeded();
    // The stderr file would be limited too: everything goes to the pane.
    let Some(t) = start("fsize0", data.path(), ignore_sigxfsz(), false) else {
        return;
    };
    let pid = four_typed(&t);
    limit_file_size(&pid, 0);
    let screen = finish(&t);
    assert!(
        screen.contains("could not save") && screen.contains("printed when you quit"),
        "no message on the results screen:\n{screen}"
    );
    let status = quit(&t);
    integrity_ok(&data.path().join("history.sqlite3"));
    assert_eq!(sessions(data.path()).len(), 2, "earlier history changed");
    printed_session_imports(&t, &status, data.path());
}

// ---- a real full disk: a small tmpfs in a private mount namespace ----

/// Whether this machine lets us mount a tmpfs in a mount namespace of our own (root
/// with CAP_SYS_ADMIN, not in a locked-down container).
fn private_tmpfs_works() -> bool {
    let dir = tempfile::TempDir::new().expect("tempdir");
    Command::new("unshare")
        .args(["-m", "--propagation", "private", "sh", "-c"])
        .arg("mount -t tmpfs -o size=64k kuaida-probe \"$1\"")
        .arg("sh")
        .arg(dir.path())
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Run kuaida's shell in a private mount namespace with a 1 MiB tmpfs on `disk`
/// holding a copy of `seed`, and TMPDIR set to `tmp`.
fn on_small_tmpfs(disk: &Path, seed: &Path, tmp: &Path) -> Vec<String> {
    vec![
        "env".into(),
        format!("TMPDIR={}", tmp.display()),
        "unshare".into(),
        "-m".into(),
        "--propagation".into(),
        "private".into(),
        "sh".into(),
        "-c".into(),
        "mount -t tmpfs -o size=1m kuaida-full \"$1\" && cp -a \"$2/.\" \"$1/\" && shift 2 \
         && exec \"$@\""
            .into(),
        "sh".into(),
        disk.display().to_string(),
        seed.display().to_string(),
    ]
}

/// Fill the filesystem at `dir` to the last byte; asserts it ends with ENOSPC.
fn fill(dir: &Path) {
    use std::io::Write;
    let mut f = std::fs::File::create(dir.join("filler")).expect("creates the filler");
    let chunk = vec![0u8; 4096];
    loop {
        if let Err(e) = f.write_all(&chunk).and_then(|()| f.sync_all()) {
            assert_eq!(e.raw_os_error(), Some(28), "not ENOSPC: {e}");
            break;
        }
    }
    // A last partial block.
    let _ = f.write_all(&[0u8; 1]);
}

/// Copy the history files out of kuaida's namespace (they vanish with it).
fn copy_history(from: &Path, to: &Path) {
    for name in ["history.sqlite3", "history.sqlite3-wal"] {
        let src = from.join(name);
        if src.exists() {
            std::fs::copy(&src, to.join(name)).expect("copies");
        }
    }
}

/// The data dir as kuaida's mount namespace sees it.
fn seen_by(pid: &str, dir: &Path) -> PathBuf {
    Path::new("/proc")
        .join(pid)
        .join("root")
        .join(dir.strip_prefix("/").expect("absolute"))
}

#[test]
fn a_full_disk_sends_the_session_to_a_fallback_file_elsewhere() {
    if !private_tmpfs_works() {
        eprintln!(
            "not run: no tmpfs in a private mount namespace here; \
             files_that_cannot_grow_send_the_session_to_a_fallback_file covers this"
        );
        return;
    }
    let seed = seeded();
    let disk = tempfile::TempDir::new().expect("tempdir");
    let tmp = tempfile::TempDir::new().expect("tempdir");
    let wrap = on_small_tmpfs(disk.path(), seed.path(), tmp.path());
    let Some(t) = start("fulldisk", disk.path(), wrap, true) else {
        return;
    };
    let pid = four_typed(&t);
    let inside = seen_by(&pid, disk.path());
    fill(&inside);
    let screen = finish(&t);
    assert!(
        screen.contains("history could not be written"),
        "no message on the results screen:\n{screen}"
    );
    let copy = tempfile::TempDir::new().expect("tempdir");
    copy_history(&inside, copy.path());
    assert_eq!(quit(&t), "0", "{}", t.stderr());
    let stderr = t.stderr();
    no_panic("stderr", &stderr);
    let (file, why) = printed_fallback(&stderr);
    assert!(
        why.contains("disk is full"),
        "the reason is not said: {stderr}"
    );
    assert!(file.starts_with(tmp.path()), "{stderr}");
    integrity_ok(&copy.path().join("history.sqlite3"));
    assert_eq!(sessions(copy.path()).len(), 2, "earlier history changed");
    import(copy.path(), &file);
    let s = sessions(copy.path());
    assert_eq!(s.len(), 3);
    assert!(s.iter().any(|s| s["typed"] == "亲在吗好的"));
}

#[test]
fn a_full_disk_everywhere_prints_the_session() {
    if !private_tmpfs_works() {
        eprintln!(
            "not run: no tmpfs in a private mount namespace here; \
             when_no_file_can_be_written_the_session_is_printed covers this"
        );
        return;
    }
    let seed = seeded();
    let disk = tempfile::TempDir::new().expect("tempdir");
    // The temp dir is on the full disk too.
    let tmp = disk.path().join("tmp");
    let wrap = on_small_tmpfs(disk.path(), seed.path(), &tmp);
    let Some(t) = start("fulldisk-all", disk.path(), wrap, false) else {
        return;
    };
    let pid = four_typed(&t);
    let inside = seen_by(&pid, disk.path());
    std::fs::create_dir(inside.join("tmp")).expect("mkdir");
    fill(&inside);
    let screen = finish(&t);
    assert!(
        screen.contains("could not save") && screen.contains("printed when you quit"),
        "no message on the results screen:\n{screen}"
    );
    let copy = tempfile::TempDir::new().expect("tempdir");
    copy_history(&inside, copy.path());
    let status = quit(&t);
    integrity_ok(&copy.path().join("history.sqlite3"));
    assert_eq!(sessions(copy.path()).len(), 2, "earlier history changed");
    printed_session_imports(&t, &status, copy.path());
}
