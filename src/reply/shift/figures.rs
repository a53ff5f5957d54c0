//! A shift's figures (PRODUCT.md "Shift drills": 首次响应, 平均响应, 回复率, 超时,
//! 未回复流失, 短语正确, 信息正确, 转接, 询单转化), from the record alone: times from the log's events,
//! each reply's verdict from the record's messages in send order. The results screen,
//! the record builder and every reader after it take them from here, through
//! [`crate::figures::Figures::of`].

use crate::record::{Keystroke, MessageResult, Op, ShiftInfo};
use std::collections::BTreeSet;

/// How often the timeline samples how many buyers wait.
pub const TIMELINE_STEP_US: u64 = 5_000_000;

/// One buyer as their conversation went.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BuyerFigures {
    pub name: String,
    pub wrote: bool,
    pub replies: u32,
    pub right: u32,
    pub first_response_ms: Option<u64>,
    /// Left unanswered.
    pub gone: bool,
    /// Still waiting for a reply when the shift ended.
    pub waiting_at_end: bool,
    /// Sent a message the script hands to a colleague (`transfer = true`).
    pub needs_transfer: bool,
    /// Handed to a colleague (转接).
    pub transferred: bool,
    /// Could order by the script (a 询单), and did.
    pub inquiry: bool,
    pub ordered: bool,
}

/// The figures of a shift session.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ShiftFigures {
    /// Worked to its end (not ended early).
    pub completed: bool,
    /// From the start to the end of the shift (or when it was ended).
    pub duration_us: u64,
    pub buyers: Vec<BuyerFigures>,
    /// Buyers who wrote, and who got at least one reply.
    pub wrote: u32,
    pub replied: u32,
    pub replies: u32,
    /// Replies with the right phrase, and with every detail right too.
    pub template_ok: u32,
    pub slots_ok: u32,
    /// Mean of each buyer's first message → first reply.
    pub first_response_ms: Option<u64>,
    /// Mean of each unanswered message → the next reply in its conversation.
    pub mean_response_ms: Option<u64>,
    /// Replies later than their goal (a first reply's is `first_response_seconds`).
    pub late: u32,
    /// Buyers who left unanswered (未回复流失).
    pub gone: u32,
    pub nudges: u32,
    /// Buyers waiting for a reply, every [`TIMELINE_STEP_US`] from the start.
    pub timeline: Vec<u32>,
    /// 转接: buyers handed over, of them after a message the script hands over, and
    /// buyers who sent such a message.
    pub transfers: u32,
    pub transfers_right: u32,
    pub transfers_needed: u32,
    /// 询单转化: buyers who wrote and could order by the script, and who ordered.
    pub inquiries: u32,
    pub orders: u32,
    /// 待付款 orders in the shift; 催付 sent, of them by the rules and with a fitting
    /// phrase; orders paid; orders 催付'd with a 催付结果备注.
    pub unpaid: u32,
    pub reminders: u32,
    pub reminders_by_rules: u32,
    pub reminders_fit: u32,
    /// Orders 催付'd at least once.
    pub reminded: u32,
    pub paid: u32,
    pub notes: u32,
    /// 关怀: events that came, messages sent, and right (phrase and details).
    pub cares_due: u32,
    pub cares_sent: u32,
    pub cares_right: u32,
}

impl ShiftFigures {
    /// Buyers replied to of those who wrote, per cent (100 when nobody wrote).
    pub fn reply_rate(&self) -> f64 {
        percent(self.replied, self.wrote)
    }

    pub fn phrase_percent(&self) -> f64 {
        percent(self.template_ok, self.replies)
    }

    pub fn details_percent(&self) -> f64 {
        percent(self.slots_ok, self.replies)
    }

    /// 询单转化, per cent; `None` when no buyer could order.
    pub fn conversion(&self) -> Option<f64> {
        (self.inquiries > 0).then(|| percent(self.orders, self.inquiries))
    }

