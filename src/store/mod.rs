//! History in SQLite (`history.sqlite3` in the data dir).
//!
//! Each session is one row: the whole [`SessionRecord`] as JSON (the keystroke log is
//! the truth) plus copies of its scalar figures in indexed columns for listing, and
//! per-character rows for weak-character statistics. The schema is built by numbered,
//! append-only migrations in `sql/`; its version lives in `PRAGMA user_version` and our
//! `PRAGMA application_id` marks the file as kuaida's, so a foreign or newer database is
//! recognised on a read-only connection and refused without being touched.

/// The SQL condition for sessions whose `cpm` is a typing speed in 字/分 that may rank
/// (PRODUCT.md "Figures by kind"): a completed text or phrases drill, not pinyin
/// practice (its rate is keys) and not a small sample. A macro, so queries can
/// `concat!` it into their literal text.
macro_rules! typing_speed {
    () => {
        "kind IN ('text', 'phrases') AND mode IS NULL AND small = 0 AND completed = 1"
    };
}

/// The SQL expression sorting a row into the figures it ranks by: 0 typing (字/分),
/// 1 pinyin (击键/分), 2 answers (per cent right, mean response).
macro_rules! rank_kind {
    () => {
        "CASE WHEN mode = 'pinyin' THEN 1 WHEN kind IN ('text', 'phrases') AND mode IS NULL THEN 0 ELSE 2 END"
    };
}

mod chars;
mod columns;
mod fallback;
mod goals;
mod leitner;
mod pinyin;
mod read_only;
mod schema;
mod scope;
mod slow;
mod summary;
#[cfg(test)]
mod tests;
mod trend;

use crate::figures::Figures;
use crate::paths::DataDir;
use crate::record::SessionRecord;
use crate::stats::weak::CharTotals;
use crate::{Error, Result, tr};
use rusqlite::{Connection, OpenFlags, TransactionBehavior, params};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use fallback::{
    FALLBACK_DIR, results_json, save_session, save_session_with_timeout, write_fallback,
};
pub use read_only::read_only_notice;
pub use schema::{APPLICATION_ID, SCHEMA_VERSION};
pub use scope::Scope;
pub use summary::{AnswerBest, BestRun, DrillBest, Totals};
pub use trend::{SessionRow, TREND_MIN_DAYS, TREND_POINTS, Trend, TrendPoint};

/// How long a writer waits for another copy of kuaida holding the database.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Best and last of one drill's ranking figure, over completed sessions that rank.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Best {
    pub best: f64,
    pub last: f64,
    pub sessions: u32,
}

/// A drill's bests for the home screen, each kind of figure on its own (PRODUCT.md
/// "Figures by kind"): a drill typed both ways has a 字/分 best and a 击键/分 best.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct DrillFigures {
    /// Text and phrases: 字/分.
    pub typing: Option<Best>,
    /// Pinyin practice: 击键/分.
    pub pinyin: Option<Best>,
    /// Quick reply, recall, recite: per cent right…
    pub answers: Option<Best>,
    /// …and the fastest mean response (quick reply) or time per item (code drills).
    pub fastest_ms: Option<u64>,
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Imported {
    pub added: usize,
    /// Sessions whose id was already in history (nothing added for them).
    pub present: usize,
}

