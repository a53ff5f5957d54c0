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
    /// The frame on the terminal, one buffer a row, kept while its screen can be
    /// redrawn in part (empty: none kept).
    shown: Vec<Buffer>,
    /// The rows of the next partial frame, compared with `shown`, then swapped in.
    next: Vec<Buffer>,
    /// The area of the kept frame.
    area: Rect,
    /// Where a partial frame is drawn. Only the rows it redraws are read back, and
    /// those it clears first, so the rest may lag behind the screen.
    scratch: Buffer,
    /// Rows were drawn in part since ratatui's last frame, so its last frame is old.
    ahead: bool,
}

impl Painter {
    /// Draw a whole frame. `keep`: the screen can redraw this frame in part next time.
    pub fn whole<W: Write>(
        &mut self,
        term: &mut Term<W>,
        keep: bool,
        render: impl FnOnce(&mut Frame),
    ) -> io::Result<()> {
        if self.ahead && !self.shown.is_empty() {
            // Tell ratatui what the screen shows now, so it compares with that.
            let current = term.current_buffer_mut();
            if current.area == self.area {
                for (row, cells) in self
                    .shown
                    .iter()
                    .zip(current.content.chunks_mut(row_len(self.area)))
                {
                    cells.clone_from_slice(&row.content);
                }
                term.swap_buffers();
            }
        }
        self.forget();
        let done = term.draw(render)?;
        if keep {
            let area = done.buffer.area;
            let rows = done.buffer.content.chunks(row_len(area));
            self.shown = rows
                .zip(area.top()..)
                .map(|(cells, y)| Buffer {
                    area: Rect::new(area.x, y, area.width, 1),
                    content: cells.to_vec(),
                })
                .collect();
            self.next.clone_from(&self.shown);
            self.scratch.clone_from(done.buffer);
            self.area = area;
        }
        Ok(())
    }

    /// Forget the frame kept (the terminal was resized or cleared).
    pub fn forget(&mut self) {
        self.shown.clear();
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
        if self.shown.is_empty() || self.area != area {
            return Ok(false);
        }
        let Some(partial) = render(&mut self.scratch) else {
            return Ok(false);
        };
        let width = row_len(area);
        let mut rows: Vec<usize> = partial
            .rows
            .iter()
            .filter(|y| (area.top()..area.bottom()).contains(*y))
            .map(|y| usize::from(y - area.y))
            .collect();
        rows.sort_unstable();
        rows.dedup();
        for &i in &rows {
            let start = i * width;
            self.next[i]
                .content
                .clone_from_slice(&self.scratch.content[start..start + width]);
        }
        let (shown, next) = (&self.shown, &self.next);
        let backend = term.backend_mut();
        backend.draw(rows.iter().flat_map(|&i| shown[i].diff_iter(&next[i])))?;
        match partial.cursor {
            Some(p) => queue!(backend, cursor::MoveTo(p.x, p.y), cursor::Show)?,
            None => queue!(backend, cursor::Hide)?,
        }
        // One write for the whole change.
        Backend::flush(backend)?;
        for &i in &rows {
            std::mem::swap(&mut self.shown[i], &mut self.next[i]);
        }
        self.ahead = true;
        Ok(true)
    }
}

/// Cells in a row of `area`.
fn row_len(area: Rect) -> usize {
    usize::from(area.width).max(1)
}
