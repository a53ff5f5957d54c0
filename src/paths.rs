//! Where kuaida keeps its files (PRODUCT.md "Files").

use std::path::{Path, PathBuf};

/// The name of the portable data folder kept beside the executable.
pub const PORTABLE_DIR: &str = "kuaida-data";
pub const HISTORY_FILE: &str = "history.sqlite3";
pub const CONFIG_FILE: &str = "config.toml";
pub const PACKS_DIR: &str = "packs";

/// The data dir: `--data-dir`, else `KUAIDA_DATA_DIR`, else `kuaida-data` beside the
/// executable when that folder exists (a USB stick, a shared drive on wiped lab PCs),
/// else the platform's local data dir for kuaida.
pub fn data_dir(flag: Option<&Path>) -> Option<PathBuf> {
    if let Some(dir) = flag {
        return Some(dir.to_path_buf());
    }
    if let Some(dir) = std::env::var_os("KUAIDA_DATA_DIR").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    if let Some(dir) = portable_dir().filter(|d| d.is_dir()) {
        return Some(dir);
    }
    directories::ProjectDirs::from("", "", "kuaida").map(|p| p.data_local_dir().to_path_buf())
}

fn portable_dir() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    Some(exe.parent()?.join(PORTABLE_DIR))
}

/// The files inside one data dir.
#[derive(Debug, Clone)]
pub struct DataDir {
    pub root: PathBuf,
}

impl DataDir {
    pub fn new(root: PathBuf) -> DataDir {
        DataDir { root }
    }

    pub fn history(&self) -> PathBuf {
        self.root.join(HISTORY_FILE)
    }

    pub fn config(&self) -> PathBuf {
        self.root.join(CONFIG_FILE)
    }

    pub fn packs(&self) -> PathBuf {
        self.root.join(PACKS_DIR)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_wins() {
        let dir = data_dir(Some(Path::new("/tmp/x"))).unwrap();
        assert_eq!(dir, PathBuf::from("/tmp/x"));
    }
}
