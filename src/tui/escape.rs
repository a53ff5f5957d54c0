//! The cells of a partial frame written as escape sequences. ratatui's backend moves the
//! cursor before every cell that does not follow one cell to the right of the last, so
//! after every wide character (a line of 字 is a move a 字), and crossterm formats each
//! sequence through `fmt`. Here the cursor is moved only where the next cell is not
//! where the terminal left it, colours and weight are set only where they change, and
//! the few sequences a key needs are put together byte by byte: on a key, the code that
//! runs is what is cold in the cache, so the less of it the sooner the redraw.

use ratatui::buffer::{Buffer, Cell, CellWidth};
use ratatui::style::{Color, Modifier};
use std::io::{self, Write};

/// Each modifier and its SGR parameter.
const ATTRIBUTES: [(Modifier, u8); 9] = [
    (Modifier::BOLD, 1),
    (Modifier::DIM, 2),
    (Modifier::ITALIC, 3),
    (Modifier::UNDERLINED, 4),
    (Modifier::SLOW_BLINK, 5),
    (Modifier::RAPID_BLINK, 6),
    (Modifier::REVERSED, 7),
    (Modifier::HIDDEN, 8),
    (Modifier::CROSSED_OUT, 9),
];

/// Colours and modifiers the terminal writes in.
type Look = (Color, Color, Modifier);

const PLAIN: Look = (Color::Reset, Color::Reset, Modifier::empty());

/// An escape sequence being put together (the longest, a colour pair in RGB, is 38
/// bytes).
struct Sequence {
    bytes: [u8; 48],
    len: usize,
}

impl Sequence {
    fn new() -> Sequence {
        let mut s = Sequence {
            bytes: [0; 48],
            len: 0,
        };
        s.push(b"\x1b[");
        s
    }

    fn push(&mut self, bytes: &[u8]) {
        self.bytes[self.len..self.len + bytes.len()].copy_from_slice(bytes);
        self.len += bytes.len();
    }

    fn number(&mut self, n: u16) {
        self.push(super::digits::decimal(n.into(), &mut [0; 20]));
    }

    /// `base` (30 foreground, 40 background) and a colour, as SGR parameters.
    fn color(&mut self, base: u16, color: Color) {
        let index = match color {
            Color::Reset => return self.number(base + 9),
            Color::Black => 0,
            Color::Red => 1,
            Color::Green => 2,
            Color::Yellow => 3,
            Color::Blue => 4,
            Color::Magenta => 5,
            Color::Cyan => 6,
            Color::Gray => 7,
            Color::DarkGray => 8,
            Color::LightRed => 9,
            Color::LightGreen => 10,
            Color::LightYellow => 11,
            Color::LightBlue => 12,
            Color::LightMagenta => 13,
            Color::LightCyan => 14,
            Color::White => 15,
            Color::Indexed(i) => i,
            Color::Rgb(r, g, b) => {
                self.number(base + 8);
                for part in [2, r, g, b] {
                    self.push(b";");
                    self.number(part.into());
                }
                return;
            }
        };
        self.number(base + 8);
        self.push(b";5;");
        self.number(index.into());
    }

    fn write(&self, out: &mut impl Write) -> io::Result<()> {
        out.write_all(&self.bytes[..self.len])
    }
}

/// Move the cursor to `x`, `y` (from 0).
fn move_to(out: &mut impl Write, x: u16, y: u16) -> io::Result<()> {
    let mut s = Sequence::new();
    s.number(y.saturating_add(1));
    s.push(b";");
    s.number(x.saturating_add(1));
    s.push(b"H");
    s.write(out)
}

/// The cells of row `y` in columns `xs`, one per character as [`write_cells`] takes
/// them: a wide character's own cell only (it covers the next).
pub fn characters(
    buf: &Buffer,
    y: u16,
    xs: std::ops::Range<u16>,
) -> impl Iterator<Item = (u16, u16, &Cell)> {
    let mut x = xs.start;
    std::iter::from_fn(move || {
        (x < xs.end).then(|| {
            let cell = &buf[(x, y)];
            let at = (x, y, cell);
            x += cell.cell_width().max(1);
            at
        })
    })
}

/// What is known of the terminal's cursor: where it is and whether it is shown (`None`:
/// not known).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CursorKnown {
    pub at: Option<(u16, u16)>,
    pub shown: Option<bool>,
}

/// Put the terminal's cursor at `want` and show it, or hide it (`None`), writing only
/// what `known` says is not so already: after a typed letter the cursor is already where
/// the next one goes. Returns what is known after.
pub fn place_cursor(
    out: &mut impl Write,
    want: Option<(u16, u16)>,
    known: CursorKnown,
) -> io::Result<CursorKnown> {
    match want {
        Some((x, y)) => {
            if known.at != want {
                move_to(out, x, y)?;
            }
            if known.shown != Some(true) {
                out.write_all(b"\x1b[?25h")?;
            }
            Ok(CursorKnown {
                at: want,
                shown: Some(true),
            })
        }
        None => {
            if known.shown != Some(false) {
                out.write_all(b"\x1b[?25l")?;
            }
            Ok(CursorKnown {
                shown: Some(false),
                ..known
            })
        }
    }
}

