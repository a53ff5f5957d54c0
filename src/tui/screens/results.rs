//! 成绩 / Results: every figure of the drill just ended, speed over time, the weak
//! characters, and where the session was saved.

use super::card::{self, Card, CardInfo};
use super::{clock, safe};
use crate::engine::{CharFigure, Summary};
use crate::pack::{Drill, DrillKind, Pass};
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
    History,
    Fallback(PathBuf),
    Failed(String),
}

impl SaveNote {
    /// What home says after an unfinished attempt was saved (or could not be).
    pub fn unfinished(self) -> String {
        match self {
            SaveNote::History => tr!("未完成的练习已保存", "the unfinished attempt was saved"),
            SaveNote::Fallback(p) => tr!(
                "未完成的练习已存到 {}",
                "the unfinished attempt is in {}",
                p.display()
            ),
            SaveNote::Failed(e) => tr!("保存失败：{e}", "could not save: {e}"),
        }
    }
}

/// A finished drill as the results screen shows it.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub pack: usize,
    pub pack_title: String,
    pub drill: Drill,
    pub summary: Summary,
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

/// The figure lines, in the order shown.
pub fn figure_lines(o: &Outcome) -> Vec<Line<'static>> {
    let s = &o.summary;
    if o.drill.kind() == DrillKind::Recall {
        // Codes are recalled, not typed at speed: the share right and the time say it all
        // (the code panel beside them has the rest).
        let mut l = vec![
            figure(tr!("答对率", "right"), format!("{:.1}%", s.accuracy)),
            figure(tr!("用时", "time"), clock(s.duration_us / 1_000_000)),
        ];
        l.extend(verdict_lines(o));
        return l;
    }
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
            format!("{:.0}%", s.consistency),
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
                "  switch to full-width punctuation (Ctrl+. in most input methods)"
            ))
            .fg(Color::Yellow),
        );
    }
    l.extend(verdict_lines(o));
    l
}

/// Not completed, and the pass verdict where the drill has a pass line.
fn verdict_lines(o: &Outcome) -> Vec<Line<'static>> {
    let s = &o.summary;
    let mut l = Vec::new();
    if !s.completed {
        l.push(Line::from(tr!("未完成", "not completed")).fg(Color::Yellow));
    }
    if let Some(verdict) = o.drill.pass.as_ref().map(|p| pass_verdict(s, p)) {
        let colour = if s.passed(o.drill.pass.as_ref()) == Some(true) {
            Color::Green
        } else {
            Color::Red
        };
        l.push(Line::from(verdict).fg(colour).bold());
    }
    l
}

