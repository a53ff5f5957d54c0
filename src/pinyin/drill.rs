//! A drill typed as pinyin: the letters go to the typing engine one key at a time, and
//! before each the engine's target for the line is set to the readings the letters so
//! far choose ([`parse`]). So the engine judges, logs and measures the keystrokes as it
//! does for any drill, and its final targets are the readings accepted.

use super::matcher::{Ends, Parsed, parse};
use super::readings::{Grapheme, line};
use crate::engine::{Batch, Key, MAX_BATCH_GRAPHEMES, Rules, Typing, batch_graphemes, paste_keys};

#[derive(Debug, Clone)]
pub struct PinyinDrill {
    lines: Vec<Vec<Grapheme>>,
    /// Per line, per grapheme: the reading it takes now; the engine's target, split.
    chosen: Vec<Vec<String>>,
    strict: bool,
}

impl PinyinDrill {
    /// The drill over `segments` (lines of Chinese) and the engine that types its letters.
    /// Empty segments are dropped, as the engine drops them, so lines and segments match.
    pub fn start(segments: &[String], rules: Rules) -> (PinyinDrill, Typing) {
        let lines: Vec<Vec<Grapheme>> = segments
            .iter()
            .map(|s| line(s))
            .filter(|l| !l.is_empty())
            .collect();
        let mut drill = PinyinDrill {
            lines,
            chosen: Vec::new(),
            strict: rules.strict,
        };
        drill.chosen = (0..drill.lines.len())
            .map(|i| parse(&drill.lines[i], &[], drill.ends(i)).readings)
            .collect();
        let targets: Vec<String> = drill.chosen.iter().map(|c| c.concat()).collect();
        (drill, Typing::new(&targets, rules))
    }

    pub fn lines(&self) -> &[Vec<Grapheme>] {
        &self.lines
    }

    /// Per line, per grapheme, the reading accepted (for lines not reached: the first).
    pub fn readings(&self) -> &[Vec<String>] {
        &self.chosen
    }

    /// The lines as text, as a typing drill's target is kept.
    pub fn texts(&self) -> Vec<String> {
        self.lines
            .iter()
            .map(|l| l.iter().map(|g| g.text.as_str()).collect())
            .collect()
    }

    /// Make the record of this drill's session a pinyin one: the mode, the text as its
    /// target (as for any drill), the readings accepted, and 字/分 in `cpm` (the letters'
    /// figures, 击键/分 in `kpm`, stay). Pass criteria are for 字/分 typed through an
    /// input method, so practice in letters neither passes nor fails.
    pub fn mark(&self, record: &mut crate::record::SessionRecord) {
        record.mode = Some(crate::record::Mode::Pinyin);
        record.passed = None;
        // The letters of every 字 are typed, faces' and labels' too.
        record.shown_not_typed = false;
        record.target = self.texts().join("\n");
        record.readings = Some(self.chosen.clone());
        if let Some((_, figures)) = super::figures::recompute(record) {
            record.cpm = figures.zpm;
        }
    }

    fn ends(&self, i: usize) -> Ends {
        Ends {
            drill_end: i + 1 >= self.lines.len(),
            strict: self.strict,
        }
    }

    /// Line `seg` as the letters typed in it make it (for the screen).
    pub fn parsed(&self, typing: &Typing, seg: usize) -> Parsed {
        let units: Vec<&str> = typing.typed(seg).iter().map(|t| t.text.as_str()).collect();
        self.lines
            .get(seg)
            .map(|l| parse(l, &units, self.ends(seg)))
            .unwrap_or_default()
    }

