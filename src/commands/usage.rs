//! The command line as a teacher meets it: the UI language is chosen from the raw
//! arguments before clap reads them, so that `--help`, `--version` and usage errors speak
//! it, and clap's usage errors become one line in that language (exit 2).

use crate::cli::Cli;
use crate::config::Config;
use crate::i18n::{self, Lang};
use crate::paths::DataDir;
use crate::tr;
use clap::FromArgMatches;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use std::ffi::OsString;
use std::path::PathBuf;

/// The UI language: `--lang`, else the `lang` setting, else the system language.
pub fn choose(flag: Option<&str>, setting: Option<&str>) -> Lang {
    flag.and_then(Lang::parse)
        .or_else(|| setting.and_then(Lang::parse))
        .unwrap_or_else(i18n::system_lang)
}

/// The value of `--name VALUE` or `--name=VALUE` in the raw arguments (before `--`).
fn flag_value(args: &[OsString], name: &str) -> Option<OsString> {
    let mut it = args.iter().skip(1);
    let joined = format!("{name}=");
    while let Some(arg) = it.next() {
        if arg == "--" {
            break;
        }
        if arg == name {
            return it.next().cloned();
        }
        if let Some(value) = arg.to_str().and_then(|s| s.strip_prefix(&joined)) {
            return Some(value.into());
        }
    }
    None
}

/// The UI language as the raw arguments, the settings they point at and the system say;
/// what clap cannot read yet is read leniently (a bad settings file says nothing here:
/// the command reports it once it runs).
pub fn lang_of(args: &[OsString]) -> Lang {
    let flag = flag_value(args, "--lang").and_then(|v| v.into_string().ok());
    if let Some(lang) = flag.as_deref().and_then(Lang::parse) {
        return lang;
    }
    let dir = flag_value(args, "--data-dir").map(PathBuf::from);
    let setting = crate::paths::data_dir(dir.as_deref())
        .and_then(|root| Config::load(&DataDir::new(root).config()).ok())
        .and_then(|config| config.lang);
    choose(None, setting.as_deref())
}

/// Parse in the UI language; help and version are printed (exit 0), a usage error is
/// one line on stderr, and a command without its subcommand prints its help there (exit 2).
pub fn parse(args: Vec<OsString>) -> Result<Cli, i32> {
    if let Some(cli) = trainer_start(&args) {
        return Ok(cli);
    }
    i18n::set_lang(lang_of(&args));
    let parsed = crate::cli::command()
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m));
    match parsed {
        Ok(cli) => Ok(cli),
        Err(e) if !e.use_stderr() => {
            let _ = e.print();
            Err(0)
        }
        // `kuaida pack` alone: the command's help, on stderr, as a usage error.
        Err(e) if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            Err(2)
        }
        Err(e) => {
            crate::err_line!("{}", error_line(&e));
            Err(2)
        }
    }
}

/// The trainer's own start, read without clap: `kuaida` with nothing but `--data-dir DIR`
/// and `--lang LANG`, each once, as clap would read it (a test holds the two together).
/// Building clap's parser, every command with its help, costs more than the rest of the
/// way to home's first frame; anything else, and any doubt, is clap's to read.
fn trainer_start(args: &[OsString]) -> Option<Cli> {
    let mut cli = Cli {
        pack_file: None,
        data_dir: None,
        lang: None,
        command: None,
    };
    let mut rest = args.iter().skip(1);
    while let Some(arg) = rest.next() {
        let arg = arg.to_str()?;
        let (name, value) = match arg.split_once('=') {
            Some((name, value)) => (name, OsString::from(value)),
            None => (arg, rest.next()?.clone()),
        };
        if value.is_empty() || value.to_string_lossy().starts_with('-') {
            return None;
        }
        match name {
            "--data-dir" if cli.data_dir.is_none() => cli.data_dir = Some(value.into()),
            "--lang" if cli.lang.is_none() => cli.lang = Some(value.into_string().ok()?),
            _ => return None,
        }
    }
    Some(cli)
}

fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    let text = match e.get(kind)? {
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(v) => v.join(", "),
        ContextValue::StyledStr(s) => s.to_string(),
        ContextValue::StyledStrs(v) => v
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        ContextValue::Number(n) => n.to_string(),
        _ => return None,
    };
    Some(crate::safe_text::clean(&text, '?'))
}

/// `--format <FORMAT>` as `--format`, `<PACK.toml>` as `PACK.toml`.
fn arg_name(shown: &str) -> String {
    if shown.starts_with('-') {
        shown.split_whitespace().next().unwrap_or(shown).to_owned()
    } else {
        shown
            .trim_end_matches("...")
            .trim_matches(|c| matches!(c, '<' | '>' | '[' | ']'))
            .to_owned()
    }
}

