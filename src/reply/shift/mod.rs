//! A shift in progress, pure: several buyers at once, as in 千牛's 接待中心. No terminal,
//! no clock: the app passes every batch with its time in microseconds since the shift
//! started, and [`ShiftSession::advance`] lets the script happen up to a time — buyers
//! arrive, answer back after a reply, nudge when a reply is slow, leave when left
//! unanswered too long — each event at the time the script gives it, whenever the
//! caller happens to look. So a replay of the same keys gives the same shift.
//!
//! The log holds the student's keys (into the conversation in focus) and the buyers'
//! events, each with its conversation (the buyer's index): `buyer`, `nudge`, `gone`,
//! `focus`, `transfer` (转接, with its note), and `end` for a shift ended before its
//! time. A message may change the buyer's order card (已发货 → 已签收) or say the buyer
//! ordered (询单转化); both follow from the script and the `buyer` events.

use super::judge::{Judgement, judge};
use super::reply_box::{Composer, Desk, Edit, ReplyBatch, ReplyBox, ReplyKey};
use crate::pack::{Next, Scenario, Shift, Template};
use crate::record::{Keystroke, MessageResult, Op};

mod events;
pub mod figures;
mod record;
pub mod replay;
pub mod work;

pub use figures::{BuyerFigures, ShiftFigures};
pub use record::shift_record;

/// Where a conversation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// The buyer has not come yet.
    Coming,
    /// The student speaks first (a 催付, a 关怀): the draft is open.
    Open,
    /// A message waits for a reply.
    Waiting,
    /// Replied to; the buyer is writing the next message.
    Writing,
    /// The script is done.
    Done,
    /// Left unanswered too long (未回复流失).
    Gone,
    /// Handed to a colleague (转接).
    Transferred,
}

/// One line of a conversation.
#[derive(Debug, Clone, PartialEq)]
pub enum Line {
    Buyer {
        text: String,
        at_us: u64,
    },
    /// A reminder the buyer sent because the reply was slow.
    Nudge {
        text: String,
        at_us: u64,
    },
    Agent {
        text: String,
        at_us: u64,
        judgement: Judgement,
    },
    /// The buyer left.
    Left {
        at_us: u64,
    },
    /// A field of the order card changed (已发货 → 已签收).
    Card {
        field: String,
        from: Option<String>,
        to: String,
        at_us: u64,
    },
    /// The buyer placed the order (询单转化).
    Ordered {
        at_us: u64,
    },
    /// The student handed the buyer to a colleague with this note (转接).
    Transferred {
        note: String,
        at_us: u64,
    },
    /// What the agent's own work is about: the 待付款 order, or the order event that
    /// calls for a 关怀 message.
    Work {
        text: String,
        at_us: u64,
    },
    /// A 催付 broke the shop's rules (too early, in quiet hours, twice, after a refusal).
    Rule {
        text: String,
        at_us: u64,
    },
    /// The buyer paid the order.
    Paid {
        at_us: u64,
    },
    /// The 催付结果备注 written.
    Note {
        text: String,
        at_us: u64,
    },
}

/// One buyer's conversation.
#[derive(Debug, Clone)]
pub struct Conversation {
    pub state: State,
    pub lines: Vec<Line>,
    /// The turn awaiting a reply, and when its message came (nudges do not reset it).
    pub turn: Option<usize>,
    pub asked_us: Option<u64>,
    /// The next message the buyer is writing: when it comes, and which turn.
    pending: Option<(u64, usize)>,
    /// Nudges sent for the turn awaiting a reply.
    pub nudged: usize,
    /// Messages that came while another conversation was in focus.
    pub unread: u32,
    /// Keys logged into this draft since the last reply.
    keys: u32,
    /// This conversation's draft.
    pub reply_box: ReplyBox,
    /// The order card as it stands (the script's messages may change it).
    pub card: Vec<(String, String)>,
    /// The message being answered, with the card as it stands: what the draft's Ctrl-O
    /// and judging read.
    desk: Option<Scenario>,
    /// Messages the student sent here first (催付, 关怀), and whether a 催付结果备注 is
    /// written.
    pub sent: u32,
    pub noted: bool,
}

