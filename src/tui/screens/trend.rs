//! The stats screen's trend chart (字/分 and accuracy over time, of all drills or one,
//! with the next level's line and the drill's pass line) and the daily goal line.

use super::safe;
use super::stats::StatsView;
use crate::stats::goal::GoalStatus;
use crate::tr;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Style, Stylize};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Borders, Chart, Dataset, GraphType, Paragraph};

/// 今日 [bar] 12/15 分钟 · 连续 3 天, the bar drawn with background colours (block
/// characters are ambiguous-width in Chinese terminals).
pub fn goal_line(g: &GoalStatus) -> Line<'static> {
    const BAR: u64 = 15;
    let goal = u64::from(g.goal_minutes.max(1));
    let done = (g.today_minutes.min(goal) * BAR / goal) as usize;
    let fill = if g.met_today {
        Color::Green
    } else {
        Color::Cyan
    };
    let mut spans = vec![
        Span::from(tr!(" 今日 ", " Today ")).dim(),
        Span::styled(" ".repeat(done), Style::new().bg(fill)),
        Span::styled(
            " ".repeat(BAR as usize - done),
            Style::new().bg(Color::DarkGray),
        ),
        Span::from(tr!(
            " {}/{} 分钟",
            " {}/{} min",
            g.today_minutes,
            g.goal_minutes
        ))
        .bold(),
    ];
    if g.met_today {
        spans.push(Span::from(tr!(" ✓ 达标", " ✓ done")).fg(Color::Green));
    }
    spans.push(Span::from(tr!(" · 连续 ", " · streak ")).dim());
    spans.push(
        Span::from(tr!("{} 天", "{}", g.streak_days))
            .bold()
            .fg(Color::Yellow),
    );
    Line::from(spans)
}

pub fn render(frame: &mut Frame, v: &StatsView, area: Rect) {
    let per = if v.trend.per_day {
        tr!("每天", "per day")
    } else {
        tr!("每次", "per session")
    };
    // One drill: its name leads (the legend names the lines); all: what is drawn.
    let mut title = match v.trend_drill.and_then(|i| v.drills.get(i)) {
        Some((name, _)) => format!(" {} · {per}", safe(name)),
        None => tr!(" 字/分 与准确率（{per}）", " cpm and accuracy ({per})"),
    };
    if let Some(p) = v.pass_cpm {
        title.push_str(&tr!(" · 及格 {p:.0} 字/分", " · pass {p:.0} cpm"));
    }
    title.push(' ');
    let block = Block::default().borders(Borders::ALL).title(title);
    let points = &v.trend.points;
    if points.is_empty() {
        frame.render_widget(
            Paragraph::new(tr!(
                "还没有完成的练习：练完一次就能看到进步曲线。",
                "No completed drill yet: finish one to see your progress here."
            ))
            .block(block),
            area,
        );
        return;
    }
    let cpm: Vec<(f64, f64)> = points
        .iter()
        .enumerate()
        .map(|(i, p)| (i as f64, p.cpm))
        .collect();
    let acc: Vec<(f64, f64)> = points
        .iter()
        .enumerate()
        .map(|(i, p)| (i as f64, p.accuracy))
        .collect();
    let last_x = (points.len().saturating_sub(1) as f64).max(1.0);
    let goal = v.level.and_then(|l| l.next).map(f64::from);
    let pass = v.pass_cpm.filter(|p| p.is_finite() && *p > 0.0);
    let top = points
        .iter()
        .map(|p| p.cpm)
        .chain(goal)
        .chain(pass)
        .fold(100.0_f64, f64::max);
    let top = (top / 20.0).ceil() * 20.0;
    let goal_line: Vec<(f64, f64)> = goal.map_or_else(Vec::new, |g| vec![(0.0, g), (last_x, g)]);
    let pass_line: Vec<(f64, f64)> = pass.map_or_else(Vec::new, |p| vec![(0.0, p), (last_x, p)]);
    let kind = if points.len() == 1 {
        GraphType::Scatter
    } else {
        GraphType::Line
    };
    let mut sets = vec![
        Dataset::default()
            .name(tr!("字/分", "cpm"))
            .marker(Marker::Braille)
            .graph_type(kind)
            .style(Style::new().fg(Color::Cyan))
            .data(&cpm),
        Dataset::default()
            .name(tr!("准确率 %", "accuracy %"))
            .marker(Marker::Braille)
            .graph_type(kind)
            .style(Style::new().fg(Color::Green))
            .data(&acc),
    ];
    if let Some(p) = pass {
        sets.push(
            Dataset::default()
                .name(tr!("及格线 {p:.0}", "pass line {p:.0}"))
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(Style::new().fg(Color::Red))
                .data(&pass_line),
        );
    }
    if let Some(g) = goal.filter(|g| pass != Some(*g)) {
        sets.push(
            Dataset::default()
                .name(tr!("下一级 {g:.0}", "next level {g:.0}"))
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(Style::new().fg(Color::DarkGray))
                .data(&goal_line),
        );
    }
    let first = points.first().map_or(String::new(), |p| p.label.clone());
    let last = points.last().map_or(String::new(), |p| p.label.clone());
    let chart = Chart::new(sets)
        .block(block)
        .x_axis(
            Axis::default()
                .bounds([0.0, last_x])
                .labels([first, last])
                .labels_alignment(ratatui::layout::Alignment::Right)
                .style(Style::new().dim()),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, top])
                .labels([
                    "0".to_string(),
                    format!("{:.0}", top / 2.0),
                    format!("{top:.0}"),
                ])
                .style(Style::new().dim()),
        )
        .legend_position(Some(ratatui::widgets::LegendPosition::BottomRight))
        .hidden_legend_constraints((Constraint::Percentage(70), Constraint::Percentage(70)));
    frame.render_widget(chart, area);
}
