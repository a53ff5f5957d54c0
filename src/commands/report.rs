//! `kuaida report FILE|DIR|ZIP... [--roster ROSTER.csv] [--format table|csv]`.

use super::config::print;
use super::export::csv_document;
use super::history::parse_results;
use crate::cli::{ReportArgs, ReportFormat};
use crate::report::{build, clean, collect, parse_roster};
use crate::{Error, Result, tr};
use std::io::Read;

/// Rosters larger than this are refused.
const MAX_ROSTER_BYTES: u64 = 10 * 1024 * 1024;

pub fn run(args: &ReportArgs) -> Result<i32> {
    let roster = match &args.roster {
        None => Vec::new(),
        Some(path) => {
            let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
            let mut bytes = Vec::new();
            file.take(MAX_ROSTER_BYTES + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| Error::io(path, e))?;
            let shown = clean(&path.display().to_string());
            if bytes.len() as u64 > MAX_ROSTER_BYTES {
                return Err(Error::Usage(tr!(
                    "{shown}：名单太大",
                    "{shown}: the roster is too large"
                )));
            }
            parse_roster(&bytes).map_err(|why| Error::Usage(format!("{shown}: {}", clean(&why))))?
        }
    };
    let collected = collect(&args.inputs, &|bytes| parse_results(bytes));
    for w in &collected.warnings {
        crate::err_line!("{}", tr!("警告：{w}", "warning: {w}"));
    }
    if collected.docs.is_empty() && roster.is_empty() {
        return Err(Error::Usage(tr!(
            "没有读到任何成绩文件",
            "no results files could be read"
        )));
    }
    let report = build(&collected.docs, &roster);
    let files = collected.docs.len();
    let (sessions, dups) = (
        report.sessions,
        report.duplicate_sessions + collected.duplicate_files,
    );
    let note = tr!(
        "读取 {files} 个成绩文件，{sessions} 条记录（重复的 {dups} 份只计一次）",
        "{files} results files, {sessions} sessions read (duplicates counted once: {dups})"
    );
    let bytes = match args.format {
        ReportFormat::Table => format!("{}{note}\n", report.render()).into_bytes(),
        ReportFormat::Csv => {
            let (header, rows) = report.csv_rows();
            csv_document(&header, &rows)?
        }
    };
    match &args.out {
        Some(path) => {
            crate::config::write_atomic(path, &bytes)?;
            let shown = clean(&path.display().to_string());
            crate::err_line!("{note}");
            crate::err_line!("{}", tr!("已写入 {shown}", "written to {shown}"));
        }
        None => {
            print(&String::from_utf8_lossy(&bytes));
            if matches!(args.format, ReportFormat::Csv) {
                crate::err_line!("{note}");
            }
        }
    }
    Ok(0)
}
