use super::*;
use crate::engine::{Batch, Key, Rules};
use crate::pack::{DrillBody, PackSource};
use crate::reply::recall::RecallKey;
use crate::testing::template;
use crate::tui::runs::codes::{CodeRun, CodeSession};
use crate::tui::screens::testing::{rows, terminal, text};
use chrono::NaiveDate;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

fn pack(body: DrillBody) -> Pack {
    let mut p = crate::testing::pack_with(body, None);
    p.source = PackSource::Generated;
    p.templates = vec![template(
        "zd",
        "售前",
        "亲，在的呢[微笑]请问有什么可以帮您？",
    )];
    p
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 2).expect("date")
}

#[test]
fn the_recall_screen_shows_the_reply_and_the_cursor_after_the_code() {
    let p = pack(DrillBody::Recall {
        group: None,
        count: None,
    });
    let mut run = CodeRun::new(0, &p, &p.drills[0], &[], today(), 1).expect("recall runs");
    let t0 = Instant::now();
    run.begin(crate::testing::stamp(t0));
    let CodeSession::Recall(s) = &mut run.session else {
        panic!("recall");
    };
    s.apply(10, &[RecallKey::Char('z')]);
    let mut term = terminal(80, 24);
    let frame = term
        .draw(|f| render(f, &run, t0, AmbiWidth::Narrow))
        .expect("draws");
    let shown = text(frame.buffer);
    for want in [
        "测试包 · 跟打",
        "第 1/1 题",
        "这条回复的编码是",
        "亲，在的呢[微笑]请问有什么可以帮您？",
        "分组：售前",
        "编码  /z",
        "Enter 确认",
    ] {
        assert!(shown.contains(want), "{want} missing in\n{shown}");
    }
    let row = rows(frame.buffer)
        .iter()
        .position(|r| r.contains("编码  /z"))
        .expect("answer row") as u16;
    term.backend_mut().assert_cursor_position((10, row));
    // Chinese typed where a code goes: the input method is on.
    if let CodeSession::Recall(s) = &mut run.session {
        s.apply(20, &[RecallKey::Char('好')]);
    }
    let frame = term
        .draw(|f| render(f, &run, t0, AmbiWidth::Narrow))
        .expect("draws");
    assert!(text(frame.buffer).contains("请切换到英文输入"));
}

#[test]
fn a_miss_shows_the_right_code_and_the_reply() {
    let p = pack(DrillBody::Recall {
        group: None,
        count: None,
    });
    let mut p2 = p.clone();
    p2.templates.push(template(
        "fh",
        "售后",
        "亲，您的包裹已经发出，请留意物流哦～",
    ));
    let mut run = CodeRun::new(0, &p2, &p2.drills[0], &[], today(), 3).expect("recall runs");
    let t0 = Instant::now();
    run.begin(crate::testing::stamp(t0));
    let first = match &run.session {
        CodeSession::Recall(s) => s.current().map(|(i, _)| i.code.clone()),
        _ => None,
    }
    .expect("an item");
    let key = |c| Event::Key(KeyEvent::new(c, KeyModifiers::NONE));
    let events = vec![key(KeyCode::Char('q')), key(KeyCode::Enter)];
    run.on_events(
        crate::testing::stamp(t0 + std::time::Duration::from_millis(1500)),
        &events,
    );
    let mut term = terminal(80, 24);
    let frame = term
        .draw(|f| render(f, &run, t0, AmbiWidth::Narrow))
        .expect("draws");
    let shown = text(frame.buffer);
    assert!(
        shown.contains(&format!("✗ 应为 /{first}（你打了 /q）   1.5 秒")),
        "{shown}"
    );
    assert!(shown.contains("第 2/2 题"), "{shown}");
}

#[test]
fn recite_lays_out_typed_text_and_shows_tokens_it_has_reached() {
    let item =
        crate::reply::recite::ReciteItem::of(&template("fh", "售后", "亲，单号{单号}[微笑]已发出"));
    let typed: Vec<Typed> = ["亲", "，", "单", "好"]
        .iter()
        .map(|g| Typed {
            text: g.to_string(),
            ok: *g != "好",
        })
        .collect();
    let laid = lay_out_recite(&item, &typed[..3], false, 40, AmbiWidth::Narrow);
    let drawn: String = laid.cells.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(drawn, "亲，单");
    assert_eq!(laid.cursor, (6, 0));
    // Once 号 is typed the placeholder and the 表情 after it are shown; the cursor
    // goes after them.
    let mut all = typed[..3].to_vec();
    all.push(Typed {
        text: "号".into(),
        ok: true,
    });
    let laid = lay_out_recite(&item, &all, false, 40, AmbiWidth::Narrow);
    let drawn: String = laid.cells.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(drawn, "亲，单号{单号}[微笑]");
    assert_eq!(laid.cursor, (8 + 6 + 6, 0));
    // A wrong grapheme is drawn red.
    let laid = lay_out_recite(&item, &typed, false, 40, AmbiWidth::Narrow);
    assert_eq!(laid.cells[3].text, "好");
    assert_eq!(laid.cells[3].style.bg, Some(Color::Red));
    // After Tab the rest is shown dimmed; narrow widths wrap without splitting a 字.
    let laid = lay_out_recite(&item, &typed[..1], true, 8, AmbiWidth::Narrow);
    let drawn: String = laid.cells.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(drawn, "亲，单号{单号}[微笑]已发出");
    assert!(laid.lines > 1);
    assert_eq!(laid.cursor, (2, 0));
}

