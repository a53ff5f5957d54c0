//! Reading the terminal on the main loop's own thread: wait for input up to a deadline,
//! stamp the read with the clock, and take everything already waiting as one batch (one
//! input-method commit). A key wakes one thread, not a reader thread that then wakes
//! the loop.
//!
//! On Unix the terminal is read and parsed here ([`unix`], [`parse`]); elsewhere
//! crossterm reads the console ([`console`]). Signals arrive from the handler's thread
//! through a flag, seen within [`SIGNAL_CHECK`].

#[cfg(not(unix))]
mod console;
#[cfg(unix)]
mod parse;
#[cfg(unix)]
mod unix;

#[cfg(not(unix))]
pub use console::Input;
#[cfg(unix)]
pub use unix::Input;

use super::clock::Stamp;
use ratatui::crossterm::event::Event;
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// What waiting for input gave.
#[derive(Debug)]
pub enum Msg {
    /// Events read together, stamped when they were read.
    Input { stamp: Stamp, events: Vec<Event> },
    /// SIGTERM, SIGHUP, window close or a Ctrl-C outside raw mode.
    Signal,
    /// The terminal can no longer be read.
    Gone,
    /// Nothing arrived before the deadline.
    Timeout,
}

/// Set by the signal handler (on its own thread).
static SIGNALLED: AtomicBool = AtomicBool::new(false);
static WATCH: Once = Once::new();

/// How long one wait on the terminal lasts at most, so a signal is seen soon without
/// a waker: four quiet wake-ups a second, about 3 ms of CPU in 10 s.
const SIGNAL_CHECK: Duration = Duration::from_millis(250);

/// Catch termination signals from now on (once per process).
pub fn watch() {
    WATCH.call_once(|| {
        let _ = ctrlc::set_handler(|| SIGNALLED.store(true, Ordering::SeqCst));
    });
}

fn signalled() -> bool {
    SIGNALLED.load(Ordering::SeqCst)
}
