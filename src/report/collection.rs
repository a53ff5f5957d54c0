//! Every results file a teacher collected — several folders or zips, one per week —
//! read as one collection: each session examined once as it comes (then only a few
//! numbers of it kept), sessions deduplicated by id, the same session or log in two
//! students' files flagged on both, and every finding kept with its student and file.
//! `report` lays the collection out as the class table, `verify` file by file.

use super::cell::{Entry, Measure, measured};
use super::copies::{Copies, Met, Seen, log_digest};
use super::examine::{Checks, examine};
use super::flags::{Finding, Flag, session_label};
use super::input::Loaded;
use crate::cost::{Meter, PER_FILE, PER_RUN};
use crate::record::{SessionRecord, Student};
use crate::tr;
use std::collections::{BTreeSet, HashMap, HashSet};

/// One file read (or zip entry), and what it held.
#[derive(Debug, Clone, Default)]
pub struct Source {
    pub name: String,
    pub sessions: usize,
    /// Said about its sessions, not findings.
    pub notes: Vec<String>,
    /// Sessions whose figures were not recomputed in full.
    pub not_recomputed: usize,
    pub over_cost: usize,
}

/// A finding, with the student and the file it belongs to.
#[derive(Debug, Clone)]
pub struct Placed {
    pub group: usize,
    pub source: usize,
    pub finding: Finding,
}

/// One student's sessions as they are read.
#[derive(Debug)]
pub(super) struct Group {
    pub(super) student: Student,
    pub(super) source: String,
    pub(super) entries: Vec<Entry>,
    pub(super) sessions: usize,
    pub(super) practice_ms: u64,
}

/// What adding one document found, for the warnings naming its file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Added {
    /// Sessions not checked: the file's (or the run's) steps ran out.
    pub over_cost: usize,
    /// Sessions holding values no session can hold.
    pub out_of_range: usize,
}

/// The collection, built one document at a time ([`Collection::add`]).
#[derive(Debug)]
pub struct Collection {
    pub(super) checks: Checks,
    /// Steps left for the run (crate::cost).
    run: Meter,
    copies: Copies,
    serials: usize,
    pub(super) duplicate_sessions: usize,
    pub(super) sources: Vec<Source>,
    pub(super) groups: Vec<Group>,
    index: HashMap<String, usize>,
    pub(super) drills: Vec<String>,
    pub(super) measures: Vec<Measure>,
    pub(super) drill_index: HashMap<String, usize>,
    pub(super) findings: Vec<Placed>,
    /// Sessions a finding made after their entry holds.
    pub(super) held: HashSet<usize>,
    /// Sessions started outside `--from`/`--to`, left out.
    pub outside: usize,
    /// Quick replies whose verdicts are their own (no drill to replay).
    pub not_recomputed: usize,
    /// Pack ids with no pack to compare their sessions with.
    pub no_reference: BTreeSet<String>,
    /// `pack/drill` that ask for a start code, with no `--code` given.
    pub code_unchecked: BTreeSet<String>,
    /// The pack ids of the sessions read.
    pub packs_seen: BTreeSet<String>,
}

impl Default for Collection {
    fn default() -> Self {
        Collection::new(Checks::default(), Meter::new(PER_RUN))
    }
}

impl Collection {
    /// A collection checked against `checks`, spending at most `run` steps in all.
    pub fn new(checks: Checks, run: Meter) -> Collection {
        Collection {
            checks,
            run,
            copies: Copies::default(),
            serials: 0,
            duplicate_sessions: 0,
            sources: Vec::new(),
            groups: Vec::new(),
            index: HashMap::new(),
            drills: Vec::new(),
            measures: Vec::new(),
            drill_index: HashMap::new(),
            findings: Vec::new(),
            held: HashSet::new(),
            outside: 0,
            not_recomputed: 0,
            no_reference: BTreeSet::new(),
            code_unchecked: BTreeSet::new(),
            packs_seen: BTreeSet::new(),
        }
    }

    pub fn checks(&self) -> &Checks {
        &self.checks
    }

    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    pub fn findings(&self) -> &[Placed] {
        &self.findings
    }

    /// Sessions read, each counted once.
    pub fn sessions(&self) -> usize {
        self.serials - self.duplicate_sessions
    }

    /// The group of the student a session belongs to (its own student, else the file's).
    fn group_of(&mut self, s: &SessionRecord, loaded: &Loaded) -> usize {
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
        *self.index.entry(key).or_insert_with(|| {
            self.groups.push(Group {
                student: owner.clone(),
                source: loaded.source.clone(),
                entries: Vec::new(),
                sessions: 0,
                practice_ms: 0,
            });
            self.groups.len() - 1
        })
    }

    /// `张三（2026001）`, for a finding that names another student.
    fn who(&self, group: usize) -> String {
        let s = &self.groups[group].student;
        match (&s.name, &s.id) {
            (Some(n), Some(i)) => format!("{n}（{i}）"),
            (Some(n), None) => n.clone(),
            (None, Some(i)) => i.clone(),
            (None, None) => self.groups[group].source.clone(),
        }
    }

