//! The drill screen: title, live figures, progress, and the text with the typed text
//! over it. The real terminal cursor sits at the next grapheme, where input methods
//! open their candidate window.

use super::safe;
use crate::text::AmbiWidth;
use crate::tr;
use crate::tui::digits;
use crate::tui::paint::{Partial, Stretch, clear};
use crate::tui::runs::typing::Run;
use crate::tui::wrap::{Mark, Placed, Spot, first_line_of};
use ratatui::Frame;
use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use std::num::NonZeroU16;
use std::ops::Range;
use std::time::Instant;
use unicode_width::UnicodeWidthChar;

const TWO: NonZeroU16 = NonZeroU16::MIN.saturating_add(1);

/// Cells left free at the left of the text.
pub const MARGIN: u16 = 2;

/// How a typed (or pending) grapheme is drawn, in the drill and in pinyin practice.
pub(super) fn style_of(mark: Mark) -> Style {
    match mark {
        Mark::Right => Style::new().fg(Color::Green),
        Mark::Wrong => Style::new()
            .fg(Color::White)
            .bg(Color::Red)
            .add_modifier(Modifier::BOLD),
        Mark::Pending => Style::new(),
    }
}

/// Draw laid-out cells into `area`, line `top` on its first row. Marks the terminal
/// draws two cells wide though Unicode calls them narrow are told to ratatui as two
/// cells wide, so the next grapheme is drawn after them.
fn draw_text<'a>(
    cells: impl Iterator<Item = Placed<'a>>,
    top: usize,
    area: Rect,
    buf: &mut Buffer,
) {
    let bottom = top + area.height as usize;
    let styles = [Mark::Right, Mark::Wrong, Mark::Pending].map(style_of);
    for cell in cells {
        if cell.line < top || cell.line >= bottom {
            continue;
        }
        let x = area.x + cell.x;
        let y = area.y + (cell.line - top) as u16;
        if x + cell.width > area.right() {
            continue;
        }
        let style = styles[cell.mark as usize];
        let c = &mut buf[(x, y)];
        c.set_symbol(cell.text).set_style(style);
        if cell.padded {
            // The blank that keeps a narrow mistake as wide as the 字 it stands for.
            buf[(x + 1, y)].set_symbol(" ").set_style(style);
            continue;
        }
        // A wide cell's width is known here: telling ratatui spares it measuring every
        // grapheme again in each frame's diff. (Not for emoji with VS16, which ratatui
        // clears behind explicitly.)
        if cell.forced_wide || (cell.width == 2 && !cell.vs16) {
            c.set_diff_option(CellDiffOption::ForcedWidth(TWO));
        }
        // Its right half is marked as one: when a wide mark moves or gives way to a
        // narrow one, the terminal blanks the half left behind in the colours being
        // written (a mistake's red); the mark makes that cell differ from a blank, so
        // it is written over.
        if cell.width == 2 && !cell.vs16 {
            buf[(x + 1, y)].set_symbol("");
        }
    }
}

/// The cell of the layout's `cursor` in `area` (line `top` on its first row), if shown.
fn cursor_cell((cx, cy): (u16, usize), top: usize, area: Rect) -> Option<Position> {
    (cy >= top && cy < top + area.height as usize && cx < area.width).then(|| Position {
        x: area.x + cx,
        y: area.y + (cy - top) as u16,
    })
}

/// The drill's top rows: the title (with phrase n of m), the live figures and the
/// progress bar. In pinyin practice the title says so and the rate counts letters.
pub fn header(
    buf: &mut Buffer,
    run: &Run,
    now: Instant,
    [title, figures, gauge]: [Rect; 3],
    phrases: usize,
    pinyin: bool,
) {
    draw_title(buf, run, title, phrases, pinyin);
    let line = figures_line(run, now, pinyin, String::new());
    draw_figures(buf, figures, &line, figures.left()..figures.right());
    let bar = Bar::new(gauge, run.typing.typed_len(), run.typing.target_len());
    bar.draw(buf, gauge.left()..gauge.right());
}

/// The title: pack and drill, and phrase n of m.
fn draw_title(buf: &mut Buffer, run: &Run, row: Rect, phrases: usize, pinyin: bool) {
    let mut heading =
        vec![Span::from(safe(&format!(" {} · {}", run.pack_title, run.drill.title))).bold()];
    if pinyin {
        heading.push(Span::from(tr!("  拼音", "  pinyin")).fg(Color::Cyan));
    }
    if phrases > 1 {
        let n = (run.typing.current_segment() + 1).min(phrases);
        heading.push(Span::from(tr!("   第 {n}/{phrases} 句", "   phrase {n}/{phrases}")).dim());
    }
    Line::from(heading).render(row, buf);
}

