use super::*;
use crate::pack::{DrillBody, Pack, PackSource, load_text};
use crate::reply::reply_box::ReplyKey;

const S: u64 = 1_000_000;

/// Two buyers: 小鹿 at 0 s (asks, then — having ordered, the card saying so — says
/// thanks after a reply with `hy`, or is cross after a wrong one), 阿杰 at 10 s (asks
/// once, a message for a colleague; nudges after 20 s; everyone leaves after 60 s
/// unanswered).
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
[[template]]
code = "xx"
text = "不客气哦亲"

[[drill]]
id = "s"
title = "S"
kind = "shift"
minutes = 5
max_wait = 60

[[drill.buyer]]
name = "小鹿"
arrive = 0
card = { "店铺" = "小橙家居", "单号" = "123" }
[[drill.buyer.turn]]
customer = "在吗"
expect = ["hy"]
slots = { "店铺" = "小橙家居" }
else = "cross"
[[drill.buyer.turn]]
customer = "好的谢谢"
expect = ["xx"]
reply_after = 4
on = { xx = "end" }
ordered = true
card = { "订单" = "已付款" }
[[drill.buyer.turn]]
id = "cross"
customer = "你在说什么？"
expect = ["hy"]
slots = { "店铺" = "小橙家居" }

[[drill.buyer]]
name = "阿杰"
arrive = 10
card = { "单号" = "456" }
[[drill.buyer.turn]]
customer = "我的快递呢"
expect = ["wl"]
slots = { "单号" = "456" }
nudge_after = 20
transfer = true
"#;

fn pack() -> Pack {
    load_text(
        PACK,
        "p.toml",
        PackSource::File {
            path: "p.toml".into(),
        },
    )
    .expect("valid")
}

fn session() -> ShiftSession {
    let p = pack();
    let DrillBody::Shift(shift) = DrillBody::clone(&p.drills[0].body) else {
        panic!("a shift")
    };
    ShiftSession::new(shift, p.templates, 7)
}

fn keys(s: &str) -> ReplyBatch {
    ReplyBatch::Keys(s.chars().map(ReplyKey::Char).collect())
}

fn key(k: ReplyKey) -> ReplyBatch {
    ReplyBatch::Keys(vec![k])
}

/// Reply with template `code` (its slots filled from the card with Ctrl-O) at `t`.
fn reply_with(s: &mut ShiftSession, t: u64, code: &str, card_rows: &[usize]) -> Applied {
    s.apply(t, &keys(&format!("/{code}")));
    s.apply(t, &key(ReplyKey::Enter));
    for &row in card_rows {
        let mut batch = vec![ReplyKey::Card];
        batch.extend(std::iter::repeat_n(ReplyKey::Down, row));
        batch.push(ReplyKey::Enter);
        s.apply(t, &ReplyBatch::Keys(batch));
        s.apply(t, &key(ReplyKey::Tab));
    }
    s.apply(t, &key(ReplyKey::Enter))
}

fn ops(s: &ShiftSession) -> Vec<(u64, Op)> {
    s.log()
        .iter()
        .filter(|k| {
            !matches!(
                k.op,
                Op::Input { .. } | Op::Select { .. } | Op::Card { .. } | Op::NextSlot
            )
        })
        .map(|k| (k.t_us, k.op.clone()))
        .collect()
}

