//! A student's sessions as a results file: the JSON document (what `verify`, `report`
//! and `history import` read back) or CSV for a spreadsheet; shared by `kuaida export`
//! and the trainer's export on `e` and on quit.

use crate::config::write_atomic;
use crate::paths::DataDir;
use crate::record::{ResultsDoc, SessionRecord, Student};
use crate::store::Store;
use crate::{Error, Result};
use std::path::{Path, PathBuf};

/// The sessions in history that belong to `student`, newest first. Never creates a
/// history that is not there.
pub fn sessions_of(data: &DataDir, student: &Student) -> Result<Vec<SessionRecord>> {
    if !data.history().exists() {
        return Ok(Vec::new());
    }
    sessions_in(&Store::open_reading(data)?, student)
}

/// The sessions of `store` that belong to `student`, newest first.
pub fn sessions_in(store: &Store, student: &Student) -> Result<Vec<SessionRecord>> {
    Ok(store
        .sessions(None)?
        .into_iter()
        .filter(|s| belongs_to(&s.student, student))
        .collect())
}

/// Write `sessions` as `student`'s export (JSON) into `dir` (created if missing), named
/// `学号_姓名_YYYYMMDD.json` (what the trainer does on quit when `export.dir` is set, and
/// on `e`), exported at `now`. Returns the file written.
///
/// Nothing already there is lost: a file of that name holding an earlier export of the
/// same student (that morning, on a PC wiped since) keeps its sessions, merged by id;
/// a file of that name that is anything else is left alone and the export takes the
/// next free name (`…-2.json`).
pub fn write_to_dir(
    mut sessions: Vec<SessionRecord>,
    student: &Student,
    dir: &Path,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> Result<PathBuf> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let name = file_name(student, now.date_naive(), "json");
    let path = target_file(dir, &name, student, &mut sessions);
    let doc = ResultsDoc::new(student.clone(), now, sessions);
    let mut json =
        serde_json::to_string_pretty(&doc).map_err(|e| Error::Usage(format!("JSON: {e}")))?;
    json.push('\n');
    write_atomic(&path, crate::safe_text::json_escaped(&json).as_bytes())?;
    Ok(path)
}

/// Where [`export_to_dir`] writes: `name` when free or an earlier export of `student`
/// (its sessions merged into `sessions`), else the first free `STEM-N.json`.
fn target_file(
    dir: &Path,
    name: &str,
    student: &Student,
    sessions: &mut Vec<SessionRecord>,
) -> PathBuf {
    let stem = name.strip_suffix(".json").unwrap_or(name);
    for n in 1..=999 {
        let path = if n == 1 {
            dir.join(name)
        } else {
            dir.join(format!("{stem}-{n}.json"))
        };
        if !path.exists() {
            return path;
        }
        if let Ok(doc) = crate::record::file::read(&path)
            && doc.student == *student
        {
            let ids: std::collections::HashSet<String> =
                sessions.iter().map(|s| s.id.clone()).collect();
            sessions.extend(doc.sessions.into_iter().filter(|s| !ids.contains(&s.id)));
            sessions.sort_by_key(|s| std::cmp::Reverse(s.started_at));
            return path;
        }
    }
    dir.join(format!("{stem}-{}.json", uuid::Uuid::new_v4().simple()))
}

/// Whether a session recorded for `owner` is the current student's. Sessions with no
/// student (before one was set) are nobody's until a student claims them (the trainer
/// asks when one registers), so they never go out under a later student's name; with
/// no current student, every session is exported.
pub fn belongs_to(owner: &Student, current: &Student) -> bool {
    let empty = |s: &Student| s.name.is_none() && s.id.is_none();
    if empty(current) {
        return true;
    }
    if empty(owner) {
        return false;
    }
    match (&owner.id, &current.id) {
        (Some(a), Some(b)) => a == b,
        _ => owner.name.is_some() && owner.name == current.name,
    }
}

/// `学号_姓名_YYYYMMDD.ext`, safe as a file name on Windows too; missing parts are left
/// out, and with neither, 未命名.
pub fn file_name(student: &Student, date: chrono::NaiveDate, ext: &str) -> String {
    let mut parts: Vec<String> = [&student.id, &student.name]
        .into_iter()
        .flatten()
        .map(|s| sanitize(s))
        .filter(|s| !s.is_empty())
        .collect();
    if parts.is_empty() {
        parts.push("未命名".to_string());
    }
    parts.push(date.format("%Y%m%d").to_string());
    format!("{}.{ext}", parts.join("_"))
}

