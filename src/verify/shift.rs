//! `verify` for shift sessions, pure. With the drill at hand (the teacher's `--pack`, or
//! the built-in pack the session was made with) the log is replayed through the
//! trainer's own [`ShiftSession`](crate::reply::shift::ShiftSession): every buyer's
//! message, nudge and leaving must be the script's, every key must be one that could
//! have been pressed, and the record must be the one the replay gives. Without it, the
//! record is held to what its own log says.

use crate::cost::Meter;
use crate::figures::{Body, Figures};
use crate::pack::{DrillBody, Pack, Shift};
use crate::record::{Op, SessionRecord};
use crate::reply::shift::replay::{Replay, replay};
use crate::reply::shift::shift_record;
use crate::verify::reply::{Recomputed, against};
use crate::verify::{Problem, figure};

/// Check a shift session against `packs` (the teacher's copies); the replay is charged
/// to `meter`.
pub fn check(
    s: &SessionRecord,
    packs: &[Pack],
    problems: &mut Vec<Problem>,
    meter: &mut Meter,
) -> Recomputed {
    let Some(info) = &s.shift else {
        problems.push(Problem::Target);
        return Recomputed::Full;
    };
    from_log(s, problems);
    let Some((pack, drill, shift)) = drill_of(s, packs) else {
        return Recomputed::LogOnly;
    };
    match replay(shift, &pack.templates, info.seed, &s.keystrokes, meter) {
        Replay::Replayed(session) => {
            let r = shift_record(pack, drill, &session, s.id.clone(), s.started_at);
            against(s, &r, problems);
            if r.shift != s.shift {
                problems.push(Problem::PackRules);
            }
            // Graded by what the replay gives, whatever the record claims.
            Recomputed::Replayed(Box::new(r))
        }
        Replay::Stuck { at } => {
            problems.push(Problem::Script { at });
            Recomputed::Full
        }
        Replay::OverCost => Recomputed::OverCost,
    }
}

/// The record against what its own log says: one verdict per reply, and the figures
/// the one recomputation gives.
fn from_log(s: &SessionRecord, problems: &mut Vec<Problem>) {
    let sends = s.keystrokes.iter().filter(|k| k.op == Op::Send).count();
    let messages = s.messages.as_ref().map_or(0, Vec::len);
    figure(
        problems,
        "messages",
        messages.to_string(),
        sends.to_string(),
    );
    let f = Figures::of(s);
    if let Body::Shift(shift) = &f.body {
        let shown = |p: Option<bool>| p.map_or("null".to_string(), |p| p.to_string());
        figure(
            problems,
            "duration_ms",
            s.duration_ms.to_string(),
            (shift.duration_us / 1000).to_string(),
        );
        figure(
            problems,
            "completed",
            s.completed.to_string(),
            f.completed.to_string(),
        );
        figure(problems, "passed", shown(s.passed), shown(f.passed));
    }
}

/// The shift drill the session was made with: the teacher's copy, else the built-in
/// pack of the same version.
fn drill_of<'a>(
    s: &SessionRecord,
    packs: &'a [Pack],
) -> Option<(&'a Pack, &'a crate::pack::Drill, &'a Shift)> {
    let shift = |p: &'a Pack| {
        let d = p.drill(&s.drill)?;
        match &*d.body {
            DrillBody::Shift(sh) => Some((p, d, sh)),
            _ => None,
        }
    };
    if let Some(p) = packs.iter().find(|p| p.id == s.pack) {
        return shift(p);
    }
    static BUILTIN: std::sync::OnceLock<Vec<Pack>> = std::sync::OnceLock::new();
    BUILTIN
        .get_or_init(crate::pack::builtin)
        .iter()
        .find(|p| p.id == s.pack && p.hash == s.pack_hash)
        .and_then(shift)
}
