//! The typing engine, pure: batches of keys in, the keystroke log and a summary out.
//! No terminal, no clock, no database: the caller stamps every batch with its time.
//!
//! A drill is one or more *segments*: a text drill is one segment (its line breaks are
//! typed with Enter), a phrases drill has one segment per phrase and moves on by itself
//! when a phrase is done. The keystroke log is the single source of truth: the live
//! state here and [`summary::summarize`] both follow from it by the same rules.

mod keys;
pub mod record;
mod rules;
pub mod summary;

pub use keys::{Batch, Key, MAX_BATCH_GRAPHEMES, is_halfwidth_slip, matches};
pub(crate) use keys::{batch_graphemes, paste_keys};
pub use rules::{Rules, time_up_of};
pub use summary::{CharFigure, Summary, summarize};

use crate::record::{Keystroke, Op};
use unicode_segmentation::UnicodeSegmentation;

/// A typed grapheme and whether it matched the target when it was typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Typed {
    pub text: String,
    pub ok: bool,
}

/// How a drill ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// Every segment typed.
    Finished,
    /// The time limit ran out.
    TimeUp,
}

/// A drill in progress.
#[derive(Debug, Clone)]
pub struct Typing {
    segments: Vec<Vec<String>>,
    /// Per segment, for each position `p` (and the end): graphemes to type in `..p`.
    /// A grapheme that adds none is shown and not typed (filled in, never logged); the
    /// counts spare the progress bar of every frame a count through the whole text.
    to_type_before: Vec<Vec<u32>>,
    rules: Rules,
    /// Typed graphemes per segment; only segments up to the current one hold any.
    typed: Vec<Vec<Typed>>,
    current: usize,
    log: Vec<Keystroke>,
    end: Option<End>,
    /// Graphemes typed so far and how many matched then (for live accuracy).
    inputs: u32,
    inputs_ok: u32,
    /// Typed graphemes (all segments) that match the target now: kept as keys arrive
    /// so a frame does not walk the whole typed text.
    correct: usize,
    /// Counts target replacements, so a view can tell a new target without reading it.
    revision: u64,
    /// A stamp per typed grapheme (see [`Typing::stamps`]) and the next one to give.
    stamps: Vec<Vec<u64>>,
    next_stamp: u64,
}

impl Typing {
    /// A drill over these segments (a text drill: one segment; phrases: one each).
    /// Empty segments are dropped: there is nothing to type in them.
    pub fn new(segments: &[String], rules: Rules) -> Typing {
        let segments: Vec<Vec<String>> = segments
            .iter()
            .map(|s| s.graphemes(true).map(str::to_string).collect::<Vec<_>>())
            .filter(|g| !g.is_empty())
            .collect();
        let typed = vec![Vec::new(); segments.len()];
        let end = segments.is_empty().then_some(End::Finished);
        let to_type_before = segments.iter().map(|g| to_type_counts(g, rules)).collect();
        let mut typing = Typing {
            rules,
            typed,
            current: 0,
            log: Vec::new(),
            end,
            inputs: 0,
            inputs_ok: 0,
            correct: 0,
            revision: 0,
            stamps: vec![Vec::new(); segments.len()],
            next_stamp: 0,
            segments,
            to_type_before,
        };
        typing.fill_shown();
        typing
    }

    /// Whether target grapheme `pos` of segment `seg` is shown and not typed.
    pub fn is_shown(&self, seg: usize, pos: usize) -> bool {
        self.to_type_before
            .get(seg)
            .is_some_and(|counts| shown_at(counts, pos))
    }

    /// Fill in the shown graphemes the cursor has reached in the current segment (they
    /// stand as typed right, never logged or counted), moving on when that completes it.
    fn fill_shown(&mut self) {
        while self.end.is_none() {
            let seg = self.current;
            let (Some(target), Some(typed)) = (self.segments.get(seg), self.typed.get_mut(seg))
            else {
                return;
            };
            let mut filled = false;
            while let Some(g) = target.get(typed.len()) {
                if !self
                    .to_type_before
                    .get(seg)
                    .is_some_and(|c| shown_at(c, typed.len()))
                {
                    break;
                }
                typed.push(Typed {
                    text: g.clone(),
                    ok: true,
                });
                filled = true;
                self.next_stamp += 1;
                if let Some(stamps) = self.stamps.get_mut(seg) {
                    stamps.push(self.next_stamp);
                }
            }
            if !filled {
                return;
            }
            self.after_input(seg);
            if self.current == seg {
                return;
            }
        }
    }

    /// The last grapheme typed by hand in segment `seg` (not filled in), if any.
    fn last_by_hand(&self, seg: usize) -> Option<&Typed> {
        let typed = self.typed.get(seg)?;
        typed
            .iter()
            .enumerate()
            .rev()
            .find(|(pos, _)| !self.is_shown(seg, *pos))
            .map(|(_, t)| t)
    }

