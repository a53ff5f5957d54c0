//! The class table: one row per student, per drill the first and best attempt.

use super::clean;
use super::input::Loaded;
use super::roster::RosterEntry;
use crate::cost::{Meter, PER_FILE, PER_RUN};
use crate::record::Student;
use crate::tr;
use crate::verify::Problem;
use std::collections::{HashMap, HashSet};

/// The report (cells already cleaned for the terminal). Sparse: a student's row holds
/// a cell only for the drills that student did, so students × drills never multiply.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The drills, `pack/drill`, in column order.
    pub drills: Vec<String>,
    /// What each drill is measured by (its kind's figures), in the same order.
    pub measures: Vec<Measure>,
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

/// What a drill's cells show (PRODUCT.md "Figures by kind"): never a figure under
/// another kind's heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Text and phrases: 字/分 and accuracy.
    Typing,
    /// Quick reply: per cent right and mean response.
    Reply,
    /// Recall and recite: per cent right and time per item.
    Codes,
    /// Shifts: per cent of buyers replied to and mean response.
    Shift,
}

/// One attempt's two figures as its kind has them (字/分 and accuracy; per cent right
/// and seconds), and whether they are a small sample (shown as "—").
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figure {
    pub a: f64,
    pub b: Option<f64>,
    pub small: bool,
}

