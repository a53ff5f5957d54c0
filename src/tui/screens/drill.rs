//! The drill screen: title, live figures, progress, and the text with the typed text
//! over it. The real terminal cursor sits at the next grapheme, where input methods
//! open their candidate window.

use super::{clock, safe};
use crate::text::AmbiWidth;
use crate::tr;
use crate::tui::run::Run;
use crate::tui::wrap::{Mark, Placed, first_line_of};
use ratatui::Frame;
use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Paragraph};
use std::num::NonZeroU16;
use std::time::Instant;

const TWO: NonZeroU16 = NonZeroU16::MIN.saturating_add(1);

/// Cells left free at the left of the text.
pub const MARGIN: u16 = 2;

fn style_of(mark: Mark) -> Style {
    match mark {
        Mark::Right => Style::new().fg(Color::Green),
        Mark::Wrong => Style::new()
            .fg(Color::White)
            .bg(Color::Red)
            .add_modifier(Modifier::BOLD),
        Mark::Pending => Style::new(),
    }
}

/// Draw laid-out cells into `area` from line `top`; returns the cursor cell when visible.
/// Marks the terminal draws two cells wide though Unicode calls them narrow are told
/// to ratatui as two cells wide, so the next grapheme is drawn after them.
fn draw_text<'a>(
    cells: impl Iterator<Item = Placed<'a>>,
    cursor: (u16, usize),
    top: usize,
    area: Rect,
    buf: &mut Buffer,
) -> Option<Position> {
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
    }
    let (cx, cy) = cursor;
    (cy >= top && cy < bottom && cx < area.width).then(|| Position {
        x: area.x + cx,
        y: area.y + (cy - top) as u16,
    })
}

/// The drill's top rows: the title (with phrase n of m), the live figures and the
/// progress gauge. In pinyin practice the title says so and the rate counts letters.
pub fn header(
    frame: &mut Frame,
    run: &Run,
    now: Instant,
    [title, figures, gauge]: [Rect; 3],
    phrases: usize,
    pinyin: bool,
) {
    let typing = &run.typing;
    let mut heading =
        vec![Span::from(safe(&format!(" {} · {}", run.pack_title, run.drill.title))).bold()];
    if pinyin {
        heading.push(Span::from(tr!("  拼音", "  pinyin")).fg(Color::Cyan));
    }
    if phrases > 1 {
        let n = (typing.current_segment() + 1).min(phrases);
        heading.push(Span::from(tr!("   第 {n}/{phrases} 句", "   phrase {n}/{phrases}")).dim());
    }
    frame.render_widget(Line::from(heading), title);

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
    frame.render_widget(Paragraph::new(line), figures);

    let total = typing.target_len().max(1);
    let done = typing.typed_len().min(total);
    frame.render_widget(
        Gauge::default()
            .ratio(done as f64 / total as f64)
            .label(format!("{done}/{total}"))
            .gauge_style(Style::new().fg(Color::Cyan).bg(Color::DarkGray)),
        Rect {
            x: gauge.x + 1,
            width: gauge.width.saturating_sub(2),
            ..gauge
        },
    );
}

/// Render the drill screen; sets the terminal cursor at the next grapheme.
pub fn render(frame: &mut Frame, run: &Run, now: Instant, ambi: AmbiWidth) {
    let area = frame.area();
    let [title, figures, gauge, _, body, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let typing = &run.typing;
    let segments = typing.segments();
    let current = typing.current_segment();

    header(
        frame,
        run,
        now,
        [title, figures, gauge],
        segments.len(),
        false,
    );

    let text_area = Rect {
        x: body.x + MARGIN,
        width: body.width.saturating_sub(MARGIN * 2),
        ..body
    };
    let seg = current.min(segments.len().saturating_sub(1));
    if let Some(target) = segments.get(seg) {
        let typed = typing.typed(seg);
        let mut view = run.view.borrow_mut();
        view.update(seg, target, typed, text_area.width, ambi);
        let height = text_area.height as usize;
        let top = first_line_of(view.cursor().1, view.lines(), height);
        let cells = view.cells(target, typed, top, top + height);
        if let Some(pos) = draw_text(cells, view.cursor(), top, text_area, frame.buffer_mut()) {
            frame.set_cursor_position(pos);
        }
        // Phrases: the next one, dimmed, below the current.
        if let Some(next) = segments.get(seg + 1) {
            let y = text_area.y + (view.lines() - top) as u16 + 1;
            if y < text_area.bottom() {
                let next_line = Rect {
                    y,
                    height: 1,
                    ..text_area
                };
                frame.render_widget(Line::from(safe(&next.concat())).dim(), next_line);
            }
        }
    }
    frame.render_widget(
        Line::from(tr!(" Esc 离开 · F1 帮助", " Esc leave · F1 help")).dim(),
        keys,
    );
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
}
