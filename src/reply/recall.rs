//! A `recall` drill, pure: a template's reply (or a customer's message it answers) is
//! shown and the student types its code; Enter judges it and shows the next.
//!
//! Log: `show` (item index) starts each item and its clock; `input` per grapheme of
//! the code (`ok`: it matches the item's code at that place), `backspace`, and `send`
//! for Enter. The live session and [`RecallSession::replay`] (for `verify`) go through
//! the same [`RecallSession::step`], so a saved record recomputes exactly.
//!
//! Figures (the record's common fields, in recall's terms): `accuracy` is the share of
//! answered items whose code was right; `cpm` the graphemes of right codes per minute;
//! `kpm` inputs and backspaces per minute; `errors` the wrong answers.

use crate::engine::MAX_BATCH_GRAPHEMES;
use crate::pack::{Drill, DrillBody, Pack, Template};
use crate::record::{Keystroke, MessageResult, Op, SessionRecord};
use unicode_segmentation::UnicodeSegmentation;

/// The longest code (PRODUCT.md: `[a-z0-9]{1,16}`); input past it is dropped.
pub const MAX_CODE: usize = 16;

const US_PER_MINUTE: f64 = 60_000_000.0;

/// What is shown for an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    /// The template's text, as the reply reads.
    Reply(String),
    /// A customer's message (one or several lines) the template answers.
    Situation(Vec<String>),
}

/// One code to recall.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecallItem {
    /// The template asked (its Leitner card moves).
    pub code: String,
    pub group: String,
    pub prompt: Prompt,
    /// The template's text (shown after a miss).
    pub text: String,
    /// Codes judged right: `code` first, then any other template that reads the same
    /// or that the situation's scenario accepts.
    pub accept: Vec<String>,
}

impl RecallItem {
    /// The prompt as one text (the record's `customer`).
    pub fn prompt_text(&self) -> String {
        match &self.prompt {
            Prompt::Reply(text) => text.clone(),
            Prompt::Situation(lines) => lines.join("\n"),
        }
    }
}

/// The items of a recall drill over `templates` (already picked and ordered). Where a
/// quick-reply scenario of the pack expects a template, a coin (from `seed`) shows the
/// customer's message instead of the reply.
pub fn recall_items(pack: &Pack, templates: &[&Template], seed: u64) -> Vec<RecallItem> {
    let mut rng = fastrand::Rng::with_seed(seed);
    templates
        .iter()
        .map(|t| {
            let situation = pack.drills.iter().find_map(|d| match &*d.body {
                DrillBody::QuickReply { scenarios, .. } => scenarios
                    .iter()
                    .find(|s| s.expect.contains(&t.code) && !s.customer.is_empty()),
                _ => None,
            });
            let mut accept = vec![t.code.clone()];
            let prompt = match situation {
                Some(s) if rng.bool() => {
                    accept.extend(s.expect.iter().filter(|c| **c != t.code).cloned());
                    Prompt::Situation(s.customer.clone())
                }
                _ => {
                    accept.extend(
                        pack.templates
                            .iter()
                            .filter(|o| o.code != t.code && o.text == t.text)
                            .map(|o| o.code.clone()),
                    );
                    Prompt::Reply(t.text.clone())
                }
            };
            RecallItem {
                code: t.code.clone(),
                group: t.group.clone(),
                prompt,
                text: t.text.clone(),
                accept,
            }
        })
        .collect()
}

/// A key of the recall screen, in the session's own terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecallKey {
    Char(char),
    Backspace,
    Enter,
}

/// One answered item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub index: usize,
    /// The code as typed (lower-case), possibly empty ("don't know").
    pub typed: String,
    pub right: bool,
    pub shown_us: u64,
    pub answered_us: u64,
    /// Logged events after `show` up to and including `send`.
    pub keys: u32,
}

/// How a recall session stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecallEnd {
    Finished,
    TimeUp,
}

/// The figures of a recall session.
#[derive(Debug, Clone, PartialEq)]
pub struct RecallSummary {
    /// Every item answered, or the time limit reached.
    pub completed: bool,
    pub duration_us: u64,
    pub items: u32,
    pub answered: u32,
    pub right: u32,
    pub cpm: f64,
    pub accuracy: f64,
    pub kpm: f64,
    pub backspaces: u32,
    pub pastes_rejected: u32,
    pub mean_response_ms: Option<u64>,
    /// Item codes, one line each.
    pub target: String,
    /// Typed codes of answered items, one line each.
    pub typed: String,
    pub messages: Vec<MessageResult>,
}

