//! The command line, as PRODUCT.md "Commands" lists it, in the UI language: every help
//! text is a `tr!` pair, read when [`command`] builds the parser (after the language is
//! set), and the headings, help flag and help subcommand that clap writes in English are
//! put in the UI language there too.

use crate::tr;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "kuaida",
    version,
    about = tr!(
        "快打 kuaida：电商客服打字与快捷回复训练（不带参数时打开训练界面）",
        "快打 kuaida: typing and quick-reply trainer for e-commerce customer service (without arguments it opens the trainer)"
    )
)]
pub struct Cli {
    // First, so that the help lists 参数 before 选项, as clap's own headings go.
    #[arg(
        value_name = "PACK.toml",
        help = tr!(
            "在训练界面里打开这个练习包文件（把文件拖到 kuaida.exe 上就是这样）",
            "A pack file to open in the trainer (what dropping a file on kuaida.exe does)"
        )
    )]
    pub pack_file: Option<PathBuf>,

    #[arg(
        long,
        global = true,
        value_name = "DIR",
        help = tr!(
            "数据文件夹（历史记录、已安装的包、设置）；也可用环境变量 KUAIDA_DATA_DIR",
            "Data directory (history, installed packs, settings); also KUAIDA_DATA_DIR"
        )
    )]
    pub data_dir: Option<PathBuf>,

    #[arg(
        long,
        global = true,
        value_name = "zh|en",
        help = tr!("界面语言：zh 或 en", "UI language: zh or en")
    )]
    pub lang: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    #[command(about = tr!(
        "直接开始一个练习：包/练习，或 --file 包.toml [练习]",
        "Start one drill directly: PACK/DRILL, or --file PACK.toml [DRILL]"
    ))]
    Drill(DrillArgs),
    #[command(about = tr!(
        "练习包：list、check、add、remove、new、import、export",
        "Drill packs: list, check, add, remove, new, import, export"
    ))]
    Pack {
        #[command(subcommand)]
        command: PackCommand,
    },
    #[command(about = tr!("以前的练习，最新的在前", "Past sessions, newest first"))]
    History(HistoryArgs),
    #[command(about = tr!(
        "总计、最好和最近的成绩、最常错的字",
        "Totals, best and recent figures, weakest characters"
    ))]
    Stats {
        #[arg(long, help = tr!("输出 JSON", "Print JSON"))]
        json: bool,
    },
    #[command(about = tr!(
        "导出当前学生的成绩，交给老师",
        "Write the current student's results for a teacher"
    ))]
    Export(ExportArgs),
    #[command(about = tr!(
        "用按键记录重新计算学生交来的每一次练习（文件、文件夹、zip），逐个文件列出问题",
        "Recompute every session of students' exports (files, folders, zip archives) from its keystrokes, file by file"
    ))]
    Verify(VerifyArgs),
    #[command(about = tr!(
        "用学生交来的成绩（文件、文件夹、zip）做班级成绩表",
        "A class table from students' exports (files, folders, zip archives)"
    ))]
    Report(ReportArgs),
    #[command(about = tr!(
        "设置：student.name、student.id、lang、theme、ambiwidth、export.dir、goal.minutes",
        "Settings: student.name, student.id, lang, theme, ambiwidth, export.dir, goal.minutes"
    ))]
    Config {
        #[command(subcommand)]
        command: Option<ConfigCommand>,
    },
}

#[derive(Debug, Args)]
pub struct DrillArgs {
    #[arg(help = tr!(
        "包/练习；用 --file 时是练习编号（可以不写）",
        "PACK/DRILL, or with --file the drill id (optional)"
    ))]
    pub target: Option<String>,
    #[arg(
        long,
        value_name = "PACK.toml",
        help = tr!("没有安装的练习包文件", "A pack file that is not installed")
    )]
    pub file: Option<PathBuf>,
    #[arg(
        long,
        help = tr!(
            "把中文跟打或短句练习作为拼音练习",
            "Run a Chinese text or phrases drill as pinyin practice"
        )
    )]
    pub pinyin: bool,
}

