//! The agent's own work in a shift: 催付 judged by the rules and paid by the script,
//! 催付结果备注, 关怀 events; figures from the record, and the replay.

use super::replay::{Replay, replay};
use super::work::ORDER_FIELD;
use super::*;
use crate::figures::{Body, Figures};
use crate::pack::{DrillBody, Pack, PackSource, load_text};
use crate::reply::reply_box::ReplyKey;

const S: u64 = 1_000_000;
const MIN: u64 = 60 * S;

/// A 20:30 evening: one buyer; three unpaid orders (阿杰's due for a 催付, 小雨's too
/// fresh, 老王's refused); 小鹿's parcel signed for at 20 s.
const PACK: &str = r#"
[pack]
id = "w"
title = "W"
version = "1"
[[template]]
code = "hy"
text = "亲，在的"
[[template]]
code = "cf"
group = "催付"
text = "亲，您的订单还没付款，今天付款今天发货哦"
[[template]]
code = "cfq"
group = "催付"
text = "亲，给您申请了一张优惠券，付款时能用"
[[template]]
code = "gh"
text = "亲，包裹签收了，用着有问题随时找我"

[[drill]]
id = "evening"
title = "晚班"
kind = "shift"
minutes = 10
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
expect = ["cf", "cfq"]
pays_if = ["cfq"]
remind_after = 10

[[drill.order]]
buyer = "小雨"
ordered = -3
items = "碎花裙"
amount = "¥89"
reason = "忘了付款"
expect = ["cf"]

[[drill.order]]
buyer = "老王"
ordered = -60
items = "毛衣"
amount = "¥199"
reason = "不想要了"
expect = ["cf"]
refused = true

[[drill.care]]
buyer = "小鹿"
at = 20
event = "包裹已签收"
expect = ["gh"]
"#;

fn pack() -> Pack {
    load_text(
        PACK,
        "w.toml",
        PackSource::File {
            path: "w.toml".into(),
        },
    )
    .expect("valid")
}

fn session(p: &Pack) -> ShiftSession {
    let DrillBody::Shift(shift) = DrillBody::clone(&p.drills[0].body) else {
        panic!("a shift")
    };
    ShiftSession::new(shift, p.templates.clone(), 1)
}

fn send(s: &mut ShiftSession, t: u64, code: &str) {
    s.apply(
        t,
        &ReplyBatch::Keys(format!("/{code}").chars().map(ReplyKey::Char).collect()),
    );
    s.apply(t, &ReplyBatch::Keys(vec![ReplyKey::Enter]));
    s.apply(t, &ReplyBatch::Keys(vec![ReplyKey::Enter]));
}

fn write(s: &mut ShiftSession, t: u64, text: &str) {
    s.apply(
        t,
        &ReplyBatch::Keys(text.chars().map(ReplyKey::Char).collect()),
    );
}

fn figures(p: &Pack, s: &ShiftSession) -> (crate::record::SessionRecord, ShiftFigures) {
    let at = chrono::DateTime::parse_from_rfc3339("2026-12-07T20:30:00+08:00").unwrap();
    let r = shift_record(p, &p.drills[0], s, "w-1".into(), at);
    let Body::Shift(f) = Figures::of(&r).body else {
        panic!("a shift")
    };
    (r, f)
}

/// The evening worked: 阿杰 reminded with the coupon (paid), a note; 小雨 reminded too
/// early; 老王 reminded though he refused; 小鹿's care message.
fn worked(p: &Pack) -> ShiftSession {
    let mut s = session(p);
    send(&mut s, 2 * S, "hy");
    let jie = s.order_conversation(0);
    assert!(s.focus_on(3 * S, jie), "an order opens from the list");
    send(&mut s, 4 * S, "cfq");
    s.advance(10 * S);
    write(&mut s, 11 * S, "已催付，顾客用券后付款");
    assert!(s.note(12 * S));
    s.focus_on(13 * S, s.order_conversation(1));
    send(&mut s, 14 * S, "cf");
    s.focus_on(15 * S, s.order_conversation(2));
    send(&mut s, 16 * S, "cf");
    s.advance(21 * S);
    let care = s.list().last().copied().expect("the care event came");
    s.focus_on(22 * S, care);
    send(&mut s, 23 * S, "gh");
    s.advance(10 * MIN);
    s
}

