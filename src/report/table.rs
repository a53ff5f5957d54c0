//! The class table: one row per student, per drill the first and best attempt.

use super::clean;
use super::input::Loaded;
use crate::cost::{Meter, PER_FILE, PER_RUN};
use crate::record::Student;
use crate::text::{AmbiWidth, str_width};
use crate::tr;
use crate::verify::Problem;
use std::collections::{HashMap, HashSet};

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

/// The report (cells already cleaned for the terminal). Sparse: a student's row holds
/// a cell only for the drills that student did, so students × drills never multiply.
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
    /// The drills done (an index into [`Report::drills`], ascending) and their cell.
    pub drills: Vec<(usize, DrillCell)>,
    /// Sessions with verification problems, and their short reasons.
    pub flagged: usize,
    pub reasons: Vec<String>,
}

impl StudentRow {
    /// The cell of drill `d` (an index into [`Report::drills`]), if done.
    pub fn cell(&self, d: usize) -> Option<&DrillCell> {
        self.drills
            .binary_search_by_key(&d, |(i, _)| *i)
            .ok()
            .map(|i| &self.drills[i].1)
    }
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

/// What the table keeps of one session once it is checked: a few numbers, never its
/// log, so a run holds one parsed document at a time.
#[derive(Debug, Clone)]
struct Entry {
    drill: usize,
    started_at: chrono::DateTime<chrono::FixedOffset>,
    completed: bool,
    cpm: f64,
    accuracy: f64,
    passed: Option<bool>,
    exam: bool,
}

/// One student's sessions as they are read.
#[derive(Debug)]
struct Group {
    student: Student,
    source: String,
    entries: Vec<Entry>,
    sessions: usize,
    practice_ms: u64,
    flagged: usize,
    reasons: Vec<String>,
}

/// What adding one document found, for the warnings naming its file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Added {
    /// Sessions not checked: the file's (or the run's) steps ran out.
    pub over_cost: usize,
    /// Sessions holding values no session can hold.
    pub out_of_range: usize,
}

/// The report built in one pass over the documents, each checked and reduced to a few
/// numbers per session as it comes ([`Builder::add`]), then laid out ([`Builder::finish`]).
#[derive(Debug)]
pub struct Builder {
    seen: HashSet<String>,
    duplicate_sessions: usize,
    groups: Vec<Group>,
    index: HashMap<String, usize>,
    drills: Vec<String>,
    drill_index: HashMap<String, usize>,
    /// Steps left for the run (crate::cost).
    run: Meter,
}

impl Default for Builder {
    fn default() -> Self {
        Builder::new(Meter::new(PER_RUN))
    }
}

impl Builder {
    /// A builder whose checks spend at most `run` steps in all.
    pub fn new(run: Meter) -> Builder {
        Builder {
            seen: HashSet::new(),
            duplicate_sessions: 0,
            groups: Vec::new(),
            index: HashMap::new(),
            drills: Vec::new(),
            drill_index: HashMap::new(),
            run,
        }
    }

