//! `kuaida report FILE|DIR|ZIP... [--roster ROSTER.csv] [--pack PACK.toml]... [--from
//! DATE] [--to DATE] [--code CODE]... [--details] [--format table|csv] [--out FILE]`.
//! Exit 0 when a table was printed (findings are flags, not failures), 2 when no
//! results file could be read.

use super::class::{self, note, warn};
use super::config::print;
use crate::cli::{ReportArgs, ReportFormat};
use crate::context::Context;
use crate::export::csv_document;
use crate::report::when::Zone;
use crate::report::{clean, parse_roster};
use crate::{Error, Result, tr};
use std::io::Read;

/// Rosters larger than this are refused.
const MAX_ROSTER_BYTES: u64 = 10 * 1024 * 1024;

pub fn run(ctx: &Context, args: &ReportArgs) -> Result<i32> {
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
    let zone = Zone::Local;
    let prepared = class::prepare(ctx, &args.checks, zone)?;
    let read = class::read(&args.inputs, prepared.checks);
    for w in prepared
        .warnings
        .iter()
        .chain(&read.collected.warnings)
        .chain(&read.notes)
    {
        warn(w);
    }
    if read.files == 0 {
        return Err(Error::Usage(tr!(
            "没有读到任何成绩文件",
            "no results files could be read"
        )));
    }
    for n in class::run_notes(&read.collection) {
        note(&n);
    }
    let assignments = class::assignments(&prepared.given, &read.collection);
    let report = read.collection.finish(&roster, &assignments, zone);
    let (files, sessions) = (read.files, report.sessions);
    let dups = report.duplicate_sessions + read.collected.duplicate_files;
    let summary = tr!(
        "读取 {files} 个成绩文件，{sessions} 条记录（重复的 {dups} 份只计一次）",
        "{files} results files, {sessions} sessions read (duplicates counted once: {dups})"
    );
    let bytes = match args.format {
        ReportFormat::Table => {
            let mut text = report.render();
            if args.details {
                text.push('\n');
                text.push_str(&report.render_details());
            }
            format!("{text}{summary}\n").into_bytes()
        }
        ReportFormat::Csv => {
            let (header, rows) = report.csv(args.details);
            csv_document(&header, &rows)?
        }
    };
    match &args.out {
        Some(path) => {
            crate::config::write_atomic(path, &bytes)?;
            let shown = clean(&path.display().to_string());
            crate::err_line!("{summary}");
            crate::err_line!("{}", tr!("已写入 {shown}", "written to {shown}"));
        }
        None => {
            print(&String::from_utf8_lossy(&bytes));
            if matches!(args.format, ReportFormat::Csv) {
                crate::err_line!("{summary}");
            }
        }
    }
    Ok(0)
}
