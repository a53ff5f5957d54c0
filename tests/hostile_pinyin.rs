//! Pinyin practice takes any input: arbitrary keys (letters, marks, controls, Enter,
//! Backspace), pastes and times, over lines of any text. No panic; the letters' marks
//! as judged live are what the replay against the readings accepted gives, and the
//! pinyin figures of the saved session equal the live ones.

use kuaida::engine::{Batch, Key, Rules};
use kuaida::pinyin::{PinyinDrill, figures};
use proptest::prelude::*;

fn key() -> impl Strategy<Value = Key> {
    prop_oneof![
        8 => prop_oneof![
            Just('h'), Just('e'), Just('u'), Just('o'), Just('d'), Just('i'), Just('n'),
            Just('g'), Just('l'), Just('v'), Just(','), Just('.'), Just('3'),
        ]
        .prop_map(Key::Char),
        1 => prop_oneof![Just('，'), Just('\u{301}'), Just('\u{1b}'), Just('好')].prop_map(Key::Char),
        1 => any::<char>().prop_map(Key::Char),
        1 => Just(Key::Enter),
        3 => Just(Key::Backspace),
    ]
}

fn batch() -> impl Strategy<Value = Batch> {
    prop_oneof![
        8 => prop::collection::vec(key(), 1..5).prop_map(Batch::Keys),
        1 => ".{0,12}".prop_map(Batch::Paste),
    ]
}

fn lines() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(
        prop_oneof![
            Just("和的呢".to_string()),
            Just("嗯，绿略3号".to_string()),
            Just("好的\n在".to_string()),
            Just("e\u{301}👍".to_string()),
            Just(String::new()),
            ".{0,5}",
        ],
        0..4,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn any_keys_over_any_lines(
        segments in lines(),
        strict in any::<bool>(),
        limit in prop::option::of(0u64..3_000_000),
        steps in prop::collection::vec((0u64..300_000, batch()), 0..40),
    ) {
        let rules = Rules { strict, time_limit_us: limit, shown_not_typed: false };
        let (mut p, mut typing) = PinyinDrill::start(&segments, rules);
        let mut t = 0u64;
        for (dt, batch) in &steps {
            t = t.saturating_add(*dt);
            p.apply(&mut typing, t, batch);
        }
        let live = typing.summary();
        prop_assert!(live.accuracy.is_finite() && live.cpm.is_finite());
        // The engine's final targets are the readings accepted, line by line.
        let targets: Vec<String> = p.readings().iter().map(|l| l.concat()).collect();
        let engine_targets: Vec<String> =
            typing.segments().iter().map(|s| s.concat()).collect();
        prop_assert_eq!(&targets, &engine_targets);
        // Every letter still on screen was judged as the replay judges it.
        for (seg, target) in typing.segments().iter().enumerate() {
            for (i, u) in typing.typed(seg).iter().enumerate() {
                if let Some(want) = target.get(i) {
                    prop_assert_eq!(u.ok, *want == u.text, "line {} letter {}", seg, i);
                }
            }
        }
        let time_up = typing.end() == Some(kuaida::engine::End::TimeUp);
        let replayed = kuaida::engine::summarize(&targets, rules, typing.log(), time_up);
        prop_assert_eq!(&live.typed, &replayed.typed);
        prop_assert_eq!(live.errors, replayed.errors);
        let f = figures(&p.texts(), p.readings(), rules, typing.log(), &live);
        prop_assert!(f.zpm.is_finite() && f.keys_per_zi.is_finite());
        prop_assert!(f.zi_right <= f.zi_completed);
    }
}
