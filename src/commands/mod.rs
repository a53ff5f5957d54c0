//! The commands: parse arguments, set up language and data dir, run, pick the exit code.

use crate::cli::{Cli, Command};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::i18n::{self, Lang};
use crate::paths::DataDir;
use crate::tr;
use std::ffi::OsString;

mod class;
mod config;
pub mod export;
pub mod history;
pub mod output;
mod pack;
mod report;
mod stats;
mod trainer;
mod usage;
mod verify;
pub mod window;

pub use crate::context::Context;

/// How a run ended: its exit code, and whether it left lines on the screen to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ended {
    pub code: i32,
    pub left_text: bool,
}

impl Ended {
    /// A command that printed what it did.
    fn said(code: i32) -> Ended {
        Ended {
            code,
            left_text: true,
        }
    }
}

/// Run kuaida with these arguments; returns the process exit code. In a console window
/// of its own (started from Explorer) it waits for a key first, so that what it said can
/// be read before the window closes.
pub fn main_with_args(args: impl IntoIterator<Item = OsString>) -> i32 {
    let ended = run_args(args.into_iter().collect());
    if window::should_wait(window::console_processes(), ended.left_text) {
        window::wait_for_key();
    }
    ended.code
}

fn run_args(args: Vec<OsString>) -> Ended {
    let cli = match usage::parse(args) {
        Ok(cli) => cli,
        Err(code) => return Ended::said(code),
    };
    match run(cli) {
        Ok(ended) => ended,
        Err(e) => {
            crate::err_line!("kuaida: {e}");
            Ended::said(e.exit_code())
        }
    }
}

fn run(cli: Cli) -> Result<Ended> {
    // The language first, so every later message is in it.
    if let Some(lang) = &cli.lang {
        i18n::set_lang(
            Lang::parse(lang).ok_or_else(|| Error::Usage(format!("--lang: {lang}? (zh | en)")))?,
        );
    } else {
        i18n::set_lang(i18n::system_lang());
    }
    let root = crate::paths::data_dir(cli.data_dir.as_deref()).ok_or_else(|| {
        Error::Usage(tr!(
            "找不到数据目录，请用 --data-dir 指定",
            "no data directory found; give one with --data-dir"
        ))
    })?;
    let data = DataDir::new(root);
    let config = Config::load(&data.config())?;
    if cli.lang.is_none()
        && let Some(lang) = config.lang.as_deref().and_then(Lang::parse)
    {
        i18n::set_lang(lang);
    }
    let ctx = Context { data, config };
    match cli.command {
        None => trainer::run_home(&ctx, cli.pack_file.as_deref()),
        Some(Command::Drill(args)) => trainer::run_drill(&ctx, &args),
        Some(Command::Pack { command }) => pack::run(&ctx, command).map(Ended::said),
        Some(Command::History(args)) => history::run(&ctx, &args).map(Ended::said),
        Some(Command::Stats { json }) => stats::run(&ctx, json).map(Ended::said),
        Some(Command::Export(args)) => export::run(&ctx, &args).map(Ended::said),
        Some(Command::Verify(args)) => verify::run(&ctx, &args).map(Ended::said),
        Some(Command::Report(args)) => report::run(&ctx, &args).map(Ended::said),
        Some(Command::Config { command }) => config::run(&ctx, command.as_ref()).map(Ended::said),
    }
}
