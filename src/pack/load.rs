//! Reading pack files and the built-in packs.

use super::body::Stored;
use super::decode::{self, DecodeError, ReadError};
use super::model::{DrillBody, Pack, PackSource};
use super::validate;
use crate::paths::DataDir;
use crate::tr;
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

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Io(e) => write!(f, "{e}"),
            LoadError::Invalid(problems) => {
                for (i, p) in problems.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{p}")?;
                }
                Ok(())
            }
        }
    }
}

fn too_large(size: u64) -> String {
    let mib = decode::MAX_PACK_BYTES / (1024 * 1024);
    tr!(
        "文件太大（{size} 字节），练习包最大 {mib} MiB",
        "the file is too large ({size} bytes); a pack may be at most {mib} MiB"
    )
}

/// What a file is read as, so that a problem with its bytes names the remedy that fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// A pack (`.toml`), written in a text editor.
    Pack,
    /// A sheet (`.csv`) saved from Excel or WPS, or exported by 千牛.
    Sheet,
}

/// Read, decode (UTF-8 with or without BOM, or GBK; CRLF as LF; ≤ 10 MiB) and validate one pack file.
pub fn load_file(path: &Path, source: PackSource) -> Result<Pack, LoadError> {
    let text = read_text(path)?;
    load_text(&text, &path.display().to_string(), source).map_err(LoadError::Invalid)
}

/// Read and decode a pack file into text (LF line ends, no BOM) without validating it.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    read_as(path, Reading::Pack)
}

/// Read and decode a file into text (LF line ends, no BOM), as a pack or as a sheet.
pub fn read_as(path: &Path, reading: Reading) -> Result<String, LoadError> {
    let bytes = decode::read_limited(path).map_err(|e| {
        LoadError::Io(match e {
            ReadError::Io(source) => crate::Error::io(path, source),
            ReadError::TooLarge(size) => crate::Error::io(
                path,
                std::io::Error::new(std::io::ErrorKind::InvalidData, too_large(size)),
            ),
        })
    })?;
    decode_bytes(&bytes, &path.display().to_string(), reading).map_err(LoadError::Invalid)
}

fn decode_message(e: DecodeError, reading: Reading) -> String {
    match (e, reading) {
        (DecodeError::TooLarge(size), _) => too_large(size),
        (DecodeError::NotText, Reading::Pack) => tr!(
            "文件既不是 UTF-8 也不是 GBK 编码的文本",
            "the file is neither UTF-8 nor GBK text"
        ),
        (DecodeError::NotText, Reading::Sheet) => tr!(
            "文件既不是 UTF-8 也不是 GBK 编码的文本：在 Excel/WPS 里用“另存为 → CSV UTF-8（逗号分隔）”保存",
            "the file is neither UTF-8 nor GBK text: in Excel/WPS choose Save As → CSV UTF-8 (comma delimited)"
        ),
        (DecodeError::Utf16, Reading::Pack) => tr!(
            "文件是 UTF-16 编码（记事本里叫“Unicode”）：用记事本打开，“另存为”时编码选 UTF-8",
            "the file is UTF-16 (what Notepad calls “Unicode”): open it in Notepad, choose Save As and the encoding UTF-8"
        ),
        (DecodeError::Utf16, Reading::Sheet) => tr!(
            "文件是 UTF-16 编码（“Unicode 文本”）：在 Excel/WPS 里用“另存为 → CSV UTF-8（逗号分隔）”保存",
            "the file is UTF-16 (“Unicode text”): in Excel/WPS choose Save As → CSV UTF-8 (comma delimited)"
        ),
        (DecodeError::Workbook, Reading::Pack) => tr!(
            "这是 Excel 或 WPS 的表格文件（.xlsx、.xls、.et），不是文本文件：表格请另存为 CSV（另存为 → CSV UTF-8），再用 kuaida pack import 变成练习包",
            "this is an Excel or WPS workbook (.xlsx, .xls, .et), not a text file: save the sheet as CSV (Save As → CSV UTF-8) and turn it into a pack with kuaida pack import"
        ),
        (DecodeError::Workbook, Reading::Sheet) => tr!(
            "这是 Excel 或 WPS 的表格文件（.xlsx、.xls、.et），不是 CSV 文件：在 Excel/WPS 里用“另存为 → CSV UTF-8（逗号分隔）”保存，再导入那个文件",
            "this is an Excel or WPS workbook (.xlsx, .xls, .et), not a CSV file: in Excel/WPS choose Save As → CSV UTF-8 (comma delimited), then import that file"
        ),
    }
}

