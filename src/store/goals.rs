//! Minutes practised per local date, for the daily goal and its streak
//! ([`crate::stats::goal`] does the counting).

use super::{Store, db_error};
use crate::Result;
use crate::stats::goal::{self, GoalStatus};
use chrono::NaiveDate;

impl Store {
    /// Milliseconds practised per local date (the date in `started_at`, as the student's
    /// clock showed it), every session counted, completed or not, newest date first.
    pub fn practice_days(&self) -> Result<Vec<(NaiveDate, u64)>> {
        let err = |e: rusqlite::Error| db_error(&self.path, e);
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT day AS day, total(duration_ms)
                   FROM scoped GROUP BY day ORDER BY day DESC",
            )
            .map_err(err)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, f64>(1)?)))
            .map_err(err)?;
        let mut out = Vec::new();
        for row in rows {
            let (day, ms) = row.map_err(err)?;
            // A date that does not parse (a hand-edited import) counts for no day.
            if let Some(day) = goal::parse_day(&day) {
                out.push((day, super::count_of(ms)));
            }
        }
        Ok(out)
    }

    /// Today's minutes against `goal_minutes`, and the streak.
    pub fn goal_status(&self, today: NaiveDate, goal_minutes: u32) -> Result<GoalStatus> {
        Ok(goal::status(&self.practice_days()?, today, goal_minutes))
    }
}

#[cfg(test)]
mod tests {
    use crate::paths::DataDir;
    use crate::record::SessionRecord;
    use crate::store::Store;

    fn record(id: &str, started_at: &str, duration_ms: u64, completed: bool) -> SessionRecord {
        crate::testing::typed(id, started_at, 30, duration_ms * 1000, completed)
    }

    #[test]
    fn minutes_per_local_date_feed_the_streak() {
        let tmp = tempfile::TempDir::new().expect("tempdir");
        let mut s = Store::open(&DataDir::new(tmp.path().join("data"))).expect("opens");
        let min = 60_000;
        s.import(&[
            // Late on the 30th in +08:00 is the 30th there, though already the 30th
            // 15:50 UTC: the student's own date counts.
            record("a", "2026-11-30T23:50:00+08:00", 15 * min, true),
            record("b", "2026-12-01T00:10:00+08:00", 10 * min, false),
            record("c", "2026-12-01T20:00:00+08:00", 5 * min, true),
            record("d", "2026-12-02T09:00:00+08:00", 3 * min, true),
        ])
        .expect("imports");
        let days = s.practice_days().expect("days");
        assert_eq!(days.len(), 3);
        assert_eq!(days[0].0.to_string(), "2026-12-02");
        assert_eq!(days[1].1, 15 * min);
        let today = crate::stats::goal::parse_day("2026-12-02").expect("date");
        let g = s.goal_status(today, 15).expect("status");
        assert_eq!((g.today_minutes, g.met_today, g.streak_days), (3, false, 2));
        let g = s.goal_status(today, 16).expect("status");
        assert_eq!(g.streak_days, 0);
    }
}

#[cfg(test)]
mod plans {
    use crate::paths::DataDir;
    use crate::store::Store;

    /// The query plan's details, joined.
    fn plan(s: &Store, sql: &str) -> String {
        let mut stmt = s
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .expect("prepares");
        let n = stmt.parameter_count();
        let params: Vec<Option<i64>> = vec![None; n];
        stmt.query_map(rusqlite::params_from_iter(params), |r| {
            r.get::<_, String>(3)
        })
        .expect("plans")
        .collect::<rusqlite::Result<Vec<_>>>()
        .expect("rows")
        .join(" | ")
    }

    /// The goal, the per-day trend of all drills and the totals read only the
    /// `session_day` index, never the rows with their keystroke logs.
    #[test]
    fn per_day_figures_come_from_the_covering_index() {
        let tmp = tempfile::TempDir::new().expect("tempdir");
        let s = Store::open(&DataDir::new(tmp.path().join("data"))).expect("opens");
        for sql in [
            "SELECT day AS day, total(duration_ms)
               FROM scoped GROUP BY day ORDER BY day DESC",
            concat!(
                "SELECT count(DISTINCT day) FROM scoped WHERE ",
                typing_speed!(),
                " AND coalesce(?2, ?3) IS NULL"
            ),
            concat!(
                "SELECT day AS day, avg(cpm), avg(accuracy), count(*) FROM scoped WHERE ",
                typing_speed!(),
                " AND coalesce(?2, ?3) IS NULL GROUP BY day ORDER BY day DESC LIMIT ?1"
            ),
            "SELECT count(*), total(completed), total(duration_ms), total(halfwidth)
               FROM scoped",
        ] {
            let p = plan(&s, sql);
            assert!(p.contains("COVERING INDEX session_day"), "{sql}\n{p}");
        }
    }
}