#[test]
fn the_recite_screen_shows_the_code_not_the_reply() {
    let p = pack(DrillBody::Recite {
        group: None,
        count: None,
    });
    let mut run = CodeRun::new(0, &p, &p.drills[0], &[], today(), 1).expect("recite runs");
    let t0 = Instant::now();
    run.begin(crate::testing::stamp(t0));
    assert!(run.start.is_none(), "recite starts at the first key");
    let CodeSession::Recite(s) = &mut run.session else {
        panic!("recite");
    };
    s.apply(0, &Batch::Keys("亲，在".chars().map(Key::Char).collect()));
    let mut term = terminal(80, 24);
    let frame = term
        .draw(|f| render(f, &run, t0, AmbiWidth::Narrow))
        .expect("draws");
    let shown = text(frame.buffer);
    for want in [
        "/zd",
        "分组：售前",
        "默写这条短语",
        "已打 3/15 字",
        "Tab 看答案",
    ] {
        assert!(shown.contains(want), "{want} missing in\n{shown}");
    }
    assert!(
        !shown.contains("请问有什么"),
        "the reply is not shown\n{shown}"
    );
    let row = rows(frame.buffer)
        .iter()
        .position(|r| r.starts_with("  亲，在"))
        .expect("typed row") as u16;
    term.backend_mut().assert_cursor_position((8, row));
    let _ = Rules::default();
}

#[test]
fn the_results_panel_lists_the_codes_to_practise_again() {
    let p = pack(DrillBody::Recall {
        group: None,
        count: None,
    });
    let mut run = CodeRun::new(0, &p, &p.drills[0], &[], today(), 1).expect("recall runs");
    run.begin(crate::testing::stamp(Instant::now()));
    if let CodeSession::Recall(s) = &mut run.session {
        s.apply(5, &[RecallKey::Enter]);
    }
    assert!(run.is_over());
    // The panel is drawn from the saved record's recomputation, after the drill and
    // when history reopens it alike.
    let r = run.record(&p, crate::record::Student::default());
    let crate::figures::Body::Recall(codes) = crate::figures::Figures::of(&r).body else {
        panic!("a recall record")
    };
    let panel = crate::tui::screens::codes_results::CodePanel::recall(&codes);
    let mut term = terminal(60, 10);
    let frame = term
        .draw(|f| {
            let area = f.area();
            panel.render(f.buffer_mut(), area)
        })
        .expect("draws");
    let shown = text(frame.buffer);
    assert!(shown.contains("答对  0/1"), "{shown}");
    assert!(shown.contains("再练  /zd"), "{shown}");
    assert!(shown.contains("未练到  0"), "{shown}");
}

#[test]
fn home_shows_how_many_codes_are_due() {
    let p = pack(DrillBody::Text { text: "亲".into() });
    let mut packs = vec![p];
    crate::reply::codes::offer_code_drills(&mut packs);
    let mut home = crate::tui::screens::home::Home::new(&packs, None);
    home.due.insert("p".into(), 12);
    let mut term = terminal(100, 12);
    let frame = term
        .draw(|f| crate::tui::screens::home::render(f, &home, &packs, None, None))
        .expect("draws");
    let shown = text(frame.buffer);
    assert!(shown.contains("测试包 · 待复习 12"), "{shown}");
    assert!(shown.contains("编码回想（全部短语）"), "{shown}");
    assert!(!shown.contains("编码回想（全部短语）  编码回想"), "{shown}");
    assert!(!shown.contains("即将推出"), "{shown}");
}

#[test]
fn f1_on_the_chat_screen_lists_its_keys() {
    use crate::tui::screens::help::{HelpFor, lines};
    crate::i18n::set_lang(crate::i18n::Lang::Zh);
    let all = lines(HelpFor::Chat).join("\n");
    for key in ["/ ", "↑/↓", "Enter", "Tab", "Ctrl-O", "Esc", "F1"] {
        assert!(all.contains(key), "{key} missing in\n{all}");
    }
}
