//! A session against the teacher's copy of its pack (the reference): what is graded —
//! the drill's text, its phrases, its customer messages and accepted codes, the codes
//! asked, and its rules — must be the teacher's. The record's `pack_hash` covers the
//! whole file, so a typo fixed in another drill changes it without changing this one:
//! a different hash alone is a note. The drill itself is compared from what the record
//! carries, whatever hash it claims.

use crate::pack::{Drill, DrillBody, Pack, PhraseOrder, Scenario, Shift, Template};
use crate::record::{Kind, SessionRecord};
use crate::verify::Problem;
use std::collections::HashMap;

/// Compare `session` with its drill in `pack` (the teacher's copy of its pack).
pub fn compare(session: &SessionRecord, pack: &Pack, problems: &mut Vec<Problem>) {
    if pack.hash != session.pack_hash {
        problems.push(Problem::PackHash {
            version: session.pack_version.clone(),
        });
    }
    // A code session names codes by the line, as many as its file holds: each is
    // looked up once in an index of the teacher's templates.
    let codes =
        matches!(session.kind, Kind::Recall | Kind::Recite).then(|| Codes::of(session, pack));
    if codes.as_ref().is_some_and(|c| !c.all_in_pack()) {
        problems.push(Problem::PackText);
    }
    let Some(drill) = pack.drill(&session.drill) else {
        // The code drills home offers for every pack are in no pack file.
        if !crate::reply::codes::is_generated(&session.drill) {
            problems.push(Problem::NoDrill);
        }
        return;
    };
    let same = match &*drill.body {
        DrillBody::Text { text } => session.kind == Kind::Text && &session.target == text,
        DrillBody::Phrases {
            phrases,
            order,
            count,
        } => session.kind == Kind::Phrases && phrases_fit(&session.target, phrases, *order, *count),
        DrillBody::QuickReply {
            scenarios,
            target_seconds,
        } => {
            if session.kind == Kind::QuickReply
                && session.target_seconds.is_some_and(|t| t != *target_seconds)
            {
                problems.push(Problem::PackRules);
            }
            session.kind == Kind::QuickReply && messages_fit(session, scenarios)
        }
        DrillBody::Recall { group, .. } => {
            session.kind == Kind::Recall
                && codes.as_ref().is_some_and(|c| c.in_group(group.as_deref()))
        }
        DrillBody::Recite { group, .. } => {
            session.kind == Kind::Recite
                && codes
                    .as_ref()
                    .is_some_and(|c| c.in_group(group.as_deref()) && c.recited_fit(session))
        }
        DrillBody::Shift(shift) => session.kind == Kind::Shift && shift_fits(session, shift),
    };
    if !same {
        use crate::pack::DrillKind;
        problems.push(
            if matches!(drill.kind(), DrillKind::QuickReply | DrillKind::Shift) {
                Problem::PackMessages
            } else {
                Problem::PackText
            },
        );
    }
    if !same_rules(session, drill) {
        problems.push(Problem::PackRules);
    }
}

/// Time limit, Backspace and pass line as the teacher wrote them.
fn same_rules(session: &SessionRecord, drill: &Drill) -> bool {
    drill.time_limit == session.time_limit
        && drill.strict == session.strict
        && drill.pass == session.pass
}

/// A phrases record's target (its round, joined by line breaks) is a round of the
/// teacher's phrases: as many as `count` takes, in order when the order is fixed, each
/// at most as often as the teacher wrote it.
fn phrases_fit(target: &str, phrases: &[String], order: PhraseOrder, count: Option<usize>) -> bool {
    if target.is_empty() {
        // Left before the first phrase: nothing was typed against anything.
        return true;
    }
    if phrases.iter().any(|p| p.contains('\n')) {
        // A phrase with a line break of its own: the round cannot be split back into
        // phrases, so only that the target is made of them could be said; say nothing.
        return true;
    }
    let lines: Vec<&str> = target.split('\n').collect();
    let round = count.map_or(phrases.len(), |n| n.max(1).min(phrases.len()));
    if lines.len() != round {
        return false;
    }
    if order == PhraseOrder::Fixed {
        return lines.iter().zip(phrases).all(|(a, b)| *a == b);
    }
    let mut left: HashMap<&str, usize> = HashMap::new();
    for p in phrases {
        *left.entry(p.as_str()).or_default() += 1;
    }
    lines.iter().all(|l| match left.get_mut(l) {
        Some(n) if *n > 0 => {
            *n -= 1;
            true
        }
        _ => false,
    })
}

