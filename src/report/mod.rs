//! The class report: results documents collected from files, folders and zip archives,
//! checked, and turned into one table per class (pure, apart from reading the inputs).

/// Text from a file as it may reach the terminal: no control characters, escape
/// sequences or bidi overrides (each becomes `?`).
pub fn clean(s: &str) -> String {
    crate::safe_text::clean(s, '?')
}

pub mod input;
pub mod layout;
pub mod roster;
pub mod table;

pub use input::{Collected, Loaded, collect};
pub use layout::MAX_DRILL_COLUMNS;
pub use roster::{RosterEntry, parse_roster};
pub use table::{Report, build};
