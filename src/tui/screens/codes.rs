//! The screens of the code drills: `recall` (a reply or a customer's message is shown,
//! the student types its code) and `recite` (the code is shown, the student types the
//! reply from memory). Drawing only; the real cursor goes where the next key lands, so
//! an input method opens its candidate window there.

use crate::engine::Typed;
use crate::pack::Pack;
use crate::reply::leitner::due_count;
use crate::reply::recall::{Prompt, RecallSession};
use crate::reply::recite::{Piece, ReciteItem, ReciteSession};
use crate::store::Store;
use crate::text::AmbiWidth;
use crate::tr;
use crate::tui::runs::codes::{CodeRun, CodeSession};
use crate::tui::screens::help::HelpFor;
use crate::tui::screens::{clock, safe};
use crate::tui::wrap::{shown, shown_width};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use std::collections::HashMap;
use std::time::Instant;
use unicode_segmentation::UnicodeSegmentation;

/// Codes due for review today per pack id (home's 待复习), counting only codes the
/// pack still has. A history that cannot be read shows none.
pub fn due_counts(store: &Store, packs: &[Pack], today: NaiveDate) -> HashMap<String, usize> {
    let Ok(cards) = store.all_cards() else {
        return HashMap::new();
    };
    packs
        .iter()
        .filter_map(|p| {
            let cards = cards.get(&p.id)?;
            let n = due_count(p.templates.iter().map(|t| t.code.as_str()), cards, today);
            (n > 0).then(|| (p.id.clone(), n))
        })
        .collect()
}

/// Which help the F1 overlay shows for a code drill.
pub fn help_for(run: &CodeRun) -> HelpFor {
    match run.session {
        CodeSession::Recall(_) => HelpFor::Recall,
        CodeSession::Recite(_) => HelpFor::Recite,
    }
}

/// Draw a code drill and put the real cursor at the next key's place.
pub fn render(frame: &mut Frame, run: &CodeRun, now: Instant, ambi: AmbiWidth) {
    let t = run.t_us(now);
    let time = match run.drill.time_limit {
        Some(limit) => tr!(
            "剩余 {}",
            "left {}",
            clock(
                (u64::from(limit) * 1_000_000)
                    .saturating_sub(t)
                    .div_ceil(1_000_000)
            )
        ),
        None => tr!("用时 {}", "time {}", clock(t / 1_000_000)),
    };
    let title = safe(&format!(" {} · {}", run.pack_title, run.drill.title));
    let cursor = match &run.session {
        CodeSession::Recall(s) => render_recall(frame, &title, &time, s),
        CodeSession::Recite(s) => render_recite(frame, &title, &time, s, ambi),
    };
    if let Some(pos) = cursor {
        frame.set_cursor_position(pos);
    }
}

fn header(frame: &mut Frame, area: Rect, title: &str, figures: String) {
    frame.render_widget(
        Line::from(vec![
            Span::from(title.to_string()).bold(),
            Span::from(figures).dim(),
        ]),
        area,
    );
}