/// The live figures: rate, accuracy and the clock. Built on every key by pushing
/// digits, not through `fmt`: on a key, the code that runs is what is cold in the
/// cache, and formatting is the largest piece of it here. Written in `line` (emptied
/// first: a key allocates nothing here).
fn figures_line(run: &Run, now: Instant, pinyin: bool, mut line: String) -> String {
    let zh = crate::i18n::is_zh();
    let t = run.t_us(now);
    line.clear();
    line.push_str(match (pinyin, zh) {
        (true, true) => " 击键/分 ",
        (true, false) => " keys/min ",
        (false, true) => " 字/分 ",
        (false, false) => " cpm ",
    });
    // Under a second the rate says nothing (one 字 in 10 ms is 6000 字/分).
    if t < 1_000_000 {
        line.push('—');
    } else {
        digits::push(&mut line, run.live_cpm(now).round() as u64);
    }
    line.push_str(if zh { "   准确率 " } else { "   accuracy " });
    let tenths = (run.live_accuracy() * 10.0).round() as u64;
    digits::push(&mut line, tenths / 10);
    line.push('.');
    digits::push(&mut line, tenths % 10);
    line.push_str("%   ");
    let seconds = match run.typing.rules().time_limit_us {
        Some(limit) => {
            line.push_str(if zh { "剩余 " } else { "left " });
            limit.saturating_sub(t).div_ceil(1_000_000)
        }
        None => {
            line.push_str(if zh { "用时 " } else { "time " });
            t / 1_000_000
        }
    };
    // m:ss, as `screens::clock` writes it.
    digits::push(&mut line, seconds / 60);
    line.push(':');
    if seconds % 60 < 10 {
        line.push('0');
    }
    digits::push(&mut line, seconds % 60);
    line
}

/// Draw the figures `line` in `row`: the characters that start in columns `only` (the
/// rest of the row already shows them). One plain line (no marks that combine), set
/// straight into the cells char by char: a paragraph's wrapping machinery, or even
/// splitting into graphemes, is a cost on every key.
fn draw_figures(buf: &mut Buffer, row: Rect, line: &str, only: Range<u16>) {
    let mut x = row.x;
    for ch in line.chars() {
        let width = char_width(ch);
        if width == 0 {
            continue;
        }
        if x + width > row.right() || x >= only.end {
            break;
        }
        if x < only.start {
            x += width;
            continue;
        }
        buf[(x, row.y)].set_char(ch);
        if width == 2 {
            buf[(x + 1, row.y)].reset();
        }
        x += width;
    }
}

/// How many cells [`draw_figures`] gives `ch`.
fn char_width(ch: char) -> u16 {
    if (' '..='~').contains(&ch) {
        return 1;
    }
    ch.width().unwrap_or(0) as u16
}

/// How many cells [`draw_figures`] gives `s`, character by character as it draws it.
fn text_width(s: &str) -> u16 {
    s.chars().map(char_width).sum()
}

/// The columns of a line drawn from column `x` that differ between `was` and `now`:
/// from the first character that differs to the last, or to the end of the longer
/// line when what follows moved. Compared byte by byte: two lines agree up to a byte
/// that starts a character exactly when they agree up to that character.
fn changed_columns(x: u16, was: &str, now: &str) -> Range<u16> {
    let (a, b) = (was.as_bytes(), now.as_bytes());
    let mut head = a.iter().zip(b).take_while(|(p, q)| p == q).count();
    while !now.is_char_boundary(head) {
        head -= 1;
    }
    let same_end = a.iter().rev().zip(b.iter().rev());
    let most = a.len().min(b.len()) - head;
    let mut tail = same_end.take_while(|(p, q)| p == q).count().min(most);
    // A byte that continues a character says so itself: the same in both lines.
    while !now.is_char_boundary(now.len() - tail) {
        tail -= 1;
    }
    let from = x + text_width(&now[..head]);
    let was_middle = text_width(&was[head..was.len() - tail]);
    let now_middle = text_width(&now[head..now.len() - tail]);
    if was_middle == now_middle {
        from..from + now_middle
    } else {
        let end = text_width(&now[now.len() - tail..]);
        from..from + was_middle.max(now_middle) + end
    }
}

/// The progress bar: the share typed filled in cyan, the count in its middle. Its look
/// is a few numbers, so a key's frame redraws only the cells whose look changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Bar {
    /// Its row, with a cell free at each end.
    area: Rect,
    done: usize,
    total: usize,
    /// Filled up to this column.
    filled: u16,
    /// Where the count goes.
    label: (u16, u16),
}

