//! A quick-reply drill's results (PRODUCT.md "Figures by kind"): first and mean
//! response, answered within the goal, right replies and right details, keys saved by
//! shortcuts in the figures column; each message's verdict in the panel beside it.
//! Both from the one recomputation of the saved record ([`ReplyFigures`]), so a session
//! reopened from history shows the same.

use crate::figures::{ReplyFigures, ReplyMessage};
use crate::tr;
use crate::tui::screens::results::figure_row;
use crate::tui::screens::{clock, safe};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Widget};

fn secs(ms: Option<u64>) -> String {
    ms.map_or("—".to_string(), |ms| format!("{:.1}", ms as f64 / 1000.0))
}

/// The figure rows: (label, value, colour).
pub fn reply_lines(s: &ReplyFigures) -> Vec<(String, String, Color)> {
    let total = s.shown;
    let share = |n: u32| {
        if total == 0 {
            0.0
        } else {
            100.0 * f64::from(n) / f64::from(total)
        }
    };
    let target_seconds = s.target_seconds;
    let time_color = |ms: Option<u64>| match ms {
        Some(ms) => super::chat::clock_color(ms * 1000, target_seconds),
        None => Color::DarkGray,
    };
    let (first, mean) = (secs(s.first_response_ms), secs(s.mean_response_ms));
    let (within, answered, skipped) = (s.within_target, s.sent, s.skipped);
    vec![
        (
            tr!("首次响应", "first response"),
            tr!("{first} 秒", "{first} s"),
            time_color(s.first_response_ms),
        ),
        (
            tr!("平均响应", "mean response"),
            tr!("{mean} 秒", "{mean} s"),
            time_color(s.mean_response_ms),
        ),
        (
            tr!("目标内", "within goal"),
            tr!(
                "{within}/{total}（{target_seconds} 秒内）",
                "{within}/{total} (under {target_seconds} s)"
            ),
            if s.over_target > 0 {
                Color::Yellow
            } else {
                Color::Reset
            },
        ),
        (
            tr!("短语正确", "right reply"),
            format!("{}/{total}（{:.0}%）", s.template_ok, share(s.template_ok)),
            Color::Reset,
        ),
        (
            tr!("信息正确", "right details"),
            format!("{}/{total}（{:.0}%）", s.slots_ok, share(s.slots_ok)),
            Color::Reset,
        ),
        (
            tr!("已回复", "answered"),
            if skipped > 0 {
                tr!(
                    "{answered}/{total}，未回复 {skipped}",
                    "{answered}/{total}, {skipped} skipped"
                )
            } else {
                format!("{answered}/{total}")
            },
            if skipped > 0 {
                Color::Yellow
            } else {
                Color::Reset
            },
        ),
        (
            tr!("快捷省键", "keys saved"),
            s.keys_saved.to_string(),
            if s.keys_saved > 0 {
                Color::Green
            } else {
                Color::Reset
            },
        ),
        (
            tr!("用时", "time"),
            clock(s.answering_us / 1_000_000),
            Color::Reset,
        ),
    ]
}

/// The figures column of the results screen.
pub fn figure_lines(s: &ReplyFigures) -> Vec<Line<'static>> {
    reply_lines(s)
        .into_iter()
        .map(|(label, value, color)| {
            let mut line = figure_row(14, label, value);
            if let Some(v) = line.spans.last_mut() {
                *v = v.clone().fg(color);
            }
            line
        })
        .collect()
}

/// One message's verdict: number, right or not, the code used, the response time (超时
/// past the goal) — or that it was not answered.
pub fn message_line(n: usize, m: &ReplyMessage) -> (String, Color) {
    if m.skipped {
        return (
            tr!("第 {n} 条  未回复", "#{n}  not answered"),
            Color::Yellow,
        );
    }
    let mark = if m.right() { "✓" } else { "✗" };
    let code = m
        .code
        .as_deref()
        .map_or_else(|| tr!("手打", "typed"), |c| format!("/{}", safe(c)));
    let time = secs(m.response_ms);
    let mut line = tr!(
        "第 {n} 条  {mark} {code}  {time} 秒",
        "#{n}  {mark} {code}  {time} s"
    );
    if m.over_target {
        line.push_str(&tr!("  超时", "  over time"));
    }
    if !m.right() {
        let what = if m.template_ok {
            tr!("  信息有误", "  details wrong")
        } else {
            tr!("  短语不对", "  wrong reply")
        };
        line.push_str(&what);
    }
    let color = if !m.right() {
        Color::Red
    } else if m.over_target {
        Color::Yellow
    } else {
        Color::Green
    };
    (line, color)
}

