//! Recognising the file, journal mode and migrations.

use super::db_error;
use crate::{Error, Result, tr};
use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};
use std::path::Path;

/// `PRAGMA application_id` of a kuaida history: "KDA1".
pub const APPLICATION_ID: i32 = 0x4B44_4131;

/// The migrations, in order; migration `n` (1-based) takes the schema to version `n`.
/// Append-only: a released file is never edited.
const MIGRATIONS: &[&str] = &[
    include_str!("sql/001_init.sql"),
    include_str!("sql/002_totals.sql"),
    include_str!("sql/003_leitner.sql"),
    include_str!("sql/004_days.sql"),
    include_str!("sql/005_figures_by_kind.sql"),
];

/// Schema 5's figure columns are filled from each record by Rust, not SQL.
const FIGURES_BY_KIND: i32 = 5;

/// The schema version this build writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i32 = MIGRATIONS.len() as i32;

/// Look at an existing file through a read-only connection, which cannot change it.
/// Where SQLite cannot look without writing (a hot journal to roll back, a WAL index to
/// build) the decision is left to [`inspect`] on the read-write connection.
pub(super) fn check_read_only(path: &Path) -> Result<()> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = match Connection::open_with_flags(path, flags) {
        Ok(conn) => conn,
        Err(e) if undecided(&e) => return Ok(()),
        Err(e) => return Err(refusal(path, e)),
    };
    match read_header(&conn) {
        Ok(header) => classify(header, path).map(|_| ()),
        Err(e) if undecided(&e) => Ok(()),
        Err(e) => Err(refusal(path, e)),
    }
}

/// The schema version of an open database: 0 for an empty one. A newer, foreign or
/// broken file is an error.
pub(super) fn inspect(conn: &Connection, path: &Path) -> Result<i32> {
    let header = read_header(conn).map_err(|e| refusal(path, e))?;
    classify(header, path)
}

/// Header fields: application id, user version, number of schema objects. One statement,
/// so one snapshot: read separately, another copy's migration could commit in between and
/// a half-seen kuaida file (tables, no id yet) would look like another program's.
fn read_header(conn: &Connection) -> rusqlite::Result<(i32, i32, i64)> {
    conn.query_row(
        "SELECT (SELECT application_id FROM pragma_application_id()),
                (SELECT user_version FROM pragma_user_version()),
                (SELECT count(*) FROM sqlite_master)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}

fn classify((app, version, objects): (i32, i32, i64), path: &Path) -> Result<i32> {
    let shown = path.display();
    if app == APPLICATION_ID {
        if version > SCHEMA_VERSION {
            return Err(Error::store(tr!(
                "{shown}：这份历史记录由更新版本的 kuaida 写入（数据版本 {version}，本程序只认识到 {SCHEMA_VERSION}），请升级 kuaida；文件未作任何改动",
                "{shown}: this history was written by a newer kuaida (schema {version}; this one knows up to {SCHEMA_VERSION}); please upgrade kuaida. The file was left untouched"
            )));
        }
        Ok(version)
    } else if app == 0 && version == 0 && objects == 0 {
        Ok(0)
    } else {
        Err(Error::store(tr!(
            "{shown}：这是别的程序的 SQLite 数据库，不是 kuaida 的历史记录；文件未作任何改动，请移走或改名后再试",
            "{shown}: this SQLite database belongs to another program, not kuaida's history; it was left untouched — move or rename it and try again"
        )))
    }
}

/// Why a file that could not be read as a database is refused.
fn refusal(path: &Path, e: rusqlite::Error) -> Error {
    let shown = path.display();
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => Error::store_because(
            tr!(
                "{shown}：不是 kuaida 的历史数据库（不是 SQLite 文件）；文件未作任何改动，请移走或改名后再试",
                "{shown}: not a kuaida history database (not an SQLite file); it was left untouched — move or rename it and try again"
            ),
            e,
        ),
        Some(ErrorCode::DatabaseCorrupt) => Error::store_because(
            tr!(
                "{shown}：历史数据库已损坏；文件未作任何改动，请移走或改名后再试",
                "{shown}: the history database is damaged; it was left untouched — move or rename it and try again"
            ),
            e,
        ),
        _ => db_error(path, e),
    }
}

/// Errors that mean "a read-only connection cannot tell", not "this file is bad".
fn undecided(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::DatabaseBusy)
    )
}

/// WAL lets two copies write at once; where it cannot be set (a network share),
/// the rollback journal.
pub(super) fn set_journal_mode(conn: &Connection, path: &Path) -> Result<()> {
    let set = |mode: &str| {
        conn.pragma_update_and_check(None, "journal_mode", mode, |r| r.get::<_, String>(0))
    };
    match set("WAL") {
        Ok(mode) if mode.eq_ignore_ascii_case("wal") => Ok(()),
        _ => match set("DELETE") {
            Ok(_) => Ok(()),
            Err(e) => Err(db_error(path, e)),
        },
    }
}

/// Apply pending migrations in one transaction (none: no write at all).
pub(super) fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    if inspect(conn, path)? == SCHEMA_VERSION {
        return Ok(());
    }
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|e| db_error(path, e))?;
    // Another copy may have migrated while we waited for the lock.
    let from = inspect(&tx, path)?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(from.max(0) as usize) {
        let version = i as i32 + 1;
        tx.execute_batch(sql).map_err(|e| db_error(path, e))?;
        if version == FIGURES_BY_KIND {
            super::columns::refigure_all(&tx).map_err(|e| db_error(path, e))?;
        }
        tx.pragma_update(None, "user_version", version)
            .map_err(|e| db_error(path, e))?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)
        .map_err(|e| db_error(path, e))?;
    tx.commit().map_err(|e| db_error(path, e))
}

/// The migration scripts, for tests that build an older schema.
#[cfg(test)]
pub(super) fn migrations() -> &'static [&'static str] {
    MIGRATIONS
}
