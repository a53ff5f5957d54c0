//! `verify` for quick-reply sessions, pure. With the drill at hand (the teacher's
//! `--pack`, or the built-in pack the session was made with) the log is replayed
//! through the trainer's own [`QuickReplySession`](crate::reply::quickreply::QuickReplySession)
//! and the whole record compared with the one it gives. Without it, what the log alone
//! decides is checked: each message's code, response time and keys, the time spent
//! answering, kpm, backspaces and errors, and that the record agrees with itself.

use crate::cost::Meter;
use crate::figures::answering_us;
use crate::pack::{Drill, DrillBody, Pack};
use crate::record::{Keystroke, MessageResult, Op, SessionRecord};
use crate::reply::quickreply::logged_messages;
use crate::reply::replay::{Outcome, Steer, replay_metered};
use crate::verify::{Problem, figure, float};
use unicode_segmentation::UnicodeSegmentation;

const US_PER_MINUTE: f64 = 60_000_000.0;

/// How far a quick-reply session was recomputed.
#[derive(Debug, Clone, PartialEq)]
pub enum Recomputed {
    /// Replayed: the record the trainer's session gives from the log.
    Replayed(Box<SessionRecord>),
    /// Found not to replay.
    Full,
    /// Only what the log alone decides (no drill to replay, or too ambiguous).
    LogOnly,
    /// The steps given ran out during the replay: only what the log alone decides.
    OverCost,
}

/// Check a quick-reply session against `packs` (the teacher's copies). The replay is
/// charged to `meter`; when it runs out, only what the log alone decides is checked.
pub fn quickreply(
    s: &SessionRecord,
    packs: &[Pack],
    problems: &mut Vec<Problem>,
    meter: &mut Meter,
) -> Recomputed {
    let recorded = s.messages.as_deref().unwrap_or(&[]);
    let mut decided = Recomputed::LogOnly;
    if let Some((pack, drill)) = drill_of(s, packs) {
        // cpm counts the right hand-typed graphemes kept over the time spent answering.
        let minutes = answering_us(&s.keystrokes) as f64 / US_PER_MINUTE;
        let kept = s.cpm * minutes;
        // accuracy is the share of those typed by hand marked right; errors the rest.
        let hand = f64::from(s.errors) * 100.0 / (100.0 - s.accuracy);
        let count = |x: f64| (0.0..1e9).contains(&x).then(|| x.round() as u32);
        let steer = Steer {
            replies: recorded.iter().map(|m| m.reply.as_str()).collect(),
            kept_ok: count(kept),
            hand_typed: if s.errors > 0 { count(hand) } else { None },
        };
        match replay_metered(pack, drill, &s.keystrokes, &steer, meter) {
            Outcome::Replayed(session) => {
                let r = session.record(pack, drill, s.id.clone(), s.started_at);
                against(s, &r, problems);
                return Recomputed::Replayed(Box::new(r));
            }
            Outcome::Stuck { .. } => {
                problems.push(Problem::Typed);
                decided = Recomputed::Full;
            }
            Outcome::OverCost => decided = Recomputed::OverCost,
            Outcome::Undecided | Outcome::NotQuickReply => {}
        }
    }
    from_log(s, problems);
    decided
}

/// The drill to replay: the teacher's copy, else the built-in pack of that id when it
/// is the very version the session was made with.
fn drill_of<'a>(s: &SessionRecord, packs: &'a [Pack]) -> Option<(&'a Pack, &'a Drill)> {
    let quick = |p: &'a Pack| {
        p.drill(&s.drill)
            .filter(|d| matches!(*d.body, DrillBody::QuickReply { .. }))
            .map(|d| (p, d))
    };
    if let Some(p) = packs.iter().find(|p| p.id == s.pack) {
        return quick(p);
    }
    static BUILTIN: std::sync::OnceLock<Vec<Pack>> = std::sync::OnceLock::new();
    BUILTIN
        .get_or_init(crate::pack::builtin)
        .iter()
        .find(|p| p.id == s.pack && p.hash == s.pack_hash)
        .and_then(quick)
}

