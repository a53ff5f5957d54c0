//! The commands: parse arguments, set up language and data dir, run, pick the exit code.

use crate::cli::{Cli, Command};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::i18n::{self, Lang};
use crate::paths::DataDir;
use crate::tr;
use clap::Parser;
use std::ffi::OsString;

mod config;
pub mod export;
pub mod history;
pub mod output;
mod pack;
mod report;
mod stats;
mod trainer;
mod verify;

/// What every command needs: where the data lives and the settings.
#[derive(Debug, Clone)]
pub struct Context {
    pub data: DataDir,
    pub config: Config,
}

/// Run kuaida with these arguments; returns the process exit code.
pub fn main_with_args(args: impl IntoIterator<Item = OsString>) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            crate::err_line!("kuaida: {e}");
            e.exit_code()
        }
    }
}

fn run(cli: Cli) -> Result<i32> {
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
        Some(Command::Pack { command }) => pack::run(&ctx, command),
        Some(Command::History(args)) => history::run(&ctx, &args),
        Some(Command::Stats { json }) => stats::run(&ctx, json),
        Some(Command::Export(args)) => export::run(&ctx, &args),
        Some(Command::Verify { results, pack }) => verify::run(&results, &pack),
        Some(Command::Report(args)) => report::run(&args),
        Some(Command::Config { command }) => config::run(&ctx, command.as_ref()),
    }
}
