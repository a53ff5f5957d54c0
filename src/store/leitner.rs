//! The Leitner cards of template codes (table `leitner`, schema 3): moved by each
//! answer of a saved recall or recite session, read to order and count due codes.
//! The rules are [`crate::reply::leitner`]'s; this module only keeps the cards.

use super::{Store, db_error};
use crate::Result;
use crate::record::SessionRecord;
use crate::reply::leitner::{Card, review};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use std::collections::HashMap;

const DAY: &str = "%Y-%m-%d";

/// Move the cards of a session's answers (recall and recite sessions; others have none).
/// An answer older than the card's last review is history already told: skipped.
pub(super) fn review_session(
    tx: &rusqlite::Transaction<'_>,
    r: &SessionRecord,
) -> rusqlite::Result<()> {
    if !matches!(
        r.mode,
        Some(crate::record::Mode::Recall | crate::record::Mode::Recite)
    ) {
        return Ok(());
    }
    let Some(messages) = &r.messages else {
        return Ok(());
    };
    let at = r.started_at.timestamp_micros();
    let day = r.started_at.date_naive();
    let mut read = tx.prepare_cached(
        "SELECT box, due, reviewed_us FROM leitner WHERE pack = ?1 AND code = ?2",
    )?;
    let mut write = tx.prepare_cached(
        "INSERT INTO leitner (pack, code, box, due, reviewed_us, right, wrong)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (pack, code) DO UPDATE SET
             box = excluded.box, due = excluded.due, reviewed_us = excluded.reviewed_us,
             right = right + excluded.right, wrong = wrong + excluded.wrong",
    )?;
    for m in messages {
        let Some(code) = m.expect.first() else {
            continue;
        };
        let right = m.template_ok;
        let old: Option<(i64, String, i64)> = read
            .query_row(params![r.pack, code], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?))
            })
            .optional()?;
        if old.as_ref().is_some_and(|(_, _, seen)| *seen > at) {
            continue;
        }
        let card = old.map(|(b, due, _)| Card {
            code: code.clone(),
            r#box: u8::try_from(b.clamp(1, 5)).unwrap_or(1),
            due: NaiveDate::parse_from_str(&due, DAY).unwrap_or(day),
        });
        let (to, due) = review(card.as_ref(), right, day);
        write.execute(params![
            r.pack,
            code,
            to,
            due.format(DAY).to_string(),
            at,
            u32::from(right),
            u32::from(!right),
        ])?;
    }
    Ok(())
}

impl Store {
    /// The cards of one pack.
    pub fn cards(&self, pack: &str) -> Result<Vec<Card>> {
        Ok(self.all_cards()?.remove(pack).unwrap_or_default())
    }

