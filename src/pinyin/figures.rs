//! What pinyin practice measures beyond the engine's figures (which, over letters, are
//! 击键/分 and the rest): 字/分, 击键/秒, 码长 (keys per 字), and per-syllable misses and
//! times. Recomputed from the keystroke log against the readings accepted, so a saved
//! session gives the same numbers as the screen did.

use crate::engine::{CharFigure, Replayed, Rules, Summary, Typing};
use crate::record::{Keystroke, Op};

const US_PER_MINUTE: f64 = 60_000_000.0;

/// How one syllable (a reading of a 字, e.g. `shi` over 是/事/十) went.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SyllableFigure {
    pub syllable: String,
    /// Times a 字 with this reading was started.
    pub typed: u32,
    /// Of those, times with a wrong letter in them.
    pub missed: u32,
    /// From the key before its first letter to its last letter, summed over the times
    /// measured (the drill's first 字 has no key before it).
    pub time_us: u64,
    pub samples: u32,
}

impl SyllableFigure {
    pub fn mean_ms(&self) -> Option<f64> {
        (self.samples > 0).then(|| self.time_us as f64 / f64::from(self.samples) / 1000.0)
    }

    pub fn miss_rate(&self) -> f64 {
        if self.typed == 0 {
            0.0
        } else {
            f64::from(self.missed) / f64::from(self.typed)
        }
    }
}

/// The pinyin figures of one session.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PinyinFigures {
    /// 字 (any grapheme of the text) completed with every key right, per minute.
    pub zpm: f64,
    /// Every key (letters, marks, Backspace) per second.
    pub keys_per_second: f64,
    /// 码长: keys per 字 completed (0 when none was).
    pub keys_per_zi: f64,
    pub zi_completed: u32,
    pub zi_right: u32,
    pub keys: u32,
    /// Per letter typed (the engine's per-grapheme figures over the letters).
    pub letters: Vec<CharFigure>,
    /// Per syllable, in order of first appearance.
    pub syllables: Vec<SyllableFigure>,
}

/// Where a 字 sits in its line's letters.
struct Slot {
    syllable: Option<String>,
    start: usize,
    end: usize,
}

/// Whether a reading is a syllable (letters standing for a 字), not a mark or digit.
fn is_syllable(grapheme: &str, reading: &str) -> bool {
    grapheme != reading && !reading.is_empty() && reading.bytes().all(|b| b.is_ascii_lowercase())
}

/// The figures of a session: `texts` the lines, `readings` per line per grapheme the
/// readings accepted, `summary` the engine's summary over the same log.
pub fn figures(
    texts: &[String],
    readings: &[Vec<String>],
    rules: Rules,
    log: &[Keystroke],
    summary: &Summary,
) -> PinyinFigures {
    use unicode_segmentation::UnicodeSegmentation;
    let slots: Vec<Vec<Slot>> = texts
        .iter()
        .filter(|t| !t.is_empty())
        .zip(readings)
        .map(|(text, line)| {
            let mut at = 0;
            text.graphemes(true)
                .zip(line)
                .map(|(g, r)| {
                    let len = r.graphemes(true).count();
                    let slot = Slot {
                        syllable: is_syllable(g, r).then(|| r.clone()),
                        start: at,
                        end: at + len,
                    };
                    at += len;
                    slot
                })
                .collect()
        })
        .collect();
    let targets: Vec<String> = readings.iter().map(|l| l.concat()).collect();
    let mut typing = Typing::new(&targets, rules);

    // Per 字 occurrence (line, index): letters typed, a wrong one seen, first letter's
    // log index, last letter's time.
    #[derive(Default, Clone)]
    struct Seen {
        any: bool,
        wrong: bool,
        first: usize,
        last_t: u64,
    }
    let mut seen: Vec<Vec<Seen>> = slots
        .iter()
        .map(|l| vec![Seen::default(); l.len()])
        .collect();
    let mut keys = 0u32;
    for (i, k) in log.iter().enumerate() {
        if let Some(limit) = rules.time_limit_us
            && k.t_us >= limit
        {
            typing.set_time_up();
        }
        let replayed = typing.replay(&k.op);
        if matches!(k.op, Op::Input { .. } | Op::Backspace)
            && !matches!(replayed, Replayed::Ignored)
        {
            keys += 1;
        }
        let (Replayed::Typed {
            segment,
            position,
            ok,
        }
        | Replayed::Merged {
            segment,
            position,
            ok,
        }) = replayed
        else {
            continue;
        };
        // Slots are in order: the 字 is the last one starting at or before the letter.
        let Some(z) = slots.get(segment).and_then(|l| {
            let z = l.partition_point(|s| s.start <= position).checked_sub(1)?;
            (position < l[z].end).then_some(z)
        }) else {
            continue;
        };
        let s = &mut seen[segment][z];
        if !s.any {
            s.any = true;
            s.first = i;
        }
        s.wrong |= !ok;
        s.last_t = k.t_us;
    }

    let mut zi_completed = 0u32;
    let mut zi_right = 0u32;
    for (segment, line) in slots.iter().enumerate() {
        let typed = typing.typed(segment);
        for slot in line {
            if typed.len() >= slot.end {
                zi_completed += 1;
                zi_right += u32::from(typed[slot.start..slot.end].iter().all(|t| t.ok));
            }
        }
    }

    let mut syllables: Vec<SyllableFigure> = Vec::new();
    for (line, seen_line) in slots.iter().zip(&seen) {
        for (slot, s) in line.iter().zip(seen_line) {
            let (Some(syllable), true) = (&slot.syllable, s.any) else {
                continue;
            };
            let i = match syllables.iter().position(|f| &f.syllable == syllable) {
                Some(i) => i,
                None => {
                    syllables.push(SyllableFigure {
                        syllable: syllable.clone(),
                        ..SyllableFigure::default()
                    });
                    syllables.len() - 1
                }
            };
            let f = &mut syllables[i];
            f.typed += 1;
            f.missed += u32::from(s.wrong);
            if let Some(before) = s.first.checked_sub(1).and_then(|j| log.get(j)) {
                f.time_us = f
                    .time_us
                    .saturating_add(s.last_t.saturating_sub(before.t_us));
                f.samples += 1;
            }
        }
    }

    let us = summary.duration_us;
    let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
    PinyinFigures {
        zpm: ratio(f64::from(zi_right) * US_PER_MINUTE, us as f64),
        keys_per_second: ratio(f64::from(keys) * 1_000_000.0, us as f64),
        keys_per_zi: ratio(f64::from(keys), f64::from(zi_completed)),
        zi_completed,
        zi_right,
        keys,
        letters: summary
            .chars
            .iter()
            .filter(|c| c.grapheme.len() == 1 && c.grapheme.bytes().all(|b| b.is_ascii_lowercase()))
            .cloned()
            .collect(),
        syllables,
    }
}

