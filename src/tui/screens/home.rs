//! Home: packs grouped by tag on the left, the chosen pack's drills on the right with
//! their best and last 字/分.

use super::{kind_label, safe};
use crate::pack::{Drill, DrillBody, DrillKind, Pack, Pass};
use crate::store::DrillFigures;
use crate::tr;
use crate::tui::keymap::Action;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph, Wrap};
use std::collections::HashMap;
use unicode_width::UnicodeWidthStr;

pub type Bests = HashMap<(String, String), DrillFigures>;

/// What home shows and which pack and drill are chosen.
#[derive(Debug, Clone, Default)]
pub struct Home {
    /// Pack indices in display order (grouped by their first tag) with the group name.
    pub order: Vec<(String, usize)>,
    pub pack_sel: usize,
    pub drill_sel: usize,
    /// A one-line message (a drill that is coming soon, an install, a saved attempt).
    pub notice: Option<String>,
    /// The pack opened from a file on the command line, if any (index into packs).
    pub file_pack: Option<usize>,
    /// Today against the daily goal, and the streak (loaded with the figures).
    pub goal: Option<crate::stats::goal::GoalStatus>,
    /// Template codes due for review per pack id (Leitner boxes), shown as 待复习 N.
    pub due: HashMap<String, usize>,
    /// Text and phrases drills start as pinyin practice (`p`).
    pub pinyin: bool,
    /// Figures of everyone's sessions (`a`), not only the current student's.
    pub everyone: bool,
}

/// The course's stages in the order it teaches them (the six work tasks of the course
/// standard): home lists packs by their first tag in this order, whatever their ids.
pub const COURSE_ORDER: [&str; 6] = ["客服认知", "岗前准备", "售前", "售中", "售后", "客户关系"];
/// Tests and exams come after the course.
const TEST_TAGS: [&str; 2] = ["测试", "考试"];

/// Where a group of packs stands on home: the opened file first, the course's stages in
/// order, other tags as they come, the tests last.
fn group_rank(group: &str, opened: bool) -> usize {
    if opened {
        return 0;
    }
    if let Some(i) = COURSE_ORDER.iter().position(|s| *s == group) {
        return 1 + i;
    }
    if TEST_TAGS.contains(&group) {
        return usize::MAX;
    }
    1 + COURSE_ORDER.len()
}

impl Home {
    pub fn new(packs: &[Pack], file_pack: Option<usize>) -> Home {
        let other = tr!("其他", "other");
        let mut groups: Vec<(usize, String, Vec<usize>)> = Vec::new();
        for (i, p) in packs.iter().enumerate() {
            let opened = Some(i) == file_pack;
            let g = if opened {
                tr!("打开的文件", "opened file")
            } else {
                p.tags.first().cloned().unwrap_or_else(|| other.clone())
            };
            match groups.iter_mut().find(|(_, name, _)| *name == g) {
                Some((_, _, list)) => list.push(i),
                None => groups.push((group_rank(&g, opened), g, vec![i])),
            }
        }
        // Stable: packs keep their order within a group, groups of one rank theirs.
        groups.sort_by_key(|(rank, _, _)| *rank);
        let order = groups
            .into_iter()
            .flat_map(|(_, g, list)| list.into_iter().map(move |i| (g.clone(), i)))
            .collect();
        // A pack opened from a file (dropped on kuaida.exe): offer to install it where
        // it is seen at once (the key line may be cut in a narrow console).
        let notice = file_pack.and_then(|i| packs.get(i)).map(|p| {
            tr!(
                "打开了练习包文件「{}」：按 i 安装到本机，以后在首页直接练",
                "opened the pack file “{}”: press i to install it here",
                safe(&p.title)
            )
        });
        Home {
            order,
            file_pack,
            notice,
            ..Home::default()
        }
    }

    /// The chosen pack's index in the pack list.
    pub fn pack(&self) -> Option<usize> {
        self.order.get(self.pack_sel).map(|(_, i)| *i)
    }

