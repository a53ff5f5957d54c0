//! What a quick-reply session measured, as the trainer saves it, and what its log alone
//! says about each message (for `verify` and the one recomputation).

use super::{QuickReplySession, Turn};
use crate::pack::{Drill, Pack};
use crate::record::{Keystroke, MessageResult, Op, SessionRecord};

const US_PER_MINUTE: f64 = 60_000_000.0;

/// The figures of a quick-reply session (PRODUCT.md "Results record": cpm and accuracy
/// cover the text typed by hand, over the time spent answering).
#[derive(Debug, Clone, PartialEq)]
pub struct ReplySummary {
    /// Every message shown and sent (none abandoned, none left).
    pub completed: bool,
    /// Sum over the messages of show → send or abandon (an open one: to its last event).
    pub answering_us: u64,
    pub cpm: f64,
    pub accuracy: f64,
    /// Logged events other than `show` per minute of answering.
    pub kpm: f64,
    pub hand_typed: u32,
    pub hand_ok: u32,
    pub backspaces: u32,
    pub pastes_rejected: u32,
    pub sent: u32,
    pub abandoned: u32,
    pub right: u32,
    pub template_ok: u32,
    pub slots_ok: u32,
    pub first_response_ms: Option<u64>,
    pub mean_response_ms: Option<u64>,
    /// Sent messages answered within `target_seconds`.
    pub within_target: u32,
    /// Σ (keys_if_typed − keys) over sent messages (negative: more keys than typing).
    pub keys_saved: i64,
    /// Expected replies joined by line breaks.
    pub target: String,
    /// Sent replies joined by line breaks.
    pub typed: String,
    pub messages: Vec<MessageResult>,
}

