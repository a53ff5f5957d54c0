//! Picking practice lines rich in a student's weak characters: every other line is the
//! best-weighted one not used lately, the others random, and no line comes back within
//! the last [`RECENT`] picks.

use std::collections::{HashMap, HashSet};
use unicode_segmentation::UnicodeSegmentation;

/// A line is not repeated among this many picks.
pub const RECENT: usize = 10;

/// How strongly a line practises the weights: the weight of its distinct graphemes,
/// divided by the square root of its length so long lines do not win by size alone.
pub fn score(line: &str, weights: &HashMap<String, f64>) -> f64 {
    let graphemes: Vec<&str> = line.graphemes(true).collect();
    if graphemes.is_empty() {
        return 0.0;
    }
    let distinct: HashSet<&str> = graphemes.iter().copied().collect();
    let sum: f64 = distinct.iter().filter_map(|g| weights.get(*g)).sum();
    sum / (graphemes.len() as f64).sqrt()
}

/// Pick `count` lines from `candidates` (distinct lines; duplicates are dropped).
/// Even positions (0, 2, …) take the best-scoring line among those not in the last
/// [`RECENT`] picks, ties and near-ties broken by the seeded generator; odd positions a
/// random one. The same seed, lines and weights give the same picks.
pub fn pick_lines(
    candidates: &[String],
    weights: &HashMap<String, f64>,
    count: usize,
    seed: u64,
) -> Vec<String> {
    let mut lines: Vec<&String> = Vec::new();
    let mut seen = HashSet::new();
    for line in candidates {
        if !line.trim().is_empty() && seen.insert(line.as_str()) {
            lines.push(line);
        }
    }
    if lines.is_empty() {
        return Vec::new();
    }
    let scores: Vec<f64> = lines.iter().map(|l| score(l, weights)).collect();
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut picked: Vec<usize> = Vec::with_capacity(count);
    for position in 0..count {
        let recent: HashSet<usize> = picked.iter().rev().take(RECENT).copied().collect();
        let mut open: Vec<usize> = (0..lines.len()).filter(|i| !recent.contains(i)).collect();
        if open.is_empty() {
            open = (0..lines.len()).collect();
        }
        let choice = if position % 2 == 0 {
            // The best few, so a long session does not cycle through the same two lines.
            open.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
            let best = scores[open[0]];
            let near: Vec<usize> = open
                .iter()
                .copied()
                .take_while(|&i| scores[i] >= best * 0.9)
                .take(3)
                .collect();
            near[rng.usize(..near.len())]
        } else {
            open[rng.usize(..open.len())]
        };
        picked.push(choice);
    }
    picked.into_iter().map(|i| lines[i].clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weights() -> HashMap<String, f64> {
        [("在", 1.0), ("再", 0.5), ("的", 0.4)]
            .into_iter()
            .map(|(g, w)| (g.to_string(), w))
            .collect()
    }

    fn lines() -> Vec<String> {
        [
            "亲，在的，现在就给您发货",
            "我们再核对一下地址",
            "好的亲，稍等",
            "在吗在吗，再问一下",
            "您的订单已经发出",
            "欢迎下次光临",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    #[test]
    fn the_richest_line_comes_first() {
        let picks = pick_lines(&lines(), &weights(), 1, 7);
        assert_eq!(picks, vec!["在吗在吗，再问一下".to_string()]);
    }

    #[test]
    fn a_fixed_seed_gives_a_known_choice() {
        let a = pick_lines(&lines(), &weights(), 6, 42);
        let b = pick_lines(&lines(), &weights(), 6, 42);
        assert_eq!(a, b);
        assert_eq!(a.len(), 6);
        assert_eq!(a[0], "在吗在吗，再问一下");
    }

    #[test]
    fn no_line_repeats_among_the_last_ten() {
        let many: Vec<String> = (0..30).map(|i| format!("第{i}句在再的")).collect();
        let picks = pick_lines(&many, &weights(), 40, 1);
        for window in picks.windows(RECENT + 1) {
            let distinct: HashSet<&String> = window.iter().collect();
            assert_eq!(distinct.len(), RECENT + 1, "{window:?}");
        }
    }

    #[test]
    fn few_lines_still_fill_the_round() {
        let picks = pick_lines(&lines()[..2], &weights(), 5, 3);
        assert_eq!(picks.len(), 5);
        assert!(pick_lines(&[], &weights(), 5, 3).is_empty());
    }
}
