//! Made up for the benches (and the profiling examples): typing sessions over a shop
//! greeting with slips, for the history benches; a one-drill pack, for the drill screen.
#![allow(dead_code)] // each bench uses its own part
#![allow(clippy::unwrap_used)] // a bench that cannot set up should stop

use kuaida::pack::{Drill, DrillBody, Pack, PackSource};
use kuaida::record::{Keystroke, Op, SessionRecord, Student};

pub const TEXT: &str =
    "亲，您好！欢迎光临本店，请问有什么可以帮您？我们的商品都是正品保证，七天无理由退换。";

/// The keystrokes of typing TARGET: every `slip_every`-th input first typed as SLIP and
/// erased; `gap(k)` µs after the k-th right input. Returns them with the time they took.
pub fn keystrokes(
    target: &str,
    slip_every: usize,
    slip: &str,
    gap: impl Fn(usize) -> u64,
) -> (Vec<Keystroke>, u64) {
    let mut keys = Vec::with_capacity(target.len());
    let mut t = 0u64;
    for (k, c) in target.chars().enumerate() {
        if k % slip_every == slip_every - 1 {
            let wrong = Op::Input {
                text: slip.into(),
                ok: false,
            };
            keys.push(Keystroke { t_us: t, op: wrong });
            t += 150_000;
            keys.push(Keystroke {
                t_us: t,
                op: Op::Backspace,
            });
            t += 150_000;
        }
        let right = Op::Input {
            text: c.to_string(),
            ok: true,
        };
        keys.push(Keystroke { t_us: t, op: right });
        t += gap(k);
    }
    (keys, t)
}

/// A completed text session over TARGET with KEYSTROKES; callers change what they vary.
pub fn session(id: String, target: String, keystrokes: Vec<Keystroke>, t_us: u64) -> SessionRecord {
    SessionRecord {
        id,
        student: Student::default(),
        pack: "presale-basics".into(),
        pack_version: "1".into(),
        pack_hash: "ab".repeat(32),
        drill: "greet-text".into(),
        drill_title: "迎接问好 · 跟打".into(),
        kind: "text".into(),
        mode: None,
        started_at: chrono::DateTime::parse_from_rfc3339("2026-11-25T09:00:00+08:00").unwrap(),
        completed: true,
        duration_ms: t_us / 1000,
        cpm: 180.0,
        net_cpm: 170.0,
        wpm: 36.0,
        kpm: 210.0,
        accuracy: 95.0,
        consistency: 80.0,
        backspaces: 10,
        corrections: 10,
        errors: 0,
        halfwidth: 0,
        passed: None,
        start_code: None,
        time_limit: None,
        strict: false,
        pass: None,
        typed: target.clone(),
        target,
        keystrokes,
        messages: None,
        shown_not_typed: false,
        target_seconds: None,
        readings: None,
        shift: None,
    }
}

/// A pack of one `text` drill (id `long`) over TEXT.
pub fn text_drill_pack(text: &str) -> Pack {
    Pack {
        id: "bench".into(),
        title: "基准".into(),
        version: "1".into(),
        author: None,
        description: None,
        tags: vec![],
        templates: vec![],
        drills: vec![Drill {
            id: "long".into(),
            title: "长文".into(),
            description: None,
            tags: vec![],
            time_limit: None,
            strict: false,
            pass: None,
            body: DrillBody::Text { text: text.into() }.into(),
        }],
        start_code: Vec::new(),
        assignments: Vec::new(),
        hash: String::new(),
        source: PackSource::Generated,
    }
}

/// A stamp at `at` (the wall clock does not matter to what is measured).
#[allow(dead_code)]
pub fn stamp(at: std::time::Instant) -> kuaida::tui::clock::Stamp {
    kuaida::tui::clock::Stamp {
        at,
        wall: chrono::DateTime::parse_from_rfc3339("2026-12-07T09:00:00+08:00").expect("a time"),
    }
}
