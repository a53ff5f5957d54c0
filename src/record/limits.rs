//! What one session can hold, checked at the door (`history import`, `verify`,
//! `report`): no time beyond a day, no count beyond its own log, no figure that is not a
//! finite number in its range. A record past these was not made by kuaida, and letting
//! it in would overflow sums in the store (a latency of 5·10¹⁸ µs, twice) or poison
//! averages.

use crate::record::{Op, SessionRecord};
use unicode_segmentation::UnicodeSegmentation;

/// A day in microseconds: no drill, shift or exam lasts longer.
pub const MAX_T_US: u64 = 86_400 * 1_000_000;
/// A day in milliseconds.
pub const MAX_MS: u64 = 86_400 * 1_000;
/// Rates (字/分, 输入/分, WPM) at most this: a hundred times the fastest hands.
pub const MAX_RATE: f64 = 100_000.0;

/// The first thing in `s` outside what a session can hold, as a few words (field and
/// value) for a message that also names the session.
pub fn out_of_range(s: &SessionRecord) -> Option<String> {
    if let Some((i, k)) = s
        .keystrokes
        .iter()
        .enumerate()
        .find(|(_, k)| k.t_us > MAX_T_US)
    {
        return Some(format!("keystrokes[{i}].t_us = {}", k.t_us));
    }
    if s.duration_ms > MAX_MS {
        return Some(format!("duration_ms = {}", s.duration_ms));
    }
    if let Some(limit) = s.time_limit.filter(|&l| u64::from(l) * 1000 > MAX_MS) {
        return Some(format!("time_limit = {limit}"));
    }
    let rates = [
        ("cpm", s.cpm),
        ("net_cpm", s.net_cpm),
        ("wpm", s.wpm),
        ("kpm", s.kpm),
    ];
    let shares = [("accuracy", s.accuracy), ("consistency", s.consistency)];
    for (name, v) in rates {
        if !v.is_finite() || !(0.0..=MAX_RATE).contains(&v) {
            return Some(format!("{name} = {v}"));
        }
    }
    for (name, v) in shares {
        if !v.is_finite() || !(0.0..=100.0).contains(&v) {
            return Some(format!("{name} = {v}"));
        }
    }
    if let Some(pass) = &s.pass {
        use crate::pack::Pass;
        let finite = match *pass {
            Pass::Typing { cpm, accuracy } => cpm.is_finite() && accuracy.is_finite(),
            Pass::Reply { correct, seconds } => correct.is_finite() && seconds.is_finite(),
            Pass::Codes { correct } => correct.is_finite(),
            Pass::Shift {
                reply_rate,
                seconds,
            } => reply_rate.is_finite() && seconds.is_finite(),
        };
        if !finite {
            return Some("pass".to_string());
        }
    }
    // Counts: Backspaces are log events; the others count graphemes typed.
    let events = s.keystrokes.len() as u64;
    let graphemes: u64 = s
        .keystrokes
        .iter()
        .map(|k| match &k.op {
            Op::Input { text, .. } => text.graphemes(true).count().max(1) as u64,
            _ => 1,
        })
        .sum();
    let counts = [
        ("backspaces", s.backspaces, events),
        ("corrections", s.corrections, graphemes),
        ("errors", s.errors, graphemes),
        ("halfwidth", s.halfwidth, graphemes),
    ];
    for (name, v, most) in counts {
        if u64::from(v) > most {
            return Some(format!("{name} = {v}"));
        }
    }
    for (i, m) in s.messages.iter().flatten().enumerate() {
        if m.response_ms.is_some_and(|ms| ms > MAX_MS) {
            return Some(format!("messages[{i}].response_ms"));
        }
        if u64::from(m.keys) > events {
            return Some(format!("messages[{i}].keys = {}", m.keys));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Keystroke;

    fn record() -> SessionRecord {
        let json = serde_json::json!({
            "id": "a", "pack": "p", "pack_version": "1", "pack_hash": "h", "drill": "d",
            "kind": "text", "mode": null, "started_at": "2026-11-02T09:00:00+08:00",
            "completed": true, "duration_ms": 2000, "cpm": 60.0, "net_cpm": 60.0, "wpm": 12.0,
            "kpm": 60.0, "accuracy": 100.0, "consistency": 100.0, "backspaces": 0,
            "corrections": 0, "errors": 0, "halfwidth": 0, "passed": null,
            "target": "亲在", "typed": "亲在",
            "keystrokes": [
                {"t_us": 0, "op": "input", "text": "亲", "ok": true},
                {"t_us": 2000000, "op": "input", "text": "在", "ok": true}
            ]
        });
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn a_real_record_holds_and_each_limit_is_named() {
        assert_eq!(out_of_range(&record()), None);
        let mut late = record();
        late.keystrokes.push(Keystroke {
            t_us: 5_000_000_000_000_000_000,
            op: Op::Backspace,
        });
        assert!(out_of_range(&late).unwrap().contains("t_us"));
        let mut r = record();
        r.cpm = f64::NAN;
        assert!(out_of_range(&r).unwrap().starts_with("cpm"));
        let mut r = record();
        r.backspaces = 3;
        assert!(out_of_range(&r).unwrap().starts_with("backspaces"));
        let mut r = record();
        r.duration_ms = MAX_MS + 1;
        assert!(out_of_range(&r).unwrap().starts_with("duration_ms"));
    }
}
