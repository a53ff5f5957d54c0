//! 成绩 of a shift: 回复率, 首次响应, 平均响应, 超时, 未回复流失, 短语正确 and 信息正确;
//! how each buyer went; and a timeline of how many buyers waited at each moment.

use super::results::{ResultsView, figure_row, footer, frame_areas, pad};
use super::{clock, safe};
use crate::fit::fit;
use crate::reply::shift::ShiftFigures;
use crate::reply::shift::figures::TIMELINE_STEP_US;
use crate::text::AmbiWidth;
use crate::tr;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Sparkline, Wrap};

fn figure(label: String, value: String) -> Line<'static> {
    figure_row(12, label, value)
}

fn seconds(ms: Option<u64>) -> String {
    ms.map_or("—".to_string(), |ms| {
        tr!("{:.1} 秒", "{:.1} s", ms as f64 / 1000.0)
    })
}

/// The figure lines, in the order shown.
pub fn figure_lines(o: &ResultsView, f: &ShiftFigures) -> Vec<Line<'static>> {
    let mut l = vec![
        figure(
            tr!("回复率", "replied"),
            format!("{:.0}%（{}/{}）", f.reply_rate(), f.replied, f.wrote),
        ),
        figure(
            tr!("首次响应", "first response"),
            seconds(f.first_response_ms),
        ),
        figure(
            tr!("平均响应", "mean response"),
            seconds(f.mean_response_ms),
        ),
        figure(tr!("超时", "late"), format!("{}/{}", f.late, f.replies)),
        figure(tr!("未回复流失", "lost"), f.gone.to_string()),
        figure(
            tr!("短语正确", "right phrase"),
            format!("{}/{}", f.template_ok, f.replies),
        ),
        figure(
            tr!("信息正确", "right details"),
            format!("{}/{}", f.slots_ok, f.replies),
        ),
        figure(tr!("催促", "nudges"), f.nudges.to_string()),
        figure(tr!("用时", "time"), clock(f.duration_us / 1_000_000)),
    ];
    // Only where the shift had them: 转接 and 询单转化.
    if f.transfers > 0 || f.transfers_needed > 0 {
        l.insert(
            l.len() - 1,
            figure(
                tr!("转接", "passed on"),
                tr!(
                    "{}（该转的 {}/{}）",
                    "{} ({} of {} due)",
                    f.transfers,
                    f.transfers_right,
                    f.transfers_needed
                ),
            ),
        );
    }
    if f.unpaid > 0 {
        l.insert(
            l.len() - 1,
            figure(
                tr!("催付", "reminders"),
                tr!(
                    "{}（守规则 {}，对 {}）",
                    "{} ({} by rules, {} fit)",
                    f.reminders,
                    f.reminders_by_rules,
                    f.reminders_fit
                ),
            ),
        );
        l.insert(
            l.len() - 1,
            figure(tr!("催付成功", "paid"), format!("{}/{}", f.paid, f.unpaid)),
        );
        l.insert(
            l.len() - 1,
            figure(
                tr!("结果备注", "result notes"),
                format!("{}/{}", f.notes, f.reminded),
            ),
        );
    }
    if f.cares_due > 0 {
        l.insert(
            l.len() - 1,
            figure(
                tr!("关怀", "care"),
                tr!(
                    "{}/{}（对 {}）",
                    "{}/{} ({} right)",
                    f.cares_sent,
                    f.cares_due,
                    f.cares_right
                ),
            ),
        );
    }
    if let Some(rate) = f.conversion() {
        l.insert(
            l.len() - 1,
            figure(
                tr!("询单转化", "converted"),
                format!("{rate:.0}%（{}/{}）", f.orders, f.inquiries),
            ),
        );
    }
    if !f.completed {
        l.push(Line::from(tr!("（提前结束的班次）", "(ended before its time)")).dim());
    }
    l.extend(super::results::verdict_lines(o));
    l
}

/// One row per buyer: name, replies (right of them), first response, and how it ended.
fn buyer_lines(f: &ShiftFigures, width: usize) -> Vec<Line<'static>> {
    let ambi = AmbiWidth::Narrow;
    let mut out = vec![
        Line::from(format!(
            "{}{}{}{}",
            fit(&tr!("顾客", "buyer"), 10, ambi),
            fit(&tr!("回复", "replies"), 10, ambi),
            fit(&tr!("首次响应", "first"), 10, ambi),
            tr!("结果", "ended")
        ))
        .dim(),
    ];
    for b in f.buyers.iter().filter(|b| b.wrote) {
        let (how, colour) = if b.gone {
            (tr!("流失", "left"), Color::Red)
        } else if b.transferred {
            (tr!("已转接", "passed on"), Color::Cyan)
        } else if b.waiting_at_end {
            (tr!("还在等", "waiting"), Color::Yellow)
        } else {
            (tr!("已接待", "served"), Color::Green)
        };
        let row = format!(
            "{}{}{}",
            fit(&safe(&b.name), 10, ambi),
            fit(&format!("{}（{}）", b.replies, b.right), 10, ambi),
            fit(&seconds(b.first_response_ms), 10, ambi),
        );
        out.push(Line::from(vec![
            Span::from(fit(&row, width.saturating_sub(8), ambi)),
            Span::from(how).fg(colour),
        ]));
    }
    out
}

pub fn render(frame: &mut Frame, o: &ResultsView, f: &ShiftFigures, from_drill_command: bool) {
    let [left, right, _, saved, keys] =
        frame_areas(frame, o, tr!(" 班次成绩 ", " Shift results "), 34, 0);
    frame.render_widget(
        Paragraph::new(figure_lines(o, f)).wrap(Wrap { trim: false }),
        pad(left),
    );
    let chart = Rect {
        height: right.height.min(6),
        ..right
    };
    let data: Vec<u64> = f.timeline.iter().map(|&n| u64::from(n)).collect();
    let step = TIMELINE_STEP_US / 1_000_000;
    frame.render_widget(
        Sparkline::default()
            .block(Block::default().title(tr!(
                "同时在等回复的顾客（每 {step} 秒，最多 {}）",
                "buyers waiting at once (every {step} s, at most {})",
                f.timeline.iter().max().copied().unwrap_or(0)
            )))
            .data(&data)
            .style(Style::new().fg(Color::Yellow)),
        chart,
    );
    let table = Rect {
        y: chart.bottom() + 1,
        height: right.bottom().saturating_sub(chart.bottom() + 1),
        ..right
    };
    frame.render_widget(
        Paragraph::new(buyer_lines(f, usize::from(table.width))),
        table,
    );
    footer(frame, &o.saved, [saved, keys], from_drill_command);
}