#[test]
fn two_buyers_come_and_the_second_is_answered_first() {
    let mut s = session();
    s.advance(0);
    assert_eq!(
        (s.list(), s.focus()),
        (&[0][..], Some(0)),
        "the first takes the desk"
    );
    s.advance(12 * S);
    assert_eq!(s.list(), &[0, 1]);
    assert_eq!(
        s.focus(),
        Some(0),
        "a buyer arriving elsewhere never takes the focus"
    );
    assert_eq!(s.conversation(1).unwrap().unread, 1);
    assert_eq!(s.waiting(12 * S), vec![(0, 12 * S), (1, 2 * S)]);
    // Ctrl-G: the longest wait is 小鹿's, already in focus; Ctrl-N goes to 阿杰.
    assert!(!s.focus_longest(12 * S));
    assert!(s.focus_step(13 * S, true));
    assert_eq!(s.conversation(1).unwrap().unread, 0);
    assert_eq!(
        reply_with(&mut s, 15 * S, "wl", &[0]),
        Applied::Sent { conversation: 1 }
    );
    assert_eq!(s.conversation(1).unwrap().state, State::Done);
    assert!(s.focus_step(16 * S, true));
    assert_eq!(
        reply_with(&mut s, 20 * S, "hy", &[0]),
        Applied::Sent { conversation: 0 }
    );
    let results = s.results();
    assert_eq!(results.len(), 2);
    assert!(
        results.iter().all(|r| r.template_ok && r.slots_ok),
        "{results:?}"
    );
    assert_eq!(
        results[0].response_ms,
        Some(5_000),
        "阿杰 came at 10 s, answered at 15 s"
    );
    assert_eq!(results[1].response_ms, Some(20_000));
    // 小鹿 writes back 4 s after the reply, and the script goes on.
    s.advance(23 * S);
    assert_eq!(s.conversation(0).unwrap().state, State::Writing);
    s.advance(24 * S);
    assert_eq!(s.conversation(0).unwrap().turn, Some(1));
    assert_eq!(
        ops(&s),
        vec![
            (
                0,
                Op::Buyer {
                    conversation: 0,
                    turn: 0
                }
            ),
            (0, Op::Focus { conversation: 0 }),
            (
                10 * S,
                Op::Buyer {
                    conversation: 1,
                    turn: 0
                }
            ),
            (13 * S, Op::Focus { conversation: 1 }),
            (15 * S, Op::Send),
            (16 * S, Op::Focus { conversation: 0 }),
            (20 * S, Op::Send),
            (
                24 * S,
                Op::Buyer {
                    conversation: 0,
                    turn: 1
                }
            ),
        ]
    );
}

#[test]
fn a_slow_reply_brings_nudges_then_the_buyer_leaves() {
    let mut s = session();
    // One look at 100 s: every event happens at its own time all the same.
    s.advance(100 * S);
    let jie = s.conversation(1).unwrap();
    assert_eq!(jie.state, State::Gone);
    assert_eq!(jie.unread, 3, "the message and two nudges, unread");
    let events: Vec<(u64, Op)> = ops(&s)
        .into_iter()
        .filter(|(_, op)| {
            !matches!(
                op,
                Op::Buyer {
                    conversation: 0,
                    ..
                } | Op::Gone { conversation: 0 }
                    | Op::Focus { conversation: 0 }
            )
        })
        .collect();
    assert_eq!(
        events,
        vec![
            (
                10 * S,
                Op::Buyer {
                    conversation: 1,
                    turn: 0
                }
            ),
            (30 * S, Op::Nudge { conversation: 1 }),
            (50 * S, Op::Nudge { conversation: 1 }),
            (70 * S, Op::Gone { conversation: 1 }),
        ]
    );
    // Stepwise looks give the same log.
    let mut t = session();
    for second in 0..=100 {
        t.advance(second * S + 123);
    }
    assert_eq!(ops(&t), ops(&s));
    // A gone buyer takes no reply.
    assert!(t.focus_on(101 * S, 1));
    assert_eq!(reply_with(&mut t, 102 * S, "wl", &[0]), Applied::Ignored);
}

#[test]
fn a_wrong_reply_takes_else_and_a_right_one_takes_on() {
    let mut s = session();
    s.advance(0);
    // 小鹿 asked 在吗; a reply with the wrong phrase: she is cross (else).
    assert_eq!(
        reply_with(&mut s, 3 * S, "xx", &[]),
        Applied::Sent { conversation: 0 }
    );
    assert!(!s.results()[0].template_ok);
    s.advance(3 * S + 5 * S);
    assert_eq!(s.conversation(0).unwrap().turn, Some(2), "cross");
    // Answered right this time: the script goes on after the last turn (end).
    reply_with(&mut s, 9 * S, "hy", &[0]);
    assert_eq!(s.conversation(0).unwrap().state, State::Done);
}

#[test]
fn each_conversation_keeps_its_own_draft() {
    let mut s = session();
    s.advance(11 * S);
    s.apply(11 * S, &keys("亲，您"));
    assert!(s.focus_step(12 * S, true));
    assert_eq!(s.composer().unwrap().text(), "");
    s.apply(12 * S, &keys("好"));
    assert!(s.focus_step(13 * S, false));
    assert_eq!(s.composer().unwrap().text(), "亲，您");
    // A message arriving elsewhere leaves the draft and the focus alone.
    s.advance(31 * S);
    assert_eq!(s.focus(), Some(0));
    assert_eq!(s.composer().unwrap().text(), "亲，您");
}

