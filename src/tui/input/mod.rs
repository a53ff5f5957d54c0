//! Reading the terminal on the main loop's own thread: wait for input up to a deadline,
//! stamp the read with the clock, and take everything already waiting as one batch (one
//! input-method commit). A key wakes one thread, not a reader thread that then wakes
//! the loop.
//!
//! On Unix the terminal is read and parsed here ([`unix`], [`parse`]), and resize and
//! termination signals wake the same wait through pipes: an idle trainer sleeps until
//! something happens. Elsewhere crossterm reads the console ([`console`]).

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