    /// Choose the pack at this index of the pack list (and its first drill).
    pub fn select_pack(&mut self, index: usize) {
        if let Some(pos) = self.order.iter().position(|(_, i)| *i == index) {
            self.pack_sel = pos;
            self.drill_sel = 0;
        }
    }

    /// Move the selection; returns nothing: Enter, Back and the rest are the app's.
    pub fn navigate(&mut self, action: Action, packs: &[Pack]) {
        let n_packs = self.order.len();
        let n_drills = self
            .pack()
            .and_then(|i| packs.get(i))
            .map_or(0, |p| p.drills.len());
        match action {
            Action::Up if n_drills > 0 => {
                self.drill_sel = (self.drill_sel + n_drills - 1) % n_drills;
            }
            Action::Down if n_drills > 0 => self.drill_sel = (self.drill_sel + 1) % n_drills,
            Action::Left if n_packs > 0 => {
                self.pack_sel = (self.pack_sel + n_packs - 1) % n_packs;
                self.drill_sel = 0;
            }
            Action::Right if n_packs > 0 => {
                self.pack_sel = (self.pack_sel + 1) % n_packs;
                self.drill_sel = 0;
            }
            _ => {}
        }
    }
}

/// How long a drill is and what it asks: its length (字, phrases, messages or codes), the
/// time limit and the pass line, in one line.
pub fn drill_facts(pack: &Pack, d: &Drill) -> String {
    let codes = |group: &Option<String>, count: &Option<usize>| {
        let n = pack
            .templates
            .iter()
            .filter(|t| group.as_ref().is_none_or(|g| &t.group == g))
            .count();
        count.map_or(n, |c| c.min(n))
    };
    let mut facts = vec![match &*d.body {
        DrillBody::Text { text } => {
            let n = crate::text::grapheme_count(text).saturating_sub(text.matches('\n').count());
            tr!("{n} 字", "{n} characters")
        }
        DrillBody::Phrases { phrases, count, .. } => {
            let n = count.map_or(phrases.len(), |c| c.min(phrases.len()));
            tr!("{n} 句", "{n} phrases")
        }
        DrillBody::QuickReply {
            scenarios,
            target_seconds,
        } => tr!(
            "{} 条消息 · 目标 {target_seconds} 秒内回复",
            "{} messages · reply within {target_seconds} s",
            scenarios.len()
        ),
        DrillBody::Recall { group, count } | DrillBody::Recite { group, count } => {
            let n = codes(group, count);
            tr!("{n} 个编码", "{n} codes")
        }
        DrillBody::Shift(shift) => tr!(
            "{} 分钟 · {} 位顾客 · 目标 {} 秒内回复",
            "{} min · {} buyers · reply within {} s",
            shift.minutes,
            shift.buyers.len(),
            shift.target_seconds
        ),
    }];
    if let Some(s) = d.time_limit {
        facts.push(tr!("限时 {}", "{} limit", super::clock(u64::from(s))));
    }
    facts.push(match d.pass {
        Some(Pass::Typing { cpm, accuracy }) => tr!(
            "及格 {cpm} 字/分 · 准确率 {accuracy}%",
            "pass {cpm} cpm · {accuracy}% accuracy"
        ),
        Some(Pass::Reply { correct, seconds }) => tr!(
            "及格 正确 {correct}% · 平均响应 ≤ {seconds} 秒",
            "pass {correct}% right · mean response ≤ {seconds} s"
        ),
        Some(Pass::Codes { correct }) => tr!("及格 正确 {correct}%", "pass {correct}% right"),
        Some(Pass::Shift {
            reply_rate,
            seconds,
        }) => tr!(
            "及格 回复率 {reply_rate}% · 平均响应 ≤ {seconds} 秒",
            "pass {reply_rate}% replied · mean response ≤ {seconds} s"
        ),
        None => tr!("不设及格线", "no pass line"),
    });
    facts.join(" · ")
}