impl QuickReplySession {
    /// The session's figures so far (or as it ended).
    pub fn summary(&self) -> ReplySummary {
        let mut answering_us = 0;
        for turn in &self.turns {
            let end = turn.ended_us.unwrap_or_else(|| {
                self.log
                    .last()
                    .map_or(turn.shown_us, |k| k.t_us.max(turn.shown_us))
            });
            answering_us += end.saturating_sub(turn.shown_us);
        }
        let minutes = answering_us as f64 / US_PER_MINUTE;
        let per_minute = |n: f64| if minutes > 0.0 { n / minutes } else { 0.0 };
        let ended: Vec<&Turn> = self.turns.iter().filter(|t| !t.is_open()).collect();
        let sent: Vec<&MessageResult> = ended
            .iter()
            .filter(|t| !t.abandoned)
            .filter_map(|t| t.result.as_ref())
            .collect();
        let responses: Vec<u64> = sent.iter().filter_map(|m| m.response_ms).collect();
        let target_ms = u64::from(self.target_seconds) * 1000;
        let count = |op: fn(&Op) -> bool| self.log.iter().filter(|k| op(&k.op)).count() as u32;
        let kept_ok: u32 = self.turns.iter().map(|t| t.kept_ok).sum();
        let events = self
            .log
            .iter()
            .filter(|k| !matches!(k.op, Op::Show { .. }))
            .count();
        let expected: Vec<String> = ended
            .iter()
            .filter_map(|t| t.judgement.as_ref().map(|j| j.expected.clone()))
            .collect();
        let (hand_typed, hand_ok) = self.reply_box.hand_typed();
        ReplySummary {
            completed: self.is_finished() && ended.iter().all(|t| !t.abandoned),
            answering_us,
            cpm: per_minute(f64::from(kept_ok)),
            accuracy: if hand_typed == 0 {
                100.0
            } else {
                100.0 * f64::from(hand_ok) / f64::from(hand_typed)
            },
            kpm: per_minute(events as f64),
            hand_typed,
            hand_ok,
            backspaces: count(|op| matches!(op, Op::Backspace)),
            pastes_rejected: count(|op| matches!(op, Op::PasteRejected { .. })),
            sent: sent.len() as u32,
            abandoned: ended.iter().filter(|t| t.abandoned).count() as u32,
            right: sent.iter().filter(|m| m.template_ok && m.slots_ok).count() as u32,
            template_ok: sent.iter().filter(|m| m.template_ok).count() as u32,
            slots_ok: sent.iter().filter(|m| m.slots_ok).count() as u32,
            first_response_ms: self
                .turns
                .first()
                .and_then(|t| t.result.as_ref())
                .and_then(|m| m.response_ms),
            mean_response_ms: (!responses.is_empty())
                .then(|| responses.iter().sum::<u64>() / responses.len() as u64),
            within_target: responses.iter().filter(|&&ms| ms <= target_ms).count() as u32,
            keys_saved: sent
                .iter()
                .map(|m| i64::from(m.keys_if_typed) - i64::from(m.keys))
                .sum(),
            target: expected.join("\n"),
            typed: ended
                .iter()
                .filter(|t| !t.abandoned)
                .map(|t| t.reply.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
            messages: ended.iter().filter_map(|t| t.result.clone()).collect(),
        }
    }

    /// The session as saved: kind `quickreply`, messages filled, keystrokes = the log.
    /// The caller sets `student` (and may replace `id`).
    pub fn record(
        &self,
        pack: &Pack,
        drill: &Drill,
        id: String,
        started_at: chrono::DateTime<chrono::FixedOffset>,
    ) -> SessionRecord {
        let s = self.summary();
        let figures = crate::reply::record::MessageFigures {
            kind: crate::record::Kind::QuickReply,
            mode: None,
            completed: s.completed,
            duration_us: s.answering_us,
            cpm: s.cpm,
            kpm: s.kpm,
            accuracy: s.accuracy,
            backspaces: s.backspaces,
            errors: s.hand_typed - s.hand_ok,
            // Of the messages shown, as `figures::ReplyFigures` counts them.
            right_percent: if self.turns.is_empty() {
                0.0
            } else {
                100.0 * f64::from(s.right) / self.turns.len() as f64
            },
            mean_response_ms: s.mean_response_ms,
            target: s.target,
            typed: s.typed,
            messages: s.messages,
        };
        crate::reply::record::message_record(pack, drill, id, started_at, figures, self.log.clone())
    }
}

/// What the log alone says about one message (for `verify`): which scenario was shown,
/// the response time, the keys spent and the last template selected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedMessage {
    pub index: usize,
    /// Show → send; `None` when abandoned or never ended.
    pub response_ms: Option<u64>,
    /// Events after `show` up to and including `send` or `abandon`.
    pub keys: u32,
    pub code: Option<String>,
    pub abandoned: bool,
    /// Sent or abandoned (not left open).
    pub ended: bool,
}

/// Recompute each message's response time, keys and selected code from a quick-reply
/// keystroke log, as [`QuickReplySession`] fills them in its `MessageResult`s.
pub fn logged_messages(log: &[Keystroke]) -> Vec<LoggedMessage> {
    let mut out: Vec<LoggedMessage> = Vec::new();
    let mut shown_us = 0;
    for k in log {
        match &k.op {
            Op::Show { index } => {
                shown_us = k.t_us;
                out.push(LoggedMessage {
                    index: *index,
                    response_ms: None,
                    keys: 0,
                    code: None,
                    abandoned: false,
                    ended: false,
                });
            }
            op => {
                let Some(m) = out.last_mut().filter(|m| !m.ended) else {
                    continue;
                };
                m.keys += 1;
                match op {
                    Op::Select { code } => m.code = Some(code.clone()),
                    Op::Send => {
                        m.ended = true;
                        m.response_ms = Some(k.t_us.saturating_sub(shown_us) / 1000);
                    }
                    Op::Abandon => {
                        m.ended = true;
                        m.abandoned = true;
                    }
                    _ => {}
                }
            }
        }
    }
    out
}
