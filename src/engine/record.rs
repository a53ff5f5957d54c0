//! A typing drill's session (text, phrases; pinyin and recite mark theirs after) as a
//! results record, ready to save: its figures the engine's summary of its log.

use super::Summary;
use crate::pack::{Drill, Pack};
use crate::record::{Keystroke, SessionRecord, Student};
use chrono::{DateTime, FixedOffset};

/// Build the record of one drill session from its summary and keystroke log.
pub fn typing_record(
    pack: &Pack,
    drill: &Drill,
    summary: &Summary,
    log: &[Keystroke],
    student: Student,
    started_at: DateTime<FixedOffset>,
) -> SessionRecord {
    SessionRecord {
        id: uuid::Uuid::new_v4().to_string(),
        student,
        pack: pack.id.clone(),
        pack_version: pack.version.clone(),
        pack_hash: pack.hash.clone(),
        drill: drill.id.clone(),
        drill_title: drill.title.clone(),
        kind: drill.kind().into(),
        mode: None,
        started_at,
        completed: summary.completed,
        duration_ms: summary.duration_ms(),
        cpm: summary.cpm,
        net_cpm: summary.net_cpm,
        wpm: summary.wpm,
        kpm: summary.kpm,
        accuracy: summary.accuracy,
        consistency: summary.consistency,
        backspaces: summary.backspaces,
        corrections: summary.corrections,
        errors: summary.errors,
        halfwidth: summary.halfwidth,
        passed: summary.passed(drill.pass.as_ref()),
        start_code: None,
        time_limit: drill.time_limit,
        strict: drill.strict,
        // Text and phrases drills skip 旺旺 faces and leading speaker labels (pinyin
        // practice and recite mark their records otherwise).
        shown_not_typed: matches!(
            drill.kind(),
            crate::pack::DrillKind::Text | crate::pack::DrillKind::Phrases
        ),
        pass: drill.pass,
        target: summary.target.clone(),
        typed: summary.typed.clone(),
        keystrokes: log.to_vec(),
        messages: None,
        target_seconds: None,
        readings: None,
        shift: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Batch, Key, Rules, Typing};
    use crate::pack::{DrillBody, PackSource, Pass};

    #[test]
    fn record_carries_pack_drill_and_figures() {
        let drill = Drill {
            id: "d".into(),
            title: "标题".into(),
            description: None,
            tags: vec![],
            time_limit: None,
            strict: false,
            pass: Some(Pass::Typing {
                cpm: 1.0,
                accuracy: 50.0,
            }),
            body: DrillBody::Text {
                text: "你好".into(),
            }
            .into(),
        };
        let pack = Pack {
            id: "p".into(),
            title: "P".into(),
            version: "1".into(),
            author: None,
            description: None,
            tags: vec![],
            templates: vec![],
            drills: vec![drill.clone()],
            start_code: Vec::new(),
            assignments: Vec::new(),
            hash: "abc".into(),
            source: PackSource::Builtin {
                file: "p.toml".into(),
            },
        };
        let mut typing = Typing::new(&["你好".to_string()], Rules::default());
        typing.apply(0, &Batch::Keys(vec![Key::Char('你')]));
        typing.apply(
            500_000,
            &Batch::Keys(vec![Key::Char('x'), Key::Backspace, Key::Char('好')]),
        );
        let summary = typing.summary();
        let at = chrono::Local::now().fixed_offset();
        let r = typing_record(
            &pack,
            &drill,
            &summary,
            typing.log(),
            Student::default(),
            at,
        );
        assert_eq!(
            (r.pack.as_str(), r.pack_hash.as_str(), r.drill.as_str()),
            ("p", "abc", "d")
        );
        assert_eq!(r.kind, crate::record::Kind::Text);
        assert!(r.completed);
        assert_eq!(r.backspaces, 1);
        assert_eq!(r.passed, Some(true));
        assert_eq!(r.keystrokes.len(), 4);
        assert_eq!(r.typed, "你好");
        assert_eq!(r.started_at, at);
        assert_eq!(r.id.len(), 36);
    }
}
