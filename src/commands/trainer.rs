//! The terminal trainer: `kuaida`, `kuaida PACK.toml`, `kuaida drill …`.
//! Everything that can fail before the terminal is set up is checked first, so an
//! error never leaves the terminal in raw mode.

use super::{Context, Ended};
use crate::cli::DrillArgs;
use crate::pack::{LoadError, Pack, PackSource, Registry, load_file};
use crate::tui::{self, Exit, Start};
use crate::{Error, Result, tr};
use std::io::IsTerminal;
use std::path::Path;

fn need_terminal() -> Result<()> {
    if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
        Ok(())
    } else {
        Err(Error::Usage(tr!(
            "训练界面需要在终端里运行（标准输出不是终端）",
            "the trainer needs a terminal (stdout is not one)"
        )))
    }
}

/// Load a pack file given on the command line; problems printed, exit 1.
fn open_file(path: &Path) -> Result<Pack, Result<i32>> {
    match load_file(
        path,
        PackSource::File {
            path: path.to_path_buf(),
        },
    ) {
        Ok(pack) => Ok(pack),
        Err(LoadError::Io(e)) => Err(Err(e)),
        Err(LoadError::Invalid(problems)) => {
            for p in &problems {
                crate::err_line!("{p}");
            }
            if problems.is_empty() {
                crate::err_line!(
                    "{}",
                    tr!(
                        "{}：不是有效的练习包",
                        "{}: not a valid pack",
                        path.display()
                    )
                );
            }
            Err(Ok(1))
        }
    }
}

/// After the terminal is restored: where sessions went that history could not take,
/// and, when not even a file could be written, the sessions themselves.
fn report(exit: Exit) -> Ended {
    let left_text = !exit.fallbacks.is_empty()
        || !exit.failures.is_empty()
        || !exit.unwritten.is_empty()
        || exit.quit_export.is_some();
    for (path, why) in &exit.fallbacks {
        crate::err_line!(
            "{}",
            tr!(
                "练习记录写不进去（{why}），成绩已存到 {}",
                "history could not be written ({why}); the session is in {}",
                path.display()
            )
        );
    }
    for why in &exit.failures {
        crate::err_line!("{}", tr!("保存失败：{why}", "could not save: {why}"));
    }
    if !exit.unwritten.is_empty() {
        crate::err_line!(
            "{}",
            tr!(
                "成绩如下：存成 .json 文件，腾出空间后用 kuaida history import 文件 导入",
                "the sessions follow: save them as a .json file and, once there is room, \
                 run kuaida history import FILE"
            )
        );
        for json in &exit.unwritten {
            super::output::print(&super::history::json_for_terminal(
                &String::from_utf8_lossy(json),
            ));
        }
    }
    match &exit.quit_export {
        Some(Ok(done)) => crate::err_line!("{}", crate::tui::students::exported_line(done)),
        Some(Err(why)) => crate::err_line!(
            "{}",
            tr!(
                "成绩没能导出到 export.dir：{}（练习记录都还在历史里，可用 kuaida export --out 文件夹 再导出）",
                "the export to export.dir failed: {} (every session is still in history; kuaida export --out FOLDER writes it again)",
                crate::report::clean(why)
            )
        ),
        None => {}
    }
    Ended {
        code: if exit.failures.is_empty() { 0 } else { 2 },
        left_text,
    }
}

/// The home screen (optionally on a pack file given on the command line).
pub fn run_home(ctx: &Context, pack_file: Option<&Path>) -> Result<Ended> {
    let file_pack = match pack_file {
        Some(path) => match open_file(path) {
            Ok(p) => Some(p),
            Err(done) => return done.map(Ended::said),
        },
        None => None,
    };
    need_terminal()?;
    let packs = Registry::load(&ctx.data).packs;
    let exit = tui::run(ctx, Start::Home { packs, file_pack })?;
    Ok(report(exit))
}

/// One drill directly.
pub fn run_drill(ctx: &Context, args: &DrillArgs) -> Result<Ended> {
    let (pack, drill_id) = match &args.file {
        Some(path) => match open_file(path) {
            Ok(p) => (p, args.target.clone()),
            Err(done) => return done.map(Ended::said),
        },
        None => {
            let target = args.target.as_deref().unwrap_or_default();
            let Some((pack_id, drill_id)) = target.split_once('/') else {
                return Err(Error::Usage(tr!(
                    "用法：kuaida drill 包/练习，或 kuaida drill --file 包.toml [练习]",
                    "usage: kuaida drill PACK/DRILL, or kuaida drill --file PACK.toml [DRILL]"
                )));
            };
            let registry = Registry::load(&ctx.data);
            let Some(pack) = registry.find(pack_id).cloned() else {
                return Err(Error::Usage(tr!(
                    "没有练习包 {pack_id}（kuaida pack list 列出全部）",
                    "no pack {pack_id} (kuaida pack list shows them all)"
                )));
            };
            (pack, Some(drill_id.to_string()))
        }
    };
    // The code drills home offers (`:recall`, `:recite`) start here too.
    let mut pack = pack;
    crate::reply::codes::offer_code_drills(std::slice::from_mut(&mut pack));
    let index = match &drill_id {
        Some(id) => pack.drills.iter().position(|d| d.id == *id),
        None => (!pack.drills.is_empty()).then_some(0),
    };
    let Some(drill) = index else {
        return Err(Error::Usage(tr!(
            "练习包 {} 里没有练习 {}（kuaida pack list 列出全部）",
            "pack {} has no drill {} (kuaida pack list shows them all)",
            pack.id,
            drill_id.unwrap_or_default()
        )));
    };
    if let Some(d) = pack.drills.get(drill)
        && !crate::tui::runs::runnable(d)
    {
        return Err(Error::Usage(tr!(
            "「{}」即将推出",
            "“{}”: coming soon",
            d.title
        )));
    }
    if args.pinyin
        && let Some(d) = pack.drills.get(drill)
        && crate::tui::runs::typing::segments(d).is_none()
    {
        return Err(Error::Usage(tr!(
            "拼音练习只用于跟打和短句练习，「{}」不是",
            "pinyin practice is for text and phrases drills; “{}” is neither",
            d.title
        )));
    }
    need_terminal()?;
    let exit = tui::run(
        ctx,
        Start::Drill {
            pack,
            drill,
            pinyin: args.pinyin,
        },
    )?;
    Ok(report(exit))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What decides the Windows wait: a trainer left without a word leaves nothing to
    /// read; a session that went elsewhere, or an export on quit, does.
    #[test]
    fn the_trainer_leaves_text_only_when_it_says_something() {
        assert_eq!(
            report(Exit::default()),
            Ended {
                code: 0,
                left_text: false
            }
        );
        let fallback = Exit {
            fallbacks: vec![("unsaved/1.json".into(), "disk full".into())],
            ..Exit::default()
        };
        assert_eq!(
            report(fallback),
            Ended {
                code: 0,
                left_text: true
            }
        );
        let failed_export = Exit {
            quit_export: Some(Err("Z:\\ is not there".into())),
            ..Exit::default()
        };
        assert!(report(failed_export).left_text);
        let unsaved = Exit {
            failures: vec!["disk full".into()],
            ..Exit::default()
        };
        assert_eq!(report(unsaved).code, 2);
    }
}