/// A drill's bests as its kind has them (PRODUCT.md "Figures by kind"): 字/分 for typing,
/// 击键/分 when pinyin practice is on, per cent right and response for answers.
pub fn best_line(f: &DrillFigures, kind: DrillKind, pinyin: bool) -> Option<String> {
    let secs = |ms: u64| ms as f64 / 1000.0;
    match kind {
        DrillKind::Text | DrillKind::Phrases if pinyin => f.pinyin.map(|b| {
            tr!(
                "  最好 {:.0} · 最近 {:.0} 击键/分",
                "  best {:.0} · last {:.0} keys/min",
                b.best,
                b.last
            )
        }),
        DrillKind::Text | DrillKind::Phrases => f.typing.map(|b| {
            tr!(
                "  最好 {:.0} · 最近 {:.0} 字/分",
                "  best {:.0} · last {:.0} cpm",
                b.best,
                b.last
            )
        }),
        DrillKind::QuickReply => f.answers.map(|b| match f.fastest_ms {
            Some(ms) => tr!(
                "  最好 正确 {:.0}% · 响应 {:.1} 秒",
                "  best {:.0}% right · {:.1} s response",
                b.best,
                secs(ms)
            ),
            None => tr!("  最好 正确 {:.0}%", "  best {:.0}% right", b.best),
        }),
        DrillKind::Shift => f.answers.map(|b| match f.fastest_ms {
            Some(ms) => tr!(
                "  最好 回复率 {:.0}% · 平均响应 {:.1} 秒",
                "  best {:.0}% replied · {:.1} s mean response",
                b.best,
                secs(ms)
            ),
            None => tr!("  最好 回复率 {:.0}%", "  best {:.0}% replied", b.best),
        }),
        DrillKind::Recall | DrillKind::Recite => f.answers.map(|b| {
            tr!(
                "  最好 正确 {:.0}% · 练过 {} 次",
                "  best {:.0}% right · done {} times",
                b.best,
                b.sessions
            )
        }),
    }
}

/// Where home's parts go: the title row, the packs (35 %) and the drills (65 %) beside
/// each other, the chosen drill's details under the drills (4 rows, when there are 12),
/// a notice row and the keys row. Worked out by hand, as ratatui's `Layout` would (a
/// test compares every size): its solver's first run was a seventh of a start's work to
/// home's first frame.
#[derive(Debug, PartialEq)]
struct Regions {
    top: Rect,
    packs: Rect,
    drills: Rect,
    /// Empty when the drills have fewer than 12 rows.
    details: Rect,
    notice: Rect,
    keys: Rect,
}

impl Regions {
    /// For an area of at least [`super::MIN_HEIGHT`] rows.
    fn of(area: Rect) -> Regions {
        let row = |y: u16| Rect {
            y: area.y + y,
            height: 1,
            ..area
        };
        let height = area.height.saturating_sub(3);
        let packs_width = ((u32::from(area.width) * 35 + 50) / 100) as u16;
        let right = Rect {
            x: area.x + packs_width,
            y: area.y + 1,
            width: area.width - packs_width,
            height,
        };
        let (drills, details) = if height >= 12 {
            let drills = Rect {
                height: height - 4,
                ..right
            };
            let details = Rect {
                y: drills.bottom(),
                height: 4,
                ..right
            };
            (drills, details)
        } else {
            (right, Rect::default())
        };
        Regions {
            top: row(0),
            packs: Rect {
                y: area.y + 1,
                width: packs_width,
                height,
                ..area
            },
            drills,
            details,
            notice: row(area.height.saturating_sub(2)),
            keys: row(area.height.saturating_sub(1)),
        }
    }
}