/// An open history database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Open (creating or migrating) the data dir's history. A newer or foreign
    /// database is refused with `Error::Store` and left untouched.
    pub fn open(data: &DataDir) -> Result<Store> {
        Store::open_with_timeout(data, BUSY_TIMEOUT)
    }

    /// [`Store::open`] with another busy timeout (tests of a held lock).
    pub fn open_with_timeout(data: &DataDir, busy: Duration) -> Result<Store> {
        let path = data.history();
        if path.exists() {
            // Look before touching: a read-only connection cannot change the file.
            schema::check_read_only(&path)?;
        }
        std::fs::create_dir_all(&data.root).map_err(|e| Error::io(&data.root, e))?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(&path, flags).map_err(|e| db_error(&path, e))?;
        conn.busy_timeout(busy).map_err(|e| db_error(&path, e))?;
        // Again on this connection: the file may have appeared since, or the read-only
        // look may have been impossible (a hot journal to roll back first).
        schema::inspect(&conn, &path)?;
        schema::set_journal_mode(&conn, &path)?;
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(|e| db_error(&path, e))?;
        schema::migrate(&mut conn, &path)?;
        scope::install(&conn).map_err(|e| db_error(&path, e))?;
        Ok(Store { conn, path })
    }

    /// A history in memory, migrated like a file (the app's tests run over one).
    pub fn open_in_memory() -> Result<Store> {
        let path = PathBuf::from(":memory:");
        let mut conn = Connection::open_in_memory().map_err(|e| db_error(&path, e))?;
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(|e| db_error(&path, e))?;
        schema::migrate(&mut conn, &path)?;
        scope::install(&conn).map_err(|e| db_error(&path, e))?;
        Ok(Store { conn, path })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// `wal`, or `delete` where WAL could not be set (a network share).
    pub fn journal_mode(&self) -> Result<String> {
        self.conn
            .pragma_query_value(None, "journal_mode", |r| r.get::<_, String>(0))
            .map(|m| m.to_ascii_lowercase())
            .map_err(|e| db_error(&self.path, e))
    }

    /// Save one session in one transaction (an id already present adds nothing).
    pub fn save(&mut self, record: &SessionRecord) -> Result<()> {
        self.insert(record).map(|_| ())
    }

    /// Save one session; `true` when it was new.
    pub fn insert(&mut self, record: &SessionRecord) -> Result<bool> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| db_error(&self.path, e))?;
        let added = insert_in(&tx, record).map_err(|e| db_error(&self.path, e))?;
        tx.commit().map_err(|e| db_error(&self.path, e))?;
        Ok(added)
    }

    /// Save many sessions in one transaction; ids already present add nothing.
    pub fn import(&mut self, records: &[SessionRecord]) -> Result<Imported> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| db_error(&self.path, e))?;
        let mut done = Imported::default();
        for record in records {
            if insert_in(&tx, record).map_err(|e| db_error(&self.path, e))? {
                done.added += 1;
            } else {
                done.present += 1;
            }
        }
        tx.commit().map_err(|e| db_error(&self.path, e))?;
        Ok(done)
    }

    /// Sessions newest first (by start time, then the later saved first), at most `limit`.
    pub fn sessions(&self, limit: Option<usize>) -> Result<Vec<SessionRecord>> {
        let limit = limit.map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX));
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, record FROM scoped ORDER BY started_us DESC, seq DESC LIMIT ?1",
            )
            .map_err(|e| db_error(&self.path, e))?;
        let rows = stmt
            .query_map([limit], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })
            .map_err(|e| db_error(&self.path, e))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, json) = row.map_err(|e| db_error(&self.path, e))?;
            let record = serde_json::from_str(&json).map_err(|e| {
                let path = self.path.display();
                let message = tr!(
                    "{path}：记录 {id} 已损坏：{e}",
                    "{path}: session {id} is damaged: {e}"
                );
                Error::store_because(message, e)
            })?;
            out.push(record);
        }
        Ok(out)
    }

    /// Number of sessions saved.
    pub fn count(&self) -> Result<u64> {
        self.conn
            .query_row("SELECT count(*) FROM scoped", [], |r| r.get::<_, i64>(0))
            .map(|n| u64::try_from(n).unwrap_or(0))
            .map_err(|e| db_error(&self.path, e))
    }

    /// Each drill's bests by kind of figure (completed sessions that are no small
    /// sample), for the home screen.
    pub fn drill_figures(&self) -> Result<HashMap<(String, String), DrillFigures>> {
        let err = |e: rusqlite::Error| db_error(&self.path, e);
        let mut stmt = self
            .conn
            .prepare_cached(concat!(
                "WITH done AS (
                     SELECT pack, drill, ",
                rank_kind!(),
                " AS rank, score, mean_ms, started_us, seq
                       FROM scoped
                      WHERE completed = 1 AND small = 0 AND score IS NOT NULL),
                 ordered AS (
                     SELECT *, row_number() OVER (PARTITION BY pack, drill, rank
                                                  ORDER BY started_us DESC, seq DESC) AS newest
                       FROM done)
                 SELECT pack, drill, rank, count(*), max(score),
                        max(CASE WHEN newest = 1 THEN score END), min(mean_ms)
                   FROM ordered GROUP BY pack, drill, rank"
            ))
            .map_err(err)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    (r.get::<_, String>(0)?, r.get::<_, String>(1)?),
                    r.get::<_, i64>(2)?,
                    Best {
                        sessions: u32::try_from(r.get::<_, i64>(3)?).unwrap_or(u32::MAX),
                        best: r.get::<_, Option<f64>>(4)?.unwrap_or(0.0),
                        last: r.get::<_, Option<f64>>(5)?.unwrap_or(0.0),
                    },
                    r.get::<_, Option<i64>>(6)?,
                ))
            })
            .map_err(err)?;
        let mut out: HashMap<(String, String), DrillFigures> = HashMap::new();
        for row in rows {
            let (key, rank, best, fastest) = row.map_err(err)?;
            let f = out.entry(key).or_default();
            match rank {
                0 => f.typing = Some(best),
                1 => f.pinyin = Some(best),
                _ => {
                    f.answers = Some(best);
                    f.fastest_ms = fastest.and_then(|ms| u64::try_from(ms).ok());
                }
            }
        }
        Ok(out)
    }

    /// Per-grapheme figures summed over every saved typing session, with what was typed
    /// instead (most frequent first), for weak-character statistics.
    pub fn char_totals(&self) -> Result<Vec<CharTotals>> {
        let err = |e: rusqlite::Error| db_error(&self.path, e);
        let mut stmt = self
            .conn
            .prepare_cached(
                // total(): a float that cannot overflow, whatever an older import left
                // in the table (a sum past i64 is stored as a float by SQLite).
                "SELECT grapheme, total(typed), total(wrong), total(latency_us),
                        total(latency_samples)
                   FROM scoped_char_total WHERE typed > 0 GROUP BY grapheme ORDER BY grapheme",
            )
            .map_err(err)?;
        let mut totals: Vec<CharTotals> = stmt
            .query_map([], |r| {
                Ok(CharTotals {
                    grapheme: r.get(0)?,
                    typed: clamp_u32(count_of(r.get(1)?)),
                    wrong: clamp_u32(count_of(r.get(2)?)),
                    latency_us: count_of(r.get(3)?),
                    latency_samples: clamp_u32(count_of(r.get(4)?)),
                    confusions: Vec::new(),
                })
            })
            .map_err(err)?
            .collect::<rusqlite::Result<_>>()
            .map_err(err)?;
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT grapheme, typed_as, total(times) AS n FROM scoped_confusion_total WHERE times > 0
                  GROUP BY grapheme, typed_as ORDER BY grapheme, n DESC, typed_as",
            )
            .map_err(err)?;
        let index: HashMap<String, usize> = totals
            .iter()
            .enumerate()
            .map(|(i, t)| (t.grapheme.clone(), i))
            .collect();
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, f64>(2)?,
                ))
            })
            .map_err(err)?;
        for row in rows {
            let (grapheme, typed_as, times) = row.map_err(err)?;
            if let Some(&i) = index.get(&grapheme) {
                totals[i]
                    .confusions
                    .push((typed_as, clamp_u32(count_of(times))));
            }
        }
        Ok(totals)
    }
}

