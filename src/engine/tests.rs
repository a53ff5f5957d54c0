//! Engine tests with figures worked out by hand (PRODUCT.md "What is measured").

use super::*;
use crate::record::Op;

const S: u64 = 1_000_000;

fn text(target: &str) -> Typing {
    Typing::new(&[target.to_string()], Rules::default())
}

fn keys(s: &str) -> Batch {
    Batch::Keys(
        s.chars()
            .map(|c| if c == '\n' { Key::Enter } else { Key::Char(c) })
            .collect(),
    )
}

fn bs() -> Batch {
    Batch::Keys(vec![Key::Backspace])
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

#[test]
fn clean_run() {
    let mut t = text("亲，在的");
    t.apply(0, &keys("亲"));
    t.apply(S / 2, &keys("，"));
    t.apply(S, &keys("在"));
    t.apply(3 * S / 2, &keys("的"));
    assert_eq!(t.end(), Some(End::Finished));
    let s = t.summary();
    assert!(s.completed && s.finished);
    assert_eq!(s.duration_ms(), 1500);
    // 4 right graphemes in 1.5 s = 0.025 min → 160 字/分.
    assert!(close(s.cpm, 160.0), "{}", s.cpm);
    assert!(close(s.net_cpm, 160.0));
    assert!(close(s.wpm, 32.0));
    assert!(close(s.kpm, 160.0));
    assert!(close(s.accuracy, 100.0));
    // One whole second only: consistency is 100 by definition.
    assert!(close(s.consistency, 100.0));
    assert_eq!(
        (s.backspaces, s.corrections, s.errors, s.halfwidth),
        (0, 0, 0, 0)
    );
    assert_eq!(s.typed, "亲，在的");
    assert_eq!(s.target, "亲，在的");
    // The first commit has no latency; each later one waited 0.5 s.
    let qin = &s.chars[0];
    assert_eq!((qin.grapheme.as_str(), qin.latency_samples), ("亲", 0));
    assert_eq!(s.chars[1].mean_latency_ms(), Some(500.0));
    assert_eq!(s.per_second, vec![2, 2]);
}

#[test]
fn mistake_fixed_with_backspace() {
    let mut t = text("您好");
    t.apply(0, &keys("您"));
    t.apply(S, &keys("号"));
    t.apply(3 * S / 2, &bs());
    t.apply(2 * S, &keys("好"));
    let s = t.summary();
    assert!(s.completed);
    assert_eq!(s.duration_ms(), 2000);
    // 3 graphemes typed, 2 right when typed.
    assert!(close(s.accuracy, 200.0 / 3.0));
    // 2 right in the final text over 2 s → 60 字/分; 4 inputs (3 + Backspace) → 120.
    assert!(close(s.cpm, 60.0));
    assert!(close(s.net_cpm, 60.0));
    assert!(close(s.kpm, 120.0));
    assert_eq!((s.backspaces, s.corrections, s.errors), (1, 1, 0));
    // Seconds 0 and 1 each saw one grapheme; the one at exactly 2 s is in no whole second.
    assert_eq!(s.per_second, vec![1, 1, 1]);
    assert!(close(s.consistency, 100.0));
    let hao = s.chars.iter().find(|c| c.grapheme == "好").unwrap();
    assert_eq!((hao.typed, hao.wrong), (2, 1));
    assert_eq!(hao.instead, vec![("号".to_string(), 1)]);
    assert_eq!(
        t.log().iter().map(|k| k.t_us).collect::<Vec<_>>(),
        vec![0, S, 3 * S / 2, 2 * S]
    );
}

#[test]
fn mistake_left_in() {
    let mut t = text("在吗亲");
    t.apply(0, &keys("再"));
    t.apply(S, &keys("吗"));
    t.apply(3 * S, &keys("亲"));
    let s = t.summary();
    assert!(s.finished);
    assert_eq!(s.errors, 1);
    assert!(close(s.accuracy, 200.0 / 3.0));
    // 2 right over 3 s → 40 字/分; net: max(3 − 5×1, 0) = 0.
    assert!(close(s.cpm, 40.0));
    assert!(close(s.net_cpm, 0.0));
    let zai = &s.chars[0];
    assert_eq!(zai.instead, vec![("再".to_string(), 1)]);
    // Chinese is measured in 5-second windows: 3 s has none, so 100 (not measured).
    assert!(close(s.consistency, 100.0), "{}", s.consistency);
    assert!(!s.consistency_measured());
}

#[test]
fn last_grapheme_wrong_waits_and_drops_input_past_the_end() {
    let mut t = text("好的");
    t.apply(0, &keys("好"));
    t.apply(S, &keys("地"));
    assert!(!t.is_over(), "a wrong last grapheme must be fixed first");
    t.apply(2 * S, &keys("呀"));
    assert_eq!(t.log().len(), 2, "input past the end is not logged");
    t.apply(3 * S, &bs());
    t.apply(4 * S, &keys("的"));
    assert_eq!(t.end(), Some(End::Finished));
    t.apply(5 * S, &keys("了"));
    assert_eq!(t.log().len(), 4);
    assert_eq!(t.summary().duration_ms(), 4000);
}

#[test]
fn input_method_commit_of_four() {
    let mut t = text("今天发货了");
    t.apply(0, &keys("今"));
    t.apply(2 * S, &keys("天发货了"));
    let s = t.summary();
    assert!(s.finished);
    // The four graphemes of one commit share its time.
    assert!(t.log()[1..].iter().all(|k| k.t_us == 2 * S));
    assert!(close(s.cpm, 150.0));
    // The commit waited 2 s; each of its 4 字 gets 0.5 s.
    for g in ["天", "发", "货", "了"] {
        let f = s.chars.iter().find(|c| c.grapheme == g).unwrap();
        assert_eq!(f.mean_latency_ms(), Some(500.0), "{g}");
    }
    // Per second [1, 0] would give c = 1 and 8.9, a steady typist's commit punished;
    // in 5-second windows 2 s has none: 100 (not measured).
    assert!(close(s.consistency, 100.0));
    assert!(!s.consistency_measured());
}

#[test]
fn overshooting_commit_keeps_what_fits() {
    let mut t = text("好的");
    t.apply(0, &keys("好的呀"));
    assert_eq!(t.end(), Some(End::Finished));
    assert_eq!(t.log().len(), 2);
    assert_eq!(t.summary().typed, "好的");
}

#[test]
fn refused_paste_of_forty() {
    let mut t = text("亲，您好");
    let pasted: String = "亲".repeat(40);
    t.apply(0, &Batch::Paste(pasted.clone()));
    assert_eq!(t.log()[0].op, Op::PasteRejected { len: 40 });
    assert_eq!(t.typed_len(), 0);
    // The same as a batch of keys (Windows delivers pastes so) is refused too.
    t.apply(S, &keys(&pasted));
    assert_eq!(t.log().len(), 2);
    t.apply(2 * S, &keys("亲，您好"));
    let s = t.summary();
    assert!(s.finished);
    assert_eq!(s.pastes_rejected, 2);
    assert_eq!(s.typed_graphemes, 4);
    // Refused input is not counted: 4 inputs over 2 s.
    assert!(close(s.kpm, 120.0));
    assert!(close(s.accuracy, 100.0));
}

#[test]
fn a_batch_of_32_is_typing_and_a_line_break_in_a_paste_is_not() {
    let target = "好".repeat(40);
    let mut t = text(&target);
    t.apply(0, &keys(&"好".repeat(32)));
    assert_eq!(t.typed_len(), 32);
    t.apply(S, &Batch::Paste("好\n好".into()));
    assert_eq!(t.log().last().unwrap().op, Op::PasteRejected { len: 3 });
}

#[test]
fn drill_ended_by_its_time_limit() {
    let rules = Rules {
        strict: false,
        time_limit_us: Some(2 * S),
        shown_not_typed: false,
    };
    let mut t = Typing::new(&["亲，您好，在的".to_string()], rules);
    assert!(!t.tick(5 * S), "the clock starts at the first key");
    t.apply(0, &keys("亲"));
    t.apply(S, &keys("，"));
    t.apply(3 * S / 2, &keys("您"));
    assert!(!t.tick(19 * S / 10));
    assert!(t.tick(2 * S));
    assert_eq!(t.end(), Some(End::TimeUp));
    t.apply(5 * S / 2, &keys("好"));
    assert_eq!(t.log().len(), 3);
    let s = t.summary();
    assert!(s.completed && !s.finished);
    assert_eq!(s.duration_ms(), 2000);
    // 3 right over the whole 2 s.
    assert!(close(s.cpm, 90.0));
    // A batch read after the limit but before the tick is dropped, and ends the drill.
    let mut late = Typing::new(&["好的".to_string()], rules);
    late.apply(0, &keys("好"));
    late.apply(3 * S, &keys("的"));
    assert_eq!(late.end(), Some(End::TimeUp));
    assert_eq!(late.summary().duration_ms(), 2000);
}

#[test]
fn halfwidth_comma_for_fullwidth() {
    let mut t = text("好，的");
    t.apply(0, &keys("好"));
    t.apply(S, &keys(","));
    t.apply(2 * S, &keys("的"));
    let s = t.summary();
    assert!(s.finished);
    assert_eq!((s.halfwidth, s.errors), (1, 1));
    assert!(close(s.accuracy, 200.0 / 3.0));
    let comma = s.chars.iter().find(|c| c.grapheme == "，").unwrap();
    assert_eq!(comma.instead, vec![(",".to_string(), 1)]);
}

#[test]
fn either_curly_quote_is_right() {
    let mut t = text("“好”");
    t.apply(0, &keys("”"));
    t.apply(S, &keys("好"));
    t.apply(2 * S, &keys("“"));
    let s = t.summary();
    assert!(s.finished);
    assert_eq!(s.errors, 0);
    assert!(close(s.accuracy, 100.0));
}

#[test]
fn combining_marks_and_emoji_are_single_graphemes() {
    let target = "e\u{301}👍🏽👨\u{200d}👩\u{200d}👧";
    let mut t = text(target);
    assert_eq!(t.target_len(), 3);
    t.apply(0, &keys("e\u{301}"));
    t.apply(S, &keys("👍🏽"));
    t.apply(2 * S, &keys("👨\u{200d}👩\u{200d}👧"));
    let s = t.summary();
    assert!(s.finished);
    assert_eq!(s.typed_graphemes, 3);
    assert!(close(s.accuracy, 100.0));

    // A mark arriving in its own batch joins the letter before it.
    let mut t = text("ne\u{301}");
    t.apply(0, &keys("n"));
    t.apply(S, &keys("e"));
    assert!(!t.is_over());
    t.apply(2 * S, &keys("\u{301}"));
    assert_eq!(t.end(), Some(End::Finished));
    let s = t.summary();
    assert_eq!(s.typed, "ne\u{301}");
    assert_eq!(s.typed_graphemes, 2);
    assert_eq!(s.errors, 0);
    // "e" was wrong when typed; the mark does not count as a grapheme of its own.
    assert!(close(s.accuracy, 50.0));
}

#[test]
fn backspace_at_the_start_and_in_strict_mode() {
    let mut t = text("好的");
    t.apply(0, &bs());
    assert!(!t.started(), "a Backspace at the start is not logged");
    t.apply(0, &keys("号"));
    t.apply(S, &bs());
    t.apply(2 * S, &bs());
    assert_eq!(
        t.log().len(),
        2,
        "the second Backspace had nothing to delete"
    );

    let strict = Rules {
        strict: true,
        time_limit_us: None,
        shown_not_typed: false,
    };
    let mut t = Typing::new(&["好的".to_string()], strict);
    t.apply(0, &keys("号"));
    t.apply(S, &bs());
    assert_eq!(t.log().len(), 1, "Backspace is off in strict mode");
    t.apply(2 * S, &keys("地"));
    // Strict: over as soon as it is long enough, wrong or not.
    assert_eq!(t.end(), Some(End::Finished));
    let s = t.summary();
    assert_eq!((s.errors, s.backspaces), (2, 0));
    assert!(close(s.cpm, 0.0));
}

#[test]
fn enter_where_the_target_has_no_line_break_is_wrong() {
    let mut t = text("好\n的");
    t.apply(0, &keys("好"));
    t.apply(S, &Batch::Keys(vec![Key::Enter]));
    t.apply(2 * S, &keys("的"));
    assert!(t.summary().finished);
    let mut t = text("好的");
    t.apply(0, &keys("好"));
    t.apply(S, &Batch::Keys(vec![Key::Enter]));
    assert_eq!(
        t.log()[1].op,
        Op::Input {
            text: "\n".into(),
            ok: false
        }
    );
}

#[test]
fn phrases_across_three() {
    let phrases: Vec<String> = ["在的亲", "好的", "稍等"].map(String::from).to_vec();
    let mut t = Typing::new(&phrases, Rules::default());
    t.apply(0, &keys("在的亲"));
    assert_eq!(
        t.current_segment(),
        1,
        "the next phrase follows without Enter"
    );
    t.apply(S, &bs());
    assert_eq!(
        t.log().len(),
        3,
        "Backspace never goes back into a finished phrase"
    );
    t.apply(2 * S, &keys("号"));
    t.apply(3 * S, &bs());
    t.apply(4 * S, &keys("好的"));
    t.apply(5 * S, &keys("稍"));
    t.apply(6 * S, &keys("等"));
    assert_eq!(t.end(), Some(End::Finished));
    let s = t.summary();
    assert_eq!(s.target, "在的亲\n好的\n稍等");
    assert_eq!(s.typed, "在的亲\n好的\n稍等");
    assert_eq!(s.duration_ms(), 6000);
    // 7 right over 6 s = 70 字/分; 8 typed, 7 right when typed.
    assert!(close(s.cpm, 70.0));
    assert!(close(s.accuracy, 87.5));
    assert_eq!((s.backspaces, s.corrections, s.errors), (1, 1, 0));
    // Left in the middle: the typed text stops where the student stopped.
    let mut t = Typing::new(&phrases, Rules::default());
    t.apply(0, &keys("在的亲"));
    t.apply(S, &keys("好"));
    let s = t.summary();
    assert!(!s.completed);
    assert_eq!(s.typed, "在的亲\n好");
    assert_eq!(s.duration_ms(), 1000);
}

#[test]
fn enter_after_a_finished_phrase_is_ignored_and_not_logged() {
    // A customer-service habit: Enter after each phrase, once or twice.
    let phrases: Vec<String> = ["在的亲", "好的", "稍等"].map(String::from).to_vec();
    let mut t = Typing::new(&phrases, Rules::default());
    t.apply(0, &keys("在的亲"));
    t.apply(S, &Batch::Keys(vec![Key::Enter]));
    t.apply(2 * S, &keys("好"));
    t.apply(3 * S, &keys("的"));
    t.apply(4 * S, &Batch::Keys(vec![Key::Enter]));
    t.apply(4 * S + 1, &Batch::Keys(vec![Key::Enter]));
    t.apply(5 * S, &keys("稍等"));
    assert_eq!(t.end(), Some(End::Finished));
    assert!(
        t.log()
            .iter()
            .all(|k| !matches!(&k.op, Op::Input { text, .. } if text == "\n")),
        "{:?}",
        t.log()
    );
    assert_eq!(t.log().len(), 7);
    let s = t.summary();
    assert!(close(s.accuracy, 100.0), "{}", s.accuracy);
    assert_eq!(s.errors, 0);
    assert_eq!(s.typed, "在的亲\n好的\n稍等");
    // With Backspace off, a phrase ends as soon as it is long enough: the same.
    let strict = Rules {
        strict: true,
        ..Rules::default()
    };
    let mut t = Typing::new(&phrases, strict);
    t.apply(0, &keys("在地亲"));
    t.apply(S, &Batch::Keys(vec![Key::Enter]));
    assert_eq!(t.log().len(), 3);
    // Inside a phrase Enter is still a wrong input, and the first phrase has no
    // phrase before it to finish.
    let mut t = Typing::new(&phrases, Rules::default());
    t.apply(0, &Batch::Keys(vec![Key::Enter]));
    t.apply(S, &keys("在"));
    t.apply(2 * S, &Batch::Keys(vec![Key::Enter]));
    let logged: Vec<(&str, bool)> = t
        .log()
        .iter()
        .filter_map(|k| match &k.op {
            Op::Input { text, ok } => Some((text.as_str(), *ok)),
            _ => None,
        })
        .collect();
    assert_eq!(logged, [("\n", false), ("在", false), ("\n", false)]);
}

#[test]
fn summary_recomputes_from_the_log_alone() {
    let mut t = text("亲，您好！有什么可以帮您？");
    t.apply(0, &keys("亲"));
    t.apply(S, &keys(","));
    t.apply(S + 1, &bs());
    t.apply(2 * S, &keys("，您好"));
    t.apply(3 * S, &keys("！有什么"));
    t.apply(4 * S, &Batch::Paste("x".repeat(50)));
    t.apply(5 * S, &keys("可以帮您？"));
    let live = t.summary();
    let targets = vec!["亲，您好！有什么可以帮您？".to_string()];
    let again = summarize(&targets, Rules::default(), t.log(), false);
    assert_eq!(live, again);
}

#[test]
fn passed_needs_completion_and_both_criteria() {
    let mut t = text("好的");
    t.apply(0, &keys("好"));
    t.apply(S, &keys("的"));
    let s = t.summary();
    let pass = Pass::Typing {
        cpm: 100.0,
        accuracy: 95.0,
    };
    assert_eq!(s.passed(None), None);
    assert_eq!(s.passed(Some(&pass)), Some(true));
    let high = Pass::Typing {
        cpm: 121.0,
        accuracy: 95.0,
    };
    assert_eq!(s.passed(Some(&high)), Some(false));
    let mut left = text("好的");
    left.apply(0, &keys("好"));
    assert_eq!(left.summary().passed(Some(&pass)), Some(false));
}

#[test]
fn nothing_typed_gives_zeros_not_nan() {
    let s = text("好的").summary();
    assert_eq!(s.duration_ms(), 0);
    assert!(close(s.cpm, 0.0) && close(s.accuracy, 0.0) && close(s.kpm, 0.0));
    assert!(!s.completed);
}

use crate::pack::Pass;
use proptest::prelude::*;

fn arb_op() -> impl Strategy<Value = Op> {
    prop_oneof![
        prop::sample::select(vec![
            "好", "的", "，", ",", "\n", "“", "e\u{301}", "\u{301}", "x"
        ])
        .prop_flat_map(|g| any::<bool>().prop_map(move |ok| Op::Input {
            text: g.to_string(),
            ok
        })),
        Just(Op::Backspace),
        (0usize..100).prop_map(|len| Op::PasteRejected { len }),
        Just(Op::Send),
    ]
}

fn arb_batch() -> impl Strategy<Value = Batch> {
    prop_oneof![
        prop::collection::vec(
            prop_oneof![
                prop::sample::select(vec!['好', '的', '，', ',', '“', '\u{301}', 'a'])
                    .prop_map(Key::Char),
                Just(Key::Enter),
                Just(Key::Backspace),
            ],
            0..40
        )
        .prop_map(Batch::Keys),
        ".{0,40}".prop_map(Batch::Paste),
    ]
}

proptest! {
    #[test]
    fn any_log_gives_sane_figures(
        ops in prop::collection::vec((0u64..10_000_000, arb_op()), 0..60),
        strict in any::<bool>(),
        limit in prop::option::of(0u64..8_000_000),
        time_up in any::<bool>(),
    ) {
        let log: Vec<Keystroke> = ops.into_iter().map(|(t_us, op)| Keystroke { t_us, op }).collect();
        let targets = vec!["好的，“好”\n的e\u{301}".to_string(), "好".to_string(), String::new()];
        let s = summarize(&targets, Rules { strict, time_limit_us: limit, shown_not_typed: false }, &log, time_up);
        for v in [s.cpm, s.net_cpm, s.wpm, s.kpm, s.accuracy, s.consistency] {
            prop_assert!(v.is_finite() && v >= 0.0);
        }
        prop_assert!(s.accuracy <= 100.0 && s.consistency <= 100.0);
    }

    #[test]
    fn any_batches_replay_to_the_same_summary(
        batches in prop::collection::vec((0u64..500_000, arb_batch()), 0..30),
        strict in any::<bool>(),
    ) {
        let targets = vec!["好的，“好”".to_string(), "的e\u{301}a".to_string()];
        let rules = Rules { strict, time_limit_us: Some(6_000_000), shown_not_typed: false };
        let mut t = Typing::new(&targets, rules);
        let mut now = 0;
        for (gap, batch) in &batches {
            now += gap;
            t.apply(now, batch);
            // The running count of right graphemes is what a walk over the typed text gives.
            let walked = (0..targets.len()).flat_map(|i| t.typed(i)).filter(|g| g.ok).count();
            prop_assert_eq!(t.correct_now(), walked);
        }
        let live = t.summary();
        let again = summarize(&targets, rules, t.log(), t.end() == Some(End::TimeUp));
        prop_assert_eq!(&live, &again);
        prop_assert!(live.accuracy <= 100.0);
        // Every logged input carries the verdict the replay reaches.
        prop_assert!(live.typed_graphemes as usize <= t.log().len());
    }
}

#[test]
fn a_stamp_changes_wherever_the_typed_text_does() {
    let mut t = text("abcde");
    t.apply(0, &keys("ab"));
    let [a, b] = t.stamps(0) else {
        panic!("two stamps: {:?}", t.stamps(0))
    };
    let (a, b) = (*a, *b);
    t.apply(S, &bs());
    assert_eq!(t.stamps(0), [a]);
    // The same grapheme typed again is a new one.
    t.apply(2 * S, &keys("b"));
    let again = t.stamps(0)[1];
    assert_ne!(again, b);
    // A mark joined to the last grapheme changes it.
    t.apply(3 * S, &keys("\u{301}"));
    assert_eq!(t.stamps(0).len(), 2);
    assert_eq!(t.stamps(0)[0], a);
    assert_ne!(t.stamps(0)[1], again);
    assert_eq!(t.stamps(0).len(), t.typed(0).len());
}

/// Rules with 旺旺 faces and leading speaker labels shown and not typed.
fn shown_rules() -> Rules {
    Rules {
        shown_not_typed: true,
        ..Rules::default()
    }
}

/// Issue 18: a dialogue's labels and faces are skipped by the cursor, never logged or
/// counted; the record's target keeps them.
#[test]
fn labels_and_faces_are_shown_and_not_typed() {
    let text = "顾客：在吗？[微笑]\n客服：在的";
    let mut t = Typing::new(&[text.to_string()], shown_rules());
    // The label is filled in before the first key: the cursor stands after it.
    assert_eq!(t.typed(0).len(), 3);
    assert_eq!(t.target_len(), 6, "在吗？ ↵ 在的");
    assert_eq!(t.typed_len(), 0);
    // Backspace with only the label there does nothing and is not logged.
    t.apply(0, &bs());
    assert!(t.log().is_empty());
    t.apply(0, &keys("在吗？"));
    // The face follows at once.
    assert_eq!(t.typed(0).len(), 10);
    t.apply(S, &Batch::Keys(vec![Key::Enter]));
    assert_eq!(t.typed(0).len(), 14, "the next line's label filled in");
    t.apply(2 * S, &keys("在"));
    // Backspace takes back 在, never the label before it.
    t.apply(3 * S, &bs());
    assert_eq!(t.typed(0).len(), 14);
    t.apply(4 * S, &keys("在的"));
    assert_eq!(t.end(), Some(End::Finished));
    let logged: String = t
        .log()
        .iter()
        .filter_map(|k| match &k.op {
            Op::Input { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(logged, "在吗？\n在在的");
    let s = t.summary();
    assert_eq!(s.target, text);
    assert_eq!(s.typed, text);
    // 6 right 字 (在吗？↵在的) over 4 s; 7 typed by hand, all right when typed.
    assert!((s.cpm - 90.0).abs() < 1e-9, "{}", s.cpm);
    assert_eq!((s.typed_graphemes, s.errors), (7, 0));
    assert!(
        s.chars
            .iter()
            .all(|c| c.grapheme != "顾" && c.grapheme != "[")
    );
    assert_eq!(
        summarize(&[text.to_string()], shown_rules(), t.log(), false),
        s
    );
}

#[test]
fn a_wrong_last_grapheme_before_a_face_keeps_the_phrase_open() {
    let phrases = vec!["好的[微笑]".to_string(), "亲".to_string()];
    let mut t = Typing::new(&phrases, shown_rules());
    t.apply(0, &keys("好地"));
    assert_eq!(t.current_segment(), 0, "the last 字 typed by hand is wrong");
    assert_eq!(t.typed(0).len(), 6);
    t.apply(S, &bs());
    assert_eq!(t.typed(0).len(), 1, "the face goes with the wrong 字");
    t.apply(2 * S, &keys("的"));
    assert_eq!(t.current_segment(), 1);
    // Enter right after the phrase is ignored, as with no face.
    t.apply(3 * S, &Batch::Keys(vec![Key::Enter]));
    t.apply(4 * S, &keys("亲"));
    assert_eq!(t.end(), Some(End::Finished));
    assert!(
        t.log()
            .iter()
            .all(|k| !matches!(&k.op, Op::Input { text, .. } if text == "\n"))
    );
}

proptest! {
    #[test]
    fn shown_faces_and_labels_replay_to_the_same_summary(
        batches in prop::collection::vec((0u64..500_000, arb_batch()), 0..30),
        strict in any::<bool>(),
    ) {
        let targets = vec!["顾客：好的，[微笑]“好”".to_string(), "[微笑]的e\u{301}a".to_string()];
        let rules = Rules { strict, shown_not_typed: true, ..Rules::default() };
        let mut t = Typing::new(&targets, rules);
        let mut now = 0;
        for (gap, batch) in &batches {
            now += gap;
            t.apply(now, batch);
        }
        let live = t.summary();
        let again = summarize(&targets, rules, t.log(), false);
        prop_assert_eq!(&live, &again);
        prop_assert!(live.typed_graphemes as usize <= t.log().len());
        prop_assert!(t.typed_len() <= t.target_len());
    }
}
