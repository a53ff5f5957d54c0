//! Drive the real binary in tmux: each test its own server socket and data dir; the
//! server is killed when the handle drops.
#![allow(dead_code)]

pub mod class;
pub mod cli;
pub mod results;

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
    /// This handle's own folder (tmux.conf, exit status, stderr); also the data dir
    /// unless [`Opts::data_dir`] named another.
    pub data: TempDir,
    /// The `--data-dir` kuaida runs with.
    pub data_dir: PathBuf,
}

/// Options of [`Tmux::start_with`].
#[derive(Debug, Clone)]
pub struct Opts {
    /// Pane size.
    pub size: (u16, u16),
    /// Another data dir (two copies on one history).
    pub data_dir: Option<PathBuf>,
    /// Send kuaida's stderr to `stderr.txt` in the handle's folder ([`Tmux::stderr`]).
    pub stderr_to_file: bool,
    /// A command that runs kuaida's shell as its last arguments (`sh -c '…; exec "$@"'
    /// sh`): limits, environment, a private mount.
    pub wrap: Vec<String>,
}

impl Default for Opts {
    fn default() -> Opts {
        Opts {
            size: (100, 30),
            data_dir: None,
            stderr_to_file: false,
            wrap: Vec::new(),
        }
    }
}

impl Tmux {
    /// Start kuaida with `args` (after `--data-dir DIR`) in a 100×30 pane, or `None`
    /// (with a note) when tmux is not installed.
    pub fn start(test: &str, args: &[&str]) -> Option<Tmux> {
        Tmux::start_with(test, args, Opts::default())
    }