/// Passed or not, and by how much: the margin over each criterion when passed, what is
/// missing when not (an exam is practised toward the line, so the distance matters).
pub fn pass_verdict(s: &Summary, pass: &Pass) -> String {
    let cpm = s.cpm - pass.cpm;
    let accuracy = s.accuracy - pass.accuracy;
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

/// The slowest characters (mean latency) and the most missed (with what was typed instead).
pub fn weak_lines(chars: &[CharFigure]) -> Vec<String> {
    let mut slow: Vec<(&CharFigure, f64)> = chars
        .iter()
        .filter(|c| c.grapheme != "\n")
        .filter_map(|c| c.mean_latency_ms().map(|ms| (c, ms)))
        .collect();
    slow.sort_by(|a, b| b.1.total_cmp(&a.1));
    let mut missed: Vec<&CharFigure> = chars.iter().filter(|c| c.wrong > 0).collect();
    missed.sort_by_key(|c| std::cmp::Reverse(c.wrong));
    let mut out = Vec::new();
    if !slow.is_empty() {
        let list: Vec<String> = slow
            .iter()
            .take(5)
            .map(|(c, ms)| format!("{} {:.0}ms", safe(&c.grapheme), ms))
            .collect();
        out.push(tr!("最慢：{}", "slowest: {}", list.join("  ")));
    }
    if !missed.is_empty() {
        let list: Vec<String> = missed
            .iter()
            .take(5)
            .map(|c| match c.instead.first() {
                Some((typed, _)) => format!("{}→{} ×{}", safe(&c.grapheme), safe(typed), c.wrong),
                None => format!("{} ×{}", safe(&c.grapheme), c.wrong),
            })
            .collect();
        out.push(tr!("常错：{}", "most missed: {}", list.join("  ")));
    }
    out
}

pub(super) fn saved_line(saved: &SaveNote) -> Line<'static> {
    match saved {
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
    o: &Outcome,
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

pub fn render(frame: &mut Frame, o: &Outcome, from_drill_command: bool) {
    let [left, right, weak, saved, keys] = frame_areas(frame, o, tr!(" 成绩 ", " Results "), 34, 2);
    // Wrapped: an exam's verdict (passed or not, and by how much) is wider than the column.
    frame.render_widget(
        Paragraph::new(figure_lines(o)).wrap(Wrap { trim: false }),
        pad(left),
    );

    // Speed in each whole second (the last partial second left out), in 字/分.
    let s = &o.summary;
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
    let chart_area = Rect {
        height: right.height.min(8),
        ..right
    };
    // A recall drill has no typing speed: the app draws its code panel there instead.
    let recall = o.drill.kind() == DrillKind::Recall;
    if !recall {
        frame.render_widget(chart, chart_area);
    }
    // The result card below the chart (and below a quick-reply panel drawn over it),
    // where it hides no figure; left off when the window is too small for it.
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

    if !recall {
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
mod tests {
    use super::*;
    use crate::engine::{Batch, Key, Rules, Typing};
    use crate::tui::screens::testing::{terminal, text};

    /// 亲在 typed in two commits one second apart: 120 字/分 at 100 %.
    fn two_in_a_second(finish: bool) -> Summary {
        let target = if finish { "亲在" } else { "亲在吗" };
        let mut typing = Typing::new(&[target.to_string()], Rules::default());
        typing.apply(0, &Batch::Keys(vec![Key::Char('亲')]));
        typing.apply(1_000_000, &Batch::Keys(vec![Key::Char('在')]));
        typing.summary()
    }

    #[test]
    fn the_verdict_says_by_how_much() {
        let s = two_in_a_second(true);
        let over = Pass {
            cpm: 100.0,
            accuracy: 95.0,
        };
        assert_eq!(
            pass_verdict(&s, &over),
            "✓ 通过：字/分 高出 20.0，准确率 高出 5.0%"
        );
        let under = Pass {
            cpm: 150.0,
            accuracy: 100.0,
        };
        assert_eq!(pass_verdict(&s, &under), "✗ 未通过：字/分 差 30.0");
        assert_eq!(
            pass_verdict(&two_in_a_second(false), &over),
            "✗ 未通过：没有完成"
        );
    }

    #[test]
    fn a_recall_drill_shows_the_share_right_not_typing_speed() {
        let pack = crate::tui::run::tests_support::pack_with(
            crate::pack::DrillBody::Recall {
                group: None,
                count: None,
            },
            None,
        );
        let o = Outcome {
            pack: 0,
            pack_title: pack.title.clone(),
            drill: pack.drills[0].clone(),
            summary: two_in_a_second(true),
            saved: SaveNote::History,
            card: CardInfo::default(),
        };
        let mut term = terminal(100, 30);
        let frame = term.draw(|f| render(f, &o, false)).expect("draws");
        let shown = text(frame.buffer);
        assert!(shown.contains("答对率        100.0%"), "{shown}");
        assert!(shown.contains("编码答对率 100.0%"), "{shown}");
        for typing_only in ["字/分", "稳定度", "退格", "等级"] {
            assert!(!shown.contains(typing_only), "{typing_only} in:\n{shown}");
        }
    }

    #[test]
    fn an_exam_verdict_is_shown_whole() {
        let mut pack = crate::tui::run::tests_support::pack_with(
            crate::pack::DrillBody::Text {
                text: "亲在".into(),
            },
            Some(60),
        );
        pack.drills[0].pass = Some(Pass {
            cpm: 100.0,
            accuracy: 95.0,
        });
        let o = Outcome {
            pack: 0,
            pack_title: pack.title.clone(),
            drill: pack.drills[0].clone(),
            summary: two_in_a_second(true),
            saved: SaveNote::History,
            card: CardInfo::default(),
        };
        let mut term = terminal(80, 24);
        let frame = term.draw(|f| render(f, &o, false)).expect("draws");
        // The figures column only: the result card stands to its right.
        let column = |row: &String| {
            let mut width = 0;
            row.chars()
                .take_while(|c| {
                    width += unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
                    width <= 35
                })
                .collect::<String>()
        };
        let shown: String = crate::tui::screens::testing::rows(frame.buffer)
            .iter()
            .map(column)
            .collect::<String>()
            .replace([' ', '│'], "");
        assert!(
            shown.contains("✓通过：字/分高出20.0，准确率高出5.0%"),
            "{shown}"
        );
    }

    #[test]
    fn results_show_title_figures_weak_chars_and_where_saved() {
        let pack = crate::tui::run::tests_support::pack_with(
            crate::pack::DrillBody::Text {
                text: "在吗，亲".into(),
            },
            None,
        );
        let mut typing = Typing::new(&["在吗，亲".to_string()], Rules::default());
        typing.apply(0, &Batch::Keys(vec![Key::Char('再')]));
        typing.apply(400_000, &Batch::Keys(vec![Key::Backspace]));
        typing.apply(800_000, &Batch::Keys(vec![Key::Char('在')]));
        typing.apply(
            1_200_000,
            &Batch::Keys(vec![Key::Char('吗'), Key::Char(',')]),
        );
        typing.apply(
            1_900_000,
            &Batch::Keys(vec![Key::Backspace, Key::Char('，')]),
        );
        typing.apply(2_500_000, &Batch::Keys(vec![Key::Char('亲')]));
        let o = Outcome {
            pack: 0,
            pack_title: pack.title.clone(),
            drill: pack.drills[0].clone(),
            summary: typing.summary(),
            saved: SaveNote::Fallback(PathBuf::from("/tmp/x.json")),
            card: CardInfo::default(),
        };
        let mut term = terminal(100, 30);
        let frame = term.draw(|f| render(f, &o, false)).expect("draws");
        let shown = text(frame.buffer);
        for want in [
            "成绩",
            "字/分",
            "准确率",
            "退格",
            "2",
            "回改",
            "半角标点",
            "Ctrl+.",
            "常错：在→再 ×1",
            "/tmp/x.json",
            "r/Enter 再练一次",
        ] {
            assert!(shown.contains(want), "{want} missing in\n{shown}");
        }
    }

    /// A finished 60 字/分 drill at 100 % with a pass line, as the card shows it.
    fn carded(pass: Option<Pass>) -> Outcome {
        let text = "亲在的哦";
        let mut pack = crate::tui::run::tests_support::pack_with(
            crate::pack::DrillBody::Text { text: text.into() },
            None,
        );
        pack.drills[0].pass = pass;
        let mut typing = Typing::new(&[text.to_string()], Rules::default());
        for (i, c) in text.chars().enumerate() {
            typing.apply(i as u64 * 1_000_000, &Batch::Keys(vec![Key::Char(c)]));
        }
        Outcome {
            pack: 0,
            pack_title: pack.title.clone(),
            drill: pack.drills[0].clone(),
            summary: typing.summary(),
            saved: SaveNote::History,
            card: CardInfo {
                student: Some("王小美".into()),
                date: "2026-12-02".into(),
                goal: Some(crate::stats::goal::GoalStatus {
                    goal_minutes: 15,
                    today_minutes: 16,
                    met_today: true,
                    streak_days: 4,
                }),
            },
        }
    }

    #[test]
    fn the_result_card_fits_beside_every_figure_at_100x30_and_80x24() {
        let o = carded(Some(Pass {
            cpm: 60.0,
            accuracy: 95.0,
        }));
        for (w, h) in [(100, 30), (80, 24)] {
            let mut term = terminal(w, h);
            let frame = term.draw(|f| render(f, &o, false)).expect("draws");
            let shown = text(frame.buffer);
            for want in [
                "快打 · 成绩卡",
                "测试包 · 跟打",
                "王小美",
                "2026-12-02",
                "80.0 字/分  准确率 100.0%",
                "✓ 通过 · 达到 80 字/分 等级",
                "今日 16/15 分钟 · 连续 4 天",
                // The figures column and the keys are all still there.
                "净字/分",
                "稳定度",
                "用时",
                "✓ 通过：字/分 高出 20.0",
                // The verdict wraps rather than being cut at the column's edge.
                "高出 5.0%",
                "r/Enter 再练一次",
            ] {
                assert!(shown.contains(want), "{w}×{h}: {want} missing in\n{shown}");
            }
            // Below the quick-reply panel that a reply drill's results draw over the chart.
            let card_row = shown
                .lines()
                .position(|l| l.contains("成绩卡"))
                .unwrap_or(0);
            let panel =
                crate::tui_chat::results::panel_area(ratatui::layout::Rect::new(0, 0, w, h));
            assert!(
                card_row as u16 >= panel.bottom(),
                "{w}×{h}: card at row {card_row}"
            );
        }
    }

    #[test]
    fn the_card_says_not_passed_or_the_level_and_leaves_out_an_unknown_streak() {
        let mut o = carded(Some(Pass {
            cpm: 100.0,
            accuracy: 95.0,
        }));
        o.card.goal = None;
        o.card.student = None;
        let lines: Vec<String> = card::lines(&o, &o.card, 30)
            .iter()
            .map(|l| l.to_string())
            .collect();
        assert_eq!(lines[2], "80.0 字/分  准确率 100.0%");
        assert_eq!(lines[3], "✗ 未通过 · 达到 80 字/分 等级");
        assert_eq!(lines.len(), 4, "{lines:?}");
        let no_pass = carded(None);
        let lines = card::lines(&no_pass, &no_pass.card, 30);
        assert_eq!(lines[3].to_string(), "达到 80 字/分 等级");
        // A long name is cut so the date still shows on its line.
        o.card.student = Some("一二三四五六七八九十一二三四五六七八九十".into());
        let first = card::lines(&o, &o.card, 30)[0].to_string();
        assert!(first.ends_with("2026-12-02"), "{first}");
        assert!(
            unicode_width::UnicodeWidthStr::width(first.as_str()) <= 30,
            "{first}"
        );
    }
}
