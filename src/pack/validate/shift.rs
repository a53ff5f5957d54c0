//! A `kind = "shift"` drill: its buyers, their scripts of turns and where each reply
//! leads. Turns that point nowhere, turns no path reaches, codes the pack lacks and
//! arrivals past the end of the shift are problems at their place in the file.

use super::*;

/// The keys of a shift drill besides the common ones.
pub(super) const SHIFT_KEYS: [&str; 10] = [
    "minutes",
    "target_seconds",
    "first_response_seconds",
    "max_wait",
    "seed",
    "buyer",
    "starts",
    "quiet_hours",
    "order",
    "care",
];
/// The shop's clock at the start when `starts` is not written: 09:00.
const DEFAULT_STARTS: u32 = 9 * 60;
/// No 催付 from 22:00 to 08:00 unless `quiet_hours` says otherwise.
pub const DEFAULT_QUIET: (u32, u32) = (22 * 60, 8 * 60);
const BUYER_KEYS: [&str; 5] = ["name", "arrive", "card", "context", "turn"];
const TURN_KEYS: [&str; 12] = [
    "id",
    "customer",
    "expect",
    "slots",
    "on",
    "else",
    "nudge_after",
    "nudges",
    "reply_after",
    "card",
    "transfer",
    "ordered",
];
/// The longest shift, in minutes.
const MAX_MINUTES: i64 = 120;
/// Buyers in one shift, and turns in one buyer's script.
const MAX_BUYERS: usize = 60;
const MAX_TURNS: usize = 40;
/// A turn id naming the end of the conversation.
const END: &str = "end";
/// What a buyer says when a reply is slow and the script says nothing.
pub const DEFAULT_NUDGES: [&str; 2] = ["在吗？", "人呢？？"];

