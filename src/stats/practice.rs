//! "Practise my weak characters": a phrases drill made from the lines of the packs at hand
//! that are richest in the student's weakest characters and confusion pairs.

use super::picker::pick_lines;
use super::weak::{CharTotals, weights};
use crate::pack::{Drill, DrillBody, Pack, PackSource, PhraseOrder, sha256_hex};
use crate::text::grapheme_count;

/// The id generated practice is saved under, so history shows it was generated.
pub const PACK_ID: &str = "generated-weak";
pub const DRILL_ID: &str = "weak-chars";
/// Lines per round.
pub const LINES: usize = 12;

/// Lines fit for practice: a phrase, or one line of a text, of 4 to 40 graphemes.
pub fn candidate_lines(packs: &[Pack]) -> Vec<String> {
    let mut lines = Vec::new();
    for drill in packs.iter().flat_map(|p| &p.drills) {
        match &*drill.body {
            DrillBody::Phrases { phrases, .. } => lines.extend(phrases.iter().cloned()),
            DrillBody::Text { text } => lines.extend(text.lines().map(str::to_string)),
            _ => {}
        }
    }
    lines.retain(|l| (4..=40).contains(&grapheme_count(l.trim())));
    lines
}

/// The practice pack, or `None` when nothing is weak yet (no grapheme typed 3 times with
/// an error or a slow time) or no pack has lines.
pub fn weak_practice(packs: &[Pack], totals: &[CharTotals], seed: u64) -> Option<Pack> {
    let title = crate::tr!("弱项练习", "Weak characters");
    practice_pack(packs, &weights(totals), seed, DRILL_ID, title)
}

/// A phrases drill `drill_id` of the lines richest in `weights` (per grapheme), under
/// [`PACK_ID`]; `None` when nothing is weighted or no pack has lines.
pub fn practice_pack(
    packs: &[Pack],
    weights: &std::collections::HashMap<String, f64>,
    seed: u64,
    drill_id: &str,
    title: String,
) -> Option<Pack> {
    if weights.is_empty() {
        return None;
    }
    let phrases = pick_lines(&candidate_lines(packs), weights, LINES, seed);
    if phrases.is_empty() {
        return None;
    }
    // The lines are the pack's whole text, so verify can check them like any pack.
    let hash = sha256_hex(&phrases.join("\n"));
    Some(Pack {
        id: PACK_ID.to_string(),
        title: title.clone(),
        // Its lines name it: the same lines, the same version.
        version: hash.chars().take(8).collect(),
        author: None,
        description: None,
        tags: Vec::new(),
        templates: Vec::new(),
        drills: vec![Drill::plain(
            drill_id,
            title,
            DrillBody::Phrases {
                phrases,
                // Picked in this order on purpose: weak lines alternate with random ones.
                order: PhraseOrder::Fixed,
                count: None,
            },
        )],
        start_code: Vec::new(),
        assignments: Vec::new(),
        hash,
        source: PackSource::Generated,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack(phrases: &[&str]) -> Pack {
        Pack {
            id: "p".into(),
            title: "p".into(),
            version: "1".into(),
            author: None,
            description: None,
            tags: vec![],
            templates: vec![],
            drills: vec![Drill {
                id: "d".into(),
                title: "d".into(),
                description: None,
                tags: vec![],
                time_limit: None,
                strict: false,
                pass: None,
                body: DrillBody::Phrases {
                    phrases: phrases.iter().map(|s| s.to_string()).collect(),
                    order: PhraseOrder::Shuffle,
                    count: None,
                }
                .into(),
            }],
            start_code: Vec::new(),
            assignments: Vec::new(),
            hash: String::new(),
            source: PackSource::Generated,
        }
    }

    fn slip(g: &str, typed: u32, wrong: u32, instead: &str) -> CharTotals {
        CharTotals {
            grapheme: g.into(),
            typed,
            wrong,
            latency_us: 0,
            latency_samples: 0,
            confusions: vec![(instead.into(), wrong)],
        }
    }

    #[test]
    fn nothing_weak_means_no_drill() {
        let packs = [pack(&["亲，在的哦～", "好的，马上为您查询"])];
        assert_eq!(weak_practice(&packs, &[], 1), None);
        let clean = CharTotals {
            grapheme: "亲".into(),
            typed: 9,
            ..Default::default()
        };
        assert_eq!(weak_practice(&packs, &[clean], 1), None);
    }

    #[test]
    fn the_first_line_is_the_one_richest_in_the_weak_character() {
        let packs = [pack(&[
            "好的，马上为您查询",
            "亲，您在吗？我再看看",
            "感谢您的耐心等待",
            "请您收到后检查一下",
        ])];
        let drill = weak_practice(&packs, &[slip("在", 10, 4, "再")], 7).unwrap();
        assert_eq!(drill.id, PACK_ID);
        let DrillBody::Phrases { phrases, order, .. } = &*drill.drills[0].body else {
            panic!("a phrases drill");
        };
        assert_eq!(phrases[0], "亲，您在吗？我再看看");
        assert_eq!(*order, PhraseOrder::Fixed);
        assert_eq!(phrases.len(), LINES);
    }

    #[test]
    fn lines_too_short_or_too_long_are_left_out() {
        let long = "在".repeat(41);
        let packs = [pack(&["在", long.as_str()])];
        assert_eq!(weak_practice(&packs, &[slip("在", 10, 4, "再")], 7), None);
    }
}
