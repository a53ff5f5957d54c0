//! The pinyin drill screen: each 字 of the line with its toneless pinyin above it,
//! column by column so both rows line up by display width; the letters typed drawn over
//! the reading (right or wrong), the syllable being typed highlighted, and the real
//! cursor at the next letter.

use super::drill::style_of;
use super::safe;
use crate::pinyin::{Grapheme, Parsed, PinyinDrill};
use crate::text::AmbiWidth;
use crate::tr;
use crate::tui::runs::typing::Run;
use crate::tui::wrap::{Mark, shown, shown_width};
use ratatui::Frame;
use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::Line;
use std::time::Instant;

/// Cells left free at the left of the text.
pub const MARGIN: u16 = 2;
/// Rows per band: the pinyin, the 字, a blank.
const BAND: u16 = 3;

/// How far a 字 is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZiState {
    Done { ok: bool },
    Current,
    Ahead,
}

/// One 字 placed on the page with its reading and the letters typed for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column<'a> {
    pub band: usize,
    pub x: u16,
    pub width: u16,
    pub grapheme: &'a str,
    pub reading: &'a str,
    /// The units typed for this 字 and whether each was right.
    pub typed: Vec<(&'a str, bool)>,
    pub state: ZiState,
}

/// A laid-out line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PinyinLaid<'a> {
    pub columns: Vec<Column<'a>>,
    pub bands: usize,
    /// Band and column of the next letter.
    pub cursor: (u16, usize),
}

fn unit_width(u: &str, ambi: AmbiWidth) -> u16 {
    if u == "\n" { 1 } else { shown_width(u, ambi) }
}

fn units_width<'a>(units: impl Iterator<Item = &'a str>, ambi: AmbiWidth) -> u16 {
    units.map(|u| unit_width(u, ambi)).sum()
}

/// Lay out `line` in columns of at most `width` cells, one cell apart.
pub fn lay_out<'a>(
    line: &'a [Grapheme],
    parsed: &'a Parsed,
    typed: &'a [crate::engine::Typed],
    width: u16,
    ambi: AmbiWidth,
) -> PinyinLaid<'a> {
    use unicode_segmentation::UnicodeSegmentation;
    let mut laid = PinyinLaid {
        bands: 1,
        ..PinyinLaid::default()
    };
    let (mut x, mut band, mut at) = (0u16, 0usize, 0usize);
    for (i, g) in line.iter().enumerate() {
        let reading = parsed.readings.get(i).map_or("", String::as_str);
        let span = parsed.spans.get(i).copied().unwrap_or(0);
        let units: Vec<(&str, bool)> = typed
            .iter()
            .skip(at)
            .take(span)
            .map(|t| (t.text.as_str(), t.ok))
            .collect();
        at += span;
        let w = shown_width(&g.text, ambi)
            .max(units_width(reading.graphemes(true), ambi))
            .max(units_width(units.iter().map(|u| u.0), ambi));
        if x > 0 && x + w > width {
            x = 0;
            band += 1;
        }
        let state = if i < parsed.current {
            ZiState::Done {
                ok: units.iter().all(|u| u.1),
            }
        } else if i == parsed.current {
            ZiState::Current
        } else {
            ZiState::Ahead
        };
        if state == ZiState::Current {
            laid.cursor = (x + units_width(units.iter().map(|u| u.0), ambi), band);
        }
        laid.columns.push(Column {
            band,
            x,
            width: w,
            grapheme: &g.text,
            reading,
            typed: units,
            state,
        });
        x += w + 1;
        if g.text == "\n" {
            x = 0;
            band += 1;
        }
    }
    if parsed.current >= line.len() {
        laid.cursor = (x, band);
    }
    laid.bands = band + 1;
    laid
}

/// Draw one grapheme at (x, y) if it fits before `right`; two cells wide where the
/// terminal draws it so though Unicode says narrow.
fn put(buf: &mut Buffer, x: u16, y: u16, right: u16, g: &str, style: Style, ambi: AmbiWidth) {
    let g = if g == "\n" { "⏎" } else { shown(g) };
    let w = unit_width(g, ambi);
    if x + w > right {
        return;
    }
    let cell = &mut buf[(x, y)];
    cell.set_symbol(g).set_style(style);
    if w == 2 && shown_width(g, AmbiWidth::Narrow) < 2 {
        cell.set_diff_option(CellDiffOption::ForcedWidth(
            std::num::NonZeroU16::MIN.saturating_add(1),
        ));
    }
}

