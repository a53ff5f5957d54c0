//! `verify` for the code drills, pure: a recall session replayed item by item with the
//! trainer's own [`RecallSession`]; a recite session's per-item messages recomputed from
//! its log (its typing figures are the engine's and checked like a phrases drill).

use crate::engine::Rules;
use crate::record::{MessageResult, SessionRecord};
use crate::reply::recall::{RecallSession, items_of_record};
use crate::reply::recite::{ItemResult, item_results};
use crate::verify::Problem;

/// The message fields the log decides, compared item by item: the first that differs
/// (or a count that differs) is reported as `#N code right response_ms keys`.
fn messages(problems: &mut Vec<Problem>, recorded: &[MessageResult], recomputed: &[MessageResult]) {
    let show = |i: usize, m: Option<&MessageResult>| match m {
        Some(m) => format!(
            "#{} {} {} {} {}",
            i + 1,
            m.code.as_deref().unwrap_or("—"),
            if m.template_ok { "✓" } else { "✗" },
            m.response_ms
                .map_or("—".to_string(), |ms| format!("{ms}ms")),
            m.keys
        ),
        None => format!("#{} —", i + 1),
    };
    let same = |a: &MessageResult, b: &MessageResult| {
        (a.code.as_ref(), a.template_ok, a.response_ms, a.keys)
            == (b.code.as_ref(), b.template_ok, b.response_ms, b.keys)
    };
    let n = recorded.len().max(recomputed.len());
    if let Some(i) = (0..n).find(|&i| match (recorded.get(i), recomputed.get(i)) {
        (Some(a), Some(b)) => !same(a, b),
        _ => true,
    }) {
        problems.push(Problem::Figure {
            name: "messages",
            recorded: show(i, recorded.get(i)),
            recomputed: show(i, recomputed.get(i)),
        });
    }
}

/// A recall session's log replayed item by item: the typed codes, the messages and
/// the log's marks.
pub fn recall(s: &SessionRecord, problems: &mut Vec<Problem>) {
    let limit = s.time_limit.map(|t| u64::from(t) * 1_000_000);
    let time_up = s.completed && limit.is_some();
    let (replayed, wrong_flags, impossible) =
        RecallSession::replay(items_of_record(s), limit, s.strict, &s.keystrokes, time_up);
    // The figures are compared in `verify::check`, against the one recomputation; the
    // replay here checks what the record says happened, item by item.
    let r = replayed.summary();
    if s.typed != r.typed {
        problems.push(Problem::Typed);
    }
    let recorded = s.messages.as_deref().unwrap_or(&[]);
    messages(problems, recorded, &r.messages);
    if wrong_flags > 0 {
        problems.push(Problem::OkFlags { count: wrong_flags });
    }
    if impossible > 0 {
        problems.push(Problem::Impossible { count: impossible });
    }
}

/// Recompute a recite session's messages from its log (`segments`: the typed texts).
pub fn recite_messages(s: &SessionRecord, segments: &[String], problems: &mut Vec<Problem>) {
    let rules = Rules {
        strict: s.strict,
        time_limit_us: s.time_limit.map(|t| u64::from(t) * 1_000_000),
        shown_not_typed: false,
    };
    let results: Vec<ItemResult> = item_results(segments, rules, &s.keystrokes);
    let recorded = s.messages.as_deref().unwrap_or(&[]);
    let recomputed: Vec<MessageResult> = results
        .iter()
        .map(|r| {
            // The code is the record's own; the log decides the rest.
            let code = recorded.get(r.index).and_then(|m| m.code.clone());
            r.message(String::new(), Vec::new(), code, 0)
        })
        .collect();
    messages(problems, recorded, &recomputed);
}