impl Conversation {
    fn new(card: Vec<(String, String)>) -> Conversation {
        Conversation {
            state: State::Coming,
            lines: Vec::new(),
            turn: None,
            asked_us: None,
            pending: None,
            nudged: 0,
            unread: 0,
            keys: 0,
            reply_box: ReplyBox::default(),
            card,
            desk: None,
            sent: 0,
            noted: false,
        }
    }

    /// How long the message awaiting a reply has waited at `now_us`.
    pub fn waiting_us(&self, now_us: u64) -> Option<u64> {
        match self.state {
            State::Waiting => self.asked_us.map(|a| now_us.saturating_sub(a)),
            _ => None,
        }
    }

    /// The last message of the buyer's (or the buyer leaving), for the conversation list.
    pub fn last_message(&self) -> Option<&str> {
        self.lines.iter().rev().find_map(|l| match l {
            Line::Buyer { text, .. } | Line::Nudge { text, .. } => Some(text.as_str()),
            _ => None,
        })
    }
}

/// What a batch or a key did, for the app to act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    Ignored,
    Changed,
    /// A reply was sent in conversation `conversation`.
    Sent {
        conversation: usize,
    },
    /// Esc with nothing to close: the student may want to end the shift (the app asks).
    Esc,
}

/// A shift in progress.
#[derive(Debug, Clone)]
pub struct ShiftSession {
    shift: Shift,
    templates: Vec<Template>,
    seed: u64,
    /// When each buyer arrives, µs into the shift.
    arrivals: Vec<u64>,
    conversations: Vec<Conversation>,
    /// Buyers in the order they came: the conversation list.
    order: Vec<usize>,
    focus: Option<usize>,
    log: Vec<Keystroke>,
    /// Every scripted event up to here has happened.
    clock_us: u64,
    /// Ended early by the student, at this time.
    ended_us: Option<u64>,
    results: Vec<MessageResult>,
}

impl ShiftSession {
    /// A shift of `shift` with the pack's `templates`; `seed` places the buyers the
    /// script gives no arrival (the drill's own seed wins).
    pub fn new(shift: Shift, templates: Vec<Template>, seed: u64) -> ShiftSession {
        let seed = shift.seed.unwrap_or(seed);
        let arrivals = events::arrivals(&shift, seed);
        let mut conversations: Vec<Conversation> = shift
            .buyers
            .iter()
            .map(|b| Conversation::new(b.card.clone()))
            .collect();
        conversations.extend(work::conversations(&shift));
        ShiftSession {
            shift,
            templates,
            seed,
            arrivals,
            conversations,
            order: Vec::new(),
            focus: None,
            log: Vec::new(),
            clock_us: 0,
            ended_us: None,
            results: Vec::new(),
        }
    }

    pub fn shift(&self) -> &Shift {
        &self.shift
    }

