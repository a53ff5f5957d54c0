//! The work a shift's agent starts: `[[drill.order]]` (待付款 orders to 催付, with the
//! rules a 催付 is judged by) and `[[drill.care]]` (order events that call for a 关怀
//! message), and the shop's clock they are judged on (`starts`, `quiet_hours`).

use super::*;

const ORDER_KEYS: [&str; 12] = [
    "buyer",
    "ordered",
    "items",
    "amount",
    "reason",
    "expect",
    "slots",
    "card",
    "context",
    "pays_if",
    "remind_after",
    "refused",
];
const CARE_KEYS: [&str; 7] = ["buyer", "at", "event", "expect", "slots", "card", "context"];
/// Orders and care events in one shift.
const MAX_WORK: usize = 60;
/// A week, in minutes: how long before the shift an order may have been placed.
const WEEK_MINUTES: i64 = 7 * 24 * 60;

impl Validator<'_> {
    /// `HH:MM` as minutes after midnight.
    pub(super) fn clock_time(&mut self, key: &str, v: &Val<'_>) -> Option<u32> {
        let text = self.clean_str(key, v)?;
        match parse_clock(&text) {
            Some(m) => Some(m),
            None => {
                self.problem(
                    v.span().start,
                    tr!(
                        "{key} = \"{text}\" 不是时间：写成 \"20:30\" 这样的 时:分",
                        "{key} = \"{text}\" is not a time: write it as \"20:30\" (HH:MM)"
                    ),
                );
                None
            }
        }
    }

    /// `HH:MM-HH:MM`: the quiet hours, from the first to the second.
    pub(super) fn quiet_hours(&mut self, v: &Val<'_>) -> Option<(u32, u32)> {
        let text = self.clean_str("quiet_hours", v)?;
        let parsed = text
            .split_once(['-', '～', '~'])
            .and_then(|(a, b)| Some((parse_clock(a.trim())?, parse_clock(b.trim())?)));
        if parsed.is_none() {
            self.problem(
                v.span().start,
                tr!(
                    "quiet_hours = \"{text}\" 应写成 \"22:00-08:00\"（不催付的时段）",
                    "quiet_hours = \"{text}\" must read like \"22:00-08:00\" (no 催付 then)"
                ),
            );
        }
        parsed
    }

    /// The `[[drill.order]]` tables of a shift of `minutes`.
    pub(super) fn orders(
        &mut self,
        v: &Val<'_>,
        templates: &[Template],
        minutes: Option<u32>,
    ) -> Option<Vec<Order>> {
        let tables = self.work_tables("order", "[[drill.order]]", v)?;
        let mut out = Vec::new();
        let mut ok = true;
        for (at, t) in tables {
            match self.order(at, t, templates, minutes) {
                Some(o) => out.push(o),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn order(
        &mut self,
        at: usize,
        t: &Table<'_>,
        templates: &[Template],
        minutes: Option<u32>,
    ) -> Option<Order> {
        let what = "[[drill.order]]";
        self.unknown_keys(t, &ORDER_KEYS, what);
        let buyer = self.required_text(at, t, "buyer", what);
        let items = self.required_text(at, t, "items", what);
        let amount = self.required_text(at, t, "amount", what);
        let reason = self.required_text(at, t, "reason", what);
        let end = i64::from(minutes.unwrap_or(u32::MAX).min(100_000));
        let ordered = match t.get("ordered") {
            None => Some(0),
            Some(v) => self
                .integer("ordered", v, -WEEK_MINUTES, end)
                .map(|n| n as i32),
        };
        let remind_after = match t.get("remind_after") {
            None => Some(10),
            Some(v) => self
                .integer("remind_after", v, 0, WEEK_MINUTES)
                .map(|n| n as u32),
        };
        let refused = self.flag(t, "refused");
        let line = match (&buyer, &items, &amount) {
            (Some(b), Some(i), Some(a)) => format!("{b} · {i} · {a}"),
            _ => String::new(),
        };
        let message = self.message_as(at, t, templates, what, Some(line));
        let pays_if = match t.get("pays_if") {
            // Each fitting 催付 phrase pays, when the teacher names none.
            None => message.as_ref().map(|m| {
                m.expect
                    .iter()
                    .filter(|c| {
                        templates
                            .iter()
                            .any(|t| &t.code == *c && t.group.contains("催付"))
                    })
                    .cloned()
                    .collect()
            }),
            Some(v) => self.string_list("pays_if", v, false).and_then(|codes| {
                let mut ok = true;
                for code in &codes {
                    let group = templates.iter().find(|t| &t.code == code).map(|t| &t.group);
                    if group.is_some_and(|g| !g.contains("催付")) {
                        let g = group.cloned().unwrap_or_default();
                        self.problem(
                            v.span().start,
                            tr!(
                                "pays_if 中的 \"{code}\" 不是催付话术（它在“{g}”分组）：顾客只在催付后付款",
                                "pays_if names \"{code}\", which is no 催付 phrase (its group is “{g}”): buyers pay after a 催付 only"
                            ),
                        );
                        ok = false;
                    } else if !message.as_ref().is_none_or(|m| m.expect.contains(code)) {
                        self.problem(
                            v.span().start,
                            tr!(
                                "pays_if 中的 \"{code}\" 不在 expect 里：不算合适的催付，顾客不会因此付款",
                                "pays_if names \"{code}\", which is not in expect: no fitting 催付, so no buyer pays on it"
                            ),
                        );
                        ok = false;
                    }
                }
                ok.then_some(codes)
            }),
        };
        Some(Order {
            buyer: buyer?,
            ordered: ordered?,
            items: items?,
            amount: amount?,
            reason: reason?,
            message: message?,
            pays_if: pays_if?,
            remind_after: remind_after?,
            refused: refused?,
        })
    }

    /// The `[[drill.care]]` tables of a shift of `minutes`.
    pub(super) fn cares(
        &mut self,
        v: &Val<'_>,
        templates: &[Template],
        minutes: Option<u32>,
    ) -> Option<Vec<Care>> {
        let tables = self.work_tables("care", "[[drill.care]]", v)?;
        let mut out = Vec::new();
        let mut ok = true;
        for (at, t) in tables {
            let what = "[[drill.care]]";
            self.unknown_keys(t, &CARE_KEYS, what);
            let buyer = self.required_text(at, t, "buyer", what);
            let event = self.required_text(at, t, "event", what);
            let when = match t.get("at") {
                None => Some(0),
                Some(v) => {
                    let end = i64::from(minutes.unwrap_or(u32::MAX)).saturating_mul(60);
                    self.integer("at", v, 0, end.saturating_sub(1).max(0))
                        .map(|n| n as u32)
                }
            };
            let message = self.message_as(at, t, templates, what, event.clone());
            match (buyer, when, event, message) {
                (Some(buyer), Some(at), Some(event), Some(message)) => out.push(Care {
                    buyer,
                    at,
                    event,
                    message,
                }),
                _ => ok = false,
            }
        }
        ok.then_some(out)
    }

    /// The tables under `key`, at most [`MAX_WORK`].
    fn work_tables<'a, 'i>(
        &mut self,
        key: &str,
        what: &str,
        v: &'a Val<'i>,
    ) -> Option<Vec<(usize, &'a Table<'i>)>> {
        let tables = self.tables(key, what, v)?;
        if tables.len() > MAX_WORK {
            let n = tables.len();
            self.problem(
                v.span().start,
                tr!(
                    "一个班次最多 {MAX_WORK} 个 {what}，这里有 {n} 个",
                    "a shift has at most {MAX_WORK} {what}, this one {n}"
                ),
            );
            return None;
        }
        Some(tables)
    }
}

/// `HH:MM` (hours 0–23) as minutes after midnight.
pub fn parse_clock(text: &str) -> Option<u32> {
    let (h, m) = text.split_once([':', '：'])?;
    let (h, m): (u32, u32) = (h.trim().parse().ok()?, m.trim().parse().ok()?);
    (h < 24 && m < 60 && m.to_string().len() <= 2).then_some(h * 60 + m)
}