    /// The figures of a shift: its `log`, its replies' verdicts (`messages`, in send
    /// order), its rules and buyers (`info`), and the response goal per message.
    pub fn of(
        log: &[Keystroke],
        messages: &[MessageResult],
        info: &ShiftInfo,
        target_seconds: u32,
    ) -> ShiftFigures {
        let n = info.buyers.len();
        let mut buyers: Vec<BuyerFigures> = info
            .buyers
            .iter()
            .map(|name| BuyerFigures {
                name: name.clone(),
                ..BuyerFigures::default()
            })
            .collect();
        let length_us = u64::from(info.minutes) * 60_000_000;
        let mut end_us = length_us;
        let mut ended_early = false;
        let mut asked: Vec<Option<u64>> = vec![None; n];
        let mut focus: Option<usize> = None;
        let mut f = ShiftFigures::default();
        let mut responses = Vec::new();
        let mut firsts = Vec::new();
        // (time, +1 a buyer starts waiting / -1 stops), for the timeline.
        let mut changes: Vec<(u64, i64)> = Vec::new();
        let mut sends = messages.iter();
        let marked = |turns: &[Vec<usize>], c: usize, turn: usize| {
            turns.get(c).is_some_and(|t| t.contains(&turn))
        };
        for (c, b) in buyers.iter_mut().enumerate() {
            b.inquiry = info.ordered_turns.get(c).is_some_and(|t| !t.is_empty());
        }
        let work = info.work.as_ref();
        let orders = work.map_or(0, |w| w.orders.len());
        f.unpaid = orders as u32;
        // By order: 催付 sent, and whether a 备注 was written after one.
        let mut reminded = vec![0u32; orders];
        let mut noted = vec![false; orders];
        let order_at = |c: usize| c.checked_sub(n).filter(|&i| i < orders);
        let care_at = |c: usize| {
            c.checked_sub(n + orders)
                .filter(|&i| i < work.map_or(0, |w| w.cares as usize))
        };
        for k in log {
            match k.op {
                Op::Buyer {
                    conversation: c, ..
                } if care_at(c).is_some() => f.cares_due += 1,
                Op::Paid { conversation: c } if order_at(c).is_some() => f.paid += 1,
                Op::Note {
                    conversation: c, ..
                } => {
                    if let Some(i) = order_at(c).filter(|&i| reminded[i] > 0) {
                        noted[i] = true;
                    }
                }
                Op::Buyer {
                    conversation: c,
                    turn,
                } if c < n => {
                    buyers[c].wrote = true;
                    buyers[c].needs_transfer |= marked(&info.transfer_turns, c, turn);
                    buyers[c].ordered |= marked(&info.ordered_turns, c, turn);
                    if asked[c].is_none() {
                        asked[c] = Some(k.t_us);
                        changes.push((k.t_us, 1));
                    }
                }
                Op::Nudge { conversation: c } if c < n => f.nudges += 1,
                Op::Gone { conversation: c } if c < n => {
                    buyers[c].gone = true;
                    if asked[c].take().is_some() {
                        changes.push((k.t_us, -1));
                    }
                }
                Op::Focus { conversation: c } => focus = Some(c),
                // A buyer handed over waits for this agent no more.
                Op::Transfer {
                    conversation: c, ..
                } if c < n && !buyers[c].transferred => {
                    buyers[c].transferred = true;
                    f.transfers += 1;
                    f.transfers_right += u32::from(buyers[c].needs_transfer);
                    if asked[c].take().is_some() {
                        changes.push((k.t_us, -1));
                    }
                }
                Op::Send => {
                    let verdict = sends.next();
                    let Some(c) = focus else { continue };
                    let right = verdict.is_some_and(|v| v.template_ok && v.slots_ok);
                    if let (Some(i), Some(w)) = (order_at(c), work) {
                        f.reminders += 1;
                        let ok = super::work::broken(
                            &w.orders[i],
                            w.starts,
                            w.quiet,
                            k.t_us,
                            reminded[i],
                        )
                        .is_none();
                        f.reminders_by_rules += u32::from(ok);
                        f.reminders_fit += u32::from(right);
                        reminded[i] += 1;
                        continue;
                    }
                    if care_at(c).is_some() {
                        f.cares_sent += 1;
                        f.cares_right += u32::from(right);
                        continue;
                    }
                    let Some(at) = asked.get_mut(c).and_then(Option::take) else {
                        continue;
                    };
                    changes.push((k.t_us, -1));
                    let ms = k.t_us.saturating_sub(at) / 1000;
                    let first = buyers[c].replies == 0;
                    let goal = if first {
                        info.first_response_seconds
                    } else {
                        target_seconds
                    };
                    if ms > u64::from(goal) * 1000 {
                        f.late += 1;
                    }
                    if first {
                        buyers[c].first_response_ms = Some(ms);
                        firsts.push(ms);
                    }
                    responses.push(ms);
                    buyers[c].replies += 1;
                    f.replies += 1;
                    if let Some(v) = verdict {
                        f.template_ok += u32::from(v.template_ok);
                        f.slots_ok += u32::from(v.slots_ok);
                        buyers[c].right += u32::from(v.template_ok && v.slots_ok);
                    }
                }
                Op::End => {
                    end_us = k.t_us.min(length_us);
                    ended_early = true;
                    break;
                }
                _ => {}
            }
        }
        for (c, a) in asked.iter().enumerate() {
            buyers[c].waiting_at_end = a.is_some();
        }
        f.wrote = buyers.iter().filter(|b| b.wrote).count() as u32;
        // A buyer handed to a colleague was handled, as one replied to.
        f.replied = buyers
            .iter()
            .filter(|b| b.replies > 0 || b.transferred)
            .count() as u32;
        f.transfers_needed = buyers.iter().filter(|b| b.needs_transfer).count() as u32;
        f.inquiries = buyers.iter().filter(|b| b.inquiry && b.wrote).count() as u32;
        f.notes = noted.iter().filter(|&&x| x).count() as u32;
        f.reminded = reminded.iter().filter(|&&r| r > 0).count() as u32;
        f.orders = buyers.iter().filter(|b| b.inquiry && b.ordered).count() as u32;
        f.gone = buyers.iter().filter(|b| b.gone).count() as u32;
        f.first_response_ms = mean(&firsts);
        f.mean_response_ms = mean(&responses);
        f.timeline = timeline(&mut changes, end_us);
        f.completed = !ended_early;
        f.duration_us = end_us;
        f.buyers = buyers;
        f
    }
}