fn decode_bytes(
    bytes: &[u8],
    display_path: &str,
    reading: Reading,
) -> Result<String, Vec<Problem>> {
    decode::decode(bytes).map_err(|e| {
        let message = decode_message(e, reading);
        vec![Problem {
            path: display_path.to_owned(),
            line: 1,
            col: 1,
            message,
        }]
    })
}

/// Validate pack bytes; `display_path` is what problems are prefixed with.
pub fn load_bytes(
    bytes: &[u8],
    display_path: &str,
    source: PackSource,
) -> Result<Pack, Vec<Problem>> {
    let text = decode_bytes(bytes, display_path, Reading::Pack)?;
    load_text(&text, display_path, source)
}

/// Validate decoded text (LF line ends, no BOM).
pub fn load_text(text: &str, display_path: &str, source: PackSource) -> Result<Pack, Vec<Problem>> {
    let hash = decode::sha256_hex(text);
    validate::validate(text, source, hash).map_err(|raw| {
        let mut lines = LineIndex::new(text);
        raw.into_iter()
            .map(|p| {
                let (line, col) = lines.position(p.offset);
                Problem {
                    path: display_path.to_owned(),
                    line,
                    col,
                    message: sanitize(&p.message),
                }
            })
            .collect()
    })
}

/// Messages quote the file's text: never let a control character through.
fn sanitize(message: &str) -> String {
    crate::safe_text::clean(message, '\u{FFFD}')
}

/// Byte offsets to 1-based line and character column, for offsets in increasing order
/// (any order works; increasing order is fast).
struct LineIndex<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    fn new(text: &'t str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    fn position(&mut self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let col = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        (line, col)
    }
}

/// The `drills/*.toml` files embedded at build time: (file name, text), in file-name order.
pub static BUILTIN_SOURCES: &[(&str, &str)] =
    include!(concat!(env!("OUT_DIR"), "/builtin_packs.rs"));

/// The built-in packs as build.rs checked and built them with this crate's own validator
/// (the code `pack check` runs), each with the sha256 of its text, as JSON: one pack a
/// line.
static BUILTIN_PACKS_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/builtin_packs.json"));

/// The built-in drills' bodies, one JSON document each, where the packs'
/// [`Stored`] places point.
static BUILTIN_BODIES_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/builtin_bodies.json"));

/// A built-in drill's body from where build.rs stored it. Should it not read back (it
/// was written by these very types), the drill is read again from its pack's TOML.
pub(super) fn read_stored(place: &Stored) -> DrillBody {
    let (start, end) = (place.at.0 as usize, place.at.1 as usize);
    if let Some(json) = BUILTIN_BODIES_JSON.get(start..end)
        && let Ok(body) = serde_json::from_str(json)
    {
        return body;
    }
    let from_toml = BUILTIN_SOURCES
        .get(place.file as usize)
        .and_then(|(file, text)| {
            let source = PackSource::Builtin {
                file: (*file).to_owned(),
            };
            load_text(text, &format!("drills/{file}"), source).ok()
        })
        .and_then(|pack| pack.drills.into_iter().nth(place.drill as usize));
    match from_toml {
        Some(drill) => drill.body.get().clone(),
        // Not reached: build.rs checked every pack it stored. A drill with no text ends
        // at once rather than failing the trainer.
        None => DrillBody::Text {
            text: String::new(),
        },
    }
}

/// The packs embedded from `drills/*.toml`, in file-name order, read back from what
/// build.rs checked and built: no TOML parse, no validation, no hashing at start, and a
/// drill's body only when it is used. Should that fail, the texts are parsed as before.
/// No cache, no helper thread: reading them is a fifth of a millisecond, less than a
/// thread's start and wake-up cost here (measured; docs/performance.md).
pub fn builtin() -> Vec<Pack> {
    let read: Option<Vec<Pack>> = BUILTIN_PACKS_JSON
        .lines()
        .map(|line| serde_json::from_str(line).ok())
        .collect();
    match read {
        Some(packs) if packs.len() == BUILTIN_SOURCES.len() => packs,
        _ => parse_builtin(),
    }
}

