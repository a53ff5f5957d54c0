use super::*;
use crate::engine::{Batch, Key, Rules, Typing};
use crate::pack::DrillBody;
use crate::record::Student;
use crate::testing::pack_with;
use crate::tui::screens::testing::{terminal, text};

fn at() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339("2026-12-02T09:00:00+08:00").expect("time")
}

/// The results of a typing run as the app shows them: the recomputation of the record.
fn outcome(pack: &crate::pack::Pack, typing: &Typing, saved: SaveNote) -> ResultsView {
    let r = crate::engine::record::typing_record(
        pack,
        &pack.drills[0],
        &typing.summary(),
        typing.log(),
        Student::default(),
        at(),
    );
    ResultsView {
        pack: 0,
        pack_title: pack.title.clone(),
        drill: pack.drills[0].clone(),
        figures: Figures::of(&r),
        saved,
        card: CardInfo::default(),
    }
}

/// 亲在 typed in two commits one second apart: 120 字/分 at 100 %.
fn two_in_a_second(finish: bool) -> Summary {
    let target = if finish { "亲在" } else { "亲在吗" };
    let mut typing = Typing::new(&[target.to_string()], Rules::default());
    typing.apply(0, &Batch::Keys(vec![Key::Char('亲')]));
    typing.apply(1_000_000, &Batch::Keys(vec![Key::Char('在')]));
    typing.summary()
}

/// `n` 字 of 好, one a second (a finished drill of `n` seconds less one).
fn steady(n: usize) -> (crate::pack::Pack, Typing) {
    let text = "好".repeat(n);
    let pack = pack_with(DrillBody::Text { text: text.clone() }, None);
    let mut typing = Typing::new(&[text], Rules::default());
    for i in 0..n {
        typing.apply(i as u64 * 1_000_000, &Batch::Keys(vec![Key::Char('好')]));
    }
    (pack, typing)
}

#[test]
fn the_verdict_says_by_how_much() {
    let s = two_in_a_second(true);
    let over = Pass::Typing {
        cpm: 100.0,
        accuracy: 95.0,
    };
    assert_eq!(
        pass_verdict(&s, &over),
        "✓ 通过：字/分 高出 20.0，准确率 高出 5.0%"
    );
    let under = Pass::Typing {
        cpm: 150.0,
        accuracy: 100.0,
    };
    assert_eq!(pass_verdict(&s, &under), "✗ 未通过：字/分 差 30.0");
    assert_eq!(
        pass_verdict(&two_in_a_second(false), &over),
        "✗ 未通过：没有完成"
    );
}

/// `target` typed from `commits` (ms, keys; `\n` is Enter, `<` Backspace).
fn typed(target: &str, commits: &[(u64, &str)]) -> Summary {
    let mut typing = Typing::new(&[target.to_string()], Rules::default());
    for (ms, keys) in commits {
        let keys = keys
            .chars()
            .map(|c| match c {
                '\n' => Key::Enter,
                '<' => Key::Backspace,
                c => Key::Char(c),
            })
            .collect();
        typing.apply(ms * 1000, &Batch::Keys(keys));
    }
    typing.summary()
}

#[test]
fn a_line_break_typed_for_a_zi_is_listed_as_a_return_mark() {
    // Enter where the text has 的: a wrong input, listed as ↵, never as �.
    let s = typed(
        "好的的的的的",
        &[(0, "好"), (500, "\n"), (900, "<"), (1_000, "的的的的的")],
    );
    let lines = weak_lines(&s.chars).join("\n");
    assert!(lines.contains("常错：的→↵ ×1"), "{lines}");
    assert!(!lines.contains('\u{FFFD}'), "{lines}");
}

#[test]
fn weak_and_slow_lists_need_five_samples_and_single_commits() {
    // 在 missed once in 2: too few to call it weak; 的 once in 6: listed.
    let s = typed(
        "在在的的的的的的",
        &[
            (0, "再"),
            (300, "<"),
            (600, "在在"),
            (900, "地"),
            (1_200, "<"),
            (1_500, "的的的的的的"),
        ],
    );
    let lines = weak_lines(&s.chars).join("\n");
    assert!(lines.contains("常错：的→地 ×1"), "{lines}");
    assert!(!lines.contains("在→再"), "{lines}");
    // Slowest: 您 alone five times, 800 ms each but one 5 s pause (the median
    // stands); 好 only ever in commits of several 字, which say nothing of each.
    let s = typed(
        "好好您您您您您好好",
        &[
            (0, "好好"),
            (800, "您"),
            (1_600, "您"),
            (6_600, "您"),
            (7_400, "您"),
            (8_200, "您"),
            (12_000, "好好"),
        ],
    );
    let lines = weak_lines(&s.chars).join("\n");
    assert_eq!(lines, "最慢：您 800ms");
}

