use super::*;
use crate::pack::{PackSource, load_text};
use crate::reply::quickreply::{QuickReplySession, ReplyBatch, ReplyKey};
use crate::reply::replay::{replay, replay_towards};
use crate::verify::{Checked, check};
use ReplyKey::*;

const PACK: &str = r#"[pack]
id = "qr-test"
title = "快捷回复测验"
version = "1"

[[template]]
code = "cx"
group = "售后"
text = "亲，您的订单{单号}已由{快递}发出，请耐心等待哦～"

[[template]]
code = "tk"
group = "售后"
text = "亲，退款{金额}元已原路退回，请注意查收。"

[[template]]
code = "hy"
group = "售前"
text = "亲，在的，请问有什么可以帮您？"

[[drill]]
id = "chat"
title = "售后对话"
kind = "quickreply"
target_seconds = 15
pass = { correct = 30, seconds = 20 }

[[drill.scenario]]
customer = ["在吗", "我的快递到哪了"]
expect = "cx"
slots = { "单号" = "2026112512345", "快递" = "中通" }
card = { "单号" = "2026112512345", "快递" = "中通" }

[[drill.scenario]]
customer = "退款到了吗"
expect = "tk"
slots = { "金额" = "59" }

[[drill.scenario]]
customer = "在吗"
expect = "hy"
"#;

fn pack() -> Pack {
    load_text(
        PACK,
        "qr-test.toml",
        PackSource::Builtin {
            file: "qr-test.toml".into(),
        },
    )
    .unwrap()
}

fn keys(s: &mut QuickReplySession, t: u64, k: &[ReplyKey]) {
    s.apply(t, &ReplyBatch::Keys(k.to_vec()));
}

/// Type `text` one character per batch, 200 ms apart from `t`; the next free time.
fn type_each(s: &mut QuickReplySession, mut t: u64, text: &str) -> u64 {
    for c in text.chars() {
        keys(s, t, &[Char(c)]);
        t += 200_000;
    }
    t
}

/// A whole conversation as a student would have it: a code, a card field, Tab and an
/// input-method commit; a reply typed by hand with a slip taken back and a comma put
/// in after moving the cursor back (←, unlogged); a message abandoned after the phrase
/// list was closed with Esc (unlogged).
fn conversation(pack: &Pack) -> QuickReplySession {
    let drill = pack.drill("chat").unwrap();
    let mut s = QuickReplySession::for_drill(pack, drill).unwrap();
    assert!(s.next_message(0));
    let t = type_each(&mut s, 1_000_000, "/cx");
    keys(&mut s, t, &[Enter]);
    keys(&mut s, 2_000_000, &[Card]);
    keys(&mut s, 2_200_000, &[Enter]);
    keys(&mut s, 2_500_000, &[Tab]);
    keys(&mut s, 3_000_000, &[Char('中'), Char('通')]);
    keys(&mut s, 3_500_000, &[Enter]);
    keys(&mut s, 4_000_000, &[Enter]);
    assert!(s.next_message(4_000_000));
    let t = type_each(&mut s, 5_000_000, "亲，退款6");
    keys(&mut s, t, &[Backspace]);
    let t = type_each(&mut s, t + 300_000, "59元已原路退回请注意查收。");
    keys(&mut s, t, &[Left, Left, Left, Left, Left, Left]);
    let t = type_each(&mut s, t + 400_000, "，");
    keys(&mut s, t, &[End]);
    keys(&mut s, t + 300_000, &[Enter]);
    assert_eq!(s.turns()[1].reply, "亲，退款59元已原路退回，请注意查收。");
    keys(&mut s, t + 900_000, &[Enter]);
    assert!(s.next_message(t + 900_000));
    let t = type_each(&mut s, t + 2_000_000, "/hy");
    keys(&mut s, t, &[Esc]);
    keys(&mut s, t + 500_000, &[Esc]);
    assert!(s.is_finished());
    s
}

fn record(pack: &Pack, s: &QuickReplySession) -> SessionRecord {
    let started = chrono::DateTime::parse_from_rfc3339("2026-12-01T09:00:00+08:00").unwrap();
    s.record(pack, pack.drill("chat").unwrap(), "s1".into(), started)
}