/// A usage error as one line in the UI language: what is wrong, what was probably meant,
/// and the usage of the command it was in.
pub fn error_line(e: &clap::Error) -> String {
    let arg = context(e, ContextKind::InvalidArg).unwrap_or_default();
    let name = arg_name(&arg);
    let value = context(e, ContextKind::InvalidValue).unwrap_or_default();
    let sub = context(e, ContextKind::InvalidSubcommand).unwrap_or_default();
    let message = match e.kind() {
        ErrorKind::MissingRequiredArgument => {
            tr!(
                "缺少必需的参数：{arg}",
                "missing a required argument: {arg}"
            )
        }
        ErrorKind::UnknownArgument => tr!("不认识的参数：{arg}", "unknown argument: {arg}"),
        ErrorKind::InvalidSubcommand => tr!("没有这个命令：{sub}", "no such command: {sub}"),
        ErrorKind::MissingSubcommand => {
            let valid = context(e, ContextKind::ValidSubcommand).unwrap_or_default();
            tr!(
                "{sub} 后面要写一个命令：{valid}",
                "{sub} needs a command: {valid}"
            )
        }
        ErrorKind::InvalidValue if value.is_empty() => {
            tr!("{name} 后面要写一个值", "{name} needs a value after it")
        }
        ErrorKind::InvalidValue => {
            let valid = context(e, ContextKind::ValidValue).unwrap_or_default();
            tr!(
                "{name} 的值 {value} 不能用（可用：{valid}）",
                "{name} cannot be {value} (use one of: {valid})"
            )
        }
        ErrorKind::ValueValidation => tr!(
            "{name} 的值 {value} 无效",
            "{value} is not a valid value for {name}"
        ),
        ErrorKind::ArgumentConflict => {
            let prior = arg_name(&context(e, ContextKind::PriorArg).unwrap_or_default());
            tr!(
                "{name} 不能和 {prior} 一起用",
                "{name} cannot be used with {prior}"
            )
        }
        ErrorKind::TooManyValues => tr!(
            "{name} 多了一个值：{value}",
            "{name} takes no more values: {value}"
        ),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => tr!(
            "{name} 的值的个数不对",
            "{name} has the wrong number of values"
        ),
        ErrorKind::NoEquals => tr!(
            "{name} 要写成 {name}=值",
            "{name} must be written {name}=VALUE"
        ),
        ErrorKind::InvalidUtf8 => tr!(
            "参数里有不是 UTF-8 的字符",
            "an argument is not valid UTF-8"
        ),
        _ => {
            let rendered = e.render().to_string();
            let first = rendered.lines().next().unwrap_or_default();
            crate::safe_text::clean(first.trim_start_matches("error: "), '?')
        }
    };
    let suggested = context(e, ContextKind::SuggestedSubcommand)
        .or_else(|| context(e, ContextKind::SuggestedArg))
        .or_else(|| context(e, ContextKind::SuggestedValue));
    let mut line = format!("kuaida: {message}");
    if let Some(s) = suggested {
        line.push_str(&tr!("，是不是 {s}？", "; did you mean {s}?"));
    }
    if let Some(usage) = context(e, ContextKind::Usage) {
        let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage).trim();
        line.push_str(&tr!("（用法：{usage}）", " (usage: {usage})"));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn flags_are_found_in_either_spelling_and_not_after_a_double_dash() {
        let a = args(&["kuaida", "pack", "--lang", "en", "x"]);
        assert_eq!(flag_value(&a, "--lang"), Some("en".into()));
        let a = args(&["kuaida", "--lang=zh", "--data-dir=D:\\数据"]);
        assert_eq!(flag_value(&a, "--lang"), Some("zh".into()));
        assert_eq!(flag_value(&a, "--data-dir"), Some("D:\\数据".into()));
        let a = args(&["kuaida", "--", "--lang", "en"]);
        assert_eq!(flag_value(&a, "--lang"), None);
        // The first argument is the program, whatever it looks like.
        assert_eq!(flag_value(&args(&["--lang", "en"]), "--lang"), None);
        assert_eq!(flag_value(&args(&["kuaida", "--lang"]), "--lang"), None);
    }

    /// What clap makes of these arguments.
    fn by_clap(list: &[&str]) -> String {
        let m = crate::cli::command().try_get_matches_from(args(list));
        format!("{:?}", m.and_then(|m| Cli::from_arg_matches(&m)))
    }

    #[test]
    fn the_trainer_start_is_read_as_clap_reads_it() {
        for list in [
            &["kuaida"][..],
            &["kuaida", "--lang", "en"],
            &["kuaida", "--lang=zh"],
            &["kuaida", "--lang", "fr"],
            &["kuaida", "--data-dir", "/tmp/数据 夹"],
            &["kuaida", "--data-dir=D:\\数据=1"],
            &["kuaida", "--data-dir", "d", "--lang", "en"],
            &["kuaida", "--lang=en", "--data-dir=d"],
        ] {
            let fast = trainer_start(&args(list)).expect("read without clap");
            assert_eq!(
                format!("{:?}", Ok::<_, clap::Error>(fast)),
                by_clap(list),
                "{list:?}"
            );
        }
    }

    #[test]
    fn anything_else_is_left_to_clap() {
        for list in [
            &["kuaida", "stats"][..],
            &["kuaida", "pack.toml"],
            &["kuaida", "--help"],
            &["kuaida", "-h"],
            &["kuaida", "--version"],
            &["kuaida", "--lang"],
            &["kuaida", "--lang="],
            &["kuaida", "--lang", "en", "--lang", "zh"],
            &["kuaida", "--data-dir", "--lang", "en"],
            &["kuaida", "--data-dir=d", "--data-dir=e"],
            &["kuaida", "--", "--lang", "en"],
            &["kuaida", "--lang", "en", "drill", "p/d"],
            &["kuaida", "--Lang", "en"],
        ] {
            assert!(trainer_start(&args(list)).is_none(), "{list:?}");
        }
    }

    #[test]
    fn the_flag_wins_then_the_setting() {
        assert_eq!(choose(Some("en"), Some("zh")), Lang::En);
        assert_eq!(choose(Some("zh-CN"), Some("en")), Lang::Zh);
        assert_eq!(choose(None, Some("en")), Lang::En);
        assert_eq!(choose(Some("fr"), Some("en")), Lang::En);
    }

    #[test]
    fn argument_names_without_their_value_names() {
        assert_eq!(arg_name("--format <FORMAT>"), "--format");
        assert_eq!(arg_name("[PACK.toml]"), "PACK.toml");
        assert_eq!(arg_name("<PATHS>..."), "PATHS");
    }
}