/// Write `cells` (x, y and cell, in the order given), from and back to the plain look,
/// with the terminal's cursor known to be at `from` before. Returns where it is known
/// to be after them.
pub fn write_cells<'a>(
    out: &mut impl Write,
    cells: impl IntoIterator<Item = (u16, u16, &'a Cell)>,
    from: Option<(u16, u16)>,
) -> io::Result<Option<(u16, u16)>> {
    // Where the terminal's cursor is known to be.
    let mut at = from;
    let mut look = PLAIN;
    for (x, y, cell) in cells {
        if at != Some((x, y)) {
            move_to(out, x, y)?;
        }
        if (cell.fg, cell.bg, cell.modifier) != look {
            let mut s = Sequence::new();
            if cell.modifier != look.2 {
                // Attributes go off in different ways: all off, then those wanted on.
                s.push(b"0");
                for (modifier, code) in ATTRIBUTES {
                    if cell.modifier.contains(modifier) {
                        s.push(&[b';', b'0' + code]);
                    }
                }
                look = (Color::Reset, Color::Reset, cell.modifier);
                s.push(b";");
            }
            s.color(30, cell.fg);
            s.push(b";");
            s.color(40, cell.bg);
            s.push(b"m");
            s.write(out)?;
            look = (cell.fg, cell.bg, look.2);
        }
        let replaced = !may_show(cell.symbol());
        let symbol = if replaced { "?" } else { cell.symbol() };
        out.write_all(symbol.as_bytes())?;
        // Terminals disagree on how wide an emoji with VS16 is (four bytes at least):
        // after one, move.
        at = if symbol.len() > 3 && symbol.contains('\u{FE0F}') {
            None
        } else if symbol.is_empty() {
            Some((x, y))
        } else if replaced {
            Some((x + 1, y))
        } else {
            Some((x + cell.cell_width().max(1), y))
        };
    }
    if look != PLAIN {
        out.write_all(b"\x1b[0m")?;
    }
    Ok(at)
}

/// Whether a cell's symbol may reach the terminal as it is: one holding a control
/// character or a hidden format character (from a file that got past every other check)
/// is drawn `?`.
pub fn may_show(symbol: &str) -> bool {
    // Most cells hold one printable ASCII byte (a blank, a letter): nothing to look for.
    matches!(symbol.as_bytes(), [b' '..=b'~']) || crate::safe_text::first_unsafe(symbol).is_none()
}