#[derive(Debug, Subcommand)]
pub enum PackCommand {
    #[command(about = tr!(
        "列出内置和已安装的练习包及其练习",
        "Built-in and installed packs with their drills"
    ))]
    List,
    #[command(about = tr!(
        "检查练习包文件，每个问题一行：文件:行:列: 说明",
        "Validate pack files; every problem as PATH:LINE:COL: message"
    ))]
    Check {
        #[arg(
            required = true,
            value_name = "PACK.toml",
            help = tr!("要检查的练习包文件", "The pack files to check")
        )]
        paths: Vec<PathBuf>,
    },
    #[command(about = tr!(
        "检查后安装到数据文件夹（同编号的包被替换）",
        "Validate, then install into the data dir (a pack with the same id is replaced)"
    ))]
    Add {
        #[arg(value_name = "PACK.toml", help = tr!("练习包文件", "The pack file"))]
        path: PathBuf,
    },
    #[command(about = tr!("删除一个已安装的练习包", "Remove an installed pack"))]
    Remove {
        #[arg(help = tr!("包编号", "The pack's id"))]
        id: String,
    },
    #[command(about = tr!(
        "写一个带中文注释的练习包模板，或用 --sheet 写表格模板",
        "Write a commented starter pack, or with --sheet the spreadsheet templates"
    ))]
    New {
        #[arg(
            value_name = "PACK.toml",
            required_unless_present = "sheet",
            help = tr!(
                "要写出的练习包文件（已经存在时不覆盖）",
                "The pack file to write (an existing file is never replaced)"
            )
        )]
        path: Option<PathBuf>,
        #[arg(
            long,
            value_name = "DIR",
            conflicts_with = "path",
            help = tr!(
                "把短语表、情景表和名单（CSV）写到这个文件夹",
                "Write the phrase sheet, the scenario sheet and the roster (CSV) into this folder"
            )
        )]
        sheet: Option<PathBuf>,
    },
    #[command(about = tr!(
        "把千牛快捷短语导出文件或表格（CSV）变成练习包",
        "Turn a 千牛 quick-phrase export or a spreadsheet sheet (CSV) into a pack"
    ))]
    Import {
        #[arg(help = tr!("CSV 文件", "The CSV file"))]
        file: PathBuf,
        #[arg(
            long,
            help = tr!(
                "新包的编号（小写字母、数字和 -）",
                "The new pack's id (a-z, 0-9 and -)"
            )
        )]
        id: String,
        #[arg(
            long,
            value_name = "PACK.toml",
            help = tr!(
                "写出的练习包文件（不写时为 编号.toml）",
                "The pack file to write (default: ID.toml)"
            )
        )]
        out: Option<PathBuf>,
    },
    #[command(about = tr!(
        "把练习包写成千牛导入文件或 TOML",
        "Write a pack as a 千牛 import file or as TOML"
    ))]
    Export {
        #[arg(help = tr!(
            "包编号（或练习包文件的路径）",
            "A pack's id (or a pack file's path)"
        ))]
        id: String,
        #[arg(
            long,
            value_enum,
            hide_possible_values = true,
            help = tr!(
                "qianniu（千牛导入格式）或 toml",
                "qianniu (千牛's import format) or toml"
            )
        )]
        format: PackExportFormat,
        #[arg(
            long,
            help = tr!(
                "写出的文件（已经存在时不覆盖）",
                "The file to write (an existing file is never replaced)"
            )
        )]
        out: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PackExportFormat {
    Qianniu,
    Toml,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    #[command(subcommand)]
    pub command: Option<HistoryCommand>,
    #[arg(long, help = tr!("最多显示 N 次", "Show at most N sessions"))]
    pub limit: Option<usize>,
    #[arg(
        long,
        help = tr!("输出成绩文件（JSON）", "Print the results document (JSON)")
    )]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum HistoryCommand {
    #[command(about = tr!(
        "把导出的成绩文件并回历史（重复导入不会重复计算）",
        "Merge an export into history; importing twice adds nothing"
    ))]
    Import {
        #[arg(help = tr!("成绩文件（.json）", "The results file (.json)"))]
        results: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum, Default)]
