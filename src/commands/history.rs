//! `kuaida history [--limit N] [--json]` and `kuaida history import`.

use super::Context;
use super::output::{aligned, clean, print};
use crate::cli::{HistoryArgs, HistoryCommand};
use crate::figures::Figures;
use crate::record::{RESULTS_FORMAT, RESULTS_VERSION, ResultsDoc, SessionRecord, Student};
use crate::store::Store;
use crate::{Error, Result, tr};
use std::path::Path;

/// Results files larger than this are refused before reading.
pub const MAX_RESULTS_BYTES: u64 = 64 * 1024 * 1024;

/// Returns the exit code.
pub fn run(ctx: &Context, args: &HistoryArgs) -> Result<i32> {
    match &args.command {
        Some(HistoryCommand::Import { results }) => import(ctx, results),
        None => list(ctx, args),
    }
}

fn list(ctx: &Context, args: &HistoryArgs) -> Result<i32> {
    // Listing never creates a history that is not there.
    let sessions = if ctx.data.history().exists() {
        Store::open_reading(&ctx.data)?.sessions(args.limit)?
    } else {
        Vec::new()
    };
    let out = if args.json {
        let student = Student {
            name: ctx.config.student.name.clone(),
            id: ctx.config.student.id.clone(),
        };
        let doc = ResultsDoc::new(student, chrono::Local::now().fixed_offset(), sessions);
        let mut json =
            serde_json::to_string_pretty(&doc).map_err(|e| Error::Store(format!("JSON: {e}")))?;
        json.push('\n');
        json_for_terminal(&json)
    } else {
        table(&sessions)
    };
    print(&out);
    Ok(0)
}

/// JSON for a terminal or a file: see [`crate::safe_text::json_escaped`].
pub(super) fn json_for_terminal(json: &str) -> String {
    crate::safe_text::json_escaped(json)
}

/// The sessions as a table in the UI language, one line each: every figure the one
/// recomputation of the record, each kind with its own (PRODUCT.md "Figures by kind").
pub fn table(sessions: &[SessionRecord]) -> String {
    if sessions.is_empty() {
        return tr!("还没有练习记录。\n", "No sessions yet.\n");
    }
    let header = [
        tr!("时间", "Date"),
        tr!("练习", "Drill"),
        tr!("成绩", "Figures"),
        tr!("完成", "Done"),
        tr!("达标", "Passed"),
    ];
    let mut rows = vec![header.to_vec()];
    for s in sessions {
        let f = Figures::of(s);
        let date = s
            .started_at
            .with_timezone(&chrono::Local)
            .format("%Y-%m-%d %H:%M")
            .to_string();
        rows.push(vec![
            date,
            clean(&format!("{}/{}", s.pack, s.drill)),
            f.headline().cell(f.small),
            if f.completed {
                tr!("完成", "done")
            } else {
                tr!("未完成", "left")
            },
            match f.passed {
                Some(true) => tr!("达标", "passed"),
                Some(false) => tr!("未达标", "failed"),
                None => "—".to_string(),
            },
        ]);
    }
    aligned(&rows, &[false, false, false, false, false])
}

fn import(ctx: &Context, path: &Path) -> Result<i32> {
    let doc = read_results(path)?;
    let shown = clean(&path.display().to_string());
    // Checked at the door: a record no session can hold never reaches the store.
    let (good, refused): (Vec<SessionRecord>, Vec<SessionRecord>) = doc
        .sessions
        .into_iter()
        .partition(|s| crate::record::limits::out_of_range(s).is_none());
    for s in &refused {
        let what = crate::record::limits::out_of_range(s).unwrap_or_default();
        let why = crate::verify::Problem::OutOfRange(what).message();
        let label = super::verify::label(s);
        crate::err_line!(
            "{}",
            tr!("{shown}：{label}：{why}", "{shown}: {label}: {why}")
        );
    }
    let mut store = Store::open(&ctx.data)?;
    let done = store.import(&good)?;
    let (added, present) = (done.added, done.present);
    print(&tr!(
        "{shown}：新增 {added} 条记录，{present} 条已在历史中\n",
        "{shown}: {added} sessions added, {present} already in history\n"
    ));
    if !refused.is_empty() {
        let n = refused.len();
        crate::err_line!(
            "{}",
            tr!(
                "{shown}：{n} 条记录未导入",
                "{shown}: {n} sessions not imported"
            )
        );
        return Ok(1);
    }
    Ok(0)
}

/// Read and check a results document written by `history --json` or `export`.
pub fn read_results(path: &Path) -> Result<ResultsDoc> {
    let shown = clean(&path.display().to_string());
    let too_big = || {
        let mib = MAX_RESULTS_BYTES / (1024 * 1024);
        Error::Usage(tr!(
            "{shown}：文件超过 {mib} MiB，不是成绩文件",
            "{shown}: larger than {mib} MiB; not a results file"
        ))
    };
    let bytes = match crate::read_safe::read_regular(path, MAX_RESULTS_BYTES) {
        Ok(bytes) => bytes,
        Err(crate::read_safe::ReadFail::TooLarge(_)) => return Err(too_big()),
        Err(e) => return Err(Error::io(path, e.into_io())),
    };
    parse_results(&bytes).map_err(|why| Error::Usage(format!("{shown}: {why}")))
}