#[test]
fn seeded_arrivals_are_the_same_for_the_same_seed_and_written_ones_win() {
    let p = pack();
    let DrillBody::Shift(mut shift) = DrillBody::clone(&p.drills[0].body) else {
        panic!()
    };
    shift.buyers[1].arrive = None;
    let a = ShiftSession::new(shift.clone(), p.templates.clone(), 42);
    let b = ShiftSession::new(shift.clone(), p.templates.clone(), 42);
    assert_eq!(a.arrivals, b.arrivals);
    assert_eq!(a.arrivals[0], 0, "written");
    assert!(a.arrivals[1] < 200 * S, "within the first two thirds");
    let seeds: std::collections::BTreeSet<u64> = (0..20)
        .map(|seed| ShiftSession::new(shift.clone(), p.templates.clone(), seed).arrivals[1])
        .collect();
    assert!(seeds.len() > 5, "{seeds:?}");
}

#[test]
fn the_shift_ends_at_its_time_or_when_the_student_ends_it() {
    let mut s = session();
    s.advance(400 * S);
    assert!(s.is_over() && s.completed());
    let mut t = session();
    t.apply(2 * S, &keys("亲"));
    t.end(30 * S);
    assert!(t.is_over() && !t.completed());
    assert_eq!(t.ended_at_us(), 30 * S);
    assert_eq!(t.log().last().map(|k| &k.op), Some(&Op::End));
    // Nothing happens after the end.
    t.advance(100 * S);
    assert!(!t.log().iter().any(|k| k.t_us > 30 * S));
}

/// A worked shift: 阿杰 answered at 15 s (right), 小鹿 at 20 s with the wrong phrase
/// (cross, then answered right at 30 s), then the shift runs out at 5 minutes.
fn worked() -> (Pack, ShiftSession) {
    let mut s = session();
    s.advance(12 * S);
    s.focus_step(13 * S, true);
    reply_with(&mut s, 15 * S, "wl", &[0]);
    s.focus_step(16 * S, true);
    reply_with(&mut s, 20 * S, "xx", &[]);
    s.advance(26 * S);
    reply_with(&mut s, 30 * S, "hy", &[0]);
    s.advance(300 * S);
    (pack(), s)
}

fn record_of(p: &Pack, s: &ShiftSession) -> crate::record::SessionRecord {
    let at = chrono::DateTime::parse_from_rfc3339("2026-12-07T09:00:00+08:00").unwrap();
    shift_record(p, &p.drills[0], s, "id-1".into(), at)
}

#[test]
fn the_figures_come_from_the_record_alone() {
    let (p, s) = worked();
    let r = record_of(&p, &s);
    assert_eq!(r.kind, crate::record::Kind::Shift);
    assert_eq!(r.messages.as_ref().map(Vec::len), Some(3));
    let f = crate::figures::Figures::of(&r);
    let crate::figures::Body::Shift(sf) = &f.body else {
        panic!("{f:?}")
    };
    assert!(f.completed && r.completed);
    assert_eq!((sf.wrote, sf.replied, sf.replies), (2, 2, 3));
    assert_eq!(sf.reply_rate(), 100.0);
    // 阿杰 5 s; 小鹿 20 s (over the 15 s first-response goal), then 25 s → 30 s.
    assert_eq!(sf.first_response_ms, Some((5_000 + 20_000) / 2));
    assert_eq!(sf.mean_response_ms, Some((5_000 + 20_000 + 5_000) / 3));
    assert_eq!(sf.late, 1);
    assert_eq!((sf.template_ok, sf.slots_ok), (2, 2));
    assert_eq!(sf.gone, 0);
    assert_eq!(sf.duration_us, 300 * S);
    // Two buyers waited at once between 10 s and 15 s.
    assert_eq!(sf.timeline[2], 2, "{:?}", &sf.timeline[..8]);
    assert_eq!(sf.timeline[7], 0, "nobody waits after 30 s");
    let names: Vec<&str> = sf.buyers.iter().map(|b| b.name.as_str()).collect();
    assert_eq!(names, ["小鹿", "阿杰"]);
    // The record's JSON reads back to the same figures.
    let json = serde_json::to_string(&r).unwrap();
    let back: crate::record::SessionRecord = serde_json::from_str(&json).unwrap();
    assert_eq!(crate::figures::Figures::of(&back), f);
}