/// The syllable being typed, letter by letter.
fn current_style() -> Style {
    Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
}

fn draw_columns(laid: &PinyinLaid<'_>, top: usize, area: Rect, buf: &mut Buffer, ambi: AmbiWidth) {
    use unicode_segmentation::UnicodeSegmentation;
    let bands = (area.height / BAND).max(1) as usize;
    for c in &laid.columns {
        if c.band < top || c.band >= top + bands {
            continue;
        }
        let y = area.y + (c.band - top) as u16 * BAND;
        let x0 = area.x + c.x;
        // The reading row: the typed units, then the rest of the reading.
        let mut x = x0;
        for (u, ok) in &c.typed {
            let style = if *ok {
                style_of(Mark::Right)
            } else {
                style_of(Mark::Wrong)
            };
            put(buf, x, y, area.right(), u, style, ambi);
            x += unit_width(u, ambi);
        }
        let rest_style = match c.state {
            ZiState::Current => current_style(),
            ZiState::Ahead => Style::new(),
            ZiState::Done { .. } => Style::new().dim(),
        };
        for u in c.reading.graphemes(true).skip(c.typed.len()) {
            put(buf, x, y, area.right(), u, rest_style, ambi);
            x += unit_width(u, ambi);
        }
        // The 字 row.
        if y + 1 < area.bottom() && c.grapheme != "\n" {
            let style = match c.state {
                ZiState::Done { ok: true } => style_of(Mark::Right),
                ZiState::Done { ok: false } => Style::new().fg(Color::Red).bold(),
                ZiState::Current => {
                    Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
                }
                ZiState::Ahead => Style::new(),
            };
            put(buf, x0, y + 1, area.right(), c.grapheme, style, ambi);
        }
    }
}