pub enum ExportFormat {
    #[default]
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(
        long,
        value_enum,
        default_value_t,
        hide_possible_values = true,
        hide_default_value = true,
        help = tr!("json（默认）或 csv", "json (default) or csv")
    )]
    pub format: ExportFormat,
    #[arg(
        long,
        help = tr!(
            "写到这个文件，或这个文件夹（文件名为 学号_姓名_YYYYMMDD）",
            "A file, or a folder (the file then named 学号_姓名_YYYYMMDD)"
        )
    )]
    pub out: Option<PathBuf>,
    #[arg(long, help = tr!("只导出这个包的练习", "Only this pack's sessions"))]
    pub pack: Option<String>,
    #[arg(
        long,
        help = tr!(
            "只导出这一天（YYYY-MM-DD）及以后的练习",
            "Only sessions on or after this date (YYYY-MM-DD)"
        )
    )]
    pub since: Option<String>,
    #[arg(
        long,
        help = tr!("导出这个姓名的学生的练习", "Another student's sessions, by name")
    )]
    pub student: Option<String>,
    #[arg(
        long,
        help = tr!("导出这个学号的学生的练习", "Another student's sessions, by 学号")
    )]
    pub student_id: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum, Default)]
pub enum ReportFormat {
    #[default]
    Table,
    Csv,
}

/// What `verify` and `report` check sessions against (PRODUCT.md "Class results").
#[derive(Debug, Args, Default)]
pub struct ClassChecks {
    #[arg(
        long,
        value_name = "PACK.toml",
        help = tr!(
            "老师的练习包，作为比对的标准（可以写几次）；不写时用本机安装的和内置的同编号练习包",
            "The teacher's pack to check against (may be given more than once); without it, the installed and built-in packs of the same id"
        )
    )]
    pub pack: Vec<PathBuf>,
    #[arg(
        long,
        value_name = "DATE",
        help = tr!(
            "只评这个时间以后的练习：2026-12-07 或 \"2026-12-07 10:00\"（本机时间）",
            "Grade sessions from this time on: 2026-12-07 or \"2026-12-07 10:00\" (this PC's time)"
        )
    )]
    pub from: Option<String>,
    #[arg(
        long,
        value_name = "DATE",
        help = tr!(
            "只评到这个时间为止的练习（只写日期时包括那一整天）",
            "Grade sessions up to this time (a date alone includes that whole day)"
        )
    )]
    pub to: Option<String>,
    #[arg(
        long,
        value_name = "CODE",
        help = tr!(
            "课上宣布的开始口令，核对 start_code 练习（可以写几次）",
            "The start code announced in class, to check start_code drills with (may be given more than once)"
        )
    )]
    pub code: Vec<String>,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    #[arg(
        required = true,
        help = tr!(
            "学生的成绩文件（.json）、文件夹或 zip 压缩包",
            "Students' results files (.json), folders or zip archives"
        )
    )]
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub checks: ClassChecks,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[arg(
        required = true,
        help = tr!(
            "学生的成绩文件、文件夹或 zip 压缩包（几个一起读，例如每周一个）",
            "Students' results files, folders or zip archives (read as one collection, e.g. one a week)"
        )
    )]
    pub inputs: Vec<PathBuf>,
    #[arg(
        long,
        value_name = "ROSTER.csv",
        help = tr!(
            "名单（学号,姓名），没交的学生也列出来",
            "A roster (学号,姓名): students who handed in nothing are listed too"
        )
    )]
    pub roster: Option<PathBuf>,
    #[command(flatten)]
    pub checks: ClassChecks,
    #[arg(
        long,
        help = tr!(
            "表格后面列出每个学生的每一处发现（CSV 里多一列“详情”）",
            "After the table, every finding per student (in CSV, a Details column)"
        )
    )]
    pub details: bool,
    #[arg(
        long,
        value_enum,
        default_value_t,
        hide_possible_values = true,
        hide_default_value = true,
        help = tr!(
            "table（默认，在屏幕上显示）或 csv",
            "table (default, on screen) or csv"
        )
    )]
    pub format: ReportFormat,
    #[arg(
        long,
        value_name = "FILE",
        help = tr!(
            "写到这个文件，而不是屏幕（PowerShell 的 > 会改掉编码）",
            "Write to this file instead of stdout (PowerShell's > re-encodes what it redirects)"
        )
    )]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    #[command(about = tr!(
        "显示一项设置（没有设置时不输出，退出码为 0）",
        "Print one setting; an unset one prints nothing on stdout (a note goes to stderr) and exits 0"
    ))]
    Get {
        #[arg(help = tr!("设置名，例如 student.name", "The setting, e.g. student.name"))]
        key: String,
    },
    #[command(about = tr!(
        "修改一项设置（值为空时取消）：student.name、student.id、lang（zh|en）、theme（dark|light|mono）、ambiwidth（1|2）、export.dir、goal.minutes（1-480）",
        "Change one setting (an empty VALUE unsets it): student.name, student.id, lang (zh|en), theme (dark|light|mono), ambiwidth (1|2), export.dir, goal.minutes (1-480)"
    ))]
    Set {
        #[arg(help = tr!("设置名，例如 student.name", "The setting, e.g. student.name"))]
        key: String,
        #[arg(help = tr!("新的值", "The new value"))]
        value: String,
    },
}