fn render_recall(
    frame: &mut Frame,
    title: &str,
    time: &str,
    s: &RecallSession,
) -> Option<Position> {
    let [top, _, prompt, _, answer, _, verdict, _, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(8),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(3),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    let n = s.items().len();
    let done = s.answers().len();
    let right = s.answers().iter().filter(|a| a.right).count();
    let at = (done + 1).min(n);
    header(
        frame,
        top,
        title,
        tr!(
            "   第 {at}/{n} 题   答对 {right}   {time}",
            "   item {at}/{n}   right {right}   {time}"
        ),
    );
    let mut cursor = None;
    if let Some((item, _)) = s.current() {
        let (label, text) = match &item.prompt {
            Prompt::Reply(text) => (
                tr!(" 这条回复的编码是？ ", " Which code types this reply? "),
                text.clone(),
            ),
            Prompt::Situation(lines) => (
                tr!(
                    " 顾客这样问，用哪个编码回复？ ",
                    " The customer asks: which code answers? "
                ),
                lines.join("\n"),
            ),
        };
        let mut lines: Vec<Line> = text.lines().map(|l| Line::from(safe(l))).collect();
        lines.push(Line::from(""));
        lines.push(Line::from(tr!("分组：{}", "group: {}", safe(&item.group))).dim());
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .block(Block::bordered().title(label).fg(Color::Reset)),
            Rect {
                x: prompt.x + 1,
                width: prompt.width.saturating_sub(2),
                ..prompt
            },
        );
        let typed = safe(&s.typed());
        let lead = tr!("  编码  /", "  code  /");
        let lead_w = unicode_width::UnicodeWidthStr::width(lead.as_str()) as u16;
        let mut spans = vec![
            Span::from(lead).dim(),
            Span::from(typed.clone()).bold().fg(Color::Cyan),
        ];
        // Codes are letters and digits: Chinese here means the input method is on.
        if !typed.is_ascii() {
            spans.push(
                Span::from(tr!(
                    "   编码是字母和数字，请切换到英文输入",
                    "   codes are letters and digits: switch the input method off"
                ))
                .fg(Color::Yellow),
            );
        }
        frame.render_widget(Line::from(spans), answer);
        let x = answer.x + lead_w + unicode_width::UnicodeWidthStr::width(typed.as_str()) as u16;
        cursor = (x < answer.right()).then_some(Position { x, y: answer.y });
    } else {
        frame.render_widget(
            Line::from(tr!("  全部答完", "  all answered")).fg(Color::Cyan),
            answer,
        );
    }
    if let Some((item, a)) = s.last_answer() {
        let secs = format!(
            "{:.1}",
            a.answered_us.saturating_sub(a.shown_us) as f64 / 1e6
        );
        let mut lines = vec![if a.right {
            Line::from(tr!(
                "  ✓ 正确 /{}   {secs} 秒",
                "  ✓ right /{}   {secs} s",
                safe(&a.typed)
            ))
            .fg(Color::Green)
        } else {
            let typed = if a.typed.is_empty() {
                tr!("没有作答", "no answer")
            } else {
                tr!("你打了 /{}", "you typed /{}", safe(&a.typed))
            };
            let codes: Vec<String> = item
                .accept
                .iter()
                .map(|c| format!("/{}", safe(c)))
                .collect();
            Line::from(tr!(
                "  ✗ 应为 {}（{typed}）   {secs} 秒",
                "  ✗ it is {} ({typed})   {secs} s",
                codes.join(" ")
            ))
            .fg(Color::Red)
        }];
        if !a.right {
            lines.push(Line::from(format!("    {}", safe(&item.text.replace('\n', " ")))).dim());
        }
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), verdict);
    }
    frame.render_widget(
        Line::from(tr!(
            " Enter 确认（不记得就直接 Enter） · Backspace 改 · Esc 离开 · F1 帮助",
            " Enter answer (Enter alone: don't know) · Backspace fix · Esc leave · F1 help"
        ))
        .dim(),
        keys,
    );
    cursor
}

/// One cell of the recited text.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub x: u16,
    pub line: usize,
    pub text: String,
    pub style: Style,
}

/// How the text being recited is drawn.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReciteLayout {
    pub cells: Vec<Cell>,
    /// Column and line where the next grapheme goes.
    pub cursor: (u16, usize),
    pub lines: usize,
}

/// Lay out an item being recited in lines of `width` cells: what was typed (right in
/// green, wrong in red), the pieces never typed (表情, placeholders) in place once the
/// typing reaches them, and — after Tab — the rest of the reply dimmed.
pub fn lay_out_recite(
    item: &ReciteItem,
    typed: &[Typed],
    hinted: bool,
    width: u16,
    ambi: AmbiWidth,
) -> ReciteLayout {
    let width = width.max(4);
    let mut out = ReciteLayout {
        lines: 1,
        ..ReciteLayout::default()
    };
    let (mut x, mut line) = (0u16, 0usize);
    let place = |out: &mut ReciteLayout, x: &mut u16, line: &mut usize, g: &str, style: Style| {
        if g == "\n" {
            *x = 0;
            *line += 1;
            out.lines = *line + 1;
            return;
        }
        let w = shown_width(g, ambi);
        if *x + w > width {
            *x = 0;
            *line += 1;
            out.lines = *line + 1;
        }
        out.cells.push(Cell {
            x: *x,
            line: *line,
            text: shown(g).to_string(),
            style,
        });
        *x += w;
    };
    let mut pos = 0usize;
    let mut cursor: Option<(u16, usize)> = None;
    let show_style = Style::new().fg(Color::Yellow).add_modifier(Modifier::DIM);
    'pieces: for piece in &item.pieces {
        match piece {
            // Shown once the typing reaches it (all of it after Tab).
            Piece::Show(s) => {
                if pos > typed.len() && !hinted {
                    break;
                }
                for g in s.graphemes(true) {
                    place(&mut out, &mut x, &mut line, g, show_style);
                }
            }
            Piece::Type(s) => {
                for g in s.graphemes(true) {
                    if let Some(t) = typed.get(pos) {
                        let style = if t.ok {
                            Style::new().fg(Color::Green)
                        } else {
                            Style::new()
                                .fg(Color::White)
                                .bg(Color::Red)
                                .add_modifier(Modifier::BOLD)
                        };
                        place(&mut out, &mut x, &mut line, &t.text, style);
                    } else {
                        if cursor.is_none() {
                            // The next grapheme wraps like the one it stands for.
                            if x + shown_width(g, ambi) > width {
                                x = 0;
                                line += 1;
                                out.lines = line + 1;
                            }
                            cursor = Some((x, line));
                        }
                        if !hinted {
                            break 'pieces;
                        }
                        place(
                            &mut out,
                            &mut x,
                            &mut line,
                            g,
                            Style::new().fg(Color::DarkGray),
                        );
                    }
                    pos += 1;
                }
            }
        }
    }
    out.cursor = cursor.unwrap_or((x, line));
    out
}