/// The customer messages shown, in order, are the teacher's scenarios with the codes
/// the teacher accepts; a session that ran to its end (not cut by the clock) showed
/// them all.
fn messages_fit(session: &SessionRecord, scenarios: &[Scenario]) -> bool {
    let messages = session.messages.as_deref().unwrap_or(&[]);
    if messages.len() > scenarios.len() {
        return false;
    }
    let each = messages
        .iter()
        .zip(scenarios)
        .all(|(m, s)| m.customer == s.customer.join("\n") && m.expect == s.expect);
    let ran_out = crate::figures::time_up(session);
    each && (!session.completed || ran_out || messages.len() == scenarios.len())
}

/// A shift's rules and buyers as the teacher wrote them, and every message answered one
/// of the script's, with its accepted codes.
fn shift_fits(session: &SessionRecord, shift: &Shift) -> bool {
    let Some(info) = &session.shift else {
        return false;
    };
    let names = shift.buyers.iter().map(|b| &b.name);
    let rules = info.minutes == shift.minutes
        && info.first_response_seconds == shift.first_response_seconds
        && info.max_wait == shift.max_wait
        && shift.seed.is_none_or(|seed| seed == info.seed)
        && info.buyers.len() == shift.buyers.len()
        && info.buyers.iter().eq(names)
        && same_work(info.work.as_ref(), shift)
        && session
            .target_seconds
            .is_none_or(|t| t == shift.target_seconds);
    // The agent's own messages answer an order's line or a care event.
    let own: Vec<&crate::pack::Scenario> = shift
        .orders
        .iter()
        .map(|o| &o.message)
        .chain(shift.cares.iter().map(|c| &c.message))
        .collect();
    let scripted = |customer: &str, expect: &[String]| {
        shift.buyers.iter().flat_map(|b| &b.turns).any(|t| {
            t.message.expect == expect
                && (t.message.customer.join("\n") == customer
                    || t.nudges.iter().any(|n| n == customer))
        }) || own
            .iter()
            .any(|m| m.expect == expect && m.customer.join("\n") == customer)
    };
    rules
        && session
            .messages
            .as_deref()
            .unwrap_or(&[])
            .iter()
            .all(|m| scripted(&m.customer, &m.expect))
}

/// The rules of the agent's own work as the teacher wrote them: the shop's clock, the
/// quiet hours, each order's timing and refusal, the care events.
fn same_work(work: Option<&crate::record::WorkInfo>, shift: &Shift) -> bool {
    match work {
        None => shift.orders.is_empty() && shift.cares.is_empty(),
        Some(w) => {
            w.starts == shift.starts
                && w.quiet == shift.quiet
                && w.cares as usize == shift.cares.len()
                && w.orders.len() == shift.orders.len()
                && w.orders
                    .iter()
                    .zip(&shift.orders)
                    .all(|(r, o)| *r == crate::reply::shift::work::rule_of(o))
        }
    }
}

/// The codes a code session asked, each with the teacher's template of that code.
struct Codes<'a> {
    asked: Vec<(&'a str, Option<&'a Template>)>,
}

