//! `kuaida export`: the current student's sessions as a results document (JSON) or CSV.

use super::Context;
use super::config::print;
use crate::cli::{ExportArgs, ExportFormat};
use crate::config::write_atomic;
use crate::export::{csv_bytes, file_name, sessions_of};
use crate::record::{ResultsDoc, Student};
use crate::report::clean;
use crate::{Error, Result, tr};
use std::path::PathBuf;

/// Returns the exit code.
pub fn run(ctx: &Context, args: &ExportArgs) -> Result<i32> {
    let student = Student {
        name: nonempty(args.student.as_deref()).or_else(|| ctx.config.student.name.clone()),
        id: nonempty(args.student_id.as_deref()).or_else(|| ctx.config.student.id.clone()),
    };
    let since = match &args.since {
        None => None,
        Some(s) => Some(
            chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
                let s = clean(s);
                Error::Usage(tr!(
                    "--since {s}：日期应写成 YYYY-MM-DD",
                    "--since {s}: the date must be YYYY-MM-DD"
                ))
            })?,
        ),
    };
    let sessions = sessions_of(&ctx.data, &student)?
        .into_iter()
        .filter(|s| args.pack.as_ref().is_none_or(|p| &s.pack == p))
        .filter(|s| since.is_none_or(|d| s.started_at.date_naive() >= d))
        .collect::<Vec<_>>();
    let now = chrono::Local::now().fixed_offset();
    let count = sessions.len();
    let doc = ResultsDoc::new(student.clone(), now, sessions);
    let bytes = match args.format {
        ExportFormat::Json => {
            let mut json = serde_json::to_string_pretty(&doc)
                .map_err(|e| Error::Usage(format!("JSON: {e}")))?;
            json.push('\n');
            crate::safe_text::json_escaped(&json).into_bytes()
        }
        ExportFormat::Csv => csv_bytes(&doc.sessions)?,
    };
    let Some(out) = &args.out else {
        print(&String::from_utf8_lossy(&bytes));
        return Ok(0);
    };
    let path: PathBuf = if out.is_dir() {
        let ext = match args.format {
            ExportFormat::Json => "json",
            ExportFormat::Csv => "csv",
        };
        out.join(file_name(&student, now.date_naive(), ext))
    } else {
        out.clone()
    };
    write_atomic(&path, &bytes)?;
    let shown = clean(&path.display().to_string());
    crate::err_line!(
        "{}",
        tr!(
            "已导出 {count} 条记录到 {shown}",
            "{count} sessions exported to {shown}"
        )
    );
    Ok(0)
}

fn nonempty(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}
