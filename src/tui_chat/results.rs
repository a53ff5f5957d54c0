//! The quick-reply figures on the results screen (issue 4 "Results"): first and mean
//! response time, share answered within target, template and slot accuracy, keys saved
//! by shortcuts. Drawn in the panel the typing drills use for their speed chart.

use crate::reply::session::ReplySummary;
use crate::tr;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, Clear, Widget};

fn secs(ms: Option<u64>) -> String {
    ms.map_or("—".to_string(), |ms| format!("{:.1}", ms as f64 / 1000.0))
}

/// The figure lines: (label, value, colour).
pub fn reply_lines(s: &ReplySummary, target_seconds: u32) -> Vec<(String, String, Color)> {
    let total = s.messages.len() as u32;
    let answered = s.sent;
    let share = |n: u32| {
        if total == 0 {
            0.0
        } else {
            100.0 * f64::from(n) / f64::from(total)
        }
    };
    let time_color = |ms: Option<u64>| match ms {
        Some(ms) => super::clock_color(ms * 1000, target_seconds),
        None => Color::DarkGray,
    };
    let (first, mean) = (secs(s.first_response_ms), secs(s.mean_response_ms));
    let within = s.within_target;
    let keys_saved = s.keys_saved;
    vec![
        (
            tr!("首次回应", "first response"),
            tr!("{first} 秒", "{first} s"),
            time_color(s.first_response_ms),
        ),
        (
            tr!("平均回应", "mean response"),
            tr!("{mean} 秒", "{mean} s"),
            time_color(s.mean_response_ms),
        ),
        (
            tr!("目标内", "within target"),
            tr!(
                "{within}/{total}（{target_seconds} 秒内，{:.0}%）",
                "{within}/{total} (under {target_seconds} s, {:.0}%)",
                share(within)
            ),
            Color::Reset,
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
            tr!(
                "{answered}/{total}，未回复 {}",
                "{answered}/{total}, skipped {}",
                s.abandoned
            ),
            if s.abandoned > 0 {
                Color::Yellow
            } else {
                Color::Reset
            },
        ),
        (
            tr!("快捷省键", "keys saved"),
            keys_saved.to_string(),
            if keys_saved > 0 {
                Color::Green
            } else {
                Color::Reset
            },
        ),
    ]
}

/// Draw the quick-reply panel into `area` (over whatever is there).
pub fn render_reply_figures(buf: &mut Buffer, area: Rect, s: &ReplySummary, target_seconds: u32) {
    Clear.render(area, buf);
    let block = Block::bordered().title(tr!(" 快捷回复 ", " Quick reply "));
    let inner = block.inner(area);
    block.render(area, buf);
    for (row, (label, value, color)) in reply_lines(s, target_seconds)
        .into_iter()
        .take(inner.height.into())
        .enumerate()
    {
        let y = inner.y + row as u16;
        let label = format!("{label}  ");
        let (x, _) = buf.set_stringn(
            inner.x,
            y,
            &label,
            inner.width.into(),
            Style::default().fg(Color::DarkGray),
        );
        buf.set_stringn(
            x,
            y,
            value,
            inner.right().saturating_sub(x).into(),
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
    use crate::record::MessageResult;

    fn message(template_ok: bool, response_ms: Option<u64>) -> MessageResult {
        MessageResult {
            customer: "在吗".into(),
            expect: vec!["hy".into()],
            code: Some("hy".into()),
            reply: "亲".into(),
            template_ok,
            slots_ok: template_ok,
            extra: None,
            response_ms,
            keys: 4,
            keys_if_typed: 20,
        }
    }

    #[test]
    fn figures_of_a_session() {
        let s = ReplySummary {
            completed: false,
            answering_us: 30_000_000,
            cpm: 0.0,
            accuracy: 100.0,
            kpm: 8.0,
            hand_typed: 0,
            hand_ok: 0,
            backspaces: 0,
            pastes_rejected: 0,
            sent: 2,
            abandoned: 1,
            right: 1,
            template_ok: 1,
            slots_ok: 1,
            first_response_ms: Some(4000),
            mean_response_ms: Some(12000),
            within_target: 1,
            keys_saved: 32,
            target: String::new(),
            typed: String::new(),
            messages: vec![
                message(true, Some(4000)),
                message(false, Some(20000)),
                message(false, None),
            ],
        };
        let lines = reply_lines(&s, 15);
        assert!(lines[0].1.contains("4.0"));
        assert_eq!(lines[0].2, Color::Green);
        assert!(lines[1].1.contains("12.0"));
        assert!(lines[2].1.starts_with("1/3"));
        assert!(lines[2].1.contains("33%"));
        assert!(lines[5].1.starts_with("2/3"));
        assert_eq!(lines[5].2, Color::Yellow);
        assert_eq!(lines[6].1, "32");
        let mut buf = Buffer::empty(Rect::new(0, 0, 100, 30));
        let area = panel_area(buf.area);
        assert_eq!((area.x, area.y, area.width, area.height), (35, 1, 64, 9));
        render_reply_figures(&mut buf, area, &s, 15);
        let row: String = (0..100).map(|x| buf[(x, 2)].symbol().to_string()).collect();
        assert!(row.contains("4.0"), "{row}");
    }
}
