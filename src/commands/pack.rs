//! `kuaida pack …`: check, list, add, remove.

use super::Context;
use crate::cli::PackCommand;
use crate::pack::{self, LoadError, Pack, PackSource, Registry};
use crate::{Error, Result, tr};
use std::path::Path;

// The teacher's tools (new, import, export) live beside this file.
#[path = "pack_tools.rs"]
mod pack_tools;

/// Returns the exit code.
pub fn run(ctx: &Context, command: PackCommand) -> Result<i32> {
    match command {
        PackCommand::Check { paths } => Ok(check(ctx, &paths)),
        PackCommand::List => Ok(list(ctx)),
        PackCommand::Add { path } => add(ctx, &path),
        PackCommand::Remove { id } => remove(ctx, &id),
        PackCommand::New { path, sheet } => match (path, sheet) {
            (_, Some(dir)) => pack_tools::new_sheets(&dir),
            (Some(path), None) => pack_tools::new(&path),
            // clap requires one of them.
            (None, None) => Err(Error::Usage(tr!(
                "用法：kuaida pack new 包.toml，或 kuaida pack new --sheet 文件夹",
                "usage: kuaida pack new PACK.toml, or kuaida pack new --sheet DIR"
            ))),
        },
        PackCommand::Import { file, id, out } => pack_tools::import(&file, &id, out.as_deref()),
        PackCommand::Export { id, format, out } => pack_tools::export(ctx, &id, format, &out),
    }
}

fn counts(pack: &Pack) -> String {
    let (d, t) = (pack.drills.len(), pack.templates.len());
    tr!("{d} 个练习，{t} 个模板", "{d} drills, {t} templates")
}

/// Problems to stderr, one line each; an OK line per valid file to stdout; a warning
/// (stderr, exit unchanged) for each code another pack at hand — built-in, installed or
/// checked beside it — defines with another text.
/// Exit 2 when a file cannot be read, else 1 when one is invalid, else 0.
fn check(ctx: &Context, paths: &[std::path::PathBuf]) -> i32 {
    let (mut unreadable, mut invalid) = (false, false);
    let mut checked: Vec<(std::path::PathBuf, Pack)> = Vec::new();
    for path in paths {
        let shown = path.display();
        match pack::load_file(path, PackSource::File { path: path.clone() }) {
            Ok(pack) => {
                crate::out_line!("{shown}: {}", tr!("通过（{}）", "ok ({})", counts(&pack)));
                checked.push((path.clone(), pack));
            }
            Err(LoadError::Invalid(problems)) => {
                invalid = true;
                for p in problems {
                    crate::err_line!("{p}");
                }
            }
            Err(LoadError::Io(e)) => {
                unreadable = true;
                crate::err_line!("kuaida: {e}");
            }
        }
    }
    let registry = Registry::load(&ctx.data);
    for (path, pack) in &checked {
        let others: Vec<&Pack> = checked
            .iter()
            .map(|(_, p)| p)
            .chain(&registry.packs)
            .collect();
        if !pack::codebook::clashes(pack, &others).is_empty() {
            let text = pack::read_text(path).unwrap_or_default();
            note_clashes(path, &text, pack, &others);
        }
    }
    if unreadable {
        2
    } else if invalid {
        1
    } else {
        0
    }
}

fn list(ctx: &Context) -> i32 {
    let registry = Registry::load(&ctx.data);
    for p in &registry.problems {
        crate::err_line!("{p}");
    }
    for pack in &registry.packs {
        let mark = if pack.is_builtin() {
            tr!("内置", "built-in")
        } else {
            tr!("已安装", "installed")
        };
        crate::out_line!(
            "{}  {}  [{mark}]  {}",
            pack.id,
            tr!("版本 {}", "version {}", pack.version),
            pack.title
        );
        for d in &pack.drills {
            crate::out_line!(
                "  {}/{}  {}  ({})",
                pack.id,
                d.id,
                d.title,
                d.kind().as_str()
            );
        }
    }
    0
}

