//! The typing engine takes any input: arbitrary batches (keys, pastes, combining marks,
//! controls), times that jump or go backwards, any time limit. No panic, and the saved
//! log replays (as `verify` and history do) to the same typed text and counts.

use kuaida::engine::{Batch, Key, Rules, Typing, summarize};
use proptest::prelude::*;

fn key() -> impl Strategy<Value = Key> {
    prop_oneof![
        4 => prop_oneof![
            Just('亲'), Just('在'), Just('，'), Just(','), Just('a'), Just('\u{301}'),
            Just('\u{1b}'), Just('\0'), Just('\u{200d}'), Just('👍'), Just('\u{fe0f}'),
        ]
        .prop_map(Key::Char),
        1 => any::<char>().prop_map(Key::Char),
        1 => Just(Key::Enter),
        2 => Just(Key::Backspace),
    ]
}

fn batch() -> impl Strategy<Value = Batch> {
    prop_oneof![
        6 => prop::collection::vec(key(), 1..6).prop_map(Batch::Keys),
        1 => ".{0,30}".prop_map(Batch::Paste),
    ]
}

fn segments() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(
        prop_oneof![
            Just("亲在吗".to_string()),
            Just("a\u{301}b".to_string()),
            Just("👍🏽，好".to_string()),
            Just(String::new()),
            ".{0,6}",
        ],
        0..4,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 250, ..ProptestConfig::default() })]

    #[test]
    fn any_batches_at_any_times(
        targets in segments(),
        strict in any::<bool>(),
        limit in prop::option::of(prop_oneof![0u64..3_000_000, any::<u64>()]),
        steps in prop::collection::vec(
            (prop_oneof![0u64..400_000, any::<u64>(), Just(u64::MAX)], batch(), any::<bool>()),
            0..30,
        ),
    ) {
        let rules = Rules { strict, time_limit_us: limit, shown_not_typed: false };
        let mut typing = Typing::new(&targets, rules);
        let mut t = 0u64;
        for (dt, batch, backwards) in &steps {
            // Mostly forward; sometimes a clock that jumps back.
            t = if *backwards { t.saturating_sub(*dt) } else { t.saturating_add(*dt) };
            typing.tick(t);
            typing.apply(t, batch);
        }
        let live = typing.summary();
        let time_up = typing.end() == Some(kuaida::engine::End::TimeUp);
        let replayed = summarize(&targets, rules, typing.log(), time_up);
        prop_assert_eq!(&live.typed, &replayed.typed);
        prop_assert_eq!(live.backspaces, replayed.backspaces);
        prop_assert!(live.accuracy.is_finite() && live.cpm.is_finite());
    }
}