impl Bar {
    fn new(row: Rect, done: usize, total: usize) -> Bar {
        let area = Rect {
            x: row.x + 1,
            width: row.width.saturating_sub(2),
            ..row
        };
        let total = total.max(1);
        let done = done.min(total);
        let width = usize::from(area.width);
        // Rounded to the nearest cell.
        let filled = area.x + ((width * done + total / 2) / total) as u16;
        let count = digits(done) + 1 + digits(total);
        let label_width = count.min(area.width);
        let label_x = area.x + (area.width - label_width) / 2;
        Bar {
            area,
            done,
            total,
            filled,
            label: (label_x, label_x + label_width),
        }
    }

    /// Draw its cells in columns `cols`.
    fn draw(&self, buf: &mut Buffer, cols: std::ops::Range<u16>) {
        if self.area.is_empty() {
            return;
        }
        let (mut done, mut total) = ([0; 20], [0; 20]);
        let done = digits::decimal(self.done as u64, &mut done);
        let total = digits::decimal(self.total as u64, &mut total);
        let count = |i: usize| match i.checked_sub(done.len()) {
            None => done[i],
            Some(0) => b'/',
            Some(after) => total[after - 1],
        };
        let full = Style::new().fg(Color::DarkGray).bg(Color::Cyan);
        let empty = Style::new().fg(Color::Cyan).bg(Color::DarkGray);
        for x in cols.start.max(self.area.left())..cols.end.min(self.area.right()) {
            let ch = if (self.label.0..self.label.1).contains(&x) {
                char::from(count(usize::from(x - self.label.0)))
            } else {
                ' '
            };
            let style = if x < self.filled { full } else { empty };
            buf[(x, self.area.y)].set_char(ch).set_style(style);
        }
    }

    /// The columns whose look differs from `last`'s: where the count was and is, and
    /// between the old and the new end of the fill.
    fn changed_since(&self, last: &Bar) -> impl Iterator<Item = std::ops::Range<u16>> {
        let count = (self.done, self.total) != (last.done, last.total);
        let fill = self.filled != last.filled;
        [
            count.then(|| self.label.0.min(last.label.0)..self.label.1.max(last.label.1)),
            fill.then(|| self.filled.min(last.filled)..self.filled.max(last.filled)),
        ]
        .into_iter()
        .flatten()
    }
}

/// Decimal digits of `n`.
fn digits(n: usize) -> u16 {
    n.checked_ilog10().map_or(1, |d| d as u16 + 1)
}

/// What a drill's last frame drew, so the next can redraw only what changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drawn {
    area: Rect,
    segment: usize,
    top: usize,
    lines: usize,
    figures: String,
    /// The figures line before, kept for its room.
    spare: String,
    bar: Bar,
    /// The refused-paste notice was shown.
    notice: bool,
}

/// The notice that a paste was refused, in `row` (the row under the progress bar).
pub(super) fn draw_paste_notice(buf: &mut Buffer, row: Rect) {
    Line::from(tr!(
        " 粘贴的内容不计入：一次最多 32 个字",
        " pasted text is not counted: at most 32 characters at once"
    ))
    .fg(Color::Yellow)
    .render(row, buf);
}

/// Render the drill screen; sets the terminal cursor at the next grapheme.
pub fn render(frame: &mut Frame, run: &Run, now: Instant, ambi: AmbiWidth) {
    let area = frame.area();
    if let Some(painted) = paint(frame.buffer_mut(), area, Vec::new(), run, now, ambi, false)
        && let Some(pos) = painted.cursor
    {
        frame.set_cursor_position(pos);
    }
}

/// Redraw in `buf` only the cells that changed since this drill's last frame, which
/// `buf` still holds: the figures, the count and the fill of the progress bar, and the
/// text's cells a key changed. `None`, with nothing drawn, when the last frame is not
/// of this drill at this size and segment, or the text scrolled or gained a line
/// (most of the screen changes: a whole frame, compared cell by cell, writes less).
/// The stretches are given back in `room`.
pub fn repaint(
    buf: &mut Buffer,
    room: Vec<Stretch>,
    run: &Run,
    now: Instant,
    ambi: AmbiWidth,
) -> Option<Partial> {
    paint(buf, buf.area, room, run, now, ambi, true)
}

/// The drill screen's rows: title, figures, gauge, a gap, the text, the keys. What
/// `Layout` gives for lengths 1, 1, 1, 1, at least 1, 1, without its solver (its
/// cache lookup is a cost in every keystroke's frame).
fn rows_of(area: Rect) -> [Rect; 6] {
    if area.height < 6 {
        return solved_rows(area);
    }
    let row = |i: u16, height: u16| Rect {
        y: area.y + i,
        height,
        ..area
    };
    let body = area.height - 5;
    [
        row(0, 1),
        row(1, 1),
        row(2, 1),
        row(3, 1),
        row(4, body),
        row(4 + body, 1),
    ]
}

