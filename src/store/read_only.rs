//! History on a data dir that can be read but not written (a USB stick set read-only,
//! a share mounted read-only): the reading commands and screens still show it, through
//! a read-only connection that never sets WAL, migrates or writes.

use super::{Store, db_error, schema};
use crate::paths::DataDir;
use crate::{Error, Result, tr};
use rusqlite::{Connection, OpenFlags};

impl Store {
    /// Open the history to read it: as [`Store::open`] does where the data dir can be
    /// written, else read-only. A newer or foreign file is refused either way.
    pub fn open_reading(data: &DataDir) -> Result<Store> {
        match Store::open(data) {
            Ok(store) => Ok(store),
            Err(e) if data.history().exists() => match Store::open_read_only(data) {
                Ok(store) => Ok(store),
                // The read-only look found nothing better to say.
                Err(Error::Store { .. }) | Err(_) => Err(e),
            },
            Err(e) => Err(e),
        }
    }

    /// A read-only connection to an existing history of this schema version. Where even
    /// a read-only connection cannot open a WAL file (no `-shm` beside it, a folder that
    /// cannot be written), the file is read as immutable: nothing can change it there.
    pub fn open_read_only(data: &DataDir) -> Result<Store> {
        let path = data.history();
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let plain = Connection::open_with_flags(&path, flags - OpenFlags::SQLITE_OPEN_URI)
            .and_then(|c| schema::inspect(&c, &path).map(|v| (c, v)).map_err(to_sql));
        let (conn, version) = match plain {
            Ok(found) => found,
            Err(_) => {
                let uri = format!("file:{}?immutable=1", uri_path(&path));
                let conn =
                    Connection::open_with_flags(&uri, flags).map_err(|e| db_error(&path, e))?;
                let version = schema::inspect(&conn, &path)?;
                (conn, version)
            }
        };
        if version != super::SCHEMA_VERSION {
            let shown = path.display();
            return Err(Error::store(tr!(
                "{shown}：历史记录来自较旧的版本，需要升级，但数据文件夹不可写",
                "{shown}: this history is from an older version and must be upgraded, but the data folder cannot be written"
            )));
        }
        super::scope::install(&conn).map_err(|e| db_error(&path, e))?;
        Ok(Store { conn, path })
    }

    /// Whether this store was opened read-only (sessions cannot be saved into it).
    pub fn is_read_only(&self) -> bool {
        self.conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(true)
    }
}

/// What the trainer says on a read-only data dir: where sessions go instead (the
/// fallback results files, which `history import` takes back).
pub fn read_only_notice() -> String {
    let dir = std::env::temp_dir();
    let shown = crate::safe_text::clean(&dir.display().to_string(), '?');
    tr!(
        "数据文件夹只读：历史记录只能查看，练习记录将保存到 {shown}（之后可用 kuaida history import 导入）",
        "the data folder is read-only: history can be viewed only; sessions will be saved in {shown} (kuaida history import takes them back)"
    )
}

fn to_sql(e: Error) -> rusqlite::Error {
    rusqlite::Error::InvalidParameterName(e.to_string())
}

/// A path as the path part of an SQLite URI (`%`, `?` and `#` escaped).
fn uri_path(path: &std::path::Path) -> String {
    let mut out = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            '\\' => out.push('/'),
            c => out.push(c),
        }
    }
    out
}
