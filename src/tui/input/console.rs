//! The console read through crossterm (Windows): its poll in slices, then everything
//! already waiting as one batch. Signals arrive from ctrlc's thread through a flag, seen
//! within [`SIGNAL_CHECK`]; a console that went away is looked for once a second.

use super::Msg;
use crate::tui::clock::Stamp;
use ratatui::crossterm::{cursor, event};
use std::io::IsTerminal;
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Set by the signal handler (on its own thread).
static SIGNALLED: AtomicBool = AtomicBool::new(false);
static WATCH: Once = Once::new();

/// How long one wait on the console lasts at most, so a signal is seen soon without a
/// waker.
const SIGNAL_CHECK: Duration = Duration::from_millis(250);
/// How often a quiet wait looks whether the console is still there.
const ALIVE_CHECK: Duration = Duration::from_secs(1);

/// The console's input (crossterm holds it).
pub struct Input;

impl Input {
    /// The console, with termination signals caught from now on.
    pub fn open() -> std::io::Result<Input> {
        WATCH.call_once(|| {
            let _ = ctrlc::set_handler(|| SIGNALLED.store(true, Ordering::SeqCst));
        });
        Ok(Input)
    }

    /// Take back a list of events once handled (kept on Unix for its room; crossterm's
    /// reader makes its own here).
    pub fn give_back(&mut self, _events: Vec<event::Event>) {}

    /// Wait up to `timeout` (`None`: until something happens) for input or a signal.
    pub fn next(&mut self, timeout: Option<Duration>) -> Msg {
        let mut deadline = Instant::now() + timeout.unwrap_or(ALIVE_CHECK);
        loop {
            if SIGNALLED.load(Ordering::SeqCst) {
                return Msg::Signal;
            }
            let now = Instant::now();
            if now >= deadline {
                if !(std::io::stdout().is_terminal() && std::io::stdin().is_terminal()) {
                    return Msg::Gone;
                }
                if timeout.is_some() {
                    return Msg::Timeout;
                }
                deadline = now + ALIVE_CHECK;
                continue;
            }
            match event::poll((deadline - now).min(SIGNAL_CHECK)) {
                Ok(true) => return read_batch(),
                Ok(false) => {}
                Err(_) => return Msg::Gone,
            }
        }
    }

    /// Ask the console where its cursor is; the answer within `timeout`.
    pub fn cursor_position(&mut self, timeout: Duration) -> Option<(u16, u16)> {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(cursor::position());
        });
        rx.recv_timeout(timeout).ok()?.ok()
    }
}

/// Everything waiting now, stamped when the first event is read.
fn read_batch() -> Msg {
    let stamp = Stamp::now();
    let first = match event::read() {
        Ok(ev) => ev,
        Err(_) => return Msg::Gone,
    };
    let mut events = vec![first];
    while matches!(event::poll(Duration::ZERO), Ok(true)) {
        match event::read() {
            Ok(ev) => events.push(ev),
            Err(_) => break,
        }
    }
    Msg::Input { stamp, events }
}
