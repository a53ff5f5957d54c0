//! An `[[assignment]]` per student: 完成 when its drills were passed (or practised for
//! its minutes) by the due time, 迟交 when only after it, 未完成 otherwise. Only
//! attempts no finding holds count.

use super::cell::Entry;
use crate::pack::Need;
use crate::tr;
use chrono::{DateTime, FixedOffset};

/// An assignment as a report grades it: its drills as columns of the collection
/// (`None`: nobody did that drill), its due time on the teacher's clock.
#[derive(Debug, Clone, PartialEq)]
pub struct Graded {
    pub title: String,
    pub drills: Vec<Option<usize>>,
    pub due: DateTime<FixedOffset>,
    pub need: Need,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Done {
    Done,
    Late,
    NotDone,
}

impl Done {
    pub fn label(self) -> String {
        match self {
            Done::Done => tr!("完成", "done"),
            Done::Late => tr!("迟交", "late"),
            Done::NotDone => tr!("未完成", "not done"),
        }
    }
}

/// One student's standing on one assignment, and when it was met.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    pub done: Done,
    pub at: Option<DateTime<FixedOffset>>,
}

/// The entries of drill column `d` among `entries` (sorted by drill, then time).
fn run(entries: &[Entry], d: usize) -> &[Entry] {
    let lo = entries.partition_point(|e| e.drill < d);
    let hi = entries.partition_point(|e| e.drill <= d);
    &entries[lo..hi]
}

/// A student's standing on `a`, from their `entries` sorted by drill, then time.
pub fn standing(a: &Graded, entries: &[Entry]) -> Standing {
    let met = match a.need {
        Need::Pass => passed_at(a, entries),
        Need::Minutes(minutes) => practised_at(a, entries, u64::from(minutes) * 60_000_000),
    };
    match met {
        Some(at) if at <= a.due => Standing {
            done: Done::Done,
            at: Some(at),
        },
        Some(at) => Standing {
            done: Done::Late,
            at: Some(at),
        },
        None => Standing {
            done: Done::NotDone,
            at: None,
        },
    }
}

/// When the last of the drills was passed: an exam by its first attempt, another drill
/// by its first passed attempt.
fn passed_at(a: &Graded, entries: &[Entry]) -> Option<DateTime<FixedOffset>> {
    let mut last = None;
    for d in &a.drills {
        let run = run(entries, (*d)?);
        let ok = |e: &&Entry| e.passed == Some(true) && !e.held;
        let at = if run.iter().any(|e| e.exam) {
            run.first().filter(ok)
        } else {
            run.iter().find(ok)
        }?
        .started_at;
        last = last.max(Some(at));
    }
    last
}

/// When practice on the drills first reached `need_us` in all.
fn practised_at(a: &Graded, entries: &[Entry], need_us: u64) -> Option<DateTime<FixedOffset>> {
    let mut sessions: Vec<&Entry> = a
        .drills
        .iter()
        .flatten()
        .flat_map(|&d| run(entries, d))
        .filter(|e| !e.held)
        .collect();
    sessions.sort_by_key(|e| e.started_at);
    let mut total = 0u64;
    sessions.into_iter().find_map(|e| {
        total = total.saturating_add(e.duration_us);
        (total >= need_us).then_some(e.started_at)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::cell::Figure;

    fn at(day: u32) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(&format!("2026-12-{day:02}T10:00:00+08:00")).expect("time")
    }

    fn entry(drill: usize, day: u32, passed: bool, minutes: u64) -> Entry {
        Entry {
            drill,
            serial: 0,
            started_at: at(day),
            completed: true,
            figure: Figure {
                a: 60.0,
                b: None,
                small: false,
            },
            passed: Some(passed),
            exam: false,
            held: false,
            duration_us: minutes * 60_000_000,
            left: None,
        }
    }

    #[test]
    fn done_late_or_not_done() {
        let pass = Graded {
            title: "期中".into(),
            drills: vec![Some(0), Some(1)],
            due: at(10),
            need: Need::Pass,
        };
        let on_time = [entry(0, 3, true, 1), entry(1, 8, true, 1)];
        assert_eq!(standing(&pass, &on_time).done, Done::Done);
        assert_eq!(standing(&pass, &on_time).at, Some(at(8)));
        let late = [
            entry(0, 3, true, 1),
            entry(1, 8, false, 1),
            entry(1, 12, true, 1),
        ];
        assert_eq!(standing(&pass, &late).done, Done::Late);
        assert_eq!(standing(&pass, &late[..2]).done, Done::NotDone);
        // An exam counts its first attempt; a held pass does not count.
        let mut exam = late.clone();
        exam[1].exam = true;
        exam[2].exam = true;
        assert_eq!(standing(&pass, &exam).done, Done::NotDone);
        let mut held = on_time.clone();
        held[1].held = true;
        assert_eq!(standing(&pass, &held).done, Done::NotDone);
        // A drill nobody did.
        let missing = Graded {
            drills: vec![Some(0), None],
            ..pass.clone()
        };
        assert_eq!(standing(&missing, &on_time).done, Done::NotDone);

        let minutes = Graded {
            need: Need::Minutes(30),
            ..pass
        };
        let practice = [
            entry(0, 2, false, 20),
            entry(1, 9, false, 5),
            entry(1, 11, true, 10),
        ];
        assert_eq!(standing(&minutes, &practice).done, Done::Late);
        assert_eq!(standing(&minutes, &practice).at, Some(at(11)));
        assert_eq!(standing(&minutes, &practice[..2]).done, Done::NotDone);
    }
}