/// A recall drill in progress.
#[derive(Debug, Clone)]
pub struct RecallSession {
    items: Vec<RecallItem>,
    time_limit_us: Option<u64>,
    log: Vec<Keystroke>,
    typed: Vec<String>,
    answers: Vec<Answer>,
    /// The item on screen: its index, when it was shown, where its `show` is in the log.
    shown: Option<(usize, u64, usize)>,
    end: Option<RecallEnd>,
    /// Live: a `send` shows the next item itself. A replay takes every `show` from the log.
    auto_show: bool,
    /// Backspace off (the drill's `strict`).
    strict: bool,
}

impl RecallSession {
    pub fn new(items: Vec<RecallItem>, time_limit_us: Option<u64>) -> RecallSession {
        let end = items.is_empty().then_some(RecallEnd::Finished);
        RecallSession {
            items,
            time_limit_us,
            log: Vec::new(),
            typed: Vec::new(),
            answers: Vec::new(),
            shown: None,
            end,
            auto_show: true,
            strict: false,
        }
    }

    /// The same session with Backspace off (`strict = true`): ignored and not logged.
    pub fn with_strict(mut self, strict: bool) -> RecallSession {
        self.strict = strict;
        self
    }

    /// Show the first item at `t_us` (the clock starts with it).
    pub fn start(&mut self, t_us: u64) {
        if self.log.is_empty() && self.end.is_none() {
            self.step(t_us, &Op::Show { index: 0 });
        }
    }

    pub fn items(&self) -> &[RecallItem] {
        &self.items
    }

    pub fn log(&self) -> &[Keystroke] {
        &self.log
    }

    pub fn answers(&self) -> &[Answer] {
        &self.answers
    }

    /// The item on screen and when it was shown.
    pub fn current(&self) -> Option<(&RecallItem, u64)> {
        if self.end.is_some() {
            return None;
        }
        let (i, shown, _) = self.shown?;
        self.items.get(i).map(|item| (item, shown))
    }

    /// What has been typed for the item on screen.
    pub fn typed(&self) -> String {
        self.typed.concat()
    }

    /// The last answer with its item (its verdict is shown).
    pub fn last_answer(&self) -> Option<(&RecallItem, &Answer)> {
        let a = self.answers.last()?;
        Some((self.items.get(a.index)?, a))
    }

    pub fn end(&self) -> Option<RecallEnd> {
        self.end
    }

    pub fn is_over(&self) -> bool {
        self.end.is_some()
    }

    /// Anything besides the first `show`: an attempt worth saving.
    pub fn has_input(&self) -> bool {
        self.log.len() > 1
    }

    /// The clock reached `t_us`: end the session when its time is up.
    pub fn tick(&mut self, t_us: u64) -> bool {
        match self.time_limit_us {
            Some(limit) if self.end.is_none() && !self.log.is_empty() && t_us >= limit => {
                self.end = Some(RecallEnd::TimeUp);
                true
            }
            _ => false,
        }
    }

    /// Take one batch of keys read at `t_us`. Returns whether anything changed. A batch
    /// too long for typing is a paste: refused and logged. A `/` before the code is
    /// skipped (agents type `/code` in 千牛) and never logged.
    pub fn apply(&mut self, t_us: u64, keys: &[RecallKey]) -> bool {
        if self.tick(t_us) || self.end.is_some() {
            return false;
        }
        let graphemes: usize = keys
            .iter()
            .filter_map(|k| match k {
                RecallKey::Char(c) => Some(*c),
                _ => None,
            })
            .collect::<String>()
            .graphemes(true)
            .count();
        if graphemes > MAX_BATCH_GRAPHEMES {
            self.log.push(Keystroke {
                t_us,
                op: Op::PasteRejected { len: graphemes },
            });
            return true;
        }
        let mut changed = false;
        let mut run = String::new();
        let flush = |s: &mut RecallSession, run: &mut String, changed: &mut bool| {
            for g in std::mem::take(run).graphemes(true) {
                if g == "/" && s.typed.is_empty() {
                    continue;
                }
                let text = g.to_lowercase();
                *changed |= s.step(t_us, &Op::Input { text, ok: false }).is_some();
            }
        };
        for key in keys {
            match key {
                RecallKey::Char(c) => run.push(*c),
                RecallKey::Backspace => {
                    flush(self, &mut run, &mut changed);
                    changed |= self.step(t_us, &Op::Backspace).is_some();
                }
                RecallKey::Enter => {
                    flush(self, &mut run, &mut changed);
                    changed |= self.step(t_us, &Op::Send).is_some();
                }
            }
        }
        flush(self, &mut run, &mut changed);
        changed
    }

