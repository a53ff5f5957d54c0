//! The work the agent starts in a shift: 待付款 orders to 催付 — judged by the shop's
//! rules, paid by the script (`pays_if`), never by chance — each with a 催付结果备注,
//! and order events (已签收, 使用一周后) that call for a 关怀 message. Their
//! conversations follow the buyers': the orders', then the care events'.

use super::{Applied, Conversation, Line, ShiftSession, State};
use crate::pack::{Care, Order, Shift};
use crate::record::{Keystroke, MessageResult, Op, OrderRule};
use crate::reply::judge::judge;
use crate::tr;

/// How long a buyer takes to pay after a 催付 that works.
pub const PAY_AFTER_US: u64 = 5_000_000;
/// The card's field that says where an order stands.
pub const ORDER_FIELD: &str = "订单状态";

/// Why a 催付 breaks the shop's rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Broken {
    /// Before `remind_after` minutes since the order.
    TooEarly { minutes: u32 },
    /// In the quiet hours.
    Quiet,
    /// The order was 催付'd before.
    Twice,
    /// The buyer said no already.
    Refused,
}

impl Broken {
    pub fn says(self) -> String {
        match self {
            Broken::TooEarly { minutes } => tr!(
                "下单不到 {minutes} 分钟就催付，太早了",
                "a 催付 less than {minutes} minutes after the order: too early"
            ),
            Broken::Quiet => tr!(
                "休息时段不催付，别打扰顾客",
                "no 催付 in the quiet hours: do not disturb the buyer"
            ),
            Broken::Twice => tr!("同一个订单只催付一次", "one 催付 per order, never twice"),
            Broken::Refused => tr!(
                "顾客已经说过不要了，不再催付",
                "the buyer said no already: no 催付"
            ),
        }
    }
}

/// The rules' verdict on a 催付 of an order under `rule`, sent `t_us` into a shift that
/// starts at `starts` on the shop's clock, with quiet hours `quiet`, after `earlier`
/// 催付 of it. `None`: by the rules.
pub fn broken(
    rule: &OrderRule,
    starts: u32,
    quiet: (u32, u32),
    t_us: u64,
    earlier: u32,
) -> Option<Broken> {
    let minutes_in = i64::try_from(t_us / 60_000_000).unwrap_or(i64::MAX);
    let since_order = minutes_in.saturating_sub(i64::from(rule.ordered));
    let now = (i64::from(starts) + minutes_in).rem_euclid(24 * 60) as u32;
    let (from, to) = quiet;
    let in_quiet = if from <= to {
        now >= from && now < to
    } else {
        now >= from || now < to
    };
    if rule.refused {
        Some(Broken::Refused)
    } else if earlier > 0 {
        Some(Broken::Twice)
    } else if in_quiet {
        Some(Broken::Quiet)
    } else if since_order < i64::from(rule.remind_after) {
        Some(Broken::TooEarly {
            minutes: rule.remind_after,
        })
    } else {
        None
    }
}

/// The rule an order is judged by.
pub fn rule_of(order: &Order) -> OrderRule {
    OrderRule {
        ordered: order.ordered,
        remind_after: order.remind_after,
        refused: order.refused,
    }
}

/// The conversations of a shift's work, after the buyers': each order open from the
/// start with its card, each care event coming at its time.
pub(super) fn conversations(shift: &Shift) -> Vec<Conversation> {
    let orders = shift.orders.iter().map(|o| {
        let mut card = o.message.card.clone();
        card.push((ORDER_FIELD.to_string(), tr!("待付款", "unpaid")));
        let mut c = Conversation::new(card);
        c.state = State::Open;
        let mut desk = o.message.clone();
        desk.card = c.card.clone();
        c.desk = Some(desk);
        c.lines.push(Line::Work {
            text: tr!(
                "待付款：{} {}，未付款原因：{}",
                "unpaid: {} {}, why: {}",
                o.items,
                o.amount,
                o.reason
            ),
            at_us: 0,
        });
        c
    });
    let cares = shift
        .cares
        .iter()
        .map(|c| Conversation::new(c.message.card.clone()));
    orders.chain(cares).collect()
}