/// First and best attempt at one drill, recomputed from their keystrokes.
#[derive(Debug, Clone, PartialEq)]
pub struct DrillCell {
    pub first: Figure,
    pub best: Figure,
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
    figure: Figure,
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
    measures: Vec<Measure>,
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
            measures: Vec::new(),
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
            // Graded from the recomputation only, whatever the record claims.
            let figures = crate::figures::Figures::of(s);
            let group = &mut self.groups[g];
            group.sessions += 1;
            group.practice_ms = group.practice_ms.saturating_add(figures.duration_us / 1000);
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
            // Pinyin practice rates count letters, not 字: not a drill's figure; nor is
            // a record that cannot be recomputed.
            let Some((measure, figure)) = measured(&figures) else {
                continue;
            };
            let name = format!("{}/{}", s.pack, s.drill);
            let drill = match self.drill_index.get(&name) {
                Some(&d) => d,
                None => {
                    self.drills.push(name.clone());
                    self.measures.push(measure);
                    self.drill_index.insert(name, self.drills.len() - 1);
                    self.drills.len() - 1
                }
            };
            // A session of another kind than the drill's first is not mixed into it.
            if self.measures[drill] != measure {
                continue;
            }
            self.groups[g].entries.push(Entry {
                drill,
                started_at: s.started_at,
                completed: figures.completed,
                figure,
                passed: figures.passed,
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
        let measures: Vec<Measure> = order.iter().map(|&d| self.measures[d]).collect();
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
            measures,
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
    // A passed attempt beats a better one that failed; then the higher first figure
    // (字/分, per cent right), then the faster (a small sample ranks below any other).
    let best = pool
        .iter()
        .copied()
        .max_by(|a, b| {
            let passed = |s: &Entry| s.passed == Some(true);
            let b_time = |s: &Entry| -finite(s.figure.b.unwrap_or(f64::INFINITY));
            passed(a)
                .cmp(&passed(b))
                .then((!a.figure.small).cmp(&!b.figure.small))
                .then(finite(a.figure.a).total_cmp(&finite(b.figure.a)))
                .then(b_time(a).total_cmp(&b_time(b)))
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
        first: first.figure,
        best: best.figure,
        exam,
        passed,
        attempts: sessions.len(),
    })
}

/// A session's measure and figure by its kind; `None` for pinyin practice and records
/// that cannot be recomputed.
fn measured(f: &crate::figures::Figures) -> Option<(Measure, Figure)> {
    use crate::figures::Body;
    let secs = |ms: Option<u64>| ms.map(|ms| ms as f64 / 1000.0);
    let (measure, a, b) = match &f.body {
        Body::Typing(s) => (Measure::Typing, s.cpm, Some(s.accuracy)),
        Body::QuickReply(r) => (Measure::Reply, r.right_percent(), secs(r.mean_response_ms)),
        Body::Shift(s) => (Measure::Shift, s.reply_rate(), secs(s.mean_response_ms)),
        Body::Recall(c) | Body::Recite { codes: c, .. } => {
            (Measure::Codes, c.right_percent(), secs(c.mean_ms))
        }
        Body::Pinyin { .. } | Body::Unreadable(_) => return None,
    };
    Some((
        measure,
        Figure {
            a: finite(a),
            b: b.map(finite),
            small: f.small,
        },
    ))
}

fn finite(x: f64) -> f64 {
    if x.is_finite() { x } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{ResultsDoc, SessionRecord};
    use crate::report::parse_roster;

    /// A text session of 20 字 typed at `cpm` on day `day` (an exam: a minute's limit
    /// and a line of 50 字/分 at 90 %), `slips` 字 left wrong; its figures the engine's.
    fn session(id: &str, day: u32, cpm: f64, slips: u64, exam: bool) -> SessionRecord {
        let at = format!("2026-11-{day:02}T09:00:00+08:00");
        let total_us = (1_200_000_000.0 / cpm) as u64;
        let mut r = crate::testing::typed_with_slips(id, &at, 20, total_us, true, slips);
        r.pack = "p".into();
        r.drill = "d".into();
        if exam {
            r.time_limit = Some(60);
            r.pass = Some(crate::pack::Pass::Typing {
                cpm: 50.0,
                accuracy: 90.0,
            });
        }
        r
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
                session("b", 3, 70.0, 0, true),
                session("a", 2, 40.0, 0, true),
            ],
        )];
        let report = build(&docs, &[]);
        let cell = report.students[0].drills[0].1.clone();
        assert!(cell.exam);
        assert_eq!(report.measures, [Measure::Typing]);
        let round = |x: f64| (x * 10.0).round() / 10.0;
        assert_eq!((round(cell.first.a), round(cell.best.a)), (40.0, 70.0));
        assert_eq!(cell.passed, Some(false));
        assert_eq!(cell.attempts, 2);
    }

    #[test]
    fn the_best_attempt_is_a_passed_one_before_a_faster_one_that_failed() {
        let docs = [loaded(
            "张三",
            "1",
            vec![
                session("b", 3, 55.0, 0, true),
                // Faster, but three 字 of 20 left wrong: 85 %, under the line.
                session("a", 2, 90.0, 3, true),
            ],
        )];
        let report = build(&docs, &[]);
        let cell = report.students[0].drills[0].1.clone();
        let round = |x: f64| (x * 10.0).round() / 10.0;
        assert_eq!((round(cell.first.a), round(cell.best.a)), (76.5, 55.0));
    }

    #[test]
    fn pinyin_practice_is_not_a_drills_best() {
        let mut pinyin = session("p", 4, 300.0, 0, false);
        pinyin.mode = Some(crate::record::Mode::Pinyin);
        let docs = [loaded(
            "张三",
            "1",
            vec![pinyin, session("a", 2, 40.0, 0, false)],
        )];
        let report = build(&docs, &[]);
        let cell = report.students[0].drills[0].1.clone();
        assert_eq!(cell.attempts, 1);
        assert!((cell.best.a - 40.0).abs() < 0.01);
    }

    /// Graded from the recomputation: a record claiming 567 字/分 shows what its
    /// keystrokes give, flagged; a small sample shows "—".
    #[test]
    fn cells_are_recomputed_and_small_samples_dashed() {
        let mut forged = session("f", 2, 40.0, 0, false);
        forged.cpm = 567.2;
        let small = {
            let mut r = crate::testing::typed("s", "2026-11-03T09:00:00+08:00", 5, 2_000_000, true);
            r.pack = "p".into();
            r.drill = "d".into();
            r
        };
        let docs = [loaded("张三", "1", vec![forged, small])];
        let report = build(&docs, &[]);
        let row = &report.students[0];
        let cell = &row.drills[0].1;
        assert!((cell.first.a - 40.0).abs() < 0.01, "{cell:?}");
        assert!(row.flagged >= 1, "{row:?}");
        assert!(cell.best.a < 100.0, "the small sample never is the best");
        let table = report.render();
        assert!(table.contains("40.0/100% → 40.0/100%"), "{table}");
        assert!(!table.contains("567"), "{table}");
    }

    #[test]
    fn sessions_seen_twice_count_once_and_rosters_match_by_id_or_name() {
        let s = session("a", 2, 40.0, 0, false);
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
