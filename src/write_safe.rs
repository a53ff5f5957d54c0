//! Writes that cannot be redirected: the bytes go to a temporary file created
//! exclusively (`O_EXCL`: never through a link planted in its place) under an
//! unpredictable name in the target's own folder, then renamed over the target. A
//! rename replaces a symbolic link at the target, never the file it points to, so
//! whoever can write in a shared folder (`packs/`, a class share) cannot make kuaida
//! write elsewhere; and a half-written file never has the real name.

use crate::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The folder `path` is in (`.` for a bare name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// A new temporary file in `dir` holding `bytes`, synced.
fn temporary(
    dir: &Path,
    prefix: &str,
    suffix: &str,
    bytes: &[u8],
) -> Result<tempfile::NamedTempFile> {
    let mut tmp = tempfile::Builder::new()
        .prefix(prefix)
        .suffix(suffix)
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| Error::io(tmp.path(), e))?;
    Ok(tmp)
}

/// Write `bytes` to `path`, replacing what is there (a link at `path` is replaced, not
/// followed).
pub fn replace(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = temporary(folder_of(path), ".kuaida-", ".tmp", bytes)?;
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// Write `bytes` under `path` when nothing is there, else under a new unpredictable
/// name beside it (`STEM-XXXXXX.EXT`); nothing already there is touched. Returns the
/// file written.
pub fn create(path: &Path, bytes: &[u8]) -> Result<PathBuf> {
    let dir = folder_of(path);
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "kuaida".into());
    let ext = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    let tmp = temporary(dir, &format!("{stem}-"), &ext, bytes)?;
    match tmp.persist_noclobber(path) {
        Ok(_) => Ok(path.to_path_buf()),
        Err(e) => {
            // Taken (or the rename refused): keep the complete file under its own name.
            let (_, kept) = e.file.keep().map_err(|k| Error::io(dir, k.error))?;
            Ok(kept)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_a_file_and_leaves_no_temporary() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("config.toml");
        replace(&path, b"one").unwrap();
        replace(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_link_is_replaced_never_followed() {
        let dir = tempfile::TempDir::new().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, b"keep").unwrap();
        let path = dir.path().join("p.toml");
        std::os::unix::fs::symlink(&victim, &path).unwrap();
        replace(&path, b"pack").unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"keep");
        assert!(
            !std::fs::symlink_metadata(&path)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        // A link where a new file would go: another name, the link left alone.
        let link = dir.path().join("new.json");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        let written = create(&link, b"results").unwrap();
        assert_ne!(written, link);
        assert_eq!(std::fs::read(&written).unwrap(), b"results");
        assert_eq!(std::fs::read(&victim).unwrap(), b"keep");
    }
}