#[test]
fn a_replay_of_the_log_gives_the_same_record_and_a_forged_event_is_caught() {
    use super::replay::{Replay, replay};
    let (p, s) = worked();
    let r = record_of(&p, &s);
    let DrillBody::Shift(shift) = &*p.drills[0].body else {
        panic!()
    };
    let mut meter = crate::cost::Meter::new(1_000_000);
    let Replay::Replayed(again) = replay(shift, &p.templates, s.seed(), &r.keystrokes, &mut meter)
    else {
        panic!("replays")
    };
    assert_eq!(record_of(&p, &again), r);
    // 阿杰 said to arrive 5 s earlier than the script has him: caught at that event.
    let mut forged = r.keystrokes.clone();
    let i = forged
        .iter()
        .position(|k| {
            k.op == Op::Buyer {
                conversation: 1,
                turn: 0,
            }
        })
        .unwrap();
    forged[i].t_us -= 5 * S;
    let out = replay(
        shift,
        &p.templates,
        s.seed(),
        &forged,
        &mut crate::cost::Meter::new(1_000_000),
    );
    assert!(matches!(out, Replay::Stuck { .. }), "{out:?}");
    // A reply said to be sent sooner than its keys were typed.
    let mut hurried = r.keystrokes.clone();
    let j = hurried.iter().position(|k| k.op == Op::Send).unwrap();
    hurried[j].t_us = 11 * S;
    let out = replay(
        shift,
        &p.templates,
        s.seed(),
        &hurried,
        &mut crate::cost::Meter::new(1_000_000),
    );
    assert!(matches!(out, Replay::Stuck { .. }), "{out:?}");
    // A key taken out replays, but not to the record kept: its verdicts differ.
    let mut edited = r.keystrokes.clone();
    let card = edited
        .iter()
        .position(|k| matches!(k.op, Op::Card { .. }))
        .unwrap();
    edited.remove(card);
    let Replay::Replayed(other) = replay(
        shift,
        &p.templates,
        s.seed(),
        &edited,
        &mut crate::cost::Meter::new(1_000_000),
    ) else {
        panic!("replays")
    };
    assert_ne!(record_of(&p, &other).messages, r.messages);
}

mod properties {
    use super::*;
    use crate::reply::shift::replay::{Replay, replay};
    use proptest::prelude::*;

    /// What a student might do next, after `gap` tenths of a second.
    #[derive(Debug, Clone)]
    enum Act {
        Type(char),
        Code(&'static str),
        Card(usize),
        Key(ReplyKey),
        Next,
        Longest,
        Transfer,
    }

