//! The class table: one row per student — per drill the first, best and latest
//! attempt, per assignment its standing, the flags of every finding — the roster's
//! students first, and the class figures of each drill.

use super::assignment::{Graded, Standing, standing};
use super::cell::{DrillCell, Measure, cell};
use super::class::ClassFigures;
use super::clean;
use super::collection::{Collection, Group};
use super::flags::{Finding, Flag};
use super::input::Loaded;
use super::roster::RosterEntry;
use super::when::{Edge, Zone};
use crate::pack::Assignment;
use crate::tr;
use std::collections::HashMap;

/// The report (cells already cleaned for the terminal). Sparse: a student's row holds
/// a cell only for the drills that student did, so students × drills never multiply.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The drills, `pack/drill`, in column order.
    pub drills: Vec<String>,
    /// What each drill is measured by (its kind's figures), in the same order.
    pub measures: Vec<Measure>,
    /// How the class did at each drill, in the same order.
    pub class: Vec<ClassFigures>,
    /// The assignments' titles, one column each.
    pub assignments: Vec<String>,
    pub students: Vec<StudentRow>,
    /// Sessions read, and how many were duplicates counted once.
    pub sessions: usize,
    pub duplicate_sessions: usize,
    /// The clock times are shown on.
    pub zone: Zone,
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
    /// One standing per assignment of [`Report::assignments`] (empty when missing).
    pub assignments: Vec<Standing>,
    /// Sessions with a finding, and the flags of all the findings, in order.
    pub flagged: usize,
    pub flags: Vec<Flag>,
    /// Every finding, oldest session first.
    pub findings: Vec<Finding>,
}

impl StudentRow {
    /// The cell of drill `d` (an index into [`Report::drills`]), if done.
    pub fn cell(&self, d: usize) -> Option<&DrillCell> {
        self.drills
            .binary_search_by_key(&d, |(i, _)| *i)
            .ok()
            .map(|i| &self.drills[i].1)
    }

