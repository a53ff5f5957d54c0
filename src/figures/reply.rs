//! A quick-reply session's figures (PRODUCT.md "Figures by kind": 短语正确, 信息正确,
//! 平均响应, 目标内, 省键). Times, keys and codes come from the log; each reply and its
//! verdict from the record's messages, paired with the log's messages in order (a
//! record with more or fewer messages than its log is read as far as both go —
//! `verify` replays the log through the trainer to check the verdicts themselves).

use super::codes::mean;
use crate::record::{Keystroke, MessageResult, Op, SessionRecord};
use crate::reply::quickreply::{LoggedMessage, logged_messages};

/// One customer message as it went.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplyMessage {
    /// The scenario shown (its `show` index).
    pub index: usize,
    pub customer: String,
    /// The last template chosen from the phrase list.
    pub code: Option<String>,
    pub reply: String,
    /// The reply as it should read.
    pub expected: String,
    pub template_ok: bool,
    pub slots_ok: bool,
    pub extra: Option<String>,
    /// Show → send; `None` when skipped or left open.
    pub response_ms: Option<u64>,
    pub keys: u32,
    pub keys_if_typed: u32,
    /// Abandoned with Esc (or left when the time ran out).
    pub skipped: bool,
    /// Sent later than the drill's response goal.
    pub over_target: bool,
}

impl ReplyMessage {
    pub fn right(&self) -> bool {
        !self.skipped && self.template_ok && self.slots_ok
    }
}

/// The figures of a quick-reply session.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplyFigures {
    /// Every message shown was sent (none skipped or left open).
    pub completed: bool,
    /// Σ over the messages of show → send or abandon (one left open: to the last event).
    pub answering_us: u64,
    /// Messages shown.
    pub shown: u32,
    pub sent: u32,
    pub skipped: u32,
    /// Sent with the right template's text…
    pub template_ok: u32,
    /// …with every slot filled right.
    pub slots_ok: u32,
    /// Both.
    pub right: u32,
    pub first_response_ms: Option<u64>,
    pub mean_response_ms: Option<u64>,
    pub within_target: u32,
    pub over_target: u32,
    /// Σ (keys to type the reply in full − keys spent) over sent messages.
    pub keys_saved: i64,
    pub backspaces: u32,
    pub target_seconds: u32,
    pub messages: Vec<ReplyMessage>,
}

impl ReplyFigures {
    /// Messages right ÷ messages shown, per cent (0 when none was shown).
    pub fn right_percent(&self) -> f64 {
        if self.shown == 0 {
            0.0
        } else {
            100.0 * f64::from(self.right) / f64::from(self.shown)
        }
    }

    pub fn of(r: &SessionRecord) -> ReplyFigures {
        let target_seconds = r.target_seconds.unwrap_or(super::DEFAULT_TARGET_SECONDS);
        let target_ms = u64::from(target_seconds) * 1000;
        let logged = logged_messages(&r.keystrokes);
        let recorded = r.messages.as_deref().unwrap_or(&[]);
        let ended: Vec<&LoggedMessage> = logged.iter().filter(|m| m.ended).collect();
        let lines: Vec<&str> = r.target.split('\n').collect();
        let expected = |i: usize| {
            if lines.len() == recorded.len() {
                lines.get(i).map_or_else(String::new, |l| l.to_string())
            } else {
                String::new()
            }
        };
        let messages: Vec<ReplyMessage> = ended
            .iter()
            .enumerate()
            .map(|(i, m)| message(m, recorded.get(i), expected(i), target_ms))
            .collect();
        let sent: Vec<&ReplyMessage> = messages.iter().filter(|m| !m.skipped).collect();
        let responses: Vec<u64> = sent.iter().filter_map(|m| m.response_ms).collect();
        let count = |f: fn(&ReplyMessage) -> bool| sent.iter().filter(|m| f(m)).count() as u32;
        let completed =
            r.completed && ended.len() == logged.len() && messages.iter().all(|m| !m.skipped);
        ReplyFigures {
            completed,
            answering_us: answering_us(&r.keystrokes),
            shown: logged.len() as u32,
            sent: sent.len() as u32,
            skipped: messages.iter().filter(|m| m.skipped).count() as u32,
            template_ok: count(|m| m.template_ok),
            slots_ok: count(|m| m.slots_ok),
            right: count(ReplyMessage::right),
            first_response_ms: messages.first().and_then(|m| m.response_ms),
            mean_response_ms: mean(&responses),
            within_target: count(|m| !m.over_target),
            over_target: count(|m| m.over_target),
            keys_saved: sent
                .iter()
                .map(|m| i64::from(m.keys_if_typed) - i64::from(m.keys))
                .sum(),
            backspaces: r
                .keystrokes
                .iter()
                .filter(|k| matches!(k.op, Op::Backspace))
                .count() as u32,
            target_seconds,
            messages,
        }
    }
}

fn message(
    m: &LoggedMessage,
    recorded: Option<&MessageResult>,
    expected: String,
    target_ms: u64,
) -> ReplyMessage {
    let verdict = |f: fn(&MessageResult) -> bool| !m.abandoned && recorded.is_some_and(f);
    ReplyMessage {
        index: m.index,
        customer: recorded.map_or_else(String::new, |x| x.customer.clone()),
        code: m.code.clone(),
        reply: recorded.map_or_else(String::new, |x| x.reply.clone()),
        expected,
        template_ok: verdict(|x| x.template_ok),
        slots_ok: verdict(|x| x.slots_ok),
        extra: recorded.and_then(|x| x.extra.clone()),
        response_ms: m.response_ms,
        keys: m.keys,
        keys_if_typed: recorded.map_or(0, |x| x.keys_if_typed),
        skipped: m.abandoned,
        over_target: m.response_ms.is_some_and(|ms| ms > target_ms),
    }
}

/// Σ over the messages of show → send or abandon (one left open: to the last event).
pub fn answering_us(log: &[Keystroke]) -> u64 {
    let last = log.last().map_or(0, |k| k.t_us);
    let mut total = 0u64;
    let mut shown: Option<u64> = None;
    for k in log {
        match k.op {
            Op::Show { .. } => {
                if let Some(t) = shown {
                    total = total.saturating_add(last.max(t) - t);
                }
                shown = Some(k.t_us);
            }
            Op::Send | Op::Abandon => {
                if let Some(t) = shown.take() {
                    total = total.saturating_add(k.t_us.saturating_sub(t));
                }
            }
            _ => {}
        }
    }
    if let Some(t) = shown {
        total = total.saturating_add(last.max(t) - t);
    }
    total
}