impl<'a> Codes<'a> {
    fn of(session: &'a SessionRecord, pack: &'a Pack) -> Codes<'a> {
        let index: HashMap<&str, &Template> = pack
            .templates
            .iter()
            .map(|t| (t.code.as_str(), t))
            .collect();
        let asked = crate::verify::codes::asked_codes(session)
            .into_iter()
            .map(|c| (c, index.get(c).copied()))
            .collect();
        Codes { asked }
    }

    /// Every code asked is one of the teacher's templates.
    fn all_in_pack(&self) -> bool {
        self.asked.iter().all(|(_, t)| t.is_some())
    }

    /// …of `group`, when the drill has one.
    fn in_group(&self, group: Option<&str>) -> bool {
        group.is_none_or(|g| {
            self.asked
                .iter()
                .all(|(_, t)| t.is_some_and(|t| t.group == g))
        })
    }

    /// A recite record's lines are the teacher's replies for its codes, as recite
    /// types them (each reply worked out once, however often its code was asked).
    fn recited_fit(&self, session: &SessionRecord) -> bool {
        if session.target.is_empty() {
            return true;
        }
        let lines: Vec<&str> = session.target.split('\n').collect();
        if lines.len() != self.asked.len() {
            return false;
        }
        let mut typable: HashMap<&str, String> = HashMap::new();
        lines.iter().zip(&self.asked).all(|(line, (code, t))| {
            t.is_some_and(|t| {
                typable
                    .entry(code)
                    .or_insert_with(|| crate::reply::recite::ReciteItem::of(t).typable())
                    == line
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrases(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_round_of_phrases_is_the_teachers() {
        let p = phrases(&["亲", "在的", "好的"]);
        assert!(phrases_fit(
            "在的\n亲\n好的",
            &p,
            PhraseOrder::Shuffle,
            None
        ));
        assert!(phrases_fit("好的\n亲", &p, PhraseOrder::Shuffle, Some(2)));
        // Fewer than the round: a drill cut short in the student's copy.
        assert!(!phrases_fit("好的", &p, PhraseOrder::Shuffle, Some(2)));
        // A phrase twice, or one the teacher did not write.
        assert!(!phrases_fit("亲\n亲\n好的", &p, PhraseOrder::Shuffle, None));
        assert!(!phrases_fit("亲\n在\n好的", &p, PhraseOrder::Shuffle, None));
        // Fixed order is the teacher's order.
        assert!(phrases_fit("亲\n在的", &p, PhraseOrder::Fixed, Some(2)));
        assert!(!phrases_fit("在的\n亲", &p, PhraseOrder::Fixed, Some(2)));
        assert!(phrases_fit("", &p, PhraseOrder::Fixed, None));
    }

    fn message(customer: &str, expect: &[&str]) -> crate::record::MessageResult {
        crate::record::MessageResult {
            customer: customer.into(),
            expect: expect.iter().map(|c| c.to_string()).collect(),
            code: None,
            reply: String::new(),
            template_ok: false,
            slots_ok: false,
            extra: None,
            response_ms: None,
            keys: 0,
            keys_if_typed: 0,
        }
    }

    fn scenario(customer: &str, expect: &[&str]) -> Scenario {
        Scenario {
            customer: vec![customer.into()],
            expect: expect.iter().map(|c| c.to_string()).collect(),
            slots: vec![],
            card: vec![],
            context: None,
        }
    }

    #[test]
    fn quick_reply_messages_are_the_teachers_scenarios() {
        let mut r = crate::testing::typed("q", "2026-12-07T10:00:00+08:00", 3, 1_000_000, true);
        r.kind = Kind::QuickReply;
        let teacher = [
            scenario("在吗", &["hy"]),
            scenario("发货了吗", &["fh", "wl"]),
        ];
        r.messages = Some(vec![
            message("在吗", &["hy"]),
            message("发货了吗", &["fh", "wl"]),
        ]);
        assert!(messages_fit(&r, &teacher));
        // Another accepted code, another message, or the last scenario dropped from a
        // session that ran to its end.
        r.messages = Some(vec![
            message("在吗", &["hy", "zj"]),
            message("发货了吗", &["fh", "wl"]),
        ]);
        assert!(!messages_fit(&r, &teacher));
        r.messages = Some(vec![message("在吗？", &["hy"])]);
        assert!(!messages_fit(&r, &teacher));
        r.messages = Some(vec![message("在吗", &["hy"])]);
        assert!(!messages_fit(&r, &teacher));
        // Left after the first message: what was shown is the teacher's.
        r.completed = false;
        assert!(messages_fit(&r, &teacher));
    }

    #[test]
    fn code_sessions_ask_the_teachers_codes_of_the_group() {
        use crate::testing::template;
        let mut pack = crate::testing::pack(
            vec![
                template("hy", "售前", "亲，在的"),
                template("fh", "售后", "已发货"),
            ],
            vec![],
        );
        let mut r = crate::testing::typed("c", "2026-12-07T10:00:00+08:00", 3, 1_000_000, true);
        r.kind = Kind::Recite;
        r.messages = Some(vec![message("", &["hy"]), message("", &["fh"])]);
        r.target = "亲，在的\n已发货".into();
        let codes = Codes::of(&r, &pack);
        assert!(codes.all_in_pack() && codes.recited_fit(&r));
        assert!(codes.in_group(None) && !codes.in_group(Some("售前")));
        // The student's copy shortened a reply.
        r.target = "亲\n已发货".into();
        assert!(!Codes::of(&r, &pack).recited_fit(&r));
        // A code the teacher's pack does not have.
        pack.templates.pop();
        assert!(!Codes::of(&r, &pack).all_in_pack());
    }
}