    /// Take one batch read at `t_us`, key by key. A paste or an over-long batch goes to
    /// the engine whole, which refuses it by its own rules.
    pub fn apply(&mut self, typing: &mut Typing, t_us: u64, batch: &Batch) {
        if typing.tick(t_us) || typing.is_over() {
            return;
        }
        let keys = match batch {
            Batch::Keys(keys) => keys.clone(),
            Batch::Paste(text) => paste_keys(text),
        };
        let graphemes = batch_graphemes(&keys);
        let line_break = keys.contains(&Key::Enter);
        if graphemes > MAX_BATCH_GRAPHEMES
            || (line_break && graphemes > 1)
            || (matches!(batch, Batch::Paste(_)) && line_break)
        {
            typing.apply(t_us, batch);
            return;
        }
        for key in keys {
            if typing.is_over() {
                break;
            }
            match key {
                Key::Backspace => {
                    typing.apply(t_us, &Batch::Keys(vec![key]));
                    self.sync(typing);
                }
                Key::Char(c) => self.type_unit(typing, t_us, key, &c.to_string()),
                Key::Enter => self.type_unit(typing, t_us, key, "\n"),
            }
        }
    }

    /// Set the current line's target for the letters typed plus `unit`, then type it.
    fn type_unit(&mut self, typing: &mut Typing, t_us: u64, key: Key, unit: &str) {
        if key == Key::Enter && typing.ignores_enter() {
            // Between lines: the engine ignores it, so the next line's readings stay.
            return;
        }
        let seg = typing.current_segment();
        let Some(line) = self.lines.get(seg) else {
            return;
        };
        let mut units: Vec<&str> = typing.typed(seg).iter().map(|t| t.text.as_str()).collect();
        units.push(unit);
        let p = parse(line, &units, self.ends(seg));
        let overflows = p.taken < units.len() && p.complete();
        self.set(typing, seg, p.readings);
        if overflows {
            // The line's last 字 waited on this key, which does not continue it: the
            // line ends there and the key starts the next one.
            typing.settle();
            if typing.current_segment() != seg && !typing.is_over() {
                self.type_unit(typing, t_us, key, unit);
            }
            return;
        }
        typing.apply(t_us, &Batch::Keys(vec![key]));
    }

    /// After Backspace: the readings the remaining letters choose.
    fn sync(&mut self, typing: &mut Typing) {
        let seg = typing.current_segment();
        if seg < self.lines.len() {
            let p = self.parsed(typing, seg);
            self.set(typing, seg, p.readings);
        }
    }

