//! The console read through crossterm (Windows): its poll in slices, then everything
//! already waiting as one batch.

use super::{Msg, SIGNAL_CHECK, signalled};
use crate::tui::clock::Stamp;
use ratatui::crossterm::{cursor, event};
use std::time::{Duration, Instant};

/// The console's input (crossterm holds it).
pub struct Input;

impl Input {
    pub fn open() -> std::io::Result<Input> {
        Ok(Input)
    }

    /// Wait up to `timeout` for input or a signal.
    pub fn next(&mut self, timeout: Duration) -> Msg {
        let deadline = Instant::now() + timeout;
        loop {
            if signalled() {
                return Msg::Signal;
            }
            let now = Instant::now();
            if now >= deadline {
                return Msg::Timeout;
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
