//! 统计 / Stats: the trend of 字/分 and accuracy, totals, the level reached and the next,
//! per-drill bests, and the weakest characters with what was typed instead. Everything
//! comes from the store's summed figures (no keystroke log is replayed).

use super::safe;
use crate::pack::Pack;
use crate::stats::levels::{self, LEVEL_ACCURACY, LevelProgress};
use crate::stats::weak::{self, CharTotals};
use crate::store::{DrillBest, Store, Totals, Trend};
use crate::{Result, tr};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style, Stylize};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Borders, Chart, Dataset, GraphType, Paragraph};
use unicode_width::UnicodeWidthStr;

/// What the stats screen shows, gathered once when it opens.
#[derive(Debug, Clone, Default)]
pub struct StatsView {
    pub totals: Totals,
    pub level: Option<LevelProgress>,
    /// Per drill: its title (from the packs at hand, else its ids) and figures.
    pub drills: Vec<(String, DrillBest)>,
    pub chars: Vec<CharTotals>,
    pub trend: Trend,
    /// Pinyin practice: weak syllables and initials/finals.
    pub pinyin: crate::pinyin::PinyinWeak,
}

impl StatsView {
    pub fn load(store: &Store, packs: &[Pack]) -> Result<StatsView> {
        let best = store.best_run(LEVEL_ACCURACY)?;
        let drills = store
            .drill_bests()?
            .into_iter()
            .map(|d| (drill_title(packs, &d.pack, &d.drill), d))
            .collect();
        Ok(StatsView {
            totals: store.totals()?,
            level: Some(levels::progress(best.map(|b| b.cpm))),
            drills,
            chars: store.char_totals()?,
            trend: store.trend()?,
            pinyin: store.pinyin_weak()?,
        })
    }
}

/// A drill's title from the packs at hand, else `pack/drill`.
pub fn drill_title(packs: &[Pack], pack: &str, drill: &str) -> String {
    match packs.iter().find(|p| p.id == pack) {
        Some(p) => p
            .drills
            .iter()
            .find(|d| d.id == drill)
            .map_or_else(|| format!("{} · {drill}", p.title), |d| d.title.clone()),
        None => format!("{pack}/{drill}"),
    }
}

/// A grapheme as a person can see it: Enter as ↵, a space as ␣.
fn shown(g: &str) -> String {
    match g {
        "\n" => "↵".to_string(),
        " " => "␣".to_string(),
        _ => safe(g),
    }
}

/// `s` cut to `w` display cells, padded to exactly `w`.
fn fit(s: &str, w: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + cw > w {
            break;
        }
        out.push(c);
        used += cw;
    }
    out.push_str(&" ".repeat(w.saturating_sub(out.width())));
    out
}

/// `s` right-aligned in `w` display cells.
fn rpad(s: &str, w: usize) -> String {
    format!("{}{s}", " ".repeat(w.saturating_sub(s.width())))
}

fn summary_lines(v: &StatsView) -> Vec<Line<'static>> {
    let t = &v.totals;
    let (h, m) = (t.practice_ms / 3_600_000, t.practice_ms / 60_000 % 60);
    let mut lines = vec![Line::from(vec![
        Span::from(tr!(" 练习 ", " Practised ")).dim(),
        Span::from(tr!("{h} 小时 {m} 分", "{h} h {m} min")).bold(),
        Span::from(tr!(" · 输入 ", " · typed ")).dim(),
        Span::from(tr!("{} 字", "{} chars", t.graphemes_typed)).bold(),
        Span::from(tr!(" · 练习 ", " · ")).dim(),
        Span::from(tr!(
            "{} 次（完成 {}）",
            "{} sessions ({} completed)",
            t.sessions,
            t.completed
        ))
        .bold(),
    ])];
    if let Some(l) = v.level {
        let text = match (l.reached, l.next) {
            (Some(r), Some(n)) => tr!(
                " 等级：{r} 字/分（准确率 {LEVEL_ACCURACY:.0}%）· 离 {n} 字/分还差 {:.1}",
                " Level: {r} cpm (at {LEVEL_ACCURACY:.0}% accuracy) · {:.1} cpm to go for {n}",
                l.cpm_to_go
            ),
            (Some(r), None) => tr!(
                " 等级：{r} 字/分（准确率 {LEVEL_ACCURACY:.0}%）· 已是最高等级",
                " Level: {r} cpm (at {LEVEL_ACCURACY:.0}% accuracy) · the top level"
            ),
            (None, Some(n)) => tr!(
                " 等级：未达到 · 第一级 {n} 字/分（准确率 {LEVEL_ACCURACY:.0}%），还差 {:.1}",
                " Level: none yet · the first is {n} cpm at {LEVEL_ACCURACY:.0}% accuracy, {:.1} to go",
                l.cpm_to_go
            ),
            (None, None) => String::new(),
        };
        lines.push(Line::from(text).fg(Color::Green));
    }
    if t.halfwidth > 0 {
        lines.push(
            Line::from(tr!(
                " 半角标点 {} 次：打中文时请把输入法切到中文标点（常用 Ctrl+.）",
                " {} half-width marks: switch the input method to Chinese punctuation (often Ctrl+.)",
                t.halfwidth
            ))
            .fg(Color::Yellow),
        );
    }
    lines.extend(super::pinyin_results::stats_lines(&v.pinyin));
    lines
}

