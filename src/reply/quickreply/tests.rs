use super::*;
use ReplyKey::*;

use crate::testing::template;

/// `cxy` comes before `cx` in the pack so an exact match has to win over order.
fn templates() -> Vec<Template> {
    vec![
        template("cxy", "售后", "亲，{快递}的网点电话是{电话}哦～"),
        template(
            "cx",
            "售后",
            "亲，您的订单{单号}已由{快递}发出，请耐心等待哦～",
        ),
        template("hy", "售前", "亲，欢迎光临，请问有什么可以帮您？"),
        template("tk", "售后", "亲，退款{金额}元已原路退回，请注意查收。"),
    ]
}

fn scenarios() -> Vec<Scenario> {
    vec![
        Scenario {
            customer: vec!["在吗".into(), "我的快递到哪了".into()],
            expect: vec!["cx".into()],
            slots: vec![
                ("单号".into(), "2026112512345".into()),
                ("快递".into(), "中通".into()),
            ],
            card: vec![
                ("单号".into(), "2026112512345".into()),
                ("快递".into(), "中通".into()),
            ],
            context: Some("已发货".into()),
        },
        Scenario {
            customer: vec!["退款到了吗".into()],
            expect: vec!["tk".into()],
            slots: vec![("金额".into(), "59".into())],
            card: vec![],
            context: None,
        },
    ]
}

const RIGHT: &str = "亲，您的订单2026112512345已由中通发出，请耐心等待哦～";

fn session() -> QuickReplySession {
    let mut s = QuickReplySession::new(scenarios(), templates(), 15);
    assert!(s.next_message(0));
    s
}

fn text(s: &str) -> ReplyBatch {
    ReplyBatch::Keys(s.chars().map(Char).collect())
}

fn key(k: ReplyKey) -> ReplyBatch {
    ReplyBatch::Keys(vec![k])
}

/// Type `s` one character per batch, 100 ms apart from `t`; returns the next time.
fn type_each(s: &mut QuickReplySession, mut t: u64, typed: &str) -> u64 {
    for c in typed.chars() {
        s.apply(t, &ReplyBatch::Keys(vec![Char(c)]));
        t += 100_000;
    }
    t
}

fn ops(s: &QuickReplySession) -> Vec<Op> {
    s.log().iter().map(|k| k.op.clone()).collect()
}

fn result(s: &QuickReplySession, i: usize) -> MessageResult {
    s.turns()[i].result.clone().unwrap()
}

#[test]
fn slash_code_enter_inserts_the_template_with_the_first_slot_selected() {
    let mut s = session();
    let t = type_each(&mut s, 1_000_000, "/cx");
    let (filter, matches, chosen) = s.phrase_list().unwrap();
    assert_eq!(filter, "cx");
    assert_eq!(matches[chosen].code, "cx");
    assert_eq!(s.apply(t, &key(Enter)), Applied::Changed);
    assert!(s.phrase_list().is_none());
    let c = s.composer();
    assert_eq!(c.text(), "亲，您的订单{单号}已由{快递}发出，请耐心等待哦～");
    assert_eq!(c.code(), Some("cx"));
    let sel = c.selected().unwrap();
    assert_eq!(sel.name, "单号");
    assert_eq!((sel.start, sel.end), (6, 10));
    assert_eq!(c.cursor(), 6);
    assert_eq!(c.placeholders().len(), 2);
    assert_eq!(
        ops(&s)[1..],
        [
            Op::Input {
                text: "/".into(),
                ok: true
            },
            Op::Input {
                text: "c".into(),
                ok: true
            },
            Op::Input {
                text: "x".into(),
                ok: true
            },
            Op::Select { code: "cx".into() },
        ]
    );
}