/// The parser in the UI language (set it first).
pub fn command() -> clap::Command {
    if crate::i18n::is_zh() {
        let mut cmd = zh_before_build(Cli::command());
        // clap adds its help and version flags and help subcommands as it builds.
        cmd.build();
        zh_after_build(cmd)
    } else {
        Cli::command()
    }
}

/// Chinese headings and usage line, on every command.
fn zh_before_build(cmd: clap::Command) -> clap::Command {
    let mut cmd = cmd
        .help_template("{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}")
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令");
    let args: Vec<(String, bool)> = cmd
        .get_arguments()
        .map(|a| (a.get_id().to_string(), a.is_positional()))
        .collect();
    for (id, positional) in args {
        let heading = if positional { "参数" } else { "选项" };
        cmd = cmd.mut_arg(id, |a| a.help_heading(heading));
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(name, zh_before_build);
    }
    cmd
}

/// What clap added while building, in Chinese: the help and version flags, the help
/// subcommands (and the copies of the tree under them).
fn zh_after_build(cmd: clap::Command) -> clap::Command {
    let mut cmd = cmd;
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        match id.as_str() {
            "help" => {
                cmd = cmd.mut_arg(id, |a| {
                    a.help("显示帮助").long_help(None).help_heading("选项")
                });
            }
            "version" => {
                cmd = cmd.mut_arg(id, |a| a.help("显示版本").help_heading("选项"));
            }
            "subcommand" if cmd.get_name() == "help" => {
                cmd = cmd.mut_arg(id, |a| a.help("要看说明的命令").help_heading("参数"));
            }
            _ => {}
        }
    }
    if cmd.get_name() == "help" {
        cmd = cmd
            .about("显示帮助，或某个命令的帮助")
            .help_template(
                "{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}",
            )
            .subcommand_help_heading("命令");
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(name, zh_after_build);
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every argument and command has its help, in Chinese under the Chinese headings (a
    /// new one written without a `tr!` pair would show an empty line, or English). Unit
    /// tests share the language, so English is checked through the binary
    /// (tests/cli_language.rs); `tr!` takes both texts or none.
    #[test]
    fn every_argument_and_command_has_help() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            let has_han = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
            for a in cmd.get_arguments() {
                let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
                if !has_han(&help) {
                    missing.push(format!("{path} {}", a.get_id()));
                }
            }
            for sub in cmd.get_subcommands() {
                let name = format!("{path} {}", sub.get_name());
                let about = sub.get_about().map(|h| h.to_string()).unwrap_or_default();
                if !has_han(&about) {
                    missing.push(name.clone());
                }
                walk(sub, &name, missing);
            }
        }
        crate::i18n::set_lang(crate::i18n::Lang::Zh);
        let mut missing = Vec::new();
        walk(&command(), "kuaida", &mut missing);
        assert!(missing.is_empty(), "{missing:?}");
    }

    #[test]
    fn the_parser_is_sound() {
        Cli::command().debug_assert();
    }
}
