//! The result card on the results screen: a small framed summary a student can
//! screenshot and post to the class group — name, drill, 字/分, accuracy, passed or the
//! level reached, date, and the daily streak.

use super::results::ResultsView;
use super::safe;
use crate::figures::{Body, Figures};
use crate::fit::cut;
use crate::stats::goal::GoalStatus;
use crate::stats::levels::{self, LEVEL_ACCURACY};
use crate::text::AmbiWidth;
use crate::tr;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

/// The card's size: the widest line it lays out, and its lines plus the frame.
pub const WIDTH: u16 = 36;
pub const HEIGHT: u16 = 7;

/// What the card shows beyond the session's own figures.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CardInfo {
    pub student: Option<String>,
    /// `YYYY-MM-DD`, the session's local date.
    pub date: String,
    /// Today's goal and streak; `None` for a session reopened from history (today's
    /// streak says nothing about that day).
    pub goal: Option<GoalStatus>,
}

/// The card's lines inside its frame, each at most `w` cells.
pub fn lines(o: &ResultsView, info: &CardInfo, w: usize) -> Vec<Line<'static>> {
    let name = info.student.as_deref().map(safe).unwrap_or_default();
    let date = safe(&info.date);
    let name = cut(&name, w.saturating_sub(date.width() + 2), AmbiWidth::Narrow);
    let spacer = " ".repeat(w.saturating_sub(name.width() + date.width()));
    let mut out = vec![
        Line::from(vec![
            Span::from(name).bold(),
            Span::from(spacer),
            Span::from(date),
        ]),
        Line::from(cut(
            &safe(&format!("{} · {}", o.pack_title, o.drill.title)),
            w,
            AmbiWidth::Narrow,
        )),
    ];
    out.push(headline(&o.figures));
    let f = &o.figures;
    let mut verdict: Vec<Span<'static>> = Vec::new();
    match f.passed {
        Some(true) => verdict.push(
            Span::from(tr!("✓ 通过", "✓ passed"))
                .fg(Color::Green)
                .bold(),
        ),
        Some(false) => verdict.push(Span::from(tr!("✗ 未通过", "✗ not passed")).fg(Color::Red)),
        None if !f.completed => verdict.push(Span::from(tr!("未完成", "not completed")).dim()),
        None => {}
    }
    // A level is earned only by a completed typing drill of a minute or more.
    let level = f
        .typing_summary()
        .filter(|s| f.earns_level() && s.accuracy >= LEVEL_ACCURACY)
        .and_then(|s| levels::progress(Some(s.cpm)).reached);
    if let Some(l) = level {
        if !verdict.is_empty() {
            verdict.push(Span::from(" · "));
        }
        verdict.push(Span::from(tr!("达到 {l} 字/分 等级", "{l} cpm level")).fg(Color::Green));
    } else if f.small {
        if !verdict.is_empty() {
            verdict.push(Span::from(" · "));
        }
        verdict.push(Span::from(tr!("样本不足", "small sample")).fg(Color::Yellow));
    } else if verdict.is_empty() {
        verdict.push(Span::from(tr!("完成", "completed")));
    }
    out.push(Line::from(verdict));
    if let Some(g) = &info.goal {
        let style = if g.met_today {
            Style::new().fg(Color::Yellow)
        } else {
            Style::new().dim()
        };
        out.push(Line::styled(cut(&g.line(), w, AmbiWidth::Narrow), style));
    }
    out
}

/// The kind's headline (PRODUCT.md "Figures by kind"), its first figure in colour.
fn headline(f: &Figures) -> Line<'static> {
    let lead = |x: String| Span::from(x).bold().fg(Color::Cyan);
    match &f.body {
        Body::Typing(s) => Line::from(vec![
            lead(format!("{:.1}", s.cpm)),
            Span::from(tr!(" 字/分  准确率 ", " cpm  accuracy ")),
            Span::from(format!("{:.1}%", s.accuracy)).bold(),
        ]),
        Body::Pinyin { letters, pinyin } => Line::from(vec![
            lead(format!("{:.0}", letters.kpm)),
            Span::from(tr!(" 击键/分  ", " keys/min  ")),
            Span::from(format!("{:.1}", pinyin.zpm)).bold(),
            Span::from(tr!(" 字/分", " cpm")),
        ]),
        Body::QuickReply(r) => Line::from(vec![
            Span::from(tr!("短语正确 ", "right ")),
            lead(format!("{}/{}", r.template_ok, r.shown)),
            Span::from(tr!("  平均响应 ", "  response ")),
            Span::from(r.mean_response_ms.map_or("—".to_string(), |ms| {
                tr!("{:.1} 秒", "{:.1} s", ms as f64 / 1000.0)
            }))
            .bold(),
        ]),
        Body::Recall(c) | Body::Recite { codes: c, .. } => Line::from(vec![
            Span::from(tr!("正确 ", "right ")),
            lead(format!("{}/{}", c.right, c.reached)),
            Span::from(tr!("  平均每题 ", "  per item ")),
            Span::from(c.mean_ms.map_or("—".to_string(), |ms| {
                tr!("{:.1} 秒", "{:.1} s", ms as f64 / 1000.0)
            }))
            .bold(),
        ]),
        Body::Shift(f) => Line::from(vec![
            Span::from(tr!("回复率 ", "replied ")),
            lead(format!("{:.0}%", f.reply_rate())),
            Span::from(tr!("  平均响应 ", "  response ")),
            Span::from(f.mean_response_ms.map_or("—".to_string(), |ms| {
                tr!("{:.1} 秒", "{:.1} s", ms as f64 / 1000.0)
            }))
            .bold(),
        ]),
        Body::Unreadable(_) => Line::from(tr!("无法重算", "cannot recompute")),
    }
}

/// The framed card.
pub struct Card<'a> {
    pub outcome: &'a ResultsView,
    pub info: &'a CardInfo,
}

impl Widget for Card<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_type(BorderType::Rounded)
            .border_style(Style::new().fg(Color::Cyan))
            .title(tr!(" 快打 · 成绩卡 ", " kuaida · result card "));
        let w = usize::from(block.inner(area).width.saturating_sub(2));
        Paragraph::new(lines(self.outcome, self.info, w))
            .block(block.padding(ratatui::widgets::Padding::horizontal(1)))
            .render(area, buf);
    }
}
