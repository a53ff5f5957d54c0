//! 统计 / Stats: the trend of 字/分 and accuracy (of all drills, or of one with its pass
//! line), totals, the daily goal and streak, the level reached and the next, per-drill
//! bests, the keyboard heatmap, and the weakest characters with what was typed instead.
//! Everything comes from the store's summed figures (no keystroke log is replayed).

use super::heatmap::{self, Heatmap};
use super::safe;
use super::trend;
use crate::fit::{fit, pad_left};
use crate::pack::Pack;
use crate::stats::goal::GoalStatus;
use crate::stats::heatmap::KeyFigures;
use crate::stats::levels::{self, LEVEL_ACCURACY, LevelProgress};
use crate::stats::weak::{self, CharTotals, SlowChar};
use crate::store::{AnswerBest, DrillBest, Store, Totals, Trend};
use crate::text::AmbiWidth;
use crate::{Result, tr};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::style::{Color, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use std::collections::BTreeMap;

/// What the stats screen shows, gathered once when it opens.
#[derive(Debug, Clone, Default)]
pub struct StatsView {
    pub totals: Totals,
    pub level: Option<LevelProgress>,
    /// Per drill: its title (from the packs at hand, else its ids) and figures.
    pub drills: Vec<(String, DrillBest)>,
    /// Quick-reply and code drills: their own bests (per cent right, fastest), never 字/分.
    pub answers: Vec<(String, AnswerBest)>,
    pub chars: Vec<CharTotals>,
    /// The slowest characters, by the median of single-grapheme commits.
    pub slow: Vec<SlowChar>,
    pub trend: Trend,
    /// Today against the daily goal, and the streak.
    pub goal: Option<GoalStatus>,
    /// Latin letter and digit keys' figures, for the heatmap.
    pub keys: BTreeMap<char, KeyFigures>,
    /// The drill (index into `drills`) the trend is of; `None`: all drills.
    pub trend_drill: Option<usize>,
    /// The trend's drill's pass line (its `pass.cpm`), when it has one.
    pub pass_cpm: Option<f64>,
    /// Pinyin practice: weak syllables and initials/finals.
    pub pinyin: crate::pinyin::PinyinWeak,
}

impl StatsView {
    pub fn load(
        store: &Store,
        packs: &[Pack],
        goal_minutes: u32,
        today: chrono::NaiveDate,
    ) -> Result<StatsView> {
        let best = store.best_run(LEVEL_ACCURACY)?;
        let drills = store
            .drill_bests()?
            .into_iter()
            .map(|d| (drill_title(packs, &d.pack, &d.drill), d))
            .collect();
        let answers = store
            .answer_bests()?
            .into_iter()
            .map(|a| (drill_title(packs, &a.pack, &a.drill), a))
            .collect();
        let chars = store.char_totals()?;
        let mut view = StatsView {
            totals: store.totals()?,
            level: Some(levels::progress(best.map(|b| b.cpm))),
            drills,
            answers,
            keys: crate::stats::heatmap::keys(&chars),
            chars,
            slow: store.slow_chars()?,
            trend: store.trend()?,
            goal: Some(store.goal_status(today, goal_minutes)?),
            pinyin: store.pinyin_weak()?,
            trend_drill: None,
            pass_cpm: None,
        };
        // One drill practised: the trend is that drill's, so it gets its pass line.
        if let [(_, d)] = view.drills.as_slice() {
            view.pass_cpm = pass_cpm(packs, &d.pack, &d.drill);
            view.trend_drill = Some(0);
        }
        Ok(view)
    }

    /// ←/→: show the trend of the previous or next drill, through "all drills".
    pub fn step_trend(&mut self, store: &Store, packs: &[Pack], forward: bool) -> Result<()> {
        let n = self.drills.len() + 1;
        // Position 0 is "all", then each drill in list order.
        let at = self.trend_drill.map_or(0, |i| i + 1);
        let next = if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        };
        let chosen = next
            .checked_sub(1)
            .and_then(|i| self.drills.get(i).map(|d| (i, d)));
        self.trend =
            store.trend_of(chosen.map(|(_, (_, d))| (d.pack.as_str(), d.drill.as_str())))?;
        self.pass_cpm = chosen.and_then(|(_, (_, d))| pass_cpm(packs, &d.pack, &d.drill));
        self.trend_drill = chosen.map(|(i, _)| i);
        Ok(())
    }
}

