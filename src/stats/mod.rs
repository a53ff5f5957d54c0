//! Statistics, pure: weak characters, practice-line picking, levels. The store sums the
//! figures; this module ranks and chooses. No terminal, no database.

pub mod levels;
pub mod picker;
pub mod practice;
pub mod weak;