#[test]
fn consistency_without_two_whole_windows_is_a_dash() {
    let row = |o: &ResultsView| {
        figure_lines(o)
            .iter()
            .map(|l| l.to_string())
            .find(|l| l.starts_with("稳定度"))
            .unwrap_or_default()
    };
    // One second of Chinese: not a single whole 5-second window.
    let pack = pack_with(
        DrillBody::Text {
            text: "亲在".into(),
        },
        None,
    );
    let mut typing = Typing::new(&["亲在".to_string()], Rules::default());
    typing.apply(0, &Batch::Keys(vec![Key::Char('亲')]));
    typing.apply(1_000_000, &Batch::Keys(vec![Key::Char('在')]));
    let o = outcome(&pack, &typing, SaveNote::History);
    assert_eq!(row(&o).split_whitespace().last(), Some("—"), "{}", row(&o));
    // Two whole windows: the figure itself.
    let pack = pack_with(
        DrillBody::Text {
            text: "亲在吗".into(),
        },
        None,
    );
    let mut typing = Typing::new(&["亲在吗".to_string()], Rules::default());
    for (i, c) in "亲在吗".chars().enumerate() {
        typing.apply(i as u64 * 5_000_000, &Batch::Keys(vec![Key::Char(c)]));
    }
    let o = outcome(&pack, &typing, SaveNote::History);
    assert_eq!(
        row(&o).split_whitespace().last(),
        Some("100%"),
        "{}",
        row(&o)
    );
}

#[test]
fn a_recall_drill_shows_the_share_right_not_typing_speed() {
    use crate::reply::recall::{Prompt, RecallItem, RecallKey, RecallSession};
    let pack = pack_with(
        DrillBody::Recall {
            group: None,
            count: None,
        },
        None,
    );
    let item = |code: &str| RecallItem {
        code: code.into(),
        group: "售前".into(),
        prompt: Prompt::Reply("亲，在的".into()),
        text: "亲，在的".into(),
        accept: vec![code.into()],
    };
    let mut s = RecallSession::new(vec![item("hy"), item("fh")], None);
    s.start(0);
    let keys = |t: &str| {
        t.chars()
            .map(RecallKey::Char)
            .chain([RecallKey::Enter])
            .collect::<Vec<_>>()
    };
    s.apply(3_000_000, &keys("hy"));
    s.apply(9_000_000, &keys("fx"));
    let r = s.record(&pack, &pack.drills[0], "id".into(), at());
    let o = ResultsView {
        pack: 0,
        pack_title: pack.title.clone(),
        drill: pack.drills[0].clone(),
        figures: Figures::of(&r),
        saved: SaveNote::History,
        card: CardInfo::default(),
    };
    let mut term = terminal(100, 30);
    let frame = term.draw(|f| render(f, &o, false)).expect("draws");
    let shown = text(frame.buffer);
    for want in ["答对率        50.0%", "答对  1/2", "再练  /fh", "正确 1/2"] {
        assert!(shown.contains(want), "{want} missing in:\n{shown}");
    }
    for typing_only in ["字/分", "稳定度", "退格", "等级"] {
        assert!(!shown.contains(typing_only), "{typing_only} in:\n{shown}");
    }
}

#[test]
fn an_exam_verdict_is_shown_whole() {
    let mut pack = pack_with(
        DrillBody::Text {
            text: "亲在".into(),
        },
        Some(60),
    );
    pack.drills[0].pass = Some(Pass::Typing {
        cpm: 100.0,
        accuracy: 95.0,
    });
    let mut typing = Typing::new(
        &["亲在".to_string()],
        Rules {
            strict: false,
            time_limit_us: Some(60_000_000),
            shown_not_typed: false,
        },
    );
    typing.apply(0, &Batch::Keys(vec![Key::Char('亲')]));
    typing.apply(1_000_000, &Batch::Keys(vec![Key::Char('在')]));
    let o = outcome(&pack, &typing, SaveNote::History);
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
    assert!(shown.contains("样本不足"), "two 字 in a second: {shown}");
}

