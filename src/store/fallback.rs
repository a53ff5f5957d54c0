//! When history cannot be written, the finished session goes to a results file that
//! `kuaida history import` takes back later: never a lost session.

use super::{BUSY_TIMEOUT, Saved, Store};
use crate::paths::DataDir;
use crate::record::{ResultsDoc, SessionRecord};
use crate::{Error, Result, tr};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The data dir's folder for sessions that history could not take.
pub const FALLBACK_DIR: &str = "unsaved";

/// Save a session, falling back to a results file when history cannot be written.
/// Errs only when neither worked.
pub fn save_session(data: &DataDir, record: &SessionRecord) -> Result<Saved> {
    save_session_with_timeout(data, record, BUSY_TIMEOUT)
}

/// [`save_session`] with another busy timeout (tests of a held lock).
pub fn save_session_with_timeout(
    data: &DataDir,
    record: &SessionRecord,
    busy: Duration,
) -> Result<Saved> {
    let saved = Store::open_with_timeout(data, busy).and_then(|mut store| store.save(record));
    let reason = match saved {
        Ok(()) => return Ok(Saved::History),
        Err(e) => e.to_string(),
    };
    let written = write_fallback(data, record);
    // SQLite often says only "disk I/O error"; the data dir's own file says why.
    let reason = match no_room(data) {
        Some(why) => format!("{why}: {reason}"),
        None => reason,
    };
    let path = written.map_err(|e| {
        let message = tr!(
            "练习记录写不进去（{reason}），备用文件也写不了（{e}）",
            "history could not take it ({reason}) and no fallback file could be written ({e})"
        );
        Error::store_because(message, e)
    })?;
    Ok(Saved::Fallback { path, reason })
}

/// Write `record` as a one-session results document into the data dir's `unsaved/`
/// folder, else the system temp dir; returns the file written.
pub fn write_fallback(data: &DataDir, record: &SessionRecord) -> Result<PathBuf> {
    let json = results_json(record)?;
    let name = format!("kuaida-unsaved-{}.json", file_safe(&record.id));
    let mut last = None;
    for dir in [data.root.join(FALLBACK_DIR), std::env::temp_dir()] {
        let path = dir.join(&name);
        match write_new(&dir, &path, &json) {
            Ok(written) => return Ok(written),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| Error::store("no fallback folder")))
}

/// Why the data dir has no room, when that is why: a one-byte file that cannot be
/// written says the disk (or the user's quota, or a file size limit) is full.
fn no_room(data: &DataDir) -> Option<String> {
    let probe = data.root.join(FALLBACK_DIR).join(".room");
    let written = std::fs::create_dir_all(probe.parent()?)
        .and_then(|()| std::fs::File::create(&probe))
        .and_then(|mut f| f.write_all(b"x").and_then(|()| f.sync_all()));
    let _ = std::fs::remove_file(&probe);
    match written.err()?.kind() {
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => {
            Some(tr!("磁盘已满", "the disk is full"))
        }
        ErrorKind::FileTooLarge => Some(tr!("文件大小已到上限", "a file size limit was reached")),
        _ => None,
    }
}

/// `record` as a one-session results document, as `history import` takes it: the
/// fallback file's content, and what is printed when not even that can be written.
pub fn results_json(record: &SessionRecord) -> Result<Vec<u8>> {
    let now = chrono::Local::now().fixed_offset();
    let doc = ResultsDoc::new(record.student.clone(), now, vec![record.clone()]);
    let mut json = serde_json::to_vec_pretty(&doc)
        .map_err(|e| Error::store_because(format!("JSON: {e}"), e))?;
    json.push(b'\n');
    let text = String::from_utf8_lossy(&json);
    Ok(crate::safe_text::json_escaped(&text).into_bytes())
}

/// Write through an exclusive temporary file and a rename (see [`crate::write_safe`]);
/// a name already taken (or a link planted there, in a shared temp dir) gets another.
fn write_new(dir: &Path, path: &Path, bytes: &[u8]) -> Result<PathBuf> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    crate::write_safe::create(path, bytes)
}

/// A session id as a file-name part: letters, digits, `-` and `_` only.
fn file_safe(id: &str) -> String {
    let safe: String = id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .take(64)
        .collect();
    if safe.is_empty() {
        "session".into()
    } else {
        safe
    }
}
