//! A terminal that goes away with no SIGHUP (kuaida is not in its session: `nohup`,
//! a pty handed over by another program): kuaida notices by itself, saves the attempt
//! in progress and ends, instead of spinning on a dead terminal forever.
#![cfg(unix)]

#[path = "common/pty.rs"]
mod pty;

use pty::Pty;
use std::process::Command;
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_kuaida");

fn fixture() -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tui/drills.toml")
        .display()
        .to_string()
}

/// CPU the process has used, in clock ticks (Linux), to tell waiting from spinning.
fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

fn hang_up_and_wait(pty: &mut Pty) {
    let pid = pty.pid();
    pty.hang_up();
    let status = pty.wait_exit(Duration::from_secs(10));
    if status.is_none() {
        let ticks = cpu_ticks(pid).map_or("?".into(), |t| t.to_string());
        panic!("kuaida still runs 10 s after its terminal went away ({ticks} ticks of CPU)");
    }
}

fn spawn(dir: &str, args: &[&str]) -> Pty {
    let mut all = vec!["--data-dir", dir, "--lang", "en"];
    all.extend_from_slice(args);
    Pty::spawn(BIN, &all, &[], 100, 30).expect("starts on a pty")
}

#[test]
fn home_ends_when_its_terminal_goes_away_without_a_signal() {
    let data = tempfile::TempDir::new().expect("tempdir");
    let mut pty = spawn(&data.path().display().to_string(), &[]);
    let up = pty.wait_text(0, "Packs", Duration::from_secs(10));
    assert!(up.is_some(), "no home screen:\n{}", pty.text());
    pty.settle(Duration::from_millis(300), Duration::from_secs(5));
    hang_up_and_wait(&mut pty);
}

#[test]
fn a_drill_whose_terminal_goes_away_without_a_signal_is_saved() {
    let data = tempfile::TempDir::new().expect("tempdir");
    let dir = data.path().display().to_string();
    let file = fixture();
    let mut pty = spawn(&dir, &["drill", "--file", &file, "short"]);
    let up = pty.wait_text(0, "亲在吗好的", Duration::from_secs(10));
    assert!(up.is_some(), "no drill screen:\n{}", pty.text());
    pty.settle(Duration::from_millis(300), Duration::from_secs(5));
    let from = pty.len();
    pty.write("亲在".as_bytes());
    // Typed before the terminal goes: the redraw shows it (in the typed colour).
    let typed = pty.wait_text(from, "亲在", Duration::from_secs(10));
    assert!(typed.is_some(), "no redraw after typing:\n{}", pty.text());
    pty.settle(Duration::from_millis(200), Duration::from_secs(5));
    hang_up_and_wait(&mut pty);
    let out = Command::new(BIN)
        .args(["--data-dir", &dir, "history", "--json"])
        .output()
        .expect("runs");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let s = &doc["sessions"];
    assert_eq!(s.as_array().map(Vec::len), Some(1), "{doc}");
    assert_eq!(s[0]["completed"], false);
    assert_eq!(s[0]["typed"], "亲在");
}
