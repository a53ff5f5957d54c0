//! The drill's rules that change how input is taken, and what a saved record says of them.

/// The drill's rules that change how input is taken.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rules {
    /// Backspace disabled; a segment ends as soon as it is long enough.
    pub strict: bool,
    /// The drill ends this many microseconds after its first keystroke.
    pub time_limit_us: Option<u64>,
    /// 旺旺 face tokens and a line's leading speaker label are shown and not typed: the
    /// cursor skips them, filled in as they are reached (`pack::shown`).
    pub shown_not_typed: bool,
}

impl Rules {
    /// The drill's rules as a saved record keeps them.
    pub fn of_record(r: &crate::record::SessionRecord) -> Rules {
        Rules {
            strict: r.strict,
            time_limit_us: r.time_limit.map(|s| u64::from(s) * 1_000_000),
            shown_not_typed: r.shown_not_typed,
        }
    }
}

/// A drill with a time limit that ran out has no event at the limit: the record's
/// `completed` says it ended there rather than being left (a claim the figures then
/// have to bear out: a left attempt claimed complete is charged the whole limit).
pub fn time_up_of(r: &crate::record::SessionRecord) -> bool {
    r.completed && r.time_limit.is_some()
}
