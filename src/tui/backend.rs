//! ratatui's backend for the trainer: crossterm's, except two things. Whole frames are
//! written by [`write_cells`] (the cursor moved only where the next cell is not, colours
//! set only where they change, sequences put together without `fmt`): the first frame
//! of home is about 1,500 cells, and crossterm's writer moved the cursor after every
//! wide character and formatted every sequence. And the cursor's place is never asked
//! of the terminal: the answer would come through crossterm's own reader, which would
//! take the keys meant for [`super::input::Input`]; the place last set is given instead.

use super::escape::write_cells;
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use std::io::{self, Write};

/// Crossterm's backend with kuaida's cell writer, over any writer (stdout in the
/// trainer, a byte sink in tests).
pub struct Fast<W: Write> {
    inner: CrosstermBackend<W>,
    cursor: Position,
}

impl<W: Write> Fast<W> {
    pub fn new(writer: W) -> Fast<W> {
        Fast {
            inner: CrosstermBackend::new(writer),
            cursor: Position::ORIGIN,
        }
    }
}

impl<W: Write> Write for Fast<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        Write::flush(&mut self.inner)
    }
}

impl<W: Write> Backend for Fast<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        write_cells(&mut self.inner, content, None).map(drop)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.cursor)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let position = position.into();
        self.cursor = position;
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}