fn render_trend(frame: &mut Frame, v: &StatsView, area: Rect) {
    let title = if v.trend.per_day {
        tr!(" 字/分 与准确率（每天）", " cpm and accuracy (per day) ")
    } else {
        tr!(
            " 字/分 与准确率（每次）",
            " cpm and accuracy (per session) "
        )
    };
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
    let top = points
        .iter()
        .map(|p| p.cpm)
        .chain(goal)
        .fold(100.0_f64, f64::max);
    let top = (top / 20.0).ceil() * 20.0;
    let goal_line: Vec<(f64, f64)> = goal.map_or_else(Vec::new, |g| vec![(0.0, g), (last_x, g)]);
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
    if let Some(g) = goal {
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
        .hidden_legend_constraints((Constraint::Percentage(60), Constraint::Percentage(60)));
    frame.render_widget(chart, area);
}

fn drill_lines(v: &StatsView, width: usize) -> Vec<Line<'static>> {
    let name_w = width.saturating_sub(22).max(6);
    let mut lines = vec![
        Line::from(format!(
            "{}{} {} {}",
            fit(&tr!("练习", "Drill"), name_w),
            rpad(&tr!("次", "runs"), 6),
            rpad(&tr!("最好", "best"), 6),
            rpad(&tr!("近5次", "last5"), 6)
        ))
        .dim(),
    ];
    if v.drills.is_empty() {
        lines.push(Line::from(tr!("（还没有完成的练习）", "(no completed drill yet)")).dim());
    }
    for (title, d) in &v.drills {
        lines.push(Line::from(vec![
            Span::from(fit(&safe(title), name_w)),
            Span::from(format!("{:>6}", d.sessions)),
            Span::from(format!(" {:>6.1}", d.best_cpm)).fg(Color::Cyan),
            Span::from(format!(" {:>6.1}", d.recent_cpm)),
        ]));
    }
    lines
}

fn weak_lines(v: &StatsView, rows: usize) -> Vec<Line<'static>> {
    let by_errors = weak::by_errors(&v.chars);
    let mut lines = vec![Line::from(tr!("错误率（打成了）", "error rate (typed instead)")).dim()];
    if by_errors.is_empty() {
        lines.push(Line::from(tr!("（至少打 3 次才统计）", "(counted once typed 3 times)")).dim());
    }
    for c in by_errors.into_iter().take(rows) {
        let instead: Vec<String> = c
            .confusions
            .iter()
            .take(3)
            .map(|(typed, n)| format!("{}→{}×{n}", shown(&c.grapheme), shown(typed)))
            .collect();
        lines.push(Line::from(vec![
            Span::from(fit(&shown(&c.grapheme), 3)).bold(),
            Span::from(format!("{:>4.0}% ", c.error_rate() * 100.0)).fg(Color::Red),
            Span::from(format!("{}/{} ", c.wrong, c.typed)).dim(),
            Span::from(instead.join(" ")),
        ]));
    }
    lines
}

fn slow_lines(v: &StatsView, rows: usize) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(tr!("最慢（每字）", "slowest (per char)")).dim()];
    for c in weak::by_slowness(&v.chars).into_iter().take(rows) {
        lines.push(Line::from(vec![
            Span::from(fit(&shown(&c.grapheme), 3)).bold(),
            Span::from(format!("{:>6.0} ms", c.mean_latency_ms().unwrap_or(0.0))),
        ]));
    }
    lines
}

