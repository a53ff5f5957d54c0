//! 成绩 / Results: every figure of the drill just ended, speed over time, the weak
//! characters, and where the session was saved.

use super::card::{self, Card, CardInfo};
use super::{clock, safe, shown_grapheme};
use crate::engine::{CharFigure, Summary};
use crate::figures::{Body, Figures};
use crate::pack::{Drill, Pass};
use crate::tr;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Sparkline, Wrap};
use std::path::PathBuf;

/// Where the session went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveNote {
    /// Asked for; the loop's answer comes before the next frame.
    Saving,
    History,
    Fallback(PathBuf),
    Failed(String),
}

impl SaveNote {
    /// What home says after an unfinished attempt was saved (or could not be).
    pub fn unfinished(self) -> String {
        match self {
            SaveNote::History | SaveNote::Saving => {
                tr!("未完成的练习已保存", "the unfinished attempt was saved")
            }
            SaveNote::Fallback(p) => tr!(
                "未完成的练习已存到 {}",
                "the unfinished attempt is in {}",
                p.display()
            ),
            SaveNote::Failed(e) => tr!("保存失败：{e}", "could not save: {e}"),
        }
    }
}

/// A finished drill as the results screen shows it: its figures are always the one
/// recomputation of the saved record ([`Figures::of`]), right after the drill and when
/// reopened from history alike.
#[derive(Debug, Clone)]
pub struct ResultsView {
    pub pack: usize,
    pub pack_title: String,
    pub drill: Drill,
    pub figures: Figures,
    pub saved: SaveNote,
    /// What the result card adds: name, date, streak.
    pub card: CardInfo,
}

/// Whether a text is mostly Latin letters (then WPM is shown).
fn latin(target: &str) -> bool {
    let letters = target.chars().filter(|c| c.is_alphabetic()).count();
    let ascii = target.chars().filter(char::is_ascii_alphabetic).count();
    letters > 0 && ascii * 2 > letters
}

fn figure(label: String, value: String) -> Line<'static> {
    figure_row(14, label, value)
}

/// A figure's row: its label dim, padded to `width` cells, then the value in bold.
pub fn figure_row(width: usize, label: String, value: String) -> Line<'static> {
    let pad = width.saturating_sub(unicode_width::UnicodeWidthStr::width(label.as_str()));
    Line::from(vec![
        Span::from(format!("{label}{}", " ".repeat(pad))).dim(),
        Span::from(value).bold(),
    ])
}

/// A small sample's note (PRODUCT.md "Small samples"): its figures are shown, but they
/// rank nowhere.
pub fn small_sample_line() -> Line<'static> {
    Line::from(tr!(
        "样本不足：不到 10 秒或不到 10 个字，不计入最好成绩和趋势",
        "small sample: under 10 s or 10 characters; not in bests or trends"
    ))
    .fg(Color::Yellow)
}

/// The figure lines of a typing drill (text, phrases), in the order shown.
pub fn figure_lines(o: &ResultsView) -> Vec<Line<'static>> {
    let Some(s) = o.figures.typing_summary() else {
        return verdict_lines(o);
    };
    let mut l = vec![
        figure(tr!("字/分", "cpm"), format!("{:.1}", s.cpm)),
        figure(tr!("净字/分", "net cpm"), format!("{:.1}", s.net_cpm)),
    ];
    if latin(&s.target) {
        l.push(figure("WPM".into(), format!("{:.1}", s.wpm)));
    }
    l.extend([
        figure(tr!("准确率", "accuracy"), format!("{:.1}%", s.accuracy)),
        figure(tr!("输入/分", "inputs/min"), format!("{:.0}", s.kpm)),
        figure(
            tr!("稳定度", "consistency"),
            // Fewer than 2 whole windows: 100 by definition, which says nothing.
            if s.consistency_measured() {
                format!("{:.0}%", s.consistency)
            } else {
                "—".into()
            },
        ),
        figure(tr!("退格", "backspaces"), s.backspaces.to_string()),
        figure(tr!("回改", "corrected"), s.corrections.to_string()),
        figure(tr!("错字", "errors"), s.errors.to_string()),
        figure(tr!("用时", "time"), clock(s.duration_us / 1_000_000)),
    ]);
    if s.halfwidth > 0 {
        l.push(figure(
            tr!("半角标点", "half-width"),
            s.halfwidth.to_string(),
        ));
        l.push(
            Line::from(tr!(
                "  请切换到中文标点（常用 Ctrl+.）",
                "  switch to Chinese punctuation (Ctrl+. in most input methods)"
            ))
            .fg(Color::Yellow),
        );
    }
    l.extend(verdict_lines(o));
    l
}