/// The codes a code session asked: a recall's target lines, a recite's expected codes.
pub fn asked_codes(s: &SessionRecord) -> Vec<&str> {
    match s.kind {
        crate::record::Kind::Recall => s.target.split('\n').filter(|c| !c.is_empty()).collect(),
        _ => s
            .messages
            .as_deref()
            .unwrap_or(&[])
            .iter()
            .filter_map(|m| m.expect.first().map(String::as_str))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::{Batch, Key, Rules};
    use crate::pack::{Drill, DrillBody, Pack, Template};
    use crate::record::Student;
    use crate::reply::codes::{GENERATED_RECALL, GENERATED_RECITE};
    use crate::reply::recall::{RecallKey, RecallSession, recall_items};
    use crate::reply::recite::{ReciteItem, ReciteSession};
    use crate::testing::template;
    use crate::verify::{Problem, check};

    fn pack() -> Pack {
        crate::testing::pack(
            vec![
                template("zd", "售前", "亲，在的呢[微笑]"),
                template("fh", "售前", "已经发货啦"),
            ],
            vec![],
        )
    }

    fn drill(id: &str, body: DrillBody) -> Drill {
        Drill::plain(id, "t".into(), body)
    }

    fn at() -> chrono::DateTime<chrono::FixedOffset> {
        chrono::DateTime::parse_from_rfc3339("2026-12-02T09:00:00+08:00").expect("time")
    }

    #[test]
    fn an_honest_recall_holds_and_a_forged_one_does_not() {
        let p = pack();
        let d = drill(
            GENERATED_RECALL,
            DrillBody::Recall {
                group: None,
                count: None,
            },
        );
        let picked: Vec<&Template> = p.templates.iter().collect();
        let mut s = RecallSession::new(recall_items(&p, &picked, 1), None);
        s.start(0);
        let code = s.current().map(|(i, _)| i.code.clone()).expect("item");
        let mut keys: Vec<RecallKey> = code.chars().map(RecallKey::Char).collect();
        keys.push(RecallKey::Enter);
        s.apply(1_200_000, &keys);
        s.apply(3_000_000, &[RecallKey::Char('x'), RecallKey::Enter]);
        let r = s.record(&p, &d, "id".into(), at());
        let checked = check(&r, std::slice::from_ref(&p));
        assert_eq!(
            checked.problems,
            vec![],
            "generated drills are in no pack file"
        );
        assert!(!checked.not_recomputed);

        let mut forged = r.clone();
        forged.accuracy = 100.0;
        if let Some(m) = forged.messages.as_mut().and_then(|m| m.get_mut(1)) {
            m.template_ok = true;
        }
        let names: Vec<&str> = check(&forged, &[])
            .problems
            .iter()
            .filter_map(|p| match p {
                Problem::Figure { name, .. } => Some(*name),
                _ => None,
            })
            .collect();
        assert_eq!(names, ["accuracy", "messages"]);

        let mut other = r.clone();
        other.target = "zz\nfh".into();
        assert!(check(&other, &[p]).problems.contains(&Problem::PackText));
    }

    #[test]
    fn an_honest_recite_holds_and_a_claimed_memory_does_not() {
        let p = pack();
        let d = drill(
            GENERATED_RECITE,
            DrillBody::Recite {
                group: None,
                count: None,
            },
        );
        let items: Vec<ReciteItem> = p.templates.iter().map(ReciteItem::of).collect();
        let mut s = ReciteSession::new(items, Rules::default());
        let keys = |t: &str| Batch::Keys(t.chars().map(Key::Char).collect());
        s.apply(0, &keys("亲，在的呢"));
        s.hint(1_000_000);
        s.apply(2_000_000, &keys("已经发货啦"));
        let r = s.record(&p, &d, Student::default(), at());
        assert_eq!(r.mode, Some(crate::record::Mode::Recite));
        let checked = check(&r, std::slice::from_ref(&p));
        assert_eq!(checked.problems, vec![]);
        assert!(!checked.not_recomputed);
        let mut forged = r.clone();
        if let Some(m) = forged.messages.as_mut().and_then(|m| m.get_mut(1)) {
            m.template_ok = true;
        }
        assert!(check(&forged, &[]).problems.iter().any(|p| matches!(
            p,
            Problem::Figure {
                name: "messages",
                ..
            }
        )));
    }
}
