//! Replaying a shift's log through a fresh session, for `verify`: the buyers' events are
//! the script's own (the session makes them again as time goes on, and they must match
//! the log's), the student's are turned back into keys. Every key that changes a reply
//! is logged (cursor moves and Esc closing a list too), so each logged event has one
//! way to happen: no guessing.

use super::{ShiftSession, State};
use crate::cost::Meter;
use crate::pack::{Shift, Template};
use crate::record::{Keystroke, Op};
use crate::reply::reply_box::{ReplyBatch, ReplyKey};

/// How a replay went.
#[derive(Debug, Clone)]
pub enum Replay {
    /// Every event follows: the session as it ended.
    Replayed(Box<ShiftSession>),
    /// Event `at` (an index into the log) cannot follow from the ones before it.
    Stuck { at: usize },
    /// The steps given ran out.
    OverCost,
}

/// Replay `log` over `shift` with `templates`, buyers placed by `seed`; `ended_us`: when
/// the record says the shift ended (its log's `end`, or its length).
pub fn replay(
    shift: &Shift,
    templates: &[Template],
    seed: u64,
    log: &[Keystroke],
    meter: &mut Meter,
) -> Replay {
    let mut s = ShiftSession::new(shift.clone(), templates.to_vec(), seed);
    // The seed recorded is the one used: the drill's own when it has one.
    if s.seed != seed {
        return Replay::Stuck { at: 0 };
    }
    for (i, logged) in log.iter().enumerate() {
        if !meter.charge(1) {
            return Replay::OverCost;
        }
        if i > 0 && logged.t_us < log[i - 1].t_us {
            return Replay::Stuck { at: i };
        }
        s.advance(logged.t_us);
        // The script's events by now are the session's own.
        if s.log.len() > i {
            if s.log[i] != *logged {
                return Replay::Stuck { at: i };
            }
            continue;
        }
        if !student(&mut s, logged, meter) {
            return Replay::Stuck { at: i };
        }
    }
    // Whatever the script held up to the end happened, and is in the log.
    s.advance(s.ended_at_us());
    if s.log.len() != log.len() {
        return Replay::Stuck {
            at: log.len().min(s.log.len()),
        };
    }
    Replay::Replayed(Box::new(s))
}

/// Make the student's `logged` event happen, guessing the unlogged keys before it.
fn student(s: &mut ShiftSession, logged: &Keystroke, meter: &mut Meter) -> bool {
    let t = logged.t_us;
    match &logged.op {
        Op::Focus { conversation } => return s.focus_on(t, *conversation) && last_is(s, logged),
        Op::End => {
            s.end(t);
            return last_is(s, logged);
        }
        Op::Transfer { conversation, .. } => {
            return s.focus == Some(*conversation) && s.transfer(t) && last_is(s, logged);
        }
        Op::Note { conversation, .. } => {
            return s.focus == Some(*conversation) && s.note(t) && last_is(s, logged);
        }
        Op::Buyer { .. }
        | Op::Nudge { .. }
        | Op::Gone { .. }
        | Op::Paid { .. }
        | Op::Show { .. }
        | Op::Abandon => {
            return false;
        }
        _ => {}
    }
    let Some(b) = s.focus else {
        return false;
    };
    if !meter.charge(1) {
        return false;
    }
    let before = s.log.len();
    let Some(batch) = keys_of(s, b, logged) else {
        return false;
    };
    s.apply(t, &batch);
    s.log.len() == before + 1 && last_is(s, logged)
}

fn last_is(s: &ShiftSession, logged: &Keystroke) -> bool {
    s.log.last() == Some(logged)
}

/// The keys that log `logged` in conversation `b` as it stands.
fn keys_of(s: &ShiftSession, b: usize, logged: &Keystroke) -> Option<ReplyBatch> {
    Some(match &logged.op {
        Op::Input { text, .. } => {
            if text.is_empty() || text.contains(['\n', '\r']) {
                return None;
            }
            ReplyBatch::Keys(text.chars().map(ReplyKey::Char).collect())
        }
        Op::Backspace => ReplyBatch::Keys(vec![ReplyKey::Backspace]),
        Op::PasteRejected { len } => {
            if *len == 0 || *len > 1 << 20 {
                return None;
            }
            ReplyBatch::Paste(format!("{}\n", "x".repeat(len - 1)))
        }
        Op::Select { code } => {
            let (_, found, chosen) = s.phrase_list()?;
            let i = found.iter().position(|t| &t.code == code)?;
            let steps = (i + found.len() - chosen) % found.len();
            let mut keys = vec![ReplyKey::Down; steps];
            keys.push(ReplyKey::Enter);
            ReplyBatch::Keys(keys)
        }
        Op::NextSlot => ReplyBatch::Keys(vec![ReplyKey::Tab]),
        // Opening the card picker is not logged; closing it is.
        Op::Close if s.phrase_list().is_none() && s.card_picker().is_none() => {
            ReplyBatch::Keys(vec![ReplyKey::Card, ReplyKey::Esc])
        }
        Op::Close => ReplyBatch::Keys(vec![ReplyKey::Esc]),
        Op::Cursor { at } => {
            let composer = s.composer()?;
            let (here, len) = (composer.cursor(), composer.pieces().len());
            ReplyBatch::Keys(vec![if *at == 0 {
                ReplyKey::Home
            } else if *at == len {
                ReplyKey::End
            } else if *at + 1 == here {
                ReplyKey::Left
            } else if *at == here + 1 {
                ReplyKey::Right
            } else {
                return None;
            }])
        }
        Op::Card { field } => {
            if s.card_picker().is_some() {
                return None;
            }
            let card = &s.conversations.get(b)?.card;
            let i = card.iter().position(|(f, _)| f == field)?;
            let mut keys = vec![ReplyKey::Card];
            keys.extend(std::iter::repeat_n(ReplyKey::Down, i));
            keys.push(ReplyKey::Enter);
            ReplyBatch::Keys(keys)
        }
        Op::Send => {
            if s.conversations[b].state != State::Waiting && !s.can_send_work(b) {
                return None;
            }
            ReplyBatch::Keys(vec![ReplyKey::Enter])
        }
        _ => return None,
    })
}