fn add(ctx: &Context, path: &Path) -> Result<i32> {
    let shown = path.display().to_string();
    let text = match pack::read_text(path) {
        Ok(text) => text,
        Err(LoadError::Io(e)) => return Err(e),
        Err(LoadError::Invalid(problems)) => return Ok(report(&problems)),
    };
    let new = match pack::load_text(&text, &shown, PackSource::File { path: path.into() }) {
        Ok(pack) => pack,
        Err(problems) => return Ok(report(&problems)),
    };
    let dir = ctx.data.packs();
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let before = Registry::load(&ctx.data);
    let old = before.find(&new.id);
    // The id is [a-z0-9-]{1,64}: the file stays inside packs/.
    let dest = dir.join(format!("{}.toml", new.id));
    // An exclusive temporary file and a rename: a link planted in packs/ is replaced,
    // never written through.
    crate::write_safe::replace(&dest, text.as_bytes())?;
    let (id, version, at) = (&new.id, &new.version, dest.display());
    match old {
        Some(old) if old.is_builtin() => crate::out_line!(
            "{}",
            tr!(
                "已安装 {id}（版本 {version}）到 {at}，代替内置的同名包（版本 {}）",
                "installed {id} (version {version}) as {at}, in place of the built-in pack (version {})",
                old.version
            )
        ),
        Some(old) => crate::out_line!(
            "{}",
            tr!(
                "已安装 {id} 到 {at}：版本 {} 替换为 {version}",
                "installed {id} as {at}: replaced version {} with {version}",
                old.version
            )
        ),
        None => crate::out_line!(
            "{}",
            tr!(
                "已安装 {id}（版本 {version}）到 {at}",
                "installed {id} (version {version}) as {at}"
            )
        ),
    }
    let others: Vec<&Pack> = before.packs.iter().filter(|p| p.id != new.id).collect();
    note_clashes(path, &text, &new, &others);
    Ok(0)
}

/// A note (stderr) at `PATH:LINE:COL` for each code of `pack` another pack gives
/// another reply: one code book across a class's packs.
fn note_clashes(path: &Path, text: &str, pack: &Pack, others: &[&Pack]) {
    for c in pack::codebook::clashes(pack, others) {
        let (line, col) = pack::codebook::code_position(text, &c.code);
        let (code, title, id) = (&c.code, &c.other_title, &c.other_pack);
        crate::err_line!(
            "{}:{line}:{col}: {}",
            path.display(),
            tr!(
                "提示：编码 {code} 在「{title}」（{id}）里是“{}”，这里是“{}”；同一个编码教两种回复，学生会记混",
                "note: code {code} is \"{}\" in \"{title}\" ({id}) but \"{}\" here; one code for two replies teaches students both",
                c.there,
                c.here
            )
        );
    }
}

fn report(problems: &[pack::Problem]) -> i32 {
    for p in problems {
        crate::err_line!("{p}");
    }
    1
}

fn remove(ctx: &Context, id: &str) -> Result<i32> {
    let valid_id = !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    let shown: String = id.chars().filter(|c| !c.is_control()).collect();
    if !valid_id {
        return Err(Error::Usage(tr!(
            "没有已安装的包 {shown}",
            "no installed pack {shown}"
        )));
    }
    let registry = Registry::load(&ctx.data);
    let mut path = ctx.data.packs().join(format!("{id}.toml"));
    if let Some(PackSource::Installed { path: p }) = registry.find(id).map(|p| &p.source) {
        path = p.clone();
    }
    if path.is_file() {
        std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
        crate::out_line!("{}", tr!("已删除 {id}", "removed {id}"));
        return Ok(0);
    }
    if pack::builtin().iter().any(|p| p.id == id) {
        return Err(Error::Usage(tr!(
            "{id} 是内置包，不能删除",
            "{id} is a built-in pack; it cannot be removed"
        )));
    }
    Err(Error::Usage(tr!(
        "没有已安装的包 {id}",
        "no installed pack {id}"
    )))
}
