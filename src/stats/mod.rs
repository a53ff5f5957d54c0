//! Statistics, pure: weak characters, practice-line picking. The store sums the figures;
//! this module ranks and chooses. No terminal, no database.

pub mod picker;
pub mod weak;