#[test]
fn a_reminder_by_the_rules_with_the_right_phrase_is_paid_and_noted() {
    let p = pack();
    let s = worked(&p);
    let jie = s.conversation(s.order_conversation(0)).unwrap();
    assert!(jie.lines.iter().any(|l| matches!(l, Line::Paid { .. })));
    assert!(
        jie.card
            .contains(&(ORDER_FIELD.to_string(), "已付款".to_string()))
    );
    assert!(jie.lines.iter().any(|l| matches!(l, Line::Note { .. })));
    let paid_at = s
        .log()
        .iter()
        .find(|k| matches!(k.op, Op::Paid { .. }))
        .map(|k| k.t_us);
    assert_eq!(
        paid_at,
        Some(4 * S + work::PAY_AFTER_US),
        "by the script, 5 s later"
    );
}

#[test]
fn reminders_against_the_rules_are_said_and_never_paid() {
    let p = pack();
    let s = worked(&p);
    let rule = |i: usize| {
        s.conversation(s.order_conversation(i))
            .unwrap()
            .lines
            .iter()
            .find_map(|l| match l {
                Line::Rule { text, .. } => Some(text.clone()),
                _ => None,
            })
    };
    crate::i18n::set_lang(crate::i18n::Lang::Zh);
    assert!(rule(0).is_none());
    assert!(rule(1).is_some_and(|t| t.contains("太早")), "{:?}", rule(1));
    assert!(
        rule(2).is_some_and(|t| t.contains("不要了")),
        "{:?}",
        rule(2)
    );
    assert_eq!(
        s.log()
            .iter()
            .filter(|k| matches!(k.op, Op::Paid { .. }))
            .count(),
        1
    );
}

#[test]
fn the_figures_of_the_work_come_from_the_record() {
    let p = pack();
    let s = worked(&p);
    let (r, f) = figures(&p, &s);
    assert_eq!(f.unpaid, 3);
    assert_eq!(
        (f.reminders, f.reminders_by_rules, f.reminders_fit),
        (3, 1, 3)
    );
    assert_eq!((f.paid, f.notes), (1, 1));
    assert_eq!((f.cares_due, f.cares_sent, f.cares_right), (1, 1, 1));
    // The buyers' own figures are the buyer's: 小鹿 wrote and was answered.
    assert_eq!((f.wrote, f.replied, f.replies), (1, 1, 1));
    // A second 催付 of a paid order cannot be sent; of an unpaid one, it is Twice.
    let json = serde_json::to_string(&r).unwrap();
    let back: crate::record::SessionRecord = serde_json::from_str(&json).unwrap();
    assert_eq!(Figures::of(&back), Figures::of(&r));
}

#[test]
fn a_second_reminder_breaks_the_rules_and_quiet_hours_are_kept() {
    let p = pack();
    let mut s = session(&p);
    // 阿杰 reminded without the coupon: by the rules, not paid; then again: twice.
    let jie = s.order_conversation(0);
    s.focus_on(S, jie);
    send(&mut s, 2 * S, "cf");
    send(&mut s, 30 * S, "cf");
    let (_, f) = figures(&p, &s);
    assert_eq!((f.reminders, f.reminders_by_rules), (2, 1));
    // The same evening starting at 21:58: 22:05 is quiet.
    let late = PACK.replace("starts = \"20:30\"", "starts = \"21:58\"");
    let p = load_text(
        &late,
        "w.toml",
        PackSource::File {
            path: "w.toml".into(),
        },
    )
    .unwrap();
    let mut s = session(&p);
    s.focus_on(S, s.order_conversation(0));
    send(&mut s, 7 * MIN, "cfq");
    s.advance(9 * MIN);
    assert!(!s.log().iter().any(|k| matches!(k.op, Op::Paid { .. })));
}