    /// Every card, by pack id (a few rows per code of each pack practised).
    pub fn all_cards(&self) -> Result<HashMap<String, Vec<Card>>> {
        let query = || -> rusqlite::Result<HashMap<String, Vec<Card>>> {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT pack, code, box, due FROM leitner")?;
            let rows = stmt.query_map([], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, i64>(2)?,
                    row.get::<_, String>(3)?,
                ))
            })?;
            let mut out: HashMap<String, Vec<Card>> = HashMap::new();
            for row in rows {
                let (pack, code, b, due) = row?;
                // A date that does not parse is due now rather than never.
                let due = NaiveDate::parse_from_str(&due, DAY).unwrap_or(NaiveDate::MIN);
                out.entry(pack).or_default().push(Card {
                    code,
                    r#box: u8::try_from(b.clamp(1, 5)).unwrap_or(1),
                    due,
                });
            }
            Ok(out)
        };
        query().map_err(|e| db_error(&self.path, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paths::DataDir;
    use crate::record::{MessageResult, Student};
    use crate::reply::leitner::due_count;
    use tempfile::TempDir;

    fn answers(id: &str, at: &str, mode: &str, answers: &[(&str, bool)]) -> SessionRecord {
        SessionRecord {
            shown_not_typed: false,
            target_seconds: None,
            readings: None,
            shift: None,
            id: id.into(),
            student: Student::default(),
            pack: "p".into(),
            pack_version: "1".into(),
            pack_hash: "h".into(),
            drill: ":recall".into(),
            drill_title: String::new(),
            kind: crate::record::Kind::parse(mode),
            mode: Some(crate::record::Mode::parse(mode)),
            started_at: chrono::DateTime::parse_from_rfc3339(at).expect("time"),
            completed: true,
            duration_ms: 1000,
            cpm: 0.0,
            net_cpm: 0.0,
            wpm: 0.0,
            kpm: 0.0,
            accuracy: 0.0,
            consistency: 100.0,
            backspaces: 0,
            corrections: 0,
            errors: 0,
            halfwidth: 0,
            passed: None,
            start_code: None,
            time_limit: None,
            strict: false,
            pass: None,
            target: String::new(),
            typed: String::new(),
            keystrokes: vec![],
            messages: Some(
                answers
                    .iter()
                    .map(|(code, right)| MessageResult {
                        customer: String::new(),
                        expect: vec![code.to_string()],
                        code: Some(code.to_string()),
                        reply: String::new(),
                        template_ok: *right,
                        slots_ok: *right,
                        extra: None,
                        response_ms: Some(1000),
                        keys: 3,
                        keys_if_typed: 3,
                    })
                    .collect(),
            ),
        }
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, DAY).expect("date")
    }

    fn boxes(store: &Store) -> Vec<(String, u8, String)> {
        let mut v: Vec<(String, u8, String)> = store
            .cards("p")
            .expect("cards")
            .into_iter()
            .map(|c| (c.code, c.r#box, c.due.format(DAY).to_string()))
            .collect();
        v.sort();
        v
    }

    #[test]
    fn answers_move_the_boxes_and_old_imports_do_not_move_them_back() {
        let tmp = TempDir::new().expect("tmp");
        let data = DataDir::new(tmp.path().join("d"));
        let mut store = Store::open(&data).expect("open");
        store
            .save(&answers(
                "a",
                "2026-12-01T09:00:00+08:00",
                "recall",
                &[("hy", true), ("fh", false)],
            ))
            .expect("save");
        assert_eq!(
            boxes(&store),
            [
                ("fh".to_string(), 1, "2026-12-01".to_string()),
                ("hy".to_string(), 2, "2026-12-02".to_string())
            ]
        );
        // Next day: hy right again (box 3, +3 days), fh right (box 2), by reciting.
        store
            .save(&answers(
                "b",
                "2026-12-02T10:00:00+08:00",
                "recite",
                &[("hy", true), ("fh", true)],
            ))
            .expect("save");
        assert_eq!(
            boxes(&store),
            [
                ("fh".to_string(), 2, "2026-12-03".to_string()),
                ("hy".to_string(), 3, "2026-12-05".to_string())
            ]
        );
        // A miss from box 3 falls to box 1.
        store
            .save(&answers(
                "c",
                "2026-12-03T10:00:00+08:00",
                "recall",
                &[("hy", false)],
            ))
            .expect("save");
        assert_eq!(
            boxes(&store)[1],
            ("hy".to_string(), 1, "2026-12-03".to_string())
        );
        // An older session imported later, and the same session again: nothing moves.
        let before = boxes(&store);
        store
            .save(&answers(
                "old",
                "2026-11-20T10:00:00+08:00",
                "recall",
                &[("hy", true)],
            ))
            .expect("save");
        store
            .save(&answers(
                "c",
                "2026-12-03T10:00:00+08:00",
                "recall",
                &[("hy", false)],
            ))
            .expect("save");
        assert_eq!(boxes(&store), before);
        // Typing sessions have no cards.
        let mut text = answers("t", "2026-12-04T10:00:00+08:00", "recall", &[("zz", false)]);
        text.kind = crate::record::Kind::Text;
        text.mode = None;
        store.save(&text).expect("save");
        assert_eq!(boxes(&store).len(), 2);
        // Due on 12-03: fh (box 2, due 12-03) and hy (box 1).
        let cards = store.cards("p").expect("cards");
        assert_eq!(due_count(["hy", "fh", "new"], &cards, day("2026-12-03")), 2);
        assert_eq!(due_count(["hy", "fh"], &cards, day("2026-12-02")), 0);
        assert!(store.all_cards().expect("all").contains_key("p"));
        // A session on 12-03 asks the due codes first, the missed one (box 1) before
        // the one climbing (box 2), then a code never asked.
        let order = crate::reply::leitner::schedule(
            &["new".to_string(), "fh".to_string(), "hy".to_string()],
            &cards,
            day("2026-12-03"),
            9,
        );
        assert_eq!(order, ["hy", "fh", "new"]);
        assert!(store.cards("other").expect("none").is_empty());
    }
}