/// The record against the one the replay gives.
pub(crate) fn against(s: &SessionRecord, r: &SessionRecord, problems: &mut Vec<Problem>) {
    let floats = [
        ("cpm", s.cpm, r.cpm),
        ("net_cpm", s.net_cpm, r.net_cpm),
        ("wpm", s.wpm, r.wpm),
        ("kpm", s.kpm, r.kpm),
        ("accuracy", s.accuracy, r.accuracy),
        ("consistency", s.consistency, r.consistency),
    ];
    for (name, recorded, recomputed) in floats {
        float(problems, name, recorded, recomputed);
    }
    let shown = |p: Option<bool>| p.map_or("null".to_string(), |p| p.to_string());
    let exact = [
        (
            "duration_ms",
            s.duration_ms.to_string(),
            r.duration_ms.to_string(),
        ),
        (
            "completed",
            s.completed.to_string(),
            r.completed.to_string(),
        ),
        (
            "backspaces",
            s.backspaces.to_string(),
            r.backspaces.to_string(),
        ),
        (
            "corrections",
            s.corrections.to_string(),
            r.corrections.to_string(),
        ),
        ("errors", s.errors.to_string(), r.errors.to_string()),
        (
            "halfwidth",
            s.halfwidth.to_string(),
            r.halfwidth.to_string(),
        ),
        ("passed", shown(s.passed), shown(r.passed)),
    ];
    for (name, recorded, recomputed) in exact {
        figure(problems, name, recorded, recomputed);
    }
    if s.typed != r.typed {
        problems.push(Problem::Typed);
    }
    if s.target != r.target {
        problems.push(Problem::Target);
    }
    let recomputed: Vec<Vec<Field>> = r
        .messages
        .as_deref()
        .unwrap_or(&[])
        .iter()
        .map(fields)
        .collect();
    messages(problems, s.messages.as_deref().unwrap_or(&[]), &recomputed);
}

/// What the log alone decides, and the record's agreement with itself.
fn from_log(s: &SessionRecord, problems: &mut Vec<Problem>) {
    let log = &s.keystrokes;
    let impossible = out_of_place(log);
    if impossible > 0 {
        problems.push(Problem::Impossible { count: impossible });
    }
    let answering_us = answering_us(log);
    let minutes = answering_us as f64 / US_PER_MINUTE;
    let events = log
        .iter()
        .filter(|k| !matches!(k.op, Op::Show { .. }))
        .count();
    let count = |f: fn(&Op) -> bool| log.iter().filter(|k| f(&k.op)).count();
    let kpm = if minutes > 0.0 {
        events as f64 / minutes
    } else {
        0.0
    };
    float(problems, "kpm", s.kpm, kpm);
    // Handwork is logged with its mark; phrase-list filters are always marked right.
    let errors = count(|op| matches!(op, Op::Input { ok: false, .. }));
    let backspaces = count(|op| matches!(op, Op::Backspace));
    let logged = logged_messages(log);
    let ended: Vec<_> = logged.iter().filter(|m| m.ended).collect();
    let completed =
        s.completed && ended.len() == logged.len() && ended.iter().all(|m| !m.abandoned);
    let passed = crate::figures::Figures::of(s).passed;
    let shown = |p: Option<bool>| p.map_or("null".to_string(), |p| p.to_string());
    let exact = [
        (
            "duration_ms",
            s.duration_ms.to_string(),
            (answering_us / 1000).to_string(),
        ),
        ("completed", s.completed.to_string(), completed.to_string()),
        (
            "backspaces",
            s.backspaces.to_string(),
            backspaces.to_string(),
        ),
        ("errors", s.errors.to_string(), errors.to_string()),
        ("corrections", s.corrections.to_string(), "0".to_string()),
        ("halfwidth", s.halfwidth.to_string(), "0".to_string()),
        ("passed", shown(s.passed), shown(passed)),
    ];
    for (name, recorded, recomputed) in exact {
        figure(problems, name, recorded, recomputed);
    }
    // A quick-reply session's rates are its hand-typed cpm in other clothes.
    float(problems, "net_cpm", s.net_cpm, s.cpm);
    float(problems, "wpm", s.wpm, s.cpm / 5.0);
    float(problems, "consistency", s.consistency, 100.0);

    let recorded = s.messages.as_deref().unwrap_or(&[]);
    let sent: Vec<&str> = recorded
        .iter()
        .filter(|m| m.response_ms.is_some())
        .map(|m| m.reply.as_str())
        .collect();
    if s.typed != sent.join("\n") && !problems.contains(&Problem::Typed) {
        problems.push(Problem::Typed);
    }
    // The target is the expected replies joined by line breaks; when it splits into
    // one line per message, each gives that message's keys_if_typed.
    let lines: Vec<&str> = s.target.split('\n').collect();
    let per_line = !recorded.is_empty() && lines.len() == recorded.len();
    let recomputed: Vec<Vec<Field>> = ended
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let mut f = vec![
                ("code", shown_code(m.code.as_deref())),
                ("response_ms", shown_ms(m.response_ms)),
                ("keys", m.keys.to_string()),
            ];
            if m.abandoned {
                f.push(("template_ok", "false".to_string()));
                f.push(("slots_ok", "false".to_string()));
                f.push(("extra", "null".to_string()));
            }
            // The log may hold more messages than the record (a crafted file): those
            // have no line, and `messages` then names the one missing.
            if let Some(line) = lines.get(i).filter(|_| per_line) {
                let n = line.graphemes(true).count() + 1;
                f.push(("keys_if_typed", n.to_string()));
            }
            f
        })
        .collect();
    messages(problems, recorded, &recomputed);
}