fn render_recite(
    frame: &mut Frame,
    title: &str,
    time: &str,
    s: &ReciteSession,
    ambi: AmbiWidth,
) -> Option<Position> {
    let [top, _, prompt, _, body, count, verdict, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(3),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(3),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    let n = s.items().len();
    let typing = s.typing();
    let current = s.current();
    let at = current.map_or(n, |i| i + 1);
    let summary_figures = {
        let (all, ok) = typing.input_counts();
        let acc = if all == 0 {
            100.0
        } else {
            f64::from(ok) * 100.0 / f64::from(all)
        };
        tr!(
            "   第 {at}/{n} 条   准确率 {acc:.0}%   {time}",
            "   item {at}/{n}   accuracy {acc:.0}%   {time}"
        )
    };
    header(frame, top, title, summary_figures);
    let mut cursor = None;
    if let Some(i) = current
        && let Some(item) = s.items().get(i)
    {
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::from(format!("/{}", safe(&item.code)))
                    .bold()
                    .fg(Color::Cyan),
                Span::from(tr!("   分组：{}", "   group: {}", safe(&item.group))).dim(),
            ]))
            .block(
                Block::bordered().title(tr!(" 默写这条短语 ", " Type this phrase from memory ")),
            ),
            Rect {
                x: prompt.x + 1,
                width: prompt.width.saturating_sub(2),
                ..prompt
            },
        );
        let area = Rect {
            x: body.x + 2,
            width: body.width.saturating_sub(4),
            ..body
        };
        let laid = lay_out_recite(item, typing.typed(i), s.hinted(i), area.width, ambi);
        // Keep the cursor's line in view.
        let top_line = laid
            .cursor
            .1
            .saturating_sub(area.height.saturating_sub(1) as usize);
        let buf = frame.buffer_mut();
        for c in &laid.cells {
            if c.line < top_line || c.line >= top_line + area.height as usize {
                continue;
            }
            buf.set_string(
                area.x + c.x,
                area.y + (c.line - top_line) as u16,
                &c.text,
                c.style,
            );
        }
        let (cx, cy) = laid.cursor;
        if cx < area.width && cy >= top_line {
            cursor = Some(Position {
                x: area.x + cx,
                y: area.y + (cy - top_line) as u16,
            });
        }
        let done = typing.typed(i).len();
        let total = item.typable().graphemes(true).count();
        frame.render_widget(
            Line::from(tr!(
                "  已打 {done}/{total} 字（表情、占位符、换行不用打）",
                "  typed {done}/{total} (表情, placeholders and line breaks are not typed)"
            ))
            .dim(),
            count,
        );
    }
    if let Some(last) = s.results().into_iter().rev().find(|r| r.finished)
        && let Some(item) = s.items().get(last.index)
    {
        let lines = if last.remembered() {
            vec![
                Line::from(tr!(
                    "  ✓ /{} 记住了",
                    "  ✓ /{} remembered",
                    safe(&item.code)
                ))
                .fg(Color::Green),
            ]
        } else {
            vec![
                Line::from(tr!(
                    "  ✗ /{} 没记住，应为：",
                    "  ✗ /{} not yet; it reads:",
                    safe(&item.code)
                ))
                .fg(Color::Red),
                Line::from(format!(
                    "    {}",
                    safe(&item.full_text().replace('\n', " "))
                ))
                .dim(),
            ]
        };
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), verdict);
    }
    frame.render_widget(
        Line::from(tr!(
            " Tab 看答案（算没记住） · Backspace 改错 · Esc 离开 · F1 帮助",
            " Tab show the reply (counts as missed) · Backspace fix · Esc leave · F1 help"
        ))
        .dim(),
        keys,
    );
    cursor
}

#[cfg(test)]
mod tests;
