//! Drawing frames: whole, through ratatui, or — for a screen that can tell which rows a
//! change touched (the drill, on each key and each tick of its clock) — only those rows.
//! A whole frame draws every cell, compares every cell with the last frame and clears
//! every cell for the next: three passes over 4,800 cells at 120×40, mostly out of the
//! cache by the time the next key comes. A partial frame touches its few rows only.

use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::buffer::Buffer;
use ratatui::crossterm::{cursor, queue};
use ratatui::layout::{Position, Rect};
use ratatui::{Frame, Terminal};
use std::io::{self, Write};

/// A terminal on any writer: stdout in the trainer, a byte sink in tests.
type Term<W> = Terminal<CrosstermBackend<W>>;

/// What a screen drew in part: the rows it redrew (ascending, each once) and where the
/// terminal cursor goes (`None` hides it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partial {
    pub rows: Vec<u16>,
    pub cursor: Option<Position>,
}

/// Clear row `y` of `buf` before it is drawn again.
pub fn clear_row(buf: &mut Buffer, y: u16) {
    let area = buf.area;
    if y < area.top() || y >= area.bottom() {
        return;
    }
    let start = buf.index_of(area.x, y);
    for cell in &mut buf.content[start..start + usize::from(area.width)] {
        cell.reset();
    }
}

#[derive(Debug, Default)]
pub struct Painter {
    /// The frame on the terminal, kept while its screen can be redrawn in part.
    shown: Option<Buffer>,
    /// Where a partial frame is drawn: the shown frame, its changed rows drawn again.
    scratch: Buffer,
    /// Rows were drawn in part since ratatui's last frame, so its last frame is old.
    ahead: bool,
    /// Row buffers for comparing one run of rows, kept to spare allocations.
    before: Buffer,
    after: Buffer,
}

impl Painter {
    /// Draw a whole frame. `keep`: the screen can redraw this frame in part next time.
    pub fn whole<W: Write>(
        &mut self,
        term: &mut Term<W>,
        keep: bool,
        render: impl FnOnce(&mut Frame),
    ) -> io::Result<()> {
        if self.ahead {
            // Tell ratatui what the screen shows now, so it compares with that.
            if let Some(shown) = &self.shown {
                term.current_buffer_mut().clone_from(shown);
                term.swap_buffers();
            }
            self.ahead = false;
        }
        self.shown = None;
        let done = term.draw(render)?;
        if keep {
            self.scratch.clone_from(done.buffer);
            self.shown = Some(done.buffer.clone());
        }
        Ok(())
    }

    /// Forget the frame kept (the terminal was resized or cleared).
    pub fn forget(&mut self) {
        self.shown = None;
        self.ahead = false;
    }

    /// Draw the rows `render` redraws over the kept frame; `false` (nothing written)
    /// when there is no kept frame of `area`'s size or the screen cannot.
    pub fn rows<W: Write>(
        &mut self,
        term: &mut Term<W>,
        area: Rect,
        render: impl FnOnce(&mut Buffer) -> Option<Partial>,
    ) -> io::Result<bool> {
        let Some(shown) = &mut self.shown else {
            return Ok(false);
        };
        if shown.area != area {
            return Ok(false);
        }
        let Some(partial) = render(&mut self.scratch) else {
            // The screen may have drawn before it gave up: start again from the screen.
            self.scratch.clone_from(shown);
            return Ok(false);
        };
        let backend = term.backend_mut();
        let width = usize::from(area.width);
        let mut rows = partial.rows.iter().copied().filter(|y| *y < area.bottom());
        let mut next = rows.next();
        while let Some(first) = next {
            // A run of adjacent rows is compared in one go.
            let mut last = first;
            next = rows.next();
            while next == Some(last + 1) {
                last += 1;
                next = rows.next();
            }
            let run = Rect::new(area.x, first, area.width, last - first + 1);
            let start = shown.index_of(area.x, first);
            let cells = start..start + width * usize::from(run.height);
            fill(&mut self.before, run, &shown.content[cells.clone()]);
            fill(&mut self.after, run, &self.scratch.content[cells.clone()]);
            backend.draw(self.before.diff_iter(&self.after))?;
            shown.content[cells.clone()].clone_from_slice(&self.scratch.content[cells]);
        }
        match partial.cursor {
            Some(p) => queue!(backend, cursor::MoveTo(p.x, p.y), cursor::Show)?,
            None => queue!(backend, cursor::Hide)?,
        }
        // One write for the whole change.
        Backend::flush(backend)?;
        self.ahead = true;
        Ok(true)
    }
}

/// Make `buf` the cells of `run`, copied from `cells`.
fn fill(buf: &mut Buffer, run: Rect, cells: &[ratatui::buffer::Cell]) {
    buf.area = run;
    buf.content.clear();
    buf.content.extend_from_slice(cells);
}