    fn set(&mut self, typing: &mut Typing, seg: usize, readings: Vec<String>) {
        typing.retarget(seg, &readings.concat());
        if let Some(c) = self.chosen.get_mut(seg) {
            *c = readings;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(s: &str) -> Batch {
        Batch::Keys(
            s.chars()
                .map(|c| match c {
                    '<' => Key::Backspace,
                    c => Key::Char(c),
                })
                .collect(),
        )
    }

    fn drill(lines: &[&str]) -> (PinyinDrill, Typing) {
        let segments: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
        PinyinDrill::start(&segments, Rules::default())
    }

    #[test]
    fn letters_run_on_into_the_next_line_without_enter() {
        let (mut p, mut t) = drill(&["你好", "在的"]);
        p.apply(&mut t, 0, &keys("nihaozaidi"));
        assert!(t.is_over());
        assert_eq!(p.readings(), [vec!["ni", "hao"], vec!["zai", "di"]]);
        assert_eq!(t.log().len(), 10);
        let s = t.summary();
        assert_eq!((s.correct, s.errors), (10, 0));
        assert_eq!(s.target, "nihao\nzaidi");
        assert_eq!(s.typed, "nihao\nzaidi");
    }

    #[test]
    fn enter_after_a_finished_line_is_ignored_and_not_logged() {
        let (mut p, mut t) = drill(&["你好", "在的"]);
        p.apply(&mut t, 0, &keys("nihao"));
        p.apply(&mut t, 10, &Batch::Keys(vec![Key::Enter]));
        p.apply(&mut t, 20, &keys("zaidi"));
        assert!(t.is_over());
        assert_eq!(t.log().len(), 10);
        assert_eq!(p.readings()[1], ["zai", "di"]);
        // A line whose last 字 waits on the next key (hu or huo): Enter settles it.
        let (mut p, mut t) = drill(&["我和", "你"]);
        p.apply(&mut t, 0, &keys("wohu"));
        p.apply(&mut t, 10, &Batch::Keys(vec![Key::Enter]));
        assert_eq!(t.current_segment(), 1);
        p.apply(&mut t, 20, &keys("ni"));
        assert!(t.is_over());
        let s = t.summary();
        assert_eq!((s.correct, s.errors, s.typed_graphemes), (6, 0, 6));
    }

    #[test]
    fn a_line_ending_on_a_waiting_zi_is_settled_by_the_next_letter() {
        let (mut p, mut t) = drill(&["我和", "你"]);
        p.apply(&mut t, 0, &keys("wohu"));
        assert_eq!(t.current_segment(), 0, "hu may still become huo");
        p.apply(&mut t, 10, &keys("n"));
        assert_eq!(t.current_segment(), 1);
        assert_eq!(p.readings()[0], ["wo", "hu"]);
        p.apply(&mut t, 20, &keys("i"));
        assert!(t.is_over());
        let s = t.summary();
        assert_eq!((s.correct, s.errors, s.typed_graphemes), (6, 0, 6));

        let (mut p, mut t) = drill(&["我和", "你"]);
        p.apply(&mut t, 0, &keys("wohuoni"));
        assert!(t.is_over());
        assert_eq!(p.readings()[0], ["wo", "huo"]);
    }

    #[test]
    fn backspace_within_and_across_syllables() {
        let (mut p, mut t) = drill(&["的好"]);
        p.apply(&mut t, 0, &keys("dx"));
        assert_eq!(t.typed(0).iter().filter(|u| !u.ok).count(), 1);
        // Back over the slip and the d, then the other reading.
        p.apply(&mut t, 10, &keys("<<di"));
        assert_eq!(p.readings()[0], ["di", "hao"]);
        p.apply(&mut t, 20, &keys("h<<<"));
        assert_eq!(t.typed(0).len(), 0);
        p.apply(&mut t, 30, &keys("dehao"));
        assert!(t.is_over());
        assert_eq!(p.readings()[0], ["de", "hao"]);
        let s = t.summary();
        assert_eq!(s.backspaces, 5);
        // Figures follow the readings accepted: the i of di, taken back for de, counts
        // as a corrected slip beside the x.
        assert_eq!(s.corrections, 2);
        assert_eq!(s.errors, 0);
    }

    #[test]
    fn live_marks_match_the_replay_against_the_readings_accepted() {
        let (mut p, mut t) = drill(&["亲，在的哦～", "和我"]);
        p.apply(&mut t, 0, &keys("qin,zaxdeo~"));
        p.apply(&mut t, 50, &keys("hxwo"));
        assert!(t.is_over());
        let targets: Vec<String> = p.readings().iter().map(|l| l.concat()).collect();
        let replayed = crate::engine::summarize(&targets, Rules::default(), t.log(), false);
        assert_eq!(replayed, t.summary());
        let live: Vec<bool> = t.typed(0).iter().chain(t.typed(1)).map(|u| u.ok).collect();
        let logged: Vec<bool> = t
            .log()
            .iter()
            .filter_map(|k| match &k.op {
                crate::record::Op::Input { ok, .. } => Some(*ok),
                _ => None,
            })
            .collect();
        assert_eq!(live, logged);
        assert_eq!(replayed.errors, 2, "zax: x for i; hx: x for e");
    }

    #[test]
    fn pastes_and_time_limits_follow_the_engine() {
        let (mut p, mut t) = drill(&["你好"]);
        p.apply(&mut t, 0, &Batch::Paste("ni\nhao".into()));
        assert!(matches!(
            t.log()[0].op,
            crate::record::Op::PasteRejected { .. }
        ));
        let segments = vec!["你好".to_string()];
        let (mut p, mut t) = PinyinDrill::start(
            &segments,
            Rules {
                strict: false,
                time_limit_us: Some(1_000),
                shown_not_typed: false,
            },
        );
        p.apply(&mut t, 0, &keys("ni"));
        p.apply(&mut t, 2_000, &keys("hao"));
        assert!(t.is_over());
        assert_eq!(t.log().len(), 2);
    }
}