/// The lines of a saved session's target: a text drill is one line (its line breaks
/// typed); phrases are joined by line breaks.
pub fn record_lines(r: &crate::record::SessionRecord) -> Vec<String> {
    match r.kind.as_str() {
        "phrases" => r.target.split('\n').map(str::to_string).collect(),
        _ => vec![r.target.clone()],
    }
}

/// Whether readings fit their lines: one non-empty reading per grapheme of each line.
/// A record from elsewhere may hold anything.
pub fn readings_fit(lines: &[String], readings: &[Vec<String>]) -> bool {
    readings.len() == lines.len()
        && readings.iter().zip(lines).all(|(r, l)| {
            r.len() == crate::text::grapheme_count(l) && r.iter().all(|k| !k.is_empty())
        })
}

/// The figures of a saved pinyin session; `None` for any other, or one whose readings
/// do not fit its text.
pub fn of_record(r: &crate::record::SessionRecord) -> Option<PinyinFigures> {
    recompute(r).map(|(_, f)| f)
}

/// A pinyin record recomputed: the engine's summary over the letters (its kpm is
/// 击键/分) and the pinyin figures (its zpm is 字/分); `None` for any other record, or
/// one whose readings do not fit its text. `crate::figures` takes them from here.
pub fn recompute(r: &crate::record::SessionRecord) -> Option<(Summary, PinyinFigures)> {
    if r.mode != Some(crate::record::Mode::Pinyin) {
        return None;
    }
    let readings = r.readings.as_ref()?;
    let texts = record_lines(r);
    if !readings_fit(&texts, readings) {
        return None;
    }
    // The letters of every 字 are typed, faces' and labels' too.
    let rules = Rules {
        shown_not_typed: false,
        ..Rules::of_record(r)
    };
    let targets: Vec<String> = readings.iter().map(|l| l.concat()).collect();
    let time_up = crate::engine::time_up_of(r);
    let summary = crate::engine::summarize(&targets, rules, &r.keystrokes, time_up);
    let figures = figures(&texts, readings, rules, &r.keystrokes, &summary);
    Some((summary, figures))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Batch, Key};
    use crate::pinyin::PinyinDrill;

    fn keys(s: &str) -> Batch {
        Batch::Keys(
            s.chars()
                .map(|c| {
                    if c == '<' {
                        Key::Backspace
                    } else {
                        Key::Char(c)
                    }
                })
                .collect(),
        )
    }

    fn record_of(
        p: &PinyinDrill,
        t: &crate::engine::Typing,
        kind: &str,
    ) -> crate::record::SessionRecord {
        let pack = crate::testing::pack_with(
            crate::pack::DrillBody::Text {
                text: String::new(),
            },
            None,
        );
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-25T09:30:00+08:00").expect("time");
        let mut r = crate::engine::record::typing_record(
            &pack,
            &pack.drills[0],
            &t.summary(),
            t.log(),
            crate::record::Student::default(),
            at,
        );
        r.kind = kind.into();
        p.mark(&mut r);
        r
    }

    #[test]
    fn a_text_with_a_line_break_is_one_line_in_the_record() {
        let segments = vec!["你好\n在的".to_string()];
        let (mut p, mut t) = PinyinDrill::start(&segments, Rules::default());
        for (n, k) in "nihao\nzaide".chars().enumerate() {
            let key = if k == '\n' { Key::Enter } else { Key::Char(k) };
            p.apply(&mut t, n as u64 * 100_000, &Batch::Keys(vec![key]));
        }
        assert!(t.is_over());
        let live = figures(
            &p.texts(),
            p.readings(),
            Rules::default(),
            t.log(),
            &t.summary(),
        );
        assert_eq!(
            (live.zi_completed, live.zi_right),
            (5, 5),
            "the line break is a 字 too"
        );
        let r = record_of(&p, &t, "text");
        assert_eq!(r.target, "你好\n在的");
        assert_eq!(of_record(&r), Some(live));
        assert!(crate::verify::check(&r, &[]).problems.is_empty());
    }

    /// A session scripted key by key, its figures worked out by hand.
    #[test]
    fn a_scripted_session() {
        let segments = vec!["你好，".to_string(), "的".to_string()];
        let (mut p, mut t) = PinyinDrill::start(&segments, Rules::default());
        // n at 0, i at 1 s, h at 2 s, a at 3 s, x (wrong) at 4 s, Backspace at 5 s,
        // o at 6 s, "," at 7 s, then 的 as di: d at 8 s, i at 9 s.
        for (n, k) in "nihax<o,di".chars().enumerate() {
            p.apply(&mut t, n as u64 * 1_000_000, &keys(&k.to_string()));
        }
        assert!(t.is_over());
        assert_eq!(p.readings(), [vec!["ni", "hao", ","], vec!["di"]]);
        let s = t.summary();
        // 9 inputs (x wrong), 1 Backspace; 8 right letters in 9 s.
        assert_eq!(s.duration_us, 9_000_000);
        assert_eq!((s.typed_graphemes, s.backspaces, s.corrections), (9, 1, 1));
        assert!((s.accuracy - 800.0 / 9.0).abs() < 1e-9);
        assert!((s.cpm - 8.0 * 60.0 / 9.0).abs() < 1e-9);
        let texts = p.texts();
        let f = figures(&texts, p.readings(), Rules::default(), t.log(), &s);
        // 4 字 (你 好 ， 的), all right in the end: 4 in 9 s.
        assert_eq!((f.zi_completed, f.zi_right, f.keys), (4, 4, 10));
        assert!((f.zpm - 4.0 * 60.0 / 9.0).abs() < 1e-9);
        assert!((f.keys_per_second - 10.0 / 9.0).abs() < 1e-9);
        assert!((f.keys_per_zi - 2.5).abs() < 1e-9);
        // ni: first letter has no key before it; hao: from i (1 s) to o (6 s), missed;
        // di: from "," (7 s) to i (9 s). The comma is not a syllable.
        let syl: Vec<(&str, u32, u32, Option<f64>)> = f
            .syllables
            .iter()
            .map(|x| (x.syllable.as_str(), x.typed, x.missed, x.mean_ms()))
            .collect();
        assert_eq!(
            syl,
            [
                ("ni", 1, 0, None),
                ("hao", 1, 1, Some(5000.0)),
                ("di", 1, 0, Some(2000.0))
            ]
        );
        // The saved record gives the same figures (a phrases drill: lines joined by \n).
        let mut r = record_of(&p, &t, "phrases");
        assert_eq!(of_record(&r), Some(f.clone()));
        r.readings = Some(vec![vec!["ni".into()], vec!["di".into()]]);
        assert_eq!(of_record(&r), None, "readings that do not fit the text");
        r.mode = None;
        assert_eq!(of_record(&r), None);
        // Letters: o was typed twice where the target had it (x, then o), once wrong.
        let o = f.letters.iter().find(|c| c.grapheme == "o").expect("o");
        assert_eq!((o.typed, o.wrong), (2, 1));
        assert!(f.letters.iter().all(|c| c.grapheme != ","));
    }
}
