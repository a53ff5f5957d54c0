//! The saved record of a shift: its log, one verdict per reply, and the shift's rules
//! and buyers, so its figures are recomputed from the record alone.

use super::{ShiftFigures, ShiftSession};
use crate::pack::{BuyerTurn, Drill, Pack, Shift};
use crate::record::{Kind, Op, SessionRecord, ShiftInfo, WorkInfo};
use crate::reply::record::{MessageFigures, message_record};

/// The record of `session`, a shift of `drill`, started at `started_at`; `student` left
/// for the caller to set.
pub fn shift_record(
    pack: &Pack,
    drill: &Drill,
    session: &ShiftSession,
    id: String,
    started_at: chrono::DateTime<chrono::FixedOffset>,
) -> SessionRecord {
    let shift = session.shift();
    let info = ShiftInfo {
        minutes: shift.minutes,
        first_response_seconds: shift.first_response_seconds,
        max_wait: shift.max_wait,
        seed: session.seed(),
        buyers: shift.buyers.iter().map(|b| b.name.clone()).collect(),
        transfer_turns: turns_where(shift, |t| t.transfer),
        ordered_turns: turns_where(shift, |t| t.ordered),
        work: (!shift.orders.is_empty() || !shift.cares.is_empty()).then(|| WorkInfo {
            starts: shift.starts,
            quiet: shift.quiet,
            orders: shift.orders.iter().map(super::work::rule_of).collect(),
            cares: shift.cares.len() as u32,
        }),
    };
    let log = session.log().to_vec();
    let messages = session.results().to_vec();
    let f = ShiftFigures::of(&log, &messages, &info, shift.target_seconds);
    let (typed, ok) = session.hand_typed();
    let minutes = f.duration_us as f64 / 60_000_000.0;
    let per_minute = |n: f64| if minutes > 0.0 { n / minutes } else { 0.0 };
    let events = log
        .iter()
        .filter(|k| !matches!(k.op, Op::Buyer { .. } | Op::Nudge { .. } | Op::Gone { .. }))
        .count();
    let mut record = message_record(
        pack,
        drill,
        id,
        started_at,
        MessageFigures {
            kind: Kind::Shift,
            mode: None,
            completed: f.completed,
            duration_us: f.duration_us,
            cpm: per_minute(f64::from(ok)),
            kpm: per_minute(events as f64),
            accuracy: if typed == 0 {
                100.0
            } else {
                100.0 * f64::from(ok) / f64::from(typed)
            },
            backspaces: log.iter().filter(|k| k.op == Op::Backspace).count() as u32,
            errors: typed - ok,
            target: messages
                .iter()
                .map(|m| m.customer.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
            typed: messages
                .iter()
                .map(|m| m.reply.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
            messages,
            right_percent: f.reply_rate(),
            mean_response_ms: f.mean_response_ms,
        },
        log,
    );
    record.shift = Some(info);
    record
}

/// By buyer, the indices of the turns `which` marks; empty when no turn is marked.
fn turns_where(shift: &Shift, which: impl Fn(&BuyerTurn) -> bool) -> Vec<Vec<usize>> {
    let marked: Vec<Vec<usize>> = shift
        .buyers
        .iter()
        .map(|b| (0..b.turns.len()).filter(|&i| which(&b.turns[i])).collect())
        .collect();
    if marked.iter().all(Vec::is_empty) {
        Vec::new()
    } else {
        marked
    }
}