    /// [`Tmux::start`] with a pane size, data dir and stderr of choice.
    pub fn start_with(test: &str, args: &[&str], opts: Opts) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            // In CI a missing tmux is a broken machine, not a test to skip.
            if std::env::var("CI").is_ok_and(|v| v == "true" || v == "1") {
                panic!("{test}: tmux is not installed (CI=true)");
            }
            eprintln!("skipping {test}: tmux is not installed");
            return None;
        }
        let data = TempDir::new().expect("tempdir");
        let conf = data.path().join("tmux.conf");
        std::fs::write(&conf, "set -g remain-on-exit on\nset -g status off\n").expect("conf");
        let data_dir = opts
            .data_dir
            .clone()
            .unwrap_or_else(|| data.path().to_path_buf());
        let t = Tmux {
            socket: format!("kd-{test}-{}", std::process::id()),
            conf,
            data,
            data_dir,
        };
        let (x, y) = (opts.size.0.to_string(), opts.size.1.to_string());
        let run = if opts.stderr_to_file {
            "\"$@\" 2> \"$KUAIDA_TEST_STDERR\"; echo $? > \"$KUAIDA_TEST_STATUS\""
        } else {
            "\"$@\"; echo $? > \"$KUAIDA_TEST_STATUS\""
        };
        let mut cmd = vec![
            "new-session".to_string(),
            "-d".into(),
            "-x".into(),
            x,
            "-y".into(),
            y,
        ];
        cmd.extend(opts.wrap.iter().cloned());
        cmd.extend([
            // tmux can mark a pane dead before it has reaped the program, and then never
            // learn its exit status; a shell in between writes the status to a file.
            "sh".into(),
            "-c".into(),
            run.into(),
            "sh".into(),
            BIN.into(),
            "--data-dir".into(),
            t.data_dir.display().to_string(),
        ]);
        cmd.extend(args.iter().map(|s| s.to_string()));
        let status = t.data.path().join("exit-status");
        let env = format!("KUAIDA_TEST_STATUS={}", status.display());
        let stderr = format!("KUAIDA_TEST_STDERR={}", t.stderr_path().display());
        cmd.splice(1..1, ["-e".to_string(), env, "-e".to_string(), stderr]);
        let out = t.tmux(&cmd.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(
            out.status.success(),
            "tmux: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Some(t)
    }

    /// Where kuaida's stderr goes with [`Opts::stderr_to_file`].
    pub fn stderr_path(&self) -> PathBuf {
        self.data.path().join("stderr.txt")
    }

    /// kuaida's stderr so far (empty when none was written).
    pub fn stderr(&self) -> String {
        std::fs::read_to_string(self.stderr_path()).unwrap_or_default()
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

    /// Type `text` at a person's pace: a few 字 at a time, as an input method commits
    /// words, at about 200 字/分, so what `verify` reads is what hands make (PRODUCT.md
    /// 疑似异常: no 8 字 at once, no 250 字/分 over a span).
    pub fn type_like_a_person(&self, text: &str) {
        let chars: Vec<char> = text.chars().collect();
        for (i, piece) in chars.chunks(4).enumerate() {
            if i > 0 {
                std::thread::sleep(std::time::Duration::from_millis(300 * piece.len() as u64));
            }
            self.type_text(&piece.iter().collect::<String>());
        }
    }

    /// `/code` in a reply box, and the phrase chosen once the list shows it.
    pub fn choose_phrase(&self, code: &str) {
        self.type_text(&format!("/{code}"));
        self.wait_for("the phrase list", |s| {
            s.contains(&format!("快捷短语 /{code}"))
        });
        self.key("Enter");
    }

    pub fn key(&self, key: &str) {
        self.tmux(&["send-keys", key]);
    }

    /// Poll the pane until `ok` holds for its text and the screen has settled (the same
    /// twice, 30 ms apart: not a frame caught half drawn); panics with it after 10 s.
    pub fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let screen = self.capture();
            if ok(&screen) {
                std::thread::sleep(Duration::from_millis(30));
                if self.capture() == screen {
                    return screen;
                }
                continue;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Press `key` on the results screen, which ignores keys for its first 300 ms: once
    /// every 100 ms, and only while the results are still shown (their key line) and
    /// kuaida still runs, so the key is taken exactly once.
    pub fn leave_results(&self, key: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            self.key(key);
            std::thread::sleep(Duration::from_millis(100));
            if self.exited() || !self.capture().contains("r/Enter") {
                return;
            }
            if Instant::now() > deadline {
                panic!("the results screen stayed; screen:\n{}", self.capture());
            }
        }
    }

    /// Whether kuaida has exited (the shell wrote its status).
    pub fn exited(&self) -> bool {
        std::fs::read_to_string(self.data.path().join("exit-status"))
            .is_ok_and(|s| s.ends_with('\n'))
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

    /// Wait for kuaida to exit; returns its exit status as the shell saw it (128 + N
    /// when signal N ended it).
    pub fn wait_exit(&self) -> String {
        let file = self.data.path().join("exit-status");
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Ok(status) = std::fs::read_to_string(&file)
                && status.ends_with('\n')
            {
                return status.trim().to_string();
            }
            if Instant::now() > deadline {
                panic!("kuaida did not exit; screen:\n{}", self.capture());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The process id of kuaida itself (a child of the pane's shell).
    pub fn kuaida_pid(&self) -> String {
        let shell = self.display("#{pane_pid}");
        let children = format!("/proc/{shell}/task/{shell}/children");
        std::fs::read_to_string(&children)
            .unwrap_or_else(|e| panic!("{children}: {e}"))
            .split_whitespace()
            .next()
            .unwrap_or_else(|| panic!("no child of the pane's shell"))
            .to_string()
    }

    /// `kuaida history --json` of this test's data dir.
    pub fn history(&self) -> serde_json::Value {
        let out = Command::new(BIN)
            .arg("--data-dir")
            .arg(&self.data_dir)
            .args(["history", "--json"])
            .output()
            .expect("kuaida runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        // KUAIDA_KEEP_EXPORTS=DIR keeps each test's export (how the real exports that
        // tests/hostile_results.rs mutates were taken).
        if let Some(dir) = std::env::var_os("KUAIDA_KEEP_EXPORTS") {
            let name = self
                .socket
                .rsplit('/')
                .next()
                .unwrap_or("export")
                .to_string();
            let _ = std::fs::write(
                std::path::Path::new(&dir).join(format!("{name}.json")),
                &out.stdout,
            );
        }
        serde_json::from_slice(&out.stdout).expect("json")
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}

/// Run `check`, which takes today's local date for granted; a run that straddles local
/// midnight (the date changed under it) is run again on the new day, instead of
/// sleeping past midnight first. Its failures on one day are the test's.
#[allow(dead_code)]
pub fn on_one_day(check: impl Fn() + std::panic::RefUnwindSafe) {
    loop {
        let day = chrono::Local::now().date_naive();
        let result = std::panic::catch_unwind(&check);
        if chrono::Local::now().date_naive() == day {
            if let Err(e) = result {
                std::panic::resume_unwind(e);
            }
            return;
        }
    }
}