    fn missing(entry: &RosterEntry) -> StudentRow {
        StudentRow {
            id: entry.id.clone(),
            name: entry.name.clone(),
            status: Status::Missing,
            sessions: 0,
            practice_ms: 0,
            drills: Vec::new(),
            assignments: Vec::new(),
            flagged: 0,
            flags: Vec::new(),
            findings: Vec::new(),
        }
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

/// An assignment of a teacher's pack, with its pack's id.
pub type PackAssignment = (String, Assignment);

impl Collection {
    /// The table, with `roster` (its order first, then the others by id and name) and
    /// a column per assignment; times on `zone`'s clock.
    pub fn finish(
        mut self,
        roster: &[RosterEntry],
        assignments: &[PackAssignment],
        zone: Zone,
    ) -> Report {
        // Drill columns in name order: each entry's index renumbered once.
        let mut order: Vec<usize> = (0..self.drills.len()).collect();
        order.sort_by(|&a, &b| self.drills[a].cmp(&self.drills[b]));
        let mut column = vec![0; self.drills.len()];
        for (c, &d) in order.iter().enumerate() {
            column[d] = c;
        }
        let graded: Vec<Graded> = assignments
            .iter()
            .filter_map(|(pack, a)| {
                Some(Graded {
                    title: clean(&a.title),
                    drills: a
                        .drills
                        .iter()
                        .map(|d| {
                            self.drill_index
                                .get(&format!("{pack}/{d}"))
                                .map(|&i| column[i])
                        })
                        .collect(),
                    due: super::when::parse(&a.due, Edge::End, zone)?,
                    need: a.need,
                })
            })
            .collect();
        let drills: Vec<String> = order.iter().map(|&d| clean(&self.drills[d])).collect();
        let measures: Vec<Measure> = order.iter().map(|&d| self.measures[d]).collect();
        let sessions = self.sessions();
        let duplicate_sessions = self.duplicate_sessions;

        // Each group's findings, in the order found.
        let mut findings: Vec<Vec<Finding>> = vec![Vec::new(); self.groups.len()];
        for p in std::mem::take(&mut self.findings) {
            findings[p.group].push(p.finding);
        }
        let held = std::mem::take(&mut self.held);
        let groups = std::mem::take(&mut self.groups);
        let found_for = match_roster(&groups, roster);
        let mut rows: Vec<Option<StudentRow>> = groups
            .into_iter()
            .zip(findings)
            .map(|(g, f)| Some(row(g, f, &column, &held, &graded)))
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
                None => students.push(StudentRow::missing(entry)),
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
        let class = (0..drills.len())
            .map(|d| super::class::figures(&students, d))
            .collect();
        Report {
            drills,
            measures,
            class,
            assignments: graded.into_iter().map(|a| a.title).collect(),
            students,
            sessions,
            duplicate_sessions,
            zone,
        }
    }
}

/// For each roster line, the group it names: by id, or (for groups without one) by
/// name; each group at most once.
fn match_roster(groups: &[Group], roster: &[RosterEntry]) -> Vec<Option<usize>> {
    let mut by_id: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, g) in groups.iter().enumerate() {
        match (&g.student.id, &g.student.name) {
            (Some(id), _) => by_id.entry(id.as_str()).or_default().push(i),
            (None, Some(name)) => by_name.entry(name.as_str()).or_default().push(i),
            (None, None) => {}
        }
    }
    let mut used = vec![false; groups.len()];
    roster
        .iter()
        .map(|entry| {
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
            found
        })
        .collect()
}

/// Build the report from the documents read and an optional roster, checked against
/// nothing but the recomputation (for tests and fuzzing).
pub fn build(docs: &[Loaded], roster: &[RosterEntry]) -> Report {
    let mut c = Collection::default();
    for d in docs {
        c.add(d);
    }
    c.finish(roster, &[], Zone::Local)
}

/// A group's row: its entries sorted by drill and time once, each drill's run a cell,
/// each assignment's standing from them.
fn row(
    mut g: Group,
    mut findings: Vec<Finding>,
    column: &[usize],
    held: &std::collections::HashSet<usize>,
    assignments: &[Graded],
) -> StudentRow {
    for e in &mut g.entries {
        e.drill = column[e.drill];
        e.held |= held.contains(&e.serial);
    }
    g.entries.sort_by_key(|e| (e.drill, e.started_at));
    let cells: Vec<(usize, DrillCell)> = g
        .entries
        .chunk_by(|a, b| a.drill == b.drill)
        .filter_map(|run| Some((run.first()?.drill, cell(run)?)))
        .collect();
    for (_, c) in &cells {
        if let Some(session) = &c.left {
            let message = if c.exam {
                tr!(
                    "考试的第一次没有做完就离开了",
                    "the exam's first attempt was left before its end"
                )
            } else {
                tr!(
                    "每一次都没有做完就离开了",
                    "every attempt was left before its end"
                )
            };
            findings.push(Finding::new(Flag::Left, session, &message));
        }
    }
    let standings = assignments
        .iter()
        .map(|a| standing(a, &g.entries))
        .collect();
    let mut flags: Vec<Flag> = findings.iter().map(|f| f.flag).collect();
    flags.sort();
    flags.dedup();
    let mut sessions: Vec<&str> = findings.iter().map(|f| f.session.as_str()).collect();
    sessions.sort_unstable();
    sessions.dedup();
    let flagged = sessions.len();
    // Oldest session first: a label starts with its id, so order by the date in it.
    findings.sort_by(|a, b| date_of(&a.session).cmp(date_of(&b.session)));
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
        assignments: standings,
        flagged,
        flags,
        findings,
    }
}

/// The `YYYY-MM-DD HH:MM` at the end of a session's label.
fn date_of(label: &str) -> &str {
    label
        .rsplit_once(", ")
        .map_or("", |(_, d)| d.trim_end_matches(')'))
}

#[cfg(test)]
mod tests;