#[test]
fn results_show_title_figures_weak_chars_and_where_saved() {
    let pack = pack_with(
        DrillBody::Text {
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
    let o = outcome(
        &pack,
        &typing,
        SaveNote::Fallback(PathBuf::from("/tmp/x.json")),
    );
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
        "/tmp/x.json",
        "r/Enter 再练一次",
    ] {
        assert!(shown.contains(want), "{want} missing in\n{shown}");
    }
    // 在 typed twice, once wrong: too few samples to call it weak.
    assert!(!shown.contains("常错"), "{shown}");
}

/// A finished drill of 61 字 in a minute at 100 %, with a pass line, as the card shows it.
fn carded(pass: Option<Pass>) -> ResultsView {
    let (mut pack, typing) = steady(61);
    pack.drills[0].pass = pass;
    let mut o = outcome(&pack, &typing, SaveNote::History);
    o.card = CardInfo {
        student: Some("王小美".into()),
        date: "2026-12-02".into(),
        goal: Some(crate::stats::goal::GoalStatus {
            goal_minutes: 15,
            today_minutes: 16,
            met_today: true,
            streak_days: 4,
        }),
    };
    o
}

#[test]
fn the_result_card_fits_beside_every_figure_at_100x30_and_80x24() {
    let o = carded(Some(Pass::Typing {
        cpm: 50.0,
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
            "61.0 字/分  准确率 100.0%",
            "✓ 通过 · 达到 60 字/分 等级",
            "今日 16/15 分钟 · 连续 4 天",
            // The figures column and the keys are all still there.
            "净字/分",
            "稳定度",
            "用时",
            "✓ 通过：字/分 高出 11.0",
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
            crate::tui::screens::chat_results::panel_area(ratatui::layout::Rect::new(0, 0, w, h));
        assert!(
            card_row as u16 >= panel.bottom(),
            "{w}×{h}: card at row {card_row}"
        );
    }
}

#[test]
fn the_card_says_not_passed_or_the_level_and_leaves_out_an_unknown_streak() {
    let mut o = carded(Some(Pass::Typing {
        cpm: 100.0,
        accuracy: 95.0,
    }));
    o.card.goal = None;
    o.card.student = None;
    let lines: Vec<String> = card::lines(&o, &o.card, 30)
        .iter()
        .map(|l| l.to_string())
        .collect();
    assert_eq!(lines[2], "61.0 字/分  准确率 100.0%");
    assert_eq!(lines[3], "✗ 未通过 · 达到 60 字/分 等级");
    assert_eq!(lines.len(), 4, "{lines:?}");
    let no_pass = carded(None);
    let lines = card::lines(&no_pass, &no_pass.card, 30);
    assert_eq!(lines[3].to_string(), "达到 60 字/分 等级");
    // A long name is cut so the date still shows on its line.
    o.card.student = Some("一二三四五六七八九十一二三四五六七八九十".into());
    let first = card::lines(&o, &o.card, 30)[0].to_string();
    assert!(first.ends_with("2026-12-02"), "{first}");
    assert!(
        unicode_width::UnicodeWidthStr::width(first.as_str()) <= 30,
        "{first}"
    );
}

/// Issue 14, case 5: the 80 字/分 level was awarded by an 8-second drill.
#[test]
fn a_short_drill_earns_no_level_and_says_small_sample() {
    let (pack, typing) = steady(9);
    let o = outcome(&pack, &typing, SaveNote::History);
    assert!(o.figures.small);
    let lines: Vec<String> = card::lines(&o, &o.card, 34)
        .iter()
        .map(|l| l.to_string())
        .collect();
    assert_eq!(lines[3], "样本不足", "{lines:?}");
    let (pack, typing) = steady(30);
    let o = outcome(&pack, &typing, SaveNote::History);
    assert!(!o.figures.small);
    let lines: Vec<String> = card::lines(&o, &o.card, 34)
        .iter()
        .map(|l| l.to_string())
        .collect();
    assert_eq!(lines[3], "完成", "30 s earns no level: {lines:?}");
}