/// Small sample, not completed, and the pass verdict where the drill has a pass line.
pub fn verdict_lines(o: &ResultsView) -> Vec<Line<'static>> {
    let f = &o.figures;
    let mut l = Vec::new();
    if f.small {
        l.push(small_sample_line());
    }
    if !f.completed {
        l.push(Line::from(tr!("未完成", "not completed")).fg(Color::Yellow));
    }
    if let (Some(pass), Some(passed)) = (o.drill.pass.as_ref(), f.passed) {
        let verdict = match (&f.body, *pass) {
            (Body::Typing(s), _) => pass_verdict(s, pass),
            _ if !f.completed => tr!("✗ 未通过：没有完成", "✗ not passed: not completed"),
            (Body::QuickReply(r), Pass::Reply { correct, seconds }) => {
                let (right, mean) = (
                    r.right_percent(),
                    r.mean_response_ms.map_or(f64::NAN, |ms| ms as f64 / 1000.0),
                );
                if passed {
                    tr!(
                        "✓ 通过：正确 {right:.0}%，平均响应 {mean:.1} 秒",
                        "✓ passed: {right:.0}% right, mean response {mean:.1} s"
                    )
                } else {
                    tr!(
                        "✗ 未通过：正确 {right:.0}%（要 {correct}%），平均响应 {mean:.1} 秒（要 ≤ {seconds} 秒）",
                        "✗ not passed: {right:.0}% right (needs {correct}%), mean response {mean:.1} s (needs ≤ {seconds} s)"
                    )
                }
            }
            (Body::Recall(c) | Body::Recite { codes: c, .. }, Pass::Codes { correct }) => {
                let right = c.right_percent();
                if passed {
                    tr!("✓ 通过：正确 {right:.0}%", "✓ passed: {right:.0}% right")
                } else {
                    tr!(
                        "✗ 未通过：正确 {right:.0}%（要 {correct}%）",
                        "✗ not passed: {right:.0}% right (needs {correct}%)"
                    )
                }
            }
            (_, _) if passed => tr!("✓ 通过", "✓ passed"),
            (_, _) => tr!("✗ 未通过", "✗ not passed"),
        };
        let colour = if passed { Color::Green } else { Color::Red };
        l.push(Line::from(verdict).fg(colour).bold());
    }
    l
}

/// Passed or not, and by how much: the margin over each criterion when passed, what is
/// missing when not (an exam is practised toward the line, so the distance matters).
pub fn pass_verdict(s: &Summary, pass: &Pass) -> String {
    let Pass::Typing {
        cpm: min_cpm,
        accuracy: min_accuracy,
    } = *pass
    else {
        return String::new();
    };
    let cpm = s.cpm - min_cpm;
    let accuracy = s.accuracy - min_accuracy;
    if !s.completed {
        return tr!("✗ 未通过：没有完成", "✗ not passed: not completed");
    }
    if s.passed(Some(pass)) == Some(true) {
        return tr!(
            "✓ 通过：字/分 高出 {cpm:.1}，准确率 高出 {accuracy:.1}%",
            "✓ passed: {cpm:.1} cpm and {accuracy:.1}% accuracy above the line"
        );
    }
    let mut short = Vec::new();
    if cpm < 0.0 {
        short.push(tr!("字/分 差 {:.1}", "{:.1} cpm short", -cpm));
    }
    if accuracy < 0.0 {
        short.push(tr!("准确率 差 {:.1}%", "{:.1}% accuracy short", -accuracy));
    }
    tr!(
        "✗ 未通过：{}",
        "✗ not passed: {}",
        short.join(tr!("，", ", ").as_str())
    )
}

