//! Reading a file someone else wrote: only a regular file (a FIFO, a device or a
//! socket named `*.json` would block or never end), opened so that opening cannot
//! block either, and never more than a limit.

use std::fs::File;
use std::io::Read;
use std::path::Path;

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadFail {
    Io(std::io::Error),
    /// A FIFO, device, socket or folder where a file was expected.
    NotRegular,
    /// Larger than the limit (its size, or the limit plus one when it grew).
    TooLarge(u64),
}

impl ReadFail {
    /// One line in the UI language.
    pub fn message(&self) -> String {
        match self {
            ReadFail::Io(e) => e.to_string(),
            ReadFail::NotRegular => crate::tr!(
                "不是普通文件（如命名管道或设备），跳过",
                "not a regular file (a named pipe or a device); skipped"
            ),
            ReadFail::TooLarge(size) => {
                let mib = size.div_ceil(1024 * 1024);
                crate::tr!(
                    "文件太大（约 {mib} MiB）",
                    "the file is too large (about {mib} MiB)"
                )
            }
        }
    }

    /// As an I/O error, for callers that report those.
    pub fn into_io(self) -> std::io::Error {
        match self {
            ReadFail::Io(e) => e,
            other => std::io::Error::new(std::io::ErrorKind::InvalidData, other.message()),
        }
    }
}

/// Open `path` for reading when it is a regular file. On Unix the open itself does not
/// wait (`O_NONBLOCK`: opening a FIFO with no writer would), and the check is made on
/// the handle, so a file swapped for a FIFO in between is still caught.
pub fn open_regular(path: &Path) -> Result<File, ReadFail> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    let file = options.open(path).map_err(ReadFail::Io)?;
    let meta = file.metadata().map_err(ReadFail::Io)?;
    if !meta.is_file() {
        return Err(ReadFail::NotRegular);
    }
    Ok(file)
}

/// Read all of a regular file of at most `max` bytes.
pub fn read_regular(path: &Path, max: u64) -> Result<Vec<u8>, ReadFail> {
    let file = open_regular(path)?;
    let size = file.metadata().map_err(ReadFail::Io)?.len();
    if size > max {
        return Err(ReadFail::TooLarge(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadFail::Io)?;
    if bytes.len() as u64 > max {
        return Err(ReadFail::TooLarge(max + 1));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_files_within_the_limit_only() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("a.json");
        std::fs::write(&path, b"12345").unwrap();
        assert_eq!(read_regular(&path, 5).unwrap(), b"12345");
        assert!(matches!(read_regular(&path, 4), Err(ReadFail::TooLarge(5))));
        assert!(matches!(
            read_regular(dir.path(), 10),
            Err(ReadFail::NotRegular | ReadFail::Io(_))
        ));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_fifo_is_refused_without_waiting_for_a_writer() {
        let dir = tempfile::TempDir::new().unwrap();
        let fifo = dir.path().join("a.json");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo here: nothing to check
        }
        assert!(matches!(read_regular(&fifo, 10), Err(ReadFail::NotRegular)));
    }
}