/// One part of a file name: no characters Windows forbids, no control characters,
/// no leading or trailing dots and spaces, not a reserved device name, not too long.
fn sanitize(s: &str) -> String {
    let replaced: String = s
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*') {
                '_'
            } else {
                c
            }
        })
        .take(64)
        .collect();
    let trimmed = replaced.trim_matches(|c: char| c == '.' || c.is_whitespace());
    let upper = trimmed.to_ascii_uppercase();
    let stem = upper.split('.').next().unwrap_or("");
    let reserved = matches!(stem, "CON" | "PRN" | "AUX" | "NUL")
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit());
    if reserved {
        format!("_{trimmed}")
    } else {
        trimmed.to_string()
    }
}

/// A spreadsheet cell that cannot run as a formula.
pub fn neutralise(cell: &str) -> String {
    // Line breaks stay (a quoted cell keeps them); every other control character and
    // hidden format mark from a file becomes `?`.
    let cell = crate::safe_text::filtered(cell, '?', &['\n']);
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

/// CSV for spreadsheets: UTF-8 with BOM, CRLF line ends, every cell neutralised.
pub fn csv_document(header: &[String], rows: &[Vec<String>]) -> Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    let fail = |e: csv::Error| Error::Usage(format!("CSV: {e}"));
    w.write_record(header.iter().map(|c| neutralise(c)))
        .map_err(fail)?;
    for row in rows {
        w.write_record(row.iter().map(|c| neutralise(c)))
            .map_err(fail)?;
    }
    w.into_inner()
        .map_err(|e| Error::Usage(format!("CSV: {e}")))
}

const CSV_COLUMNS: [&str; 30] = [
    "id",
    "student_name",
    "student_id",
    "pack",
    "pack_version",
    "pack_hash",
    "drill",
    "drill_title",
    "kind",
    "mode",
    "started_at",
    "completed",
    "duration_ms",
    "cpm",
    "net_cpm",
    "wpm",
    "kpm",
    "accuracy",
    "consistency",
    "backspaces",
    "corrections",
    "errors",
    "halfwidth",
    "passed",
    "time_limit",
    "strict",
    "target",
    "typed",
    // The kind's headline as every screen shows it, and whether it is a small sample.
    "figures",
    "small_sample",
];