    /// Log a refused paste.
    pub fn paste(&mut self, t_us: u64, text: &str) {
        if self.tick(t_us) || self.end.is_some() {
            return;
        }
        self.log.push(Keystroke {
            t_us,
            op: Op::PasteRejected {
                len: text.graphemes(true).count(),
            },
        });
    }

    /// One event, live or replayed: logs it when it applies and returns whether the
    /// input matched (`Some(true)` for events without a mark); `None` when the session
    /// would never have logged it. After a `send` the next item's `show` follows.
    pub fn step(&mut self, t_us: u64, op: &Op) -> Option<bool> {
        if self.end.is_some() {
            return None;
        }
        let ok = match op {
            Op::Show { index } => {
                if self.shown.is_some()
                    || *index != self.answers.len()
                    || *index >= self.items.len()
                {
                    return None;
                }
                self.shown = Some((*index, t_us, self.log.len()));
                true
            }
            Op::Input { text, .. } => {
                let (i, _, _) = self.shown?;
                if self.typed.len() >= MAX_CODE || text.graphemes(true).count() != 1 {
                    return None;
                }
                let pos = self.typed.len();
                let ok = self.items.get(i)?.code.graphemes(true).nth(pos) == Some(text.as_str());
                self.typed.push(text.clone());
                self.push(
                    t_us,
                    Op::Input {
                        text: text.clone(),
                        ok,
                    },
                );
                return Some(ok);
            }
            Op::Backspace => {
                if self.strict {
                    return None;
                }
                self.shown?;
                self.typed.pop()?;
                true
            }
            Op::Send => {
                let (i, shown_us, show_at) = self.shown?;
                let right = self.items.get(i)?.accept.contains(&self.typed.concat());
                self.shown = None;
                let typed = std::mem::take(&mut self.typed).concat();
                let keys = self.log.len().saturating_sub(show_at) as u32;
                self.answers.push(Answer {
                    index: i,
                    typed,
                    right,
                    shown_us,
                    answered_us: t_us,
                    keys,
                });
                self.push(t_us, Op::Send);
                if self.answers.len() >= self.items.len() {
                    self.end = Some(RecallEnd::Finished);
                } else if self.auto_show {
                    self.step(t_us, &Op::Show { index: i + 1 });
                }
                return Some(true);
            }
            Op::PasteRejected { .. } => true,
            _ => return None,
        };
        self.push(t_us, op.clone());
        Some(ok)
    }

    fn push(&mut self, t_us: u64, op: Op) {
        self.log.push(Keystroke { t_us, op });
    }

    /// Replay a logged session (for `verify`): the state it reaches, how many logged
    /// `ok` marks the replay contradicts, and how many events it would never have
    /// logged. `time_up`: the record says the time limit ended it.
    pub fn replay(
        items: Vec<RecallItem>,
        time_limit_us: Option<u64>,
        strict: bool,
        log: &[Keystroke],
        time_up: bool,
    ) -> (RecallSession, usize, usize) {
        let mut s = RecallSession::new(items, time_limit_us).with_strict(strict);
        s.auto_show = false;
        let (mut wrong_flags, mut impossible) = (0, 0);
        for k in log {
            if let Some(limit) = time_limit_us
                && k.t_us >= limit
                && s.end.is_none()
            {
                s.end = Some(RecallEnd::TimeUp);
            }
            match (s.step(k.t_us, &k.op), &k.op) {
                (None, _) => impossible += 1,
                (Some(ok), Op::Input { ok: logged, .. }) if ok != *logged => wrong_flags += 1,
                _ => {}
            }
        }
        if time_up && s.end.is_none() && time_limit_us.is_some() {
            s.end = Some(RecallEnd::TimeUp);
        }
        (s, wrong_flags, impossible)
    }