pub fn render(
    frame: &mut Frame,
    home: &Home,
    packs: &[Pack],
    figures: Option<&Bests>,
    student: Option<&str>,
) {
    let Regions {
        top,
        packs: packs_area,
        drills: drills_area,
        details: details_area,
        notice,
        keys,
    } = Regions::of(frame.area());
    let mut head = vec![Span::from(" 快打 kuaida").bold()];
    // On a shared PC the student checks this line before practising.
    let who = student.map_or_else(|| tr!("未设置学生", "no student set"), safe);
    head.push(Span::from(tr!("   学员：{}", "   student: {}", who)));
    head.push(Span::from(tr!("  u 换学生 · e 导出", "  u switch · e export")).dim());
    if home.everyone {
        head.push(
            Span::from(tr!("   显示全部学生", "   everyone's figures"))
                .fg(Color::Yellow)
                .bold(),
        );
    }
    if home.pinyin {
        head.push(
            Span::from(tr!("   拼音练习：开", "   pinyin practice: on"))
                .fg(Color::Cyan)
                .bold(),
        );
    }
    let head = Line::from(head);
    let head_w = head.width();
    frame.render_widget(head, top);
    // Today's goal at the right of the title line, where it does not cover the name.
    if let Some(g) = home
        .goal
        .as_ref()
        .filter(|g| head_w + g.line().width() + 3 <= usize::from(top.width))
    {
        let style = if g.met_today {
            Style::new().fg(Color::Green)
        } else {
            Style::new().fg(Color::Cyan)
        };
        frame.render_widget(
            Line::styled(format!("{} ", g.line()), style).right_aligned(),
            top,
        );
    }

    let mut items = Vec::new();
    let mut selected_row = None;
    let mut last_group: Option<&str> = None;
    for (pos, (group, i)) in home.order.iter().enumerate() {
        if last_group != Some(group.as_str()) {
            items.push(ListItem::new(Line::from(safe(group)).fg(Color::Yellow)));
            last_group = Some(group);
        }
        if pos == home.pack_sel {
            selected_row = Some(items.len());
        }
        let title = packs.get(*i).map_or(String::new(), |p| safe(&p.title));
        items.push(ListItem::new(format!("  {title}")));
    }
    let mut state = ListState::default().with_selected(selected_row);
    frame.render_stateful_widget(
        List::new(items)
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(tr!(" 练习包 ", " Packs ")),
            )
            .highlight_style(Style::new().add_modifier(Modifier::REVERSED)),
        packs_area,
        &mut state,
    );

    let pack = home.pack().and_then(|i| packs.get(i));
    let drills: Vec<ListItem> = pack
        .map(|p| {
            p.drills
                .iter()
                .map(|d| {
                    let mut spans = vec![Span::from(safe(&d.title))];
                    // The kind, unless the title already says it (…短句  短句).
                    let kind = kind_label(d.kind());
                    if !d.title.contains(kind.as_str()) {
                        spans.push(Span::from(format!("  {kind}")).dim());
                    }
                    if let Some(line) = figures
                        .and_then(|f| f.get(&(p.id.clone(), d.id.clone())))
                        .and_then(|f| best_line(f, d.kind(), home.pinyin))
                    {
                        spans.push(Span::from(line).fg(Color::Cyan));
                    }
                    ListItem::new(Line::from(spans))
                })
                .collect()
        })
        .unwrap_or_default();
    let mut title = pack.map_or(String::new(), |p| safe(&format!(" {} ", p.title)));
    if let Some(n) = pack.and_then(|p| home.due.get(&p.id)) {
        title.push_str(&tr!("· 待复习 {n} ", "· {n} codes due "));
    }
    let mut state =
        ListState::default().with_selected((!drills.is_empty()).then_some(home.drill_sel));
    frame.render_stateful_widget(
        List::new(drills)
            .block(Block::default().borders(Borders::ALL).title(title))
            .highlight_style(Style::new().add_modifier(Modifier::REVERSED))
            .highlight_symbol("▶ "),
        drills_area,
        &mut state,
    );
    if let Some((p, d)) = pack.and_then(|p| Some((p, p.drills.get(home.drill_sel)?)))
        && details_area.height > 0
    {
        let mut lines = Vec::new();
        if let Some(text) = &d.description {
            lines.push(Line::from(safe(text)));
        }
        lines.push(Line::from(drill_facts(p, d)).dim());
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: true })
                .block(Block::default().borders(Borders::ALL)),
            details_area,
        );
    }

    if packs.is_empty() {
        frame.render_widget(
            Paragraph::new(tr!("没有练习包。", "No packs.")).wrap(Wrap { trim: true }),
            notice,
        );
    } else if let Some(n) = &home.notice {
        frame.render_widget(
            Line::from(format!(" {}", safe(n))).fg(Color::Yellow),
            notice,
        );
    }
    // Most used first: an 80-column console cuts the end (F1 lists every key).
    let mut k = tr!(" Enter 开始", " Enter start");
    k.push_str(&if home.pinyin {
        tr!(" · p 关拼音", " · p pinyin off")
    } else {
        tr!(" · p 拼音", " · p pinyin")
    });
    k.push_str(&tr!(
        " · w 练弱字 · s 统计 · h 历史 · F1 帮助 · Esc 退出",
        " · w weak · s stats · h history · F1 help · Esc quit"
    ));
    if home.file_pack.is_some() {
        k.push_str(&tr!(" · i 安装打开的包", " · i install opened pack"));
    }
    frame.render_widget(Line::from(k).dim(), keys);
}