    pub fn templates(&self) -> &[Template] {
        &self.templates
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    pub fn log(&self) -> &[Keystroke] {
        &self.log
    }

    /// One result per reply sent, in order (the record's `messages`).
    pub fn results(&self) -> &[MessageResult] {
        &self.results
    }

    pub fn conversation(&self, buyer: usize) -> Option<&Conversation> {
        self.conversations.get(buyer)
    }

    /// The buyers who have come, in the order they came.
    pub fn list(&self) -> &[usize] {
        &self.order
    }

    pub fn focus(&self) -> Option<usize> {
        self.focus
    }

    /// The shift's length in µs.
    pub fn length_us(&self) -> u64 {
        u64::from(self.shift.minutes) * 60_000_000
    }

    /// Over: its time ran out, or the student ended it.
    pub fn is_over(&self) -> bool {
        self.ended_us.is_some() || self.clock_us >= self.length_us()
    }

    /// Anything the student did (an attempt worth saving).
    pub fn has_input(&self) -> bool {
        self.log.iter().any(|k| {
            !matches!(
                k.op,
                Op::Buyer { .. }
                    | Op::Nudge { .. }
                    | Op::Gone { .. }
                    | Op::Focus { .. }
                    | Op::Paid { .. }
            )
        })
    }

    /// Graphemes typed by hand into every draft, and how many fit when typed.
    pub fn hand_typed(&self) -> (u32, u32) {
        self.conversations
            .iter()
            .map(|c| c.reply_box.hand_typed())
            .fold((0, 0), |(a, b), (c, d)| (a + c, b + d))
    }

    /// The message the focused conversation is answering, as a scenario to judge by.
    pub fn scenario(&self, buyer: usize) -> Option<&Scenario> {
        let turn = self.conversations.get(buyer)?.turn?;
        Some(&self.shift.buyers.get(buyer)?.turns.get(turn)?.message)
    }

    /// The focused conversation's draft.
    pub fn composer(&self) -> Option<&Composer> {
        let b = self.focus?;
        Some(self.conversations.get(b)?.reply_box.composer())
    }

    /// The phrase list over the focused draft, when open.
    pub fn phrase_list(&self) -> Option<(&str, Vec<&Template>, usize)> {
        let b = self.focus?;
        self.conversations
            .get(b)?
            .reply_box
            .phrase_list(&self.templates)
    }

    /// The card picker over the focused draft, when open.
    pub fn card_picker(&self) -> Option<(&[(String, String)], usize)> {
        let c = self.conversations.get(self.focus?)?;
        c.reply_box.card_picker(c.desk.as_ref())
    }

    /// Buyers waiting for a reply at `now_us`, longest first.
    pub fn waiting(&self, now_us: u64) -> Vec<(usize, u64)> {
        let mut w: Vec<(usize, u64)> = self
            .order
            .iter()
            .filter_map(|&b| Some((b, self.conversations[b].waiting_us(now_us)?)))
            .collect();
        w.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        w
    }

    /// One batch read at `t_us`, into the focused conversation's draft.
    pub fn apply(&mut self, t_us: u64, batch: &ReplyBatch) -> Applied {
        self.advance(t_us);
        if self.is_over() {
            return Applied::Ignored;
        }
        // With no draft to edit (no buyer yet, or this one done or gone), only Esc means
        // anything: the student may want to end the shift.
        let esc_only = || {
            if batch.keys().contains(&ReplyKey::Esc) {
                Applied::Esc
            } else {
                Applied::Ignored
            }
        };
        let Some(b) = self.focus else {
            return esc_only();
        };
        let state = self.conversations[b].state;
        if !matches!(
            state,
            State::Waiting | State::Writing | State::Done | State::Open
        ) {
            return esc_only();
        }
        // While the buyer writes, or after the script is done, the draft stays open: a
        // 转接 note is written there, and the last message's card still feeds Ctrl-O.
        let conv = &mut self.conversations[b];
        let mut desk = Desk {
            templates: &self.templates,
            scenario: conv.desk.as_ref(),
            log: &mut self.log,
        };
        let before = desk.log.len();
        let edit = conv.reply_box.apply(&mut desk, t_us, batch);
        let logged = desk.log.len() - before;
        conv.keys += logged as u32;
        match edit {
            Edit::Ignored => Applied::Ignored,
            Edit::Changed => Applied::Changed,
            Edit::Esc => Applied::Esc,
            // Only a message waiting for a reply can be answered; the student's own
            // work (a 催付, a 关怀) is sent when it is open.
            Edit::Send if state == State::Waiting => self.send(t_us, b),
            Edit::Send if self.can_send_work(b) => self.send_work(t_us, b),
            Edit::Send => Applied::Ignored,
        }
    }

    /// Send the focused draft in conversation `b` at `t_us`: judged against the turn
    /// awaiting it; the script goes on by its `on` and `else`.
    fn send(&mut self, t_us: u64, b: usize) -> Applied {
        let Some(turn_i) = self.conversations[b].turn else {
            return Applied::Ignored;
        };
        let turns = &self.shift.buyers[b].turns;
        let Some(turn) = turns.get(turn_i) else {
            return Applied::Ignored;
        };
        let conv = &mut self.conversations[b];
        let composer = conv.reply_box.composer();
        let reply = composer.text();
        let code = composer.code().map(str::to_string);
        let judgement = judge(&reply, &turn.message, &self.templates);
        self.log.push(Keystroke { t_us, op: Op::Send });
        let asked = conv.asked_us.unwrap_or(t_us);
        let keys_if_typed = judgement.expected.chars().count() as u32 + 1;
        self.results.push(MessageResult {
            customer: turn.message.customer.join("\n"),
            expect: turn.message.expect.clone(),
            code,
            reply: reply.clone(),
            template_ok: judgement.template_ok,
            slots_ok: judgement.slots_ok,
            extra: judgement.extra.clone(),
            response_ms: Some(t_us.saturating_sub(asked) / 1000),
            keys: conv.keys + 1,
            keys_if_typed,
        });
        let accepted = judgement
            .template_ok
            .then(|| judgement.matched.clone())
            .flatten();
        let next = turn.next(turn_i, turns.len(), accepted.as_deref());
        conv.lines.push(Line::Agent {
            text: reply,
            at_us: t_us,
            judgement,
        });
        conv.reply_box.clear();
        conv.keys = 0;
        conv.turn = None;
        conv.asked_us = None;
        conv.nudged = 0;
        match next {
            Next::Turn(j) => {
                let delay = turns.get(j).map_or(0, |t| u64::from(t.reply_after));
                conv.state = State::Writing;
                conv.pending = Some((t_us + delay * 1_000_000, j));
            }
            Next::End => conv.state = State::Done,
        }
        Applied::Sent { conversation: b }
    }

    /// Hand the focused buyer to a colleague at `t_us` (转接), the draft as the note
    /// (logged `transfer` with it); `false` with no note written, or nobody to hand over.
    pub fn transfer(&mut self, t_us: u64) -> bool {
        self.advance(t_us);
        let Some(b) = self.focus else {
            return false;
        };
        if self.is_over() {
            return false;
        }
        // Only a buyer who wrote can be passed on.
        if b >= self.shift.buyers.len() {
            return false;
        }
        let conv = &mut self.conversations[b];
        let note = conv.reply_box.composer().text().trim().to_string();
        if note.is_empty() || !matches!(conv.state, State::Waiting | State::Writing | State::Done) {
            return false;
        }
        conv.state = State::Transferred;
        conv.turn = None;
        conv.asked_us = None;
        conv.pending = None;
        conv.nudged = 0;
        conv.keys = 0;
        conv.reply_box.clear();
        conv.lines.push(Line::Transferred {
            note: note.clone(),
            at_us: t_us,
        });
        self.log.push(Keystroke {
            t_us,
            op: Op::Transfer {
                conversation: b,
                text: note,
            },
        });
        true
    }

    /// Put conversation `buyer` in focus at `t_us` (logged `focus`); its messages are read.
    pub fn focus_on(&mut self, t_us: u64, buyer: usize) -> bool {
        self.advance(t_us);
        if self.is_over() || self.focus == Some(buyer) {
            return false;
        }
        // An order is opened from the 待付款 list: it joins the conversation list.
        if !self.order.contains(&buyer) {
            if self.order_of(buyer).is_none() {
                return false;
            }
            self.order.push(buyer);
        }
        self.focus = Some(buyer);
        self.conversations[buyer].unread = 0;
        self.log.push(Keystroke {
            t_us,
            op: Op::Focus {
                conversation: buyer,
            },
        });
        true
    }

    /// The next (`forward`) or previous conversation in the list, at `t_us`.
    pub fn focus_step(&mut self, t_us: u64, forward: bool) -> bool {
        self.advance(t_us);
        let n = self.order.len();
        if n == 0 {
            return false;
        }
        let at = self
            .focus
            .and_then(|f| self.order.iter().position(|&b| b == f))
            .unwrap_or(0);
        let to = if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        };
        self.focus_on(t_us, self.order[to])
    }

    /// The buyer waiting longest, at `t_us`.
    pub fn focus_longest(&mut self, t_us: u64) -> bool {
        self.advance(t_us);
        match self.waiting(t_us).first() {
            Some(&(b, _)) => self.focus_on(t_us, b),
            None => false,
        }
    }

    /// The student ends the shift at `t_us`, before its time (logged `end`).
    pub fn end(&mut self, t_us: u64) {
        self.advance(t_us);
        if !self.is_over() {
            self.ended_us = Some(t_us);
            self.log.push(Keystroke { t_us, op: Op::End });
        }
    }

    /// When the shift ended: its length, or when the student ended it.
    pub fn ended_at_us(&self) -> u64 {
        self.ended_us.unwrap_or_else(|| self.length_us())
    }

    /// Whether the shift was worked to its end (not ended early).
    pub fn completed(&self) -> bool {
        self.ended_us.is_none() && self.clock_us >= self.length_us()
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod work_tests;