    /// The session's figures so far (or as it ended).
    pub fn summary(&self) -> RecallSummary {
        let finished_at = (self.end == Some(RecallEnd::Finished))
            .then(|| self.answers.last().map(|a| a.answered_us))
            .flatten();
        let duration_us = match (self.end, self.time_limit_us) {
            (Some(RecallEnd::Finished), _) => finished_at.unwrap_or(0),
            (Some(RecallEnd::TimeUp), Some(limit)) => limit,
            _ => self.log.last().map_or(0, |k| k.t_us),
        };
        let minutes = duration_us as f64 / US_PER_MINUTE;
        let per_minute = |n: f64| if duration_us == 0 { 0.0 } else { n / minutes };
        let answered = self.answers.len() as u32;
        let right = self.answers.iter().filter(|a| a.right).count() as u32;
        let right_graphemes: usize = self
            .answers
            .iter()
            .filter(|a| a.right)
            .map(|a| a.typed.graphemes(true).count())
            .sum();
        let count = |f: fn(&Op) -> bool| self.log.iter().filter(|k| f(&k.op)).count() as u32;
        let events = count(|op| matches!(op, Op::Input { .. } | Op::Backspace));
        let responses: Vec<u64> = self
            .answers
            .iter()
            .map(|a| a.answered_us.saturating_sub(a.shown_us) / 1000)
            .collect();
        RecallSummary {
            completed: self.end.is_some() && !self.items.is_empty(),
            duration_us,
            items: self.items.len() as u32,
            answered,
            right,
            cpm: per_minute(right_graphemes as f64),
            accuracy: if answered == 0 {
                0.0
            } else {
                100.0 * f64::from(right) / f64::from(answered)
            },
            kpm: per_minute(f64::from(events)),
            backspaces: count(|op| matches!(op, Op::Backspace)),
            pastes_rejected: count(|op| matches!(op, Op::PasteRejected { .. })),
            mean_response_ms: (!responses.is_empty())
                .then(|| responses.iter().sum::<u64>() / responses.len() as u64),
            target: self
                .items
                .iter()
                .map(|i| i.code.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
            typed: self
                .answers
                .iter()
                .map(|a| a.typed.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
            messages: self
                .answers
                .iter()
                .filter_map(|a| {
                    let item = self.items.get(a.index)?;
                    Some(MessageResult {
                        customer: item.prompt_text(),
                        expect: item.accept.clone(),
                        code: (!a.typed.is_empty()).then(|| a.typed.clone()),
                        reply: a.typed.clone(),
                        template_ok: a.right,
                        slots_ok: a.right,
                        extra: None,
                        response_ms: Some(a.answered_us.saturating_sub(a.shown_us) / 1000),
                        keys: a.keys,
                        keys_if_typed: item.code.graphemes(true).count() as u32 + 1,
                    })
                })
                .collect(),
        }
    }

    /// The session as saved: kind and mode `recall`, one message per answered item.
    /// The caller sets `student`.
    pub fn record(
        &self,
        pack: &Pack,
        drill: &Drill,
        id: String,
        started_at: chrono::DateTime<chrono::FixedOffset>,
    ) -> SessionRecord {
        let s = self.summary();
        let figures = super::record::MessageFigures {
            kind: crate::record::Kind::Recall,
            mode: Some(crate::record::Mode::Recall),
            completed: s.completed,
            duration_us: s.duration_us,
            cpm: s.cpm,
            kpm: s.kpm,
            accuracy: s.accuracy,
            backspaces: s.backspaces,
            errors: s.answered - s.right,
            right_percent: if s.answered == 0 {
                0.0
            } else {
                100.0 * f64::from(s.right) / f64::from(s.answered)
            },
            mean_response_ms: s.mean_response_ms,
            target: s.target,
            typed: s.typed,
            messages: s.messages,
        };
        super::record::message_record(pack, drill, id, started_at, figures, self.log.clone())
    }
}

/// The items a recall record asked, as far as the record tells: the codes of `target`,
/// with the accepted codes and prompt of each answered item from its message.
pub fn items_of_record(r: &SessionRecord) -> Vec<RecallItem> {
    let messages = r.messages.as_deref().unwrap_or(&[]);
    r.target
        .split('\n')
        .filter(|c| !c.is_empty())
        .enumerate()
        .map(|(i, code)| {
            let m = messages.get(i);
            RecallItem {
                code: code.to_string(),
                group: String::new(),
                prompt: Prompt::Reply(m.map_or_else(String::new, |m| m.customer.clone())),
                text: String::new(),
                accept: m
                    .map(|m| m.expect.clone())
                    .filter(|e| !e.is_empty())
                    .unwrap_or_else(|| vec![code.to_string()]),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
