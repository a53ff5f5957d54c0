//! History in SQLite (`history.sqlite3` in the data dir). (Interface fixed; the
//! history work fills in the bodies.)

use crate::paths::DataDir;
use crate::record::SessionRecord;
use crate::{Error, Result};
use std::collections::HashMap;
use std::path::PathBuf;

/// Best and last 字/分 of one drill, for the home screen.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct DrillFigures {
    pub best_cpm: f64,
    pub last_cpm: f64,
    pub sessions: u32,
}

/// An open history database.
pub struct Store {
    _private: (),
}

impl Store {
    /// Open (creating or migrating) the data dir's history. A newer or foreign
    /// database is refused with `Error::Store` and left untouched.
    pub fn open(data: &DataDir) -> Result<Store> {
        let _ = data;
        Err(Error::Store("history not implemented".into()))
    }

    /// Save one session in one transaction (an id already present adds nothing).
    pub fn save(&mut self, record: &SessionRecord) -> Result<()> {
        let _ = record;
        Err(Error::Store("history not implemented".into()))
    }

    /// Sessions newest first, at most `limit`.
    pub fn sessions(&self, limit: Option<usize>) -> Result<Vec<SessionRecord>> {
        let _ = limit;
        Ok(Vec::new())
    }

    /// Best and last 字/分 per (pack, drill), completed sessions only.
    pub fn drill_figures(&self) -> Result<HashMap<(String, String), DrillFigures>> {
        Ok(HashMap::new())
    }
}

/// Where a finished session went.
#[derive(Debug)]
pub enum Saved {
    /// Into the history database.
    History,
    /// History could not be written (`reason`); the session is in this results file instead.
    Fallback { path: PathBuf, reason: String },
}

/// Save a session, falling back to a results file when history cannot be written.
/// Errs only when neither worked.
pub fn save_session(data: &DataDir, record: &SessionRecord) -> Result<Saved> {
    let mut store = Store::open(data)?;
    store.save(record)?;
    Ok(Saved::History)
}
