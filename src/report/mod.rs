//! The class report: results documents collected from files, folders and zip archives
//! (`input`), each session examined against the teacher's packs, dates and codes
//! (`examine`), the whole read as one collection with copies found across files
//! (`collection`, `copies`), and laid out as one table per class (`table`, `cell`,
//! `assignment`, `class`, `layout`, `csv`). Pure, apart from reading the inputs.

/// Text from a file as it may reach the terminal: no control characters, escape
/// sequences or bidi overrides (each becomes `?`).
pub fn clean(s: &str) -> String {
    crate::safe_text::clean(s, '?')
}

pub mod assignment;
pub mod cell;
pub mod class;
pub mod collection;
pub mod copies;
mod csv;
pub mod examine;
pub mod flags;
pub mod input;
pub mod layout;
pub mod roster;
pub mod table;
pub mod when;

pub use collection::Collection;
pub use examine::Checks;
pub use flags::{Finding, Flag};
pub use input::{Collected, Loaded, collect};
pub use layout::MAX_DRILL_COLUMNS;
pub use roster::{RosterEntry, parse_roster};
pub use table::{Report, build};