    fn act() -> impl Strategy<Value = Act> {
        prop_oneof![
            prop::sample::select(vec!['亲', '好', '在', '的', 'x']).prop_map(Act::Type),
            prop::sample::select(vec!["hy", "wl", "xx"]).prop_map(Act::Code),
            (0usize..2).prop_map(Act::Card),
            prop::sample::select(vec![
                ReplyKey::Enter,
                ReplyKey::Backspace,
                ReplyKey::Tab,
                ReplyKey::Esc,
                ReplyKey::Left,
                ReplyKey::Home,
                ReplyKey::End,
            ])
            .prop_map(Act::Key),
            Just(Act::Next),
            Just(Act::Longest),
            Just(Act::Transfer),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]

        /// Whatever the student does, the saved log replays through a fresh session to the
        /// same record, and the one recomputation agrees with what the record says.
        #[test]
        fn any_shift_replays_to_the_same_record(
            acts in prop::collection::vec((0u64..80, act()), 0..60),
            seed in 0u64..1000,
            end_early in any::<bool>(),
        ) {
            let p = pack();
            let DrillBody::Shift(mut shift) = DrillBody::clone(&p.drills[0].body) else { panic!() };
            shift.buyers[1].arrive = None;
            let mut s = ShiftSession::new(shift.clone(), p.templates.clone(), seed);
            let mut t = 0;
            for (gap, a) in &acts {
                t += gap * 100_000;
                match a {
                    Act::Type(c) => { s.apply(t, &ReplyBatch::Keys(vec![ReplyKey::Char(*c)])); }
                    Act::Code(code) => {
                        s.apply(t, &keys(&format!("/{code}")));
                        s.apply(t, &key(ReplyKey::Enter));
                    }
                    Act::Card(row) => {
                        let mut batch = vec![ReplyKey::Card];
                        batch.extend(std::iter::repeat_n(ReplyKey::Down, *row));
                        batch.push(ReplyKey::Enter);
                        s.apply(t, &ReplyBatch::Keys(batch));
                    }
                    Act::Key(k) => { s.apply(t, &key(*k)); }
                    Act::Next => { s.focus_step(t, true); }
                    Act::Longest => { s.focus_longest(t); }
                    Act::Transfer => { s.transfer(t); }
                }
            }
            if end_early {
                s.end(t + 1);
            } else {
                s.advance(s.length_us());
            }
            let r = record_of(&p, &s);
            let mut meter = crate::cost::Meter::new(10_000_000);
            let out = replay(&shift, &p.templates, r.shift.as_ref().unwrap().seed, &r.keystrokes, &mut meter);
            let Replay::Replayed(again) = out else { panic!("{out:?}") };
            prop_assert_eq!(record_of(&p, &again), r.clone());
            let f = crate::figures::Figures::of(&r);
            prop_assert_eq!(f.completed, r.completed);
            prop_assert_eq!(f.duration_us / 1000, r.duration_ms);
            prop_assert_eq!(f.passed, r.passed);
        }
    }
}

#[test]
fn a_message_changes_the_order_card_and_the_chat_says_so() {
    let mut s = session();
    reply_with(&mut s, 2 * S, "hy", &[0]);
    // 小鹿 writes back 4 s later, having ordered: the card says 已付款 from then on.
    s.advance(7 * S);
    let c = s.conversation(0).unwrap();
    assert!(c.card.contains(&("订单".to_string(), "已付款".to_string())));
    assert!(c.lines.iter().any(|l| matches!(
        l,
        Line::Card { field, from: None, to, .. } if field == "订单" && to == "已付款"
    )));
    assert!(c.lines.iter().any(|l| matches!(l, Line::Ordered { .. })));
    // Ctrl-O offers the field as it stands.
    s.apply(8 * S, &key(ReplyKey::Card));
    let (rows, _) = s.card_picker().expect("the picker");
    assert!(
        rows.iter().any(|(f, v)| f == "订单" && v == "已付款"),
        "{rows:?}"
    );
}

#[test]
fn a_buyer_is_passed_on_with_a_note_and_waits_no_more() {
    let mut s = session();
    s.advance(11 * S);
    s.focus_step(11 * S, true);
    assert_eq!(s.focus(), Some(1));
    // Ctrl-T with no note does nothing and logs nothing.
    let before = s.log().len();
    assert!(!s.transfer(12 * S));
    assert_eq!(s.log().len(), before);
    s.apply(13 * S, &keys("顾客问物流，请售后跟进"));
    assert!(s.transfer(14 * S));
    let c = s.conversation(1).unwrap();
    assert_eq!(c.state, State::Transferred);
    assert!(
        c.reply_box.composer().text().is_empty(),
        "the note left the box"
    );
    assert_eq!(
        s.log().last().map(|k| &k.op),
        Some(&Op::Transfer {
            conversation: 1,
            text: "顾客问物流，请售后跟进".into()
        })
    );
    // No nudge and no leaving after: 阿杰 is a colleague's now.
    s.advance(300 * S);
    assert!(!s.log().iter().any(|k| matches!(
        k.op,
        Op::Nudge { conversation: 1 } | Op::Gone { conversation: 1 }
    )));
    let (p, _) = worked();
    let r = record_of(&p, &s);
    let crate::figures::Body::Shift(f) = crate::figures::Figures::of(&r).body else {
        panic!("a shift")
    };
    assert_eq!(
        (f.transfers, f.transfers_right, f.transfers_needed),
        (1, 1, 1)
    );
    assert!(f.buyers[1].transferred && !f.buyers[1].gone);
    // 小鹿 was never answered and left; 阿杰 was handled by the 转接.
    assert_eq!((f.wrote, f.replied, f.gone), (2, 1, 1));
    // 小鹿 could order by the script and never got there.
    assert_eq!((f.inquiries, f.orders), (1, 0));
    assert_eq!(f.conversion(), Some(0.0));
}

#[test]
fn a_transfer_before_the_message_that_needs_it_is_not_a_right_one() {
    let mut s = session();
    s.apply(S, &keys("转给同事"));
    assert!(s.transfer(2 * S), "小鹿 passed on at once");
    let (p, _) = worked();
    let r = record_of(&p, &s);
    let crate::figures::Body::Shift(f) = crate::figures::Figures::of(&r).body else {
        panic!("a shift")
    };
    assert_eq!((f.transfers, f.transfers_right), (1, 0));
}

#[test]
fn an_order_by_the_script_is_a_conversion() {
    let p = pack();
    let mut s = session();
    // Right the first time: 小鹿 goes on to her second message, the order.
    reply_with(&mut s, 2 * S, "hy", &[0]);
    s.advance(300 * S);
    let r = record_of(&p, &s);
    let crate::figures::Body::Shift(f) = crate::figures::Figures::of(&r).body else {
        panic!("a shift")
    };
    assert_eq!((f.inquiries, f.orders), (1, 1));
    assert_eq!(f.conversion(), Some(100.0));
    let info = r.shift.as_ref().unwrap();
    assert_eq!(info.ordered_turns, [vec![1], vec![]]);
    assert_eq!(info.transfer_turns, [vec![], vec![0]]);
}
