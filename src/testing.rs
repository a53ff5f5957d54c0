//! Builders the unit tests share, kept out of the modules they test: records made the
//! way the trainer makes them (the engine typing a drill), so the figures every reader
//! recomputes are the ones meant; small packs, drills and templates.

use crate::engine::{Batch, Key, Rules, Typing};
use crate::pack::{Drill, DrillBody, Pack, PackSource, Template};
use crate::record::{SessionRecord, Student};

/// 20 字 of a text drill typed evenly at `cpm` 字/分 (the last at 1200 ÷ cpm seconds),
/// completed or left one 字 short; started at `started_at` (RFC 3339).
pub(crate) fn typed_at(id: &str, started_at: &str, cpm: f64, completed: bool) -> SessionRecord {
    let total_us = (1_200_000_000.0 / cpm) as u64;
    typed(id, started_at, 20, total_us, completed)
}

/// `graphemes` 字 (at least 2) of a text drill typed evenly over `total_us`, completed
/// or left one 字 short.
pub(crate) fn typed(
    id: &str,
    started_at: &str,
    graphemes: u64,
    total_us: u64,
    completed: bool,
) -> SessionRecord {
    typed_with_slips(id, started_at, graphemes, total_us, completed, 0)
}

/// [`typed`] with the first `slips` 字 typed wrong (坏 for 好) and left so.
pub(crate) fn typed_with_slips(
    id: &str,
    started_at: &str,
    graphemes: u64,
    total_us: u64,
    completed: bool,
    slips: u64,
) -> SessionRecord {
    let n = graphemes.max(2);
    let target = "好".repeat(n as usize + usize::from(!completed));
    let mut t = Typing::new(std::slice::from_ref(&target), Rules::default());
    for i in 0..n {
        let c = if i < slips { '坏' } else { '好' };
        t.apply(total_us * i / (n - 1), &Batch::Keys(vec![Key::Char(c)]));
    }
    let s = t.summary();
    SessionRecord {
        id: id.into(),
        student: Student::default(),
        pack: "p".into(),
        pack_version: "1".into(),
        pack_hash: "00".into(),
        drill: "words".into(),
        drill_title: "词组".into(),
        kind: crate::record::Kind::Text,
        mode: None,
        started_at: chrono::DateTime::parse_from_rfc3339(started_at).expect("a time"),
        completed: s.completed,
        duration_ms: s.duration_ms(),
        cpm: s.cpm,
        net_cpm: s.net_cpm,
        wpm: s.wpm,
        kpm: s.kpm,
        accuracy: s.accuracy,
        consistency: s.consistency,
        backspaces: s.backspaces,
        corrections: s.corrections,
        errors: s.errors,
        halfwidth: s.halfwidth,
        passed: None,
        start_code: None,
        time_limit: None,
        strict: false,
        pass: None,
        shown_not_typed: false,
        target_seconds: None,
        target: s.target.clone(),
        typed: s.typed.clone(),
        keystrokes: t.log().to_vec(),
        messages: None,
        readings: None,
        shift: None,
    }
}

/// A stamp at `at` on the monotonic clock, on a fixed morning (2026-12-07 09:00 +08:00)
/// on the wall clock.
pub(crate) fn stamp(at: std::time::Instant) -> crate::tui::clock::Stamp {
    crate::tui::clock::Stamp {
        at,
        wall: chrono::DateTime::parse_from_rfc3339("2026-12-07T09:00:00+08:00").expect("a time"),
    }
}

/// A template as a pack file would give it (for the code drills' tests).
pub(crate) fn template(code: &str, group: &str, text: &str) -> Template {
    Template::new(code, group, text).expect("template")
}

/// A pack of TEMPLATES and DRILLS.
pub(crate) fn pack(templates: Vec<Template>, drills: Vec<Drill>) -> Pack {
    Pack {
        id: "p".into(),
        title: "P".into(),
        version: "1".into(),
        author: None,
        description: None,
        tags: vec![],
        templates,
        drills,
        start_code: Vec::new(),
        assignments: Vec::new(),
        hash: "h".into(),
        source: PackSource::Generated,
    }
}

/// A pack with one drill, for screen tests.
pub(crate) fn pack_with(body: DrillBody, time_limit: Option<u32>) -> Pack {
    Pack {
        id: "p".into(),
        title: "测试包".into(),
        version: "1".into(),
        author: None,
        description: None,
        tags: vec![],
        templates: vec![],
        drills: vec![Drill {
            id: "d".into(),
            title: "跟打".into(),
            description: None,
            tags: vec![],
            time_limit,
            strict: false,
            pass: None,
            body: body.into(),
        }],
        start_code: Vec::new(),
        assignments: Vec::new(),
        hash: "h".into(),
        source: PackSource::Builtin {
            file: "p.toml".into(),
        },
    }
}
