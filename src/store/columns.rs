//! The figure columns of a session row: copies of the one recomputation of its record
//! ([`Figures::of`]), written at every insert and, once, for every row already saved
//! when schema 5 arrives (with pinyin records migrated to keep 字/分 in `cpm`).

use crate::figures::{Body, Figures};
use crate::record::{Mode, SessionRecord};
use rusqlite::{Transaction, params};

/// What a row keeps of its figures.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Columns {
    pub completed: bool,
    pub duration_ms: i64,
    pub cpm: f64,
    pub net_cpm: f64,
    pub accuracy: f64,
    pub passed: Option<bool>,
    pub halfwidth: u32,
    pub small: bool,
    pub headline: String,
    pub score: Option<f64>,
    pub mean_ms: Option<i64>,
}

fn finite(x: f64) -> f64 {
    if x.is_finite() { x } else { 0.0 }
}

fn ms(x: Option<u64>) -> Option<i64> {
    x.map(|x| i64::try_from(x).unwrap_or(i64::MAX))
}

impl Columns {
    pub fn of(f: &Figures) -> Columns {
        let headline = serde_json::to_string(&f.headline())
            .unwrap_or_else(|_| r#"{"kind":"unreadable"}"#.to_string());
        // (cpm, net_cpm, accuracy, halfwidth, score, mean_ms) by kind.
        let (cpm, net_cpm, accuracy, halfwidth, score, mean_ms) = match &f.body {
            Body::Typing(s) => (s.cpm, s.net_cpm, s.accuracy, s.halfwidth, Some(s.cpm), None),
            Body::Pinyin { letters, pinyin } => (
                pinyin.zpm,
                letters.net_cpm,
                letters.accuracy,
                letters.halfwidth,
                Some(letters.kpm),
                None,
            ),
            Body::Recite { typing, codes } => (
                typing.cpm,
                typing.net_cpm,
                typing.accuracy,
                typing.halfwidth,
                Some(codes.right_percent()),
                ms(codes.mean_ms),
            ),
            Body::Recall(c) => (
                c.cpm,
                c.cpm,
                c.accuracy,
                0,
                Some(c.right_percent()),
                ms(c.mean_ms),
            ),
            Body::QuickReply(r) => {
                let right = r.right_percent();
                (0.0, 0.0, right, 0, Some(right), ms(r.mean_response_ms))
            }
            // Bests on 回复率 and 平均响应, never in 字/分 tables.
            Body::Shift(s) => {
                let rate = s.reply_rate();
                (0.0, 0.0, rate, 0, Some(rate), ms(s.mean_response_ms))
            }
            Body::Unreadable(_) => (0.0, 0.0, 0.0, 0, None, None),
        };
        Columns {
            completed: f.completed,
            duration_ms: i64::try_from(f.duration_us / 1000).unwrap_or(i64::MAX),
            cpm: finite(cpm),
            net_cpm: finite(net_cpm),
            accuracy: finite(accuracy),
            passed: f.passed,
            halfwidth,
            small: f.small,
            headline,
            score: score.map(finite),
            mean_ms,
        }
    }
}

/// A pinyin record saved before its `cpm` held 字/分 holds the letters' rate there:
/// put its 字/分 in. `true` when the record changed.
pub(super) fn migrate_pinyin(r: &mut SessionRecord, f: &Figures) -> bool {
    if r.mode != Some(Mode::Pinyin) {
        return false;
    }
    let Body::Pinyin { letters, pinyin } = &f.body else {
        return false;
    };
    let close =
        |a: f64, b: f64| (a - b).abs() <= 0.01 || (a - (b * 10.0).round() / 10.0).abs() <= 1e-9;
    if close(r.cpm, pinyin.zpm) || !close(r.cpm, letters.cpm) {
        return false;
    }
    r.cpm = pinyin.zpm;
    true
}

/// Schema 5: fill every row's figure columns from its record (migrating pinyin records
/// on the way). A record that no longer reads keeps its row as it was.
pub(super) fn refigure_all(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    let rows: Vec<(i64, String)> = {
        let mut stmt = tx.prepare("SELECT seq, record FROM session")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?
    };
    for (seq, json) in rows {
        let Ok(mut record) = serde_json::from_str::<SessionRecord>(&json) else {
            continue;
        };
        let figures = Figures::of(&record);
        if migrate_pinyin(&mut record, &figures)
            && let Ok(json) = serde_json::to_string(&record)
        {
            tx.execute(
                "UPDATE session SET record = ?1 WHERE seq = ?2",
                params![json, seq],
            )?;
        }
        update(tx, seq, &Columns::of(&figures))?;
    }
    Ok(())
}

fn update(tx: &Transaction<'_>, seq: i64, c: &Columns) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "UPDATE session SET completed = ?1, duration_ms = ?2, cpm = ?3, net_cpm = ?4,
                accuracy = ?5, passed = ?6, halfwidth = ?7, small = ?8, headline = ?9,
                score = ?10, mean_ms = ?11
          WHERE seq = ?12",
    )?
    .execute(params![
        c.completed,
        c.duration_ms,
        c.cpm,
        c.net_cpm,
        c.accuracy,
        c.passed,
        c.halfwidth,
        c.small,
        c.headline,
        c.score,
        c.mean_ms,
        seq
    ])?;
    Ok(())
}
