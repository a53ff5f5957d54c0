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
    /// The figures its kind leads with (the one recomputation's, kept in the row).
    pub headline: crate::figures::Headline,
    /// A small sample: its rates show as "—".
    pub small: bool,
    pub completed: bool,
    /// `None`: the drill has no pass criteria.
    pub passed: Option<bool>,
}

impl Store {
    /// 字/分 and accuracy of completed sessions over time: per day when practice spans at
    /// least [`TREND_MIN_DAYS`] days, else per session; the newest [`TREND_POINTS`].
    /// Pinyin practice is left out: its rate counts letters, not 字.
    pub fn trend(&self) -> Result<Trend> {
        self.trend_of(None)
    }

    /// [`Store::trend`] of one drill (`(pack, drill)`), or of all when `None`.
    pub fn trend_of(&self, drill: Option<(&str, &str)>) -> Result<Trend> {
        let err = |e: rusqlite::Error| db_error(&self.path, e);
        let (pack, drill) = drill.unzip();
        // Of all drills the per-day queries read only the `session_day` index; the
        // filter by drill is its own text so it does not spoil that plan.
        let which = if pack.is_some() {
            concat!(typing_speed!(), " AND pack = ?2 AND drill = ?3")
        } else {
            concat!(typing_speed!(), " AND coalesce(?2, ?3) IS NULL")
        };
        let days: i64 = self
            .conn
            .prepare_cached(&format!(
                "SELECT count(DISTINCT day) FROM scoped WHERE {which}"
            ))
            .and_then(|mut stmt| {
                // ?1 (the limit below) is unused here; the numbering stays the same.
                stmt.query_row(rusqlite::params![0, pack, drill], |r| r.get(0))
            })
            .map_err(err)?;
        let per_day = usize::try_from(days).unwrap_or(0) >= TREND_MIN_DAYS;
        let sql = if per_day {
            format!(
                "SELECT * FROM (
                     SELECT day, avg(cpm), avg(accuracy), count(*)
                       FROM scoped WHERE {which}
                      GROUP BY day ORDER BY day DESC LIMIT ?1)
                  ORDER BY 1"
            )
        } else {
            format!(
                "SELECT * FROM (
                     SELECT substr(started_at, 6, 11), cpm, accuracy, 1, started_us, seq
                       FROM scoped WHERE {which}
                      ORDER BY started_us DESC, seq DESC LIMIT ?1)
                  ORDER BY 5, 6"
            )
        };
        let mut stmt = self.conn.prepare_cached(&sql).map_err(err)?;
        let limit = i64::try_from(TREND_POINTS).unwrap_or(i64::MAX);
        let points = stmt
            .query_map(rusqlite::params![limit, pack, drill], |r| {
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
        let err = |e: rusqlite::Error| db_error(&self.path, e);
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, started_at, pack, drill, headline, small, completed, passed
                   FROM scoped WHERE ?1 IS NULL OR pack = ?1
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
                // A row no kuaida wrote reads as one that cannot be recomputed.
                headline: serde_json::from_str(&r.get::<_, String>(4)?)
                    .unwrap_or(crate::figures::Headline::Unreadable),
                small: r.get(5)?,
                completed: r.get(6)?,
                passed: r.get(7)?,
            })
        })
        .map_err(err)?
        .collect::<rusqlite::Result<_>>()
        .map_err(err)
    }

    /// The packs that have sessions, in name order (for the history filter).
    pub fn session_packs(&self) -> Result<Vec<String>> {
        let err = |e: rusqlite::Error| db_error(&self.path, e);
        let mut stmt = self
            .conn
            .prepare_cached("SELECT DISTINCT pack FROM scoped ORDER BY pack")
            .map_err(err)?;
        stmt.query_map([], |r| r.get(0))
            .map_err(err)?
            .collect::<rusqlite::Result<_>>()
            .map_err(err)
    }

    /// One session's whole record, by id.
    pub fn session(&self, id: &str) -> Result<Option<SessionRecord>> {
        let err = |e: rusqlite::Error| db_error(&self.path, e);
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
            let message = tr!(
                "{path}：记录 {id} 已损坏：{e}",
                "{path}: session {id} is damaged: {e}"
            );
            Error::store_because(message, e)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paths::DataDir;

    fn record(id: &str, started_at: &str, cpm: f64, completed: bool, pack: &str) -> SessionRecord {
        let mut r = crate::testing::typed_at(id, started_at, cpm, completed);
        r.pack = pack.into();
        r
    }

    fn store(records: &[SessionRecord]) -> (tempfile::TempDir, Store) {
        let tmp = tempfile::TempDir::new().expect("tempdir");
        let mut store = Store::open(&DataDir::new(tmp.path().join("data"))).expect("opens");
        store.import(records).expect("imports");
        (tmp, store)
    }

    #[test]
    fn few_days_trend_per_session_oldest_first_completed_only() {
        let (_tmp, s) = store(&[
            record("b", "2026-12-01T09:00:00+08:00", 50.0, true, "p"),
            record("a", "2026-11-30T09:00:00+08:00", 40.0, true, "p"),
            record("c", "2026-12-01T10:00:00+08:00", 5.0, false, "p"),
        ]);
        let t = s.trend().expect("trend");
        assert!(!t.per_day);
        let cpm: Vec<f64> = t.points.iter().map(|p| p.cpm).collect();
        assert_eq!(cpm, vec![40.0, 50.0]);
        assert_eq!(t.points[0].label, "11-30 09:00");
    }

    #[test]
    fn a_drills_trend_leaves_the_other_drills_out() {
        let mut other = record("x", "2026-12-01T11:00:00+08:00", 90.0, true, "p");
        other.drill = "other".into();
        let (_tmp, s) = store(&[
            record("a", "2026-11-30T09:00:00+08:00", 40.0, true, "p"),
            record("b", "2026-12-01T09:00:00+08:00", 50.0, true, "q"),
            other,
        ]);
        assert_eq!(s.trend().expect("trend").points.len(), 3);
        let cpm: Vec<f64> = s
            .trend_of(Some(("p", "words")))
            .expect("trend")
            .points
            .iter()
            .map(|p| p.cpm)
            .collect();
        assert_eq!(cpm, vec![40.0]);
    }

    #[test]
    fn many_days_trend_per_day_with_means() {
        let mut records = Vec::new();
        for day in 1..=6 {
            records.push(record(
                &format!("{day}a"),
                &format!("2026-11-0{day}T09:00:00+08:00"),
                40.0,
                true,
                "p",
            ));
            records.push(record(
                &format!("{day}b"),
                &format!("2026-11-0{day}T10:00:00+08:00"),
                60.0,
                true,
                "p",
            ));
        }
        let (_tmp, s) = store(&records);
        let t = s.trend().expect("trend");
        assert!(t.per_day);
        assert_eq!(t.points.len(), 6);
        assert_eq!(t.points[0].label, "2026-11-01");
        assert_eq!(t.points[5].label, "2026-11-06");
        assert!((t.points[0].cpm - 50.0).abs() < 1e-9);
        assert_eq!(t.points[0].sessions, 2);
    }

    #[test]
    fn rows_newest_first_filtered_by_pack_and_one_record_by_id() {
        let (_tmp, s) = store(&[
            record("a", "2026-11-30T09:00:00+08:00", 40.0, true, "p"),
            record("b", "2026-12-01T09:00:00+08:00", 50.0, false, "q"),
        ]);
        let ids: Vec<String> = s
            .session_rows(None, 10)
            .expect("rows")
            .into_iter()
            .map(|r| r.id)
            .collect();
        assert_eq!(ids, vec!["b", "a"]);
        let q = s.session_rows(Some("q"), 10).expect("rows");
        assert_eq!(q.len(), 1);
        assert!(!q[0].completed);
        assert_eq!(q[0].passed, None);
        assert_eq!(s.session_packs().expect("packs"), vec!["p", "q"]);
        assert_eq!(
            s.session("a").expect("reads").map(|r| r.id),
            Some("a".into())
        );
        assert!(s.session("nope").expect("reads").is_none());
    }
}
