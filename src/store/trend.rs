//! Light queries for the stats and history screens: the 字/分 and accuracy trend, and
//! the session list. Only the indexed scalar columns are read (no JSON, no keystrokes),
//! so they stay fast with a term's worth of sessions; one full record is loaded only for
//! the session opened.

use super::{Store, db_error};
use crate::record::SessionRecord;
use crate::{Error, Result, tr};

/// Below this many practice days the trend is drawn per session.
pub const TREND_MIN_DAYS: usize = 5;
/// At most this many points are drawn (the newest).
pub const TREND_POINTS: usize = 60;

/// One point of the trend: a day's (or one session's) mean 字/分 and accuracy.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendPoint {
    /// `YYYY-MM-DD` (the session's local date), or its date and time per session.
    pub label: String,
    pub cpm: f64,
    pub accuracy: f64,
    pub sessions: u64,
}

/// The trend over completed sessions, oldest first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Trend {
    /// Per day, or per session when there are few days.
    pub per_day: bool,
    pub points: Vec<TrendPoint>,
}

/// One session in the history list.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionRow {
    pub id: String,
    /// RFC 3339 with offset, as recorded.
    pub started_at: String,
    pub pack: String,
    pub drill: String,
    pub kind: String,
    pub cpm: f64,
    pub accuracy: f64,
    pub completed: bool,
    /// `None`: the drill has no pass criteria.
    pub passed: Option<bool>,
}

impl Store {
    /// 字/分 and accuracy of completed sessions over time: per day when practice spans at
    /// least [`TREND_MIN_DAYS`] days, else per session; the newest [`TREND_POINTS`].
    pub fn trend(&self) -> Result<Trend> {
        let err = |e: rusqlite::Error| db_error(&self.path, &e);
        let days: i64 = self
            .conn
            .query_row(
                "SELECT count(DISTINCT substr(started_at, 1, 10)) FROM session WHERE completed = 1",
                [],
                |r| r.get(0),
            )
            .map_err(err)?;
        let per_day = usize::try_from(days).unwrap_or(0) >= TREND_MIN_DAYS;
        let sql = if per_day {
            "SELECT * FROM (
                 SELECT substr(started_at, 1, 10) AS day, avg(cpm), avg(accuracy), count(*)
                   FROM session WHERE completed = 1
                  GROUP BY day ORDER BY day DESC LIMIT ?1)
              ORDER BY 1"
        } else {
            "SELECT * FROM (
                 SELECT substr(started_at, 1, 16), cpm, accuracy, 1, started_us, seq
                   FROM session WHERE completed = 1
                  ORDER BY started_us DESC, seq DESC LIMIT ?1)
              ORDER BY 5, 6"
        };
        let mut stmt = self.conn.prepare_cached(sql).map_err(err)?;
        let limit = i64::try_from(TREND_POINTS).unwrap_or(i64::MAX);
        let points = stmt
            .query_map([limit], |r| {
                Ok(TrendPoint {
                    label: r.get::<_, String>(0)?.replace('T', " "),
                    cpm: r.get(1)?,
                    accuracy: r.get(2)?,
                    sessions: u64::try_from(r.get::<_, i64>(3)?).unwrap_or(0),
                })
            })
            .map_err(err)?
            .collect::<rusqlite::Result<_>>()
            .map_err(err)?;
        Ok(Trend { per_day, points })
    }

    /// Sessions newest first, optionally of one pack, at most `limit`.
    pub fn session_rows(&self, pack: Option<&str>, limit: usize) -> Result<Vec<SessionRow>> {
        let err = |e: rusqlite::Error| db_error(&self.path, &e);
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, started_at, pack, drill, kind, cpm, accuracy, completed, passed
                   FROM session WHERE ?1 IS NULL OR pack = ?1
                  ORDER BY started_us DESC, seq DESC LIMIT ?2",
            )
            .map_err(err)?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        stmt.query_map(rusqlite::params![pack, limit], |r| {
            Ok(SessionRow {
                id: r.get(0)?,
                started_at: r.get(1)?,
                pack: r.get(2)?,
                drill: r.get(3)?,
                kind: r.get(4)?,
                cpm: r.get(5)?,
                accuracy: r.get(6)?,
                completed: r.get(7)?,
                passed: r.get(8)?,
            })
        })
        .map_err(err)?
        .collect::<rusqlite::Result<_>>()
        .map_err(err)
    }

    /// The packs that have sessions, in name order (for the history filter).
    pub fn session_packs(&self) -> Result<Vec<String>> {
        let err = |e: rusqlite::Error| db_error(&self.path, &e);
        let mut stmt = self
            .conn
            .prepare_cached("SELECT DISTINCT pack FROM session ORDER BY pack")
            .map_err(err)?;
        stmt.query_map([], |r| r.get(0))
            .map_err(err)?
            .collect::<rusqlite::Result<_>>()
            .map_err(err)
    }

    /// One session's whole record, by id.
    pub fn session(&self, id: &str) -> Result<Option<SessionRecord>> {
        let err = |e: rusqlite::Error| db_error(&self.path, &e);
        let mut stmt = self
            .conn
            .prepare_cached("SELECT record FROM session WHERE id = ?1")
            .map_err(err)?;
        let mut rows = stmt
            .query_map([id], |r| r.get::<_, String>(0))
            .map_err(err)?;
        let Some(json) = rows.next().transpose().map_err(err)? else {
            return Ok(None);
        };
        serde_json::from_str(&json).map(Some).map_err(|e| {
            let path = self.path.display();
            Error::Store(tr!(
                "{path}：记录 {id} 已损坏：{e}",
                "{path}: session {id} is damaged: {e}"
            ))
        })
    }
}