pub fn csv_bytes(sessions: &[SessionRecord]) -> Result<Vec<u8>> {
    let header: Vec<String> = CSV_COLUMNS.iter().map(|c| c.to_string()).collect();
    let opt = |o: &Option<String>| o.clone().unwrap_or_default();
    let rows: Vec<Vec<String>> = sessions
        .iter()
        .map(|s| {
            // Every figure the one recomputation's; the record's fields are what it gives.
            let f = crate::figures::Figures::of(s);
            vec![
                s.id.clone(),
                opt(&s.student.name),
                opt(&s.student.id),
                s.pack.clone(),
                s.pack_version.clone(),
                s.pack_hash.clone(),
                s.drill.clone(),
                s.drill_title.clone(),
                s.kind.as_str().to_string(),
                s.mode
                    .as_ref()
                    .map_or_else(String::new, |m| m.as_str().to_string()),
                s.started_at.to_rfc3339(),
                f.completed.to_string(),
                s.duration_ms.to_string(),
                format!("{:.2}", s.cpm),
                format!("{:.2}", s.net_cpm),
                format!("{:.2}", s.wpm),
                format!("{:.2}", s.kpm),
                format!("{:.2}", s.accuracy),
                format!("{:.2}", s.consistency),
                s.backspaces.to_string(),
                s.corrections.to_string(),
                s.errors.to_string(),
                s.halfwidth.to_string(),
                f.passed.map(|p| p.to_string()).unwrap_or_default(),
                s.time_limit.map(|t| t.to_string()).unwrap_or_default(),
                s.strict.to_string(),
                // A spreadsheet cell shows a line break as ↵, as every screen does.
                crate::text::line_breaks_shown(&s.target),
                crate::text::line_breaks_shown(&s.typed),
                f.headline().cell(f.small),
                f.small.to_string(),
            ]
        })
        .collect();
    csv_document(&header, &rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe_on_windows() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let s = |name: Option<&str>, id: Option<&str>| Student {
            name: name.map(str::to_string),
            id: id.map(str::to_string),
        };
        assert_eq!(
            file_name(&s(Some("张三"), Some("2024001")), d, "json"),
            "2024001_张三_20261202.json"
        );
        assert_eq!(file_name(&s(None, None), d, "csv"), "未命名_20261202.csv");
        assert_eq!(
            file_name(&s(Some("a/b:c*?. "), None), d, "json"),
            "a_b_c___20261202.json"
        );
        assert_eq!(
            file_name(&s(Some("CON"), None), d, "json"),
            "_CON_20261202.json"
        );
        assert_eq!(
            file_name(&s(Some("..\\.."), Some("")), d, "json"),
            "__20261202.json"
        );
    }

    fn now() -> chrono::DateTime<chrono::FixedOffset> {
        chrono::DateTime::parse_from_rfc3339("2026-12-02T18:00:00+08:00").unwrap()
    }

    #[test]
    fn an_export_names_the_file_and_creates_no_history() {
        let tmp = tempfile::TempDir::new().unwrap();
        let data = DataDir::new(tmp.path().join("data"));
        let student = Student {
            name: Some("张三".into()),
            id: Some("2026001".into()),
        };
        let path = write_to_dir(
            sessions_of(&data, &student).unwrap(),
            &student,
            tmp.path(),
            now(),
        )
        .unwrap();
        let name = path.file_name().unwrap().to_str().unwrap();
        assert!(
            name.starts_with("2026001_张三_") && name.ends_with(".json"),
            "{name}"
        );
        let doc: ResultsDoc = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        assert!(doc.sessions.is_empty());
        assert!(!data.history().exists());
    }

    fn session(id: &str, started: &str) -> SessionRecord {
        serde_json::from_value(serde_json::json!({
            "id": id, "student": {"name": "张三", "id": "2026001"},
            "pack": "p", "pack_version": "1", "pack_hash": "h", "drill": "d",
            "drill_title": "迎接", "kind": "text", "mode": null, "started_at": started,
            "completed": true, "duration_ms": 1000, "cpm": 60.0, "net_cpm": 60.0,
            "wpm": 12.0, "kpm": 60.0, "accuracy": 100.0, "consistency": 100.0,
            "backspaces": 0, "corrections": 0, "errors": 0, "halfwidth": 0,
            "passed": null, "time_limit": null, "strict": false, "pass": null,
            "target": "亲", "typed": "亲",
            "keystrokes": [{"t_us": 0, "op": "input", "text": "亲", "ok": true}]
        }))
        .expect("a session")
    }

    #[test]
    fn a_morning_export_from_a_wiped_pc_is_merged_and_another_file_kept() {
        let tmp = tempfile::TempDir::new().unwrap();
        let zhang = Student {
            name: Some("张三".into()),
            id: Some("2026001".into()),
        };
        // The morning, on PC A.
        let a = DataDir::new(tmp.path().join("a"));
        Store::open(&a)
            .unwrap()
            .import(&[session("m", "2026-12-02T08:00:00+08:00")])
            .unwrap();
        let out = tmp.path().join("out");
        let export = |data: &DataDir| {
            write_to_dir(sessions_of(data, &zhang).unwrap(), &zhang, &out, now()).unwrap()
        };
        let first = export(&a);
        // The afternoon, on PC B with a fresh history: same file, both sessions.
        let b = DataDir::new(tmp.path().join("b"));
        Store::open(&b)
            .unwrap()
            .import(&[session("n", "2026-12-02T14:00:00+08:00")])
            .unwrap();
        assert_eq!(export(&b), first);
        let doc: ResultsDoc = serde_json::from_slice(&std::fs::read(&first).unwrap()).unwrap();
        let ids: Vec<&str> = doc.sessions.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["n", "m"], "newest first, nothing lost");
        // A file of that name that is not this student's export is left alone.
        std::fs::write(&first, "老师的笔记").unwrap();
        let second = export(&b);
        assert_ne!(second, first);
        assert!(second.to_string_lossy().ends_with("-2.json"), "{second:?}");
        assert_eq!(std::fs::read_to_string(&first).unwrap(), "老师的笔记");
    }

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(neutralise("=1+1"), "'=1+1");
        assert_eq!(neutralise("@SUM"), "'@SUM");
        assert_eq!(neutralise("张三"), "张三");
        let bytes = csv_document(&["a".into()], &[vec!["-2".into()], vec!["x,y".into()]]).unwrap();
        assert_eq!(bytes, "\u{feff}a\r\n'-2\r\n\"x,y\"\r\n".as_bytes());
    }

    #[test]
    fn sessions_without_a_student_are_nobodys_until_claimed() {
        let none = Student::default();
        let zhang = Student {
            name: Some("张三".into()),
            id: Some("1".into()),
        };
        let li = Student {
            name: Some("李四".into()),
            id: Some("2".into()),
        };
        assert!(!belongs_to(&none, &zhang), "never under a later student");
        assert!(belongs_to(&none, &none));
        assert!(belongs_to(&zhang, &zhang));
        assert!(!belongs_to(&li, &zhang));
        assert!(belongs_to(&li, &none));
    }
}
