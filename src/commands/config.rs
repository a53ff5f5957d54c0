//! `kuaida config`, `config get KEY`, `config set KEY VALUE`.

use super::Context;
use crate::cli::ConfigCommand;
use crate::config::KEYS;
use crate::report::clean;
use crate::{Error, Result, tr};

/// Returns the exit code.
pub fn run(ctx: &Context, command: Option<&ConfigCommand>) -> Result<i32> {
    match command {
        None => {
            let mut out = String::new();
            let path = clean(&ctx.data.config().display().to_string());
            out.push_str(&format!("# {path}\n"));
            for key in KEYS {
                match ctx.config.get(key) {
                    Ok(Some(v)) => out.push_str(&format!("{key} = {}\n", clean(&v))),
                    _ => out.push_str(&format!("{key} = {}\n", tr!("（未设置）", "(not set)"))),
                }
            }
            print(&out);
            Ok(0)
        }
        Some(ConfigCommand::Get { key }) => {
            match ctx
                .config
                .get(key)
                .map_err(|e| Error::Usage(e.to_string()))?
            {
                Some(v) => print(&format!("{}\n", clean(&v))),
                None => crate::err_line!("{}", tr!("{key}：未设置", "{key}: not set")),
            }
            Ok(0)
        }
        Some(ConfigCommand::Set { key, value }) => {
            let mut config = ctx.config.clone();
            config
                .set(key, value)
                .map_err(|e| Error::Usage(e.to_string()))?;
            let path = ctx.data.config();
            config.save(&path)?;
            let shown = match config.get(key) {
                Ok(Some(v)) => clean(&v),
                _ => tr!("（未设置）", "(not set)"),
            };
            print(&format!("{key} = {shown}\n"));
            Ok(0)
        }
    }
}

pub(crate) fn print(text: &str) {
    super::output::print(text);
}