#[test]
fn typing_replaces_the_slot_tab_moves_on_and_the_reply_is_right() {
    let mut s = session();
    let t = type_each(&mut s, 1_000_000, "/cx");
    s.apply(t, &key(Enter));
    // An input method commits the number in one go.
    s.apply(2_000_000, &text("2026112512345"));
    assert_eq!(s.composer().selected(), None);
    assert_eq!(s.composer().placeholders().len(), 1);
    assert!(
        s.composer()
            .text()
            .starts_with("亲，您的订单2026112512345已由{快递}")
    );
    assert_eq!(s.apply(2_500_000, &key(Tab)), Applied::Changed);
    assert_eq!(s.composer().selected().unwrap().name, "快递");
    s.apply(3_000_000, &text("中通"));
    assert_eq!(s.composer().text(), RIGHT);
    assert_eq!(s.apply(4_000_000, &key(Enter)), Applied::Sent { index: 0 });
    let m = result(&s, 0);
    assert_eq!(m.code.as_deref(), Some("cx"));
    assert!(m.template_ok && m.slots_ok);
    assert_eq!(m.reply, RIGHT);
    assert_eq!(m.customer, "在吗\n我的快递到哪了");
    assert_eq!(m.response_ms, Some(4000));
    // / c x select, 13 digits, next_slot, 中 通, send
    assert_eq!(m.keys, 3 + 1 + 13 + 1 + 2 + 1);
    assert_eq!(m.keys_if_typed, RIGHT.graphemes(true).count() as u32 + 1);
    assert!(ops(&s).contains(&Op::NextSlot));
    assert_eq!(ops(&s).last(), Some(&Op::Send));
    // Hand-typed slot values fit the expected reply.
    let sum = s.summary();
    assert_eq!((sum.hand_typed, sum.hand_ok), (15, 15));
    assert_eq!(sum.accuracy, 100.0);
    assert_eq!(sum.answering_us, 4_000_000);
    assert!((sum.cpm - 15.0 / (4.0 / 60.0)).abs() < 1e-9);
}

#[test]
fn card_fields_go_into_the_selected_placeholder() {
    let mut s = session();
    let t = type_each(&mut s, 0, "/cx");
    s.apply(t, &key(Enter));
    assert_eq!(s.apply(t + 1, &key(Card)), Applied::Changed);
    let (card, chosen) = s.card_picker().unwrap();
    assert_eq!((card[chosen].0.as_str(), chosen), ("单号", 0));
    s.apply(t + 2, &key(Enter));
    assert!(s.card_picker().is_none());
    s.apply(t + 3, &key(Tab));
    s.apply(t + 4, &key(Card));
    s.apply(t + 5, &key(Down));
    s.apply(t + 6, &key(Enter));
    assert_eq!(s.composer().text(), RIGHT);
    assert!(
        s.composer().pieces()[6..19]
            .iter()
            .all(|p| p.origin == Origin::Card)
    );
    s.apply(t + 7, &key(Enter));
    let m = result(&s, 0);
    assert!(m.template_ok && m.slots_ok);
    assert_eq!(m.keys, 3 + 1 + 1 + 1 + 1 + 1);
    let card_ops: Vec<Op> = ops(&s)
        .into_iter()
        .filter(|o| matches!(o, Op::Card { .. }))
        .collect();
    assert_eq!(
        card_ops,
        [
            Op::Card {
                field: "单号".into()
            },
            Op::Card {
                field: "快递".into()
            }
        ]
    );
    // Nothing typed by hand: accuracy is not spoiled, cpm counts no hand text.
    let sum = s.summary();
    assert_eq!((sum.hand_typed, sum.accuracy, sum.cpm), (0, 100.0, 0.0));
    assert_eq!(sum.keys_saved, i64::from(m.keys_if_typed) - 8);
}

#[test]
fn card_picker_at_the_insertion_point_and_esc_closes_it() {
    let mut s = session();
    s.apply(0, &text("单号"));
    s.apply(1, &key(Card));
    assert_eq!(s.apply(2, &key(Esc)), Applied::Changed);
    assert!(s.open_turn().is_some(), "Esc closed the picker only");
    s.apply(3, &key(Card));
    s.apply(4, &key(Enter));
    assert_eq!(s.composer().text(), "单号2026112512345");
    assert_eq!(s.composer().cursor(), 15);
}

#[test]
fn hand_typed_reply_is_judged_right_and_costs_its_length_in_keys() {
    let mut s = session();
    let t = type_each(&mut s, 0, RIGHT);
    s.apply(t, &key(Enter));
    let m = result(&s, 0);
    assert!(m.template_ok && m.slots_ok);
    assert_eq!(m.code, None);
    assert_eq!(m.keys, m.keys_if_typed);
    let sum = s.summary();
    assert_eq!(sum.hand_typed, RIGHT.chars().count() as u32);
    assert_eq!(sum.accuracy, 100.0);
    assert_eq!(sum.keys_saved, 0);
}

#[test]
fn a_typo_and_its_backspace_cost_two_keys_and_accuracy() {
    let mut s = session();
    let t = type_each(&mut s, 0, "亲，您的定");
    assert_eq!(
        s.composer().pieces().last().unwrap().origin,
        Origin::Hand { ok: false }
    );
    s.apply(t, &key(Backspace));
    let t = type_each(&mut s, t + 1, &RIGHT[RIGHT.find('单').unwrap() - 3..]);
    s.apply(t, &key(Enter));
    let m = result(&s, 0);
    assert!(m.template_ok && m.slots_ok);
    assert_eq!(m.keys, m.keys_if_typed + 2);
    let sum = s.summary();
    assert_eq!(sum.hand_typed, RIGHT.chars().count() as u32 + 1);
    assert_eq!(sum.hand_ok, sum.hand_typed - 1);
    assert_eq!(sum.backspaces, 1);
}