impl ShiftSession {
    /// The order of conversation `b`, with its index among the orders.
    pub fn order_of(&self, b: usize) -> Option<(usize, &Order)> {
        let i = b.checked_sub(self.shift.buyers.len())?;
        Some((i, self.shift.orders.get(i)?))
    }

    /// The care event of conversation `b`.
    pub fn care_of(&self, b: usize) -> Option<&Care> {
        let i = b.checked_sub(self.shift.buyers.len() + self.shift.orders.len())?;
        self.shift.cares.get(i)
    }

    /// The conversation of order `i`.
    pub fn order_conversation(&self, i: usize) -> usize {
        self.shift.buyers.len() + i
    }

    /// What the conversation list calls conversation `b`.
    pub fn name_of(&self, b: usize) -> String {
        if let Some(buyer) = self.shift.buyers.get(b) {
            buyer.name.clone()
        } else if let Some((_, o)) = self.order_of(b) {
            tr!("催付·{}", "remind·{}", o.buyer)
        } else if let Some(c) = self.care_of(b) {
            tr!("关怀·{}", "care·{}", c.buyer)
        } else {
            String::new()
        }
    }

    /// The card conversation `b` started with (its notes too), to tell what changed.
    pub fn first_card(&self, b: usize) -> (&[(String, String)], Option<&str>) {
        if let Some(buyer) = self.shift.buyers.get(b) {
            (&buyer.card, buyer.context.as_deref())
        } else if let Some((_, o)) = self.order_of(b) {
            (&o.message.card, o.message.context.as_deref())
        } else if let Some(c) = self.care_of(b) {
            (&c.message.card, c.message.context.as_deref())
        } else {
            (&[], None)
        }
    }

    /// Whether the student may send their own message in conversation `b`: a 关怀 once,
    /// a 催付 until the order is paid (a second one is judged, and breaks the rules).
    pub(super) fn can_send_work(&self, b: usize) -> bool {
        let state = self.conversations[b].state;
        if self.order_of(b).is_some() {
            matches!(state, State::Open | State::Done) && !self.is_paid(b)
        } else {
            self.care_of(b).is_some() && state == State::Open
        }
    }

    /// Whether the order of conversation `b` has been paid.
    pub fn is_paid(&self, b: usize) -> bool {
        self.conversations[b]
            .lines
            .iter()
            .any(|l| matches!(l, Line::Paid { .. }))
    }

    /// Send the student's own message in conversation `b` at `t_us`: judged like a reply,
    /// a 催付 also by the rules; a 催付 by the rules with a code of `pays_if` is paid
    /// [`PAY_AFTER_US`] later.
    pub(super) fn send_work(&mut self, t_us: u64, b: usize) -> Applied {
        let rule = self
            .order_of(b)
            .map(|(_, o)| (rule_of(o), o.pays_if.clone()));
        let (starts, quiet) = (self.shift.starts, self.shift.quiet);
        let conv = &mut self.conversations[b];
        let Some(scenario) = conv.desk.clone() else {
            return Applied::Ignored;
        };
        let composer = conv.reply_box.composer();
        let reply = composer.text();
        let code = composer.code().map(str::to_string);
        let judgement = judge(&reply, &scenario, &self.templates);
        self.log.push(Keystroke { t_us, op: Op::Send });
        self.results.push(MessageResult {
            customer: scenario.customer.join("\n"),
            expect: scenario.expect.clone(),
            code,
            reply: reply.clone(),
            template_ok: judgement.template_ok,
            slots_ok: judgement.slots_ok,
            extra: judgement.extra.clone(),
            response_ms: None,
            keys: conv.keys + 1,
            keys_if_typed: judgement.expected.chars().count() as u32 + 1,
        });
        let accepted = judgement
            .template_ok
            .then(|| judgement.matched.clone())
            .flatten();
        conv.lines.push(Line::Agent {
            text: reply,
            at_us: t_us,
            judgement,
        });
        conv.reply_box.clear();
        conv.keys = 0;
        conv.state = State::Done;
        if let Some((rule, pays_if)) = rule {
            let verdict = broken(&rule, starts, quiet, t_us, conv.sent);
            if let Some(why) = verdict {
                conv.lines.push(Line::Rule {
                    text: why.says(),
                    at_us: t_us,
                });
            }
            let pays = verdict.is_none() && accepted.is_some_and(|c| pays_if.contains(&c));
            if pays {
                conv.state = State::Writing;
                conv.pending = Some((t_us + PAY_AFTER_US, 0));
            }
        }
        conv.sent += 1;
        Applied::Sent { conversation: b }
    }

