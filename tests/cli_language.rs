//! `--help`, `--version` and usage errors speak the UI language, through the real binary:
//! Chinese by default, English with `--lang en`, the `lang` setting or an English system.
//! Usage errors are one line and exit 2; help and version exit 0.
#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

use std::path::Path;
use std::process::{Command, Output};
use tempfile::TempDir;

/// kuaida with a data dir and the system language `locale` (`C` says nothing: Chinese).
fn run(data: &Path, locale: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kuaida"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("KUAIDA_DATA_DIR")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANGUAGE")
        .env("LANG", locale)
        .output()
        .unwrap()
}

fn err(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn a_missing_argument_is_said_in_chinese_by_default() {
    let tmp = TempDir::new().unwrap();
    let o = run(tmp.path(), "C", &["pack", "import", "表.csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        err(&o),
        "kuaida: 缺少必需的参数：--id <ID>（用法：kuaida pack import --id <ID> <FILE>）\n"
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn a_missing_argument_is_said_in_english_when_asked_for() {
    let tmp = TempDir::new().unwrap();
    let want = "kuaida: missing a required argument: --id <ID> (usage: kuaida pack import --id <ID> <FILE>)\n";
    // --lang en, anywhere on the line (clap's usage then shows it too).
    let given = "kuaida: missing a required argument: --id <ID> (usage: kuaida pack import --id <ID> --lang <zh|en> <FILE>)\n";
    let o = run(
        tmp.path(),
        "C",
        &["pack", "import", "x.csv", "--lang", "en"],
    );
    assert_eq!((o.status.code(), err(&o).as_str()), (Some(2), given));
    let o = run(
        tmp.path(),
        "zh_CN.UTF-8",
        &["--lang=en", "pack", "import", "x.csv"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).starts_with("kuaida: missing a required argument: --id <ID> (usage: "),
        "{}",
        err(&o)
    );
    // The system language.
    let o = run(tmp.path(), "en_US.UTF-8", &["pack", "import", "x.csv"]);
    assert_eq!((o.status.code(), err(&o).as_str()), (Some(2), want));
    // The lang setting, over the system language; --lang over both.
    let set = run(tmp.path(), "C", &["config", "set", "lang", "en"]);
    assert_eq!(set.status.code(), Some(0), "{}", err(&set));
    let o = run(tmp.path(), "zh_CN.UTF-8", &["pack", "import", "x.csv"]);
    assert_eq!((o.status.code(), err(&o).as_str()), (Some(2), want));
    let o = run(
        tmp.path(),
        "C",
        &["--lang", "zh", "pack", "import", "x.csv"],
    );
    assert!(err(&o).starts_with("kuaida: 缺少必需的参数"), "{}", err(&o));
}

#[test]
fn other_usage_errors_are_one_chinese_line_each() {
    let tmp = TempDir::new().unwrap();
    let d = tmp.path();
    for (args, want) in [
        (
            &["pack", "chek", "a.toml"][..],
            "kuaida: 没有这个命令：chek，是不是 check？（用法：kuaida pack [OPTIONS] <命令>）",
        ),
        (
            &["stats", "--jsn"][..],
            "kuaida: 不认识的参数：--jsn，是不是 --json？（用法：kuaida stats --json）",
        ),
        (
            &["export", "--format", "xml"][..],
            "kuaida: --format 的值 xml 不能用（可用：json, csv）",
        ),
        (
            &["history", "--limit", "十"][..],
            "kuaida: --limit 的值 十 无效",
        ),
        (
            &["pack", "new", "a.toml", "--sheet", "表格"][..],
            "kuaida: PACK.toml 不能和 --sheet 一起用",
        ),
        (&["--lang"][..], "kuaida: --lang 后面要写一个值"),
        (
            &["config", "set", "lang"][..],
            "kuaida: 缺少必需的参数：<VALUE>（用法：kuaida config set <KEY> <VALUE>）",
        ),
    ] {
        let o = run(d, "C", args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", err(&o));
        let e = err(&o);
        assert_eq!(e.lines().count(), 1, "{args:?}: one line: {e}");
        assert!(e.starts_with(want), "{args:?}: {e}");
        assert!(
            !e.contains("error:") && !e.contains("Usage"),
            "{args:?}: {e}"
        );
    }
}

/// A command without its subcommand shows its help, as clap does, on stderr with exit 2.
#[test]
fn a_command_without_its_subcommand_shows_its_help() {
    let tmp = TempDir::new().unwrap();
    let o = run(tmp.path(), "C", &["pack"]);
    assert_eq!(o.status.code(), Some(2));
    let help = err(&o);
    assert!(
        help.contains("用法：kuaida pack [OPTIONS] <命令>"),
        "{help}"
    );
    assert!(
        help.contains("check") && help.contains("检查练习包文件"),
        "{help}"
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn help_speaks_chinese_by_default() {
    let tmp = TempDir::new().unwrap();
    for args in [
        &["--help"][..],
        &["-h"][..],
        &["pack", "--help"][..],
        &["help", "pack"][..],
        &["pack", "import", "--help"][..],
        &["help", "pack", "import"][..],
        &["config", "set", "--help"][..],
    ] {
        let o = run(tmp.path(), "C", args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", err(&o));
        let help = out(&o);
        assert!(help.contains("用法：kuaida"), "{args:?}: {help}");
        assert!(help.contains("显示帮助"), "{args:?}: {help}");
        for english in [
            "Usage:",
            "Options:",
            "Arguments:",
            "Commands:",
            "Print help",
            "Print version",
            "possible values",
            "[default",
        ] {
            assert!(!help.contains(english), "{args:?}: {english} in {help}");
        }
    }
    let top = out(&run(tmp.path(), "C", &["--help"]));
    for want in ["命令:", "选项:", "参数:", "练习包", "显示版本", "界面语言"] {
        assert!(top.contains(want), "{want}: {top}");
    }
    let import = out(&run(tmp.path(), "C", &["pack", "import", "--help"]));
    assert!(import.contains("新包的编号"), "{import}");
    let version = run(tmp.path(), "C", &["--version"]);
    assert_eq!(version.status.code(), Some(0));
    assert!(out(&version).starts_with("kuaida "), "{}", out(&version));
}

#[test]
fn help_speaks_english_when_asked_for() {
    let tmp = TempDir::new().unwrap();
    for args in [
        &["--lang", "en", "--help"][..],
        &["pack", "import", "--help", "--lang", "en"][..],
    ] {
        let o = run(tmp.path(), "C", args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        let help = out(&o);
        assert!(help.contains("Usage: kuaida"), "{help}");
        assert!(help.contains("Print help"), "{help}");
        assert!(!help.contains("用法"), "{help}");
    }
    let help = out(&run(
        tmp.path(),
        "en_US.UTF-8",
        &["pack", "import", "--help"],
    ));
    assert!(help.contains("The new pack's id"), "{help}");
}