pub fn render(frame: &mut Frame, v: &StatsView) {
    let area = frame.area();
    let summary = summary_lines(v);
    let [top, sums, chart, lists, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(summary.len() as u16),
        Constraint::Percentage(45),
        Constraint::Min(4),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(
        Line::from(tr!(" 快打 · 统计", " kuaida · stats")).bold(),
        top,
    );
    frame.render_widget(Paragraph::new(summary), sums);
    render_trend(frame, v, chart);
    let [left, mid, right] = Layout::horizontal([
        Constraint::Percentage(42),
        Constraint::Percentage(38),
        Constraint::Percentage(20),
    ])
    .areas(lists);
    let rows = usize::from(lists.height.saturating_sub(3));
    let block = |t: String| Block::default().borders(Borders::ALL).title(t);
    frame.render_widget(
        Paragraph::new(drill_lines(v, usize::from(left.width.saturating_sub(2))))
            .block(block(tr!(" 各练习 字/分 ", " cpm per drill "))),
        left,
    );
    frame.render_widget(
        Paragraph::new(weak_lines(v, rows)).block(block(tr!(" 最弱的字 ", " Weakest "))),
        mid,
    );
    frame.render_widget(
        Paragraph::new(slow_lines(v, rows)).block(block(tr!(" 最慢 ", " Slowest "))),
        right,
    );
    frame.render_widget(
        Line::from(tr!(
            " w 练弱字 · Esc 返回 · F1 帮助",
            " w practise weak chars · Esc back · F1 help"
        ))
        .dim(),
        keys,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::TrendPoint;
    use crate::tui::screens::testing::{terminal, text};

    fn char_totals(g: &str, typed: u32, wrong: u32, instead: &[(&str, u32)]) -> CharTotals {
        CharTotals {
            grapheme: g.into(),
            typed,
            wrong,
            latency_us: 400_000 * u64::from(typed),
            latency_samples: typed,
            confusions: instead.iter().map(|(s, n)| (s.to_string(), *n)).collect(),
        }
    }

    #[test]
    fn stats_show_trend_totals_level_drills_and_weak_characters() {
        let view = StatsView {
            totals: Totals {
                sessions: 12,
                completed: 10,
                practice_ms: 3_900_000,
                graphemes_typed: 4321,
                halfwidth: 3,
            },
            level: Some(levels::progress(Some(45.0))),
            drills: vec![(
                "迎接问好".into(),
                DrillBest {
                    pack: "p".into(),
                    drill: "d".into(),
                    sessions: 7,
                    best_cpm: 61.5,
                    best_accuracy: 97.0,
                    recent_cpm: 55.2,
                    last_started_at: "2026-12-01T09:00:00+08:00".into(),
                },
            )],
            chars: vec![
                char_totals("在", 10, 4, &[("再", 3), ("载", 1)]),
                char_totals("亲", 20, 0, &[]),
            ],
            trend: Trend {
                per_day: true,
                points: (0..6)
                    .map(|i| TrendPoint {
                        label: format!("2026-11-{:02}", 20 + i),
                        cpm: 30.0 + 5.0 * f64::from(i),
                        accuracy: 90.0 + f64::from(i),
                        sessions: 2,
                    })
                    .collect(),
            },
            pinyin: crate::pinyin::PinyinWeak::gather([&[crate::pinyin::SyllableFigure {
                syllable: "shi".into(),
                typed: 4,
                missed: 2,
                time_us: 2_000_000,
                samples: 4,
            }][..]]),
        };
        let mut term = terminal(100, 30);
        let frame = term.draw(|f| render(f, &view)).expect("draws");
        let shown = text(frame.buffer);
        for want in [
            "1 小时 5 分",
            "4321 字",
            "12 次（完成 10）",
            "等级：40 字/分",
            "离 50 字/分还差 5.0",
            "半角标点 3 次",
            "Ctrl+.",
            "每天",
            "2026-11-20",
            "2026-11-25",
            "迎接问好",
            "61.5",
            "55.2",
            "在→再×3",
            "40%",
            "最慢",
            "亲",
            "拼音弱音节：shi 50%  shi 500ms",
            "声母韵母错误率：sh 50%",
        ] {
            assert!(shown.contains(want), "{want} missing in\n{shown}");
        }
    }

    #[test]
    fn an_empty_history_says_how_to_start() {
        let view = StatsView {
            level: Some(levels::progress(None)),
            ..StatsView::default()
        };
        let mut term = terminal(100, 30);
        let frame = term.draw(|f| render(f, &view)).expect("draws");
        let shown = text(frame.buffer);
        assert!(shown.contains("还没有完成的练习"), "{shown}");
        assert!(shown.contains("第一级 40 字/分"), "{shown}");
    }
}
