//! The saved record of a session judged message by message (quick reply, recall): the
//! figures the session worked out, in the results record's fields.

use crate::pack::{Drill, Pack};
use crate::record::{Keystroke, MessageResult, SessionRecord};

/// What such a session measured; the record derives the rest (net = cpm, wpm = cpm/5,
/// consistency 100, no corrections or half-width marks, passed from the drill's line).
pub struct MessageFigures {
    pub kind: crate::record::Kind,
    pub mode: Option<crate::record::Mode>,
    pub completed: bool,
    pub duration_us: u64,
    pub cpm: f64,
    pub kpm: f64,
    pub accuracy: f64,
    pub backspaces: u32,
    pub errors: u32,
    pub target: String,
    pub typed: String,
    pub messages: Vec<MessageResult>,
    /// Items right ÷ items shown (quick reply) or answered (recall), per cent, and the
    /// mean response: what a line of their kind judges.
    pub right_percent: f64,
    pub mean_response_ms: Option<u64>,
}

/// The record, `student` left for the caller to set.
pub fn message_record(
    pack: &Pack,
    drill: &Drill,
    id: String,
    started_at: chrono::DateTime<chrono::FixedOffset>,
    f: MessageFigures,
    keystrokes: Vec<Keystroke>,
) -> SessionRecord {
    let passed = drill.pass.as_ref().and_then(|p| match f.kind {
        crate::record::Kind::QuickReply => p.reply(
            f.completed,
            f.right_percent,
            f.mean_response_ms,
            (f.cpm, f.accuracy),
        ),
        crate::record::Kind::Shift => p.shift(f.completed, f.right_percent, f.mean_response_ms),
        _ => p.codes(f.completed, f.right_percent, (f.cpm, f.accuracy)),
    });
    SessionRecord {
        id,
        student: Default::default(),
        pack: pack.id.clone(),
        pack_version: pack.version.clone(),
        pack_hash: pack.hash.clone(),
        drill: drill.id.clone(),
        drill_title: drill.title.clone(),
        kind: f.kind,
        mode: f.mode,
        started_at,
        completed: f.completed,
        duration_ms: f.duration_us / 1000,
        cpm: f.cpm,
        net_cpm: f.cpm,
        wpm: f.cpm / 5.0,
        kpm: f.kpm,
        accuracy: f.accuracy,
        consistency: 100.0,
        backspaces: f.backspaces,
        corrections: 0,
        errors: f.errors,
        halfwidth: 0,
        passed,
        start_code: None,
        time_limit: drill.time_limit,
        strict: drill.strict,
        shown_not_typed: false,
        pass: drill.pass,
        target: f.target,
        typed: f.typed,
        keystrokes,
        messages: Some(f.messages),
        target_seconds: match &*drill.body {
            crate::pack::DrillBody::QuickReply { target_seconds, .. } => Some(*target_seconds),
            crate::pack::DrillBody::Shift(shift) => Some(shift.target_seconds),
            _ => None,
        },
        readings: None,
        shift: None,
    }
}
