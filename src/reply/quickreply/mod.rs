//! A quick-reply drill in progress, pure: no terminal, no clock. The app passes every
//! batch with its time in microseconds since the drill started (like the engine) and
//! draws what this state says; the keystroke log and the per-message results follow.
//!
//! The conversation is the drill's scenarios in order. Each message starts with
//! [`QuickReplySession::next_message`] (logged `show`); the student composes a reply —
//! by hand, from the phrase list (`/code`, logged `select`), with Tab between
//! placeholders (`next_slot`) and Ctrl-O card fields (`card`) — and sends it with Enter
//! (`send`, judged by [`super::judge::judge`]) or abandons it with Esc (`abandon`).

use super::judge::{Judgement, judge};
use super::reply_box::{Desk, Edit, ReplyBox};
use crate::pack::{Drill, DrillBody, Pack, Scenario, Template};
use crate::record::{Keystroke, MessageResult, Op};
use unicode_segmentation::UnicodeSegmentation;

mod summary;

pub use super::reply_box::{Composer, Origin, Piece, Placeholder, ReplyBatch, ReplyKey};
pub use summary::{LoggedMessage, ReplySummary, logged_messages};

/// What a batch did, for the app to act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// Nothing changed (and nothing was logged).
    Ignored,
    /// The composer, the phrase list or the picker changed, or a paste was refused.
    Changed,
    /// Message `index` was sent and judged.
    Sent { index: usize },
    /// Message `index` was abandoned with Esc.
    Abandoned { index: usize },
    /// Enter while no message is open and another is waiting: show it now.
    Next,
    /// Enter once every message is answered: on to the results.
    Done,
    /// Esc while no message is open: the student wants to leave the drill.
    Leave,
}

/// How one customer message went.
#[derive(Debug, Clone, PartialEq)]
pub struct Turn {
    /// Scenario index.
    pub index: usize,
    pub shown_us: u64,
    /// Position of its `show` in the log.
    show_at: usize,
    /// When it was sent or abandoned.
    pub ended_us: Option<u64>,
    /// The reply as sent (or as left when abandoned).
    pub reply: String,
    pub abandoned: bool,
    pub judgement: Option<Judgement>,
    pub result: Option<MessageResult>,
    /// Hand-typed graphemes that fit when typed and were still in the reply when sent.
    kept_ok: u32,
}

impl Turn {
    pub fn is_open(&self) -> bool {
        self.ended_us.is_none()
    }
}

/// A quick-reply drill in progress.
#[derive(Debug, Clone)]
pub struct QuickReplySession {
    templates: Vec<Template>,
    scenarios: Vec<Scenario>,
    target_seconds: u32,
    turns: Vec<Turn>,
    /// The reply being written to the open message.
    reply_box: ReplyBox,
    log: Vec<Keystroke>,
}

impl QuickReplySession {
    pub fn new(
        scenarios: Vec<Scenario>,
        templates: Vec<Template>,
        target_seconds: u32,
    ) -> QuickReplySession {
        QuickReplySession {
            templates,
            scenarios,
            target_seconds,
            turns: Vec::new(),
            reply_box: ReplyBox::default(),
            log: Vec::new(),
        }
    }

    /// The session of a `quickreply` drill of `pack`; `None` for other kinds.
    pub fn for_drill(pack: &Pack, drill: &Drill) -> Option<QuickReplySession> {
        match &*drill.body {
            DrillBody::QuickReply {
                scenarios,
                target_seconds,
            } => Some(QuickReplySession::new(
                scenarios.clone(),
                pack.templates.clone(),
                *target_seconds,
            )),
            _ => None,
        }
    }

    pub fn templates(&self) -> &[Template] {
        &self.templates
    }

    pub fn scenarios(&self) -> &[Scenario] {
        &self.scenarios
    }

    pub fn target_seconds(&self) -> u32 {
        self.target_seconds
    }

    pub fn turns(&self) -> &[Turn] {
        &self.turns
    }

    pub fn composer(&self) -> &Composer {
        self.reply_box.composer()
    }

    pub fn log(&self) -> &[Keystroke] {
        &self.log
    }

    /// Forget what was logged since the log held `len` events: the replay of an older
    /// log, whose trainer logged no cursor moves or closing Esc, keeps its guesses of
    /// them out of the log it compares.
    pub(crate) fn forget_since(&mut self, len: usize) {
        self.log
            .truncate(len.max(self.turns.last().map_or(0, |t| t.show_at + 1)));
    }

    /// Whether anything has been logged (the first message was shown).
    pub fn started(&self) -> bool {
        !self.log.is_empty()
    }

    /// The message being answered.
    pub fn open_turn(&self) -> Option<&Turn> {
        self.turns.last().filter(|t| t.is_open())
    }

    /// The scenario on screen: the open message's, else the last one shown.
    pub fn scenario(&self) -> Option<&Scenario> {
        self.turns.last().and_then(|t| self.scenarios.get(t.index))
    }

    /// The last message sent or abandoned (its verdict is shown).
    pub fn last_ended(&self) -> Option<&Turn> {
        self.turns.iter().rev().find(|t| !t.is_open())
    }

    /// No message open and another still to show.
    pub fn is_waiting(&self) -> bool {
        self.open_turn().is_none() && self.turns.len() < self.scenarios.len()
    }