    /// Whether anything has been logged: the drill (and its clock) has started.
    pub fn started(&self) -> bool {
        !self.log.is_empty()
    }

    pub fn end(&self) -> Option<End> {
        self.end
    }

    pub fn is_over(&self) -> bool {
        self.end.is_some()
    }

    pub fn rules(&self) -> Rules {
        self.rules
    }

    pub fn log(&self) -> &[Keystroke] {
        &self.log
    }

    /// Target graphemes of every segment.
    pub fn segments(&self) -> &[Vec<String>] {
        &self.segments
    }

    /// What has been typed in segment `i`.
    pub fn typed(&self, i: usize) -> &[Typed] {
        self.typed.get(i).map(Vec::as_slice).unwrap_or(&[])
    }

    /// A stamp for each grapheme typed in segment `i`, new whenever one is typed or
    /// changed (a mark joined to it). As graphemes change only at the end, where two
    /// moments show the same stamp at a position, everything before it is the same too:
    /// a view finds the first change by a binary search instead of comparing the text.
    pub fn stamps(&self, i: usize) -> &[u64] {
        self.stamps.get(i).map(Vec::as_slice).unwrap_or(&[])
    }

    /// A fresh stamp for the last grapheme of segment `seg` (pushed when `grew`).
    fn stamp_last(&mut self, seg: usize, grew: bool) {
        self.next_stamp += 1;
        if let Some(stamps) = self.stamps.get_mut(seg) {
            match stamps.last_mut() {
                Some(last) if !grew => *last = self.next_stamp,
                _ => stamps.push(self.next_stamp),
            }
        }
    }

    /// The segment being typed (equals the number of segments once all are done).
    pub fn current_segment(&self) -> usize {
        self.current
    }

    /// Graphemes typed so far and how many matched when typed.
    pub fn input_counts(&self) -> (u32, u32) {
        (self.inputs, self.inputs_ok)
    }

    /// Graphemes of the typed text that match the target now.
    pub fn correct_now(&self) -> usize {
        self.correct
    }

    /// Target graphemes to type in all segments (those shown and not typed left out).
    pub fn target_len(&self) -> usize {
        self.to_type_before
            .iter()
            .map(|counts| counts.last().map_or(0, |&n| n as usize))
            .sum()
    }

    /// Graphemes typed by hand in all segments (those filled in left out).
    pub fn typed_len(&self) -> usize {
        (0..self.typed.len())
            .map(|seg| self.typed_by_hand(seg))
            .sum()
    }

    /// Graphemes typed by hand in segment `seg`.
    fn typed_by_hand(&self, seg: usize) -> usize {
        let Some(counts) = self.to_type_before.get(seg) else {
            return 0;
        };
        // Past the target (not reached in a drill) everything counts as typed by hand.
        let typed = self.typed_len_in(seg);
        let within = typed.min(counts.len().saturating_sub(1));
        counts.get(within).map_or(0, |&n| n as usize) + (typed - within)
    }

    /// The clock has reached `t_us` (since the first keystroke): end the drill when
    /// its time limit has run out. Returns whether that ended it.
    pub fn tick(&mut self, t_us: u64) -> bool {
        match self.rules.time_limit_us {
            Some(limit) if self.end.is_none() && self.started() && t_us >= limit => {
                self.end = Some(End::TimeUp);
                true
            }
            _ => false,
        }
    }