#[test]
fn words_added_in_front_are_allowed_and_reported() {
    let mut s = session();
    let t = type_each(&mut s, 0, "/cx");
    s.apply(t, &key(Enter));
    s.apply(t + 1, &key(Home));
    assert_eq!(s.composer().selected(), None);
    s.apply(t + 2, &text("好的亲，"));
    assert_eq!(s.composer().placeholders()[0].start, 10);
    s.apply(t + 3, &key(Tab));
    assert_eq!(s.composer().selected().unwrap().name, "单号");
    s.apply(t + 4, &text("2026112512345"));
    s.apply(t + 5, &key(Tab));
    s.apply(t + 6, &text("中通"));
    assert_eq!(s.apply(t + 7, &key(Enter)), Applied::Sent { index: 0 });
    let m = result(&s, 0);
    assert!(m.template_ok && m.slots_ok);
    assert_eq!(m.reply, format!("好的亲，{RIGHT}"));
    assert_eq!(m.extra.as_deref(), Some("好的亲，"));
}

#[test]
fn wrong_code_is_judged_wrong() {
    let mut s = session();
    let t = type_each(&mut s, 0, "/hy");
    s.apply(t, &key(Enter));
    s.apply(t + 1, &key(Enter));
    let m = result(&s, 0);
    assert_eq!(m.code.as_deref(), Some("hy"));
    assert!(!m.template_ok && !m.slots_ok);
    let j = s.turns()[0].judgement.clone().unwrap();
    assert_eq!(j.other.as_deref(), Some("hy"));
    assert_eq!(j.expected, RIGHT);
}

#[test]
fn an_exact_code_match_comes_before_prefix_matches() {
    let s = session();
    let codes = |f: &str| -> Vec<String> { s.matches(f).iter().map(|t| t.code.clone()).collect() };
    assert_eq!(codes("cx"), ["cx", "cxy"]);
    assert_eq!(codes("c"), ["cxy", "cx"]);
    assert_eq!(codes("CX")[0], "cx");
    assert_eq!(codes("").len(), 4);
    assert!(codes("zz").is_empty());
}

#[test]
fn filtering_by_a_chinese_keyword_finds_the_text() {
    let mut s = session();
    s.apply(0, &text("/"));
    // The input method commits 退款 in one batch.
    s.apply(1, &text("退款"));
    let (filter, matches, _) = s.phrase_list().unwrap();
    assert_eq!(filter, "退款");
    assert_eq!(
        matches.iter().map(|t| t.code.as_str()).collect::<Vec<_>>(),
        ["tk"]
    );
    s.apply(2, &key(Enter));
    assert_eq!(s.composer().code(), Some("tk"));
    assert_eq!(s.composer().selected().unwrap().name, "金额");
}

#[test]
fn arrows_choose_in_the_list_and_backspace_edits_the_filter() {
    let mut s = session();
    s.apply(0, &text("/c"));
    s.apply(1, &key(Down));
    assert_eq!(s.phrase_list().unwrap().2, 1);
    s.apply(2, &key(Down));
    assert_eq!(s.phrase_list().unwrap().2, 0, "wraps round");
    s.apply(3, &key(Up));
    s.apply(4, &key(Enter));
    assert_eq!(s.composer().code(), Some("cx"));
    let mut s = session();
    s.apply(0, &text("/退"));
    s.apply(1, &key(Backspace));
    assert_eq!(s.phrase_list().unwrap().0, "");
    s.apply(2, &key(Backspace));
    assert!(s.phrase_list().is_none());
    assert!(s.composer().is_empty());
    assert_eq!(s.summary().backspaces, 2);
}

#[test]
fn double_slash_types_a_slash() {
    let mut s = session();
    s.apply(0, &text("/"));
    assert!(s.phrase_list().is_some());
    s.apply(1, &text("/"));
    assert!(s.phrase_list().is_none());
    assert_eq!(s.composer().text(), "/");
    // A slash later in the reply is text too.
    s.apply(2, &text("a/"));
    assert!(s.phrase_list().is_none());
    assert_eq!(s.composer().text(), "/a/");
}