fn clamp_u32(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A sum read as SQLite's `total()` (a float): saturated into a count, NaN and
/// negatives as 0. Sums read this way cannot overflow, whatever the rows hold.
pub(crate) fn count_of(x: f64) -> u64 {
    // `as` saturates, and turns NaN into 0.
    x.max(0.0) as u64
}

/// Insert one session inside `tx`; `false` when its id was already there. The figure
/// columns are the record's recomputation, never the figures it claims.
fn insert_in(tx: &rusqlite::Transaction<'_>, r: &SessionRecord) -> rusqlite::Result<bool> {
    let figures = Figures::of(r);
    // An older pinyin record (an import) is kept with 字/分 in `cpm`, as history's are.
    let migrated = (r.mode == Some(crate::record::Mode::Pinyin))
        .then(|| {
            let mut m = r.clone();
            columns::migrate_pinyin(&mut m, &figures).then_some(m)
        })
        .flatten();
    let r = migrated.as_ref().unwrap_or(r);
    let c = columns::Columns::of(&figures);
    let json = serde_json::to_string(r)
        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
    let saved_at = chrono::Local::now().fixed_offset().to_rfc3339();
    let mut stmt = tx.prepare_cached(
        "INSERT OR IGNORE INTO session
           (id, pack, pack_version, pack_hash, drill, kind, mode, student_name, student_id,
            started_at, started_us, completed, duration_ms, cpm, net_cpm, accuracy, passed,
            record, saved_at, halfwidth, day, small, headline, score, mean_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
                 substr(?10, 1, 10), ?21, ?22, ?23, ?24)",
    )?;
    let added = stmt.execute(params![
        r.id,
        r.pack,
        r.pack_version,
        r.pack_hash,
        r.drill,
        r.kind.as_str(),
        r.mode.as_ref().map(crate::record::Mode::as_str),
        r.student.name,
        r.student.id,
        r.started_at.to_rfc3339(),
        r.started_at.timestamp_micros(),
        c.completed,
        c.duration_ms,
        c.cpm,
        c.net_cpm,
        c.accuracy,
        c.passed,
        json,
        saved_at,
        c.halfwidth,
        c.small,
        c.headline,
        c.score,
        c.mean_ms,
    ])?;
    if added == 0 {
        return Ok(false);
    }
    let seq = tx.last_insert_rowid();
    let figures = chars::figures(&figures);
    let mut char_stmt = tx.prepare_cached(
        "INSERT INTO session_char (session, grapheme, typed, wrong, latency_us, latency_samples)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut confusion_stmt = tx.prepare_cached(
        "INSERT INTO session_confusion (session, grapheme, typed_as, times) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for c in figures {
        char_stmt.execute(params![
            seq,
            c.grapheme,
            c.typed,
            c.wrong,
            i64::try_from(c.latency_us).unwrap_or(i64::MAX),
            c.latency_samples,
        ])?;
        for (typed_as, times) in &c.instead {
            confusion_stmt.execute(params![seq, c.grapheme, typed_as, times])?;
        }
    }
    leitner::review_session(tx, r)?;
    Ok(true)
}

/// A database error as one line naming the file.
pub(crate) fn db_error(path: &Path, e: rusqlite::Error) -> Error {
    let path = path.display();
    let message = tr!(
        "{path}：历史记录出错：{e}",
        "{path}: history database error: {e}"
    );
    Error::store_because(message, e)
}

/// Where a finished session went.
#[derive(Debug)]
pub enum Saved {
    /// Into the history database.
    History,
    /// History could not be written (`reason`); the session is in this results file instead.
    Fallback { path: PathBuf, reason: String },
}