    fn place(&mut self, group: usize, source: usize, finding: Finding) {
        self.findings.push(Placed {
            group,
            source,
            finding,
        });
    }

    /// Examine and take in the sessions of one document (at most [`PER_FILE`] steps).
    pub fn add(&mut self, loaded: &Loaded) -> Added {
        let mut added = Added::default();
        let source = self.sources.len();
        self.sources.push(Source {
            name: loaded.source.clone(),
            ..Source::default()
        });
        let mut file = self.run.share(PER_FILE);
        for s in &loaded.doc.sessions {
            let serial = self.serials;
            self.serials += 1;
            self.sources[source].sessions += 1;
            let g = self.group_of(s, loaded);
            let label = session_label(s);
            let here = Seen {
                group: g,
                source,
                serial,
                label: label.clone(),
            };
            let mut held_here = false;
            match self
                .copies
                .meet(&s.id, log_digest(&s.keystrokes), here.clone())
            {
                Met::New => {}
                Met::Again => {
                    self.duplicate_sessions += 1;
                    continue;
                }
                Met::Changed(first) => {
                    // Two records of one session: neither is taken on trust.
                    self.duplicate_sessions += 1;
                    self.held.insert(first.serial);
                    let other = self.sources[first.source].name.clone();
                    let message = tr!(
                        "同一次练习有两份不同的记录（另一份在 {other}）",
                        "two different records of one session (the other in {other})"
                    );
                    self.place(g, source, Finding::new(Flag::Mismatch, &label, &message));
                    continue;
                }
                Met::Copy(first) => {
                    held_here = true;
                    self.held.insert(first.serial);
                    let (them, me) = (self.who(first.group), self.who(g));
                    let (their_file, my_file) = (
                        self.sources[first.source].name.clone(),
                        self.sources[source].name.clone(),
                    );
                    let about_me = tr!(
                        "与{them}的 {} 是同一次练习或同一份击键记录（{their_file}）",
                        "the same session or keystroke log as {them}'s {} ({their_file})",
                        first.label
                    );
                    let about_them = tr!(
                        "与{me}的 {label} 是同一次练习或同一份击键记录（{my_file}）",
                        "the same session or keystroke log as {me}'s {label} ({my_file})"
                    );
                    self.place(g, source, Finding::new(Flag::Copied, &label, &about_me));
                    self.place(
                        first.group,
                        first.source,
                        Finding::new(Flag::Copied, &first.label, &about_them),
                    );
                }
            }
            self.take(s, &here, held_here, &mut file, &mut added);
        }
        self.run.settle(&file);
        added
    }

    /// Examine one new session, seen `here`, and keep what the table needs of it.
    fn take(
        &mut self,
        s: &SessionRecord,
        here: &Seen,
        mut held: bool,
        file: &mut Meter,
        added: &mut Added,
    ) {
        let (g, source, serial) = (here.group, here.source, here.serial);
        self.packs_seen.insert(s.pack.clone());
        let e = examine(s, &self.checks, file);
        if e.out_of_range {
            added.out_of_range += 1;
        }
        if e.over_cost {
            added.over_cost += 1;
            self.sources[source].over_cost += 1;
        }
        if e.not_recomputed {
            self.not_recomputed += 1;
            self.sources[source].not_recomputed += 1;
        }
        if e.no_reference {
            self.no_reference.insert(s.pack.clone());
        }
        if e.code_unchecked {
            self.code_unchecked
                .insert(format!("{}/{}", s.pack, s.drill));
        }
        let label = session_label(s);
        let notes = &mut self.sources[source].notes;
        notes.extend(
            e.notes
                .iter()
                .map(|n| format!("{label}: {}", super::clean(n))),
        );
        held |= e.findings.iter().any(|f| f.flag.holds());
        for f in e.findings {
            self.place(g, source, f);
        }
        if e.outside {
            self.outside += 1;
            return;
        }
        // Past its steps a session is still shown, from the one recomputation of it.
        let figures = e.figures.unwrap_or_else(|| crate::figures::Figures::of(s));
        let group = &mut self.groups[g];
        group.sessions += 1;
        group.practice_ms = group.practice_ms.saturating_add(figures.duration_us / 1000);
        // Pinyin practice rates count letters, not 字: not a drill's figure; nor is
        // a record that cannot be recomputed.
        let Some((measure, figure)) = measured(&figures) else {
            return;
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
            return;
        }
        self.groups[g].entries.push(Entry {
            drill,
            serial,
            started_at: s.started_at,
            completed: figures.completed,
            figure,
            passed: figures.passed,
            exam: e.exam,
            held,
            duration_us: figures.duration_us,
            left: (!figures.completed).then(|| label.clone()),
        });
    }
}
