//! The drill screen: title, live figures, progress, and the text with the typed text
//! over it. The real terminal cursor sits at the next grapheme, where input methods
//! open their candidate window.

use super::{clock, safe};
use crate::text::AmbiWidth;
use crate::tr;
use crate::tui::paint::{Partial, clear_row};
use crate::tui::run::Run;
use crate::tui::wrap::{Mark, Placed, first_line_of};
use ratatui::Frame;
use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Widget};
use std::num::NonZeroU16;
use std::time::Instant;

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
        let c = &mut buf[(x, y)];
        c.set_symbol(cell.text)
            .set_style(styles[cell.mark as usize]);
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

/// Runs of adjacent rows in `rows` (ascending) that fall in `within`, as row ranges.
fn row_runs(rows: &[u16], within: std::ops::Range<u16>) -> Vec<std::ops::Range<u16>> {
    let mut runs: Vec<std::ops::Range<u16>> = Vec::new();
    for &y in rows.iter().filter(|y| within.contains(y)) {
        match runs.last_mut() {
            Some(run) if run.end == y => run.end = y + 1,
            _ => runs.push(y..y + 1),
        }
    }
    runs
}

/// The drill's top rows: the title (with phrase n of m), the live figures and the
/// progress gauge. In pinyin practice the title says so and the rate counts letters.
pub fn header(
    buf: &mut Buffer,
    run: &Run,
    now: Instant,
    [title, figures, gauge]: [Rect; 3],
    phrases: usize,
    pinyin: bool,
) {
    let typing = &run.typing;
    // A key's partial frame leaves the title out (a zero-height row).
    if !title.is_empty() {
        let mut heading =
            vec![Span::from(safe(&format!(" {} · {}", run.pack_title, run.drill.title))).bold()];
        if pinyin {
            heading.push(Span::from(tr!("  拼音", "  pinyin")).fg(Color::Cyan));
        }
        if phrases > 1 {
            let n = (typing.current_segment() + 1).min(phrases);
            heading
                .push(Span::from(tr!("   第 {n}/{phrases} 句", "   phrase {n}/{phrases}")).dim());
        }
        Line::from(heading).render(title, buf);
    }

    let t = run.t_us(now);
    let time = match typing.rules().time_limit_us {
        Some(limit) => tr!(
            "剩余 {}",
            "left {}",
            clock(limit.saturating_sub(t).div_ceil(1_000_000))
        ),
        None => tr!("用时 {}", "time {}", clock(t / 1_000_000)),
    };
    // Under a second the rate says nothing (one 字 in 10 ms is 6000 字/分).
    let rate = if t < 1_000_000 {
        "—".to_string()
    } else {
        format!("{:.0}", run.live_cpm(now))
    };
    let accuracy = run.live_accuracy();
    let line = if pinyin {
        tr!(
            " 击键/分 {rate}   准确率 {accuracy:.1}%   {time}",
            " keys/min {rate}   accuracy {accuracy:.1}%   {time}"
        )
    } else {
        tr!(
            " 字/分 {rate}   准确率 {accuracy:.1}%   {time}",
            " cpm {rate}   accuracy {accuracy:.1}%   {time}"
        )
    };
    // One plain line: set straight into the cells (a paragraph's wrapping machinery
    // is a cost on every key).
    if !figures.is_empty() {
        buf.set_stringn(
            figures.x,
            figures.y,
            &line,
            usize::from(figures.width),
            Style::new(),
        );
    }

    let total = typing.target_len().max(1);
    let done = typing.typed_len().min(total);
    Gauge::default()
        .ratio(done as f64 / total as f64)
        .label(format!("{done}/{total}"))
        .gauge_style(Style::new().fg(Color::Cyan).bg(Color::DarkGray))
        .render(
            Rect {
                x: gauge.x + 1,
                width: gauge.width.saturating_sub(2),
                ..gauge
            },
            buf,
        );
}

/// What a drill's last frame drew, so the next can redraw only what changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Drawn {
    area: Rect,
    segment: usize,
    top: usize,
    lines: usize,
}

/// Render the drill screen; sets the terminal cursor at the next grapheme.
pub fn render(frame: &mut Frame, run: &Run, now: Instant, ambi: AmbiWidth) {
    let area = frame.area();
    if let Some(painted) = paint(frame.buffer_mut(), area, run, now, ambi, false)
        && let Some(pos) = painted.cursor
    {
        frame.set_cursor_position(pos);
    }
}