#[cfg(test)]
mod tests {
    use ratatui::layout::{Constraint, Layout};

    /// What the regions were as ratatui's `Layout` worked them out.
    fn by_layout(area: Rect) -> Regions {
        let [top, main, notice, keys] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(3),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let [packs, right] =
            Layout::horizontal([Constraint::Percentage(35), Constraint::Percentage(65)])
                .areas(main);
        // The details as `render` asked for them: below the drills when these have 12 rows.
        let [drills, details] = if right.height >= 12 {
            Layout::vertical([Constraint::Min(3), Constraint::Length(4)]).areas(right)
        } else {
            [right, Rect::default()]
        };
        Regions {
            top,
            packs,
            drills,
            details,
            notice,
            keys,
        }
    }

    #[test]
    fn the_regions_are_where_ratatuis_layout_puts_them_at_every_size() {
        for width in super::super::MIN_WIDTH..=400 {
            for height in [super::super::MIN_HEIGHT, 11, 12, 24, 30, 40, 41, 100, 300] {
                let area = Rect::new(3, 2, width, height);
                assert_eq!(Regions::of(area), by_layout(area), "{width}×{height}");
            }
        }
    }
    use super::*;
    use crate::pack::DrillBody;
    use crate::tui::screens::testing::{terminal, text};

    #[test]
    fn packs_follow_the_course_whatever_their_ids() {
        let base = crate::testing::pack_with(
            DrillBody::Text {
                text: "你好".into(),
            },
            None,
        );
        let tagged = |id: &str, tags: &[&str]| {
            let mut p = base.clone();
            p.id = id.into();
            p.tags = tags.iter().map(|t| t.to_string()).collect();
            p
        };
        let packs = vec![
            tagged("after-sale", &["售后"]),
            tagged("a-tests", &["测试", "客服认知"]),
            tagged("mine", &[]),
            tagged("typing", &["客服认知"]),
            tagged("care", &["客户关系"]),
            tagged("presale", &["售前"]),
        ];
        let home = Home::new(&packs, None);
        let ids: Vec<&str> = home
            .order
            .iter()
            .map(|(_, i)| packs[*i].id.as_str())
            .collect();
        assert_eq!(
            ids,
            ["typing", "presale", "after-sale", "care", "mine", "a-tests"]
        );
    }