/// The slowest characters and the most missed (with what was typed instead), each with
/// at least 5 samples in the session: slowest by the median of commits of that 字 alone,
/// most missed by the Wilson lower bound of the error rate (PRODUCT.md "Weak and slow
/// characters").
pub fn weak_lines(chars: &[CharFigure]) -> Vec<String> {
    let slow = crate::stats::weak::slowest(chars);
    let missed = crate::stats::weak::missed(chars);
    let mut out = Vec::new();
    if !slow.is_empty() {
        let list: Vec<String> = slow
            .iter()
            .take(5)
            .map(|c| format!("{} {:.0}ms", shown_grapheme(&c.grapheme), c.median_ms))
            .collect();
        out.push(tr!("最慢：{}", "slowest: {}", list.join("  ")));
    }
    if !missed.is_empty() {
        let list: Vec<String> = missed
            .iter()
            .take(5)
            .map(|c| match c.instead.first() {
                Some((typed, _)) => format!(
                    "{}→{} ×{}",
                    shown_grapheme(&c.grapheme),
                    shown_grapheme(typed),
                    c.wrong
                ),
                None => format!("{} ×{}", shown_grapheme(&c.grapheme), c.wrong),
            })
            .collect();
        out.push(tr!("常错：{}", "most missed: {}", list.join("  ")));
    }
    out
}

pub(super) fn saved_line(saved: &SaveNote) -> Line<'static> {
    match saved {
        SaveNote::Saving => Line::from(tr!("正在保存……", "saving…")).dim(),
        SaveNote::History => Line::from(tr!("已保存到练习记录", "saved to history")).dim(),
        SaveNote::Fallback(path) => Line::from(tr!(
            "练习记录写不进去，本次成绩已存到 {}",
            "history could not be written; this session is in {}",
            safe(&path.display().to_string())
        ))
        .fg(Color::Yellow),
        SaveNote::Failed(why) => {
            Line::from(tr!("保存失败：{}", "could not save: {}", safe(why))).fg(Color::Red)
        }
    }
}

/// The results screen's frame, titled `title` and the pack and drill; returns its areas:
/// figures (`left` cells wide), the right-hand side, `weak_rows` for the weakest
/// characters, where saved, and the keys.
pub fn frame_areas(
    frame: &mut Frame,
    o: &ResultsView,
    title: String,
    left: u16,
    weak_rows: u16,
) -> [Rect; 5] {
    let area = frame.area();
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Line::from(title).bold())
        .title(
            Line::from(safe(&format!(" {} · {} ", o.pack_title, o.drill.title))).right_aligned(),
        );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [main, weak, saved, keys] = Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(weak_rows),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let [left, right] =
        Layout::horizontal([Constraint::Length(left), Constraint::Min(10)]).areas(main);
    [left, right, weak, saved, keys]
}