    /// Check and take in the sessions of one document (at most [`PER_FILE`] steps).
    pub fn add(&mut self, loaded: &Loaded) -> Added {
        let mut added = Added::default();
        let mut file = self.run.share(PER_FILE);
        for s in &loaded.doc.sessions {
            if !self.seen.insert(s.id.clone()) {
                self.duplicate_sessions += 1;
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
            let g = *self.index.entry(key).or_insert_with(|| {
                self.groups.push(Group {
                    student: owner.clone(),
                    source: loaded.source.clone(),
                    entries: Vec::new(),
                    sessions: 0,
                    practice_ms: 0,
                    flagged: 0,
                    reasons: Vec::new(),
                });
                self.groups.len() - 1
            });
            let checked = crate::verify::check_metered(s, &[], &mut file);
            let group = &mut self.groups[g];
            group.sessions += 1;
            group.practice_ms = group.practice_ms.saturating_add(s.duration_ms);
            let mut reasons: Vec<String> = checked.problems.iter().map(|p| p.short()).collect();
            if checked
                .problems
                .iter()
                .any(|p| matches!(p, Problem::OutOfRange(_)))
            {
                added.out_of_range += 1;
            }
            if checked.over_cost {
                added.over_cost += 1;
                reasons.push(tr!("超出核对上限", "too costly to check"));
            }
            if !reasons.is_empty() {
                group.flagged += 1;
                for r in reasons {
                    if !group.reasons.contains(&r) {
                        group.reasons.push(r);
                    }
                }
            }
            // Pinyin practice rates count letters, not 字: not a drill's figure.
            if s.mode == Some(crate::record::Mode::Pinyin) {
                continue;
            }
            let name = format!("{}/{}", s.pack, s.drill);
            let drill = match self.drill_index.get(&name) {
                Some(&d) => d,
                None => {
                    self.drills.push(name.clone());
                    self.drill_index.insert(name, self.drills.len() - 1);
                    self.drills.len() - 1
                }
            };
            self.groups[g].entries.push(Entry {
                drill,
                started_at: s.started_at,
                completed: s.completed,
                cpm: s.cpm,
                accuracy: s.accuracy,
                passed: s.passed,
                exam: s.time_limit.is_some() && s.pass.is_some(),
            });
        }
        self.run.settle(&file);
        added
    }

    /// The table, with `roster` (its order first, then the others by id and name).
    pub fn finish(self, roster: &[RosterEntry]) -> Report {
        // Drill columns in name order: each entry's index renumbered once.
        let mut order: Vec<usize> = (0..self.drills.len()).collect();
        order.sort_by(|&a, &b| self.drills[a].cmp(&self.drills[b]));
        let mut column = vec![0; self.drills.len()];
        for (c, &d) in order.iter().enumerate() {
            column[d] = c;
        }
        let drills: Vec<String> = order.iter().map(|&d| clean(&self.drills[d])).collect();
        let sessions = self.seen.len();
        let duplicate_sessions = self.duplicate_sessions;

        // Roster lines find their group by id (or, for groups without one, by name).
        let mut by_id: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, g) in self.groups.iter().enumerate() {
            match (&g.student.id, &g.student.name) {
                (Some(id), _) => by_id.entry(id.as_str()).or_default().push(i),
                (None, Some(name)) => by_name.entry(name.as_str()).or_default().push(i),
                (None, None) => {}
            }
        }
        let mut used = vec![false; self.groups.len()];
        let mut found_for = Vec::with_capacity(roster.len());
        for entry in roster {
            let first_unused = |v: Option<&Vec<usize>>| v?.iter().copied().find(|&i| !used[i]);
            let found = (!entry.id.is_empty())
                .then(|| first_unused(by_id.get(entry.id.as_str())))
                .flatten()
                .or_else(|| {
                    (!entry.name.is_empty())
                        .then(|| first_unused(by_name.get(entry.name.as_str())))
                        .flatten()
                });
            if let Some(i) = found {
                used[i] = true;
            }
            found_for.push(found);
        }
        let mut rows: Vec<Option<StudentRow>> = self
            .groups
            .into_iter()
            .map(|g| Some(row(g, &column)))
            .collect();
        let mut students = Vec::new();
        for (entry, found) in roster.iter().zip(found_for) {
            match found.and_then(|i| rows[i].take()) {
                Some(mut row) => {
                    row.status = Status::Submitted;
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
                    drills: Vec::new(),
                    flagged: 0,
                    reasons: Vec::new(),
                }),
            }
        }
        let mut others: Vec<StudentRow> = rows
            .into_iter()
            .flatten()
            .map(|mut row| {
                row.status = if roster.is_empty() {
                    Status::Submitted
                } else {
                    Status::NotInRoster
                };
                row
            })
            .collect();
        others.sort_by(|a, b| (&a.id, &a.name).cmp(&(&b.id, &b.name)));
        students.extend(others);
        Report {
            drills,
            students,
            sessions,
            duplicate_sessions,
        }
    }
}

