//! One student's attempts at one drill, as the class table shows them: the first, the
//! best and the latest, the trend between, and the verdict (an exam's first attempt; a
//! drill's best). A session held by a finding never shows as 达标.

use chrono::{DateTime, FixedOffset};

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

/// What the table keeps of one session once it is examined: a few numbers, never its
/// log, so a run holds one parsed document at a time.
#[derive(Debug, Clone)]
pub struct Entry {
    pub drill: usize,
    /// The session's number in the collection (a finding found later holds it).
    pub serial: usize,
    pub started_at: DateTime<FixedOffset>,
    pub completed: bool,
    pub figure: Figure,
    pub passed: Option<bool>,
    pub exam: bool,
    /// Held by a finding: never 达标, never a best, in no assignment or class figure.
    pub held: bool,
    pub duration_us: u64,
    /// A left attempt's `id (pack/drill, date)`, named if it is the one that counts.
    pub left: Option<String>,
}

/// One attempt as a cell shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Attempt {
    pub figure: Figure,
    pub left: bool,
    pub held: bool,
    pub at: DateTime<FixedOffset>,
}

impl Attempt {
    fn of(e: &Entry) -> Attempt {
        Attempt {
            figure: e.figure,
            left: !e.completed,
            held: e.held,
            at: e.started_at,
        }
    }
}

/// The verdict a cell shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Passed,
    Failed,
    /// It would pass, but a finding holds it until the teacher has looked (待核).
    Held,
}

/// First, best and latest attempt at one drill, recomputed from their keystrokes.
#[derive(Debug, Clone, PartialEq)]
pub struct DrillCell {
    pub first: Attempt,
    pub best: Attempt,
    pub latest: Attempt,
    /// An exam (time limit and pass criteria): the first attempt counts.
    pub exam: bool,
    /// Exams: the first attempt's; other drills: whether any attempt passed.
    pub verdict: Option<Verdict>,
    /// The headline figure's change from the first ranked attempt to the latest
    /// (completed, not a small sample, not held); `None` with fewer than two.
    pub trend: Option<f64>,
    pub attempts: usize,
    /// The attempt that counts was left before its end: its session.
    pub left: Option<String>,
}

impl DrillCell {
    /// The attempt a grade is taken from: an exam's first, another drill's best.
    pub fn graded(&self) -> &Attempt {
        if self.exam { &self.first } else { &self.best }
    }
}

/// The cell of one drill's `sessions`, oldest first.
pub fn cell(sessions: &[Entry]) -> Option<DrillCell> {
    let earliest = sessions.first()?;
    let latest = sessions.last()?;
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
        completed.clone()
    };
    // A passed attempt beats a better one that failed, a clean one a held one, any
    // other a small sample; then the higher first figure (字/分, per cent right), then
    // the faster.
    let best = pool
        .iter()
        .copied()
        .max_by(|a, b| {
            let passed = |s: &Entry| s.passed == Some(true) && !s.held;
            let clean = |s: &Entry| !s.held && !s.figure.small;
            let b_time = |s: &Entry| -finite(s.figure.b.unwrap_or(f64::INFINITY));
            passed(a)
                .cmp(&passed(b))
                .then(clean(a).cmp(&clean(b)))
                .then((!a.figure.small).cmp(&!b.figure.small))
                .then(finite(a.figure.a).total_cmp(&finite(b.figure.a)))
                .then(b_time(a).total_cmp(&b_time(b)))
        })
        .unwrap_or(first);
    let verdict = if exam {
        first.passed.map(|p| match (p, first.held) {
            (true, true) => Verdict::Held,
            (true, false) => Verdict::Passed,
            (false, _) => Verdict::Failed,
        })
    } else if sessions.iter().any(|s| s.passed == Some(true) && !s.held) {
        Some(Verdict::Passed)
    } else if sessions.iter().any(|s| s.passed == Some(true)) {
        Some(Verdict::Held)
    } else if sessions.iter().any(|s| s.passed.is_some()) {
        Some(Verdict::Failed)
    } else {
        None
    };
    let ranked: Vec<&Entry> = completed
        .iter()
        .copied()
        .filter(|s| !s.figure.small && !s.held)
        .collect();
    let trend = match ranked[..] {
        [a, .., b] => Some(finite(b.figure.a) - finite(a.figure.a)),
        _ => None,
    };
    let left = if exam {
        earliest.left.clone()
    } else if completed.is_empty() {
        latest.left.clone()
    } else {
        None
    };
    Some(DrillCell {
        first: Attempt::of(first),
        best: Attempt::of(best),
        latest: Attempt::of(latest),
        exam,
        verdict,
        trend,
        attempts: sessions.len(),
        left,
    })
}

/// A session's measure and figure by its kind; `None` for pinyin practice and records
/// that cannot be recomputed.
pub fn measured(f: &crate::figures::Figures) -> Option<(Measure, Figure)> {
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

pub fn finite(x: f64) -> f64 {
    if x.is_finite() { x } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(day: u32, a: f64, completed: bool, passed: Option<bool>, held: bool) -> Entry {
        Entry {
            drill: 0,
            serial: day as usize,
            started_at: DateTime::parse_from_rfc3339(&format!("2026-12-{day:02}T09:00:00+08:00"))
                .expect("time"),
            completed,
            figure: Figure {
                a,
                b: Some(98.0),
                small: false,
            },
            passed,
            exam: false,
            held,
            duration_us: 60_000_000,
            left: (!completed).then(|| format!("s{day}")),
        }
    }

    #[test]
    fn first_best_latest_and_the_trend_between() {
        let c = cell(&[
            entry(1, 40.0, true, Some(false), false),
            entry(2, 75.0, true, Some(true), false),
            entry(3, 10.0, false, Some(false), false),
            entry(4, 65.0, true, Some(true), false),
        ])
        .expect("a cell");
        assert_eq!((c.first.figure.a, c.best.figure.a), (40.0, 75.0));
        assert!(!c.latest.left && c.latest.figure.a == 65.0);
        assert_eq!(c.trend, Some(25.0));
        assert_eq!(c.verdict, Some(Verdict::Passed));
        assert_eq!(c.left, None, "a finished attempt counts");
    }

    #[test]
    fn held_attempts_never_pass_nor_rank() {
        let c = cell(&[
            entry(1, 40.0, true, Some(false), false),
            entry(2, 567.0, true, Some(true), true),
        ])
        .expect("a cell");
        assert_eq!(c.best.figure.a, 40.0);
        assert_eq!(c.verdict, Some(Verdict::Held));
        assert_eq!(c.trend, None);
        // An exam whose first attempt is held; one whose first was left.
        let mut e = entry(1, 80.0, true, Some(true), true);
        e.exam = true;
        let c = cell(&[e, entry(2, 90.0, true, Some(true), false)]).expect("a cell");
        assert_eq!(c.verdict, Some(Verdict::Held));
        let mut e = entry(1, 291.4, false, Some(false), false);
        e.exam = true;
        let c = cell(&[e]).expect("a cell");
        assert_eq!(c.verdict, Some(Verdict::Failed));
        assert_eq!(c.left.as_deref(), Some("s1"));
        assert!(c.first.left);
    }
}