/// Parse and validate every built-in pack from its text (no cache), as `pack check`
/// would; a pack that fails is skipped.
pub fn parse_builtin() -> Vec<Pack> {
    BUILTIN_SOURCES
        .iter()
        .filter_map(|(file, text)| {
            load_text(
                text,
                &format!("drills/{file}"),
                PackSource::Builtin {
                    file: (*file).to_owned(),
                },
            )
            .ok()
        })
        .collect()
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
        let mut packs = builtin();
        let mut problems = Vec::new();
        let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(data.packs())
            .map(|rd| {
                rd.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        for path in files {
            match load_file(&path, PackSource::Installed { path: path.clone() }) {
                Ok(pack) => {
                    if let Some(i) = packs.iter().position(|p| p.id == pack.id) {
                        if packs[i].is_builtin() {
                            packs[i] = pack;
                        } else {
                            problems.push(tr!(
                                "{}：与另一个已安装的包 id 相同（{}），已跳过",
                                "{}: same id as another installed pack ({}); skipped",
                                path.display(),
                                pack.id
                            ));
                        }
                    } else {
                        packs.push(pack);
                    }
                }
                Err(LoadError::Io(e)) => problems.push(sanitize(&e.to_string())),
                Err(LoadError::Invalid(list)) => {
                    problems.extend(list.iter().map(|p| p.to_string()));
                }
            }
        }
        Registry { packs, problems }
    }

    pub fn find(&self, id: &str) -> Option<&Pack> {
        self.packs.iter().find(|p| p.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Result<Pack, Vec<Problem>> {
        load_text(
            text,
            "t.toml",
            PackSource::File {
                path: "t.toml".into(),
            },
        )
    }

    #[test]
    fn every_builtin_pack_loads() {
        let mut failures = Vec::new();
        for (file, text) in BUILTIN_SOURCES {
            let path = format!("drills/{file}");
            if let Err(problems) = load_text(
                text,
                &path,
                PackSource::Builtin {
                    file: (*file).into(),
                },
            ) {
                failures.extend(problems.iter().map(|p| p.to_string()));
            }
        }
        assert!(
            failures.is_empty(),
            "built-in packs with problems:\n{}",
            failures.join("\n")
        );
        assert_eq!(builtin().len(), BUILTIN_SOURCES.len());
    }

    /// What a start reads back is exactly what validating the texts now gives, hash and all.
    #[test]
    fn embedded_builtin_packs_equal_a_fresh_validation() {
        let embedded: Vec<Pack> = BUILTIN_PACKS_JSON
            .lines()
            .map(|line| serde_json::from_str(line).expect("build.rs wrote valid JSON"))
            .collect();
        let fresh = parse_builtin();
        assert_eq!(embedded.len(), BUILTIN_SOURCES.len());
        assert_eq!(embedded, fresh);
        for (pack, (_, text)) in embedded.iter().zip(BUILTIN_SOURCES) {
            assert_eq!(pack.hash, crate::pack::sha256_hex(text));
        }
        assert_eq!(builtin(), fresh);
    }

    /// A stored body that does not read back is read again from its pack's TOML; one
    /// whose pack cannot be found is an empty text, not a panic.
    #[test]
    fn a_stored_body_that_does_not_read_back_comes_from_its_toml() {
        let fresh = parse_builtin();
        let (file, drill) = (2, 3);
        let place = |at| Stored {
            kind: fresh[file].drills[drill].kind().as_str().to_owned(),
            at,
            file: file as u32,
            drill: drill as u32,
        };
        let wanted = fresh[file].drills[drill].body.get();
        assert_eq!(&read_stored(&place((0, 1))), wanted);
        assert_eq!(&read_stored(&place((u32::MAX - 1, u32::MAX))), wanted);
        let lost = Stored {
            file: 999,
            ..place((0, 1))
        };
        assert_eq!(
            read_stored(&lost),
            DrillBody::Text {
                text: String::new()
            }
        );
    }

    #[test]
    fn builtin_list_covers_every_drills_file() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("drills");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".toml"))
            .collect();
        on_disk.sort();
        let embedded: Vec<String> = BUILTIN_SOURCES
            .iter()
            .map(|(f, _)| (*f).to_owned())
            .collect();
        assert_eq!(on_disk, embedded);
    }

    #[test]
    fn line_and_column_in_characters() {
        let mut idx = LineIndex::new("ab\n亲亲x\n");
        assert_eq!(idx.position(0), (1, 1));
        assert_eq!(idx.position(3), (2, 1));
        assert_eq!(idx.position(9), (2, 3));
        assert_eq!(idx.position(11), (3, 1));
    }

    #[test]
    fn minimal_pack() {
        let p = check("[pack]\nid = \"a\"\ntitle = \"A\"\nversion = \"1\"\n[[drill]]\nid = \"d\"\ntitle = \"D\"\nkind = \"text\"\ntext = \"亲\"\n").unwrap();
        assert_eq!(p.id, "a");
        assert_eq!(p.drills.len(), 1);
        assert_eq!(p.hash.len(), 64);
    }
}