/// Redraw in `buf` only the rows that changed since this drill's last frame, which
/// `buf` still holds: the header's three rows (figures and clock), and the text's lines
/// that a key changed — all of the text's rows when it scrolled or gained a line.
/// `None`, with nothing drawn, when the last frame is not of this drill at this size
/// and segment.
pub fn repaint(buf: &mut Buffer, run: &Run, now: Instant, ambi: AmbiWidth) -> Option<Partial> {
    paint(buf, buf.area, run, now, ambi, true)
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

/// Draw the drill screen in `area`: whole, or (`in_part`) only what changed.
fn paint(
    buf: &mut Buffer,
    area: Rect,
    run: &Run,
    now: Instant,
    ambi: AmbiWidth,
    in_part: bool,
) -> Option<Partial> {
    let [title, figures, gauge, _, body, keys] = rows_of(area);
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
        view.update(seg, typing.revision(), target, typed, text_area.width, ambi);
    }
    let top = first_line_of(view.cursor().1, view.lines(), height);
    let drawn = Drawn {
        area,
        segment: seg,
        top,
        lines: view.lines(),
    };
    let last = run.drawn.replace(Some(drawn));

    // The rows to draw: all, or the header's and those of the changed lines.
    let rows: Vec<u16> = if !in_part {
        (area.top()..area.bottom()).collect()
    } else {
        let last = last?;
        if (last.area, last.segment) != (area, seg) {
            return None;
        }
        // The title changes only with the segment, which is drawn whole.
        let mut rows = vec![figures.y, gauge.y];
        let text_rows = text_area.top()..text_area.bottom();
        if (last.top, last.lines) != (top, view.lines()) {
            rows.extend(text_rows);
        } else if let Some((first, last)) = view.changed_lines() {
            let first = first.max(top) - top;
            let last = last.min(top + height.saturating_sub(1)).saturating_sub(top);
            rows.extend(
                (first..=last)
                    .map(|line| text_area.y + line as u16)
                    .filter(|y| text_rows.contains(y)),
            );
        }
        rows.sort_unstable();
        rows.dedup();
        for y in &rows {
            clear_row(buf, *y);
        }
        rows
    };
    let row_drawn = |y: u16| rows.binary_search(&y).is_ok();

    let title = if in_part {
        Rect { height: 0, ..title }
    } else {
        title
    };
    header(
        buf,
        run,
        now,
        [title, figures, gauge],
        segments.len(),
        false,
    );
    let mut cursor = None;
    if let Some(target) = target {
        // Only the lines of the rows drawn are laid out into cells.
        for rows in row_runs(&rows, text_area.top()..text_area.bottom()) {
            let from = top + usize::from(rows.start - text_area.y);
            let to = top + usize::from(rows.end - text_area.y);
            draw_text(view.cells(target, typed, from, to), top, text_area, buf);
        }
        cursor = cursor_cell(view.cursor(), top, text_area);
        // Phrases: the next one, dimmed, below the current.
        if let Some(next) = segments.get(seg + 1) {
            let y = text_area.y + (view.lines() - top) as u16 + 1;
            if y < text_area.bottom() && row_drawn(y) {
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
    Some(Partial { rows, cursor })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Batch, Key};
    use crate::pack::DrillBody;
    use crate::tui::run::Run;
    use crate::tui::screens::testing::{rows, terminal, text};

    fn run_of(text: &str) -> Run {
        let pack =
            crate::tui::run::tests_support::pack_with(DrillBody::Text { text: text.into() }, None);
        Run::new(0, &pack, &pack.drills[0]).expect("text runs")
    }

    #[test]
    fn typed_text_over_target_and_cursor_after_it() {
        let mut run = run_of("亲，您好！欢迎光临");
        let t0 = Instant::now();
        run.apply(t0, &Batch::Keys("亲，您".chars().map(Key::Char).collect()));
        run.apply(t0, &Batch::Keys(vec![Key::Char('号')]));
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
    fn sink(
        w: u16,
        h: u16,
        tape: &Tape,
    ) -> ratatui::Terminal<ratatui::backend::CrosstermBackend<Tape>> {
        crate::i18n::set_lang(crate::i18n::Lang::Zh);
        ratatui::Terminal::with_options(
            ratatui::backend::CrosstermBackend::new(tape.clone()),
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
                let pack = crate::tui::run::tests_support::pack_with(phrases.clone(), None);
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
                let keys: Vec<Key> = match rng.u8(0..10) {
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
                run.apply(at, &Batch::Keys(keys));
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
                    .rows(&mut live, area, |buf| {
                        repaint(buf, &run, at, AmbiWidth::Narrow)
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