#[test]
fn esc_closes_the_list_then_abandons_the_message() {
    let mut s = session();
    s.apply(0, &text("亲"));
    s.apply(1, &key(Left));
    s.apply(2, &key(Right));
    assert_eq!(s.composer().cursor(), 1);
    s.apply(1_000_000, &key(Backspace));
    s.apply(1_100_000, &text("/hy"));
    assert_eq!(s.apply(1_200_000, &key(Esc)), Applied::Changed);
    assert!(s.open_turn().is_some());
    assert_eq!(
        s.apply(3_000_000, &key(Esc)),
        Applied::Abandoned { index: 0 }
    );
    assert_eq!(ops(&s).last(), Some(&Op::Abandon));
    let m = result(&s, 0);
    assert!(!m.template_ok && !m.slots_ok);
    assert_eq!(m.response_ms, None);
    assert_eq!(m.reply, "");
    assert!(s.is_waiting());
    // Esc with no message open: leave; Enter: show the next one.
    assert_eq!(s.apply(3_100_000, &key(Esc)), Applied::Leave);
    assert_eq!(s.apply(3_200_000, &key(Enter)), Applied::Next);
    assert!(s.next_message(3_300_000));
    assert_eq!(ops(&s).last(), Some(&Op::Show { index: 1 }));
    let t = type_each(&mut s, 4_000_000, "/tk");
    s.apply(t, &key(Enter));
    s.apply(t + 1, &text("59"));
    assert_eq!(s.apply(t + 2, &key(Enter)), Applied::Sent { index: 1 });
    assert!(s.is_finished());
    assert!(!s.next_message(t + 3));
    assert_eq!(s.apply(t + 4, &key(Enter)), Applied::Done);
    let sum = s.summary();
    assert!(!sum.completed, "an abandoned message leaves it incomplete");
    // The log alone gives back every message's time, keys and code.
    let logged = logged_messages(s.log());
    assert_eq!(logged.len(), 2);
    for (l, m) in logged.iter().zip(&sum.messages) {
        assert_eq!(l.response_ms, m.response_ms);
        assert_eq!(l.keys, m.keys);
        assert_eq!(l.code, m.code);
        assert!(l.ended);
    }
    assert!(logged[0].abandoned && !logged[1].abandoned);
    assert_eq!((sum.sent, sum.abandoned, sum.right), (1, 1, 1));
    assert_eq!(sum.answering_us, 3_000_000 + (t + 2 - 3_300_000));
    assert_eq!(sum.messages.len(), 2);
    assert_eq!(sum.first_response_ms, None);
}

#[test]
fn pastes_follow_the_engine_rule() {
    let mut s = session();
    s.apply(0, &ReplyBatch::Paste("亲，在的\n".into()));
    s.apply(1, &ReplyBatch::Paste("亲".repeat(33)));
    s.apply(2, &ReplyBatch::Keys(vec![Char('a'), Char('b'), Enter]));
    assert!(s.composer().is_empty());
    assert!(s.open_turn().is_some());
    assert_eq!(
        ops(&s)[1..],
        [
            Op::PasteRejected { len: 5 },
            Op::PasteRejected { len: 33 },
            Op::PasteRejected { len: 3 }
        ]
    );
    // A short paste counts as typing.
    s.apply(3, &ReplyBatch::Paste("亲，在的".into()));
    assert_eq!(s.composer().text(), "亲，在的");
    assert_eq!(s.summary().pastes_rejected, 3);
}

#[test]
fn enter_on_an_empty_reply_does_nothing() {
    let mut s = session();
    assert_eq!(s.apply(0, &key(Enter)), Applied::Ignored);
    assert_eq!(s.log().len(), 1);
}

#[test]
fn backspace_into_a_placeholder_unmakes_it() {
    let mut s = session();
    s.apply(0, &text("/tk"));
    s.apply(1, &key(Enter));
    // Backspace on the selected placeholder removes it whole.
    s.apply(2, &key(Backspace));
    assert_eq!(s.composer().text(), "亲，退款元已原路退回，请注意查收。");
    assert!(s.composer().placeholders().is_empty());
    assert_eq!(s.apply(3, &key(Tab)), Applied::Ignored);
    let mut s = session();
    s.apply(0, &text("/tk"));
    s.apply(1, &key(Enter));
    s.apply(2, &key(Right));
    s.apply(3, &key(Right));
    s.apply(4, &key(Backspace));
    assert_eq!(
        s.composer().text(),
        "亲，退款{额}元已原路退回，请注意查收。"
    );
    assert!(s.composer().placeholders().is_empty());
}

