//! Weak syllables over many pinyin sessions: the slowest and most missed syllables, and
//! the initials and finals learners mix up (zh/ch/sh against z/c/s, -n against -ng, ü).

use super::figures::SyllableFigure;
use crate::pack::Pack;
use serde::Serialize;
use std::collections::HashMap;
use unicode_segmentation::UnicodeSegmentation;

/// The generated drill of lines rich in weak syllables (under the weak-practice pack).
pub const DRILL_ID: &str = "weak-syllables";

/// A syllable is listed once typed this many times.
pub const MIN_TYPED: u32 = 3;

/// The groups, in the order shown.
pub const GROUPS: [&str; 9] = ["zh", "ch", "sh", "z", "c", "s", "-n", "-ng", "ü"];

/// Figures summed over a group of syllables.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct GroupFigure {
    pub group: &'static str,
    pub typed: u32,
    pub missed: u32,
    pub time_us: u64,
    pub samples: u32,
}

impl GroupFigure {
    pub fn miss_rate(&self) -> f64 {
        ratio(f64::from(self.missed), f64::from(self.typed))
    }

    pub fn mean_ms(&self) -> Option<f64> {
        (self.samples > 0).then(|| self.time_us as f64 / f64::from(self.samples) / 1000.0)
    }
}

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 { a / b } else { 0.0 }
}

/// Whether `syllable` (as typed: ü as v or u) belongs to `group`.
pub fn in_group(syllable: &str, group: &str) -> bool {
    let flat = |c: &str| syllable.starts_with(c) && !syllable[c.len()..].starts_with('h');
    match group {
        "zh" | "ch" | "sh" => syllable.starts_with(group),
        "z" | "c" | "s" => flat(group),
        "-n" => syllable.ends_with('n') && !syllable.ends_with("ng"),
        "-ng" => syllable.ends_with("ng"),
        "ü" => {
            syllable.contains('v')
                || matches!(syllable, "lue" | "nue")
                || (syllable.len() > 1
                    && matches!(syllable.as_bytes()[0], b'j' | b'q' | b'x' | b'y')
                    && syllable.as_bytes()[1] == b'u')
        }
        _ => false,
    }
}

/// What the stats show of pinyin practice.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PinyinWeak {
    pub sessions: usize,
    /// Every syllable typed, summed.
    pub syllables: Vec<SyllableFigure>,
    pub groups: Vec<GroupFigure>,
}

impl PinyinWeak {
    /// Sum the syllable figures of many sessions.
    pub fn gather<'a>(sessions: impl IntoIterator<Item = &'a [SyllableFigure]>) -> PinyinWeak {
        let mut weak = PinyinWeak::default();
        for figures in sessions {
            weak.sessions += 1;
            for f in figures {
                match weak.syllables.iter_mut().find(|s| s.syllable == f.syllable) {
                    Some(s) => {
                        s.typed += f.typed;
                        s.missed += f.missed;
                        s.time_us = s.time_us.saturating_add(f.time_us);
                        s.samples += f.samples;
                    }
                    None => weak.syllables.push(f.clone()),
                }
            }
        }
        weak.syllables.sort_by(|a, b| a.syllable.cmp(&b.syllable));
        weak.groups = GROUPS
            .iter()
            .map(|&group| {
                let mut g = GroupFigure {
                    group,
                    ..GroupFigure::default()
                };
                for s in weak
                    .syllables
                    .iter()
                    .filter(|s| in_group(&s.syllable, group))
                {
                    g.typed += s.typed;
                    g.missed += s.missed;
                    g.time_us = g.time_us.saturating_add(s.time_us);
                    g.samples += s.samples;
                }
                g
            })
            .filter(|g| g.typed > 0)
            .collect();
        weak
    }

    /// How much each syllable typed [`MIN_TYPED`] times should be practised: its miss
    /// rate, plus half how much slower than the median syllable it is (as for 字).
    pub fn weights(&self) -> HashMap<String, f64> {
        let counted: Vec<&SyllableFigure> = self
            .syllables
            .iter()
            .filter(|s| s.typed >= MIN_TYPED)
            .collect();
        let mut means: Vec<f64> = counted.iter().filter_map(|s| s.mean_ms()).collect();
        means.sort_by(f64::total_cmp);
        let median = means.get(means.len() / 2).copied().unwrap_or(0.0);
        counted
            .iter()
            .filter_map(|s| {
                let slowness = match (s.mean_ms(), median > 0.0) {
                    (Some(ms), true) => ((ms / median) - 1.0).clamp(0.0, 2.0) / 2.0,
                    _ => 0.0,
                };
                let weight = s.miss_rate() + 0.5 * slowness;
                (weight > 0.0).then(|| (s.syllable.clone(), weight))
            })
            .collect()
    }

    /// Syllables typed at least [`MIN_TYPED`] times, slowest mean first.
    pub fn slowest(&self) -> Vec<&SyllableFigure> {
        let mut list: Vec<&SyllableFigure> = self
            .syllables
            .iter()
            .filter(|s| s.typed >= MIN_TYPED && s.samples > 0)
            .collect();
        list.sort_by(|a, b| {
            b.mean_ms()
                .unwrap_or(0.0)
                .total_cmp(&a.mean_ms().unwrap_or(0.0))
                .then_with(|| a.syllable.cmp(&b.syllable))
        });
        list
    }

    /// Syllables typed at least [`MIN_TYPED`] times with a miss, highest miss rate first.
    pub fn most_missed(&self) -> Vec<&SyllableFigure> {
        let mut list: Vec<&SyllableFigure> = self
            .syllables
            .iter()
            .filter(|s| s.typed >= MIN_TYPED && s.missed > 0)
            .collect();
        list.sort_by(|a, b| {
            b.miss_rate()
                .total_cmp(&a.miss_rate())
                .then_with(|| b.missed.cmp(&a.missed))
                .then_with(|| a.syllable.cmp(&b.syllable))
        });
        list
    }
}

