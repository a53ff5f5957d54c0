//! 疑似异常 (PRODUCT.md "Class results"): a log whose figures add up but whose timing no
//! hands make — a forgery that divided its times, a custom phrase of the input method
//! expanding, commits fed in by a program. Per kind of text, never on pinyin letters.
//! One pass over the log, whatever it holds.

use crate::record::{Keystroke, Op};

/// Chinese 字 a minute no typist sustains over [`SPAN_US`].
pub const CHINESE_PER_MINUTE: f64 = 250.0;
/// Latin letters and digits a minute no typist sustains over [`SPAN_US`].
pub const LATIN_PER_MINUTE: f64 = 1000.0;
/// The span rates are taken over (30 s); a log shorter than this is judged over its
/// whole length, unless it is a small sample (then it shows no rate to judge).
pub const SPAN_US: u64 = 30_000_000;
/// A commit of this many 字 or more…
pub const EXPANSION_GRAPHEMES: usize = 8;
/// …arriving sooner than this per 字 after the input before it is a phrase expanding.
pub const EXPANSION_US_PER_GRAPHEME: u64 = 50_000;
/// Chinese commits this close to the one before (but not in the same read)…
pub const CLOSE_US: u64 = 15_000;
/// …this many times or more.
pub const CLOSE_PAIRS: usize = 3;

/// One way a log is faster than hands.
#[derive(Debug, Clone, PartialEq)]
pub enum Anomaly {
    /// Chinese typed faster than [`CHINESE_PER_MINUTE`] over `span_us` from `from_us`.
    ChineseRate {
        per_minute: f64,
        from_us: u64,
        span_us: u64,
    },
    /// Latin letters or digits faster than [`LATIN_PER_MINUTE`] over a span.
    LatinRate {
        per_minute: f64,
        from_us: u64,
        span_us: u64,
    },
    /// A commit of `graphemes` 字 `gap_ms` after the input before it.
    Expansion {
        graphemes: usize,
        at_us: u64,
        gap_ms: u64,
    },
    /// `pairs` Chinese commits each under [`CLOSE_US`] after the one before.
    CloseCommits { pairs: usize },
}

/// What a grapheme typed counts as.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Chinese,
    Latin,
    Other,
}

fn script(text: &str) -> Script {
    match text.chars().next() {
        Some(c) if crate::text::is_han(c) => Script::Chinese,
        Some(c) if c.is_ascii_alphanumeric() => Script::Latin,
        _ => Script::Other,
    }
}

/// The anomalies of `log` (a pinyin session's letters are never judged: leave it out).
pub fn find(log: &[Keystroke]) -> Vec<Anomaly> {
    let inputs: Vec<(u64, Script)> = log
        .iter()
        .filter_map(|k| match &k.op {
            Op::Input { text, .. } => Some((k.t_us, script(text))),
            _ => None,
        })
        .collect();
    let mut found = Vec::new();
    if let Some((per_minute, from_us, span_us)) =
        fastest(&inputs, Script::Chinese, CHINESE_PER_MINUTE)
    {
        found.push(Anomaly::ChineseRate {
            per_minute,
            from_us,
            span_us,
        });
    }
    if let Some((per_minute, from_us, span_us)) = fastest(&inputs, Script::Latin, LATIN_PER_MINUTE)
    {
        found.push(Anomaly::LatinRate {
            per_minute,
            from_us,
            span_us,
        });
    }
    found.extend(commits(log));
    found
}

/// The highest rate of `which` over any [`SPAN_US`] (or, for a shorter log that is no
/// small sample, over its length), with where that span starts and how long it is, when
/// above `limit`.
fn fastest(inputs: &[(u64, Script)], which: Script, limit: f64) -> Option<(f64, u64, u64)> {
    let times: Vec<u64> = inputs
        .iter()
        .filter(|(_, s)| *s == which)
        .map(|(t, _)| *t)
        .collect();
    let end = inputs.iter().map(|(t, _)| *t).max()?;
    if end < SPAN_US {
        let short = end < crate::figures::SMALL_SAMPLE_US
            || (times.len() as u32) < crate::figures::SMALL_SAMPLE_GRAPHEMES;
        let rate = times.len() as f64 * 60_000_000.0 / end.max(1) as f64;
        return (!short && rate > limit).then_some((rate, 0, end));
    }
    // Two pointers: the most inputs in any [t, t + SPAN_US).
    let (mut best, mut best_from, mut start) = (0usize, 0u64, 0usize);
    for (i, &t) in times.iter().enumerate() {
        while t.saturating_sub(times[start]) >= SPAN_US {
            start += 1;
        }
        if i + 1 - start > best {
            best = i + 1 - start;
            best_from = times[start];
        }
    }
    let rate = best as f64 * 60_000_000.0 / SPAN_US as f64;
    (rate > limit).then_some((rate, best_from, SPAN_US))
}