    /// Take one batch read at `t_us` (microseconds since the first keystroke; 0 for the
    /// batch that starts the drill).
    pub fn apply(&mut self, t_us: u64, batch: &Batch) {
        if self.tick(t_us) || self.end.is_some() {
            return;
        }
        // The most common batches, one key of one character or one Backspace: done as
        // they are, without gathering a run.
        if let Batch::Keys(keys) = batch {
            match keys[..] {
                [Key::Char(c)] => {
                    self.type_run(t_us, c.encode_utf8(&mut [0; 4]));
                    return;
                }
                [Key::Backspace] => return self.backspace(t_us),
                _ => {}
            }
        }
        let keys: std::borrow::Cow<'_, [Key]> = match batch {
            Batch::Keys(keys) => keys.into(),
            Batch::Paste(text) => paste_keys(text).into(),
        };
        let graphemes = batch_graphemes(&keys);
        let has_line_break = keys.contains(&Key::Enter);
        if graphemes > MAX_BATCH_GRAPHEMES
            || (has_line_break && graphemes > 1)
            || (matches!(batch, Batch::Paste(_)) && has_line_break)
        {
            self.log.push(Keystroke {
                t_us,
                op: Op::PasteRejected { len: graphemes },
            });
            return;
        }
        let mut run = String::new();
        for &key in keys.iter() {
            match key {
                Key::Char(c) => {
                    run.push(c);
                    continue;
                }
                Key::Enter | Key::Backspace => {}
            }
            if !self.type_run(t_us, &std::mem::take(&mut run)) {
                return;
            }
            match key {
                Key::Enter if self.ignores_enter() => {}
                Key::Enter => {
                    if !self.type_run(t_us, "\n") {
                        return;
                    }
                }
                Key::Backspace => self.backspace(t_us),
                Key::Char(_) => {}
            }
        }
        self.type_run(t_us, &run);
    }

    /// Whether Enter now is ignored (and not logged): right after a finished phrase,
    /// before the first grapheme of the next, where a customer-service typist presses it
    /// out of habit. The next phrase follows by itself, so Enter there says nothing.
    pub fn ignores_enter(&self) -> bool {
        let first = self.typed_len_in(self.current);
        self.end.is_none()
            && self.current > 0
            && self.typed_by_hand(self.current) == 0
            && self
                .segments
                .get(self.current)
                .and_then(|s| s.get(first))
                .is_some_and(|g| g != "\n")
    }

    /// Replace the target of segment `seg`. Pinyin practice types a 字's letters, and
    /// which reading they spell is known only as they are typed; the typed graphemes and
    /// their marks stay as they were judged.
    pub(crate) fn retarget(&mut self, seg: usize, target: &str) {
        if let Some(s) = self.segments.get_mut(seg) {
            *s = target.graphemes(true).map(str::to_string).collect();
            if let Some(counts) = self.to_type_before.get_mut(seg) {
                *counts = to_type_counts(s, self.rules);
            }
            self.revision += 1;
        }
    }

    /// How many times a target was replaced ([`Typing::retarget`]).
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Move on if the current segment is done under its (replaced) target.
    pub(crate) fn settle(&mut self) {
        if self.end.is_none() {
            self.after_input(self.current);
        }
    }

    /// Type each grapheme of `run`; false once the current segment filled up, so the
    /// rest of the commit is dropped ("an input-method commit that overshoots keeps only
    /// what fits").
    fn type_run(&mut self, t_us: u64, run: &str) -> bool {
        // One character is one grapheme (the most common run: a key).
        if run.chars().nth(1).is_none() {
            return run.is_empty() || self.type_logged(t_us, run);
        }
        run.graphemes(true).all(|g| self.type_logged(t_us, g))
    }

    /// Type grapheme `g` and log it; false when it did not fit or finished the segment.
    fn type_logged(&mut self, t_us: u64, g: &str) -> bool {
        let segment = self.current;
        let Some(ok) = self.type_grapheme(g) else {
            return false;
        };
        self.log.push(Keystroke {
            t_us,
            op: Op::Input {
                text: g.to_string(),
                ok,
            },
        });
        self.current == segment
    }

    /// Type one grapheme at the cursor. Returns whether it matched, or `None` when there
    /// is no room (drill over, or the segment is long enough with its last grapheme wrong).
    /// A lone combining mark or joiner continues the grapheme before it, as the terminal
    /// would draw it.
    pub(crate) fn type_grapheme(&mut self, g: &str) -> Option<bool> {
        if self.end.is_some() {
            return None;
        }
        let seg = self.current;
        let target = self.segments.get(seg)?;
        let typed = self.typed.get_mut(seg)?;
        let last_pos = typed.len().checked_sub(1);
        let shown = |p| self.to_type_before.get(seg).is_some_and(|c| shown_at(c, p));
        let by_hand = last_pos.is_some_and(|p| !shown(p));
        if let (Some(pos), Some(last), true) = (last_pos, typed.last_mut(), by_hand)
            && !keys::surely_apart(&last.text, g)
        {
            let joined = format!("{}{g}", last.text);
            if joined.graphemes(true).count() == 1 {
                let was_ok = last.ok;
                last.ok = matches(&target[pos], &joined);
                self.correct =
                    self.correct.saturating_sub(usize::from(was_ok)) + usize::from(last.ok);
                last.text = joined;
                let ok = last.ok;
                self.stamp_last(seg, false);
                self.after_input(seg);
                return Some(ok);
            }
        }
        let pos = typed.len();
        let want = target.get(pos)?;
        let ok = matches(want, g);
        typed.push(Typed {
            text: g.to_string(),
            ok,
        });
        self.stamp_last(seg, true);
        self.inputs += 1;
        self.inputs_ok += u32::from(ok);
        self.correct += usize::from(ok);
        self.after_input(seg);
        self.fill_shown();
        Some(ok)
    }

    /// Move on when segment `seg` is done: long enough and its last grapheme right
    /// (strict: as soon as it is long enough).
    fn after_input(&mut self, seg: usize) {
        let (Some(target), Some(typed)) = (self.segments.get(seg), self.typed.get(seg)) else {
            return;
        };
        // The last grapheme typed by hand decides (what is filled in after it is right).
        let done = typed.len() >= target.len()
            && (self.rules.strict || self.last_by_hand(seg).is_none_or(|t| t.ok));
        if done {
            self.current = seg + 1;
            if self.current >= self.segments.len() {
                self.end = Some(End::Finished);
            }
        }
    }

    /// Backspace: removes the last grapheme of the current segment. Ignored (and not
    /// logged) at the start of a segment and in strict mode.
    fn backspace(&mut self, t_us: u64) {
        if self.rules.strict || self.end.is_some() {
            return;
        }
        if self.delete_last() {
            self.log.push(Keystroke {
                t_us,
                op: Op::Backspace,
            });
        }
    }

    /// Remove the last grapheme typed by hand in the current segment, with what was
    /// filled in after it; `false` when there is none (what is filled in at the start of
    /// a segment stays).
    pub(crate) fn delete_last(&mut self) -> bool {
        let seg = self.current;
        let Some(at) = self
            .typed
            .get(seg)
            .and_then(|t| (0..t.len()).rev().find(|&pos| !self.is_shown(seg, pos)))
        else {
            return false;
        };
        let (Some(typed), Some(stamps)) = (self.typed.get_mut(seg), self.stamps.get_mut(seg))
        else {
            return false;
        };
        let gone_ok = typed[at].ok;
        typed.truncate(at);
        stamps.truncate(at);
        self.correct = self.correct.saturating_sub(usize::from(gone_ok));
        true
    }

    /// Replay a logged event (for the summary and `verify`): the same rules, no batching.
    /// Returns whether the event was a new grapheme and whether it matched.
    pub(crate) fn replay(&mut self, op: &Op) -> Replayed {
        if self.end.is_some() {
            return Replayed::Ignored;
        }
        match op {
            Op::Input { text, .. } => {
                let segment = self.current;
                let position = self.typed_len_in(segment);
                match self.type_grapheme(text) {
                    Some(ok) if self.typed_len_in(segment) > position => Replayed::Typed {
                        segment,
                        position,
                        ok,
                    },
                    Some(ok) => Replayed::Merged {
                        segment,
                        position: position.saturating_sub(1),
                        ok,
                    },
                    None => Replayed::Ignored,
                }
            }
            Op::Backspace if !self.rules.strict => {
                let removed = self.last_by_hand(self.current).cloned();
                if self.delete_last() {
                    Replayed::Deleted {
                        was_ok: removed.is_some_and(|t| t.ok),
                    }
                } else {
                    Replayed::Ignored
                }
            }
            _ => Replayed::Ignored,
        }
    }

    fn typed_len_in(&self, segment: usize) -> usize {
        self.typed.get(segment).map_or(0, Vec::len)
    }

    /// End the replayed drill by its time limit.
    pub(crate) fn set_time_up(&mut self) {
        if self.end.is_none() {
            self.end = Some(End::TimeUp);
        }
    }

    /// The summary of the drill so far (or as it ended).
    pub fn summary(&self) -> Summary {
        let targets: Vec<String> = self.segments.iter().map(|s| s.concat()).collect();
        summarize(
            &targets,
            self.rules,
            &self.log,
            self.end == Some(End::TimeUp),
        )
    }
}

