use super::*;
use crate::pack::Scenario;
use crate::testing::{pack, template};

fn item(code: &str, text: &str) -> RecallItem {
    RecallItem {
        code: code.into(),
        group: "售前".into(),
        prompt: Prompt::Reply(text.into()),
        text: text.into(),
        accept: vec![code.into()],
    }
}

fn keys(s: &str) -> Vec<RecallKey> {
    s.chars()
        .map(|c| match c {
            '\n' => RecallKey::Enter,
            '\u{8}' => RecallKey::Backspace,
            c => RecallKey::Char(c),
        })
        .collect()
}

fn drill() -> Drill {
    Drill {
        id: "codes".into(),
        title: "回想".into(),
        description: None,
        tags: vec![],
        time_limit: None,
        strict: false,
        pass: Some(crate::pack::Pass::Typing {
            cpm: 1.0,
            accuracy: 50.0,
        }),
        body: DrillBody::Recall {
            group: None,
            count: None,
        }
        .into(),
    }
}

#[test]
fn a_right_code_a_wrong_one_and_dont_know() {
    let items = vec![
        item("hy", "亲，在的[微笑]"),
        item("fh", "已发货"),
        item("th", "退货地址"),
    ];
    let mut s = RecallSession::new(items, None);
    s.start(0);
    assert_eq!(s.current().map(|(i, _)| i.code.as_str()), Some("hy"));
    // `/` before a code is skipped; capitals count as lower case.
    assert!(s.apply(1_000_000, &keys("/H")));
    assert!(s.apply(1_500_000, &keys("y\n")));
    let (it, a) = s.last_answer().expect("answered");
    assert_eq!(
        (it.code.as_str(), a.typed.as_str(), a.right),
        ("hy", "hy", true)
    );
    assert_eq!(a.keys, 3, "h, y, send");
    // The next item is on screen, its clock from the send.
    assert_eq!(
        s.current().map(|(i, t)| (i.code.as_str(), t)),
        Some(("fh", 1_500_000))
    );
    s.apply(2_000_000, &keys("fx\u{8}j\n"));
    let (_, a) = s.last_answer().expect("answered");
    assert_eq!((a.typed.as_str(), a.right), ("fj", false));
    // Enter on nothing: "don't know", a miss.
    s.apply(4_500_000, &keys("\n"));
    assert!(s.is_over());
    assert_eq!(s.end(), Some(RecallEnd::Finished));
    let sum = s.summary();
    assert!(sum.completed);
    assert_eq!((sum.answered, sum.right), (3, 1));
    assert!((sum.accuracy - 100.0 / 3.0).abs() < 1e-9);
    assert_eq!(sum.duration_us, 4_500_000);
    // 2 graphemes of right codes in 4.5 s.
    assert!((sum.cpm - 2.0 * 60.0 / 4.5).abs() < 1e-9);
    assert_eq!(sum.backspaces, 1);
    assert_eq!(sum.mean_response_ms, Some((1500 + 500 + 2500) / 3));
    assert_eq!(sum.target, "hy\nfh\nth");
    assert_eq!(sum.typed, "hy\nfj\n");
    let m = &sum.messages;
    assert_eq!(m[0].customer, "亲，在的[微笑]");
    assert_eq!(m[1].code.as_deref(), Some("fj"));
    assert!(!m[1].template_ok);
    assert_eq!(m[2].code, None);
    assert_eq!(m[2].response_ms, Some(2500));
    assert_eq!(m[0].keys_if_typed, 3);
    // ok marks: h y right; f right, x wrong, j wrong (fh wanted).
    let oks: Vec<bool> = s
        .log()
        .iter()
        .filter_map(|k| match &k.op {
            Op::Input { ok, .. } => Some(*ok),
            _ => None,
        })
        .collect();
    assert_eq!(oks, [true, true, true, false, false]);
}

