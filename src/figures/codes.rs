//! The code drills' figures: how many codes were right (recall) or replies remembered
//! (recite), the mean time per item, and the codes to look at again.

use super::{rules, time_up};
use crate::record::SessionRecord;
use crate::reply::recall::{RecallSession, items_of_record};
use crate::reply::recite::item_results;

/// A code drill's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeFigures {
    /// Items in the round.
    pub items: u32,
    /// Items answered (recall) or reached (recite).
    pub reached: u32,
    /// Right (recall) or remembered (recite).
    pub right: u32,
    /// Recite: items whose reply was looked up with Tab.
    pub hints: u32,
    /// Mean time per answered item.
    pub mean_ms: Option<u64>,
    /// Codes missed, as `/code`, in the order asked.
    pub missed: Vec<String>,
    /// Recall: graphemes of right codes per minute, and right ÷ answered × 100 (what
    /// the record keeps as `cpm` and `accuracy`).
    pub cpm: f64,
    pub accuracy: f64,
    pub kpm: f64,
    pub backspaces: u32,
}

impl CodeFigures {
    /// Right ÷ reached, as a percentage (0 when none was reached).
    pub fn right_percent(&self) -> f64 {
        if self.reached == 0 {
            0.0
        } else {
            100.0 * f64::from(self.right) / f64::from(self.reached)
        }
    }
}

/// A recall record replayed item by item: (figures, completed, T, passed).
pub(super) fn recall(r: &SessionRecord) -> (CodeFigures, bool, u64, Option<bool>) {
    let limit = rules(r).time_limit_us;
    let (session, _, _) = RecallSession::replay(
        items_of_record(r),
        limit,
        r.strict,
        &r.keystrokes,
        time_up(r),
    );
    let s = session.summary();
    let missed = session
        .answers()
        .iter()
        .filter(|a| !a.right)
        .filter_map(|a| session.items().get(a.index))
        .map(|i| format!("/{}", i.code))
        .collect();
    let right_percent = if s.answered == 0 {
        0.0
    } else {
        100.0 * f64::from(s.right) / f64::from(s.answered)
    };
    let passed = r
        .pass
        .as_ref()
        .and_then(|p| p.codes(s.completed, right_percent, (s.cpm, s.accuracy)));
    let f = CodeFigures {
        items: s.items,
        reached: s.answered,
        right: s.right,
        hints: 0,
        mean_ms: s.mean_response_ms,
        missed,
        cpm: s.cpm,
        accuracy: s.accuracy,
        kpm: s.kpm,
        backspaces: s.backspaces,
    };
    (f, s.completed, s.duration_us, passed)
}

/// A recite record's items, recomputed from its log over the typed `segments`; the
/// codes asked are the record's own.
pub(super) fn recite(r: &SessionRecord, segments: &[String]) -> CodeFigures {
    let results = item_results(segments, rules(r), &r.keystrokes);
    let messages = r.messages.as_deref().unwrap_or(&[]);
    let code = |i: usize| {
        messages
            .get(i)
            .and_then(|m| m.code.clone().or_else(|| m.expect.first().cloned()))
            .unwrap_or_default()
    };
    let times: Vec<u64> = results
        .iter()
        .filter(|x| x.finished)
        .map(|x| x.end_us.saturating_sub(x.start_us) / 1000)
        .collect();
    let right = results.iter().filter(|x| x.remembered()).count() as u32;
    let reached = results.len() as u32;
    CodeFigures {
        items: segments.iter().filter(|s| !s.is_empty()).count() as u32,
        reached,
        right,
        hints: results.iter().filter(|x| x.hinted).count() as u32,
        mean_ms: mean(&times),
        missed: results
            .iter()
            .filter(|x| !x.remembered())
            .map(|x| format!("/{}", code(x.index)))
            .collect(),
        cpm: 0.0,
        accuracy: if reached == 0 {
            0.0
        } else {
            100.0 * f64::from(right) / f64::from(reached)
        },
        kpm: 0.0,
        backspaces: 0,
    }
}

pub(super) fn mean(ms: &[u64]) -> Option<u64> {
    (!ms.is_empty()).then(|| ms.iter().fold(0u64, |a, &b| a.saturating_add(b)) / ms.len() as u64)
}
