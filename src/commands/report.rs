//! `kuaida report FILE|DIR|ZIP... [--roster ROSTER.csv] [--format table|csv]`.

use super::config::print;
use crate::cli::{ReportArgs, ReportFormat};
use crate::export::csv_document;
use crate::report::input::collect_each;
use crate::report::table::Builder;
use crate::report::{clean, parse_roster};
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
    // One pass: each document is checked and reduced to a few numbers per session as
    // it is read, then dropped; a file whose checks cost too much, or that holds values
    // no session can, is named.
    let mut builder = Builder::default();
    let mut files = 0;
    let mut notes = Vec::new();
    let collected = collect_each(
        &args.inputs,
        &|bytes| crate::record::file::parse(bytes),
        &mut |loaded| {
            files += 1;
            let added = builder.add(&loaded);
            let shown = &loaded.source;
            if added.over_cost > 0 {
                notes.push(super::verify::over_cost_line(shown, added.over_cost));
            }
            if added.out_of_range > 0 {
                let n = added.out_of_range;
                notes.push(tr!(
                    "{shown}：{n} 条记录的数值超出一次练习可能的范围（已在表中标记）",
                    "{shown}: {n} sessions hold values no session can (flagged in the table)"
                ));
            }
        },
    );
    for w in collected.warnings.iter().chain(&notes) {
        crate::err_line!("{}", tr!("警告：{w}", "warning: {w}"));
    }
    if files == 0 && roster.is_empty() {
        return Err(Error::Usage(tr!(
            "没有读到任何成绩文件",
            "no results files could be read"
        )));
    }
    let report = builder.finish(&roster);
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
