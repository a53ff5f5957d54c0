//! The terminal's lifecycle: raw mode and the alternate screen on the way in, and a
//! restore on every way out (drop guard, panic hook, signals) that never panics.

use super::backend::Fast;
use super::escape;
use super::input::Input;
use crate::text::AmbiWidth;
use ratatui::buffer::Buffer;
use ratatui::crossterm::{cursor, event, execute, queue, style, terminal};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::io::{Write, stdout};
use std::sync::Once;
use std::time::Duration;

/// The trainer's terminal.
pub type Term = Terminal<Fast<Out>>;

/// The terminal's output. A frame is gathered in memory and written at its end in one
/// write: straight to the standard output, crossterm's many small writes each took its
/// lock and scanned for a newline. On Unix the write goes to the descriptor itself, past
/// std's buffer as well (nothing else writes while the trainer draws): on a key, fewer
/// pieces of code and one copy fewer.
#[derive(Debug, Default)]
pub struct Out {
    frame: Vec<u8>,
}

impl Write for Out {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.frame.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.frame.extend_from_slice(bytes);
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let written = write_out(&self.frame);
        self.frame.clear();
        written
    }
}

impl Drop for Out {
    /// What is left is written, as a `BufWriter` would (ratatui shows a hidden cursor
    /// as it is dropped).
    fn drop(&mut self) {
        if !self.frame.is_empty() {
            let _ = self.flush();
        }
    }
}

/// Write all of `bytes` to the standard output.
#[cfg(unix)]
fn write_out(mut bytes: &[u8]) -> std::io::Result<()> {
    use std::os::fd::AsFd;
    let out = stdout();
    while !bytes.is_empty() {
        match rustix::io::write(out.as_fd(), bytes) {
            Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
            Ok(n) => bytes = &bytes[n..],
            Err(rustix::io::Errno::INTR) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

/// Write all of `bytes` to the standard output.
#[cfg(not(unix))]
fn write_out(bytes: &[u8]) -> std::io::Result<()> {
    let mut out = stdout().lock();
    out.write_all(bytes)?;
    out.flush()
}

/// Restores the terminal when dropped.
pub struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Put the terminal back as it was. Safe to call twice, and when the terminal is gone.
pub fn restore() {
    let _ = terminal::disable_raw_mode();
    let mut out = stdout();
    let _ = execute!(out, event::DisableBracketedPaste);
    let _ = execute!(out, terminal::LeaveAlternateScreen, cursor::Show);
    let _ = out.flush();
}

static HOOK: Once = Once::new();

/// Raw mode, alternate screen, bracketed paste where the terminal has it; a panic hook
/// that restores first so the message is readable.
pub fn enter() -> std::io::Result<(Term, Guard)> {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
    terminal::enable_raw_mode()?;
    let guard = Guard;
    let mut out = stdout();
    execute!(out, terminal::EnterAlternateScreen)?;
    // Windows consoles cannot; the batch rule covers pastes there.
    let _ = execute!(out, event::EnableBracketedPaste);
    // A fixed viewport, resized on the terminal's resize events (see `resize`): a full-
    // screen one asks the terminal its size before every frame, and crossterm opens
    // /dev/tty to answer, a cost on every keystroke's redraw.
    let (width, height) = terminal::size()?;
    let viewport = Viewport::Fixed(Rect::new(0, 0, width, height));
    let term = Terminal::with_options(Fast::new(Out::default()), TerminalOptions { viewport })?;
    Ok((term, guard))
}

/// Follow a resize event: the next frame is drawn whole at the new size.
pub fn resize(term: &mut Term, width: u16, height: u16) -> std::io::Result<()> {
    term.resize(Rect::new(0, 0, width, height))
}

/// The cells of the top-left corner that [`probe_ambiwidth`] draws over.
pub fn corner_of(frame: &Buffer) -> Buffer {
    let area = Rect::new(0, 0, frame.area.width.min(2), frame.area.height.min(1));
    let mut corner = Buffer::empty(area);
    if area.height > 0 {
        for x in 0..area.width {
            corner[(x, 0)] = frame[(x, 0)].clone();
        }
    }
    corner
}

/// Put right what the probe drew over: the `corner` of the frame shown, or, when the
/// answer changed how frames are laid out (`changed`), the whole screen cleared for a
/// new frame. Never ratatui's `clear`: it asks the terminal where its cursor is through
/// crossterm's own reader, which would take keys meant for [`Input`] (and wait up to
/// 2 s on a terminal that does not answer).
pub fn after_probe(term: &mut Term, corner: &Buffer, changed: bool) -> std::io::Result<()> {
    if changed {
        let area = term.get_frame().area();
        return resize(term, area.width, area.height);
    }
    let cells = escape::characters(corner, 0, 0..corner.area.width);
    let out = term.backend_mut();
    escape::write_cells(out, cells, None)?;
    out.flush()
}

/// Ask the terminal how wide it draws an ambiguous mark: draw “ at the top-left and ask
/// where the cursor went. No answer in 100 ms counts as narrow.
pub fn probe_ambiwidth(input: &mut Input) -> AmbiWidth {
    let mut out = stdout();
    if queue!(out, cursor::MoveTo(0, 0), style::Print("“")).is_err() || out.flush().is_err() {
        return AmbiWidth::Narrow;
    }
    match input.cursor_position(Duration::from_millis(100)) {
        Some((2, _)) => AmbiWidth::Wide,
        _ => AmbiWidth::Narrow,
    }
}