impl Validator<'_> {
    pub(super) fn shift(
        &mut self,
        at: usize,
        t: &Table<'_>,
        templates: &[Template],
        what: &str,
    ) -> Option<Shift> {
        let minutes = match t.get("minutes") {
            None => {
                self.missing(at, "minutes", what);
                None
            }
            Some(v) => self.integer("minutes", v, 1, MAX_MINUTES).map(|n| n as u32),
        };
        let seconds = |v: &mut Self, key: &str, default: Option<u32>| match t.get(key) {
            None => Some(default),
            Some(val) => v.integer(key, val, 1, MAX_SECONDS).map(|n| Some(n as u32)),
        };
        let target_seconds = seconds(self, "target_seconds", Some(30));
        let first_response_seconds = seconds(self, "first_response_seconds", Some(15));
        let max_wait = seconds(self, "max_wait", None);
        let seed = match t.get("seed") {
            None => Some(None),
            Some(v) => self.integer("seed", v, 0, i64::MAX).map(|n| Some(n as u64)),
        };
        let buyers = match t.get("buyer") {
            None => {
                self.missing(at, "[[drill.buyer]]", what);
                None
            }
            Some(v) => {
                let tables = self.tables("buyer", "[[drill.buyer]]", v)?;
                if tables.is_empty() {
                    self.missing(v.span().start, "[[drill.buyer]]", what);
                }
                if tables.len() > MAX_BUYERS {
                    let n = tables.len();
                    self.problem(
                        v.span().start,
                        tr!(
                            "一个班次最多 {MAX_BUYERS} 位顾客，这里有 {n} 位",
                            "a shift has at most {MAX_BUYERS} buyers, this one {n}"
                        ),
                    );
                }
                let mut out = Vec::new();
                let mut ok = !tables.is_empty() && tables.len() <= MAX_BUYERS;
                for (b_at, b) in tables {
                    match self.buyer(b_at, b, templates, minutes) {
                        Some(buyer) => out.push(buyer),
                        None => ok = false,
                    }
                }
                ok.then_some(out)
            }
        };
        let starts = match t.get("starts") {
            None => Some(DEFAULT_STARTS),
            Some(v) => self.clock_time("starts", v),
        };
        let quiet = match t.get("quiet_hours") {
            None => Some(DEFAULT_QUIET),
            Some(v) => self.quiet_hours(v),
        };
        let orders = match t.get("order") {
            None => Some(Vec::new()),
            Some(v) => self.orders(v, templates, minutes),
        };
        let cares = match t.get("care") {
            None => Some(Vec::new()),
            Some(v) => self.cares(v, templates, minutes),
        };
        Some(Shift {
            minutes: minutes?,
            target_seconds: target_seconds?.unwrap_or(30),
            first_response_seconds: first_response_seconds?.unwrap_or(15),
            max_wait: max_wait?,
            seed: seed?,
            buyers: buyers?,
            starts: starts?,
            quiet: quiet?,
            orders: orders?,
            cares: cares?,
        })
    }

    fn buyer(
        &mut self,
        at: usize,
        t: &Table<'_>,
        templates: &[Template],
        minutes: Option<u32>,
    ) -> Option<Buyer> {
        let what = "[[drill.buyer]]";
        self.unknown_keys(t, &BUYER_KEYS, what);
        let name = self.required_text(at, t, "name", what);
        let arrive = match t.get("arrive") {
            None => Some(None),
            Some(v) => self.integer("arrive", v, 0, MAX_SECONDS).and_then(|n| {
                let end = i64::from(minutes.unwrap_or(u32::MAX)).saturating_mul(60);
                if n >= end {
                    self.problem(
                        v.span().start,
                        tr!(
                            "arrive = {n} 秒已经在班次结束之后（班次 {end} 秒）",
                            "arrive = {n} s is after the shift ends ({end} s)"
                        ),
                    );
                    None
                } else {
                    Some(Some(n as u32))
                }
            }),
        };
        let card = match t.get("card") {
            None => Some(Vec::new()),
            Some(v) => self.string_table("card", v),
        };
        let context = match t.get("context") {
            None => Some(None),
            Some(v) => self.clean_str("context", v).map(Some),
        };
        let turns = match t.get("turn") {
            None => {
                self.missing(at, "[[drill.buyer.turn]]", what);
                None
            }
            Some(v) => self.turns(v, templates),
        };
        let (card, context) = (card?, context?);
        let mut turns = turns?;
        // Each turn is judged as a scenario of its own: the buyer's card and notes in it.
        for turn in &mut turns {
            turn.message.card = card.clone();
            turn.message.context = context.clone();
        }
        Some(Buyer {
            name: name?,
            arrive: arrive?,
            card,
            context,
            turns,
        })
    }

    /// A buyer's turns, with `on` and `else` resolved to turn indices, and every turn
    /// reachable from the first.
    fn turns(&mut self, v: &Val<'_>, templates: &[Template]) -> Option<Vec<BuyerTurn>> {
        let tables = self.tables("turn", "[[drill.buyer.turn]]", v)?;
        if tables.is_empty() {
            self.missing(v.span().start, "[[drill.buyer.turn]]", "[[drill.buyer]]");
            return None;
        }
        if tables.len() > MAX_TURNS {
            let n = tables.len();
            self.problem(
                v.span().start,
                tr!(
                    "一位顾客最多 {MAX_TURNS} 条消息，这里有 {n} 条",
                    "a buyer has at most {MAX_TURNS} turns, this one {n}"
                ),
            );
            return None;
        }
        // Ids first, so a turn may point at a later one.
        let mut ids: HashMap<String, usize> = HashMap::new();
        let mut ok = true;
        for (i, (_, t)) in tables.iter().enumerate() {
            let Some(v) = t.get("id") else { continue };
            match self.clean_str("id", v) {
                Some(id) if id == END || !is_id(&id) => {
                    self.problem(
                        v.span().start,
                        tr!(
                            "turn 的 id \"{id}\" 无效：用小写字母、数字和 -（\"end\" 表示对话结束，不能用作 id）",
                            "turn id \"{id}\" is not valid: use a-z, 0-9 and - (\"end\" means the conversation ends and cannot be an id)"
                        ),
                    );
                    ok = false;
                }
                Some(id) if ids.contains_key(&id) => {
                    self.problem(
                        v.span().start,
                        tr!("turn 的 id \"{id}\" 重复了", "duplicate turn id \"{id}\""),
                    );
                    ok = false;
                }
                Some(id) => {
                    ids.insert(id, i);
                }
                None => ok = false,
            }
        }
        let mut out = Vec::new();
        for (t_at, t) in &tables {
            match self.turn(*t_at, t, templates, &ids) {
                Some(turn) => out.push(turn),
                None => ok = false,
            }
        }
        if !ok {
            return None;
        }
        for (i, (t_at, _)) in tables.iter().enumerate() {
            if !reachable(&out).contains(&i) {
                self.problem(
                    *t_at,
                    tr!(
                        "这条消息走不到：前面的回复都不会引到这里（检查 on 和 else）",
                        "no path reaches this turn: no reply before it leads here (check on and else)"
                    ),
                );
                ok = false;
            }
        }
        ok.then_some(out)
    }

    fn turn(
        &mut self,
        at: usize,
        t: &Table<'_>,
        templates: &[Template],
        ids: &HashMap<String, usize>,
    ) -> Option<BuyerTurn> {
        let what = "[[drill.buyer.turn]]";
        self.unknown_keys(t, &TURN_KEYS, what);
        let id = t.get("id").and_then(|v| self.clean_str("id", v));
        let message = self.message(at, t, templates, what);
        let target = |v: &mut Self, key: &str, val: &Val<'_>| -> Option<Next> {
            let name = v.clean_str(key, val)?;
            if name == END {
                return Some(Next::End);
            }
            match ids.get(&name) {
                Some(&i) => Some(Next::Turn(i)),
                None => {
                    v.problem(
                        val.span().start,
                        tr!(
                            "{key} 指向的 \"{name}\" 不是这位顾客的哪条消息（写 turn 的 id，或 \"end\"）",
                            "{key} points at \"{name}\", which is no turn of this buyer (a turn id, or \"end\")"
                        ),
                    );
                    None
                }
            }
        };
        let on = match t.get("on") {
            None => Some(Vec::new()),
            Some(v) => self.table("on", v).and_then(|table| {
                let mut entries: Vec<_> = table.iter().collect();
                entries.sort_by_key(|(k, _)| k.span().start);
                let mut out = Vec::new();
                let mut ok = true;
                for (code, val) in entries {
                    let code_s = code.get_ref().to_string();
                    let accepted = message
                        .as_ref()
                        .is_none_or(|m| m.expect.contains(&code_s));
                    if !accepted {
                        self.problem(
                            code.span().start,
                            tr!(
                                "on 中的 \"{code_s}\" 不在这条消息的 expect 里，这样的回复不算对",
                                "on names \"{code_s}\", which is not in this turn's expect: such a reply is not accepted"
                            ),
                        );
                        ok = false;
                        continue;
                    }
                    match target(self, &format!("on.{code_s}"), val) {
                        Some(next) => out.push((code_s, next)),
                        None => ok = false,
                    }
                }
                ok.then_some(out)
            }),
        };
        let otherwise = match t.get("else") {
            None => Some(None),
            Some(v) => target(self, "else", v).map(Some),
        };
        let nudge_after = match t.get("nudge_after") {
            None => Some(None),
            Some(v) => self
                .integer("nudge_after", v, 1, MAX_SECONDS)
                .map(|n| Some(n as u32)),
        };
        let nudges = match t.get("nudges") {
            None => Some(Vec::new()),
            Some(v) => self.string_list("nudges", v, true),
        };
        let reply_after = match t.get("reply_after") {
            None => Some(5),
            Some(v) => self.integer("reply_after", v, 0, 600).map(|n| n as u32),
        };
        let card = match t.get("card") {
            None => Some(Vec::new()),
            Some(v) => self.string_table("card", v),
        };
        let transfer = self.flag(t, "transfer");
        let ordered = self.flag(t, "ordered");
        let nudge_after = nudge_after?;
        let mut nudges = nudges?;
        if nudge_after.is_some() && nudges.is_empty() {
            nudges = DEFAULT_NUDGES.iter().map(|s| s.to_string()).collect();
        }
        Some(BuyerTurn {
            id,
            message: message?,
            on: on?,
            otherwise: otherwise?,
            nudge_after,
            nudges,
            reply_after: reply_after?,
            card: card?,
            transfer: transfer?,
            ordered: ordered?,
        })
    }
}

/// Where a reply to turn `i` may lead: by each accepted code, and when wrong.
fn successors(turns: &[BuyerTurn], i: usize) -> Vec<Next> {
    let Some(turn) = turns.get(i) else {
        return Vec::new();
    };
    let mut out: Vec<Next> = turn
        .message
        .expect
        .iter()
        .map(|code| turn.next(i, turns.len(), Some(code)))
        .collect();
    out.push(turn.next(i, turns.len(), None));
    out
}

/// The turns a conversation can reach from its first.
fn reachable(turns: &[BuyerTurn]) -> BTreeSet<usize> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![0];
    while let Some(i) = stack.pop() {
        if i >= turns.len() || !seen.insert(i) {
            continue;
        }
        for next in successors(turns, i) {
            if let Next::Turn(j) = next {
                stack.push(j);
            }
        }
    }
    seen
}
