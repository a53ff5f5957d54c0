//! A pseudo-terminal of our own, for what tmux would blur with its own latency: the
//! real binary on the slave side; on the master side a thread reads everything it
//! draws, stamps each read with a monotonic time, and answers cursor-position queries
//! as a terminal would. Used by `tests/timing_fidelity.rs` and
//! `examples/process_figures.rs`.
#![allow(dead_code)]

use rustix::fs::{Mode, OFlags};
use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
use rustix::termios::{Winsize, tcsetwinsize};
use std::ffi::OsStr;
use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::OwnedFd;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// What the program has written so far.
#[derive(Default)]
pub struct Output {
    pub bytes: Vec<u8>,
    /// (when it was read, the length of `bytes` after it) for every read.
    pub reads: Vec<(Instant, usize)>,
    /// The master side read end-of-file or an error: every slave is closed.
    pub closed: bool,
}

pub struct Pty {
    /// `None` once hung up.
    master: Option<Arc<File>>,
    /// Tells the reader to let go of the master.
    hang_up: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
    pub child: Child,
    out: Arc<(Mutex<Output>, Condvar)>,
    /// When the program was started.
    pub spawned: Instant,
}

/// A cursor-position query (DSR 6).
const DSR: &[u8] = b"\x1b[6n";

fn open_pair(cols: u16, rows: u16) -> std::io::Result<(OwnedFd, OwnedFd)> {
    let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC)?;
    grantpt(&master)?;
    unlockpt(&master)?;
    let name = ptsname(&master, Vec::new())?;
    let slave = rustix::fs::open(
        name.as_c_str(),
        OFlags::RDWR | OFlags::NOCTTY | OFlags::CLOEXEC,
        Mode::empty(),
    )?;
    tcsetwinsize(
        &master,
        Winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        },
    )?;
    Ok((master, slave))
}