#[test]
fn a_note_needs_a_reminder_first_and_words() {
    let p = pack();
    let mut s = session(&p);
    s.focus_on(S, s.order_conversation(0));
    write(&mut s, 2 * S, "备注");
    assert!(!s.note(3 * S), "no 催付 yet");
    s.apply(4 * S, &ReplyBatch::Keys(vec![ReplyKey::Backspace; 2]));
    send(&mut s, 5 * S, "cf");
    assert!(!s.note(6 * S), "nothing written");
    write(&mut s, 7 * S, "顾客说晚点付");
    assert!(s.note(8 * S));
}

#[test]
fn the_evening_replays_to_the_same_record() {
    let p = pack();
    let s = worked(&p);
    let (r, _) = figures(&p, &s);
    let DrillBody::Shift(shift) = &*p.drills[0].body else {
        panic!()
    };
    let mut meter = crate::cost::Meter::new(1_000_000);
    let Replay::Replayed(again) = replay(shift, &p.templates, s.seed(), &r.keystrokes, &mut meter)
    else {
        panic!("replays")
    };
    assert_eq!(figures(&p, &again).0, r);
    // A payment the script never gives is caught.
    let mut forged = r.keystrokes.clone();
    let i = forged
        .iter()
        .position(|k| k.op == Op::Send && k.t_us == 14 * S)
        .unwrap();
    forged.insert(
        i + 1,
        crate::record::Keystroke {
            t_us: 19 * S,
            op: Op::Paid {
                conversation: s.order_conversation(1),
            },
        },
    );
    let out = replay(
        shift,
        &p.templates,
        s.seed(),
        &forged,
        &mut crate::cost::Meter::new(1_000_000),
    );
    assert!(matches!(out, Replay::Stuck { .. }), "{out:?}");
}

#[test]
fn the_pack_reads_and_writes_its_work() {
    let p = pack();
    let DrillBody::Shift(shift) = &*p.drills[0].body else {
        panic!()
    };
    assert_eq!(shift.starts, 20 * 60 + 30);
    assert_eq!(shift.quiet, (22 * 60, 8 * 60));
    assert_eq!(shift.orders.len(), 3);
    assert_eq!(
        shift.orders[1].pays_if,
        ["cf"],
        "pays_if defaults to expect"
    );
    assert!(shift.orders[2].refused);
    assert_eq!(shift.cares[0].at, 20);
    let again = load_text(
        &crate::pack::write::to_toml(&p, &[]),
        "w.toml",
        PackSource::File {
            path: "w.toml".into(),
        },
    )
    .expect("written back");
    assert_eq!(again.drills[0].body, p.drills[0].body);
}

#[test]
fn pays_if_names_reminder_phrases_of_expect_only() {
    let bad = PACK.replace(
        "pays_if = [\"cfq\"]",
        "pays_if = [\"hy\", \"gh\"]\nslots = {}",
    );
    let err = load_text(
        &bad,
        "w.toml",
        PackSource::File {
            path: "w.toml".into(),
        },
    )
    .expect_err("refused")
    .iter()
    .map(|p| p.message.clone())
    .collect::<Vec<_>>()
    .join("\n");
    assert!(err.contains("\"hy\"") && err.contains("催付"), "{err}");
    assert!(err.contains("\"gh\""), "{err}");
    let bad_clock = PACK.replace("starts = \"20:30\"", "starts = \"25:00\"");
    let err = load_text(
        &bad_clock,
        "w.toml",
        PackSource::File {
            path: "w.toml".into(),
        },
    )
    .expect_err("refused")
    .iter()
    .map(|p| p.message.clone())
    .collect::<Vec<_>>()
    .join("\n");
    assert!(err.contains("25:00"), "{err}");
}

