//! The script happening: buyers arriving, answering back after a reply, nudging when a
//! reply is slow and leaving when left too long — each at the time the script gives
//! it, in time order, whenever the caller looks.

use super::{Line, ShiftSession, State};
use crate::pack::Shift;
use crate::record::{Keystroke, Op};

/// Seconds into the shift before which a buyer without `arrive` comes: the first two
/// thirds, so every buyer has time to be served.
fn arrival_window(shift: &Shift) -> u64 {
    (u64::from(shift.minutes) * 60 * 2 / 3).max(1)
}

/// When each conversation comes, µs into the shift: a buyer as written, else drawn from
/// `seed`; an order never (the student opens it); a care event at its time.
pub(super) fn arrivals(shift: &Shift, seed: u64) -> Vec<u64> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let window = arrival_window(shift);
    let buyers = shift.buyers.iter().map(|b| {
        // Drawn for every buyer, so a written arrival does not shift the others.
        let drawn = rng.u64(0..window);
        b.arrive.map_or(drawn, u64::from) * 1_000_000
    });
    let orders = shift.orders.iter().map(|_| u64::MAX);
    let cares = shift.cares.iter().map(|c| u64::from(c.at) * 1_000_000);
    buyers.chain(orders).chain(cares).collect()
}

/// One thing the script does next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Event {
    Arrive,
    Answer,
    Nudge,
    Leave,
}

impl ShiftSession {
    /// Let everything the script holds up to `t_us` happen, each at its own time.
    pub fn advance(&mut self, t_us: u64) {
        if self.ended_us.is_some() {
            return;
        }
        let end = self.length_us();
        let until = t_us.min(end);
        while let Some((at, buyer, event)) = self.next_event(until) {
            self.happen(at, buyer, event);
        }
        self.clock_us = self.clock_us.max(until);
    }

    /// The earliest event at or before `until` (ties: by buyer, then by kind).
    fn next_event(&self, until: u64) -> Option<(u64, usize, Event)> {
        let mut best: Option<(u64, usize, Event)> = None;
        for (b, conv) in self.conversations.iter().enumerate() {
            let candidate = match conv.state {
                State::Coming => Some((self.arrivals[b], Event::Arrive)),
                State::Writing => conv.pending.map(|(at, _)| (at, Event::Answer)),
                State::Waiting => {
                    let asked = conv.asked_us.unwrap_or(0);
                    let leave = self
                        .shift
                        .max_wait
                        .map(|w| (asked + u64::from(w) * 1_000_000, Event::Leave));
                    let turn = conv.turn.and_then(|t| self.shift.buyers[b].turns.get(t));
                    let nudge = turn.and_then(|t| {
                        let after = u64::from(t.nudge_after?) * 1_000_000;
                        (conv.nudged < t.nudges.len())
                            .then(|| (asked + after * (conv.nudged as u64 + 1), Event::Nudge))
                    });
                    match (nudge, leave) {
                        (Some(n), Some(l)) => Some(n.min(l)),
                        (n, l) => n.or(l),
                    }
                }
                State::Done | State::Gone | State::Transferred | State::Open => None,
            };
            if let Some((at, event)) = candidate
                && at <= until
                && best.is_none_or(|(bt, bb, be)| (at, b, event) < (bt, bb, be))
            {
                best = Some((at, b, event));
            }
        }
        best
    }

    fn happen(&mut self, at: u64, b: usize, event: Event) {
        let focused = self.focus == Some(b);
        match event {
            Event::Arrive if self.care_of(b).is_some() => self.care_comes(at, b),
            Event::Arrive => {
                self.order.push(b);
                self.ask(at, b, 0);
                // The first buyer of a quiet desk takes the focus (logged like a key's
                // `focus`); later ones never do.
                if self.focus.is_none() {
                    self.focus = Some(b);
                    self.conversations[b].unread = 0;
                    self.log.push(Keystroke {
                        t_us: at,
                        op: Op::Focus { conversation: b },
                    });
                }
            }
            Event::Answer => {
                if let Some((_, turn)) = self.conversations[b].pending.take() {
                    if self.order_of(b).is_some() {
                        self.pay(at, b);
                    } else {
                        self.ask(at, b, turn);
                    }
                }
            }
            Event::Nudge => {
                let conv = &mut self.conversations[b];
                let text = conv
                    .turn
                    .and_then(|t| self.shift.buyers[b].turns.get(t))
                    .and_then(|t| t.nudges.get(conv.nudged))
                    .cloned()
                    .unwrap_or_default();
                conv.nudged += 1;
                conv.lines.push(Line::Nudge { text, at_us: at });
                if !focused {
                    conv.unread += 1;
                }
                self.log.push(Keystroke {
                    t_us: at,
                    op: Op::Nudge { conversation: b },
                });
            }
            Event::Leave => {
                let conv = &mut self.conversations[b];
                conv.state = State::Gone;
                conv.turn = None;
                conv.lines.push(Line::Left { at_us: at });
                conv.reply_box.clear();
                self.log.push(Keystroke {
                    t_us: at,
                    op: Op::Gone { conversation: b },
                });
            }
        }
    }

    /// Buyer `b` sends turn `turn` at `at`: its message waits for a reply from then.
    fn ask(&mut self, at: u64, b: usize, turn: usize) {
        let focused = self.focus == Some(b);
        let Some(t) = self.shift.buyers[b].turns.get(turn) else {
            self.conversations[b].state = State::Done;
            return;
        };
        let conv = &mut self.conversations[b];
        // What the message changes on the order card, and whether the buyer ordered.
        for (field, to) in &t.card {
            let slot = conv.card.iter_mut().find(|(f, _)| f == field);
            let from = slot.as_ref().map(|(_, v)| v.clone());
            if from.as_deref() == Some(to.as_str()) {
                continue;
            }
            match slot {
                Some((_, v)) => *v = to.clone(),
                None => conv.card.push((field.clone(), to.clone())),
            }
            conv.lines.push(Line::Card {
                field: field.clone(),
                from,
                to: to.clone(),
                at_us: at,
            });
        }
        if t.ordered {
            conv.lines.push(Line::Ordered { at_us: at });
        }
        let mut desk = t.message.clone();
        desk.card = conv.card.clone();
        conv.desk = Some(desk);
        for text in &t.message.customer {
            conv.lines.push(Line::Buyer {
                text: text.clone(),
                at_us: at,
            });
            if !focused {
                conv.unread += 1;
            }
        }
        conv.state = State::Waiting;
        conv.turn = Some(turn);
        conv.asked_us = Some(at);
        conv.nudged = 0;
        self.log.push(Keystroke {
            t_us: at,
            op: Op::Buyer {
                conversation: b,
                turn,
            },
        });
    }
}
