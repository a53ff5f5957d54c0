//! Collecting results documents from files, folders (recursively) and zip archives, one
//! document at a time: each is parsed, handed on and dropped before the next is read,
//! so a run holds one file's bytes and one parsed document at most. Only regular files
//! are read (a FIFO named `*.json` would block); whatever cannot be read — a CSV
//! export, a zip inside the zip, a RAR, a broken or foreign file — becomes a warning
//! naming it and saying what to do (what systems leave beside files is passed over).

use crate::record::ResultsDoc;
use crate::report::clean;
use crate::tr;
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::io::{Read, Seek};
use std::path::{Path, PathBuf};

/// One results file or zip entry at most this large.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// A zip archive with more entries than this is refused.
pub const MAX_ZIP_ENTRIES: usize = 10_000;
/// All entries of one zip archive together, uncompressed.
pub const MAX_ZIP_TOTAL: u64 = 1024 * 1024 * 1024;
/// Folders nested deeper than this are not entered.
const MAX_DEPTH: usize = 32;
/// A results document and where it came from (cleaned for the terminal).
#[derive(Debug, Clone)]
pub struct Loaded {
    pub source: String,
    pub doc: ResultsDoc,
}

/// Everything read, and one warning per thing that could not be.
#[derive(Debug, Default)]
pub struct Collected {
    /// The documents, when collected by [`collect`] (not by [`collect_each`]).
    pub docs: Vec<Loaded>,
    pub warnings: Vec<String>,
    /// Files whose bytes were already read from elsewhere (counted once).
    pub duplicate_files: usize,
    seen: HashSet<[u8; 32]>,
}

/// The parser of one results document (the one `history import` uses).
pub type Parse<'a> = &'a dyn Fn(&[u8]) -> Result<ResultsDoc, String>;

/// Read every path: a folder is searched for `*.json` and `*.zip`, a zip archive for
/// `*.json` entries; any other file is read as a results document. Every document is
/// kept (for a few files; a class report uses [`collect_each`]).
pub fn collect(paths: &[PathBuf], parse: Parse<'_>) -> Collected {
    let mut docs = Vec::new();
    let mut c = collect_each(paths, parse, &mut |loaded| docs.push(loaded));
    c.docs = docs;
    c
}

/// [`collect`], handing each document to `sink` as soon as it is parsed and keeping
/// none: memory is one document's, however many files.
pub fn collect_each(paths: &[PathBuf], parse: Parse<'_>, sink: Sink<'_>) -> Collected {
    let mut c = Collected::default();
    let mut reader = Reader { c: &mut c, sink };
    for path in paths {
        reader.path(path, parse, 0, true);
    }
    c
}

/// Where each parsed document goes.
pub type Sink<'a> = &'a mut dyn FnMut(Loaded);

struct Reader<'a, 'b> {
    c: &'a mut Collected,
    sink: Sink<'b>,
}

impl Collected {
    fn warn(&mut self, source: &str, why: &str) {
        self.warnings
            .push(format!("{}: {}", clean(source), clean(why)));
    }
}

impl Reader<'_, '_> {
    fn warn(&mut self, source: &str, why: &str) {
        self.c.warn(source, why);
    }
    fn path(&mut self, path: &Path, parse: Parse<'_>, depth: usize, given: bool) {
        let shown = path.display().to_string();
        let meta = match std::fs::symlink_metadata(path) {
            Ok(m) => m,
            Err(e) => return self.warn(&shown, &e.to_string()),
        };
        // A link named on the command line is followed; inside folders, never (no loops).
        let meta = if meta.file_type().is_symlink() {
            if !given {
                return;
            }
            match std::fs::metadata(path) {
                Ok(m) => m,
                Err(e) => return self.warn(&shown, &e.to_string()),
            }
        } else {
            meta
        };
        if meta.is_dir() {
            if depth >= MAX_DEPTH {
                return self.warn(
                    &shown,
                    &tr!("文件夹层数太多，跳过", "folders nested too deep; skipped"),
                );
            }
            let mut entries: Vec<PathBuf> = match std::fs::read_dir(path) {
                Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
                Err(e) => return self.warn(&shown, &e.to_string()),
            };
            entries.sort();
            for entry in entries {
                let kind = std::fs::symlink_metadata(&entry).map(|m| m.file_type());
                let name = entry
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                if kind.as_ref().is_ok_and(|k| k.is_dir()) {
                    if name != "__MACOSX" {
                        self.path(&entry, parse, depth + 1, false);
                    }
                    continue;
                }
                match FileKind::of(&name) {
                    FileKind::Junk => {}
                    FileKind::Json | FileKind::Zip => self.path(&entry, parse, depth + 1, false),
                    other => self.warn(&entry.display().to_string(), &other.why()),
                }
            }
            return;
        }
        if !meta.is_file() {
            return self.warn(&shown, &crate::read_safe::ReadFail::NotRegular.message());
        }
        // Opened once, without waiting, and checked on the handle (read_safe).
        let mut file = match crate::read_safe::open_regular(path) {
            Ok(f) => f,
            Err(e) => return self.warn(&shown, &e.message()),
        };
        let mut magic = [0u8; 4];
        let read = file.read_exact(&mut magic).is_ok();
        let zip = read && (magic == *b"PK\x03\x04" || magic == *b"PK\x05\x06");
        // RAR (`Rar!`) and 7z (`7z\xBC\xAF`) archives, whatever their names say.
        if read && (magic == *b"Rar!" || magic == *b"7z\xBC\xAF") {
            return self.warn(&shown, &FileKind::Archive.why());
        }
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        if !zip && name.is_some_and(|n| FileKind::of(&n) == FileKind::Csv) {
            return self.warn(&shown, &FileKind::Csv.why());
        }
        if let Err(e) = file.rewind() {
            return self.warn(&shown, &e.to_string());
        }
        if zip {
            // Read from the file, not into memory: a class's archive may be large.
            self.zip(&shown, std::io::BufReader::new(file), parse);
            return;
        }
        match read_limited(file) {
            Ok(bytes) => self.document(shown, &bytes, parse),
            Err(why) => self.warn(&shown, &why),
        }
    }

