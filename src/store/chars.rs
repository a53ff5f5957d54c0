//! Per-character figures of a typing session, recomputed from its keystroke log by the
//! engine's pure summary, for the `session_char` and `session_confusion` tables.

use crate::engine::{CharFigure, Rules, summarize};
use crate::record::SessionRecord;

/// The figures of a text or phrases session; none for other kinds and pinyin mode,
/// whose logs do not line up with the target's graphemes.
pub(super) fn figures(r: &SessionRecord) -> Vec<CharFigure> {
    if r.mode.is_some() || r.keystrokes.is_empty() {
        return Vec::new();
    }
    let segments: Vec<String> = match r.kind.as_str() {
        "text" => vec![r.target.clone()],
        "phrases" => r.target.split('\n').map(str::to_string).collect(),
        _ => return Vec::new(),
    };
    let rules = Rules {
        strict: r.strict,
        time_limit_us: r.time_limit.map(|s| u64::from(s) * 1_000_000),
    };
    summarize(&segments, rules, &r.keystrokes, false).chars
}
