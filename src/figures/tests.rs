use super::*;
use crate::engine::{Batch, Key, Typing};
use crate::pack::{DrillBody, Pass};
use crate::record::Student;
use crate::testing::pack_with;
use proptest::prelude::*;

const S: u64 = 1_000_000;

fn at() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339("2026-12-07T09:30:00+08:00").expect("time")
}

fn keys(s: &str) -> Batch {
    Batch::Keys(
        s.chars()
            .map(|c| match c {
                '\n' => Key::Enter,
                '<' => Key::Backspace,
                c => Key::Char(c),
            })
            .collect(),
    )
}

/// The record the trainer saves for a typing run on a text drill.
fn saved(text: &str, time_limit: Option<u32>, pass: Option<Pass>, t: &Typing) -> SessionRecord {
    let mut pack = pack_with(DrillBody::Text { text: text.into() }, time_limit);
    pack.drills[0].pass = pass;
    crate::engine::record::typing_record(
        &pack,
        &pack.drills[0],
        &t.summary(),
        t.log(),
        Student::default(),
        at(),
    )
}

/// Issue 14, case 1: five 字 in the first 2 s of a 5 s drill, then the clock ends it.
/// The results screen said 60.0 字/分 完成; history reopened it as 182.3 字/分 未完成.
#[test]
fn a_drill_ended_by_the_clock_recomputes_as_it_was_shown() {
    let text = "亲，您好！欢迎光临本店";
    let mut t = Typing::new(
        &[text.to_string()],
        crate::engine::Rules {
            strict: false,
            time_limit_us: Some(5 * S),
            shown_not_typed: false,
        },
    );
    for (i, g) in ["亲", "，", "您", "好", "！"].into_iter().enumerate() {
        t.apply(i as u64 * 400_000 + 50_000, &keys(g));
    }
    assert!(t.tick(5 * S), "the clock ends it");
    let live = t.summary();
    assert!(live.completed);
    assert!((live.cpm - 60.0).abs() < 1e-9, "{}", live.cpm);
    let r = saved(text, Some(5), None, &t);
    let f = Figures::of(&r);
    assert_eq!(f.body, Body::Typing(live));
    assert!(f.completed);
    assert_eq!(f.duration_us, 5 * S);
}

#[test]
fn small_samples_show_dashes_and_never_rank() {
    let text = "亲，您好！欢迎光临本店，请问有什么可以帮您？";
    let mut t = Typing::new(&[text.to_string()], Default::default());
    t.apply(0, &keys("亲，您好"));
    t.apply(2 * S, &keys("！"));
    let r = saved(text, None, None, &t);
    let f = Figures::of(&r);
    assert!(f.small, "5 字 in 2 s");
    assert_eq!(f.ranked_cpm(), None);
    assert!(!f.earns_level());
    let cell = f.headline().cell(f.small);
    assert!(cell.starts_with('—'), "{cell}");

    // Ten 字 over 12 s ranks, but a level needs a minute.
    let mut t = Typing::new(&[text.to_string()], Default::default());
    for (i, c) in text.chars().take(12).enumerate() {
        t.apply(i as u64 * S, &keys(&c.to_string()));
    }
    let f = Figures::of(&saved(text, None, None, &t));
    assert!(!f.small);
    assert!(f.ranked_cpm().is_some());
    assert!(!f.earns_level(), "not completed, and 11 s");
}

#[test]
fn a_level_needs_a_completed_drill_of_a_minute() {
    let text: String = "好".repeat(60);
    let mut t = Typing::new(std::slice::from_ref(&text), Default::default());
    for i in 0..60u64 {
        t.apply(i * 1_100_000, &keys("好"));
    }
    let f = Figures::of(&saved(&text, None, None, &t));
    assert!(
        f.completed && f.duration_us >= LEVEL_MIN_US,
        "{}",
        f.duration_us
    );
    assert!(f.earns_level());
}