/// A phrases drill of the lines richest in 字 read as the weak syllables, or `None`
/// when nothing is weak yet.
pub fn practice(packs: &[Pack], weak: &PinyinWeak, seed: u64) -> Option<Pack> {
    let syllables = weak.weights();
    if syllables.is_empty() {
        return None;
    }
    let mut weights: HashMap<String, f64> = HashMap::new();
    for line in crate::stats::practice::candidate_lines(packs) {
        for g in line.graphemes(true) {
            if weights.contains_key(g) {
                continue;
            }
            let w = super::readings(g)
                .iter()
                .filter_map(|r| syllables.get(r))
                .fold(0.0, |a: f64, &b| a.max(b));
            if w > 0.0 {
                weights.insert(g.to_string(), w);
            }
        }
    }
    let title = crate::tr!("弱音节练习", "Weak syllables");
    crate::stats::practice::practice_pack(packs, &weights, seed, DRILL_ID, title)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(syllable: &str, typed: u32, missed: u32, ms: u64) -> SyllableFigure {
        SyllableFigure {
            syllable: syllable.into(),
            typed,
            missed,
            time_us: ms * 1000 * u64::from(typed),
            samples: typed,
        }
    }

    #[test]
    fn groups_tell_retroflex_from_flat_and_n_from_ng() {
        assert!(in_group("zhang", "zh") && !in_group("zhang", "z"));
        assert!(in_group("zai", "z") && !in_group("zai", "zh"));
        assert!(in_group("shi", "sh") && in_group("si", "s"));
        assert!(in_group("lv", "ü") && in_group("lue", "ü") && in_group("xue", "ü"));
        assert!(in_group("yu", "ü") && !in_group("lu", "ü"));
        assert!(in_group("ren", "-n") && in_group("reng", "-ng") && !in_group("reng", "-n"));
    }

    #[test]
    fn sessions_sum_and_rank() {
        let one = [
            s("shi", 2, 1, 400),
            s("si", 1, 0, 300),
            s("zhang", 1, 0, 900),
        ];
        let two = [
            s("shi", 2, 1, 600),
            s("zan", 3, 0, 200),
            s("zhang", 2, 1, 900),
        ];
        let w = PinyinWeak::gather([&one[..], &two[..]]);
        assert_eq!(w.sessions, 2);
        let shi = w
            .syllables
            .iter()
            .find(|x| x.syllable == "shi")
            .expect("shi");
        assert_eq!((shi.typed, shi.missed), (4, 2));
        assert_eq!(shi.mean_ms(), Some(500.0));
        // Typed 3 times or more: shi 4, zan 3, zhang 3.
        let slow: Vec<&str> = w.slowest().iter().map(|x| x.syllable.as_str()).collect();
        assert_eq!(slow, ["zhang", "shi", "zan"]);
        let missed: Vec<&str> = w
            .most_missed()
            .iter()
            .map(|x| x.syllable.as_str())
            .collect();
        assert_eq!(missed, ["shi", "zhang"]);
        let g = |name: &str| w.groups.iter().find(|g| g.group == name).cloned();
        assert_eq!(g("sh").map(|g| (g.typed, g.missed)), Some((4, 2)));
        assert_eq!(g("zh").map(|g| (g.typed, g.missed)), Some((3, 1)));
        assert_eq!(g("-ng").map(|g| g.typed), Some(3));
        assert_eq!(g("-n").map(|g| g.typed), Some(3), "zan only, not zhang");
        assert_eq!(g("ü"), None);
    }

    #[test]
    fn practice_picks_lines_rich_in_the_weak_syllables() {
        let pack = crate::testing::pack_with(
            crate::pack::DrillBody::Phrases {
                phrases: vec![
                    "好的，马上为您查询".into(),
                    "是的，十四号发货".into(),
                    "感谢您的耐心等待".into(),
                ],
                order: crate::pack::PhraseOrder::Fixed,
                count: None,
            },
            None,
        );
        let clean = PinyinWeak::gather([&[s("hao", 5, 0, 300)][..]]);
        assert_eq!(practice(std::slice::from_ref(&pack), &clean, 1), None);
        let weak = PinyinWeak::gather([&[s("shi", 6, 3, 300), s("hao", 5, 0, 300)][..]]);
        let drill = practice(std::slice::from_ref(&pack), &weak, 1).expect("a drill");
        assert_eq!(drill.drills[0].id, DRILL_ID);
        let crate::pack::DrillBody::Phrases { phrases, .. } = &*drill.drills[0].body else {
            panic!("phrases");
        };
        assert_eq!(phrases[0], "是的，十四号发货");
    }
}
