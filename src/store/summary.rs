//! Totals and per-drill figures for the stats screen and `kuaida stats`, summed in SQL so
//! they stay fast with a term's worth of sessions (no keystroke log is replayed here).

use super::{Store, db_error};
use crate::Result;

/// Everything practised, summed.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct Totals {
    pub sessions: u64,
    pub completed: u64,
    /// Sum of the sessions' durations.
    pub practice_ms: u64,
    /// Graphemes typed in typing sessions (each input, right or wrong).
    pub graphemes_typed: u64,
    /// Half-width marks typed for their full-width twins.
    pub halfwidth: u64,
}

/// One drill's figures over its completed sessions.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct DrillBest {
    pub pack: String,
    pub drill: String,
    pub sessions: u64,
    pub best_cpm: f64,
    /// Accuracy of the session with the best 字/分.
    pub best_accuracy: f64,
    /// Mean 字/分 of the last (up to) five completed sessions.
    pub recent_cpm: f64,
    pub last_started_at: String,
}

/// One answering drill's figures (quick reply, recall, recite) over its completed
/// sessions: per cent right and the fastest mean response, never a typing speed.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AnswerBest {
    pub pack: String,
    pub drill: String,
    pub kind: String,
    pub sessions: u64,
    /// The best share right, per cent.
    pub best_right: f64,
    /// The fastest mean response (quick reply) or time per item (code drills), ms.
    pub best_mean_ms: Option<u64>,
    /// Mean share right of the last (up to) five sessions.
    pub recent_right: f64,
}

/// The best completed session at or above an accuracy, for levels.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct BestRun {
    pub cpm: f64,
    pub accuracy: f64,
}

impl Store {
    pub fn totals(&self) -> Result<Totals> {
        let err = |e: rusqlite::Error| db_error(&self.path, e);
        let (sessions, completed, practice_ms, halfwidth) = self
            .conn
            .query_row(
                // total(): sums that cannot overflow, whatever an old import holds.
                "SELECT count(*), total(completed), total(duration_ms), total(halfwidth)
               FROM scoped",
                [],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)? as f64,
                        r.get::<_, f64>(1)?,
                        r.get::<_, f64>(2)?,
                        r.get::<_, f64>(3)?,
                    ))
                },
            )
            .map_err(err)?;
        let graphemes_typed: f64 = self
            .conn
            .query_row("SELECT total(typed) FROM scoped_char_total", [], |r| {
                r.get(0)
            })
            .map_err(err)?;
        let count = super::count_of;
        Ok(Totals {
            sessions: count(sessions),
            completed: count(completed),
            practice_ms: count(practice_ms),
            graphemes_typed: count(graphemes_typed),
            halfwidth: count(halfwidth),
        })
    }

    /// Per drill with at least one completed session, most practised first (pinyin
    /// practice and code recall left out: neither rate is 字/分).
    pub fn drill_bests(&self) -> Result<Vec<DrillBest>> {
        let err = |e: rusqlite::Error| db_error(&self.path, e);
        let mut stmt = self
            .conn
            .prepare_cached(concat!(
                "WITH done AS (
                     SELECT pack, drill, cpm, accuracy, started_at,
                            row_number() OVER (PARTITION BY pack, drill
                                               ORDER BY started_us DESC, seq DESC) AS newest,
                            row_number() OVER (PARTITION BY pack, drill
                                               ORDER BY cpm DESC, started_us) AS fastest
                       FROM scoped WHERE ",
                typing_speed!(),
                ")
                 SELECT pack, drill, count(*),
                        max(CASE WHEN fastest = 1 THEN cpm END),
                        max(CASE WHEN fastest = 1 THEN accuracy END),
                        avg(CASE WHEN newest <= 5 THEN cpm END),
                        max(CASE WHEN newest = 1 THEN started_at END)
                   FROM done GROUP BY pack, drill
                  ORDER BY count(*) DESC, pack, drill"
            ))
            .map_err(err)?;
        stmt.query_map([], |r| {
            Ok(DrillBest {
                pack: r.get(0)?,
                drill: r.get(1)?,
                sessions: u64::try_from(r.get::<_, i64>(2)?).unwrap_or(0),
                best_cpm: r.get(3)?,
                best_accuracy: r.get(4)?,
                recent_cpm: r.get(5)?,
                last_started_at: r.get(6)?,
            })
        })
        .map_err(err)?
        .collect::<rusqlite::Result<_>>()
        .map_err(err)
    }

    /// Per answering drill with at least one completed session that ranks, most
    /// practised first.
    pub fn answer_bests(&self) -> Result<Vec<AnswerBest>> {
        let err = |e: rusqlite::Error| db_error(&self.path, e);
        let mut stmt = self
            .conn
            .prepare_cached(
                "WITH done AS (
                     SELECT pack, drill, kind, score, mean_ms,
                            row_number() OVER (PARTITION BY pack, drill
                                               ORDER BY started_us DESC, seq DESC) AS newest
                       FROM scoped
                      WHERE kind IN ('quickreply', 'recall', 'recite') AND completed = 1
                        AND small = 0 AND score IS NOT NULL)
                 SELECT pack, drill, max(kind), count(*), max(score), min(mean_ms),
                        avg(CASE WHEN newest <= 5 THEN score END)
                   FROM done GROUP BY pack, drill
                  ORDER BY count(*) DESC, pack, drill",
            )
            .map_err(err)?;
        stmt.query_map([], |r| {
            Ok(AnswerBest {
                pack: r.get(0)?,
                drill: r.get(1)?,
                kind: r.get(2)?,
                sessions: u64::try_from(r.get::<_, i64>(3)?).unwrap_or(0),
                best_right: r.get::<_, Option<f64>>(4)?.unwrap_or(0.0),
                best_mean_ms: r
                    .get::<_, Option<i64>>(5)?
                    .and_then(|ms| u64::try_from(ms).ok()),
                recent_right: r.get::<_, Option<f64>>(6)?.unwrap_or(0.0),
            })
        })
        .map_err(err)?
        .collect::<rusqlite::Result<_>>()
        .map_err(err)
    }

    /// The fastest completed typing session of a minute or more with at least
    /// `min_accuracy`, for levels (PRODUCT.md "Small samples": a level is earned only by
    /// a completed typing drill of at least 60 s).
    pub fn best_run(&self, min_accuracy: f64) -> Result<Option<BestRun>> {
        let err = |e: rusqlite::Error| db_error(&self.path, e);
        let mut stmt = self
            .conn
            .prepare_cached(concat!(
                "SELECT cpm, accuracy FROM scoped WHERE ",
                typing_speed!(),
                " AND accuracy >= ?1 AND duration_ms >= 60000
                      ORDER BY cpm DESC LIMIT 1"
            ))
            .map_err(err)?;
        let mut rows = stmt
            .query_map([min_accuracy], |r| {
                Ok(BestRun {
                    cpm: r.get(0)?,
                    accuracy: r.get(1)?,
                })
            })
            .map_err(err)?;
        rows.next().transpose().map_err(err)
    }
}