/// Each message's verdict, in a panel in the speed chart's place.
pub fn render_messages(buf: &mut Buffer, area: Rect, s: &ReplyFigures) {
    Clear.render(area, buf);
    let block = Block::bordered().title(tr!(" 每条消息 ", " Each message "));
    let inner = block.inner(area);
    block.render(area, buf);
    let rows = usize::from(inner.height);
    // The latest messages when they do not all fit.
    let skip = s.messages.len().saturating_sub(rows);
    for (row, (i, m)) in s.messages.iter().enumerate().skip(skip).enumerate() {
        let (text, color) = message_line(i + 1, m);
        buf.set_stringn(
            inner.x,
            inner.y + row as u16,
            text,
            inner.width.into(),
            Style::default().fg(color).add_modifier(Modifier::BOLD),
        );
    }
}

/// Where the panel goes on the results screen: the speed chart's place, right of the
/// figures column (the results screen's border, then 34 cells of figures).
pub fn panel_area(screen: Rect) -> Rect {
    let x = screen.x + 35;
    Rect::new(
        x,
        screen.y + 1,
        screen.right().saturating_sub(x + 1),
        9.min(screen.height.saturating_sub(6)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(template_ok: bool, response_ms: Option<u64>, skipped: bool) -> ReplyMessage {
        ReplyMessage {
            index: 0,
            customer: "在吗".into(),
            code: Some("hy".into()),
            reply: "亲".into(),
            expected: "亲".into(),
            template_ok,
            slots_ok: template_ok,
            extra: None,
            response_ms,
            keys: 4,
            keys_if_typed: 20,
            skipped,
            over_target: response_ms.is_some_and(|ms| ms > 15_000),
        }
    }

    fn figures() -> ReplyFigures {
        ReplyFigures {
            completed: false,
            answering_us: 30_000_000,
            shown: 3,
            sent: 2,
            skipped: 1,
            template_ok: 1,
            slots_ok: 1,
            right: 1,
            first_response_ms: Some(4000),
            mean_response_ms: Some(12000),
            within_target: 1,
            over_target: 1,
            keys_saved: 32,
            backspaces: 0,
            target_seconds: 15,
            messages: vec![
                message(true, Some(4000), false),
                message(false, Some(20000), false),
                message(false, None, true),
            ],
        }
    }

    #[test]
    fn figures_of_a_session_call_a_skip_not_answered() {
        let s = figures();
        let lines = reply_lines(&s);
        assert_eq!(lines[0].0, "首次响应");
        assert!(lines[0].1.contains("4.0"));
        assert_eq!(lines[0].2, Color::Green);
        assert_eq!(lines[1].0, "平均响应");
        assert!(lines[1].1.contains("12.0"));
        assert!(lines[2].1.starts_with("1/3"));
        assert!(lines[3].1.contains("33%"));
        assert_eq!(lines[5].1, "2/3，未回复 1");
        assert_eq!(lines[5].2, Color::Yellow);
        assert_eq!(lines[6].1, "32");
        assert_eq!(
            message_line(2, &s.messages[1]).0,
            "第 2 条  ✗ /hy  20.0 秒  超时  短语不对"
        );
        assert_eq!(message_line(3, &s.messages[2]).0, "第 3 条  未回复");
        assert_eq!(message_line(1, &s.messages[0]).1, Color::Green);
        let mut buf = Buffer::empty(Rect::new(0, 0, 100, 30));
        let area = panel_area(buf.area);
        assert_eq!((area.x, area.y, area.width, area.height), (35, 1, 64, 9));
        render_messages(&mut buf, area, &s);
        let row: String = (0..100).map(|x| buf[(x, 3)].symbol().to_string()).collect();
        assert!(row.replace(' ', "").contains("超时"), "{row}");
    }
}