    #[test]
    fn the_chosen_drill_says_what_it_is_and_no_row_repeats_its_kind() {
        let mut pack = crate::testing::pack_with(
            DrillBody::Phrases {
                phrases: vec!["亲，在的".into(), "好的".into(), "稍等".into()],
                order: Default::default(),
                count: Some(2),
            },
            Some(120),
        );
        pack.drills[0].title = "迎接 · 短句".into();
        pack.drills[0].description = Some("开场三句话".into());
        pack.drills[0].pass = Some(Pass::Typing {
            cpm: 50.0,
            accuracy: 95.0,
        });
        let packs = vec![pack];
        let home = Home::new(&packs, None);
        let mut term = terminal(100, 20);
        let frame = term
            .draw(|f| render(f, &home, &packs, None, None))
            .expect("draws");
        let shown = text(frame.buffer);
        assert!(shown.contains("开场三句话"), "{shown}");
        assert!(
            shown.contains("2 句 · 限时 2:00 · 及格 50 字/分 · 准确率 95%"),
            "{shown}"
        );
        assert!(!shown.contains("短句  短句"), "{shown}");
    }

    #[test]
    fn answer_drills_show_their_own_bests_never_a_speed() {
        let answers = DrillFigures {
            answers: Some(crate::store::Best {
                best: 87.5,
                last: 50.0,
                sessions: 3,
            }),
            fastest_ms: Some(4200),
            ..DrillFigures::default()
        };
        assert_eq!(
            best_line(&answers, DrillKind::QuickReply, false).as_deref(),
            Some("  最好 正确 88% · 响应 4.2 秒")
        );
        assert_eq!(
            best_line(&answers, DrillKind::Recall, false).as_deref(),
            Some("  最好 正确 88% · 练过 3 次")
        );
        assert_eq!(best_line(&answers, DrillKind::Text, false), None);
    }

    #[test]
    fn home_lists_packs_by_tag_and_drills_with_figures() {
        let mut a = crate::testing::pack_with(
            DrillBody::Text {
                text: "你好".into(),
            },
            None,
        );
        a.tags = vec!["售前".into()];
        let mut b = a.clone();
        b.id = "q".into();
        b.title = "第二包".into();
        b.tags = vec![];
        let packs = vec![a, b];
        let mut home = Home::new(&packs, None);
        let mut figures = Bests::new();
        figures.insert(
            ("p".into(), "d".into()),
            DrillFigures {
                typing: Some(crate::store::Best {
                    best: 88.0,
                    last: 70.0,
                    sessions: 2,
                }),
                pinyin: Some(crate::store::Best {
                    best: 300.0,
                    last: 250.0,
                    sessions: 1,
                }),
                ..DrillFigures::default()
            },
        );
        let mut term = terminal(100, 20);
        home.goal = Some(crate::stats::goal::GoalStatus {
            goal_minutes: 15,
            today_minutes: 12,
            met_today: false,
            streak_days: 3,
        });
        let frame = term
            .draw(|f| render(f, &home, &packs, Some(&figures), Some("小王")))
            .expect("draws");
        let shown = text(frame.buffer);
        let first = shown.lines().next().unwrap_or_default();
        assert!(first.contains("学员：小王"), "{first}");
        assert!(
            first.trim_end().ends_with("今日 12/15 分钟 · 连续 3 天"),
            "{first}"
        );
        for want in [
            "学员：小王  u 换学生 · e 导出",
            "售前",
            "测试包",
            "其他",
            "第二包",
            "跟打",
            "最好 88 · 最近 70 字/分",
        ] {
            assert!(shown.contains(want), "{want} missing in\n{shown}");
        }
        assert!(home.notice.is_none());
        // With pinyin practice on, the drill's pinyin best instead: never 击键 as 字.
        home.pinyin = true;
        let frame = term
            .draw(|f| render(f, &home, &packs, Some(&figures), Some("小王")))
            .expect("draws");
        let shown = text(frame.buffer);
        assert!(shown.contains("最好 300 · 最近 250 击键/分"), "{shown}");
        assert!(!shown.contains("字/分"), "{shown}");
        home.pinyin = false;
        let opened = Home::new(&packs, Some(1));
        assert_eq!(
            opened.notice.as_deref(),
            Some("打开了练习包文件「第二包」：按 i 安装到本机，以后在首页直接练")
        );
        home.navigate(Action::Right, &packs);
        assert_eq!(home.pack(), Some(1));
        home.navigate(Action::Right, &packs);
        assert_eq!(home.pack(), Some(0));
    }
}