#[test]
fn pinyin_sessions_lead_with_keys_and_zi_per_minute() {
    let phrases = vec!["和我".to_string(), "好的".to_string()];
    let (mut p, mut typing) =
        crate::pinyin::PinyinDrill::start(&phrases, crate::engine::Rules::default());
    for (i, k) in ["huo", "wo", "hao", "de"].into_iter().enumerate() {
        for (j, c) in k.chars().enumerate() {
            p.apply(
                &mut typing,
                (i as u64 * 4 + j as u64) * 300_000,
                &Batch::Keys(vec![Key::Char(c)]),
            );
        }
    }
    let pack = pack_with(
        DrillBody::Phrases {
            phrases: phrases.clone(),
            order: Default::default(),
            count: None,
        },
        None,
    );
    let mut r = crate::engine::record::typing_record(
        &pack,
        &pack.drills[0],
        &typing.summary(),
        typing.log(),
        Student::default(),
        at(),
    );
    p.mark(&mut r);
    let f = Figures::of(&r);
    let Body::Pinyin { letters, pinyin } = &f.body else {
        panic!("{:?}", f.body)
    };
    assert_eq!(pinyin.zi_right, 4);
    assert!(pinyin.zpm > 0.0 && letters.kpm > pinyin.zpm);
    assert_eq!(
        f.headline(),
        Headline::Pinyin {
            kpm: letters.kpm,
            cpm: pinyin.zpm
        }
    );
    assert_eq!(f.passed, None);
    assert_eq!(f.ranked_cpm(), None, "never in 字/分 tables");
}

#[test]
fn unknown_kinds_and_modes_are_unreadable_not_a_panic() {
    let mut t = Typing::new(&["好".to_string()], Default::default());
    t.apply(0, &keys("好"));
    let mut r = saved("好", None, None, &t);
    r.kind = "shift9".into();
    assert_eq!(
        Figures::of(&r).body,
        Body::Unreadable(Unreadable::Kind("shift9".into()))
    );
    r.kind = Kind::Text;
    r.mode = Some("wubi".into());
    assert!(matches!(
        Figures::of(&r).body,
        Body::Unreadable(Unreadable::Mode(_))
    ));
    r.mode = Some(Mode::Pinyin);
    assert_eq!(Figures::of(&r).body, Body::Unreadable(Unreadable::Readings));
}

/// The shortest gap between two reads of a person's keys in the generated runs. Closer
/// reads give rates no hand can reach (a 字 in 1 µs is 60,000,000 字/分), which `verify`
/// rightly flags as out of range (`record::limits::MAX_RATE`): with reads of at most three
/// keys 5 ms apart, no rate passes 72,000 a minute.
const MIN_GAP_US: u64 = 5_000;

fn arb_batch() -> impl Strategy<Value = Batch> {
    prop::collection::vec(
        prop_oneof![
            6 => prop::sample::select(vec!['亲', '好', '的', '，', ',', 'a', 'b', '在', '再'])
                .prop_map(Key::Char),
            1 => Just(Key::Enter),
            2 => Just(Key::Backspace),
        ],
        1..4,
    )
    .prop_map(Batch::Keys)
}

