//! Weak characters: which graphemes a student gets wrong, confuses, or types slowly.
//! Pure: figures in (summed over sessions, e.g. by SQL), rankings out.

use std::collections::HashMap;

/// Only graphemes typed at least this often are ranked: one slip is not a weakness.
pub const MIN_TYPED: u32 = 3;

/// One grapheme's figures summed over sessions.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CharTotals {
    pub grapheme: String,
    pub typed: u32,
    pub wrong: u32,
    /// Sum and count of per-commit latency shares (see the engine's `CharFigure`).
    pub latency_us: u64,
    pub latency_samples: u32,
    /// What was typed instead, most frequent first.
    pub confusions: Vec<(String, u32)>,
}

impl CharTotals {
    pub fn error_rate(&self) -> f64 {
        if self.typed == 0 {
            0.0
        } else {
            f64::from(self.wrong) / f64::from(self.typed)
        }
    }

    pub fn mean_latency_ms(&self) -> Option<f64> {
        (self.latency_samples > 0)
            .then(|| self.latency_us as f64 / f64::from(self.latency_samples) / 1000.0)
    }
}

/// Graphemes typed at least [`MIN_TYPED`] times with at least one error, worst first
/// (error rate, then errors, then the grapheme for a stable order).
pub fn by_errors(totals: &[CharTotals]) -> Vec<&CharTotals> {
    let mut ranked: Vec<&CharTotals> = totals
        .iter()
        .filter(|t| t.typed >= MIN_TYPED && t.wrong > 0)
        .collect();
    ranked.sort_by(|a, b| {
        b.error_rate()
            .total_cmp(&a.error_rate())
            .then(b.wrong.cmp(&a.wrong))
            .then_with(|| a.grapheme.cmp(&b.grapheme))
    });
    ranked
}

/// Graphemes typed at least [`MIN_TYPED`] times with latency figures, slowest first.
pub fn by_slowness(totals: &[CharTotals]) -> Vec<&CharTotals> {
    let mut ranked: Vec<&CharTotals> = totals
        .iter()
        .filter(|t| t.typed >= MIN_TYPED && t.latency_samples >= MIN_TYPED)
        .collect();
    ranked.sort_by(|a, b| {
        let la = a.mean_latency_ms().unwrap_or(0.0);
        let lb = b.mean_latency_ms().unwrap_or(0.0);
        lb.total_cmp(&la).then_with(|| a.grapheme.cmp(&b.grapheme))
    });
    ranked
}

/// A slip seen more than once: the target and what was typed for it (在→再, 的→地).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confusion {
    pub target: String,
    pub typed: String,
    pub count: u32,
}

/// Every target→typed slip across the ranked graphemes, most frequent first.
pub fn confusions(totals: &[CharTotals]) -> Vec<Confusion> {
    let mut all: Vec<Confusion> = totals
        .iter()
        .filter(|t| t.typed >= MIN_TYPED)
        .flat_map(|t| {
            t.confusions.iter().map(|(typed, count)| Confusion {
                target: t.grapheme.clone(),
                typed: typed.clone(),
                count: *count,
            })
        })
        .collect();
    all.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.target.cmp(&b.target))
            .then_with(|| a.typed.cmp(&b.typed))
    });
    all
}

/// How much each weak grapheme should be practised: its error rate, plus how much slower
/// than the student's median it is; both sides of a confusion pair count, so 在 and 再
/// are practised together.
pub fn weights(totals: &[CharTotals]) -> HashMap<String, f64> {
    let mut latencies: Vec<f64> = totals
        .iter()
        .filter(|t| t.typed >= MIN_TYPED)
        .filter_map(CharTotals::mean_latency_ms)
        .collect();
    latencies.sort_by(f64::total_cmp);
    let median = latencies.get(latencies.len() / 2).copied().unwrap_or(0.0);
    let mut weights: HashMap<String, f64> = HashMap::new();
    for t in totals.iter().filter(|t| t.typed >= MIN_TYPED) {
        let slowness = match (t.mean_latency_ms(), median > 0.0) {
            (Some(latency), true) => ((latency / median) - 1.0).clamp(0.0, 2.0) / 2.0,
            _ => 0.0,
        };
        let weight = t.error_rate() + 0.5 * slowness;
        if weight > 0.0 {
            *weights.entry(t.grapheme.clone()).or_default() += weight;
        }
        for (typed, count) in &t.confusions {
            let share = f64::from(*count) / f64::from(t.typed.max(1));
            if typed.chars().any(char::is_alphanumeric) {
                *weights.entry(typed.clone()).or_default() += share / 2.0;
            }
        }
    }
    weights
}

#[cfg(test)]
mod tests {
    use super::*;

    fn totals(
        g: &str,
        typed: u32,
        wrong: u32,
        latency_ms: u64,
        instead: &[(&str, u32)],
    ) -> CharTotals {
        CharTotals {
            grapheme: g.into(),
            typed,
            wrong,
            latency_us: latency_ms * 1000 * u64::from(typed),
            latency_samples: typed,
            confusions: instead.iter().map(|(s, n)| (s.to_string(), *n)).collect(),
        }
    }

    fn sample() -> Vec<CharTotals> {
        vec![
            totals("在", 10, 4, 300, &[("再", 3), ("载", 1)]),
            totals("的", 20, 5, 200, &[("地", 3), ("得", 2)]),
            totals("做", 2, 2, 900, &[("作", 2)]),
            totals("亲", 30, 0, 900, &[]),
            totals("，", 12, 1, 250, &[(",", 1)]),
        ]
    }

    #[test]
    fn ranks_by_error_rate_above_the_floor() {
        let s = sample();
        let ranked: Vec<&str> = by_errors(&s).iter().map(|t| t.grapheme.as_str()).collect();
        // 做 was wrong twice but typed only twice: below the 3-occurrence floor.
        assert_eq!(ranked, vec!["在", "的", "，"]);
    }

    #[test]
    fn ranks_by_slowness() {
        let s = sample();
        let ranked: Vec<&str> = by_slowness(&s)
            .iter()
            .map(|t| t.grapheme.as_str())
            .collect();
        assert_eq!(ranked, vec!["亲", "在", "，", "的"]);
    }

    #[test]
    fn confusion_pairs_show_homophone_slips() {
        let s = sample();
        let pairs: Vec<(String, String, u32)> = confusions(&s)
            .into_iter()
            .map(|c| (c.target, c.typed, c.count))
            .collect();
        assert_eq!(pairs[0], ("在".into(), "再".into(), 3));
        assert_eq!(pairs[1], ("的".into(), "地".into(), 3));
        assert!(!pairs.iter().any(|p| p.0 == "做"), "below the floor");
    }

    #[test]
    fn weights_cover_both_sides_of_a_confusion() {
        let w = weights(&sample());
        assert!(w["在"] > w["的"]);
        assert!(w.contains_key("再"));
        assert!(!w.contains_key("做"));
        // 亲 is never wrong but the slowest: it still gets practice.
        assert!(w["亲"] > 0.0);
        // A half-width slip's twin is not a character to practise.
        assert!(!w.contains_key(","));
    }
}