#[test]
fn verify_finds_the_evening_as_the_teachers_pack_has_it() {
    let p = pack();
    let s = worked(&p);
    let (r, _) = figures(&p, &s);
    let checked = crate::verify::check(&r, std::slice::from_ref(&p));
    assert!(checked.problems.is_empty(), "{:?}", checked.problems);
    // The teacher's pack allows a 催付 only 20 minutes after the order: the student's
    // copy said 10, so the rules differ.
    let strict = PACK.replace("remind_after = 10\n", "remind_after = 20\n");
    let teacher = load_text(
        &strict,
        "w.toml",
        PackSource::File {
            path: "w.toml".into(),
        },
    )
    .expect("valid");
    let checked = crate::verify::check(&r, std::slice::from_ref(&teacher));
    assert!(!checked.problems.is_empty());
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Act {
        Type(char),
        Code(&'static str),
        Card(usize),
        Key(ReplyKey),
        Open(usize),
        Next,
        Note,
    }

    fn act() -> impl Strategy<Value = Act> {
        prop_oneof![
            prop::sample::select(vec!['亲', '付', 'x']).prop_map(Act::Type),
            prop::sample::select(vec!["hy", "cf", "cfq", "gh"]).prop_map(Act::Code),
            (0usize..3).prop_map(Act::Card),
            prop::sample::select(vec![
                ReplyKey::Enter,
                ReplyKey::Backspace,
                ReplyKey::Tab,
                ReplyKey::Esc,
            ])
            .prop_map(Act::Key),
            (0usize..3).prop_map(Act::Open),
            Just(Act::Next),
            Just(Act::Note),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Whatever the student does with orders, notes and care, the saved log replays
        /// to the same record and the figures hold together.
        #[test]
        fn any_evening_replays_to_the_same_record(
            acts in prop::collection::vec((0u64..200, act()), 0..50),
        ) {
            let p = pack();
            let mut s = session(&p);
            let mut t = 0;
            for (gap, a) in &acts {
                t += gap * 1_000_000;
                match a {
                    Act::Type(c) => { s.apply(t, &ReplyBatch::Keys(vec![ReplyKey::Char(*c)])); }
                    Act::Code(code) => {
                        s.apply(t, &ReplyBatch::Keys(format!("/{code}").chars().map(ReplyKey::Char).collect()));
                        s.apply(t, &ReplyBatch::Keys(vec![ReplyKey::Enter]));
                    }
                    Act::Card(row) => {
                        let mut batch = vec![ReplyKey::Card];
                        batch.extend(std::iter::repeat_n(ReplyKey::Down, *row));
                        batch.push(ReplyKey::Enter);
                        s.apply(t, &ReplyBatch::Keys(batch));
                    }
                    Act::Key(k) => { s.apply(t, &ReplyBatch::Keys(vec![*k])); }
                    Act::Open(i) => { s.focus_on(t, s.order_conversation(*i)); }
                    Act::Next => { s.focus_step(t, true); }
                    Act::Note => { s.note(t); }
                }
            }
            s.end(t + 1);
            let (r, f) = figures(&p, &s);
            prop_assert!(f.reminders_by_rules <= f.reminders);
            prop_assert!(f.paid <= f.reminders_by_rules.min(f.unpaid));
            prop_assert!(f.notes <= f.reminded);
            prop_assert!(f.cares_sent <= f.cares_due, "a care message only once it is due");
            let DrillBody::Shift(shift) = &*p.drills[0].body else { panic!() };
            let mut meter = crate::cost::Meter::new(10_000_000);
            let out = replay(shift, &p.templates, s.seed(), &r.keystrokes, &mut meter);
            let Replay::Replayed(again) = out else { panic!("{out:?}") };
            prop_assert_eq!(figures(&p, &again).0, r);
        }
    }
}
