//! Reading pack files and the built-in packs. (Interface fixed; the pack-loading work
//! fills in the bodies.)

use super::model::{Pack, PackSource};
use crate::paths::DataDir;
use std::path::Path;

/// One problem found in a pack file, printed as `PATH:LINE:COL: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub col: usize,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path, self.line, self.col, self.message
        )
    }
}

/// Why a pack could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// The file could not be read (missing, unreadable, too large).
    Io(crate::Error),
    /// The file was read and found wrong: every problem, in file order.
    Invalid(Vec<Problem>),
}

/// Read, decode (UTF-8 with or without BOM, or GBK; CRLF as LF; ≤ 10 MiB) and validate one pack file.
pub fn load_file(path: &Path, source: PackSource) -> Result<Pack, LoadError> {
    let _ = (path, source);
    Err(LoadError::Invalid(Vec::new()))
}

/// Validate pack bytes; `display_path` is what problems are prefixed with.
pub fn load_bytes(
    bytes: &[u8],
    display_path: &str,
    source: PackSource,
) -> Result<Pack, Vec<Problem>> {
    let _ = (bytes, display_path, source);
    Err(Vec::new())
}

/// The packs embedded from `drills/*.toml`, in file-name order.
pub fn builtin() -> Vec<Pack> {
    Vec::new()
}

/// Built-in and installed packs together, as the home screen and `pack list` see them.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    pub packs: Vec<Pack>,
    /// Installed packs that failed to load, one line each (`PATH:LINE:COL: message`).
    pub problems: Vec<String>,
}

impl Registry {
    /// Built-in packs, then the valid packs in the data dir's `packs/` (an installed pack
    /// with a built-in's id replaces it).
    pub fn load(data: &DataDir) -> Registry {
        let _ = data;
        Registry {
            packs: builtin(),
            problems: Vec::new(),
        }
    }

    pub fn find(&self, id: &str) -> Option<&Pack> {
        self.packs.iter().find(|p| p.id == id)
    }
}