impl Pty {
    /// Start `program args` on a new `cols`×`rows` pseudo-terminal.
    pub fn spawn<S: AsRef<OsStr>>(
        program: &str,
        args: &[S],
        envs: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> std::io::Result<Pty> {
        Pty::spawn_with(program, args, envs, (cols, rows), true)
    }

    /// [`Pty::spawn`], answering cursor-position queries or leaving them unanswered (a
    /// terminal that does not answer).
    pub fn spawn_with<S: AsRef<OsStr>>(
        program: &str,
        args: &[S],
        envs: &[(&str, &str)],
        (cols, rows): (u16, u16),
        answer: bool,
    ) -> std::io::Result<Pty> {
        let (master, slave) = open_pair(cols, rows)?;
        // A program with a controlling terminal of its own would ask /dev/tty (the one
        // the tests run in) for the size; a new session has none, so it asks stdout.
        let mut cmd = if File::open("/dev/tty").is_ok() {
            let mut c = Command::new("setsid");
            c.arg(program);
            c
        } else {
            Command::new(program)
        };
        cmd.args(args)
            .env("LANG", "C.UTF-8")
            .env("TERM", "xterm-256color")
            .envs(envs.iter().copied())
            .stdin(Stdio::from(slave.try_clone()?))
            .stdout(Stdio::from(slave.try_clone()?))
            .stderr(Stdio::from(slave));
        let spawned = Instant::now();
        let child = cmd.spawn()?;
        // `cmd` still holds the slave's copies; drop them so the master sees the end.
        drop(cmd);
        let master = Arc::new(File::from(master));
        let out = Arc::new((Mutex::new(Output::default()), Condvar::new()));
        let hang_up = Arc::new(AtomicBool::new(false));
        let (reader, shared, stop) = (Arc::clone(&master), Arc::clone(&out), Arc::clone(&hang_up));
        let reader = std::thread::spawn(move || read_loop(&reader, &shared, answer, &stop));
        Ok(Pty {
            master: Some(master),
            hang_up,
            reader: Some(reader),
            child,
            out,
            spawned,
        })
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Write `bytes` as one write; returns the time just before the write.
    pub fn write(&self, bytes: &[u8]) -> Instant {
        let master = self.master.as_deref().expect("not hung up");
        let at = Instant::now();
        (&*master).write_all(bytes).expect("writes to the pty");
        at
    }

    /// Close the terminal's side, as a terminal window closing does — but with no
    /// SIGHUP, as the pty is not the program's controlling terminal.
    pub fn hang_up(&mut self) {
        self.hang_up.store(true, Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
        self.master = None;
    }

    pub fn output(&self) -> MutexGuard<'_, Output> {
        self.out.0.lock().expect("lock")
    }

    /// How many bytes have been read so far.
    pub fn len(&self) -> usize {
        self.output().bytes.len()
    }

    /// Wait until the output from offset `from` on satisfies `ok`; returns when the
    /// read that made it so arrived, or `None` after `timeout`.
    pub fn wait_until(
        &self,
        from: usize,
        timeout: Duration,
        ok: impl Fn(&[u8]) -> bool,
    ) -> Option<Instant> {
        let deadline = Instant::now() + timeout;
        let (lock, cv) = &*self.out;
        let mut out = lock.lock().expect("lock");
        let mut checked = 0;
        loop {
            // Check each read's end in turn, so the stamp is the read that did it.
            while checked < out.reads.len() {
                let (at, end) = out.reads[checked];
                checked += 1;
                if end > from && ok(&out.bytes[from..end]) {
                    return Some(at);
                }
            }
            let now = Instant::now();
            if now >= deadline || out.closed {
                return None;
            }
            out = cv.wait_timeout(out, deadline - now).expect("lock").0;
        }
    }

    /// Wait until the visible text (escape sequences removed) from offset `from` on
    /// contains `text`.
    pub fn wait_text(&self, from: usize, text: &str, timeout: Duration) -> Option<Instant> {
        self.wait_until(from, timeout, |b| visible(b).contains(text))
    }

    /// When the first byte past offset `from` arrived.
    pub fn first_byte_after(&self, from: usize, timeout: Duration) -> Option<Instant> {
        self.wait_until(from, timeout, |b| !b.is_empty())
    }

    /// Wait until nothing has arrived for `gap`, counted from now at the earliest (at
    /// most `timeout` in all).
    pub fn settle(&self, gap: Duration, timeout: Duration) {
        let start = Instant::now();
        let deadline = start + timeout;
        loop {
            let last = self.output().reads.last().map_or(start, |r| r.0.max(start));
            let now = Instant::now();
            let quiet = now.saturating_duration_since(last);
            if quiet >= gap || now >= deadline {
                return;
            }
            std::thread::sleep(gap - quiet);
        }
    }

    /// The visible text of everything written so far.
    pub fn text(&self) -> String {
        visible(&self.output().bytes)
    }

    /// Wait for the program to exit, `None` after `timeout`.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            if Instant::now() >= deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        self.hang_up.store(true, Ordering::SeqCst);
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn read_loop(master: &File, shared: &(Mutex<Output>, Condvar), answer: bool, stop: &AtomicBool) {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let mut buf = vec![0u8; 64 * 1024];
    let tick = Timespec {
        tv_sec: 0,
        tv_nsec: 50_000_000,
    };
    loop {
        // Wake now and then to see whether to let go of the master.
        let mut fds = [PollFd::new(master, PollFlags::IN)];
        if stop.load(Ordering::SeqCst) {
            return;
        }
        if let Ok(0) = poll(&mut fds, Some(&tick)) {
            continue;
        }
        let n = (&*master).read(&mut buf);
        let at = Instant::now();
        let (lock, cv) = shared;
        let mut out = lock.lock().expect("lock");
        match n {
            Ok(n) if n > 0 => {
                let before = out.bytes.len();
                out.bytes.extend_from_slice(&buf[..n]);
                let end = out.bytes.len();
                out.reads.push((at, end));
                // A query split over two reads is still seen: look a little back.
                let look = before.saturating_sub(DSR.len() - 1);
                let asks = answer && out.bytes[look..].windows(DSR.len()).any(|w| w == DSR);
                drop(out);
                if asks {
                    // The cursor is after the “ drawn at the top-left: a narrow terminal.
                    let _ = (&*master).write_all(b"\x1b[1;2R");
                }
                cv.notify_all();
            }
            _ => {
                out.closed = true;
                cv.notify_all();
                return;
            }
        }
    }
}

/// Terminal output with escape sequences (CSI, OSC, two-byte ESC) and control
/// characters removed: what can be searched for as text. Cells the program skipped
/// leave no gap, so search for words, not phrases with spaces.
pub fn visible(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            match chars.next() {
                Some('[') => {
                    // Parameters and intermediates up to a final byte @..~.
                    for c in chars.by_ref() {
                        if ('@'..='~').contains(&c) {
                            break;
                        }
                    }
                }
                Some(']') => {
                    // Up to BEL or ST.
                    while let Some(c) = chars.next() {
                        if c == '\x07' || (c == '\x1b' && chars.next_if_eq(&'\\').is_some()) {
                            break;
                        }
                    }
                }
                _ => {}
            }
        } else if !c.is_control() {
            out.push(c);
        }
    }
    out
}

/// The arguments that start `drill` of `tests/fixtures/tui/drills.toml` in English, with
/// `data` as the data dir.
pub fn fixture_drill(data: &std::path::Path, drill: &str) -> Vec<String> {
    let file =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui/drills.toml");
    [
        "--data-dir",
        &data.display().to_string(),
        "--lang",
        "en",
        "drill",
        "--file",
        &file.display().to_string(),
        drill,
    ]
    .map(String::from)
    .to_vec()
}