    /// Every message shown and ended.
    pub fn is_finished(&self) -> bool {
        self.open_turn().is_none() && self.turns.len() >= self.scenarios.len()
    }

    /// Microseconds the open message has waited at `now_us`.
    pub fn response_elapsed_us(&self, now_us: u64) -> Option<u64> {
        self.open_turn().map(|t| now_us.saturating_sub(t.shown_us))
    }

    /// Show the next customer message at `t_us` (logged `show`). False when a message
    /// is still open or none is left.
    pub fn next_message(&mut self, t_us: u64) -> bool {
        if !self.is_waiting() {
            return false;
        }
        let index = self.turns.len();
        self.turns.push(Turn {
            index,
            shown_us: t_us,
            show_at: self.log.len(),
            ended_us: None,
            reply: String::new(),
            abandoned: false,
            judgement: None,
            result: None,
            kept_ok: 0,
        });
        self.push(t_us, Op::Show { index });
        self.reply_box.clear();
        true
    }

    /// The phrase list when open: its filter, the templates it shows, the chosen row.
    pub fn phrase_list(&self) -> Option<(&str, Vec<&Template>, usize)> {
        self.reply_box.phrase_list(&self.templates)
    }

    /// The card picker when open: the scenario's card fields and the chosen one.
    pub fn card_picker(&self) -> Option<(&[(String, String)], usize)> {
        self.reply_box.card_picker(self.scenario())
    }

    /// Templates for a filter: codes starting with it (an exact match first), then
    /// texts containing it.
    pub fn matches(&self, filter: &str) -> Vec<&Template> {
        super::reply_box::matches(&self.templates, filter)
    }

    /// Take one batch read at `t_us`.
    pub fn apply(&mut self, t_us: u64, batch: &ReplyBatch) -> Applied {
        if self.open_turn().is_none() {
            let keys = batch.keys();
            return if keys.contains(&ReplyKey::Esc) {
                Applied::Leave
            } else if keys.contains(&ReplyKey::Enter) && self.is_waiting() {
                Applied::Next
            } else if keys.contains(&ReplyKey::Enter) && self.is_finished() && self.started() {
                Applied::Done
            } else {
                Applied::Ignored
            };
        }
        let scenario = self.turns.last().and_then(|t| self.scenarios.get(t.index));
        let mut desk = Desk {
            templates: &self.templates,
            scenario,
            log: &mut self.log,
        };
        match self.reply_box.apply(&mut desk, t_us, batch) {
            Edit::Ignored => Applied::Ignored,
            Edit::Changed => Applied::Changed,
            Edit::Send => self.end_turn(t_us, false),
            Edit::Esc => self.end_turn(t_us, true),
        }
    }

    /// The drill's time limit ran out at `t_us`: the open message, if any, goes
    /// unanswered (logged `abandon` at the limit), so its time counts up to there.
    pub fn time_up(&mut self, t_us: u64) -> bool {
        if self.open_turn().is_none() {
            return false;
        }
        self.end_turn(t_us, true);
        true
    }

    /// Send (judged) or abandon the open message at `t_us`.
    fn end_turn(&mut self, t_us: u64, abandon: bool) -> Applied {
        let Some(turn_i) = self.turns.len().checked_sub(1) else {
            return Applied::Ignored;
        };
        let Some(scenario) = self
            .turns
            .get(turn_i)
            .and_then(|t| self.scenarios.get(t.index))
        else {
            return Applied::Ignored;
        };
        let scenario = scenario.clone();
        self.push(t_us, if abandon { Op::Abandon } else { Op::Send });
        let composer = self.reply_box.composer();
        let reply = composer.text();
        let judgement = judge(&reply, &scenario, &self.templates);
        let kept_ok = composer
            .pieces()
            .iter()
            .filter(|p| p.origin == Origin::Hand { ok: true })
            .count() as u32;
        let code = composer.code().map(str::to_string);
        let log_len = self.log.len();
        let Some(turn) = self.turns.get_mut(turn_i) else {
            return Applied::Ignored;
        };
        let keys = log_len.saturating_sub(turn.show_at + 1) as u32;
        let sent = !abandon;
        turn.result = Some(MessageResult {
            customer: scenario.customer.join("\n"),
            expect: scenario.expect.clone(),
            code,
            reply: reply.clone(),
            template_ok: sent && judgement.template_ok,
            slots_ok: sent && judgement.slots_ok,
            extra: if sent { judgement.extra.clone() } else { None },
            response_ms: sent.then(|| t_us.saturating_sub(turn.shown_us) / 1000),
            keys,
            keys_if_typed: judgement.expected.graphemes(true).count() as u32 + 1,
        });
        turn.ended_us = Some(t_us);
        turn.reply = reply;
        turn.abandoned = abandon;
        turn.kept_ok = if sent { kept_ok } else { 0 };
        turn.judgement = Some(judgement);
        let index = turn.index;
        self.reply_box.clear();
        if abandon {
            Applied::Abandoned { index }
        } else {
            Applied::Sent { index }
        }
    }

    fn push(&mut self, t_us: u64, op: Op) {
        self.log.push(Keystroke { t_us, op });
    }
}
#[cfg(test)]
mod tests;
