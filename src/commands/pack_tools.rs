//! `kuaida pack new | import | export`: the teacher's pack tools.

use super::Context;
use crate::cli::PackExportFormat;
use crate::pack::import::{ImportError, ImportMeta, SheetKind};
use crate::pack::{self, LoadError, Pack, PackSource, Registry};
use crate::{Error, Result, tr};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Write `bytes` to a new file; an existing file is never replaced (exit 2).
fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                Error::Usage(tr!(
                    "{} 已经存在，快打不会覆盖它：换一个文件名，或先删掉它",
                    "{} already exists and kuaida does not overwrite it: choose another name or delete it first",
                    path.display()
                ))
            } else {
                Error::io(path, e)
            }
        })?;
    if let Err(e) = file.write_all(bytes).and_then(|()| file.sync_all()) {
        drop(file);
        let _ = std::fs::remove_file(path);
        return Err(Error::io(path, e));
    }
    Ok(())
}

/// `kuaida pack new PATH`.
pub fn new(path: &Path) -> Result<i32> {
    write_new(path, pack::starter::starter_text().as_bytes())?;
    let p = path.display();
    crate::out_line!(
        "{}",
        tr!(
            "已写好练习包模板 {p}。接下来：\n  1. 用记事本（或 WPS、VS Code）打开它，照着 # 注释改成你的内容，保存为 UTF-8\n  2. 检查：kuaida pack check {p}\n  3. 安装到本机：kuaida pack add {p}（或把这个文件发给学生，拖到 kuaida.exe 上即可打开）",
            "wrote a starter pack to {p}. Next:\n  1. open it in a text editor, change it following the # comments, save as UTF-8\n  2. check it: kuaida pack check {p}\n  3. install it: kuaida pack add {p} (or give the file to students; dropping it on kuaida.exe opens it)"
        )
    );
    Ok(0)
}