/// Build the report from the documents read and an optional roster.
pub fn build(docs: &[Loaded], roster: &[RosterEntry]) -> Report {
    let mut b = Builder::default();
    for d in docs {
        b.add(d);
    }
    b.finish(roster)
}

/// A group's row: its entries sorted by drill and time once, each drill's run a cell.
fn row(mut g: Group, column: &[usize]) -> StudentRow {
    for e in &mut g.entries {
        e.drill = column[e.drill];
    }
    g.entries.sort_by_key(|e| (e.drill, e.started_at));
    let cells = g
        .entries
        .chunk_by(|a, b| a.drill == b.drill)
        .filter_map(|run| Some((run.first()?.drill, cell(run)?)))
        .collect();
    let id = clean(g.student.id.as_deref().unwrap_or(""));
    let name = match &g.student.name {
        Some(n) => clean(n),
        None if g.student.id.is_none() => format!("{}（{}）", tr!("未命名", "unnamed"), g.source),
        None => String::new(),
    };
    StudentRow {
        id,
        name,
        status: Status::Submitted,
        sessions: g.sessions,
        practice_ms: g.practice_ms,
        drills: cells,
        flagged: g.flagged,
        reasons: g.reasons,
    }
}

/// `sessions` (of one drill) oldest first.
fn cell(sessions: &[Entry]) -> Option<DrillCell> {
    let earliest = sessions.first()?;
    let exam = sessions.iter().any(|s| s.exam);
    let completed: Vec<&Entry> = sessions.iter().filter(|s| s.completed).collect();
    // An exam's first attempt counts whether finished or not (no escaping by Esc).
    let first = if exam {
        earliest
    } else {
        completed.first().copied().unwrap_or(earliest)
    };
    let pool: Vec<&Entry> = if completed.is_empty() {
        sessions.iter().collect()
    } else {
        completed
    };
    // A passed attempt beats a faster one that failed (say, on accuracy).
    let best = pool
        .iter()
        .copied()
        .max_by(|a, b| {
            let passed = |s: &Entry| s.passed == Some(true);
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

/// Up to this many drills, one column (or five, in CSV) per drill; past it, one line
/// per student and drill done, so the table grows with the sessions read, never with
/// students × drills.
pub const MAX_DRILL_COLUMNS: usize = 40;

fn cell_text(c: &DrillCell) -> String {
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

fn cell_figures(c: &DrillCell) -> [String; 5] {
    [
        format!("{:.1}", c.first_cpm),
        format!("{:.1}", c.first_accuracy),
        format!("{:.1}", c.best_cpm),
        format!("{:.1}", c.best_accuracy),
        passed_label(c.passed),
    ]
}

impl Report {
    /// Whether the drills are laid out one per line instead of one per column.
    pub fn is_long(&self) -> bool {
        self.drills.len() > MAX_DRILL_COLUMNS
    }

    fn student_cells(s: &StudentRow) -> Vec<String> {
        vec![
            s.id.clone(),
            s.name.clone(),
            s.status.label(),
            s.sessions.to_string(),
            minutes(s.practice_ms),
        ]
    }

    /// Header and rows for a spreadsheet: one column per figure, and an empty score.
    pub fn csv_rows(&self) -> (Vec<String>, Vec<Vec<String>>) {
        let mut header = vec![
            tr!("学号", "Student ID"),
            tr!("姓名", "Name"),
            tr!("状态", "Status"),
            tr!("练习次数", "Sessions"),
            tr!("练习时长（分钟）", "Practice (min)"),
        ];
        if self.is_long() {
            header.extend([
                tr!("练习", "Drill"),
                tr!("首次字/分", "first cpm"),
                tr!("首次准确率", "first accuracy"),
                tr!("最佳字/分", "best cpm"),
                tr!("最佳准确率", "best accuracy"),
                tr!("达标", "passed"),
            ]);
        } else {
            for d in &self.drills {
                header.push(tr!("{d} 首次字/分", "{d} first cpm"));
                header.push(tr!("{d} 首次准确率", "{d} first accuracy"));
                header.push(tr!("{d} 最佳字/分", "{d} best cpm"));
                header.push(tr!("{d} 最佳准确率", "{d} best accuracy"));
                header.push(tr!("{d} 达标", "{d} passed"));
            }
        }
        header.push(tr!("标记", "Flags"));
        header.push(tr!("成绩", "Score"));
        let mut rows = Vec::new();
        for s in &self.students {
            if self.is_long() {
                let mut first = true;
                for (d, c) in &s.drills {
                    let mut row = Report::student_cells(s);
                    row.push(self.drills[*d].clone());
                    row.extend(cell_figures(c));
                    row.push(if first { flag_label(s) } else { String::new() });
                    row.push(String::new());
                    rows.push(row);
                    first = false;
                }
                if s.drills.is_empty() {
                    let mut row = Report::student_cells(s);
                    row.extend(std::iter::repeat_n(String::new(), 6));
                    row.push(flag_label(s));
                    row.push(String::new());
                    rows.push(row);
                }
                continue;
            }
            let mut row = Report::student_cells(s);
            let mut next = 0;
            for (d, c) in &s.drills {
                row.extend(std::iter::repeat_n(String::new(), 5 * (d - next)));
                row.extend(cell_figures(c));
                next = d + 1;
            }
            row.extend(std::iter::repeat_n(
                String::new(),
                5 * (self.drills.len() - next),
            ));
            row.push(flag_label(s));
            row.push(String::new());
            rows.push(row);
        }
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
        let long = self.is_long();
        if long {
            header.push(tr!("练习", "Drill"));
            header.push(tr!("首次 → 最佳", "first → best"));
        } else {
            header.extend(self.drills.iter().cloned());
        }
        header.push(tr!("标记", "Flags"));
        let mut rows = vec![header];
        for s in &self.students {
            if long {
                let mut first = true;
                for (d, c) in &s.drills {
                    let mut row = if first {
                        Report::student_cells(s)
                    } else {
                        vec![String::new(); 5]
                    };
                    row.push(self.drills[*d].clone());
                    row.push(cell_text(c));
                    row.push(if first { flag_label(s) } else { String::new() });
                    rows.push(row.into_iter().map(|c| clean(&c)).collect());
                    first = false;
                }
                if s.drills.is_empty() {
                    let mut row = Report::student_cells(s);
                    row.extend(["—".to_string(), String::new(), flag_label(s)]);
                    rows.push(row.into_iter().map(|c| clean(&c)).collect());
                }
                continue;
            }
            let mut row = Report::student_cells(s);
            let mut next = 0;
            for (d, c) in &s.drills {
                row.extend(std::iter::repeat_n("—".to_string(), d - next));
                row.push(cell_text(c));
                next = d + 1;
            }
            row.extend(std::iter::repeat_n(
                "—".to_string(),
                self.drills.len() - next,
            ));
            row.push(flag_label(s));
            rows.push(row.into_iter().map(|c| clean(&c)).collect());
        }
        let columns = rows[0].len();
        let width = |s: &str| str_width(s, AmbiWidth::Narrow);
        let widths: Vec<usize> = (0..columns)
            .map(|c| rows.iter().map(|r| width(&r[c])).max().unwrap_or(0))
            .collect();
        let mut out = String::new();
        if long {
            let n = self.drills.len();
            out.push_str(&tr!(
                "共 {n} 个练习，超过 {MAX_DRILL_COLUMNS} 个：每个学生的每个练习各占一行\n",
                "{n} drills, more than {MAX_DRILL_COLUMNS}: one line per student and drill\n"
            ));
        }
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
    use crate::record::{ResultsDoc, SessionRecord};

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
        let cell = report.students[0].drills[0].1.clone();
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
        let cell = report.students[0].drills[0].1.clone();
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
        let cell = report.students[0].drills[0].1.clone();
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