fn percent(part: u32, of: u32) -> f64 {
    if of == 0 {
        100.0
    } else {
        100.0 * f64::from(part) / f64::from(of)
    }
}

fn mean(xs: &[u64]) -> Option<u64> {
    (!xs.is_empty()).then(|| xs.iter().sum::<u64>() / xs.len() as u64)
}

/// The most buyers waiting at once within each step up to `end_us`.
fn timeline(changes: &mut [(u64, i64)], end_us: u64) -> Vec<u32> {
    changes.sort_by_key(|(t, d)| (*t, *d));
    let steps = end_us.div_ceil(TIMELINE_STEP_US) as usize;
    let mut out = vec![0u32; steps.min(100_000)];
    let mut waiting: i64 = 0;
    let mut i = 0;
    for (step, slot) in out.iter_mut().enumerate() {
        let to = (step as u64 + 1) * TIMELINE_STEP_US;
        let mut most = waiting;
        while i < changes.len() && changes[i].0 < to {
            waiting += changes[i].1;
            most = most.max(waiting);
            i += 1;
        }
        *slot = most.max(0) as u32;
    }
    out
}

/// The conversations a log names (for checks of a record's size).
pub fn conversations(log: &[Keystroke]) -> BTreeSet<usize> {
    log.iter()
        .filter_map(|k| match k.op {
            Op::Buyer { conversation, .. }
            | Op::Nudge { conversation }
            | Op::Gone { conversation }
            | Op::Focus { conversation }
            | Op::Transfer { conversation, .. }
            | Op::Paid { conversation }
            | Op::Note { conversation, .. } => Some(conversation),
            _ => None,
        })
        .collect()
}