#[test]
fn the_record_is_a_quickreply_session() {
    let mut s = session();
    let t = type_each(&mut s, 0, "/cx");
    s.apply(t, &key(Enter));
    s.apply(t + 1, &text("2026112512345"));
    s.apply(t + 2, &key(Tab));
    s.apply(t + 3, &text("中通"));
    s.apply(t + 4, &key(Enter));
    s.next_message(t + 5);
    s.apply(t + 6, &text("/tk"));
    s.apply(t + 7, &key(Enter));
    s.apply(t + 8, &text("59"));
    s.apply(t + 9, &key(Enter));
    let pack = Pack {
        id: "p".into(),
        title: "P".into(),
        version: "1".into(),
        author: None,
        description: None,
        tags: vec![],
        templates: templates(),
        drills: vec![Drill {
            id: "qr".into(),
            title: "Q".into(),
            description: None,
            tags: vec![],
            time_limit: None,
            strict: false,
            pass: None,
            body: DrillBody::QuickReply {
                scenarios: scenarios(),
                target_seconds: 15,
            }
            .into(),
        }],
        start_code: Vec::new(),
        assignments: Vec::new(),
        hash: "h".into(),
        source: crate::pack::PackSource::Builtin { file: "p".into() },
    };
    let drill = &pack.drills[0];
    assert!(QuickReplySession::for_drill(&pack, drill).is_some());
    let started = chrono::DateTime::parse_from_rfc3339("2026-12-02T09:00:00+08:00").unwrap();
    let r = s.record(&pack, drill, "id-1".into(), started);
    assert_eq!(r.kind, crate::record::Kind::QuickReply);
    assert!(r.completed);
    assert_eq!(r.keystrokes, s.log());
    let messages = r.messages.unwrap();
    assert_eq!(messages.len(), 2);
    assert!(messages.iter().all(|m| m.template_ok && m.slots_ok));
    assert_eq!(
        r.typed,
        format!("{RIGHT}\n亲，退款59元已原路退回，请注意查收。")
    );
    assert_eq!(r.target, r.typed);
    let sum = s.summary();
    let logged = logged_messages(&r.keystrokes);
    assert_eq!(logged.len(), 2);
    for (l, m) in logged.iter().zip(&messages) {
        assert_eq!(
            (l.response_ms, l.keys, &l.code),
            (m.response_ms, m.keys, &m.code)
        );
    }
    assert_eq!(sum.within_target, 2);
    assert_eq!(sum.first_response_ms, Some((t + 4) / 1000));
}

mod random {
    use super::*;
    use proptest::prelude::*;

    fn any_key() -> impl Strategy<Value = ReplyKey> {
        prop_oneof![
            prop::sample::select(vec!['/', 'c', 'x', 't', 'k', '亲', '退', '款', '1', '，'])
                .prop_map(Char),
            Just(Enter),
            Just(Backspace),
            Just(Tab),
            Just(Esc),
            Just(Left),
            Just(Right),
            Just(Up),
            Just(Down),
            Just(Home),
            Just(End),
            Just(Card),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        /// Whatever is pressed, nothing panics and the composer stays consistent:
        /// placeholders inside the reply, in order, apart, each still reading `{name}`.
        #[test]
        fn any_keys_keep_the_composer_consistent(
            batches in prop::collection::vec(prop::collection::vec(any_key(), 1..4), 0..60)
        ) {
            let mut s = session();
            for (i, keys) in batches.iter().enumerate() {
                let t = i as u64 * 1000;
                if s.apply(t, &ReplyBatch::Keys(keys.clone())) == Applied::Next {
                    s.next_message(t);
                }
                let c = s.composer();
                prop_assert!(c.cursor() <= c.pieces().len());
                let mut end = 0;
                for p in c.placeholders() {
                    prop_assert!(p.start >= end && p.start < p.end && p.end <= c.pieces().len());
                    let text: String =
                        c.pieces()[p.start..p.end].iter().map(|g| g.text.as_str()).collect();
                    prop_assert_eq!(text, format!("{{{}}}", p.name));
                    end = p.end;
                }
                if let Some(sel) = c.selected() {
                    prop_assert_eq!(c.cursor(), sel.start);
                }
            }
            let sum = s.summary();
            prop_assert!(sum.hand_ok <= sum.hand_typed);
            let logged = logged_messages(s.log());
            let ended: Vec<&LoggedMessage> = logged.iter().filter(|l| l.ended).collect();
            prop_assert_eq!(ended.len(), sum.messages.len());
            for (l, m) in ended.iter().zip(&sum.messages) {
                prop_assert_eq!(l.keys, m.keys);
                prop_assert_eq!(l.response_ms, m.response_ms);
                prop_assert_eq!(&l.code, &m.code);
            }
            prop_assert_eq!(sum.messages.len(), s.turns().iter().filter(|t| !t.is_open()).count());
        }
    }
}