fn honest() -> (Pack, SessionRecord) {
    let pack = pack();
    let s = conversation(&pack);
    let r = record(&pack, &s);
    (pack, r)
}

fn problems(r: &SessionRecord, packs: &[Pack]) -> Vec<Problem> {
    check(r, packs).problems
}

fn names(problems: &[Problem]) -> Vec<&'static str> {
    problems
        .iter()
        .map(|p| match p {
            Problem::Figure { name, .. } => *name,
            Problem::Typed => "typed",
            Problem::Target => "target",
            Problem::Impossible { .. } => "impossible",
            _ => "other",
        })
        .collect()
}

#[test]
fn an_honest_session_holds_with_and_without_the_pack() {
    let (pack, r) = honest();
    let m = r.messages.as_ref().unwrap();
    assert_eq!(m.len(), 3);
    assert_eq!(m[0].code.as_deref(), Some("cx"));
    assert!(m[0].template_ok && m[0].slots_ok && m[1].template_ok && m[1].slots_ok);
    assert_eq!(m[2].response_ms, None);
    // The slip, and 请 typed where the comma was still missing.
    assert_eq!((r.errors, r.backspaces), (2, 1));
    assert!(r.cpm > 0.0);

    let with = check(&r, std::slice::from_ref(&pack));
    assert_eq!(with.problems, vec![], "with the pack");
    assert!(!with.not_recomputed);

    // Not a built-in pack and no --pack: the log-only checks hold, and say so.
    let without = check(&r, &[]);
    assert_eq!(without.problems, vec![], "without the pack");
    assert!(without.not_recomputed);
}

#[test]
fn replay_gives_back_the_session() {
    let pack = pack();
    let s = conversation(&pack);
    let drill = pack.drill("chat").unwrap();
    let again = replay(&pack, drill, s.log()).unwrap();
    assert_eq!(again.log(), s.log());
    // The comma typed after ← (unlogged) is marked right, which it would not be at
    // the end: the marks alone put it back in its place.
    assert_eq!(again.summary(), s.summary());
    let r = record(&pack, &s);
    let steer = Steer {
        replies: r
            .messages
            .as_ref()
            .unwrap()
            .iter()
            .map(|m| m.reply.as_str())
            .collect(),
        // Every grapheme marked right was kept (the slip was not).
        kept_ok: Some(s.summary().hand_ok),
        hand_typed: None,
    };
    let Outcome::Replayed(steered) = replay_towards(&pack, drill, s.log(), &steer) else {
        panic!("replays")
    };
    assert_eq!(record(&pack, &steered), r);
}

#[test]
fn a_changed_response_time_is_caught_with_and_without_the_pack() {
    let (pack, mut r) = honest();
    r.messages.as_mut().unwrap()[0].response_ms = Some(2_000);
    for packs in [std::slice::from_ref(&pack), &[]] {
        let p = problems(&r, packs);
        assert_eq!(names(&p), ["messages"], "{p:?}");
        let Problem::Figure {
            recorded,
            recomputed,
            ..
        } = &p[0]
        else {
            panic!()
        };
        assert_eq!(
            (recorded.as_str(), recomputed.as_str()),
            ("#1 response_ms 2000ms", "#1 response_ms 3500ms")
        );
    }
}

#[test]
fn a_changed_cpm_is_caught_with_the_pack() {
    let (pack, mut r) = honest();
    r.cpm *= 2.0;
    r.net_cpm = r.cpm;
    r.wpm = r.cpm / 5.0;
    assert_eq!(
        names(&problems(&r, std::slice::from_ref(&pack))),
        ["cpm", "net_cpm", "wpm"]
    );
    // The log alone cannot tell which hand-typed characters stayed in the replies.
    let without = check(&r, &[]);
    assert!(without.not_recomputed && without.problems.is_empty());
}

#[test]
fn a_flipped_template_ok_is_caught() {
    let (pack, mut r) = honest();
    r.messages.as_mut().unwrap()[1].template_ok = false;
    let p = problems(&r, std::slice::from_ref(&pack));
    assert_eq!(names(&p), ["messages"]);
    assert!(
        p[0].message().contains("#2 template_ok false"),
        "{}",
        p[0].message()
    );
}

