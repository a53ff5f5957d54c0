//! `verify` for the code drills, pure: a recall session replayed item by item with the
//! trainer's own [`RecallSession`]; a recite session's per-item messages recomputed from
//! its log (its typing figures are the engine's and checked like a phrases drill).

use crate::engine::Rules;
use crate::pack::Pack;
use crate::record::{MessageResult, SessionRecord};
use crate::reply::recall::{RecallSession, items_of_record};
use crate::reply::recite::{ItemResult, item_results};
use crate::verify::Problem;

fn figure(problems: &mut Vec<Problem>, name: &'static str, recorded: String, recomputed: String) {
    if recorded != recomputed {
        problems.push(Problem::Figure {
            name,
            recorded,
            recomputed,
        });
    }
}

fn float(problems: &mut Vec<Problem>, name: &'static str, recorded: f64, recomputed: f64) {
    if !crate::verify::close(recorded, recomputed) {
        problems.push(Problem::Figure {
            name,
            recorded: format!("{recorded:.2}"),
            recomputed: format!("{recomputed:.2}"),
        });
    }
}

/// The message fields the log decides, one line per message, for comparing.
fn logged_fields(messages: &[MessageResult]) -> String {
    messages
        .iter()
        .map(|m| {
            format!(
                "{:?} {} {:?} {}",
                m.code, m.template_ok, m.response_ms, m.keys
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Recompute a recall session from its log.
pub fn recall(s: &SessionRecord, problems: &mut Vec<Problem>) {
    let limit = s.time_limit.map(|t| u64::from(t) * 1_000_000);
    let time_up = s.completed && limit.is_some();
    let (replayed, wrong_flags, impossible) =
        RecallSession::replay(items_of_record(s), limit, &s.keystrokes, time_up);
    let r = replayed.summary();
    float(problems, "cpm", s.cpm, r.cpm);
    float(problems, "accuracy", s.accuracy, r.accuracy);
    float(problems, "kpm", s.kpm, r.kpm);
    figure(
        problems,
        "duration_ms",
        s.duration_ms.to_string(),
        (r.duration_us / 1000).to_string(),
    );
    figure(
        problems,
        "completed",
        s.completed.to_string(),
        r.completed.to_string(),
    );
    figure(
        problems,
        "backspaces",
        s.backspaces.to_string(),
        r.backspaces.to_string(),
    );
    figure(
        problems,
        "errors",
        s.errors.to_string(),
        (r.answered - r.right).to_string(),
    );
    let passed = s
        .pass
        .as_ref()
        .map(|p| r.completed && r.cpm >= p.cpm && r.accuracy >= p.accuracy);
    let shown = |p: Option<bool>| p.map_or("null".to_string(), |p| p.to_string());
    figure(problems, "passed", shown(s.passed), shown(passed));
    if s.typed != r.typed {
        problems.push(Problem::Typed);
    }
    let recorded = s.messages.as_deref().unwrap_or(&[]);
    figure(
        problems,
        "messages",
        logged_fields(recorded),
        logged_fields(&r.messages),
    );
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
    };
    let results: Vec<ItemResult> = item_results(segments, rules, &s.keystrokes);
    let recorded = s.messages.as_deref().unwrap_or(&[]);
    let recomputed: Vec<MessageResult> = results
        .iter()
        .map(|r| {
            let right = r.remembered();
            MessageResult {
                customer: String::new(),
                expect: Vec::new(),
                // The code is the record's own; the log decides the rest.
                code: recorded.get(r.index).and_then(|m| m.code.clone()),
                reply: r.typed.clone(),
                template_ok: right,
                slots_ok: right,
                extra: None,
                response_ms: r
                    .finished
                    .then(|| r.end_us.saturating_sub(r.start_us) / 1000),
                keys: r.keys,
                keys_if_typed: 0,
            }
        })
        .collect();
    figure(
        problems,
        "messages",
        logged_fields(recorded),
        logged_fields(&recomputed),
    );
}

/// A code session against the teacher's pack: every code asked is one of its templates.
pub fn codes_in_pack(s: &SessionRecord, pack: &Pack) -> bool {
    let codes: Vec<&str> = match s.kind.as_str() {
        "recall" => s.target.split('\n').filter(|c| !c.is_empty()).collect(),
        _ => s
            .messages
            .as_deref()
            .unwrap_or(&[])
            .iter()
            .filter_map(|m| m.expect.first().map(String::as_str))
            .collect(),
    };
    codes.iter().all(|c| pack.template(c).is_some())
}
