//! Drive the real binary in tmux: each test its own server socket and data dir; the
//! server is killed when the handle drops.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};
use tempfile::TempDir;

pub const BIN: &str = env!("CARGO_BIN_EXE_kuaida");

/// The test pack for terminal tests.
pub fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui/drills.toml")
}

pub struct Tmux {
    socket: String,
    conf: PathBuf,
    pub data: TempDir,
}

impl Tmux {
    /// Start kuaida with `args` (after `--data-dir DIR`) in a 100×30 pane, or `None`
    /// (with a note) when tmux is not installed.
    pub fn start(test: &str, args: &[&str]) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            eprintln!("skipping {test}: tmux is not installed");
            return None;
        }
        let data = TempDir::new().expect("tempdir");
        let conf = data.path().join("tmux.conf");
        std::fs::write(&conf, "set -g remain-on-exit on\nset -g status off\n").expect("conf");
        let t = Tmux {
            socket: format!("kd-{test}-{}", std::process::id()),
            conf,
            data,
        };
        let mut cmd = vec![
            "new-session".to_string(),
            "-d".into(),
            "-x".into(),
            "100".into(),
            "-y".into(),
            "30".into(),
            BIN.into(),
            "--data-dir".into(),
            t.data.path().display().to_string(),
        ];
        cmd.extend(args.iter().map(|s| s.to_string()));
        let out = t.tmux(&cmd.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(
            out.status.success(),
            "tmux: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Some(t)
    }

    pub fn tmux(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .env("LANG", "C.UTF-8")
            .env_remove("TMUX")
            .arg("-u")
            .arg("-L")
            .arg(&self.socket)
            .arg("-f")
            .arg(&self.conf)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    pub fn capture(&self) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p"]).stdout).into_owned()
    }

    pub fn display(&self, format: &str) -> String {
        String::from_utf8_lossy(&self.tmux(&["display", "-p", format]).stdout)
            .trim()
            .to_string()
    }

    pub fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-l", text]);
    }

    pub fn key(&self, key: &str) {
        self.tmux(&["send-keys", key]);
    }

    /// Poll the pane until `ok` holds for its text; panics with the screen after 10 s.
    pub fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let screen = self.capture();
            if ok(&screen) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Poll a tmux format until it has `want`.
    pub fn wait_display(&self, format: &str, want: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let got = self.display(format);
            if got == want {
                return;
            }
            if Instant::now() > deadline {
                panic!("{format} is {got}, not {want}; screen:\n{}", self.capture());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The program has exited (the pane stays, dead).
    pub fn wait_exit(&self) {
        self.wait_display("#{pane_dead}", "1");
    }

    /// The exit status once tmux has reaped the process; tmux sometimes never records
    /// it for a pane that closed first, so `None` after a short wait.
    pub fn exit_status(&self) -> Option<String> {
        let deadline = Instant::now() + Duration::from_secs(1);
        loop {
            let got = self.display("#{pane_dead_status}#{pane_dead_signal}");
            if !got.is_empty() {
                return Some(got);
            }
            if Instant::now() > deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// `kuaida history --json` of this test's data dir.
    pub fn history(&self) -> serde_json::Value {
        let out = Command::new(BIN)
            .arg("--data-dir")
            .arg(self.data.path())
            .args(["history", "--json"])
            .output()
            .expect("kuaida runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("json")
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}