pub fn render(frame: &mut Frame, o: &ResultsView, from_drill_command: bool) {
    if let Body::Pinyin { letters, pinyin } = &o.figures.body {
        super::pinyin_results::render(frame, o, letters, pinyin, from_drill_command);
        return;
    }
    if let Body::Shift(f) = &o.figures.body {
        super::shift_results::render(frame, o, f, from_drill_command);
        return;
    }
    let [left, right, weak, saved, keys] = frame_areas(frame, o, tr!(" 成绩 ", " Results "), 34, 2);
    let lines = match &o.figures.body {
        Body::QuickReply(r) => {
            let mut l = crate::tui::screens::chat_results::figure_lines(r);
            l.extend(verdict_lines(o));
            l
        }
        Body::Recall(c) => {
            let mut l = vec![
                figure(tr!("答对率", "right"), format!("{:.1}%", c.right_percent())),
                figure(
                    tr!("用时", "time"),
                    clock(o.figures.duration_us / 1_000_000),
                ),
            ];
            l.extend(verdict_lines(o));
            l
        }
        Body::Unreadable(_) => vec![
            Line::from(tr!(
                "这条记录无法重算（未知的练习类型或数据不全）",
                "this session cannot be recomputed (unknown kind or missing data)"
            ))
            .fg(Color::Red),
        ],
        Body::Typing(_) | Body::Recite { .. } | Body::Pinyin { .. } | Body::Shift(_) => {
            figure_lines(o)
        }
    };
    // Wrapped: an exam's verdict (passed or not, and by how much) is wider than the column.
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), pad(left));

    let chart_area = Rect {
        height: right.height.min(8),
        ..right
    };
    let panel_area = crate::tui::screens::chat_results::panel_area(frame.area());
    match &o.figures.body {
        Body::Typing(s) => {
            // Speed in each whole second (the last partial second left out), in 字/分.
            let whole = (s.duration_us / 1_000_000) as usize;
            let speeds: Vec<u64> = s
                .per_second
                .iter()
                .take(whole.max(1))
                .map(|n| u64::from(*n) * 60)
                .collect();
            let chart = Sparkline::default()
                .block(Block::default().title(tr!("每秒速度（字/分）", "speed each second (cpm)")))
                .data(&speeds)
                .style(Style::new().fg(Color::Cyan));
            frame.render_widget(chart, chart_area);
        }
        Body::QuickReply(r) => {
            crate::tui::screens::chat_results::render_messages(frame.buffer_mut(), panel_area, r);
        }
        Body::Recall(c) => {
            crate::tui::screens::codes_results::CodePanel::recall(c)
                .render(frame.buffer_mut(), panel_area);
        }
        Body::Recite { codes, .. } => {
            crate::tui::screens::codes_results::CodePanel::recite(codes)
                .render(frame.buffer_mut(), panel_area);
        }
        Body::Pinyin { .. } | Body::Shift(_) | Body::Unreadable(_) => {}
    }
    // The result card below the chart (or the panel in its place), where it hides no
    // figure; left off when the window is too small for it.
    let card_area = Rect {
        x: right.x,
        y: chart_area.bottom() + 1,
        width: card::WIDTH.min(right.width),
        height: card::HEIGHT,
    };
    if card_area.bottom() <= right.bottom() && right.width >= card::WIDTH - 4 {
        frame.render_widget(
            Card {
                outcome: o,
                info: &o.card,
            },
            card_area,
        );
    }

    if let Some(s) = o.figures.typing_summary()
        && !matches!(o.figures.body, Body::Recall(_))
    {
        frame.render_widget(
            Paragraph::new(
                weak_lines(&s.chars)
                    .into_iter()
                    .map(Line::from)
                    .collect::<Vec<_>>(),
            )
            .wrap(Wrap { trim: true }),
            pad(weak),
        );
    }
    footer(frame, &o.saved, [saved, keys], from_drill_command);
}

/// The results screen's last rows: where the session went, and the keys.
pub fn footer(
    frame: &mut Frame,
    note: &SaveNote,
    [saved, keys]: [Rect; 2],
    from_drill_command: bool,
) {
    frame.render_widget(saved_line(note), pad(saved));
    let home = if from_drill_command {
        tr!("Esc 退出", "Esc quit")
    } else {
        tr!("Esc/h 首页", "Esc/h home")
    };
    frame.render_widget(
        Line::from(tr!(
            "r/Enter 再练一次 · n 下一个 · {home} · F1 帮助",
            "r/Enter retry · n next · {home} · F1 help"
        ))
        .dim(),
        pad(keys),
    );
}

/// One cell in from the left, as the results screen's rows sit.
pub fn pad(r: Rect) -> Rect {
    Rect {
        x: r.x + 1,
        width: r.width.saturating_sub(1),
        ..r
    }
}

#[cfg(test)]
mod tests;
