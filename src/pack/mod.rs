//! Drill packs: the model, reading files (UTF-8/GBK, size limit), validation with
//! `PATH:LINE:COL` diagnostics, the built-in packs and the installed ones.

mod load;
mod model;

pub use load::*;
pub use model::*;
