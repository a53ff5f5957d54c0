//! The class table: one row per student, per drill the first and best attempt.

use super::clean;
use super::input::Loaded;
use crate::record::{SessionRecord, Student};
use crate::text::{AmbiWidth, str_width};
use crate::tr;
use std::collections::{BTreeSet, HashMap, HashSet};

/// One line of a roster (学号,姓名).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterEntry {
    pub id: String,
    pub name: String,
}

/// Read a roster CSV: a header with 学号 and 姓名 (any order, other columns ignored);
/// UTF-8 with or without BOM, or GBK.
pub fn parse_roster(bytes: &[u8]) -> Result<Vec<RosterEntry>, String> {
    let text = crate::pack::decode(bytes).map_err(|_| {
        tr!(
            "名单不是 UTF-8 或 GBK 编码的文本（或太大）",
            "the roster is not UTF-8 or GBK text (or too large)"
        )
    })?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = reader.headers().map_err(|e| e.to_string())?.clone();
    let col = |want: &str| header.iter().position(|h| h.trim() == want);
    let (Some(id_col), Some(name_col)) = (col("学号"), col("姓名")) else {
        return Err(tr!(
            "名单第一行应为表头：学号,姓名",
            "the roster's first line must be the header 学号,姓名"
        ));
    };
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        let id = clean(record.get(id_col).unwrap_or("").trim());
        let name = clean(record.get(name_col).unwrap_or("").trim());
        if id.is_empty() && name.is_empty() {
            continue;
        }
        out.push(RosterEntry { id, name });
    }
    Ok(out)
}

/// The report as rows of cells (already cleaned for the terminal), header first.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The drills, `pack/drill`, in column order.
    pub drills: Vec<String>,
    pub students: Vec<StudentRow>,
    /// Sessions read, and how many were duplicates counted once.
    pub sessions: usize,
    pub duplicate_sessions: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StudentRow {
    pub id: String,
    pub name: String,
    pub status: Status,
    pub sessions: usize,
    pub practice_ms: u64,
    /// One per drill of [`Report::drills`].
    pub drills: Vec<Option<DrillCell>>,
    /// Sessions with verification problems, and their short reasons.
    pub flagged: usize,
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Submitted,
    Missing,
    NotInRoster,
}

impl Status {
    pub fn label(self) -> String {
        match self {
            Status::Submitted => tr!("已提交", "submitted"),
            Status::Missing => tr!("未提交", "missing"),
            Status::NotInRoster => tr!("不在名单", "not on roster"),
        }
    }
}

/// First and best attempt at one drill.
#[derive(Debug, Clone, PartialEq)]
pub struct DrillCell {
    pub first_cpm: f64,
    pub first_accuracy: f64,
    pub best_cpm: f64,
    pub best_accuracy: f64,
    /// An exam (time limit and pass criteria): the first attempt counts.
    pub exam: bool,
    /// Exams: the first attempt's verdict; other drills: whether any attempt passed.
    pub passed: Option<bool>,
    pub attempts: usize,
}

