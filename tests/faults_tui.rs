//! Faults in the terminal trainer (tmux): kill -9, two copies on one history, SIGHUP,
//! a closed window and Ctrl-C mid-drill, history that cannot be written, bad databases,
//! and small or changing terminals. Nothing lost, nothing corrupted, no panic.

mod common;

use common::{BIN, Opts, Tmux, fixture};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn drill_args(id: &str) -> Vec<String> {
    let file = fixture().display().to_string();
    ["--lang", "en", "drill", "--file", &file, id]
        .iter()
        .map(|s| s.to_string())
        .collect()
}

fn start(test: &str, id: &str, opts: Opts) -> Option<Tmux> {
    let args = drill_args(id);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    Tmux::start_with(test, &args, opts)
}

fn with_stderr() -> Opts {
    Opts {
        stderr_to_file: true,
        ..Opts::default()
    }
}

fn kill(signal: &str, pid: &str) {
    let status = Command::new("kill")
        .args([signal, pid])
        .status()
        .expect("kill runs");
    assert!(status.success(), "kill {signal} {pid}");
}

/// Wait until process `pid` is gone (or a zombie nobody reaps).
fn wait_gone(pid: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        let state = stat.rsplit(')').next().unwrap_or("").trim_start();
        if stat.is_empty() || state.starts_with('Z') || state.starts_with('X') {
            return;
        }
        assert!(Instant::now() < deadline, "process {pid} still runs");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn history_of(dir: &Path) -> serde_json::Value {
    let out = Command::new(BIN)
        .arg("--data-dir")
        .arg(dir)
        .args(["history", "--json"])
        .output()
        .expect("kuaida runs");
    assert!(
        out.status.success(),
        "history: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

fn sessions(doc: &serde_json::Value) -> Vec<serde_json::Value> {
    doc["sessions"].as_array().cloned().unwrap_or_default()
}

fn no_panic(what: &str, text: &str) {
    assert!(
        !text.contains("panicked") && !text.contains("RUST_BACKTRACE"),
        "panic text in {what}:\n{text}"
    );
}

/// Type the short drill (亲在吗好的) to its end and wait for the results.
fn finish_short(t: &Tmux) -> String {
    t.wait_for("the drill", |s| s.contains("0/5"));
    t.type_text("亲在吗好的");
    // The save line is drawn last: wait for it, not just the figures.
    t.wait_for("results", |s| {
        s.contains("net cpm")
            && (s.contains("saved to history")
                || s.contains("history could not be written")
                || s.contains("could not save"))
    })
}

fn integrity_ok(db: &Path) {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("opens");
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check");
    assert_eq!(check, "ok");
}

#[test]
fn kill_9_mid_drill_keeps_earlier_sessions_and_a_sound_database() {
    let Some(t) = start("kill9", "short", with_stderr()) else {
        return;
    };
    let screen = finish_short(&t);
    assert!(screen.contains("saved to history"), "{screen}");
    // Retry, type two, then kill -9 with the drill in progress.
    t.leave_results("r");
    t.wait_for("the retry", |s| s.contains("0/5"));
    t.type_text("亲在");
    t.wait_for("two typed", |s| s.contains("2/5"));
    let pid = t.kuaida_pid();
    kill("-KILL", &pid);
    assert_eq!(t.wait_exit(), "137");
    integrity_ok(&t.data_dir.join("history.sqlite3"));
    let doc = t.history();
    let s = sessions(&doc);
    assert_eq!(s.len(), 1, "{doc}");
    assert_eq!(s[0]["completed"], true);
    assert_eq!(s[0]["typed"], "亲在吗好的");
    // The next start works and saves beside it.
    let Some(again) = start(
        "kill9-again",
        "short",
        Opts {
            data_dir: Some(t.data_dir.clone()),
            ..Opts::default()
        },
    ) else {
        return;
    };
    let screen = finish_short(&again);
    assert!(screen.contains("saved to history"), "{screen}");
    assert_eq!(sessions(&again.history()).len(), 2);
    integrity_ok(&t.data_dir.join("history.sqlite3"));
}

#[test]
fn two_copies_finishing_at_once_both_save() {
    let shared = tempfile::TempDir::new().expect("tempdir");
    let opts = Opts {
        data_dir: Some(shared.path().to_path_buf()),
        ..Opts::default()
    };
    let (Some(a), Some(b)) = (
        start("two-a", "short", opts.clone()),
        start("two-b", "short", opts),
    ) else {
        return;
    };
    for t in [&a, &b] {
        t.wait_for("the drill", |s| s.contains("0/5"));
        t.type_text("亲在吗好");
    }
    for t in [&a, &b] {
        t.wait_for("four typed", |s| s.contains("4/5"));
    }
    // The last key to both, back to back.
    a.type_text("的");
    b.type_text("的");
    for t in [&a, &b] {
        let screen = t.wait_for("saved", |s| {
            s.contains("saved to history") || s.contains("could not")
        });
        assert!(screen.contains("saved to history"), "{screen}");
    }
    let doc = history_of(shared.path());
    let s = sessions(&doc);
    assert_eq!(s.len(), 2, "{doc}");
    assert!(s.iter().all(|s| s["completed"] == true));
    integrity_ok(&shared.path().join("history.sqlite3"));
}

/// Type two graphemes of the short drill and return kuaida's pid.
fn two_typed(t: &Tmux) -> String {
    t.wait_for("the drill", |s| s.contains("0/5"));
    t.type_text("亲在");
    t.wait_for("two typed", |s| s.contains("2/5"));
    t.kuaida_pid()
}

fn left_attempt_saved(doc: &serde_json::Value) {
    let s = sessions(doc);
    assert_eq!(s.len(), 1, "{doc}");
    assert_eq!(s[0]["completed"], false);
    assert_eq!(s[0]["typed"], "亲在");
}

#[test]
fn sighup_mid_drill_saves_the_attempt_without_a_panic() {
    let Some(t) = start("hup", "short", with_stderr()) else {
        return;
    };
    let pid = two_typed(&t);
    kill("-HUP", &pid);
    let status = t.wait_exit();
    assert_ne!(status, "101", "a panic's exit status");
    left_attempt_saved(&t.history());
    no_panic("stderr", &t.stderr());
    no_panic("the pane", &t.capture());
}

#[test]
fn a_closed_window_mid_drill_saves_the_attempt_without_a_panic() {
    let Some(t) = start("closed", "short", with_stderr()) else {
        return;
    };
    let pid = two_typed(&t);
    // The terminal goes away under kuaida: SIGHUP, and a terminal that cannot be written.
    t.tmux(&["kill-session"]);
    wait_gone(&pid);
    left_attempt_saved(&t.history());
    no_panic("stderr", &t.stderr());
}

#[test]
fn ctrl_c_mid_drill_saves_the_attempt_and_exits_cleanly() {
    let Some(t) = start("ctrlc", "short", with_stderr()) else {
        return;
    };
    two_typed(&t);
    t.key("C-c");
    assert_eq!(t.wait_exit(), "0");
    assert_eq!(t.display("#{alternate_on}"), "0");
    left_attempt_saved(&t.history());
    no_panic("stderr", &t.stderr());
    no_panic("the pane", &t.capture());
}

/// The fallback file kuaida printed on stderr after the terminal was restored.
fn printed_fallback(stderr: &str) -> PathBuf {
    let line = stderr
        .lines()
        .find(|l| l.contains("the session is in"))
        .unwrap_or_else(|| panic!("no fallback path printed:\n{stderr}"));
    let path = line
        .rsplit("the session is in ")
        .next()
        .unwrap_or("")
        .trim();
    PathBuf::from(path)
}

/// Finish a drill with history unwritable: the results say so, the path is printed on
/// exit, and the file goes back into history with `history import` once it is writable.
fn finish_into_fallback(t: &Tmux) -> PathBuf {
    let screen = finish_short(t);
    assert!(
        screen.contains("history could not be written"),
        "no message on the results screen:\n{screen}"
    );
    t.leave_results("Escape");
    let status = t.wait_exit();
    assert_eq!(status, "0", "stderr: {}", t.stderr());
    let stderr = t.stderr();
    no_panic("stderr", &stderr);
    let path = printed_fallback(&stderr);
    assert!(path.is_file(), "{} is not there", path.display());
    path
}

fn import(data: &Path, file: &Path) -> std::process::Output {
    Command::new(BIN)
        .arg("--data-dir")
        .arg(data)
        .args(["--lang", "en", "history", "import"])
        .arg(file)
        .output()
        .expect("kuaida runs")
}

#[test]
fn history_that_is_a_directory_sends_the_session_to_a_fallback_file() {
    let Some(t) = start("dirdb", "short", with_stderr()) else {
        return;
    };
    let db = t.data_dir.join("history.sqlite3");
    std::fs::create_dir_all(db.join("x")).expect("a folder where history goes");
    let path = finish_into_fallback(&t);
    std::fs::remove_dir_all(&db).expect("rm");
    let out = import(&t.data_dir, &path);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = sessions(&t.history());
    assert_eq!(s.len(), 1);
    assert_eq!(s[0]["typed"], "亲在吗好的");
    assert_eq!(s[0]["completed"], true);
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(true)
}

#[cfg(unix)]
#[test]
fn a_read_only_data_dir_sends_the_session_to_a_fallback_file() {
    use std::os::unix::fs::PermissionsExt;
    if is_root() {
        eprintln!("skipping: root ignores file permissions");
        return;
    }
    let ro = tempfile::TempDir::new().expect("tempdir");
    let opts = Opts {
        data_dir: Some(ro.path().to_path_buf()),
        stderr_to_file: true,
        ..Opts::default()
    };
    let Some(t) = start("rodir", "short", opts) else {
        return;
    };
    std::fs::set_permissions(ro.path(), std::fs::Permissions::from_mode(0o555)).expect("chmod");
    let path = finish_into_fallback(&t);
    std::fs::set_permissions(ro.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let out = import(ro.path(), &path);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(sessions(&history_of(ro.path())).len(), 1);
}

/// A kuaida history from a newer version (schema 99).
fn newer_db(path: &Path) {
    let conn = rusqlite::Connection::open(path).expect("creates");
    conn.execute_batch(
        "PRAGMA application_id = 1262764337; PRAGMA user_version = 99;
         CREATE TABLE future (x); INSERT INTO future VALUES (1);",
    )
    .expect("builds");
}

/// Writes one kind of bad database at a path.
type MakeBad = fn(&Path);

fn bad_databases() -> Vec<(&'static str, MakeBad)> {
    vec![
        ("newer", newer_db),
        ("text", |p| {
            std::fs::write(p, "这不是数据库\nnot a database\n".repeat(50)).expect("writes")
        }),
    ]
}

#[test]
fn a_bad_database_gets_a_fallback_file_and_is_left_byte_for_byte() {
    for (name, make) in bad_databases() {
        let Some(t) = start(&format!("baddb-{name}"), "short", with_stderr()) else {
            return;
        };
        let db = t.data_dir.join("history.sqlite3");
        make(&db);
        let before = std::fs::read(&db).expect("reads");
        let path = finish_into_fallback(&t);
        assert_eq!(
            std::fs::read(&db).expect("reads"),
            before,
            "{name}: the file changed"
        );
        // `history` refuses it with exit 2 and a message; the fallback file is sound.
        let out = Command::new(BIN)
            .arg("--data-dir")
            .arg(&t.data_dir)
            .args(["--lang", "en", "history"])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert!(!out.stderr.is_empty());
        let other = tempfile::TempDir::new().expect("tempdir");
        let out = import(other.path(), &path);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(sessions(&history_of(other.path())).len(), 1);
        assert_eq!(
            std::fs::read(&db).expect("reads"),
            before,
            "{name}: the file changed"
        );
    }
}

#[test]
fn the_home_screen_starts_on_a_bad_database_and_leaves_it_untouched() {
    for (name, make) in bad_databases() {
        let data = tempfile::TempDir::new().expect("tempdir");
        let db = data.path().join("history.sqlite3");
        make(&db);
        let before = std::fs::read(&db).expect("reads");
        let Some(t) = Tmux::start_with(
            &format!("badhome-{name}"),
            &["--lang", "en"],
            Opts {
                data_dir: Some(data.path().to_path_buf()),
                stderr_to_file: true,
                ..Opts::default()
            },
        ) else {
            return;
        };
        t.wait_for("home", |s| s.contains("Packs") && s.contains("Enter start"));
        std::thread::sleep(Duration::from_millis(300));
        no_panic("the pane", &t.capture());
        t.key("Escape");
        assert_eq!(t.wait_exit(), "0", "{}", t.stderr());
        no_panic("stderr", &t.stderr());
        assert_eq!(
            std::fs::read(&db).expect("reads"),
            before,
            "{name}: the file changed"
        );
    }
}

#[test]
fn a_tiny_terminal_says_what_size_is_needed_and_growing_it_shows_home() {
    let Some(t) = Tmux::start_with(
        "tiny",
        &["--lang", "en"],
        Opts {
            size: (20, 6),
            stderr_to_file: true,
            ..Opts::default()
        },
    ) else {
        return;
    };
    let screen = t.wait_for("the size message", |s| s.contains("40×10"));
    assert!(screen.contains("small"), "{screen}");
    t.tmux(&["resize-window", "-x", "100", "-y", "30"]);
    t.wait_for("home", |s| s.contains("Packs") && s.contains("Enter start"));
    t.key("Escape");
    assert_eq!(t.wait_exit(), "0");
    no_panic("stderr", &t.stderr());
}

/// The drill clock as shown ("time m:ss"), in seconds.
fn clock(screen: &str) -> Option<u32> {
    let at = screen.find("time ")?;
    let rest = &screen[at + 5..];
    let end = rest.find(|c: char| !(c.is_ascii_digit() || c == ':'))?;
    let (m, s) = rest[..end].split_once(':')?;
    Some(m.parse::<u32>().ok()? * 60 + s.parse::<u32>().ok()?)
}

#[test]
fn resizing_mid_drill_keeps_the_typed_text_and_the_clock() {
    let Some(t) = start("resize", "long", with_stderr()) else {
        return;
    };
    t.wait_for("the drill", |s| s.contains("0/"));
    t.type_text("亲，您好");
    t.wait_for("four typed", |s| s.contains("4/"));
    let before = t.wait_for("the clock at 2 s", |s| clock(s).is_some_and(|c| c >= 2));
    let at = clock(&before).unwrap_or(0);
    for (x, y) in [("60", "20"), ("20", "6"), ("100", "30")] {
        t.tmux(&["resize-window", "-x", x, "-y", y]);
        std::thread::sleep(Duration::from_millis(200));
    }
    let screen = t.wait_for("the drill again", |s| s.contains("4/"));
    let after = clock(&screen).unwrap_or(0);
    assert!(after >= at, "the clock went back: {at} → {after}\n{screen}");
    // Typing goes on where it was.
    t.type_text("！");
    t.wait_for("five typed", |s| s.contains("5/"));
    t.key("Escape");
    t.wait_exit();
    let s = sessions(&t.history());
    assert_eq!(s.len(), 1);
    assert_eq!(s[0]["typed"], "亲，您好！");
    assert!(s[0]["duration_ms"].as_u64().unwrap_or(0) >= 2000);
    no_panic("stderr", &t.stderr());
}

#[test]
fn a_lock_held_past_the_busy_timeout_sends_the_session_to_a_fallback_file() {
    let data = tempfile::TempDir::new().expect("tempdir");
    let dir = kuaida::paths::DataDir::new(data.path().to_path_buf());
    drop(kuaida::store::Store::open(&dir).expect("a fresh history"));
    // Another program holds the write lock for longer than kuaida waits (5 s).
    let holder = rusqlite::Connection::open(dir.history()).expect("opens");
    holder
        .execute_batch("BEGIN IMMEDIATE; CREATE TABLE held (x);")
        .expect("locks");
    let opts = Opts {
        data_dir: Some(data.path().to_path_buf()),
        stderr_to_file: true,
        ..Opts::default()
    };
    let Some(t) = start("locked", "short", opts) else {
        return;
    };
    let path = finish_into_fallback(&t);
    holder.execute_batch("ROLLBACK").expect("unlocks");
    drop(holder);
    let out = import(data.path(), &path);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = sessions(&history_of(data.path()));
    assert_eq!(s.len(), 1);
    assert_eq!(s[0]["typed"], "亲在吗好的");
    integrity_ok(&dir.history());
}

#[test]
fn sighup_mid_quick_reply_saves_the_attempt_without_a_panic() {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tui/quickreply.toml")
        .display()
        .to_string();
    let Some(t) = Tmux::start_with(
        "hup-qr",
        &["--lang", "zh", "drill", "--file", &file, "qr"],
        with_stderr(),
    ) else {
        return;
    };
    t.wait_for("the customer message", |s| s.contains("我的快递到哪了"));
    t.type_text("亲在");
    t.wait_for("typed", |s| s.contains("亲在"));
    let pid = t.kuaida_pid();
    kill("-HUP", &pid);
    assert_ne!(t.wait_exit(), "101");
    let doc = t.history();
    let s = sessions(&doc);
    assert_eq!(s.len(), 1, "{doc}");
    assert_eq!(s[0]["kind"], "quickreply");
    assert_eq!(s[0]["completed"], false);
    no_panic("stderr", &t.stderr());
}
