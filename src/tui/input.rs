//! The input thread: blocks on the terminal, stamps each read with a monotonic time,
//! and sends everything already waiting as one batch (one input-method commit).

use ratatui::crossterm::event::{self, Event};
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

/// What reaches the app loop.
#[derive(Debug)]
pub enum Msg {
    /// Events read together, stamped when the first was read.
    Input { at: Instant, events: Vec<Event> },
    /// SIGTERM, SIGHUP, window close or a Ctrl-C outside raw mode.
    Signal,
    /// The terminal can no longer be read.
    Gone,
}

/// Start the reader thread. It ends when the app stops listening.
pub fn spawn_reader(tx: Sender<Msg>) {
    std::thread::spawn(move || {
        loop {
            let first = match event::read() {
                Ok(ev) => ev,
                Err(_) => {
                    let _ = tx.send(Msg::Gone);
                    return;
                }
            };
            let at = Instant::now();
            let mut events = vec![first];
            while matches!(event::poll(Duration::ZERO), Ok(true)) {
                match event::read() {
                    Ok(ev) => events.push(ev),
                    Err(_) => break,
                }
            }
            if tx.send(Msg::Input { at, events }).is_err() {
                return;
            }
        }
    });
}

/// Send termination signals into the loop (the handler can be set once per process).
pub fn forward_signals(tx: Sender<Msg>) {
    let _ = ctrlc::set_handler(move || {
        let _ = tx.send(Msg::Signal);
    });
}
