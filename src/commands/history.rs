//! `kuaida history [--limit N] [--json]` and `kuaida history import`.

use super::Context;
use super::output::{clean, print};
use crate::cli::{HistoryArgs, HistoryCommand};
use crate::figures::Figures;
use crate::fit::aligned;
use crate::record::{ResultsDoc, SessionRecord, Student};
use crate::store::Store;
use crate::{Error, Result, tr};
use std::path::Path;

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
        let mut json = serde_json::to_string_pretty(&doc)
            .map_err(|e| Error::store_because(format!("JSON: {e}"), e))?;
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
    let doc = crate::record::file::read(path)?;
    let shown = clean(&path.display().to_string());
    // Checked at the door: a record no session can hold never reaches the store.
    let (good, refused): (Vec<SessionRecord>, Vec<SessionRecord>) = doc
        .sessions
        .into_iter()
        .partition(|s| crate::record::limits::out_of_range(s).is_none());
    for s in &refused {
        let what = crate::record::limits::out_of_range(s).unwrap_or_default();
        let why = crate::verify::Problem::OutOfRange(what).message();
        let label = crate::report::flags::session_label(s);
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

#[cfg(test)]
mod tests {
    use super::*;

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