/// A drill's pass 字/分 from the packs at hand.
fn pass_cpm(packs: &[Pack], pack: &str, drill: &str) -> Option<f64> {
    packs
        .iter()
        .find(|p| p.id == pack)?
        .drills
        .iter()
        .find(|d| d.id == drill)?
        .pass
        .and_then(|p| match p {
            crate::pack::Pass::Typing { cpm, .. } => Some(cpm),
            _ => None,
        })
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

use super::shown_grapheme as shown;

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
    if let Some(g) = &v.goal {
        lines.push(trend::goal_line(g));
    }
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

fn drill_lines(v: &StatsView, width: usize) -> Vec<Line<'static>> {
    let name_w = width.saturating_sub(22).max(6);
    let mut lines = vec![
        Line::from(format!(
            "{}{} {} {}",
            fit(&tr!("练习", "Drill"), name_w, AmbiWidth::Narrow),
            pad_left(&tr!("次", "runs"), 6, AmbiWidth::Narrow),
            pad_left(&tr!("最好", "best"), 6, AmbiWidth::Narrow),
            pad_left(&tr!("近5次", "last5"), 6, AmbiWidth::Narrow)
        ))
        .dim(),
    ];
    if v.drills.is_empty() {
        lines.push(Line::from(tr!("（还没有完成的练习）", "(no completed drill yet)")).dim());
    }
    for (i, (title, d)) in v.drills.iter().enumerate() {
        let line = Line::from(vec![
            Span::from(fit(&safe(title), name_w, AmbiWidth::Narrow)),
            Span::from(format!("{:>6}", d.sessions)),
            Span::from(format!(" {:>6.1}", d.best_cpm)).fg(Color::Cyan),
            Span::from(format!(" {:>6.1}", d.recent_cpm)),
        ]);
        // The drill the trend shows.
        lines.push(if v.trend_drill == Some(i) {
            line.reversed()
        } else {
            line
        });
    }
    if !v.answers.is_empty() {
        lines.push(
            Line::from(format!(
                "{}{} {} {}",
                fit(
                    &tr!("快捷回复·编码", "Replies, codes"),
                    name_w,
                    AmbiWidth::Narrow
                ),
                pad_left(&tr!("次", "runs"), 6, AmbiWidth::Narrow),
                pad_left(&tr!("正确", "right"), 6, AmbiWidth::Narrow),
                pad_left(&tr!("最快", "fastest"), 6, AmbiWidth::Narrow)
            ))
            .dim(),
        );
    }
    for (title, a) in &v.answers {
        let fastest = a.best_mean_ms.map_or("—".to_string(), |ms| {
            format!("{:.1}s", ms as f64 / 1000.0)
        });
        lines.push(Line::from(vec![
            Span::from(fit(&safe(title), name_w, AmbiWidth::Narrow)),
            Span::from(format!("{:>6}", a.sessions)),
            Span::from(format!(" {:>5.0}%", a.best_right)).fg(Color::Cyan),
            Span::from(format!(" {fastest:>6}")),
        ]));
    }
    lines
}

fn weak_lines(v: &StatsView, rows: usize) -> Vec<Line<'static>> {
    let by_errors = weak::by_errors(&v.chars);
    let mut lines = vec![Line::from(tr!("错误率（打成了）", "error rate (typed instead)")).dim()];
    if by_errors.is_empty() {
        lines.push(Line::from(tr!("（至少打 5 次才统计）", "(counted once typed 5 times)")).dim());
    }
    for c in by_errors.into_iter().take(rows) {
        let instead: Vec<String> = c
            .confusions
            .iter()
            .take(3)
            .map(|(typed, n)| format!("{}→{}×{n}", shown(&c.grapheme), shown(typed)))
            .collect();
        lines.push(Line::from(vec![
            Span::from(fit(&shown(&c.grapheme), 3, AmbiWidth::Narrow)).bold(),
            Span::from(format!("{:>4.0}% ", c.error_rate() * 100.0)).fg(Color::Red),
            Span::from(format!("{}/{} ", c.wrong, c.typed)).dim(),
            Span::from(instead.join(" ")),
        ]));
    }
    lines
}