/// Every cell of `buf` that may not be shown as it is made `?`: the last step of every
/// whole frame.
pub fn make_safe(buf: &mut ratatui::buffer::Buffer) {
    for cell in &mut buf.content {
        if !may_show(cell.symbol()) {
            cell.set_symbol("?");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::buffer::{Buffer, CellDiffOption};
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    fn screen(bytes: &[u8]) -> vt100::Parser {
        let n = |v: u16| std::num::NonZeroU16::new(v).expect("size");
        let mut p = vt100::Parser::new(n(3), n(12), 0);
        p.process(bytes);
        p
    }

    #[test]
    fn escapes_and_hidden_marks_in_a_cell_are_drawn_as_a_question_mark() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 3));
        buf[(0, 0)].set_symbol("\u{1b}");
        buf[(1, 0)].set_symbol("\u{202E}");
        buf[(2, 0)].set_symbol("\u{200F}");
        buf[(3, 0)].set_symbol("👨\u{200d}👩");
        let mut out = Vec::new();
        write_cells(&mut out, (0..3).map(|x| (x, 0, &buf[(x, 0)])), None).expect("writes");
        let text = String::from_utf8(out).expect("utf-8");
        assert_eq!(text.matches('?').count(), 3, "{text:?}");
        assert!(!text.contains(['\u{202E}', '\u{200F}']), "{text:?}");
        make_safe(&mut buf);
        assert_eq!(buf[(0, 0)].symbol(), "?");
        assert_eq!(buf[(3, 0)].symbol(), "👨\u{200d}👩");
    }

    #[test]
    fn moves_only_where_the_cursor_is_not_and_wide_cells_advance_two() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 3));
        buf.set_string(1, 1, "字a字", Style::new());
        let cells = [1u16, 3, 4].map(|x| (x, 1, &buf[(x, 1)]));
        let mut out = Vec::new();
        write_cells(&mut out, cells, None).expect("writes");
        let text = String::from_utf8(out.clone()).expect("utf-8");
        assert_eq!(text.matches('H').count(), 1, "one move: {text:?}");
        let shown = screen(&out);
        assert_eq!(shown.screen().contents_between(1, 0, 1, 12), " 字a字");
    }

    #[test]
    fn colours_and_weight_set_where_they_change_and_reset_at_the_end() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 3));
        let red = Style::new().fg(Color::White).bg(Color::Red).bold();
        buf.set_string(0, 0, "ab", red);
        buf.set_string(2, 0, "c", Style::new().fg(Color::Green));
        buf.set_string(3, 0, "d", Style::new());
        let cells = (0..4).map(|x| (x, 0, &buf[(x, 0)]));
        let mut out = Vec::new();
        write_cells(&mut out, cells, None).expect("writes");
        let shown = screen(&out);
        let cell = |x| shown.screen().cell(0, x).expect("cell").clone();
        assert!(cell(0).bold() && cell(1).bold());
        assert_eq!(cell(1).bgcolor(), vt100::Color::Idx(1));
        assert!(!cell(2).bold());
        assert_eq!(cell(2).fgcolor(), vt100::Color::Idx(2));
        assert_eq!(cell(2).bgcolor(), vt100::Color::Default);
        assert_eq!(cell(3).fgcolor(), vt100::Color::Default);
        // Text written after the frame comes out plain.
        let mut after = out.clone();
        after.extend_from_slice(b"\x1b[3;1Hz");
        let plain = screen(&after);
        let z = plain.screen().cell(2, 0).expect("cell").clone();
        assert!(!z.bold() && z.fgcolor() == vt100::Color::Default);
    }

    #[test]
    fn every_colour_and_attribute_reaches_the_terminal() {
        let colours = [
            (Color::Black, vt100::Color::Idx(0)),
            (Color::Cyan, vt100::Color::Idx(6)),
            (Color::DarkGray, vt100::Color::Idx(8)),
            (Color::White, vt100::Color::Idx(15)),
            (Color::Indexed(200), vt100::Color::Idx(200)),
            (Color::Rgb(255, 0, 128), vt100::Color::Rgb(255, 0, 128)),
        ];
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 3));
        for (x, (c, _)) in colours.iter().enumerate() {
            let style = Style::new().fg(*c).bg(*c).italic().reversed().underlined();
            buf.set_string(x as u16, 0, "x", style);
        }
        let mut out = Vec::new();
        write_cells(&mut out, (0..6).map(|x| (x, 0, &buf[(x, 0)])), None).expect("writes");
        let shown = screen(&out);
        for (x, (_, want)) in colours.iter().enumerate() {
            let cell = shown.screen().cell(0, x as u16).expect("cell").clone();
            assert_eq!((cell.fgcolor(), cell.bgcolor()), (*want, *want), "cell {x}");
            assert!(
                cell.italic() && cell.inverse() && cell.underline(),
                "cell {x}"
            );
        }
    }

    #[test]
    fn the_cursor_is_moved_and_shown_only_where_it_is_not_known_so() {
        let place = |want, known| {
            let mut out = Vec::new();
            let after = place_cursor(&mut out, want, known).expect("writes");
            (String::from_utf8(out).expect("utf-8"), after)
        };
        let unknown = CursorKnown::default();
        let (text, after) = place(Some((3, 4)), unknown);
        assert_eq!(text, "\x1b[5;4H\x1b[?25h");
        assert_eq!(
            after,
            CursorKnown {
                at: Some((3, 4)),
                shown: Some(true)
            }
        );
        // After a typed letter the cursor is already where the next one goes.
        assert_eq!(place(Some((3, 4)), after).0, "");
        assert_eq!(place(Some((2, 4)), after).0, "\x1b[5;3H");
        let (text, hidden) = place(None, after);
        assert_eq!(text, "\x1b[?25l");
        assert_eq!(place(None, hidden).0, "");
        assert_eq!(place(Some((3, 4)), hidden).0, "\x1b[?25h");
        // write_cells says where a row of cells left it, from where it was.
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 3));
        buf.set_string(1, 1, "字a", Style::new());
        let mut out = Vec::new();
        let cells = [1u16, 3].map(|x| (x, 1, &buf[(x, 1)]));
        let end = write_cells(&mut out, cells, None).expect("writes");
        assert_eq!(end, Some((4, 1)));
        let none: [(u16, u16, &Cell); 0] = [];
        assert_eq!(
            write_cells(&mut out, none, Some((7, 2))).expect("writes"),
            Some((7, 2))
        );
    }

    #[test]
    fn an_ambiguous_mark_told_two_wide_advances_two() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 3));
        buf[(0, 0)]
            .set_symbol("“")
            .set_diff_option(CellDiffOption::ForcedWidth(
                std::num::NonZeroU16::new(2).expect("two"),
            ));
        buf[(2, 0)].set_symbol("x");
        let mut out = Vec::new();
        write_cells(&mut out, [(0, 0, &buf[(0, 0)]), (2, 0, &buf[(2, 0)])], None).expect("writes");
        let text = String::from_utf8(out).expect("utf-8");
        assert_eq!(text.matches('H').count(), 1, "{text:?}");
    }
}