/// Parse a results document; the error is one line, safe for the terminal.
pub fn parse_results(bytes: &[u8]) -> std::result::Result<ResultsDoc, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // Memory by parsed size, not bytes: refused before parsing.
    use crate::report::input::{MAX_PARSED_BYTES, parsed_estimate};
    let estimate = parsed_estimate(bytes);
    if estimate > MAX_PARSED_BYTES {
        let (mib, cap) = (estimate >> 20, MAX_PARSED_BYTES >> 20);
        return Err(tr!(
            "读入需要约 {mib} MiB 内存，超过每个文件 {cap} MiB 的上限（值太多，不像成绩文件）",
            "would take about {mib} MiB once read, more than the {cap} MiB allowed a file (far too many values for a results file)"
        ));
    }
    let not_results = || {
        tr!(
            "不是 kuaida 成绩文件（应为 \"format\": \"{RESULTS_FORMAT}\"）",
            "not a kuaida results file (expected \"format\": \"{RESULTS_FORMAT}\")"
        )
    };
    // First the header alone, for a clear message on a wrong or newer file.
    #[derive(serde::Deserialize)]
    struct Header {
        format: Option<serde_json::Value>,
        version: Option<serde_json::Value>,
    }
    let header: Header = serde_json::from_slice(bytes).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => not_results(),
        _ => {
            let e = clean(&e.to_string());
            tr!("不是有效的 JSON：{e}", "not valid JSON: {e}")
        }
    })?;
    if header.format.as_ref().and_then(|f| f.as_str()) != Some(RESULTS_FORMAT) {
        return Err(not_results());
    }
    let version = header.version.as_ref().and_then(|v| v.as_u64());
    match version {
        Some(v) if v == u64::from(RESULTS_VERSION) => {}
        Some(v) if v > u64::from(RESULTS_VERSION) => {
            return Err(tr!(
                "成绩文件版本 {v} 来自更新版本的 kuaida（本程序支持版本 {RESULTS_VERSION}），请升级 kuaida",
                "results file version {v} comes from a newer kuaida (this one reads version {RESULTS_VERSION}); please upgrade kuaida"
            ));
        }
        _ => {
            return Err(tr!(
                "成绩文件版本无法识别（应为 {RESULTS_VERSION}）",
                "unknown results file version (expected {RESULTS_VERSION})"
            ));
        }
    }
    let doc: ResultsDoc = serde_json::from_slice(bytes).map_err(|e| {
        let e = clean(&e.to_string());
        tr!("成绩文件内容有误：{e}", "the results file is invalid: {e}")
    })?;
    if let Some(i) = doc.sessions.iter().position(|s| s.id.trim().is_empty()) {
        let n = i + 1;
        return Err(tr!(
            "成绩文件内容有误：第 {n} 条记录没有 id",
            "the results file is invalid: session {n} has no id"
        ));
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_files_give_one_line_and_no_panic() {
        for bytes in [
            &b""[..],
            b"garbage\x1b[31m",
            b"[1,2,3]",
            b"{\"format\": \"other\"}",
            b"{\"format\": \"kuaida-results\", \"version\": 9}",
            b"{\"format\": \"kuaida-results\", \"version\": 1}",
            b"{\"format\": \"kuaida-results\", \"version\": 1, \"student\": {}, \"exported_at\": \"x\", \"sessions\": []}",
            b"\xff\xfe\x00",
        ] {
            let why = parse_results(bytes).unwrap_err();
            assert!(!why.contains('\n'), "{why}");
            assert!(!why.chars().any(char::is_control), "{why:?}");
        }
    }

    #[test]
    fn an_empty_document_parses() {
        let doc = parse_results(
            b"\xEF\xBB\xBF{\"format\": \"kuaida-results\", \"version\": 1, \"student\": {\"name\": null, \"id\": null}, \"exported_at\": \"2026-11-25T09:00:00+08:00\", \"sessions\": []}",
        )
        .unwrap();
        assert!(doc.sessions.is_empty());
    }

    #[test]
    fn json_escapes_c1_controls_and_bidi_and_still_parses() {
        let json = serde_json::to_string(&"a\u{9b}2J\u{7f}\u{202E}b").unwrap();
        let safe = json_for_terminal(&json);
        assert!(!safe.chars().any(|c| c.is_control()), "{safe}");
        assert_eq!(safe, "\"a\\u009b2J\\u007f\\u202eb\"");
        let back: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, "a\u{9b}2J\u{7f}\u{202E}b");
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        assert_eq!(clean("a\u{1b}[2Jb\u{202E}c"), "a?[2Jb?c");
    }
}
