//! Drawing frames: whole, through ratatui, or — for a screen that can tell which cells a
//! change touched (the drill, on each key and each tick of its clock) — only those.
//! A whole frame draws every cell, compares every cell with the last frame and clears
//! every cell for the next: three passes over 4,800 cells at 120×40, mostly out of the
//! cache by the time the next key comes. A partial frame touches a few dozen cells.

use super::backend::Fast;
use super::escape::{CursorKnown, characters, place_cursor, write_cells};
use ratatui::backend::Backend;
use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::{Position, Rect};
use ratatui::{Frame, Terminal};
use std::io::{self, Write};
use std::ops::Range;

/// A terminal on any writer: stdout in the trainer, a byte sink in tests.
type Term<W> = Terminal<Fast<W>>;

/// Cells `x` of row `y`, redrawn in a partial frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stretch {
    pub y: u16,
    pub x: Range<u16>,
}

/// What a screen drew in part: the stretches of cells it redrew (in any order, they
/// may overlap) and where the terminal cursor goes (`None` hides it). A stretch holds
/// whole characters, of the frame shown and of the new one; the screen draws nothing
/// outside its stretches that differs from what is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partial {
    pub stretches: Vec<Stretch>,
    pub cursor: Option<Position>,
}

/// Clear `stretch` of `buf` before it is drawn again.
pub fn clear(buf: &mut Buffer, stretch: &Stretch) {
    let area = buf.area;
    if !(area.top()..area.bottom()).contains(&stretch.y) {
        return;
    }
    let from = stretch.x.start.max(area.left());
    let to = stretch.x.end.min(area.right());
    if from < to {
        let start = buf.index_of(from, stretch.y);
        for cell in &mut buf.content[start..start + usize::from(to - from)] {
            cell.reset();
        }
    }
}

#[derive(Debug, Default)]
pub struct Painter {
    /// The frame on the terminal, kept while its screen can be redrawn in part (empty
    /// area: none kept).
    shown: Buffer,
    /// Where a partial frame is drawn: a copy of `shown` whose stretches the screen
    /// clears and draws again.
    scratch: Buffer,
    /// Cells were drawn in part since ratatui's last frame, so its last frame is old.
    ahead: bool,
    /// The terminal's cursor as partial frames left it (a whole frame: not known).
    cursor: CursorKnown,
    /// The last partial frame's stretches, kept for their room: a key's frame
    /// allocates nothing.
    room: Vec<Stretch>,
}

impl Painter {
    /// Draw a whole frame. `keep`: the screen can redraw this frame in part next time.
    pub fn whole<W: Write>(
        &mut self,
        term: &mut Term<W>,
        keep: bool,
        render: impl FnOnce(&mut Frame),
    ) -> io::Result<()> {
        if self.ahead && !self.shown.area.is_empty() {
            // Tell ratatui what the screen shows now, so it compares with that.
            let current = term.current_buffer_mut();
            if current.area == self.shown.area {
                current.content.clone_from(&self.shown.content);
                term.swap_buffers();
            }
        }
        self.forget();
        let done = term.draw(|f| {
            render(f);
            super::escape::make_safe(f.buffer_mut());
        })?;
        if keep {
            self.shown.clone_from(done.buffer);
            self.scratch.clone_from(done.buffer);
        }
        Ok(())
    }

    /// Forget the frame kept (the terminal was resized or cleared).
    pub fn forget(&mut self) {
        self.shown = Buffer::default();
        self.ahead = false;
        self.cursor = CursorKnown::default();
    }

    /// Draw the stretches of cells `render` redraws over the kept frame, every cell in
    /// them: the screen keeps them to what changed, so comparing would find little to
    /// leave out. `render` is handed an empty list to give back its stretches in.
    /// `false` (nothing written) when there is no kept frame of `area`'s size or the
    /// screen cannot.
    pub fn cells<W: Write>(
        &mut self,
        term: &mut Term<W>,
        area: Rect,
        render: impl FnOnce(&mut Buffer, Vec<Stretch>) -> Option<Partial>,
    ) -> io::Result<bool> {
        if self.shown.area.is_empty() || self.shown.area != area {
            return Ok(false);
        }
        let mut room = std::mem::take(&mut self.room);
        room.clear();
        let Some(partial) = render(&mut self.scratch, room) else {
            return Ok(false);
        };
        let mut stretches = partial.stretches;
        prepare(&mut stretches, &self.shown, &self.scratch);
        let next = &self.scratch;
        let cells = stretches
            .iter()
            .flat_map(|s| characters(next, s.y, s.x.clone()));
        // The terminal's writer gathers the frame; the flush is its one write.
        let backend = term.backend_mut();
        let at = write_cells(backend, cells, self.cursor.at)?;
        let known = CursorKnown { at, ..self.cursor };
        let want = partial.cursor.map(|p| (p.x, p.y));
        self.cursor = place_cursor(backend, want, known)?;
        Backend::flush(backend)?;
        for s in &stretches {
            let start = self.shown.index_of(s.x.start, s.y);
            let cells = start..start + usize::from(s.x.end - s.x.start);
            self.shown.content[cells.clone()].clone_from_slice(&self.scratch.content[cells]);
        }
        self.room = stretches;
        self.ahead = true;
        Ok(true)
    }
}

/// `stretches` clipped to the frame, each widened to hold whole wide characters at
/// both ends (a stretch is written from its first cell to its last, and half a wide
/// character rewritten makes the terminal blank its other half), in reading order,
/// overlapping and touching ones joined.
fn prepare(stretches: &mut Vec<Stretch>, shown: &Buffer, next: &Buffer) {
    let area = shown.area;
    let wide_at = |x: u16, y: u16| [shown, next].iter().any(|b| b[(x, y)].cell_width() > 1);
    stretches.retain_mut(|s| {
        s.x = s.x.start.max(area.left())..s.x.end.min(area.right());
        if !(area.top()..area.bottom()).contains(&s.y) || s.x.is_empty() {
            return false;
        }
        if s.x.start > area.left() && wide_at(s.x.start - 1, s.y) {
            s.x.start -= 1;
        }
        if s.x.end < area.right() && wide_at(s.x.end - 1, s.y) {
            s.x.end += 1;
        }
        true
    });
    stretches.sort_unstable_by_key(|s| (s.y, s.x.start));
    // `later` is dropped when it joins the one kept before it.
    stretches.dedup_by(|later, kept| {
        let joins = kept.y == later.y && later.x.start <= kept.x.end;
        if joins {
            kept.x.end = kept.x.end.max(later.x.end);
        }
        joins
    });
}
