//! A session against the teacher's copy of its pack (the reference): what is graded —
//! the drill's text, its phrases, its customer messages and accepted codes, the codes
//! asked, and its rules — must be the teacher's. The record's `pack_hash` covers the
//! whole file, so a typo fixed in another drill changes it without changing this one:
//! a different hash alone is a note. The drill itself is compared from what the record
//! carries, whatever hash it claims.

use crate::pack::{Drill, DrillBody, Pack, PhraseOrder, Scenario};
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
    if matches!(session.kind, Kind::Recall | Kind::Recite)
        && !crate::verify::codes::codes_in_pack(session, pack)
    {
        problems.push(Problem::PackText);
    }
    let Some(drill) = pack.drill(&session.drill) else {
        // The code drills home offers for every pack are in no pack file.
        if !crate::reply::codes::is_generated(&session.drill) {
            problems.push(Problem::NoDrill);
        }
        return;
    };
    let same = match &drill.body {
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
            session.kind == Kind::Recall && codes_in_group(session, pack, group.as_deref())
        }
        DrillBody::Recite { group, .. } => {
            session.kind == Kind::Recite
                && codes_in_group(session, pack, group.as_deref())
                && recited_texts_fit(session, pack)
        }
    };
    if !same {
        problems.push(if drill.kind() == crate::pack::DrillKind::QuickReply {
            Problem::PackMessages
        } else {
            Problem::PackText
        });
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

/// A code drill's codes all belong to its group, when it has one.
fn codes_in_group(session: &SessionRecord, pack: &Pack, group: Option<&str>) -> bool {
    let Some(group) = group else {
        return true;
    };
    crate::verify::codes::asked_codes(session)
        .iter()
        .all(|c| pack.template(c).is_some_and(|t| t.group == group))
}

/// A recite record's lines are the teacher's replies for its codes, as recite types
/// them.
fn recited_texts_fit(session: &SessionRecord, pack: &Pack) -> bool {
    let codes = crate::verify::codes::asked_codes(session);
    if session.target.is_empty() {
        return true;
    }
    let lines: Vec<&str> = session.target.split('\n').collect();
    lines.len() == codes.len()
        && lines.iter().zip(&codes).all(|(line, code)| {
            pack.template(code)
                .is_some_and(|t| crate::reply::recite::ReciteItem::of(t).typable() == *line)
        })
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
}