/// The drill screen's rows as the layout solver gives them.
fn solved_rows(area: Rect) -> [Rect; 6] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// The stretches of text rows that hold the cells in `changed` (lines of the page, of
/// which line `top` is on the first row of `text_area`).
fn text_stretches(
    changed: Range<Spot>,
    top: usize,
    text_area: Rect,
) -> impl Iterator<Item = Stretch> {
    let height = usize::from(text_area.height);
    let lines = if height == 0 || changed.end.line < top {
        0..0
    } else {
        changed.start.line.max(top)..changed.end.line.min(top + height - 1) + 1
    };
    lines.filter_map(move |line| {
        let from = if line == changed.start.line {
            changed.start.x
        } else {
            0
        };
        let to = if line == changed.end.line {
            changed.end.x
        } else {
            text_area.width
        };
        let (from, to) = (from.min(text_area.width), to.min(text_area.width));
        (from < to).then(|| Stretch {
            y: text_area.y + (line - top) as u16,
            x: text_area.x + from..text_area.x + to,
        })
    })
}

/// Draw the drill screen in `area`: whole, or (`in_part`) only what changed.
fn paint(
    buf: &mut Buffer,
    area: Rect,
    mut stretches: Vec<Stretch>,
    run: &Run,
    now: Instant,
    ambi: AmbiWidth,
    in_part: bool,
) -> Option<Partial> {
    let [title, figures, gauge, gap, body, keys] = rows_of(area);
    let typing = &run.typing;
    let segments = typing.segments();
    let seg = typing
        .current_segment()
        .min(segments.len().saturating_sub(1));
    let text_area = Rect {
        x: body.x + MARGIN,
        width: body.width.saturating_sub(MARGIN * 2),
        ..body
    };
    let height = text_area.height as usize;
    let target = segments.get(seg);
    let typed = typing.typed(seg);
    let mut view = run.view.borrow_mut();
    if let Some(target) = target {
        let typed = (typed, typing.stamps(seg));
        view.update(seg, typing.revision(), target, typed, text_area.width, ambi);
    }
    let top = first_line_of(view.cursor().1, view.lines(), height);
    // Kept for the next frame once this one is drawn (moved, not copied).
    let mut last = run.drawn.take();
    let room = last.as_mut().map(|l| std::mem::take(&mut l.spare));
    let figures_text = figures_line(run, now, false, room.unwrap_or_default());
    let bar = Bar::new(gauge, typing.typed_len(), typing.target_len());
    let mut drawn = Drawn {
        area,
        segment: seg,
        top,
        lines: view.lines(),
        figures: figures_text,
        spare: String::new(),
        bar,
        notice: run.paste_notice(now),
    };

    // The cells to draw: all, or the figures, the bar's changes and the text's.
    if in_part {
        let same_text = |last: &Drawn| (last.top, last.lines) == (top, view.lines());
        let usable = |l: &&Drawn| (l.area, l.segment) == (area, seg) && same_text(l);
        let Some(last) = last.as_ref().filter(usable) else {
            run.drawn.replace(Some(drawn));
            return None;
        };
        stretches.push(Stretch {
            y: figures.y,
            x: changed_columns(figures.x, &last.figures, &drawn.figures),
        });
        let bar_changes = bar.changed_since(&last.bar);
        stretches.extend(bar_changes.map(|x| Stretch { y: gauge.y, x }));
        if let Some(changed) = view.changed() {
            stretches.extend(text_stretches(changed, top, text_area));
        }
        if last.notice != drawn.notice && gap.height > 0 {
            stretches.push(Stretch {
                y: gap.y,
                x: gap.left()..gap.right(),
            });
        }
        for s in &stretches {
            clear(buf, s);
        }
    } else {
        let full = |y| Stretch {
            y,
            x: area.left()..area.right(),
        };
        stretches.extend((area.top()..area.bottom()).map(full));
    }

    // The title changes only with the segment, which is drawn whole.
    if !in_part {
        draw_title(buf, run, title, segments.len(), false);
    }
    let figures_columns = match stretches.iter().find(|s| s.y == figures.y) {
        Some(s) if in_part => s.x.clone(),
        _ => figures.left()..figures.right(),
    };
    draw_figures(buf, figures, &drawn.figures, figures_columns);
    for s in stretches.iter().filter(|s| s.y == gauge.y) {
        bar.draw(buf, s.x.clone());
    }
    if drawn.notice && gap.height > 0 {
        draw_paste_notice(buf, gap);
    }
    let mut cursor = None;
    if let Some(target) = target {
        // Only the cells of the stretches drawn are laid out into cells.
        for s in stretches
            .iter()
            .filter(|s| text_area.y <= s.y && s.y < text_area.bottom())
        {
            let line = top + usize::from(s.y - text_area.y);
            let xs = s.x.start.saturating_sub(text_area.x)..s.x.end.saturating_sub(text_area.x);
            draw_text(view.cells_at(target, typed, line, xs), top, text_area, buf);
        }
        cursor = cursor_cell(view.cursor(), top, text_area);
        // Phrases: the next one, dimmed, below the current.
        if let Some(next) = segments.get(seg + 1)
            && !in_part
        {
            let y = text_area.y + (view.lines() - top) as u16 + 1;
            if y < text_area.bottom() {
                let next_line = Rect {
                    y,
                    height: 1,
                    ..text_area
                };
                Line::from(safe(&next.concat()))
                    .dim()
                    .render(next_line, buf);
            }
        }
    }
    if !in_part {
        Line::from(tr!(" Esc 离开 · F1 帮助", " Esc leave · F1 help"))
            .dim()
            .render(keys, buf);
    }
    if let Some(last) = last {
        drawn.spare = last.figures;
    }
    run.drawn.replace(Some(drawn));
    Some(Partial { stretches, cursor })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Batch, Key};
    use crate::pack::DrillBody;
    use crate::tui::runs::typing::Run;
    use crate::tui::screens::testing::{rows, terminal, text};

    fn run_of(text: &str) -> Run {
        let pack = crate::testing::pack_with(DrillBody::Text { text: text.into() }, None);
        Run::new(0, &pack, &pack.drills[0]).expect("text runs")
    }

    #[test]
    fn typed_text_over_target_and_cursor_after_it() {
        let mut run = run_of("亲，您好！欢迎光临");
        let t0 = Instant::now();
        run.apply(
            crate::testing::stamp(t0),
            &Batch::Keys("亲，您".chars().map(Key::Char).collect()),
        );
        run.apply(
            crate::testing::stamp(t0),
            &Batch::Keys(vec![Key::Char('号')]),
        );
        let mut term = terminal(60, 12);
        let frame = term
            .draw(|f| render(f, &run, t0, AmbiWidth::Narrow))
            .expect("draws");
        let shown = text(frame.buffer);
        assert!(shown.contains("测试包 · 跟打"), "{shown}");
        assert!(shown.contains("字/分"));
        let body = &rows(frame.buffer)[4];
        assert!(body.starts_with("  亲，您号！欢迎光临"), "{body}");
        // the wrong 号 is drawn in the wrong style
        let wrong = &frame.buffer[(MARGIN + 6, 4)];
        assert_eq!(wrong.symbol(), "号");
        assert_eq!(wrong.bg, Color::Red);
        assert_eq!(frame.buffer[(MARGIN, 4)].fg, Color::Green);
        let _ = frame;
        term.backend_mut().assert_cursor_position((MARGIN + 8, 4));
    }

    #[test]
    fn a_letter_typed_for_a_zi_keeps_its_two_cells_and_the_text_after_it() {
        let mut run = run_of("亲在吗");
        let t0 = Instant::now();
        run.apply(
            crate::testing::stamp(t0),
            &Batch::Keys(vec![Key::Char('f')]),
        );
        let mut term = terminal(60, 12);
        let frame = term
            .draw(|f| render(f, &run, t0, AmbiWidth::Narrow))
            .expect("draws");
        let body = &rows(frame.buffer)[4];
        assert!(body.starts_with("  f 在吗"), "{body}");
        for x in [MARGIN, MARGIN + 1] {
            assert_eq!(frame.buffer[(x, 4)].bg, Color::Red, "cell {x}");
        }
        term.backend_mut().assert_cursor_position((MARGIN + 2, 4));
    }

    #[test]
    fn long_text_wraps_without_splitting_cjk() {
        let run = run_of(&"快打".repeat(40));
        let mut term = terminal(41, 12);
        let frame = term
            .draw(|f| render(f, &run, Instant::now(), AmbiWidth::Narrow))
            .expect("draws");
        let rows = rows(frame.buffer);
        // 37 cells of text: 18 字 per line.
        assert_eq!(rows[4].trim_end(), format!("  {}", "快打".repeat(9)));
        assert_eq!(rows[5].trim_end(), format!("  {}", "快打".repeat(9)));
    }

    /// What a terminal was sent, shared with the test that reads it.
    #[derive(Clone, Default)]
    struct Tape(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

    impl std::io::Write for Tape {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl Tape {
        fn take(&self) -> Vec<u8> {
            std::mem::take(&mut *self.0.borrow_mut())
        }
    }

    /// A terminal of `w`×`h` whose output goes on `tape`.
    fn sink(w: u16, h: u16, tape: &Tape) -> ratatui::Terminal<crate::tui::backend::Fast<Tape>> {
        crate::i18n::set_lang(crate::i18n::Lang::Zh);
        ratatui::Terminal::with_options(
            crate::tui::backend::Fast::new(tape.clone()),
            ratatui::TerminalOptions {
                viewport: ratatui::Viewport::Fixed(Rect::new(0, 0, w, h)),
            },
        )
        .expect("sink terminal")
    }

    fn emulator(w: u16, h: u16) -> vt100::Parser {
        let n = |v: u16| std::num::NonZeroU16::new(v).expect("size");
        vt100::Parser::new(n(h), n(w), 0)
    }

    /// Where two screens differ for a person: a cell (text, colours, weight), the
    /// cursor, or whether it shows. `None` when they look the same.
    fn difference(a: &vt100::Screen, b: &vt100::Screen) -> Option<String> {
        let (rows, cols) = a.size();
        for row in 0..rows.get() {
            for col in 0..cols.get() {
                let look = |s: &vt100::Screen| {
                    // A cell never written and one cleared to a space look the same;
                    // the right half of a wide character shows the left half's look.
                    s.cell(row, col).map(|c| {
                        if c.is_wide_continuation() {
                            return ("½".to_string(), None);
                        }
                        let text = if c.has_contents() { c.contents() } else { " " };
                        // On a blank the foreground and weight do not show.
                        let look = if text == " " {
                            (vt100::Color::Default, c.bgcolor(), false, false)
                        } else {
                            (c.fgcolor(), c.bgcolor(), c.bold(), c.dim())
                        };
                        (text.to_string(), Some((look, c.inverse(), c.underline())))
                    })
                };
                if look(a) != look(b) {
                    return Some(format!("cell {row},{col}: {:?} vs {:?}", look(a), look(b)));
                }
            }
        }
        let cursor = |s: &vt100::Screen| (s.cursor_position(), s.hide_cursor());
        (cursor(a) != cursor(b)).then(|| format!("cursor {:?} vs {:?}", cursor(a), cursor(b)))
    }

    /// Through typing, mistakes, Backspace, IME batches, wide and ambiguous marks,
    /// line breaks, scrolling, the clock and a resize, the terminal fed only partial
    /// frames shows exactly what one whole frame of the same moment shows.
    #[test]
    fn a_drill_redrawn_in_part_looks_as_if_drawn_whole() {
        use crate::tui::paint::Painter;
        let text = "亲，您好！欢迎光临本店。“在吗”……\nab字e\u{301}好的，七天无理由退换。".repeat(6);
        let phrases = DrillBody::Phrases {
            phrases: [
                "亲，在的，请问有什么可以帮您？",
                "好的亲，马上为您查询物流。",
                "“七天无理由”……放心买",
            ]
            .map(String::from)
            .to_vec(),
            order: crate::pack::PhraseOrder::Fixed,
            count: None,
        };
        for seed in 0..16u64 {
            let mut rng = fastrand::Rng::with_seed(seed);
            // Odd seeds: phrases, whose next phrase moves when the current gains a line.
            let mut run = if seed % 2 == 0 {
                run_of(&text)
            } else {
                let pack = crate::testing::pack_with(phrases.clone(), None);
                Run::new(0, &pack, &pack.drills[0]).expect("phrases run")
            };
            let (mut w, mut h) = (30 + (seed % 3) as u16 * 7, 12);
            let tape = Tape::default();
            let mut live = sink(w, h, &tape);
            let mut shown = emulator(w, h);
            let mut painter = Painter::default();
            let t0 = Instant::now();
            painter
                .whole(&mut live, true, |f| render(f, &run, t0, AmbiWidth::Narrow))
                .expect("draws");
            let mut in_part = 0;
            for step in 0..160u64 {
                let keys: Vec<Key> = match rng.u8(0..11) {
                    // A paste refused: its notice comes and, 3 s on, goes.
                    10 => vec![Key::Char('贴'); 40],
                    0 | 1 => vec![Key::Backspace],
                    2 => vec![Key::Char('x')],
                    3 => "快打".chars().map(Key::Char).collect(),
                    _ => {
                        let seg = run.typing.current_segment();
                        let next = run.typing.typed(seg).len();
                        let target = run.typing.segments().get(seg);
                        match target
                            .and_then(|t| t.get(next))
                            .and_then(|g| g.chars().next())
                        {
                            Some('\n') => vec![Key::Enter],
                            Some(c) => vec![Key::Char(c)],
                            None => vec![Key::Backspace],
                        }
                    }
                };
                let at = t0 + std::time::Duration::from_millis(step * 377);
                run.apply(crate::testing::stamp(at), &Batch::Keys(keys));
                if run.typing.is_over() {
                    break;
                }
                if step == 100 {
                    (w, h) = (w + 5, h + 2);
                    live.resize(Rect::new(0, 0, w, h)).expect("resizes");
                    painter.forget();
                    shown = emulator(w, h);
                }
                let area = Rect::new(0, 0, w, h);
                let part = painter
                    .cells(&mut live, area, |buf, room| {
                        repaint(buf, room, &run, at, AmbiWidth::Narrow)
                    })
                    .expect("draws");
                if part {
                    in_part += 1;
                } else {
                    painter
                        .whole(&mut live, true, |f| render(f, &run, at, AmbiWidth::Narrow))
                        .expect("draws");
                }
                shown.process(&tape.take());

                let whole_run = run.clone();
                let whole_tape = Tape::default();
                sink(w, h, &whole_tape)
                    .draw(|f| render(f, &whole_run, at, AmbiWidth::Narrow))
                    .expect("draws");
                let mut want = emulator(w, h);
                want.process(&whole_tape.take());
                if let Some(d) = difference(shown.screen(), want.screen()) {
                    panic!(
                        "seed {seed} step {step}: {d}; in part\n{}\nwhole\n{}",
                        shown.screen().contents(),
                        want.screen().contents()
                    );
                }
            }
            assert!(in_part >= 40, "seed {seed}: only {in_part} frames in part");
        }
    }

    /// A refused paste: the notice comes with the next partial frame and goes with the
    /// first frame 3 s after the paste was read, and the screen is then as drawn whole.
    #[test]
    fn the_paste_notice_comes_and_goes_in_partial_frames() {
        use crate::tui::paint::Painter;
        let mut run = run_of("亲，您好！欢迎光临");
        let (w, h) = (60, 12);
        let tape = Tape::default();
        let mut live = sink(w, h, &tape);
        let mut shown = emulator(w, h);
        let mut painter = Painter::default();
        let t0 = Instant::now();
        painter
            .whole(&mut live, true, |f| render(f, &run, t0, AmbiWidth::Narrow))
            .expect("draws");
        shown.process(&tape.take());
        let notice = "粘贴的内容不计入：一次最多 32 个字";
        let at = |ms| t0 + std::time::Duration::from_millis(ms);
        let mut step = |run: &Run, now: Instant| -> String {
            let area = Rect::new(0, 0, w, h);
            let part = painter
                .cells(&mut live, area, |buf, room| {
                    repaint(buf, room, run, now, AmbiWidth::Narrow)
                })
                .expect("draws");
            assert!(part, "drawn in part");
            shown.process(&tape.take());
            let whole_tape = Tape::default();
            sink(w, h, &whole_tape)
                .draw(|f| render(f, run, now, AmbiWidth::Narrow))
                .expect("draws");
            let mut want = emulator(w, h);
            want.process(&whole_tape.take());
            if let Some(d) = difference(shown.screen(), want.screen()) {
                panic!("{d}:\n{}", shown.screen().contents());
            }
            shown.screen().contents()
        };
        run.apply(
            crate::testing::stamp(t0),
            &Batch::Keys(vec![Key::Char('亲')]),
        );
        assert!(!step(&run, at(100)).contains(notice));
        run.apply(
            crate::testing::stamp(at(500)),
            &Batch::Paste("复制的一大段话".repeat(6)),
        );
        let screen = step(&run, at(500));
        assert!(screen.contains(notice), "{screen}");
        assert!(screen.contains("1/9"), "nothing pasted is typed:\n{screen}");
        run.apply(
            crate::testing::stamp(at(1_500)),
            &Batch::Keys(vec![Key::Char('，')]),
        );
        assert!(step(&run, at(1_500)).contains(notice));
        assert!(step(&run, at(3_499)).contains(notice));
        assert_eq!(run.next_wake(at(3_499)), Some(at(3_500)));
        let screen = step(&run, at(3_500));
        assert!(!screen.contains(notice), "{screen}");
        term_cursor_after(&shown, 2 * 2);
    }

    /// The terminal's cursor is on the text's first row, `x` cells in from the margin.
    fn term_cursor_after(shown: &vt100::Parser, x: u16) {
        assert_eq!(shown.screen().cursor_position(), (4, MARGIN + x));
    }

    #[test]
    fn only_the_figures_that_changed_are_redrawn() {
        let line = |rate: &str, acc: &str| format!(" 字/分 {rate}   准确率 {acc}%   用时 0:07");
        // " 字/分 " is 7 cells: a rate of the same width changes its own cells only.
        assert_eq!(
            changed_columns(0, &line("98", "99.0"), &line("99", "99.0")),
            8..9
        );
        // A longer rate moves what follows: to the end of the longer line.
        let (was, now) = (line("99", "99.0"), line("100", "99.0"));
        let end = now.chars().map(char_width).sum::<u16>();
        assert_eq!(changed_columns(3, &was, &now), 3 + 7..3 + end);
        assert!(changed_columns(0, &was, &was).is_empty());
    }

    /// Columns counted character by character, as a person would: the reference the
    /// byte-wise comparison is held to.
    fn changed_columns_by_chars(x: u16, was: &str, now: &str) -> Range<u16> {
        let (w, n): (Vec<char>, Vec<char>) = (was.chars().collect(), now.chars().collect());
        let head = w.iter().zip(&n).take_while(|(a, b)| a == b).count();
        let same_end = w.iter().rev().zip(n.iter().rev());
        let tail = same_end.take_while(|(a, b)| a == b).count();
        let tail = tail.min(w.len() - head).min(n.len() - head);
        let width = |cs: &[char]| cs.iter().map(|&c| char_width(c)).sum::<u16>();
        let from = x + width(&n[..head]);
        let (was_middle, now_middle) = (
            width(&w[head..w.len() - tail]),
            width(&n[head..n.len() - tail]),
        );
        if was_middle == now_middle {
            from..from + now_middle
        } else {
            from..x + width(&w).max(width(&n))
        }
    }

    #[test]
    fn figures_compared_by_bytes_change_the_columns_characters_would() {
        // Characters that share leading or trailing bytes: 分 (E5 88 86) and 刀 (E5 88
        // 80), 字 and 宇, the dash and a digit.
        let pieces = [
            "分",
            "刀",
            "字",
            "宇",
            "—",
            "0",
            "9",
            "1",
            " ",
            "%",
            ":",
            "准确率",
        ];
        let mut rng = fastrand::Rng::with_seed(20);
        let mut line = || -> String {
            (0..rng.usize(0..9))
                .map(|_| pieces[rng.usize(..pieces.len())])
                .collect()
        };
        for _ in 0..20_000 {
            let (was, now) = (line(), line());
            assert_eq!(
                changed_columns(3, &was, &now),
                changed_columns_by_chars(3, &was, &now),
                "{was:?} → {now:?}"
            );
        }
    }

    #[test]
    fn the_figures_line_reads_as_the_figures_formatted() {
        let mut run = run_of(&"亲，您好！欢迎光临".repeat(30));
        let t0 = Instant::now();
        assert!(
            figures_line(&run, t0, false, String::new())
                .starts_with(" 字/分 —   准确率 100.0%   用时 0:00")
        );
        run.apply(
            crate::testing::stamp(t0),
            &Batch::Keys("亲，您号".chars().map(Key::Char).collect()),
        );
        for (seconds, clock) in [(0, "0:00"), (9, "0:09"), (61, "1:01"), (3_725, "62:05")] {
            let now = t0 + std::time::Duration::from_millis(seconds * 1000 + 500);
            let expected = if seconds == 0 {
                "—".to_string()
            } else {
                format!("{}", run.live_cpm(now).round() as u64)
            };
            let accuracy = format!("{:.1}", (run.live_accuracy() * 10.0).round() / 10.0);
            assert_eq!(
                figures_line(&run, now, false, String::new()),
                format!(" 字/分 {expected}   准确率 {accuracy}%   用时 {clock}"),
            );
            assert!(figures_line(&run, now, true, String::new()).starts_with(" 击键/分 "));
        }
    }

    #[test]
    fn the_bar_redraws_its_count_and_the_end_of_its_fill() {
        let row = Rect::new(0, 2, 42, 1);
        // 40 cells inside: 10 of 100 fill 4, the count "10/100" sits in the middle.
        let before = Bar::new(row, 10, 100);
        assert_eq!((before.filled, before.label), (1 + 4, (1 + 17, 1 + 23)));
        let after = Bar::new(row, 13, 100);
        assert_eq!(after.filled, 1 + 5);
        let changed = |a: &Bar, b: &Bar| a.changed_since(b).collect::<Vec<_>>();
        assert_eq!(changed(&after, &before), vec![18..24, 5..6]);
        assert_eq!(changed(&after, &after), vec![]);
        let mut buf = Buffer::empty(Rect::new(0, 0, 42, 3));
        after.draw(&mut buf, 0..42);
        let shown: String = (0..42).map(|x| buf[(x, 2)].symbol().to_string()).collect();
        assert_eq!(shown.trim(), "13/100");
        assert_eq!(buf[(5, 2)].bg, Color::Cyan);
        assert_eq!(buf[(6, 2)].bg, Color::DarkGray);
        assert_eq!(buf[(0, 2)].bg, Color::Reset, "a cell free at each end");
    }

    #[test]
    fn rows_are_those_the_layout_solver_gives() {
        for height in 1..50 {
            for y in [0, 3] {
                let area = Rect::new(2, y, 50, height);
                assert_eq!(rows_of(area), solved_rows(area), "height {height}");
            }
        }
    }
}