/// For each position of a segment's `graphemes` (and its end), how many graphemes before
/// it are typed: all of them, but for those the drill's rules show and do not type.
fn to_type_counts(graphemes: &[String], rules: Rules) -> Vec<u32> {
    let shown = if rules.shown_not_typed {
        crate::pack::shown::shown_marks(graphemes)
    } else {
        vec![false; graphemes.len()]
    };
    let mut n = 0;
    let mut counts = Vec::with_capacity(shown.len() + 1);
    counts.push(0);
    for s in shown {
        n += u32::from(!s);
        counts.push(n);
    }
    counts
}

/// Whether grapheme `pos` of a segment with these [`to_type_counts`] is shown and not
/// typed (it adds no grapheme to type); `false` past the end.
fn shown_at(counts: &[u32], pos: usize) -> bool {
    matches!((counts.get(pos), counts.get(pos + 1)), (Some(a), Some(b)) if a == b)
}

/// What replaying one logged event did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Replayed {
    Typed {
        segment: usize,
        position: usize,
        ok: bool,
    },
    /// A combining mark or joiner joined the grapheme before it.
    Merged {
        segment: usize,
        position: usize,
        ok: bool,
    },
    Deleted {
        was_ok: bool,
    },
    Ignored,
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod consistency_tests;

#[cfg(test)]
mod latency_tests;
