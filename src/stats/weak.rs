//! Weak characters: which graphemes a student gets wrong, confuses, or types slowly.
//! Pure: figures in (summed over sessions, e.g. by SQL, or one session's), rankings out
//! (PRODUCT.md "Weak and slow characters").

use crate::engine::CharFigure;
use std::collections::HashMap;

/// Graphemes typed at least this often count in practice weights and the key heatmap.
pub const MIN_TYPED: u32 = 3;

/// Weak and slow lists rank only graphemes with at least this many samples: one slip
/// in two is not a weakness, nor one slow key a slow character.
pub const MIN_SAMPLES: u32 = 5;

/// z for a two-sided 95 % interval.
const Z95: f64 = 1.959_963_984_540_054;

/// The lower bound of the 95 % Wilson score interval of `wrong` in `typed`: the error
/// rate a student surely has at least, so 1 miss in 5 (3.6 %) ranks below 5 in 50
/// (4.3 %). 0 with nothing typed.
pub fn wilson_lower(wrong: u32, typed: u32) -> f64 {
    if typed == 0 {
        return 0.0;
    }
    let n = f64::from(typed);
    let p = f64::from(wrong.min(typed)) / n;
    let z2 = Z95 * Z95;
    let centre = p + z2 / (2.0 * n);
    let spread = Z95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    ((centre - spread) / (1.0 + z2 / n)).max(0.0)
}

/// Whether a grapheme's speed is worth ranking: a character, a letter or a digit, not
/// punctuation, a line break, a space or an emoji.
pub fn speed_ranked(g: &str) -> bool {
    g.chars().any(char::is_alphanumeric)
}

/// Worst first by the Wilson lower bound, then errors, then the grapheme (stable).
fn worst_first(a: (u32, u32, &str), b: (u32, u32, &str)) -> std::cmp::Ordering {
    let ((aw, at, ag), (bw, bt, bg)) = (a, b);
    wilson_lower(bw, bt)
        .total_cmp(&wilson_lower(aw, at))
        .then(bw.cmp(&aw))
        .then_with(|| ag.cmp(bg))
}

/// One session's most missed graphemes: typed at least [`MIN_SAMPLES`] times with an
/// error, worst first (the results screen's 常错).
pub fn missed(chars: &[CharFigure]) -> Vec<&CharFigure> {
    let mut ranked: Vec<&CharFigure> = chars
        .iter()
        .filter(|c| c.typed >= MIN_SAMPLES && c.wrong > 0)
        .collect();
    ranked.sort_by(|a, b| {
        worst_first(
            (a.wrong, a.typed, &a.grapheme),
            (b.wrong, b.typed, &b.grapheme),
        )
    });
    ranked
}

/// A slow character: the median of its single-grapheme commits' latencies.
#[derive(Debug, Clone, PartialEq)]
pub struct SlowChar {
    pub grapheme: String,
    pub samples: u32,
    pub median_ms: f64,
}

/// The median of latencies in µs, in ms; `None` for none.
pub fn median_ms(latencies_us: &[u64]) -> Option<f64> {
    let mut sorted = latencies_us.to_vec();
    sorted.sort_unstable();
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let mid = |i: usize| sorted.get(i).map(|&us| us as f64 / 1000.0);
    if n % 2 == 1 {
        mid(n / 2)
    } else {
        Some((mid(n / 2 - 1)? + mid(n / 2)?) / 2.0)
    }
}

/// The slowest graphemes over the figures of one session or many (the same grapheme's
/// samples pooled): at least [`MIN_SAMPLES`] single-grapheme commits, characters only,
/// slowest median first.
pub fn slowest<'a>(figures: impl IntoIterator<Item = &'a CharFigure>) -> Vec<SlowChar> {
    let mut pooled: HashMap<&str, Vec<u64>> = HashMap::new();
    for f in figures {
        if speed_ranked(&f.grapheme) {
            pooled
                .entry(f.grapheme.as_str())
                .or_default()
                .extend(&f.single_latencies_us);
        }
    }
    let mut ranked: Vec<SlowChar> = pooled
        .into_iter()
        .filter(|(_, l)| l.len() >= MIN_SAMPLES as usize)
        .filter_map(|(g, l)| {
            Some(SlowChar {
                grapheme: g.to_string(),
                samples: u32::try_from(l.len()).unwrap_or(u32::MAX),
                median_ms: median_ms(&l)?,
            })
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.median_ms
            .total_cmp(&a.median_ms)
            .then_with(|| a.grapheme.cmp(&b.grapheme))
    });
    ranked
}

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

