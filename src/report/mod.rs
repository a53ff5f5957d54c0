//! The class report: results documents collected from files, folders and zip archives,
//! checked, and turned into one table per class (pure, apart from reading the inputs).

/// Text from a file as it may reach the terminal: no control characters, escape
/// sequences or bidi overrides (each becomes `?`).
pub fn clean(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') {
                '?'
            } else {
                c
            }
        })
        .collect()
}

pub mod input;
pub mod table;

pub use input::{Collected, Loaded, collect};
pub use table::{Report, RosterEntry, build, parse_roster};