/// Render the pinyin drill screen; sets the terminal cursor at the next letter.
pub fn render(frame: &mut Frame, run: &Run, pinyin: &PinyinDrill, now: Instant, ambi: AmbiWidth) {
    let area = frame.area();
    let [title, figures, gauge, gap, body, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(2),
        Constraint::Length(1),
    ])
    .areas(area);
    let typing = &run.typing;
    let lines = pinyin.lines();
    let current = typing.current_segment();

    super::drill::header(
        frame.buffer_mut(),
        run,
        now,
        [title, figures, gauge],
        lines.len(),
        true,
    );
    if run.paste_notice(now) {
        super::drill::draw_paste_notice(frame.buffer_mut(), gap);
    }

    let text_area = Rect {
        x: body.x + MARGIN,
        width: body.width.saturating_sub(MARGIN * 2),
        ..body
    };
    let seg = current.min(lines.len().saturating_sub(1));
    if let Some(line) = lines.get(seg) {
        let parsed = pinyin.parsed(typing, seg);
        let laid = lay_out(line, &parsed, typing.typed(seg), text_area.width, ambi);
        let visible = (text_area.height / BAND).max(1) as usize;
        let top = (laid.cursor.1 + 1).saturating_sub(visible);
        draw_columns(&laid, top, text_area, frame.buffer_mut(), ambi);
        let (cx, cb) = laid.cursor;
        if cb >= top && cb < top + visible && cx < text_area.width {
            frame.set_cursor_position(Position {
                x: text_area.x + cx,
                y: text_area.y + (cb - top) as u16 * BAND,
            });
        }
        // Phrases: the next one, dimmed, below the current.
        if let Some(next) = lines.get(seg + 1) {
            let y = text_area.y + (laid.bands.saturating_sub(top) as u16) * BAND;
            if y < text_area.bottom() {
                let text: String = next.iter().map(|g| g.text.as_str()).collect();
                frame.render_widget(
                    Line::from(safe(&text)).dim(),
                    Rect {
                        y,
                        height: 1,
                        ..text_area
                    },
                );
            }
        }
    }
    frame.render_widget(
        Line::from(tr!(
            " 输入拼音字母（不带声调），标点用英文 · Esc 离开 · F1 帮助",
            " type the pinyin letters (no tones), ASCII punctuation · Esc leave · F1 help"
        ))
        .dim(),
        keys,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Batch, Key};
    use crate::pack::{DrillBody, PhraseOrder};
    use crate::tui::screens::testing::{rows, terminal};

    fn run_of(phrases: &[&str]) -> Run {
        let pack = crate::testing::pack_with(
            DrillBody::Phrases {
                phrases: phrases.iter().map(|s| s.to_string()).collect(),
                order: PhraseOrder::Fixed,
                count: None,
            },
            None,
        );
        Run::pinyin(0, &pack, &pack.drills[0]).expect("phrases run")
    }

    fn type_keys(run: &mut Run, at: Instant, s: &str) {
        let keys = s
            .chars()
            .map(|c| {
                if c == '<' {
                    Key::Backspace
                } else {
                    Key::Char(c)
                }
            })
            .collect();
        run.apply(crate::testing::stamp(at), &Batch::Keys(keys));
    }

    #[test]
    fn pinyin_over_each_zi_typed_letters_and_the_cursor() {
        let mut run = run_of(&["亲，在的哦～", "和我"]);
        let t0 = Instant::now();
        type_keys(&mut run, t0, "qin,zx");
        let mut term = terminal(60, 14);
        let frame = term
            .draw(|f| {
                let p = run.pinyin.as_ref().expect("pinyin");
                render(f, &run, p, t0, AmbiWidth::Narrow)
            })
            .expect("draws");
        let rows = rows(frame.buffer);
        assert!(rows[0].contains("拼音"), "{}", rows[0]);
        assert!(rows[1].contains("击键/分"), "{}", rows[1]);
        // Columns: qin(3) ,(2: the full-width comma below) zai(3) de(2) o(2) ~(2), one apart.
        assert_eq!(rows[4].trim_end(), "  qin ,  zxi de o  ~");
        assert_eq!(rows[5].trim_end(), "  亲  ， 在  的 哦 ～");
        // The next phrase, dimmed, after the band.
        assert_eq!(rows[7].trim_end(), "  和我");
        let buf = &frame.buffer;
        assert_eq!(buf[(MARGIN, 4)].fg, Color::Green);
        // The wrong x over zai's a, the rest of zai highlighted.
        assert_eq!(buf[(MARGIN + 8, 4)].symbol(), "x");
        assert_eq!(buf[(MARGIN + 8, 4)].bg, Color::Red);
        assert_eq!(buf[(MARGIN + 9, 4)].fg, Color::Yellow);
        assert_eq!(buf[(MARGIN, 5)].fg, Color::Green, "亲 done right");
        assert!(buf[(MARGIN + 7, 5)].modifier.contains(Modifier::UNDERLINED));
        term.backend_mut().assert_cursor_position((MARGIN + 9, 4));
    }

    #[test]
    fn backspace_and_a_second_reading_show_as_typed() {
        let mut run = run_of(&["的呢"]);
        let t0 = Instant::now();
        type_keys(&mut run, t0, "dex<<in");
        let mut term = terminal(40, 10);
        let frame = term
            .draw(|f| {
                let p = run.pinyin.as_ref().expect("pinyin");
                render(f, &run, p, t0, AmbiWidth::Narrow)
            })
            .expect("draws");
        let rows = rows(frame.buffer);
        assert_eq!(rows[4].trim_end(), "  di ne");
        assert_eq!(rows[5].trim_end(), "  的 呢");
        term.backend_mut().assert_cursor_position((MARGIN + 4, 4));
    }

    #[test]
    fn long_lines_wrap_in_bands() {
        let run = run_of(&["装".repeat(12).as_str()]);
        let p = run.pinyin.as_ref().expect("pinyin");
        let parsed = p.parsed(&run.typing, 0);
        // zhuang is 6 wide: 4 columns of 7 fit in 30 cells.
        let laid = lay_out(
            &p.lines()[0],
            &parsed,
            run.typing.typed(0),
            30,
            AmbiWidth::Narrow,
        );
        assert_eq!(laid.bands, 3);
        assert_eq!(laid.columns[4].band, 1);
        assert_eq!(laid.columns[4].x, 0);
        assert_eq!(laid.cursor, (0, 0));
    }
}