/// How a generated run ends.
#[derive(Debug, Clone, Copy)]
enum End {
    /// Left with Esc or Ctrl-C: saved as it stands.
    Left,
    /// The clock runs out (ticked past the limit).
    Clock,
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// The live summary the results screen showed, the recomputation of the saved
    /// record, and `verify` agree field by field: completed, left, out of time,
    /// strict, exam.
    #[test]
    fn live_and_recomputed_typing_figures_agree(
        batches in prop::collection::vec((MIN_GAP_US..900_000, arb_batch()), 0..40),
        phrases in any::<bool>(),
        strict in any::<bool>(),
        limit in prop::option::of(1u32..12),
        exam in any::<bool>(),
        end in prop_oneof![Just(End::Left), Just(End::Clock)],
    ) {
        let segments: Vec<String> = if phrases {
            vec!["亲，在的".into(), "好的ab".into()]
        } else {
            vec!["亲，在的\n好的ab再".into()]
        };
        let rules = crate::engine::Rules {
            strict,
            time_limit_us: limit.map(|s| u64::from(s) * S),
            shown_not_typed: false,
        };
        let mut t = Typing::new(&segments, rules);
        // As the app runs it: the clock starts at the first key that is logged.
        let (mut clock, mut origin) = (0, None);
        let mut now = 0;
        for (gap, batch) in &batches {
            clock += gap;
            now = origin.map_or(0, |o| clock - o);
            if let Some(l) = rules.time_limit_us && now >= l && t.tick(now) {
                break;
            }
            if t.is_over() {
                break;
            }
            t.apply(now, batch);
            if origin.is_none() && t.started() {
                origin = Some(clock);
            }
        }
        if let (End::Clock, Some(l)) = (end, rules.time_limit_us) {
            t.tick(now.max(l));
        }
        let body = if phrases {
            DrillBody::Phrases { phrases: segments.clone(), order: Default::default(), count: None }
        } else {
            DrillBody::Text { text: segments[0].clone() }
        };
        let mut pack = pack_with(body, limit);
        pack.drills[0].strict = strict;
        pack.drills[0].pass = exam.then_some(Pass::Typing { cpm: 20.0, accuracy: 80.0 });
        let live = t.summary();
        let r = crate::engine::record::typing_record(&pack, &pack.drills[0], &live, t.log(), Student::default(), at());
        let f = Figures::of(&r);
        prop_assert_eq!(&f.body, &Body::Typing(live.clone()));
        prop_assert_eq!(f.completed, r.completed);
        prop_assert_eq!(f.passed, r.passed);
        prop_assert_eq!(f.duration_us / 1000, r.duration_ms);
        // A batch with a line break is a refused paste, reported whatever the figures say.
        let problems: Vec<_> = crate::verify::check(&r, &[])
            .problems
            .into_iter()
            .filter(|p| !matches!(p, crate::verify::Problem::Pastes { .. }))
            .collect();
        prop_assert_eq!(problems, vec![]);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    /// Pinyin practice: the figures the results screen showed (the live drill's) and the
    /// recomputation of its saved record agree, and `verify` holds.
    #[test]
    fn live_and_recomputed_pinyin_figures_agree(
        batches in prop::collection::vec(
            (MIN_GAP_US..700_000, prop::collection::vec(
                prop_oneof![
                    8 => prop::sample::select(vec!['z', 'a', 'i', 'd', 'e', 'h', 'o', 'x', ',']).prop_map(Key::Char),
                    1 => Just(Key::Backspace),
                ],
                1..3,
            )),
            0..40,
        ),
    ) {
        let phrases = vec!["在的，".to_string(), "好的".to_string()];
        let (mut p, mut typing) =
            crate::pinyin::PinyinDrill::start(&phrases, crate::engine::Rules::default());
        let mut now = 0;
        for (gap, keys) in &batches {
            now += gap;
            let t = if typing.started() { now } else { 0 };
            p.apply(&mut typing, t, &Batch::Keys(keys.clone()));
        }
        let live_letters = typing.summary();
        let live = crate::pinyin::figures(
            &p.texts(),
            p.readings(),
            typing.rules(),
            typing.log(),
            &live_letters,
        );
        let pack = pack_with(
            DrillBody::Phrases { phrases: phrases.clone(), order: Default::default(), count: None },
            None,
        );
        let mut r = crate::engine::record::typing_record(
            &pack, &pack.drills[0], &live_letters, typing.log(), Student::default(), at(),
        );
        p.mark(&mut r);
        let f = Figures::of(&r);
        let Body::Pinyin { letters, pinyin } = &f.body else {
            panic!("a pinyin record: {:?}", f.body)
        };
        prop_assert_eq!(letters, &live_letters);
        prop_assert_eq!(pinyin, &live);
        prop_assert_eq!((r.cpm, r.kpm), (live.zpm, live_letters.kpm));
        let problems: Vec<_> = crate::verify::check(&r, &[])
            .problems
            .into_iter()
            .filter(|p| !matches!(p, crate::verify::Problem::Pastes { .. }))
            .collect();
        prop_assert_eq!(problems, vec![]);
    }
}
