//! Every figure of a session, derived from its keystroke log by one pure function
//! (PRODUCT.md "What is measured"). The trainer, a saved session, an export and
//! `verify` all call [`summarize`], so they agree to the last digit.

use super::{End, Replayed, Rules, Typing, is_halfwidth_slip};
use crate::pack::Pass;
use crate::record::{Keystroke, Op};

const US_PER_SECOND: u64 = 1_000_000;
const US_PER_MINUTE: f64 = 60_000_000.0;
/// The per-second counts cover at most this many seconds (a week): a log from a file
/// may claim any time, and one entry at `u64::MAX` µs must not allocate terabytes.
pub const MAX_PER_SECOND: usize = 7 * 24 * 3600;

/// The figures of one session.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Every segment typed, or the time limit reached.
    pub completed: bool,
    /// Every segment typed (not merely out of time).
    pub finished: bool,
    /// T: from the first keystroke to the completing input, the time limit, or the last input.
    pub duration_us: u64,
    pub cpm: f64,
    pub net_cpm: f64,
    pub wpm: f64,
    pub kpm: f64,
    pub accuracy: f64,
    pub consistency: f64,
    /// Graphemes typed (each counted when typed, deleted or not).
    pub typed_graphemes: u32,
    /// Graphemes of the final text that match the target.
    pub correct: u32,
    pub backspaces: u32,
    pub corrections: u32,
    pub errors: u32,
    pub halfwidth: u32,
    pub pastes_rejected: u32,
    /// Segments joined by line breaks (phrases) — what was to be typed.
    pub target: String,
    /// The final typed text, segments joined the same way.
    pub typed: String,
    /// Graphemes typed in each second from the start (the last one may be partial).
    pub per_second: Vec<u32>,
    /// Per target grapheme, in order of first appearance in the target.
    pub chars: Vec<CharFigure>,
}

impl Summary {
    /// Whether the typing covered the 2 whole windows consistency needs (else it is 100
    /// by definition, shown as —). A summary built without per-second counts has none.
    pub fn consistency_measured(&self) -> bool {
        let whole_seconds = self.per_second.len().saturating_sub(1);
        whole_seconds / consistency_window_seconds(&self.target) >= 2
    }

    /// Consistency as records saved before the 5-second windows carry it: per whole
    /// second whatever the text (so `verify` can tell an old record from a wrong one).
    pub fn legacy_consistency(&self) -> f64 {
        let whole_seconds = self.per_second.len().saturating_sub(1);
        consistency(&self.per_second[..whole_seconds])
    }

    pub fn duration_ms(&self) -> u64 {
        self.duration_us / 1000
    }

    /// `None` without pass criteria (or a line that is not a typing one); `false` when
    /// not completed; else both criteria met.
    pub fn passed(&self, pass: Option<&Pass>) -> Option<bool> {
        pass?.typing(self.completed, self.cpm, self.accuracy)
    }
}

/// How one target grapheme went.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CharFigure {
    pub grapheme: String,
    /// Times typed where the target had it.
    pub typed: u32,
    /// Times typed wrong.
    pub wrong: u32,
    /// What was typed instead, most frequent first.
    pub instead: Vec<(String, u32)>,
    /// Sum and count of latencies: a commit's time since the previous input, split
    /// evenly among its graphemes (the first commit of a drill has none).
    pub latency_us: u64,
    pub latency_samples: u32,
    /// The latency of each commit of this grapheme alone (one grapheme in the commit),
    /// outside 旺旺 表情 tokens: what a slow-character median is taken from. A
    /// multi-字 commit's time says nothing about each 字, and a token is not typed 字 by
    /// 字 in earnest.
    pub single_latencies_us: Vec<u64>,
}

impl CharFigure {
    pub fn mean_latency_ms(&self) -> Option<f64> {
        (self.latency_samples > 0)
            .then(|| self.latency_us as f64 / f64::from(self.latency_samples) / 1000.0)
    }

    pub fn error_rate(&self) -> f64 {
        ratio(f64::from(self.wrong), f64::from(self.typed))
    }
}