/// Graphemes typed at least [`MIN_SAMPLES`] times with at least one error, worst first
/// (the Wilson lower bound of the error rate, then errors, then the grapheme).
pub fn by_errors(totals: &[CharTotals]) -> Vec<&CharTotals> {
    let mut ranked: Vec<&CharTotals> = totals
        .iter()
        .filter(|t| t.typed >= MIN_SAMPLES && t.wrong > 0)
        .collect();
    ranked.sort_by(|a, b| {
        worst_first(
            (a.wrong, a.typed, &a.grapheme),
            (b.wrong, b.typed, &b.grapheme),
        )
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
        .filter(|t| t.typed >= MIN_SAMPLES)
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
        // 做 was wrong twice but typed only twice: below the 5-sample floor.
        assert_eq!(ranked, vec!["在", "的", "，"]);
    }

    #[test]
    fn the_wilson_lower_bound_ranks_one_miss_in_five_below_five_in_fifty() {
        assert!(
            (wilson_lower(1, 5) - 0.0362).abs() < 0.0005,
            "{}",
            wilson_lower(1, 5)
        );
        assert!(
            (wilson_lower(5, 50) - 0.0435).abs() < 0.0005,
            "{}",
            wilson_lower(5, 50)
        );
        assert_eq!(wilson_lower(0, 0), 0.0);
        assert_eq!(wilson_lower(0, 10), 0.0);
        let s = vec![
            totals("好", 5, 1, 0, &[("号", 1)]),
            totals("的", 50, 5, 0, &[("地", 5)]),
            totals("在", 4, 4, 0, &[("再", 4)]),
        ];
        let ranked: Vec<&str> = by_errors(&s).iter().map(|t| t.grapheme.as_str()).collect();
        // 在 missed 4 times in 4: too few samples to call it weak.
        assert_eq!(ranked, vec!["的", "好"]);
        let pairs: Vec<String> = confusions(&s).into_iter().map(|c| c.target).collect();
        assert_eq!(pairs, ["的", "好"]);
    }

    /// One session's figure of `g` with these single-commit latencies (ms).
    fn figure(g: &str, alone_ms: &[u64]) -> CharFigure {
        CharFigure {
            grapheme: g.into(),
            typed: alone_ms.len() as u32,
            single_latencies_us: alone_ms.iter().map(|ms| ms * 1000).collect(),
            ..CharFigure::default()
        }
    }

    #[test]
    fn slow_characters_rank_by_the_median_of_single_commits() {
        let sessions = [
            vec![
                figure("亲", &[300, 320, 5_000]),
                figure("在", &[600, 610]),
                figure("，", &[2_000; 6]),
                figure("\n", &[3_000; 6]),
                figure("😊", &[3_000; 6]),
            ],
            vec![
                figure("亲", &[310, 330]),
                figure("在", &[590, 620, 640]),
                figure("您", &[900, 900, 900, 900]),
                figure("a", &[400; 5]),
            ],
        ];
        let ranked = slowest(sessions.iter().flatten());
        let shown: Vec<(&str, u32, f64)> = ranked
            .iter()
            .map(|c| (c.grapheme.as_str(), c.samples, c.median_ms))
            .collect();
        // 亲's one 5 s pause moves its mean, not its median; 您 has 4 samples only;
        // punctuation, line breaks and emoji are left out.
        assert_eq!(shown, [("在", 5, 610.0), ("a", 5, 400.0), ("亲", 5, 320.0)]);
        assert_eq!(median_ms(&[1_000, 3_000]), Some(2.0));
        assert_eq!(median_ms(&[]), None);
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