fn slow_lines(v: &StatsView, rows: usize) -> Vec<Line<'static>> {
    // The column is narrow: the block is titled 最慢 already.
    let mut lines = vec![Line::from(tr!("单字上屏 中位数", "median, 字 alone")).dim()];
    if v.slow.is_empty() {
        lines.push(Line::from(tr!("（满 5 次才统计）", "(5 needed)")).dim());
    }
    for c in v.slow.iter().take(rows) {
        lines.push(Line::from(vec![
            Span::from(fit(&shown(&c.grapheme), 3, AmbiWidth::Narrow)).bold(),
            Span::from(format!("{:>6.0} ms", c.median_ms)),
            Span::from(format!(" ×{}", c.samples)).dim(),
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
    // The heatmap beside the chart: spaced keys when the window is wide, touching when
    // not, left out below 72 columns (the chart needs the room more).
    let heat_w = match area.width {
        w if w >= 96 => heatmap::WIDE,
        w if w >= 72 => heatmap::NARROW,
        _ => 0,
    };
    let [chart, heat] =
        Layout::horizontal([Constraint::Min(20), Constraint::Length(heat_w)]).areas(chart);
    trend::render(frame, v, chart);
    if heat_w > 0 {
        frame.render_widget(Heatmap { keys: &v.keys }, heat);
    }
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
            " ←/→ 按练习看曲线 · w 练弱字 · Esc 返回 · F1 帮助",
            " ←/→ trend per drill · w practise weak chars · Esc back · F1 help"
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

    fn view() -> StatsView {
        StatsView {
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
            answers: Vec::new(),
            chars: vec![
                char_totals("在", 10, 4, &[("再", 3), ("载", 1)]),
                char_totals("亲", 20, 0, &[]),
            ],
            slow: vec![SlowChar {
                grapheme: "您".into(),
                samples: 7,
                median_ms: 812.0,
            }],
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
            goal: Some(GoalStatus {
                goal_minutes: 15,
                today_minutes: 12,
                met_today: false,
                streak_days: 3,
            }),
            keys: crate::stats::heatmap::keys(&[
                char_totals("q", 20, 4, &[("w", 4)]),
                char_totals("a", 50, 0, &[]),
            ]),
            trend_drill: None,
            pass_cpm: None,
            pinyin: crate::pinyin::PinyinWeak::gather([&[crate::pinyin::SyllableFigure {
                syllable: "shi".into(),
                typed: 4,
                missed: 2,
                time_us: 2_000_000,
                samples: 4,
            }][..]]),
        }
    }

    #[test]
    fn stats_show_trend_totals_level_drills_and_weak_characters() {
        let view = view();
        let mut term = terminal(100, 30);
        let frame = term.draw(|f| render(f, &view)).expect("draws");
        let shown = text(frame.buffer);
        for want in [
            "今日",
            "12/15 分钟",
            "连续 3 天",
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
            "您    812 ms ×7",
            "拼音弱音节：shi 50%  shi 500ms",
            "声母韵母错误率：sh 50%",
        ] {
            assert!(shown.contains(want), "{want} missing in\n{shown}");
        }
    }

    /// The key cell showing `c` (its letter's cell) on the heatmap.
    fn key_cell(buf: &ratatui::buffer::Buffer, c: char) -> (u16, u16) {
        let area = buf.area;
        (0..area.height)
            .flat_map(|y| (1..area.width.saturating_sub(1)).map(move |x| (x, y)))
            .find(|&(x, y)| {
                buf[(x, y)].symbol() == c.to_string()
                    && buf[(x - 1, y)].symbol() == " "
                    && buf[(x + 1, y)].symbol() == " "
                    && buf[(x, y)].bg != Color::Reset
            })
            .expect("key drawn")
    }

    #[test]
    fn at_100x30_the_heatmap_sits_beside_the_trend_and_everything_still_shows() {
        let view = view();
        let mut term = terminal(100, 30);
        let frame = term.draw(|f| render(f, &view)).expect("draws");
        let buf = frame.buffer;
        let shown = text(buf);
        let rows = crate::tui::screens::testing::rows(buf);
        for want in ["键盘 · 错误率", "最常错 Q 20%", "<2%", "10%+", "未打"] {
            assert!(shown.contains(want), "{want} missing in\n{shown}");
        }
        // Q is bad (20 %), A good; Z never typed stays plain.
        assert_eq!(buf[key_cell(buf, 'Q')].bg, Color::Red);
        assert_eq!(buf[key_cell(buf, 'A')].bg, Color::Green);
        let z_row = rows
            .iter()
            .position(|r| r.contains(" Z ") && r.contains(" M "))
            .expect("Z row");
        let q_row = rows
            .iter()
            .position(|r| r.contains(" Q ") && r.contains(" P "))
            .expect("Q row");
        assert!(z_row > q_row, "{shown}");
        // Beside the chart: the chart's title and the keyboard share a row.
        assert!(
            rows.iter()
                .any(|r| r.contains("字/分 与准确率") && r.contains("键盘")),
            "{shown}"
        );
        // The weak lists and the key hints are still there below.
        for want in ["在→再×3", "最慢", "←/→ 按练习看曲线"] {
            assert!(shown.contains(want), "{want} missing in\n{shown}");
        }
    }

    #[test]
    fn a_drill_with_a_pass_line_draws_it_with_a_label() {
        let mut view = view();
        view.trend_drill = Some(0);
        view.pass_cpm = Some(60.0);
        let mut term = terminal(100, 30);
        let frame = term.draw(|f| render(f, &view)).expect("draws");
        let buf = frame.buffer;
        let shown = text(buf);
        for want in [" 迎接问好 · 每天 · 及格 60 字/分 ", "及格线 60"] {
            assert!(shown.contains(want), "{want} missing in\n{shown}");
        }
        // The line itself: red braille across the plot.
        let red = (0..buf.area.height)
            .map(|y| {
                (0..buf.area.width)
                    .filter(|&x| buf[(x, y)].fg == Color::Red && buf[(x, y)].symbol() != " ")
                    .count()
            })
            .max()
            .unwrap_or(0);
        assert!(red > 20, "no pass line drawn:\n{shown}");
        // Without a pass, no line and no label.
        view.pass_cpm = None;
        let frame = term.draw(|f| render(f, &view)).expect("draws");
        assert!(!text(frame.buffer).contains("及格"));
    }

    #[test]
    fn at_80x24_the_narrow_heatmap_still_fits() {
        let view = view();
        let mut term = terminal(80, 24);
        let frame = term.draw(|f| render(f, &view)).expect("draws");
        let shown = text(frame.buffer);
        for want in ["键盘", " M ", "连续 3 天", "在→再×3"] {
            assert!(shown.contains(want), "{want} missing in\n{shown}");
        }
    }

    #[test]
    fn answering_drills_have_their_own_rows_never_a_speed() {
        let view = StatsView {
            level: Some(levels::progress(None)),
            answers: vec![(
                "售后 · 快问快答".into(),
                AnswerBest {
                    pack: "after-sale".into(),
                    drill: "quick-reply".into(),
                    kind: "quickreply".into(),
                    sessions: 3,
                    best_right: 87.5,
                    best_mean_ms: Some(4200),
                    recent_right: 80.0,
                },
            )],
            ..StatsView::default()
        };
        let mut term = terminal(100, 30);
        let frame = term.draw(|f| render(f, &view)).expect("draws");
        let shown = text(frame.buffer);
        assert!(shown.contains("快捷回复·编码"), "{shown}");
        assert!(shown.contains("售后 · 快问快答"), "{shown}");
        assert!(shown.contains("88%") && shown.contains("4.2s"), "{shown}");
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

    fn record(id: &str, drill: &str, cpm: f64) -> crate::record::SessionRecord {
        let mut r = crate::testing::typed_at(id, "2026-12-01T09:00:00+08:00", cpm, true);
        r.drill = drill.into();
        r
    }

    #[test]
    fn left_and_right_walk_the_trend_through_the_drills_with_their_pass_lines() {
        let tmp = tempfile::TempDir::new().expect("tempdir");
        let mut store =
            Store::open(&crate::paths::DataDir::new(tmp.path().join("d"))).expect("opens");
        let mut pack =
            crate::testing::pack_with(crate::pack::DrillBody::Text { text: "在".into() }, None);
        pack.drills[0].pass = Some(crate::pack::Pass::Typing {
            cpm: 45.0,
            accuracy: 95.0,
        });
        let packs = vec![pack];
        store.import(&[record("a", "d", 50.0)]).expect("imports");
        // One drill only: its pass line from the start.
        let v = StatsView::load(
            &store,
            &packs,
            15,
            chrono::NaiveDate::from_ymd_opt(2026, 12, 7).expect("a date"),
        )
        .expect("loads");
        assert_eq!((v.trend_drill, v.pass_cpm), (Some(0), Some(45.0)));
        store
            .import(&[record("b", "other", 70.0), record("c", "other", 72.0)])
            .expect("imports");
        let mut v2 = StatsView::load(
            &store,
            &packs,
            15,
            chrono::NaiveDate::from_ymd_opt(2026, 12, 7).expect("a date"),
        )
        .expect("loads");
        assert_eq!((v2.trend_drill, v2.pass_cpm), (None, None));
        assert_eq!(v2.trend.points.len(), 3);
        // Most practised first: "other" (no pass), then "d" (pass 45).
        v2.step_trend(&store, &packs, true).expect("steps");
        assert_eq!((v2.trend_drill, v2.pass_cpm), (Some(0), None));
        assert_eq!(v2.trend.points.len(), 2);
        v2.step_trend(&store, &packs, true).expect("steps");
        assert_eq!((v2.trend_drill, v2.pass_cpm), (Some(1), Some(45.0)));
        assert_eq!(v2.trend.points.len(), 1);
        v2.step_trend(&store, &packs, true).expect("steps");
        assert_eq!(v2.trend_drill, None, "back to all drills");
        v2.step_trend(&store, &packs, false).expect("steps");
        assert_eq!(v2.trend_drill, Some(1), "left wraps to the last drill");
    }
}