#[test]
fn the_record_replays_to_the_same_figures() {
    let items = vec![item("hy", "亲"), item("fh", "已发货")];
    let mut s = RecallSession::new(items.clone(), None);
    s.start(0);
    s.apply(800_000, &keys("hy\n"));
    s.apply(2_000_000, &keys("fg"));
    let p = pack(vec![], vec![drill()]);
    let at = chrono::DateTime::parse_from_rfc3339("2026-12-02T09:00:00+08:00").expect("time");
    let r = s.record(&p, &p.drills[0], "id".into(), at);
    assert_eq!(
        (r.kind.clone(), r.mode.clone()),
        (
            crate::record::Kind::Recall,
            Some(crate::record::Mode::Recall)
        )
    );
    assert!(!r.completed, "left with one item open");
    assert_eq!(r.passed, Some(false));
    let back = items_of_record(&r);
    assert_eq!(
        back.iter().map(|i| i.code.as_str()).collect::<Vec<_>>(),
        ["hy", "fh"]
    );
    let (again, flags, impossible) = RecallSession::replay(back, None, false, &r.keystrokes, false);
    assert_eq!((flags, impossible), (0, 0));
    let (a, b) = (s.summary(), again.summary());
    assert_eq!(a.messages, b.messages);
    assert_eq!(
        (a.cpm, a.accuracy, a.duration_us),
        (b.cpm, b.accuracy, b.duration_us)
    );
    // A forged mark or an input past the end of the session is caught.
    let mut forged = r.keystrokes.clone();
    if let Some(Keystroke {
        op: Op::Input { ok, .. },
        ..
    }) = forged.get_mut(1)
    {
        *ok = false;
    }
    forged.push(Keystroke {
        t_us: 3_000_000,
        op: Op::Show { index: 5 },
    });
    let (_, flags, impossible) =
        RecallSession::replay(items_of_record(&r), None, false, &forged, false);
    assert_eq!((flags, impossible), (1, 1));
}

#[test]
fn time_limit_ends_the_session_and_codes_stop_at_sixteen() {
    let mut s = RecallSession::new(
        vec![item("hy", "亲"), item("fh", "已发货")],
        Some(5_000_000),
    );
    s.start(0);
    s.apply(1_000, &keys(&"a".repeat(20)));
    assert_eq!(s.typed().len(), MAX_CODE);
    assert!(!s.tick(4_999_999));
    assert!(s.tick(5_000_000));
    assert!(
        !s.apply(5_100_000, &keys("\n")),
        "nothing after the time is up"
    );
    let sum = s.summary();
    assert!(sum.completed);
    assert_eq!(sum.duration_us, 5_000_000);
    assert_eq!(sum.answered, 0);
    // A paste is refused and logged.
    let mut p = RecallSession::new(vec![item("hy", "亲")], None);
    p.start(0);
    p.apply(10, &keys(&"h".repeat(40)));
    assert_eq!(
        p.log().last().map(|k| &k.op),
        Some(&Op::PasteRejected { len: 40 })
    );
    assert_eq!(p.typed(), "");
    // Strict: Backspace is ignored and not logged.
    let mut strict = RecallSession::new(vec![item("hy", "亲")], None).with_strict(true);
    strict.start(0);
    strict.apply(10, &keys("hx\u{8}"));
    assert_eq!(strict.typed(), "hx");
    assert!(!strict.log().iter().any(|k| k.op == Op::Backspace));
}

#[test]
fn items_show_a_situation_or_the_reply_and_accept_twins() {
    let ts = vec![
        template("hy", "售前", "亲，在的"),
        template("zx", "售前", "亲，在的"),
        template("fh", "售后", "已发货"),
    ];
    let qr = Drill {
        id: "qr".into(),
        title: "快捷".into(),
        description: None,
        tags: vec![],
        time_limit: None,
        strict: false,
        pass: None,
        body: DrillBody::QuickReply {
            scenarios: vec![Scenario {
                customer: vec!["什么时候发货呀".into()],
                expect: vec!["fh".into(), "hy".into()],
                slots: vec![],
                card: vec![],
                context: None,
            }],
            target_seconds: 15,
        }
        .into(),
    };
    let p = pack(ts.clone(), vec![qr]);
    let picked: Vec<&Template> = ts.iter().collect();
    let mut situations = 0;
    for seed in 0..16 {
        let items = recall_items(&p, &picked, seed);
        assert_eq!(items[1].accept, ["zx", "hy"], "same text: either code");
        match &items[2].prompt {
            Prompt::Situation(lines) => {
                situations += 1;
                assert_eq!(lines, &["什么时候发货呀"]);
                assert_eq!(items[2].accept, ["fh", "hy"]);
            }
            Prompt::Reply(text) => {
                assert_eq!(text, "已发货");
                assert_eq!(items[2].accept, ["fh"]);
            }
        }
    }
    assert!(situations > 0 && situations < 16, "{situations}");
}

