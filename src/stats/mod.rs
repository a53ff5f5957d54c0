//! Statistics, pure: weak characters, practice-line picking, levels, the daily goal and
//! its streak, the keyboard heatmap. The store sums the figures; this module ranks and
//! chooses. No terminal, no database.

pub mod goal;
pub mod heatmap;
pub mod levels;
pub mod picker;
pub mod practice;
pub mod weak;
