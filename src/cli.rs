//! The command line, as PRODUCT.md "Commands" lists it.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "kuaida",
    version,
    about = "快打 kuaida — 电商客服打字与快捷回复训练 / typing and quick-reply trainer"
)]
pub struct Cli {
    /// Data directory (history, installed packs, settings); also KUAIDA_DATA_DIR.
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// UI language: zh or en.
    #[arg(long, global = true, value_name = "zh|en")]
    pub lang: Option<String>,

    /// A pack file to open in the trainer (what dropping a file on kuaida.exe does).
    #[arg(value_name = "PACK.toml")]
    pub pack_file: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start one drill directly: PACK/DRILL, or --file PACK.toml [DRILL].
    Drill(DrillArgs),
    /// Drill packs: list, check, add, remove, new, import, export.
    Pack {
        #[command(subcommand)]
        command: PackCommand,
    },
    /// Past sessions, newest first.
    History(HistoryArgs),
    /// Totals, best and recent figures, weakest characters.
    Stats {
        #[arg(long)]
        json: bool,
    },
    /// Write the current student's results for a teacher.
    Export(ExportArgs),
    /// Recompute every session of a results file from its keystrokes.
    Verify {
        results: PathBuf,
        #[arg(long, value_name = "PACK.toml")]
        pack: Vec<PathBuf>,
    },
    /// A class table from students' exports (files, folders, zip archives).
    Report(ReportArgs),
    /// Settings: student.name, student.id, lang, theme, ambiwidth, export.dir, goal.minutes.
    Config {
        #[command(subcommand)]
        command: Option<ConfigCommand>,
    },
}

#[derive(Debug, Args)]
pub struct DrillArgs {
    /// PACK/DRILL, or with --file the drill id (optional).
    pub target: Option<String>,
    /// A pack file that is not installed.
    #[arg(long, value_name = "PACK.toml")]
    pub file: Option<PathBuf>,
    /// Run a Chinese drill as pinyin practice.
    #[arg(long)]
    pub pinyin: bool,
}

#[derive(Debug, Subcommand)]
pub enum PackCommand {
    /// Built-in and installed packs with their drills.
    List,
    /// Validate pack files; every problem as PATH:LINE:COL: message.
    Check {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Validate, then install into the data dir.
    Add { path: PathBuf },
    /// Remove an installed pack.
    Remove { id: String },
    /// Write a commented starter pack, or with --sheet the spreadsheet templates.
    New {
        #[arg(value_name = "PACK.toml", required_unless_present = "sheet")]
        path: Option<PathBuf>,
        /// Write the phrase sheet, the scenario sheet and the roster (CSV) into this folder.
        #[arg(long, value_name = "DIR", conflicts_with = "path")]
        sheet: Option<PathBuf>,
    },
    /// Turn a 千牛 quick-phrase export or a spreadsheet sheet (CSV) into a pack.
    Import {
        file: PathBuf,
        #[arg(long)]
        id: String,
        #[arg(long, value_name = "PACK.toml")]
        out: Option<PathBuf>,
    },
    /// Write a pack as a 千牛 import file or as TOML.
    Export {
        id: String,
        #[arg(long, value_enum)]
        format: PackExportFormat,
        #[arg(long)]
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
    /// Show at most N sessions.
    #[arg(long)]
    pub limit: Option<usize>,
    /// Print the results document (JSON).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum HistoryCommand {
    /// Merge an export into history; importing twice adds nothing.
    Import { results: PathBuf },
}

#[derive(Debug, Clone, Copy, ValueEnum, Default)]
pub enum ExportFormat {
    #[default]
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, value_enum, default_value_t)]
    pub format: ExportFormat,
    /// A file, or a directory (then named 学号_姓名_YYYYMMDD).
    #[arg(long)]
    pub out: Option<PathBuf>,
    #[arg(long)]
    pub pack: Option<String>,
    /// Only sessions on or after this date (YYYY-MM-DD).
    #[arg(long)]
    pub since: Option<String>,
    #[arg(long)]
    pub student: Option<String>,
    #[arg(long)]
    pub student_id: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum, Default)]
pub enum ReportFormat {
    #[default]
    Table,
    Csv,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    #[arg(long, value_name = "ROSTER.csv")]
    pub roster: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t)]
    pub format: ReportFormat,
    /// Write to this file instead of stdout (PowerShell's `>` re-encodes what it redirects).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print one setting. An unset one prints nothing on stdout (a note goes to stderr) and exits 0.
    Get { key: String },
    /// Change one setting (an empty VALUE unsets it): student.name, student.id,
    /// lang (zh|en), theme (dark|light|mono), ambiwidth (1|2), export.dir, goal.minutes (1-480).
    Set { key: String, value: String },
}