/// Recompute a session from its log. `targets` are the segments (one for a text drill,
/// one per phrase); `time_up` says the drill was ended by its time limit.
pub fn summarize(targets: &[String], rules: Rules, log: &[Keystroke], time_up: bool) -> Summary {
    let mut typing = Typing::new(targets, rules);
    let mut replayed = Vec::with_capacity(log.len());
    let mut finished_at = None;
    let mut ran_out = time_up;
    for entry in log {
        if let Some(limit) = rules.time_limit_us
            && entry.t_us >= limit
        {
            typing.set_time_up();
            ran_out = true;
        }
        replayed.push(typing.replay(&entry.op));
        if finished_at.is_none() && typing.end() == Some(End::Finished) {
            finished_at = Some(entry.t_us);
        }
    }
    let finished = finished_at.is_some() || typing.segments().is_empty();
    let duration_us = match (finished_at, rules.time_limit_us) {
        (Some(t), _) => t,
        (None, Some(limit)) if ran_out => limit,
        _ => log.last().map_or(0, |k| k.t_us),
    };

    let mut chars = CharTable::new(typing.segments());
    let in_token: Vec<Vec<bool>> = typing.segments().iter().map(|s| token_mask(s)).collect();
    let mut typed_graphemes = 0u32;
    let mut typed_ok = 0u32;
    let mut backspaces = 0u32;
    let mut corrections = 0u32;
    let mut halfwidth = 0u32;
    let mut pastes_rejected = 0u32;
    // Whole seconds, then the last partial one (which may be empty).
    let whole_seconds = usize::try_from(duration_us / US_PER_SECOND)
        .unwrap_or(usize::MAX)
        .min(MAX_PER_SECOND);
    let mut per_second = vec![0u32; whole_seconds + 1];
    for (i, (entry, what)) in log.iter().zip(&replayed).enumerate() {
        match (*what, &entry.op) {
            (
                Replayed::Typed {
                    segment,
                    position,
                    ok,
                },
                Op::Input { text, .. },
            ) => {
                typed_graphemes += 1;
                typed_ok += u32::from(ok);
                if let Some(slot) = per_second.get_mut((entry.t_us / US_PER_SECOND) as usize) {
                    *slot += 1;
                }
                let want = &typing.segments()[segment][position];
                if !ok && is_halfwidth_slip(want, text) {
                    halfwidth += 1;
                }
                let latency = commit_latency(log, &replayed, i);
                let alone = latency.and_then(|(share, graphemes)| {
                    let token = in_token
                        .get(segment)
                        .and_then(|m| m.get(position))
                        .copied()
                        .unwrap_or(false);
                    (graphemes == 1 && !token).then_some(share)
                });
                chars.record(want, text, ok, latency.map(|(share, _)| share), alone);
            }
            (Replayed::Deleted { was_ok }, _) => {
                backspaces += 1;
                corrections += u32::from(!was_ok);
            }
            (_, Op::PasteRejected { .. }) => pastes_rejected += 1,
            _ => {}
        }
    }

    // What was typed by hand: faces and labels filled in are not counted.
    let final_typed: Vec<&super::Typed> = (0..typing.segments().len())
        .flat_map(|s| {
            let typing = &typing;
            typing
                .typed(s)
                .iter()
                .enumerate()
                .filter(move |(pos, _)| !typing.is_shown(s, *pos))
                .map(|(_, t)| t)
        })
        .collect();
    let final_len = final_typed.len() as u32;
    let correct = final_typed.iter().filter(|t| t.ok).count() as u32;
    let errors = final_len - correct;
    let minutes = duration_us as f64 / US_PER_MINUTE;
    let per_minute = |n: f64| if duration_us == 0 { 0.0 } else { n / minutes };
    let cpm = per_minute(f64::from(correct));
    let joined_target = targets
        .iter()
        .filter(|t| !t.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join("\n");

    Summary {
        completed: finished || ran_out,
        finished,
        duration_us,
        cpm,
        net_cpm: per_minute((f64::from(final_len) - 5.0 * f64::from(errors)).max(0.0)),
        wpm: cpm / 5.0,
        kpm: per_minute(f64::from(typed_graphemes + backspaces)),
        accuracy: 100.0 * ratio(f64::from(typed_ok), f64::from(typed_graphemes)),
        consistency: consistency(&per_window(
            &per_second[..whole_seconds],
            consistency_window_seconds(&joined_target),
        )),
        typed_graphemes,
        correct,
        backspaces,
        corrections,
        errors,
        halfwidth,
        pastes_rejected,
        target: joined_target,
        typed: joined_typed(&typing),
        per_second,
        chars: chars.into_figures(),
    }
}

/// The typed text of the segments reached so far, joined by line breaks.
fn joined_typed(typing: &Typing) -> String {
    let reached = (typing.current_segment() + 1).min(typing.segments().len());
    let mut parts: Vec<String> = (0..reached)
        .map(|s| typing.typed(s).iter().map(|t| t.text.as_str()).collect())
        .collect();
    while parts.last().is_some_and(String::is_empty) {
        parts.pop();
    }
    parts.join("\n")
}

/// The latency share of the grapheme logged at `i`: its commit (the run of events with
/// the same time) since the event before the commit, split among the commit's graphemes;
/// with how many graphemes the commit typed.
fn commit_latency(log: &[Keystroke], replayed: &[Replayed], i: usize) -> Option<(u64, u64)> {
    let t = log[i].t_us;
    let start = (0..=i).rev().take_while(|&j| log[j].t_us == t).last()?;
    let previous = log[..start].last()?.t_us;
    let graphemes = log[start..]
        .iter()
        .zip(&replayed[start..])
        .take_while(|(k, _)| k.t_us == t)
        .filter(|(_, r)| matches!(r, Replayed::Typed { .. }))
        .count() as u64;
    Some((t.saturating_sub(previous) / graphemes.max(1), graphemes))
}

/// Which graphemes of a segment belong to a 旺旺 表情 token (`[微笑]`).
fn token_mask(segment: &[String]) -> Vec<bool> {
    /// Graphemes after `[` looked through for its `]`: the longest face name (恭喜发财)
    /// has 4, then the bracket.
    const LONGEST: usize = 5;
    let mut mask = vec![false; segment.len()];
    let mut i = 0;
    while i < segment.len() {
        let close = (segment[i] == "[")
            .then(|| {
                segment
                    .iter()
                    .enumerate()
                    .skip(i + 1)
                    .take(LONGEST)
                    .find(|(_, g)| *g == "]")
                    .map(|(j, _)| j)
            })
            .flatten();
        match close {
            Some(j) if is_face(&segment[i + 1..j].concat()) => {
                mask[i..=j].iter_mut().for_each(|m| *m = true);
                i = j + 1;
            }
            _ => i += 1,
        }
    }
    mask
}

fn is_face(name: &str) -> bool {
    crate::pack::emoticon::EMOTICONS
        .iter()
        .any(|(_, meaning)| *meaning == name)
}

/// kogasa(c) = 100 × (1 − tanh(c + c³/3 + c⁵/5)), c = population standard deviation ÷
/// mean of the rate per whole window (the formula Monkeytype uses, so figures compare;
/// a rate is the count scaled by a constant, which leaves c as it is).
/// Fewer than 2 whole windows: 100. No typing at all in them: 0.
pub fn consistency(per_window: &[u32]) -> f64 {
    if per_window.len() < 2 {
        return 100.0;
    }
    let n = per_window.len() as f64;
    let mean = per_window.iter().map(|&c| f64::from(c)).sum::<f64>() / n;
    if mean <= 0.0 {
        return 0.0;
    }
    let variance = per_window
        .iter()
        .map(|&c| (f64::from(c) - mean).powi(2))
        .sum::<f64>()
        / n;
    let c = variance.sqrt() / mean;
    let score = 100.0 * (1.0 - (c + c.powi(3) / 3.0 + c.powi(5) / 5.0).tanh());
    score.clamp(0.0, 100.0)
}

/// Seconds per consistency window: 5 when the target has Chinese (an input method
/// commits 2–4 字 at once, so per-second counts of a steady typist swing between 0 and
/// 240), else 1 as Monkeytype counts, so Latin figures compare.
pub fn consistency_window_seconds(target: &str) -> usize {
    if target.chars().any(crate::text::is_han) {
        5
    } else {
        1
    }
}

/// Graphemes per whole window of `window` seconds, from whole-second counts.
pub fn per_window(whole_seconds: &[u32], window: usize) -> Vec<u32> {
    whole_seconds
        .chunks_exact(window.max(1))
        .map(|w| w.iter().sum())
        .collect()
}

fn ratio(part: f64, whole: f64) -> f64 {
    if whole > 0.0 { part / whole } else { 0.0 }
}

/// Per-grapheme figures, keyed by the target grapheme, kept in target order.
struct CharTable {
    figures: Vec<CharFigure>,
    index: std::collections::HashMap<String, usize>,
}

impl CharTable {
    fn new(segments: &[Vec<String>]) -> CharTable {
        let mut table = CharTable {
            figures: Vec::new(),
            index: std::collections::HashMap::new(),
        };
        for g in segments.iter().flatten() {
            if !table.index.contains_key(g) {
                table.index.insert(g.clone(), table.figures.len());
                table.figures.push(CharFigure {
                    grapheme: g.clone(),
                    ..CharFigure::default()
                });
            }
        }
        table
    }

    fn record(
        &mut self,
        want: &str,
        typed: &str,
        ok: bool,
        latency_us: Option<u64>,
        alone_us: Option<u64>,
    ) {
        let Some(&i) = self.index.get(want) else {
            return;
        };
        let figure = &mut self.figures[i];
        figure.typed += 1;
        if !ok {
            figure.wrong += 1;
            match figure.instead.iter_mut().find(|(g, _)| g == typed) {
                Some((_, n)) => *n += 1,
                None => figure.instead.push((typed.to_string(), 1)),
            }
        }
        if let Some(latency) = latency_us {
            figure.latency_us = figure.latency_us.saturating_add(latency);
            figure.latency_samples += 1;
        }
        figure.single_latencies_us.extend(alone_us);
    }

    fn into_figures(mut self) -> Vec<CharFigure> {
        for figure in &mut self.figures {
            figure
                .instead
                .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        }
        self.figures.retain(|f| f.typed > 0);
        self.figures
    }
}