/// Commits (inputs sharing one time) of Chinese: one expanding too fast after the input
/// before it, and pairs arriving too close together.
fn commits(log: &[Keystroke]) -> Vec<Anomaly> {
    let mut found = Vec::new();
    let mut expansion = None;
    let mut pairs = 0;
    // The last input (or Backspace) time before the commit being read, and the time
    // of the last Chinese commit.
    let mut before: Option<u64> = None;
    let mut last_chinese: Option<u64> = None;
    let mut i = 0;
    while i < log.len() {
        let t = log[i].t_us;
        let mut han = 0;
        let mut any_input = false;
        let mut j = i;
        while j < log.len() && log[j].t_us == t {
            match &log[j].op {
                Op::Input { text, .. } => {
                    any_input = true;
                    if script(text) == Script::Chinese {
                        han += 1;
                    }
                }
                Op::Backspace => any_input = true,
                _ => {}
            }
            j += 1;
        }
        if han >= EXPANSION_GRAPHEMES
            && expansion.is_none()
            && let Some(prev) = before
        {
            let gap = t.saturating_sub(prev);
            if gap < EXPANSION_US_PER_GRAPHEME.saturating_mul(han as u64) {
                expansion = Some(Anomaly::Expansion {
                    graphemes: han,
                    at_us: t,
                    gap_ms: gap / 1000,
                });
            }
        }
        if han > 0 {
            if last_chinese.is_some_and(|l| t > l && t - l < CLOSE_US) {
                pairs += 1;
            }
            last_chinese = Some(t);
        }
        if any_input {
            before = Some(t);
        }
        i = j;
    }
    found.extend(expansion);
    if pairs >= CLOSE_PAIRS {
        found.push(Anomaly::CloseCommits { pairs });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(t_us: u64, text: &str) -> Keystroke {
        Keystroke {
            t_us,
            op: Op::Input {
                text: text.into(),
                ok: true,
            },
        }
    }

    /// `n` 字 typed one every `gap_us`.
    fn steady(n: u64, gap_us: u64, text: &str) -> Vec<Keystroke> {
        (0..n).map(|i| input(i * gap_us, text)).collect()
    }

    #[test]
    fn rates_over_thirty_seconds_by_script() {
        // 200 字/分 for a minute: a fast typist, not an anomaly.
        assert_eq!(find(&steady(200, 300_000, "好")), []);
        // 300 字/分 for a minute.
        let found = find(&steady(300, 200_000, "好"));
        assert!(
            matches!(found[..], [Anomaly::ChineseRate { per_minute, .. }] if (per_minute - 300.0).abs() < 3.0),
            "{found:?}"
        );
        // The same pace in Latin letters is ordinary; at 1200 a minute it is not.
        assert_eq!(find(&steady(300, 200_000, "a")), []);
        assert!(matches!(
            find(&steady(1200, 50_000, "7"))[..],
            [Anomaly::LatinRate { .. }]
        ));
        // A 20 s log at 450 字/分 (times divided by three) is judged over its length…
        assert!(matches!(
            find(&steady(150, 133_333, "好"))[..],
            [Anomaly::ChineseRate { .. }]
        ));
        // …but a small sample has no rate to judge.
        assert_eq!(find(&steady(9, 100_000, "好")), []);
    }

    #[test]
    fn a_phrase_expanding_and_commits_too_close() {
        let mut log = steady(3, 1_000_000, "好");
        // 10 字 arriving 0.3 s after the previous input: under 0.05 s a 字.
        log.extend((0..10).map(|_| input(2_300_000, "好")));
        assert!(matches!(
            find(&log)[..],
            [Anomaly::Expansion {
                graphemes: 10,
                gap_ms: 300,
                ..
            }]
        ));
        // 10 字 after 2 s of typing the input method's letters: a long phrase, typed.
        let mut log = steady(3, 1_000_000, "好");
        log.extend((0..10).map(|_| input(4_000_000, "好")));
        assert_eq!(find(&log), []);
        // Three pairs of commits 5 ms apart; two pairs are not enough.
        let close = |pairs: u64| -> Vec<Keystroke> {
            (0..pairs)
                .flat_map(|p| {
                    [
                        input(p * 1_000_000, "好"),
                        input(p * 1_000_000 + 5_000, "的"),
                    ]
                })
                .collect()
        };
        assert_eq!(
            find(&close(3)),
            [Anomaly::CloseCommits { pairs: 3 }],
            "three pairs"
        );
        assert_eq!(find(&close(2)), []);
        // Times far past any session's do not overflow.
        assert_eq!(find(&[input(u64::MAX, "好"), input(u64::MAX, "好")]), []);
    }
}