/// `kuaida pack new --sheet DIR`: the sheet templates, all or none (a teacher's own
/// sheet of the same name is never replaced).
pub fn new_sheets(dir: &Path) -> Result<i32> {
    let sheets = pack::starter::sheet_templates();
    if let Some(taken) = sheets
        .iter()
        .map(|s| dir.join(&s.name))
        .find(|p| p.exists())
    {
        return Err(Error::Usage(tr!(
            "{} 已经存在，快打不会覆盖它：换一个文件夹，或先把它移走（三个表格都没有写）",
            "{} already exists and kuaida does not overwrite it: choose another folder or move it away first (none of the three sheets was written)",
            taken.display()
        )));
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut written: Vec<PathBuf> = Vec::new();
    for sheet in &sheets {
        let path = dir.join(&sheet.name);
        if let Err(e) = write_new(&path, &sheet.bytes) {
            for p in &written {
                let _ = std::fs::remove_file(p);
            }
            return Err(e);
        }
        written.push(path);
    }
    let d = dir.display();
    crate::out_line!(
        "{}",
        tr!(
            "已写好表格模板到 {d}（UTF-8 带 BOM 的 CSV，Excel 和 WPS 直接打开）：",
            "wrote the sheet templates to {d} (CSV, UTF-8 with BOM, for Excel and WPS):"
        )
    );
    for (sheet, path) in sheets.iter().zip(&written) {
        crate::out_line!("  {}  {}", path.display(), sheet.what);
    }
    let shown = |i: usize| {
        written
            .get(i)
            .map(|p| p.display().to_string())
            .unwrap_or_default()
    };
    let (phrases, scenarios, roster) = (shown(0), shown(1), shown(2));
    crate::out_line!(
        "{}",
        tr!(
            "把示例行换成你的内容，保存时仍选“CSV UTF-8（逗号分隔）”。接下来：\n  kuaida pack import {phrases} --id my-phrases\n  kuaida pack import {scenarios} --id my-replies\n  kuaida report 作业.zip --roster {roster}",
            "replace the example row with your own and save as “CSV UTF-8 (comma delimited)” again. Next:\n  kuaida pack import {phrases} --id my-phrases\n  kuaida pack import {scenarios} --id my-replies\n  kuaida report homework.zip --roster {roster}"
        )
    );
    Ok(0)
}

fn valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A file name fit to print and to put in a pack: no control characters.
fn shown(path: &Path) -> String {
    path.display()
        .to_string()
        .chars()
        .filter(|c| !c.is_control())
        .collect()
}

/// `kuaida pack import FILE.csv --id ID [--out PACK.toml]`.
pub fn import(file: &Path, id: &str, out: Option<&Path>) -> Result<i32> {
    if !valid_id(id) {
        let id: String = id.chars().filter(|c| !c.is_control()).take(80).collect();
        return Err(Error::Usage(tr!(
            "--id \"{id}\" 无效：只能用小写字母、数字和 -，1 到 64 个",
            "--id \"{id}\" is not valid: use 1 to 64 of a-z, 0-9 and -"
        )));
    }
    let out: PathBuf = out.map_or_else(|| PathBuf::from(format!("{id}.toml")), Path::to_path_buf);
    if out.exists() {
        return Err(Error::Usage(tr!(
            "{} 已经存在，快打不会覆盖它：换一个文件名（--out），或先删掉它",
            "{} already exists and kuaida does not overwrite it: choose another name (--out) or delete it first",
            out.display()
        )));
    }
    let name = shown(file);
    // The pack records the file's name, not where it sat on the teacher's disk.
    let label: String = file
        .file_name()
        .map(|s| {
            s.to_string_lossy()
                .chars()
                .filter(|c| !c.is_control())
                .collect()
        })
        .unwrap_or_else(|| name.clone());
    // Same reading as a pack: ≤ 10 MiB, UTF-8 with or without BOM, else GBK; a workbook
    // or UTF-16 is told what to save it as.
    let text = match pack::read_as(file, pack::Reading::Sheet) {
        Ok(text) => text,
        Err(LoadError::Io(e)) => return Err(e),
        Err(LoadError::Invalid(problems)) => {
            for p in problems {
                crate::err_line!("{name}: {}", p.message);
            }
            return Ok(1);
        }
    };
    let stem: String = file
        .file_stem()
        .map(|s| {
            s.to_string_lossy()
                .chars()
                .filter(|c| !c.is_control())
                .collect()
        })
        .unwrap_or_default();
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    let meta = ImportMeta {
        id: id.to_owned(),
        title: if stem.trim().is_empty() {
            id.to_owned()
        } else {
            stem.trim().to_owned()
        },
        version: today.clone(),
        description: Some(tr!("由 {label} 导入", "imported from {label}")),
    };
    let imported = match pack::import::import(&text, &meta) {
        Ok(im) => im,
        Err(ImportError::Rows(rows)) => {
            for r in rows {
                crate::err_line!("{name}:{}: {}", r.row, r.message);
            }
            return Ok(1);
        }
        Err(e) => {
            crate::err_line!("{name}: {e}");
            return Ok(1);
        }
    };
    for n in &imported.notes {
        crate::err_line!("{name}:{}: {}", n.row, n.message);
    }
    let header = vec![tr!(
        "由 kuaida pack import 从 {label} 生成（{today}）。检查：kuaida pack check 本文件",
        "made by kuaida pack import from {label} ({today}). Check: kuaida pack check this file"
    )];
    let toml = pack::write::to_toml(&imported.pack, &header);
    let out_name = out.display().to_string();
    let written = match pack::load_text(&toml, &out_name, PackSource::File { path: out.clone() }) {
        Ok(p) => p,
        Err(problems) => {
            // Not expected: the import builds only what validation accepts.
            for p in problems {
                crate::err_line!("{p}");
            }
            return Ok(1);
        }
    };
    write_new(&out, toml.as_bytes())?;
    let what = match imported.kind {
        SheetKind::Qianniu => tr!("千牛快捷短语", "a 千牛 quick-phrase export"),
        SheetKind::Phrases => tr!("短语表", "a phrase sheet"),
        SheetKind::Scenarios => tr!("情景表", "a scenario sheet"),
    };
    let (t, d) = (written.templates.len(), written.drills.len());
    crate::out_line!(
        "{}",
        tr!(
            "已把{what} {name} 写成 {out_name}：{t} 条快捷短语，{d} 个练习",
            "wrote {what} {name} as {out_name}: {t} templates, {d} drills"
        )
    );
    if imported.emoticons > 0 {
        let n = imported.emoticons;
        crate::out_line!(
            "{}",
            tr!(
                "{n} 个旺旺表情代码（如 /:^_^）换成了 [微笑] 这样的表情",
                "{n} 旺旺 emoticon codes (like /:^_^) became tokens like [微笑]"
            )
        );
    }
    crate::out_line!(
        "{}",
        tr!(
            "接下来：kuaida pack check {out_name}，然后 kuaida pack add {out_name}",
            "next: kuaida pack check {out_name}, then kuaida pack add {out_name}"
        )
    );
    Ok(0)
}

/// The pack an export names: an installed or built-in id, or a pack file's path.
fn find_pack(ctx: &Context, id: &str) -> Result<(Pack, String)> {
    let registry = Registry::load(&ctx.data);
    if let Some(p) = registry.find(id) {
        let text = match &p.source {
            PackSource::Builtin { file } => pack::BUILTIN_SOURCES
                .iter()
                .find(|(f, _)| f == file)
                .map(|(_, t)| (*t).to_owned()),
            PackSource::Installed { path } | PackSource::File { path } => {
                pack::read_text(path).ok()
            }
            PackSource::Generated => None,
        };
        let text = text.unwrap_or_else(|| pack::write::to_toml(p, &[]));
        return Ok((p.clone(), text));
    }
    let path = Path::new(id);
    if path.is_file() {
        let text = match pack::read_text(path) {
            Ok(t) => t,
            Err(LoadError::Io(e)) => return Err(e),
            Err(LoadError::Invalid(problems)) => {
                for p in &problems {
                    crate::err_line!("{p}");
                }
                return Err(Error::Invalid(tr!("练习包有错误", "the pack has problems")));
            }
        };
        return match pack::load_text(&text, id, PackSource::File { path: path.into() }) {
            Ok(p) => Ok((p, text)),
            Err(problems) => {
                for p in &problems {
                    crate::err_line!("{p}");
                }
                Err(Error::Invalid(tr!("练习包有错误", "the pack has problems")))
            }
        };
    }
    let id: String = id.chars().filter(|c| !c.is_control()).take(80).collect();
    Err(Error::Usage(tr!(
        "没有练习包 {id}（kuaida pack list 列出全部）",
        "no pack {id} (kuaida pack list shows them all)"
    )))
}

/// `kuaida pack export ID --format qianniu|toml --out FILE`.
pub fn export(ctx: &Context, id: &str, format: PackExportFormat, out: &Path) -> Result<i32> {
    let (pack, text) = find_pack(ctx, id)?;
    let o = out.display();
    match format {
        PackExportFormat::Qianniu => {
            if pack.templates.is_empty() {
                return Err(Error::Usage(tr!(
                    "{} 没有快捷短语（[[template]]），没有可导出的内容",
                    "{} has no templates ([[template]]); nothing to export",
                    pack.id
                )));
            }
            write_new(out, &pack::qianniu::to_qianniu_csv(&pack))?;
            let n = pack.templates.len();
            crate::out_line!(
                "{}",
                tr!(
                    "已写出 {o}：{n} 条快捷短语，千牛导入格式（UTF-8 带 BOM）。在千牛的 快捷短语 → 导入 里选择它",
                    "wrote {o}: {n} quick phrases in 千牛's import format (UTF-8 with BOM). In 千牛: 快捷短语 → 导入"
                )
            );
        }
        PackExportFormat::Toml => {
            write_new(out, text.as_bytes())?;
            crate::out_line!(
                "{}",
                tr!(
                    "已写出 {o}（{} 版本 {}）",
                    "wrote {o} ({} version {})",
                    pack.id,
                    pack.version
                )
            );
        }
    }
    Ok(0)
}