#[test]
fn a_removed_keystroke_is_caught() {
    let (pack, r) = honest();
    let log = &r.keystrokes;
    // The slip's Backspace, then a hand-typed character.
    let backspace = log.iter().position(|k| k.op == Op::Backspace).unwrap();
    let input = log
        .iter()
        .position(|k| matches!(&k.op, Op::Input { text, .. } if text == "元"))
        .unwrap();
    for at in [backspace, input] {
        let mut bad = r.clone();
        bad.keystrokes.remove(at);
        let with = problems(&bad, std::slice::from_ref(&pack));
        assert!(names(&with).contains(&"typed"), "{with:?}");
        let without = problems(&bad, &[]);
        assert!(names(&without).contains(&"messages"), "{without:?}");
    }
}

#[test]
fn a_changed_code_is_caught_with_and_without_the_pack() {
    let (pack, mut r) = honest();
    r.messages.as_mut().unwrap()[0].code = Some("tk".into());
    for packs in [std::slice::from_ref(&pack), &[]] {
        let p = problems(&r, packs);
        assert_eq!(names(&p), ["messages"], "{p:?}");
        assert!(p[0].message().contains("#1 code tk"), "{}", p[0].message());
    }
}

#[test]
fn a_changed_reply_does_not_follow_from_the_log() {
    let (pack, mut r) = honest();
    let m = &mut r.messages.as_mut().unwrap()[0];
    m.reply = m.reply.replace("中通", "圆通");
    r.typed = r.typed.replace("中通", "圆通");
    let c = check(&r, std::slice::from_ref(&pack));
    assert!(names(&c.problems).contains(&"typed"), "{:?}", c.problems);
}

#[test]
fn an_abandoned_message_claimed_as_completed_is_caught_from_the_log() {
    let (_, mut r) = honest();
    r.completed = true;
    assert!(names(&problems(&r, &[])).contains(&"completed"));
}

#[test]
fn a_reordered_show_is_impossible() {
    let (_, mut r) = honest();
    for k in &mut r.keystrokes {
        if k.op == (Op::Show { index: 1 }) {
            k.op = Op::Show { index: 2 };
        }
    }
    assert!(names(&problems(&r, &[])).contains(&"impossible"));
}

#[test]
fn a_built_in_pack_of_the_same_version_is_used_without_pack() {
    let pack = crate::pack::builtin()
        .into_iter()
        .find(|p| {
            p.drills
                .iter()
                .any(|d| matches!(*d.body, DrillBody::QuickReply { .. }))
        })
        .unwrap();
    let drill = pack
        .drills
        .iter()
        .find(|d| matches!(*d.body, DrillBody::QuickReply { .. }))
        .unwrap();
    let mut s = QuickReplySession::for_drill(&pack, drill).unwrap();
    s.next_message(0);
    let t = type_each(&mut s, 1_000_000, "/");
    let code = s.scenario().unwrap().expect[0].clone();
    let t = type_each(&mut s, t, &code);
    keys(&mut s, t, &[Enter]);
    keys(&mut s, t + 500_000, &[Enter]);
    let started = chrono::DateTime::parse_from_rfc3339("2026-12-01T09:00:00+08:00").unwrap();
    let mut r = s.record(&pack, drill, "b1".into(), started);
    let c = check(&r, &[]);
    assert!(!c.not_recomputed && c.problems.is_empty(), "{c:?}");
    r.accuracy = 50.0;
    assert_eq!(names(&check(&r, &[]).problems), ["accuracy"]);
    // Another version of that pack: not replayed against the built-in one.
    r.pack_hash = "other".into();
    let c = check(&r, &[]);
    assert!(c.not_recomputed && c.problems.is_empty(), "{c:?}");
}

mod random {
    use super::*;
    use crate::reply::quickreply::Applied;
    use proptest::prelude::*;

