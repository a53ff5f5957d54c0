//! The terminal read on Unix: one wait on the terminal and two signal pipes (resize;
//! termination), then one `read`, parsed by [`super::parse`]. With nothing to show, the
//! wait has no deadline: an idle trainer takes no CPU. A key costs two system calls and no
//! allocation beyond its batch (crossterm's reader took two `epoll_wait`s, a `read`,
//! a lock and its own queue for the same key).
//!
//! A terminal that hangs up makes the read return end-of-file or an error: that is
//! [`Msg::Gone`], and the loop saves the attempt and ends.

use super::Msg;
use super::parse::{self, End, Piece};
use crate::tui::clock::Stamp;
use ratatui::crossterm::event::Event;
use rustix::event::Timespec;
use std::io::{IsTerminal, Read, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::net::UnixStream;
use std::time::{Duration, Instant};

/// How long the rest of an escape sequence cut by a read may take to arrive: a terminal
/// writes a sequence at once, so it is there within microseconds.
const SEQUENCE_WAIT: Duration = Duration::from_millis(30);
/// The same for the rest of a bracketed paste, which may come in several writes.
const PASTE_WAIT: Duration = Duration::from_millis(300);
/// One read; a larger input-method commit or paste is read on at once.
const READ_BYTES: usize = 4096;

/// The terminal's input and its resize signal.
pub struct Input {
    tty: OwnedFd,
    /// Readable after a SIGWINCH.
    resized: UnixStream,
    /// Readable after a SIGINT, SIGTERM or SIGHUP (the terminal's Ctrl-C is a key). On
    /// Linux only held open for the epoll registration.
    #[cfg_attr(any(target_os = "linux", target_os = "android"), allow(dead_code))]
    ended: UnixStream,
    signals: Vec<signal_hook::SigId>,
    /// All three, for one wait (Linux).
    #[cfg(any(target_os = "linux", target_os = "android"))]
    epoll: OwnedFd,
    /// Bytes of a sequence cut by the last read, and when the last of them came.
    pending: Vec<u8>,
    pending_since: Option<Instant>,
    /// Events read while waiting for something else (the cursor's place), given next.
    queued: Vec<Event>,
    /// Parsed pieces of the last read (kept for its room).
    pieces: Vec<Piece>,
    /// A list of events handed back by the loop (see [`Input::give_back`]).
    spare: Vec<Event>,
    buf: Box<[u8; READ_BYTES]>,
}

impl Input {
    /// The terminal on standard input, or `/dev/tty` when standard input is not one.
    pub fn open() -> std::io::Result<Input> {
        let stdin = std::io::stdin();
        let tty: OwnedFd = if stdin.is_terminal() {
            stdin.as_fd().try_clone_to_owned()?
        } else {
            std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open("/dev/tty")?
                .into()
        };
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGWINCH};
        let (resized, wake) = UnixStream::pair()?;
        resized.set_nonblocking(true)?;
        let mut signals = vec![signal_hook::low_level::pipe::register(SIGWINCH, wake)?];
        let (ended, wake) = UnixStream::pair()?;
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            let wake = wake.try_clone()?;
            signals.push(signal_hook::low_level::pipe::register(signal, wake)?);
        }
        #[cfg(any(target_os = "linux", target_os = "android"))]
        let epoll = {
            use rustix::event::epoll::{self, EventData, EventFlags};
            let epoll = epoll::create(epoll::CreateFlags::CLOEXEC)?;
            epoll::add(&epoll, &tty, EventData::new_u64(0), EventFlags::IN)?;
            epoll::add(&epoll, &resized, EventData::new_u64(1), EventFlags::IN)?;
            epoll::add(&epoll, &ended, EventData::new_u64(2), EventFlags::IN)?;
            epoll
        };
        Ok(Input {
            tty,
            resized,
            ended,
            signals,
            #[cfg(any(target_os = "linux", target_os = "android"))]
            epoll,
            pending: Vec::new(),
            pending_since: None,
            queued: Vec::new(),
            pieces: Vec::new(),
            spare: Vec::new(),
            buf: Box::new([0; READ_BYTES]),
        })
    }

    /// Wait up to `timeout` (`None`: until something happens) for input, a resize or
    /// a signal.
    pub fn next(&mut self, timeout: Option<Duration>) -> Msg {
        let deadline = timeout.map(|t| Instant::now() + t);
        loop {
            if !self.queued.is_empty() {
                let events = std::mem::take(&mut self.queued);
                return Msg::Input {
                    stamp: Stamp::now(),
                    events,
                };
            }
            let now = Instant::now();
            if deadline.is_some_and(|d| now >= d) {
                return Msg::Timeout;
            }
            let until = deadline.into_iter().chain(self.pending_until()).min();
            let Ok(Ready {
                input,
                resized,
                ended,
            }) = self.wait(until.map(|u| u.saturating_duration_since(now)))
            else {
                return Msg::Gone;
            };
            if ended {
                // Left unread: every later wait says so too.
                return Msg::Signal;
            }
            let cut_over = !input && self.pending_until().is_some_and(|u| Instant::now() >= u);
            if !(input || resized || cut_over) {
                continue;
            }
            // The last read's list, for its room: a key allocates nothing here.
            let mut events = std::mem::take(&mut self.spare);
            events.clear();
            if resized {
                self.drain_resize();
                if let Ok((w, h)) = ratatui::crossterm::terminal::size() {
                    events.push(Event::Resize(w, h));
                }
            }
            let stamp = Stamp::now();
            let mut pieces = std::mem::take(&mut self.pieces);
            if input {
                if self.read_into(&mut pieces).is_err() {
                    return Msg::Gone;
                }
            } else if cut_over {
                // The rest of a cut sequence never came: take what there is.
                parse::parse(&self.pending, End::Over, &mut pieces);
                self.pending.clear();
                self.pending_since = None;
            }
            events.reserve(pieces.len());
            for piece in pieces.drain(..) {
                if let Some(e) = event(piece) {
                    events.push(e);
                }
            }
            self.pieces = pieces;
            if !events.is_empty() {
                return Msg::Input { stamp, events };
            }
        }
    }

    /// Take back a list of events once handled, to read the next into.
    pub fn give_back(&mut self, events: Vec<Event>) {
        self.spare = events;
    }

    /// Ask the terminal where its cursor is (`ESC [ 6 n`): the answer, or `None` when
    /// none came within `timeout`. Keys read meanwhile are kept for [`Input::next`].
    pub fn cursor_position(&mut self, timeout: Duration) -> Option<(u16, u16)> {
        let deadline = Instant::now() + timeout;
        let mut out = std::io::stdout();
        out.write_all(b"\x1b[6n").and_then(|()| out.flush()).ok()?;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return None;
            }
            if !self.wait(Some(left)).ok()?.input {
                continue;
            }
            let mut pieces = Vec::new();
            self.read_into(&mut pieces).ok()?;
            let mut at = None;
            for piece in pieces {
                match piece {
                    Piece::CursorAt { x, y } if at.is_none() => at = Some((x, y)),
                    other => self.queued.extend(event(other)),
                }
            }
            if at.is_some() {
                return at;
            }
        }
    }

    /// Wait on the terminal and the signal pipes, up to `timeout` (`None`: no limit).
    /// `Err` when the terminal cannot be waited on. On Linux through epoll, which keeps
    /// them registered: `poll` sets up its waits anew on each call and was measured
    /// slower from key to redraw on the same machine.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    fn wait(&self, timeout: Option<Duration>) -> Result<Ready, ()> {
        use rustix::event::epoll::{self, Event, EventData, EventFlags};
        let none = Event {
            flags: EventFlags::empty(),
            data: EventData::new_u64(0),
        };
        let mut events = [none; 3];
        let timeout = timeout.and_then(|t| Timespec::try_from(t).ok());
        let n = match epoll::wait(&self.epoll, &mut events[..], timeout.as_ref()) {
            Ok(n) => n,
            Err(rustix::io::Errno::INTR) => 0,
            Err(_) => return Err(()),
        };
        let mut ready = Ready::default();
        for e in &events[..n] {
            match e.data.u64() {
                // A hang-up or an error shows as readable too: the read says which.
                0 => ready.input = true,
                1 => ready.resized = true,
                _ => ready.ended = true,
            }
        }
        Ok(ready)
    }

    /// Wait on the terminal and the signal pipes, up to `timeout` (`None`: no limit).
    /// `Err` when the terminal cannot be waited on.
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    fn wait(&self, timeout: Option<Duration>) -> Result<Ready, ()> {
        use rustix::event::{PollFd, PollFlags, poll};
        let mut fds = [
            PollFd::new(&self.tty, PollFlags::IN),
            PollFd::new(&self.resized, PollFlags::IN),
            PollFd::new(&self.ended, PollFlags::IN),
        ];
        let timeout = timeout.and_then(|t| Timespec::try_from(t).ok());
        match poll(&mut fds, timeout.as_ref()) {
            Ok(_) => {}
            Err(rustix::io::Errno::INTR) => return Ok(Ready::default()),
            Err(_) => return Err(()),
        }
        let tty = fds[0].revents();
        if tty.intersects(PollFlags::NVAL) {
            return Err(());
        }
        Ok(Ready {
            // A hang-up or an error shows as readable too: the read says which.
            input: tty.intersects(PollFlags::IN | PollFlags::HUP | PollFlags::ERR),
            resized: fds[1].revents().intersects(PollFlags::IN),
            ended: fds[2].revents().intersects(PollFlags::IN),
        })
    }

    /// Read what is waiting (all of it, when it fills the buffer) and parse it after
    /// any cut sequence left from before. `Err`: the terminal is gone.
    fn read_into(&mut self, pieces: &mut Vec<Piece>) -> Result<(), ()> {
        loop {
            let n = loop {
                match rustix::io::read(&self.tty, &mut self.buf[..]) {
                    Ok(0) => return Err(()),
                    Ok(n) => break n,
                    Err(rustix::io::Errno::INTR) => continue,
                    Err(rustix::io::Errno::AGAIN) => return Ok(()),
                    Err(_) => return Err(()),
                }
            };
            let full = n == READ_BYTES;
            let end = if full { End::MoreMayFollow } else { End::Quiet };
            if self.pending.is_empty() {
                let used = parse::parse(&self.buf[..n], end, pieces);
                self.pending.extend_from_slice(&self.buf[used..n]);
            } else {
                let had = self.pending.len();
                self.pending.extend_from_slice(&self.buf[..n]);
                // A paste still coming is parsed again only once its end may be there:
                // each read is looked at once, not the whole paste on every read.
                let new = had.saturating_sub(parse::PASTE_END.len() - 1);
                if !parse::in_paste(&self.pending) || parse::ends_paste(&self.pending[new..]) {
                    let used = parse::parse(&self.pending, end, pieces);
                    self.pending.drain(..used);
                }
            }
            // Waited for from the last bytes that came: a long paste comes in many reads.
            self.pending_since = (!self.pending.is_empty()).then(Instant::now);
            if !full || !self.wait(Some(Duration::ZERO)).is_ok_and(|r| r.input) {
                return Ok(());
            }
        }
    }

    /// When the wait for the rest of a cut sequence is over.
    fn pending_until(&self) -> Option<Instant> {
        let wait = if parse::in_paste(&self.pending) {
            PASTE_WAIT
        } else {
            SEQUENCE_WAIT
        };
        self.pending_since.map(|since| since + wait)
    }

    fn drain_resize(&mut self) {
        let mut sink = [0u8; 64];
        // Non-blocking: stops at "would block" once empty.
        while matches!(self.resized.read(&mut sink), Ok(n) if n > 0) {}
    }
}

impl Drop for Input {
    fn drop(&mut self) {
        for &signal in &self.signals {
            signal_hook::low_level::unregister(signal);
        }
    }
}

/// What a wait found waiting.
#[derive(Default)]
struct Ready {
    input: bool,
    resized: bool,
    ended: bool,
}

fn event(piece: Piece) -> Option<Event> {
    match piece {
        Piece::Event(e) => Some(e),
        Piece::CursorAt { .. } => None,
    }
}
