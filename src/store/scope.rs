//! Whose sessions the figures are read from. On a lab PC shared by several students,
//! home, history and stats show the current student's own sessions (a key shows
//! everyone's); the CLI reads everyone's.
//!
//! Every query that reads figures reads the connection's temporary views `scoped`
//! (sessions), `scoped_char_total` and `scoped_confusion_total` instead of the tables:
//! for everyone they are the tables as they are (the summed totals kept by triggers);
//! for one student they keep that student's sessions and sum the per-grapheme rows of
//! those sessions. The student is a row of a temporary table, bound as a parameter,
//! never spliced into SQL. Temporary objects live with the connection, so a read-only
//! history can be scoped too, and nothing of this reaches the file.

use super::{Store, db_error};
use crate::Result;
use crate::record::Student;
use rusqlite::{Connection, params};

/// Whose sessions are read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Scope {
    /// Every session in the history (the CLI; no student set; the "everyone" key).
    #[default]
    Everyone,
    /// The sessions recorded for this student: matched by 学号 where both have one,
    /// else by 姓名 (as exports match them, [`crate::export::belongs_to`]); sessions
    /// recorded with no student are nobody's until claimed.
    Student(Student),
}

impl Scope {
    /// The scope of the student practising: everyone when nobody is set.
    pub fn of(student: &Student) -> Scope {
        if student.name.is_none() && student.id.is_none() {
            Scope::Everyone
        } else {
            Scope::Student(student.clone())
        }
    }
}

const EVERYONE: &str = "
    DROP VIEW IF EXISTS temp.scoped;
    DROP VIEW IF EXISTS temp.scoped_char_total;
    DROP VIEW IF EXISTS temp.scoped_confusion_total;
    CREATE TEMP VIEW scoped AS SELECT * FROM main.session;
    CREATE TEMP VIEW scoped_char_total AS
        SELECT grapheme, typed, wrong, latency_us, latency_samples FROM main.char_total;
    CREATE TEMP VIEW scoped_confusion_total AS
        SELECT grapheme, typed_as, times FROM main.confusion_total;";

const ONE_STUDENT: &str = "
    DROP VIEW IF EXISTS temp.scoped;
    DROP VIEW IF EXISTS temp.scoped_char_total;
    DROP VIEW IF EXISTS temp.scoped_confusion_total;
    CREATE TEMP VIEW scoped AS
        SELECT s.* FROM main.session s, temp.scope_student w
         WHERE CASE WHEN w.id IS NOT NULL AND s.student_id IS NOT NULL
                    THEN s.student_id = w.id
                    ELSE s.student_name IS NOT NULL AND s.student_name = w.name END;
    CREATE TEMP VIEW scoped_char_total AS
        SELECT c.grapheme, sum(c.typed) AS typed, sum(c.wrong) AS wrong,
               sum(c.latency_us) AS latency_us, sum(c.latency_samples) AS latency_samples
          FROM main.session_char c JOIN scoped s ON s.seq = c.session
         GROUP BY c.grapheme;
    CREATE TEMP VIEW scoped_confusion_total AS
        SELECT c.grapheme, c.typed_as, sum(c.times) AS times
          FROM main.session_confusion c JOIN scoped s ON s.seq = c.session
         GROUP BY c.grapheme, c.typed_as;";

/// Set up the views on a newly opened connection, reading everyone's sessions.
pub(super) fn install(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS scope_student (id TEXT, name TEXT);
         DELETE FROM temp.scope_student;",
    )?;
    conn.execute_batch(EVERYONE)
}

impl Store {
    /// Read `scope`'s sessions from now on (home, history, stats, weak characters).
    pub fn set_scope(&mut self, scope: &Scope) -> Result<()> {
        let err = |e| db_error(&self.path, e);
        let tx = self.conn.transaction().map_err(err)?;
        tx.execute("DELETE FROM temp.scope_student", [])
            .map_err(err)?;
        match scope {
            Scope::Everyone => tx.execute_batch(EVERYONE).map_err(err)?,
            Scope::Student(s) => {
                tx.execute(
                    "INSERT INTO temp.scope_student (id, name) VALUES (?1, ?2)",
                    params![s.id, s.name],
                )
                .map_err(err)?;
                tx.execute_batch(ONE_STUDENT).map_err(err)?;
            }
        }
        tx.commit().map_err(err)
    }

    /// How many sessions were saved with no student (before anyone registered here).
    pub fn unassigned(&self) -> Result<u32> {
        self.conn
            .query_row(
                "SELECT count(*) FROM main.session
                  WHERE student_id IS NULL AND student_name IS NULL",
                [],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| u32::try_from(n).unwrap_or(u32::MAX))
            .map_err(|e| db_error(&self.path, e))
    }

    /// Give the sessions saved with no student to `student` (they said those were
    /// theirs): the row and the record it keeps, so exports carry them too. Returns
    /// how many.
    pub fn claim_unassigned(&mut self, student: &Student) -> Result<u32> {
        let err = |e| db_error(&self.path, e);
        let json = serde_json::to_string(student)
            .map_err(|e| crate::Error::store_because(format!("JSON: {e}"), e))?;
        let n = self
            .conn
            .execute(
                "UPDATE main.session
                    SET student_id = ?1, student_name = ?2,
                        record = json_set(record, '$.student', json(?3))
                  WHERE student_id IS NULL AND student_name IS NULL",
                params![student.id, student.name, json],
            )
            .map_err(err)?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    /// When the last session in this history ended, anyone's.
    pub fn last_ended_at(&self) -> Result<Option<chrono::DateTime<chrono::Utc>>> {
        let us: Option<i64> = self
            .conn
            .query_row(
                "SELECT max(started_us + duration_ms * 1000) FROM main.session",
                [],
                |r| r.get(0),
            )
            .map_err(|e| db_error(&self.path, e))?;
        Ok(us.and_then(chrono::DateTime::from_timestamp_micros))
    }

    /// How many attempts at this drill the scope's student has saved.
    pub fn attempts(&self, pack: &str, drill: &str) -> Result<u32> {
        self.conn
            .query_row(
                "SELECT count(*) FROM scoped WHERE pack = ?1 AND drill = ?2",
                params![pack, drill],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| u32::try_from(n).unwrap_or(u32::MAX))
            .map_err(|e| db_error(&self.path, e))
    }
}