/// Build the report from the documents read and an optional roster.
pub fn build(docs: &[Loaded], roster: &[RosterEntry]) -> Report {
    // Sessions counted once by id, each with the student it belongs to.
    let mut seen = HashSet::new();
    let mut duplicate_sessions = 0;
    let mut groups: Vec<(Student, String, Vec<&SessionRecord>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for loaded in docs {
        for s in &loaded.doc.sessions {
            if !seen.insert(s.id.as_str()) {
                duplicate_sessions += 1;
                continue;
            }
            let owner = if s.student.name.is_some() || s.student.id.is_some() {
                &s.student
            } else {
                &loaded.doc.student
            };
            let key = match (&owner.id, &owner.name) {
                (Some(id), _) => format!("id:{id}"),
                (None, Some(name)) => format!("name:{name}"),
                (None, None) => format!("file:{}", loaded.source),
            };
            let i = *index.entry(key).or_insert_with(|| {
                groups.push((owner.clone(), loaded.source.clone(), Vec::new()));
                groups.len() - 1
            });
            groups[i].2.push(s);
        }
    }
    let drills: Vec<String> = groups
        .iter()
        .flat_map(|g| g.2.iter().map(|s| format!("{}/{}", s.pack, s.drill)))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();

    let mut used = vec![false; groups.len()];
    let mut students = Vec::new();
    for entry in roster {
        let found = groups.iter().enumerate().position(|(i, g)| {
            !used[i]
                && ((!entry.id.is_empty() && g.0.id.as_deref() == Some(entry.id.as_str()))
                    || (g.0.id.is_none()
                        && !entry.name.is_empty()
                        && g.0.name.as_deref() == Some(entry.name.as_str())))
        });
        match found {
            Some(i) => {
                used[i] = true;
                let mut row = row(&groups[i].2, &drills, Status::Submitted);
                row.id = entry.id.clone();
                row.name = entry.name.clone();
                students.push(row);
            }
            None => students.push(StudentRow {
                id: entry.id.clone(),
                name: entry.name.clone(),
                status: Status::Missing,
                sessions: 0,
                practice_ms: 0,
                drills: vec![None; drills.len()],
                flagged: 0,
                reasons: Vec::new(),
            }),
        }
    }
    let mut others: Vec<StudentRow> = Vec::new();
    for (i, (student, source, sessions)) in groups.iter().enumerate() {
        if used[i] {
            continue;
        }
        let status = if roster.is_empty() {
            Status::Submitted
        } else {
            Status::NotInRoster
        };
        let mut row = row(sessions, &drills, status);
        row.id = clean(student.id.as_deref().unwrap_or(""));
        row.name = match &student.name {
            Some(n) => clean(n),
            None if student.id.is_none() => format!("{}（{source}）", tr!("未命名", "unnamed")),
            None => String::new(),
        };
        others.push(row);
    }
    others.sort_by(|a, b| (&a.id, &a.name).cmp(&(&b.id, &b.name)));
    students.extend(others);
    Report {
        drills: drills.iter().map(|d| clean(d)).collect(),
        students,
        sessions: seen.len(),
        duplicate_sessions,
    }
}

fn row(sessions: &[&SessionRecord], drills: &[String], status: Status) -> StudentRow {
    let mut flagged = 0;
    let mut reasons: Vec<String> = Vec::new();
    for s in sessions {
        let checked = crate::verify::check(s, &[]);
        if !checked.problems.is_empty() {
            flagged += 1;
            for p in &checked.problems {
                let r = p.short();
                if !reasons.contains(&r) {
                    reasons.push(r);
                }
            }
        }
    }
    let cells = drills
        .iter()
        .map(|d| {
            // Pinyin practice rates count letters, not 字: not a drill's figure.
            let mut of: Vec<&SessionRecord> = sessions
                .iter()
                .copied()
                .filter(|s| format!("{}/{}", s.pack, s.drill) == *d)
                .filter(|s| s.mode != Some(crate::record::Mode::Pinyin))
                .collect();
            of.sort_by_key(|s| s.started_at);
            cell(&of)
        })
        .collect();
    StudentRow {
        id: String::new(),
        name: String::new(),
        status,
        sessions: sessions.len(),
        practice_ms: sessions
            .iter()
            .map(|s| s.duration_ms)
            .fold(0, u64::saturating_add),
        drills: cells,
        flagged,
        reasons,
    }
}

/// `sessions` oldest first.
fn cell(sessions: &[&SessionRecord]) -> Option<DrillCell> {
    let earliest = *sessions.first()?;
    let exam = sessions
        .iter()
        .any(|s| s.time_limit.is_some() && s.pass.is_some());
    let completed: Vec<&SessionRecord> = sessions.iter().copied().filter(|s| s.completed).collect();
    // An exam's first attempt counts whether finished or not (no escaping by Esc).
    let first = if exam {
        earliest
    } else {
        completed.first().copied().unwrap_or(earliest)
    };
    let pool = if completed.is_empty() {
        sessions.to_vec()
    } else {
        completed
    };
    // A passed attempt beats a faster one that failed (say, on accuracy).
    let best = pool
        .iter()
        .copied()
        .max_by(|a, b| {
            let passed = |s: &SessionRecord| s.passed == Some(true);
            passed(a)
                .cmp(&passed(b))
                .then(finite(a.cpm).total_cmp(&finite(b.cpm)))
        })
        .unwrap_or(first);
    let passed = if exam {
        first.passed
    } else if sessions.iter().any(|s| s.passed.is_some()) {
        Some(sessions.iter().any(|s| s.passed == Some(true)))
    } else {
        None
    };
    Some(DrillCell {
        first_cpm: finite(first.cpm),
        first_accuracy: finite(first.accuracy),
        best_cpm: finite(best.cpm),
        best_accuracy: finite(best.accuracy),
        exam,
        passed,
        attempts: sessions.len(),
    })
}

fn finite(x: f64) -> f64 {
    if x.is_finite() { x } else { 0.0 }
}

fn passed_label(p: Option<bool>) -> String {
    match p {
        Some(true) => tr!("达标", "passed"),
        Some(false) => tr!("未达标", "failed"),
        None => String::new(),
    }
}

fn flag_label(row: &StudentRow) -> String {
    if row.flagged == 0 {
        String::new()
    } else {
        format!("{}: {}", row.flagged, row.reasons.join(", "))
    }
}

fn minutes(ms: u64) -> String {
    format!("{:.1}", ms as f64 / 60_000.0)
}

impl Report {
    /// Header and rows for a spreadsheet: one column per figure, and an empty score.
    pub fn csv_rows(&self) -> (Vec<String>, Vec<Vec<String>>) {
        let mut header = vec![
            tr!("学号", "Student ID"),
            tr!("姓名", "Name"),
            tr!("状态", "Status"),
            tr!("练习次数", "Sessions"),
            tr!("练习时长（分钟）", "Practice (min)"),
        ];
        for d in &self.drills {
            header.push(tr!("{d} 首次字/分", "{d} first cpm"));
            header.push(tr!("{d} 首次准确率", "{d} first accuracy"));
            header.push(tr!("{d} 最佳字/分", "{d} best cpm"));
            header.push(tr!("{d} 最佳准确率", "{d} best accuracy"));
            header.push(tr!("{d} 达标", "{d} passed"));
        }
        header.push(tr!("标记", "Flags"));
        header.push(tr!("成绩", "Score"));
        let rows = self
            .students
            .iter()
            .map(|s| {
                let mut row = vec![
                    s.id.clone(),
                    s.name.clone(),
                    s.status.label(),
                    s.sessions.to_string(),
                    minutes(s.practice_ms),
                ];
                for c in &s.drills {
                    match c {
                        Some(c) => row.extend([
                            format!("{:.1}", c.first_cpm),
                            format!("{:.1}", c.first_accuracy),
                            format!("{:.1}", c.best_cpm),
                            format!("{:.1}", c.best_accuracy),
                            passed_label(c.passed),
                        ]),
                        None => row.extend(std::iter::repeat_n(String::new(), 5)),
                    }
                }
                row.push(flag_label(s));
                row.push(String::new());
                row
            })
            .collect();
        (header, rows)
    }

    /// The table for the terminal, columns aligned by display width.
    pub fn render(&self) -> String {
        let mut header = vec![
            tr!("学号", "ID"),
            tr!("姓名", "Name"),
            tr!("状态", "Status"),
            tr!("次数", "Sessions"),
            tr!("时长(分)", "Minutes"),
        ];
        header.extend(self.drills.iter().cloned());
        header.push(tr!("标记", "Flags"));
        let mut rows = vec![header];
        for s in &self.students {
            let mut row = vec![
                s.id.clone(),
                s.name.clone(),
                s.status.label(),
                s.sessions.to_string(),
                minutes(s.practice_ms),
            ];
            for c in &s.drills {
                row.push(match c {
                    None => "—".to_string(),
                    Some(c) => {
                        let verdict = passed_label(c.passed);
                        let head = if c.exam {
                            tr!("考 ", "exam ")
                        } else {
                            String::new()
                        };
                        format!(
                            "{head}{:.1}/{:.0}% → {:.1}/{:.0}% {verdict}",
                            c.first_cpm, c.first_accuracy, c.best_cpm, c.best_accuracy
                        )
                        .trim_end()
                        .to_string()
                    }
                });
            }
            row.push(flag_label(s));
            rows.push(row.into_iter().map(|c| clean(&c)).collect());
        }
        let columns = rows[0].len();
        let width = |s: &str| str_width(s, AmbiWidth::Narrow);
        let widths: Vec<usize> = (0..columns)
            .map(|c| rows.iter().map(|r| width(&r[c])).max().unwrap_or(0))
            .collect();
        let mut out = String::new();
        for row in &rows {
            let mut line = String::new();
            for (c, cell) in row.iter().enumerate() {
                if c > 0 {
                    line.push_str("  ");
                }
                line.push_str(cell);
                line.push_str(&" ".repeat(widths[c].saturating_sub(width(cell))));
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        let legend = tr!(
            "每个练习：首次 字/分/准确率 → 最佳；考试以首次为准",
            "each drill: first cpm/accuracy → best; for exams the first attempt counts"
        );
        out.push_str(&format!("\n{legend}\n"));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::ResultsDoc;

    fn session(id: &str, day: u32, cpm: f64, passed: Option<bool>, exam: bool) -> SessionRecord {
        let json = serde_json::json!({
            "id": id, "pack": "p", "pack_version": "1", "pack_hash": "h", "drill": "d",
            "kind": "quickreply", "mode": null,
            "started_at": format!("2026-11-{day:02}T09:00:00+08:00"),
            "completed": true, "duration_ms": 60000, "cpm": cpm, "net_cpm": cpm, "wpm": 0.0,
            "kpm": 0.0, "accuracy": 90.0, "consistency": 100.0, "backspaces": 0,
            "corrections": 0, "errors": 0, "halfwidth": 0, "passed": passed,
            "time_limit": if exam { Some(60) } else { None },
            "pass": if exam { Some(serde_json::json!({"cpm": 50.0, "accuracy": 90.0})) } else { None },
            "target": "", "typed": "", "keystrokes": []
        });
        serde_json::from_value(json).unwrap()
    }

    fn loaded(name: &str, id: &str, sessions: Vec<SessionRecord>) -> Loaded {
        let student = Student {
            name: Some(name.into()),
            id: Some(id.into()),
        };
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-30T09:00:00+08:00").unwrap();
        Loaded {
            source: format!("{id}.json"),
            doc: ResultsDoc::new(student, at, sessions),
        }
    }

    #[test]
    fn exams_count_the_first_attempt_with_the_best_beside_it() {
        // Given newest first, as exports are.
        let docs = [loaded(
            "张三",
            "1",
            vec![
                session("b", 3, 70.0, Some(true), true),
                session("a", 2, 40.0, Some(false), true),
            ],
        )];
        let report = build(&docs, &[]);
        let cell = report.students[0].drills[0].clone().unwrap();
        assert!(cell.exam);
        assert_eq!((cell.first_cpm, cell.best_cpm), (40.0, 70.0));
        assert_eq!(cell.passed, Some(false));
        assert_eq!(cell.attempts, 2);
    }

    #[test]
    fn the_best_attempt_is_a_passed_one_before_a_faster_one_that_failed() {
        let docs = [loaded(
            "张三",
            "1",
            vec![
                session("b", 3, 50.0, Some(true), true),
                session("a", 2, 90.0, Some(false), true),
            ],
        )];
        let report = build(&docs, &[]);
        let cell = report.students[0].drills[0].clone().unwrap();
        assert_eq!((cell.first_cpm, cell.best_cpm), (90.0, 50.0));
    }

    #[test]
    fn pinyin_practice_is_not_a_drills_best() {
        let mut pinyin = session("p", 4, 300.0, None, false);
        pinyin.mode = Some(crate::record::Mode::Pinyin);
        let docs = [loaded(
            "张三",
            "1",
            vec![pinyin, session("a", 2, 40.0, None, false)],
        )];
        let report = build(&docs, &[]);
        let cell = report.students[0].drills[0].clone().unwrap();
        assert_eq!((cell.first_cpm, cell.best_cpm), (40.0, 40.0));
    }

    #[test]
    fn sessions_seen_twice_count_once_and_rosters_match_by_id_or_name() {
        let s = session("a", 2, 40.0, None, false);
        let docs = [
            loaded("张三", "1", vec![s.clone()]),
            loaded("张三", "1", vec![s]),
        ];
        let roster = parse_roster("\u{feff}姓名,学号\n张三,1\n李四,2\n".as_bytes()).unwrap();
        let report = build(&docs, &roster);
        assert_eq!(report.sessions, 1);
        assert_eq!(report.duplicate_sessions, 1);
        assert_eq!(report.students.len(), 2);
        assert_eq!(report.students[0].sessions, 1);
        assert_eq!(report.students[1].status, Status::Missing);
        assert!(parse_roster(b"id,name\n1,x\n").is_err());
    }
}
