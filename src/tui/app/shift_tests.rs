//! A shift in the app, in-process on injected stamps: buyers arrive by the clock, the
//! second is answered first, Esc asks before ending, and what is saved is what the
//! results screen shows.

use super::tests::{bench, key, morning, screen_text, start};
use super::*;
use crate::figures::Body;
use crate::pack::{PackSource, load_text};
use crate::tui::main_loop::settle;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const PACK: &str = r#"
[pack]
id = "p"
title = "P"
version = "1"
[[template]]
code = "hy"
text = "亲，欢迎光临{店铺}"
[[template]]
code = "wl"
text = "亲，单号是{单号}"
[[drill]]
id = "s"
title = "早班"
kind = "shift"
minutes = 2
[[drill.buyer]]
name = "小鹿"
arrive = 0
card = { "店铺" = "小橙家居" }
[[drill.buyer.turn]]
customer = "在吗"
expect = ["hy"]
slots = { "店铺" = "小橙家居" }
[[drill.buyer]]
name = "阿杰"
arrive = 5
card = { "单号" = "123" }
[[drill.buyer.turn]]
customer = "我的快递呢"
expect = ["wl"]
slots = { "单号" = "123" }
"#;

fn shift_pack() -> Pack {
    load_text(
        PACK,
        "p.toml",
        PackSource::File {
            path: "p.toml".into(),
        },
    )
    .expect("valid")
}

fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

fn typed(s: &str) -> Vec<Event> {
    s.chars().map(|c| key(KeyCode::Char(c))).collect()
}

/// `/code`, Enter, Ctrl-O Enter (the card's first field into the placeholder), Enter.
fn reply(app: &mut App<'_>, at: Stamp, code: &str) {
    app.on_input(at, &typed(&format!("/{code}")));
    app.on_input(at, &[key(KeyCode::Enter)]);
    app.on_input(at, &[ctrl('o')]);
    app.on_input(at, &[key(KeyCode::Enter)]);
    app.on_input(at, &[key(KeyCode::Enter)]);
}

#[test]
fn a_shift_runs_on_the_clock_and_saves_what_its_results_show() {
    crate::i18n::set_lang(crate::i18n::Lang::Zh);
    let (ctx, mut world, _tmp) = bench();
    let t0 = morning();
    let mut app = start(&ctx, shift_pack(), t0);
    settle(&mut app, &mut world);
    assert!(screen_text(&app, t0).contains("班次 2 分钟"));
    app.on_input(t0, &[key(KeyCode::Enter)]);
    assert!(matches!(app.screen, Screen::Shift(_)));
    // 阿杰 comes at 5 s by the clock, with no key pressed.
    let at = |s: u64| t0.plus(Duration::from_secs(s));
    app.on_tick(at(6));
    let shown = screen_text(&app, at(6));
    assert!(shown.contains("阿杰") && shown.contains("●1"), "{shown}");
    // The second is answered first, then the first.
    app.on_input(at(7), &[ctrl('n')]);
    reply(&mut app, at(8), "wl");
    app.on_input(at(9), &[ctrl('g')]);
    reply(&mut app, at(10), "hy");
    // Esc asks; another key goes on.
    app.on_input(at(11), &[key(KeyCode::Esc)]);
    assert!(screen_text(&app, at(11)).contains("结束班次"));
    app.on_input(at(12), &typed("x"));
    assert!(app.question.is_none() && matches!(app.screen, Screen::Shift(_)));
    // The time runs out: saved, and the results are the saved record's.
    app.on_tick(at(121));
    settle(&mut app, &mut world);
    let Screen::Results(view, _) = &app.screen else {
        panic!("results")
    };
    let Body::Shift(f) = &view.figures.body else {
        panic!("shift figures")
    };
    assert!(view.figures.completed);
    assert_eq!(
        (f.wrote, f.replied, f.template_ok, f.slots_ok),
        (2, 2, 2, 2)
    );
    assert_eq!(f.first_response_ms, Some((3_000 + 10_000) / 2));
    let shown = screen_text(&app, at(121));
    assert!(
        shown.contains("班次成绩") && shown.contains("回复率"),
        "{shown}"
    );
    assert!(shown.contains("已保存到练习记录"), "{shown}");
    app.ask(Effect::LoadHistory(None));
    settle(&mut app, &mut world);
    let Screen::History(list) = &app.screen else {
        panic!("history")
    };
    assert_eq!(list.rows.len(), 1);
    assert!(list.rows[0].headline.cell(false).contains("回复 2/2"));
}

#[test]
fn ending_a_shift_early_saves_it_as_ended_early() {
    let (ctx, mut world, _tmp) = bench();
    let t0 = morning();
    let mut app = start(&ctx, shift_pack(), t0);
    app.on_input(t0, &[key(KeyCode::Enter)]);
    let at = |s: u64| t0.plus(Duration::from_secs(s));
    app.on_input(at(2), &typed("亲"));
    app.on_input(at(3), &[ctrl('c')]);
    assert!(!app.quitting(), "asked first");
    app.on_input(at(4), &[key(KeyCode::Enter)]);
    assert!(app.quitting());
    let saved = std::iter::from_fn(|| app.next_effect()).find_map(|e| match e {
        Effect::Save { record, .. } => Some(record),
        _ => None,
    });
    let record = saved.expect("saved on the way out");
    assert!(!record.completed);
    assert_eq!(record.duration_ms, 4_000);
    let _ = &mut world;
}