    fn any_batch(cursor_keys: bool) -> impl Strategy<Value = ReplyBatch> {
        let mut keys = vec![Enter, Backspace, Tab, Esc, Up, Down, Card];
        if cursor_keys {
            keys.extend([Left, Right, Home, End]);
        }
        let key = prop_oneof![
            prop::sample::select(vec![
                '/', 'c', 'x', 't', 'k', 'h', '亲', '，', '退', '款', '5', '9', '中', '通', '。'
            ])
            .prop_map(Char),
            prop::sample::select(keys),
        ];
        prop_oneof![
            20 => prop::collection::vec(key, 1..4).prop_map(ReplyBatch::Keys),
            1 => prop::sample::select(vec!["亲，\n", "59", "中通\n"])
                .prop_map(|p| ReplyBatch::Paste(p.to_string())),
        ]
    }

    /// Play `batches` 150 ms apart and check the honest record: with the pack, without.
    fn checked(batches: &[ReplyBatch]) -> (SessionRecord, Checked, Checked) {
        let pack = pack();
        let drill = pack.drill("chat").unwrap();
        let mut s = QuickReplySession::for_drill(&pack, drill).unwrap();
        s.next_message(0);
        for (i, batch) in batches.iter().enumerate() {
            let t = (i as u64 + 1) * 150_000;
            if s.apply(t, batch) == Applied::Next {
                s.next_message(t);
            }
        }
        let r = record(&pack, &s);
        let with = check(&r, std::slice::from_ref(&pack));
        let without = check(&r, &[]);
        (r, with, without)
    }

    /// Refused pastes are reported whatever the figures say.
    fn real(c: &Checked) -> Vec<Problem> {
        c.problems
            .iter()
            .filter(|p| !matches!(p, Problem::Pastes { .. }))
            .cloned()
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(40))]

        /// Without cursor keys the log and the replies decide every unlogged key:
        /// whatever else was pressed, the honest record replays and holds. (A message
        /// left open has no reply recorded to steer by, so there the replay may give
        /// up when the counts leave it a choice.)
        #[test]
        fn any_honest_session_replays_and_holds(
            batches in prop::collection::vec(any_batch(false), 0..50)
        ) {
            let (r, with, without) = checked(&batches);
            let left_open = !matches!(
                r.keystrokes.last().map(|k| &k.op),
                Some(Op::Send | Op::Abandon) | None
            );
            prop_assert!(!with.not_recomputed || left_open, "{:?}", r.keystrokes);
            prop_assert_eq!(real(&with), vec![], "{:?}", r.keystrokes);
            prop_assert_eq!(real(&without), vec![]);
        }

        /// The quick-reply panel the results screen shows after the drill and the one
        /// recomputed from the saved record agree, whatever was pressed.
        #[test]
        fn live_and_recomputed_reply_figures_agree(
            batches in prop::collection::vec(any_batch(true), 0..50)
        ) {
            let pack = pack();
            let drill = pack.drill("chat").unwrap();
            let mut s = QuickReplySession::for_drill(&pack, drill).unwrap();
            s.next_message(0);
            for (i, batch) in batches.iter().enumerate() {
                let t = (i as u64 + 1) * 150_000;
                if s.apply(t, batch) == Applied::Next {
                    s.next_message(t);
                }
            }
            let live = s.summary();
            let f = crate::figures::ReplyFigures::of(&record(&pack, &s));
            prop_assert_eq!(
                (f.completed, f.answering_us, f.sent, f.skipped, f.template_ok, f.slots_ok, f.right),
                (live.completed, live.answering_us, live.sent, live.abandoned, live.template_ok, live.slots_ok, live.right)
            );
            prop_assert_eq!(
                (f.first_response_ms, f.mean_response_ms, f.within_target, f.keys_saved, f.backspaces),
                (live.first_response_ms, live.mean_response_ms, live.within_target, live.keys_saved, live.backspaces)
            );
            prop_assert_eq!(f.messages.len(), live.messages.len());
        }

        /// With ←/→/Home/End mashed at random the replay may give up (undecided, and
        /// said so), but an honest record is never flagged.
        #[test]
        fn an_honest_session_is_never_flagged(
            batches in prop::collection::vec(any_batch(true), 0..50)
        ) {
            let (r, with, without) = checked(&batches);
            prop_assert_eq!(real(&with), vec![], "{:?}", r.keystrokes);
            prop_assert_eq!(real(&without), vec![]);
        }
    }
}