/// Events the trainer would never have logged where they stand: anything before the
/// first `show` or between a message's end and the next `show`, and a `show` out of
/// turn.
fn out_of_place(log: &[Keystroke]) -> usize {
    let (mut open, mut shown, mut bad) = (false, 0, 0);
    for k in log {
        match k.op {
            Op::Show { index } => {
                if open || index != shown {
                    bad += 1;
                }
                open = true;
                shown += 1;
            }
            Op::Send | Op::Abandon if open => open = false,
            _ if !open => bad += 1,
            _ => {}
        }
    }
    bad
}

type Field = (&'static str, String);

fn shown_code(code: Option<&str>) -> String {
    code.unwrap_or("null").to_string()
}

fn shown_ms(ms: Option<u64>) -> String {
    ms.map_or("null".to_string(), |ms| format!("{ms}ms"))
}

/// Every field of a message, as compared and shown.
fn fields(m: &MessageResult) -> Vec<Field> {
    vec![
        ("customer", m.customer.clone()),
        ("expect", m.expect.join(",")),
        ("code", shown_code(m.code.as_deref())),
        ("reply", m.reply.clone()),
        ("template_ok", m.template_ok.to_string()),
        ("slots_ok", m.slots_ok.to_string()),
        (
            "extra",
            m.extra.clone().unwrap_or_else(|| "null".to_string()),
        ),
        ("response_ms", shown_ms(m.response_ms)),
        ("keys", m.keys.to_string()),
        ("keys_if_typed", m.keys_if_typed.to_string()),
    ]
}

/// The first message (and its first field) that differs from the recomputation, shown
/// as `#N field value`; a message missing on one side shows as `#N —`.
fn messages(problems: &mut Vec<Problem>, recorded: &[MessageResult], recomputed: &[Vec<Field>]) {
    let n = recorded.len().max(recomputed.len());
    for i in 0..n {
        let (Some(have), Some(want)) = (recorded.get(i).map(fields), recomputed.get(i)) else {
            problems.push(Problem::Figure {
                name: "messages",
                recorded: shown_message(i, recorded.get(i).map(fields).as_deref()),
                recomputed: shown_message(i, recomputed.get(i).map(Vec::as_slice)),
            });
            return;
        };
        for (name, value) in want {
            let Some((_, got)) = have.iter().find(|(n, _)| n == name) else {
                continue;
            };
            if got != value {
                problems.push(Problem::Figure {
                    name: "messages",
                    recorded: format!("#{} {name} {got}", i + 1),
                    recomputed: format!("#{} {name} {value}", i + 1),
                });
                return;
            }
        }
    }
}

fn shown_message(i: usize, m: Option<&[Field]>) -> String {
    let Some(m) = m else {
        return format!("#{} —", i + 1);
    };
    let get = |name: &str| {
        m.iter()
            .find(|(n, _)| *n == name)
            .map_or("—", |(_, v)| v.as_str())
            .to_string()
    };
    format!(
        "#{} {} {} {}",
        i + 1,
        get("code"),
        get("response_ms"),
        get("keys")
    )
}

#[cfg(test)]
mod tests;