#[test]
fn ctrl_t_asks_for_a_note_then_passes_the_buyer_on() {
    crate::i18n::set_lang(crate::i18n::Lang::Zh);
    let (ctx, mut world, _tmp) = bench();
    let t0 = morning();
    let mut app = start(&ctx, shift_pack(), t0);
    settle(&mut app, &mut world);
    app.on_input(t0, &[key(KeyCode::Enter)]);
    let at = |s: u64| t0.plus(Duration::from_secs(s));
    // No note yet: the hint line says what to do, and nothing is handed over.
    app.on_input(at(1), &[ctrl('t')]);
    let shown = screen_text(&app, at(1));
    assert!(shown.contains("转接前先在输入框写好转接备注"), "{shown}");
    app.on_input(at(2), &typed("顾客要退货，请售后处理"));
    app.on_input(at(3), &[ctrl('t')]);
    let shown = screen_text(&app, at(3));
    assert!(
        shown.contains("已转接同事，备注：顾客要退货") && shown.contains("▶小鹿           已转接"),
        "{shown}"
    );
    // The hint says it no more once time has passed.
    assert!(!screen_text(&app, at(8)).contains("转接前先在输入框"));
}

const EVENING: &str = r#"
[pack]
id = "w"
title = "W"
version = "1"
[[template]]
code = "cfq"
group = "催付"
text = "亲，给您申请了一张优惠券，付款时能用"
[[template]]
code = "hy"
text = "亲，在的"
[[drill]]
id = "evening"
title = "晚班"
kind = "shift"
minutes = 2
starts = "20:30"
[[drill.buyer]]
name = "小鹿"
arrive = 0
[[drill.buyer.turn]]
customer = "在吗"
expect = ["hy"]
[[drill.order]]
buyer = "阿杰"
ordered = -25
items = "连帽卫衣"
amount = "¥129"
reason = "犹豫价格"
expect = ["cfq"]
"#;

#[test]
fn ctrl_f_lists_the_unpaid_orders_and_a_reminder_is_paid_then_noted() {
    crate::i18n::set_lang(crate::i18n::Lang::Zh);
    let (ctx, mut world, _tmp) = bench();
    let t0 = morning();
    let pack = load_text(
        EVENING,
        "w.toml",
        PackSource::File {
            path: "w.toml".into(),
        },
    )
    .expect("valid");
    let mut app = start(&ctx, pack, t0);
    settle(&mut app, &mut world);
    app.on_input(t0, &[key(KeyCode::Enter)]);
    let at = |s: u64| t0.plus(Duration::from_secs(s));
    app.on_input(at(1), &[ctrl('f')]);
    let shown = screen_text(&app, at(1));
    assert!(
        shown.contains("待付款订单") && shown.contains("阿杰 · 连帽卫衣 · ¥129"),
        "{shown}"
    );
    assert!(
        shown.contains("待付款 · 下单 25 分钟 · 原因：犹豫价格"),
        "{shown}"
    );
    // Enter opens the order: it joins the list, its 催付 is written there.
    app.on_input(at(2), &[key(KeyCode::Enter)]);
    let shown = screen_text(&app, at(2));
    assert!(shown.contains("▶催付·阿杰"), "{shown}");
    assert!(shown.contains("订单状态：待付款"), "{shown}");
    reply(&mut app, at(3), "cfq");
    app.on_tick(at(9));
    let shown = screen_text(&app, at(9));
    assert!(
        shown.contains("顾客已付款") && shown.contains("订单状态：已付款"),
        "{shown}"
    );
    app.on_input(at(10), &typed("用券后已付款"));
    app.on_input(at(11), &[ctrl('r')]);
    assert!(screen_text(&app, at(11)).contains("催付结果备注：用券后已付款"));
    app.on_tick(at(121));
    settle(&mut app, &mut world);
    let Screen::Results(view, _) = &app.screen else {
        panic!("results")
    };
    let Body::Shift(f) = &view.figures.body else {
        panic!("shift figures")
    };
    assert_eq!(
        (f.reminders, f.reminders_by_rules, f.paid, f.notes),
        (1, 1, 1, 1)
    );
    let shown = screen_text(&app, at(121));
    assert!(
        shown.contains("催付成功") && shown.contains("1/1"),
        "{shown}"
    );
}

#[test]
fn a_shift_cut_short_by_a_signal_is_saved_as_ended_then() {
    let (ctx, mut world, _tmp) = bench();
    let t0 = morning();
    let mut app = start(&ctx, shift_pack(), t0);
    settle(&mut app, &mut world);
    app.on_input(t0, &[key(KeyCode::Enter)]);
    let at = |s: u64| t0.plus(Duration::from_secs(s));
    app.on_input(at(2), &typed("亲"));
    // SIGTERM or a closing window: the loop quits at once, at this stamp.
    app.now = at(3);
    app.quit_now();
    let record = std::iter::from_fn(|| app.next_effect())
        .find_map(|e| match e {
            Effect::Save { record, .. } => Some(record),
            _ => None,
        })
        .expect("saved");
    assert!(!record.completed);
    assert_eq!(record.duration_ms, 3_000);
    assert_eq!(
        record.keystrokes.last().map(|k| &k.op),
        Some(&crate::record::Op::End),
        "the log says where it stopped, so verify replays it"
    );
}