mod hostile {
    use super::*;
    use proptest::prelude::*;

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (0usize..6).prop_map(|index| Op::Show { index }),
            ("[a-z亲/]{0,3}", any::<bool>()).prop_map(|(text, ok)| Op::Input { text, ok }),
            Just(Op::Backspace),
            Just(Op::Send),
            Just(Op::Abandon),
            "[a-z]{0,3}".prop_map(|code| Op::Select { code }),
            (0usize..100).prop_map(|len| Op::PasteRejected { len }),
        ]
    }

    proptest! {
        /// Any log replays without a panic, for recall and for recite.
        #[test]
        fn any_log_replays(ops in proptest::collection::vec((0u64..5_000_000, op()), 0..60),
                           limit in proptest::option::of(0u64..4_000_000),
                           strict in any::<bool>()) {
            let log: Vec<Keystroke> = ops.into_iter().map(|(t_us, op)| Keystroke { t_us, op }).collect();
            let items = vec![item("hy", "亲"), item("fh", "已发货")];
            let (s, _, _) = RecallSession::replay(items, limit, strict, &log, true);
            let sum = s.summary();
            prop_assert!(sum.answered <= 2 && sum.right <= sum.answered);
            let segments = vec!["亲，在的".to_string(), String::new(), "好".to_string()];
            let rules = crate::engine::Rules { strict, time_limit_us: limit, shown_not_typed: false };
            let results = crate::reply::recite::item_results(&segments, rules, &log);
            prop_assert!(results.len() <= 2);
        }
    }
}

mod one_truth {
    use super::*;
    use proptest::prelude::*;

    fn key() -> impl Strategy<Value = RecallKey> {
        prop_oneof![
            6 => prop::sample::select(vec!['h', 'y', 'f', 'x', '/', 'H']).prop_map(RecallKey::Char),
            2 => Just(RecallKey::Enter),
            1 => Just(RecallKey::Backspace),
        ]
    }

    proptest! {
        /// What the recall session counted live, the recomputation of its saved record
        /// and `verify` agree: right, answered, time per item, completed, passed.
        #[test]
        fn live_and_recomputed_recall_figures_agree(
            batches in prop::collection::vec((1u64..2_000_000, prop::collection::vec(key(), 1..4)), 0..30),
            limit in prop::option::of(1u64..20),
        ) {
            let items = vec![item("hy", "亲，在的"), item("fh", "已发货"), item("xf", "稍等")];
            let limit_us = limit.map(|s| s * 1_000_000);
            let mut s = RecallSession::new(items, limit_us);
            s.start(0);
            let mut now = 0;
            for (gap, keys) in &batches {
                now += gap;
                s.apply(now, keys);
            }
            if let Some(l) = limit_us {
                s.tick(now.max(l));
            }
            let mut d = drill();
            d.time_limit = limit.map(|s| s as u32);
            d.pass = Some(crate::pack::Pass::Codes { correct: 60.0 });
            let p = pack(vec![], vec![d.clone()]);
            let at = chrono::DateTime::parse_from_rfc3339("2026-12-02T09:00:00+08:00").expect("time");
            let r = s.record(&p, &d, "id".into(), at);
            let live = s.summary();
            let f = crate::figures::Figures::of(&r);
            let crate::figures::Body::Recall(c) = &f.body else {
                panic!("a recall record")
            };
            prop_assert_eq!(
                (c.right, c.reached, c.items, c.mean_ms),
                (live.right, live.answered, live.items, live.mean_response_ms)
            );
            prop_assert_eq!((f.completed, f.duration_us), (live.completed, live.duration_us));
            prop_assert_eq!(f.passed, r.passed);
            prop_assert_eq!(crate::verify::check(&r, &[]).problems, vec![]);
        }
    }
}
