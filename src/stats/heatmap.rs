//! The keyboard heatmap's figures, pure: per Latin letter and digit key, the summed
//! figures of the graphemes it types (a and A are one key) and a colour bucket by
//! error rate.

use super::weak::{CharTotals, MIN_TYPED};

/// The keys, as a keyboard's rows.
pub const ROWS: [&str; 4] = ["1234567890", "QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM"];

/// How a key is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bucket {
    /// Never typed: drawn plain.
    Untyped,
    /// Typed, but fewer than [`MIN_TYPED`] times: too few to judge.
    Few,
    /// Error rate under 2 %.
    Good,
    /// 2 % to under 5 %.
    Fair,
    /// 5 % to under 10 %.
    Poor,
    /// 10 % or more.
    Bad,
}

/// The buckets from best to worst, for the legend.
pub const JUDGED: [Bucket; 4] = [Bucket::Good, Bucket::Fair, Bucket::Poor, Bucket::Bad];

impl Bucket {
    pub fn of(typed: u32, wrong: u32) -> Bucket {
        if typed == 0 {
            return Bucket::Untyped;
        }
        if typed < MIN_TYPED {
            return Bucket::Few;
        }
        // Integer percent-free comparison: wrong/typed against 2, 5 and 10 %.
        let (w, t) = (u64::from(wrong.min(typed)) * 100, u64::from(typed));
        if w < 2 * t {
            Bucket::Good
        } else if w < 5 * t {
            Bucket::Fair
        } else if w < 10 * t {
            Bucket::Poor
        } else {
            Bucket::Bad
        }
    }
}

/// One key's figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct KeyFigures {
    pub typed: u32,
    pub wrong: u32,
    pub latency_us: u64,
    pub latency_samples: u32,
}

impl KeyFigures {
    pub fn bucket(&self) -> Bucket {
        Bucket::of(self.typed, self.wrong)
    }

    pub fn mean_latency_ms(&self) -> Option<f64> {
        (self.latency_samples > 0)
            .then(|| self.latency_us as f64 / 1000.0 / f64::from(self.latency_samples))
    }
}

/// The key a grapheme is typed with, if it is a Latin letter or a digit.
pub fn key_of(grapheme: &str) -> Option<char> {
    let mut chars = grapheme.chars();
    let c = chars.next()?;
    (chars.next().is_none() && c.is_ascii_alphanumeric()).then(|| c.to_ascii_uppercase())
}

/// Figures per key (only keys with any grapheme in `totals`).
pub fn keys(totals: &[CharTotals]) -> std::collections::BTreeMap<char, KeyFigures> {
    let mut out = std::collections::BTreeMap::<char, KeyFigures>::new();
    for t in totals {
        if let Some(k) = key_of(&t.grapheme) {
            let f = out.entry(k).or_default();
            f.typed = f.typed.saturating_add(t.typed);
            f.wrong = f.wrong.saturating_add(t.wrong);
            f.latency_us = f.latency_us.saturating_add(t.latency_us);
            f.latency_samples = f.latency_samples.saturating_add(t.latency_samples);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(g: &str, typed: u32, wrong: u32) -> CharTotals {
        CharTotals {
            grapheme: g.into(),
            typed,
            wrong,
            latency_us: 300_000 * u64::from(typed),
            latency_samples: typed,
            confusions: Vec::new(),
        }
    }

    #[test]
    fn buckets_by_error_rate_with_edges() {
        assert_eq!(Bucket::of(0, 0), Bucket::Untyped);
        assert_eq!(Bucket::of(2, 2), Bucket::Few);
        assert_eq!(Bucket::of(3, 0), Bucket::Good);
        assert_eq!(Bucket::of(100, 1), Bucket::Good);
        assert_eq!(Bucket::of(100, 2), Bucket::Fair);
        assert_eq!(Bucket::of(100, 4), Bucket::Fair);
        assert_eq!(Bucket::of(100, 5), Bucket::Poor);
        assert_eq!(Bucket::of(100, 9), Bucket::Poor);
        assert_eq!(Bucket::of(100, 10), Bucket::Bad);
        assert_eq!(Bucket::of(3, 3), Bucket::Bad);
        // More wrong than typed (a broken import) is still just Bad.
        assert_eq!(Bucket::of(3, 9), Bucket::Bad);
        assert_eq!(Bucket::of(u32::MAX, u32::MAX), Bucket::Bad);
    }

    #[test]
    fn letters_fold_case_digits_count_and_the_rest_is_left_out() {
        let totals = [
            t("a", 10, 1),
            t("A", 10, 0),
            t("7", 4, 0),
            t("在", 50, 20),
            t("ab", 5, 5),
            t("ａ", 5, 5),
            t(" ", 5, 5),
        ];
        let keys = keys(&totals);
        assert_eq!(keys.len(), 2, "{keys:?}");
        let a = keys[&'A'];
        assert_eq!((a.typed, a.wrong), (20, 1));
        assert_eq!(a.bucket(), Bucket::Poor);
        assert_eq!(a.mean_latency_ms(), Some(300.0));
        assert_eq!(keys[&'7'].bucket(), Bucket::Good);
        assert!(
            ROWS.concat()
                .chars()
                .all(|c| key_of(&c.to_string()) == Some(c))
        );
    }
}