    fn document(&mut self, source: String, bytes: &[u8], parse: Parse<'_>) {
        let digest: [u8; 32] = Sha256::digest(bytes).into();
        if !self.c.seen.insert(digest) {
            self.c.duplicate_files += 1;
            return;
        }
        match parse(bytes) {
            Ok(doc) => (self.sink)(Loaded {
                source: clean(&source),
                doc,
            }),
            Err(why) => self.warn(&source, &why),
        }
    }

    fn zip<R: Read + std::io::Seek>(&mut self, shown: &str, reader: R, parse: Parse<'_>) {
        let mut archive = match zip::ZipArchive::new(reader) {
            Ok(a) => a,
            Err(e) => return self.warn(shown, &tr!("不是有效的 zip：{e}", "not a valid zip: {e}")),
        };
        if archive.len() > MAX_ZIP_ENTRIES {
            let n = archive.len();
            return self.warn(
                shown,
                &tr!(
                    "zip 内有 {n} 个条目，超过上限 {MAX_ZIP_ENTRIES}",
                    "the zip has {n} entries, more than {MAX_ZIP_ENTRIES}"
                ),
            );
        }
        let mut total: u64 = 0;
        for i in 0..archive.len() {
            let mut entry = match archive.by_index(i) {
                Ok(e) => e,
                Err(e) => {
                    self.warn(shown, &e.to_string());
                    continue;
                }
            };
            let name = entry_name(entry.name_raw());
            let source = format!("{shown}!{name}");
            let base = name.rsplit('/').next().unwrap_or("");
            if entry.is_dir() || name.starts_with("__MACOSX/") {
                continue;
            }
            match FileKind::of(base) {
                FileKind::Json => {}
                FileKind::Junk => continue,
                other => {
                    self.warn(&source, &other.why());
                    continue;
                }
            }
            if entry.size() > MAX_FILE_BYTES {
                self.warn(&source, &too_large());
                continue;
            }
            let mut data = Vec::new();
            if let Err(e) = (&mut entry).take(MAX_FILE_BYTES + 1).read_to_end(&mut data) {
                self.warn(&source, &e.to_string());
                continue;
            }
            if data.len() as u64 > MAX_FILE_BYTES {
                self.warn(&source, &too_large());
                continue;
            }
            total += data.len() as u64;
            if total > MAX_ZIP_TOTAL {
                self.warn(
                    shown,
                    &tr!(
                        "zip 解压后超过 1 GiB，其余条目跳过",
                        "the zip holds more than 1 GiB uncompressed; the rest is skipped"
                    ),
                );
                return;
            }
            self.document(source, &data, parse);
        }
    }
}

/// A zip entry's name: UTF-8, or GBK as Chinese Windows writes it.
fn entry_name(raw: &[u8]) -> String {
    match std::str::from_utf8(raw) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GBK.decode(raw).0.into_owned(),
    }
    .replace('\\', "/")
}

/// What a file in a folder or zip is taken for, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileKind {
    /// A results document.
    Json,
    /// An archive of them (in a folder; inside a zip, a zip is not opened).
    Zip,
    /// A CSV export: no keystrokes, nothing to check.
    Csv,
    /// RAR or 7z, which kuaida does not open.
    Archive,
    /// What systems leave beside files (`.DS_Store`, `._x`, `Thumbs.db`, `~$x.docx`).
    Junk,
    /// Anything else a student may have handed in.
    Other,
}

impl FileKind {
    fn of(name: &str) -> FileKind {
        let lower = name.to_lowercase();
        let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
        if lower.starts_with('.')
            || lower.starts_with("~$")
            || lower == "thumbs.db"
            || lower == "desktop.ini"
        {
            return FileKind::Junk;
        }
        match ext {
            "json" => FileKind::Json,
            "zip" => FileKind::Zip,
            "csv" => FileKind::Csv,
            "rar" | "7z" => FileKind::Archive,
            _ => FileKind::Other,
        }
    }

    /// Why a file of this kind is not read, and what to do.
    fn why(self) -> String {
        match self {
            FileKind::Csv => tr!(
                "这是 CSV 导出，没有击键记录，无法核对：请学生交 JSON 文件（快打首页按 e 或 kuaida export 导出的 .json）",
                "a CSV export has no keystrokes and cannot be checked: ask for the JSON file (what e on kuaida's home or kuaida export writes)"
            ),
            FileKind::Zip => tr!(
                "zip 里又套了 zip，没有打开：请先解压（或让学生直接交 JSON 文件）",
                "a zip inside the zip is not opened: unzip it first (or ask for the JSON file itself)"
            ),
            FileKind::Archive => tr!(
                "RAR、7z 压缩包读不了：请先解压（或让学生直接交 JSON 文件）",
                "RAR and 7z archives cannot be read: extract it first (or ask for the JSON file itself)"
            ),
            FileKind::Json | FileKind::Junk | FileKind::Other => tr!(
                "不是成绩文件（应为 学号_姓名_日期.json）",
                "not a results file (expected 学号_姓名_DATE.json)"
            ),
        }
    }
}

fn too_large() -> String {
    tr!("超过 64 MiB，跳过", "larger than 64 MiB; skipped")
}

fn read_limited(file: std::fs::File) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}