    /// The buyer of order conversation `b` pays at `at` (logged `paid`).
    pub(super) fn pay(&mut self, at: u64, b: usize) {
        let focused = self.focus == Some(b);
        let conv = &mut self.conversations[b];
        conv.state = State::Done;
        conv.lines.push(Line::Paid { at_us: at });
        if let Some((_, v)) = conv.card.iter_mut().find(|(f, _)| f == ORDER_FIELD) {
            *v = tr!("已付款", "paid");
        }
        if !focused {
            conv.unread += 1;
        }
        self.log.push(Keystroke {
            t_us: at,
            op: Op::Paid { conversation: b },
        });
    }

    /// Care event conversation `b` comes at `at`: it joins the list, open for a 关怀
    /// message (logged as the buyer's first message).
    pub(super) fn care_comes(&mut self, at: u64, b: usize) {
        let Some(care) = self.care_of(b).cloned() else {
            return;
        };
        self.order.push(b);
        let focused = self.focus == Some(b);
        let conv = &mut self.conversations[b];
        conv.state = State::Open;
        let mut desk = care.message.clone();
        desk.card = conv.card.clone();
        conv.desk = Some(desk);
        conv.lines.push(Line::Work {
            text: tr!(
                "{}：{}，可以发一条关怀消息",
                "{}: {} — a care message is due",
                care.buyer,
                care.event
            ),
            at_us: at,
        });
        if !focused {
            conv.unread += 1;
        }
        self.log.push(Keystroke {
            t_us: at,
            op: Op::Buyer {
                conversation: b,
                turn: 0,
            },
        });
    }

    /// Write the draft as the 催付结果备注 of the focused order at `t_us` (logged `note`);
    /// `false` with no 催付 sent there yet, or nothing written.
    pub fn note(&mut self, t_us: u64) -> bool {
        self.advance(t_us);
        let Some(b) = self.focus else {
            return false;
        };
        if self.is_over() || self.order_of(b).is_none() {
            return false;
        }
        let conv = &mut self.conversations[b];
        let text = conv.reply_box.composer().text().trim().to_string();
        if text.is_empty() || conv.sent == 0 {
            return false;
        }
        conv.noted = true;
        conv.keys = 0;
        conv.reply_box.clear();
        conv.lines.push(Line::Note {
            text: text.clone(),
            at_us: t_us,
        });
        self.log.push(Keystroke {
            t_us,
            op: Op::Note {
                conversation: b,
                text,
            },
        });
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(ordered: i32, remind_after: u32, refused: bool) -> OrderRule {
        OrderRule {
            ordered,
            remind_after,
            refused,
        }
    }

    const MIN: u64 = 60_000_000;

    #[test]
    fn the_rules_of_a_reminder() {
        let quiet = (22 * 60, 8 * 60);
        // Ordered 5 minutes before a 20:30 start, remind after 10: too early at 2 min in.
        let r = rule(-5, 10, false);
        assert_eq!(
            broken(&r, 20 * 60 + 30, quiet, 2 * MIN, 0),
            Some(Broken::TooEarly { minutes: 10 })
        );
        assert_eq!(broken(&r, 20 * 60 + 30, quiet, 5 * MIN, 0), None);
        assert_eq!(
            broken(&r, 20 * 60 + 30, quiet, 5 * MIN, 1),
            Some(Broken::Twice)
        );
        // A 21:58 start: 22:01 is in the quiet hours, 21:56 is not.
        assert_eq!(
            broken(&r, 21 * 60 + 58, quiet, 3 * MIN, 0),
            Some(Broken::Quiet)
        );
        assert_eq!(broken(&r, 21 * 60 + 50, quiet, 6 * MIN, 0), None);
        assert_eq!(
            broken(&rule(-60, 10, false), 7 * 60, quiet, 0, 0),
            Some(Broken::Quiet),
            "before 08:00"
        );
        assert_eq!(
            broken(&rule(-60, 10, true), 10 * 60, quiet, 0, 0),
            Some(Broken::Refused)
        );
    }
}
