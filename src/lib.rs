//! kuaida (快打): an offline terminal trainer for e-commerce customer-service typing
//! and quick replies. The binary is a thin shell over this library.
//!
//! Pure logic (`pack`, `record`, `engine`, `reply`, `pinyin`, `stats`, `figures`) never
//! touches the terminal or the database; `store` owns SQLite, `tui` owns the terminal and
//! the clock, `commands` is clap glue and printing. The tree and the way a keystroke
//! takes to the saved row: `docs/architecture.md`.

pub mod cli;
pub mod commands;
pub mod config;
pub mod context;
pub mod cost;
pub mod engine;
pub mod error;
pub mod export;
pub mod figures;
pub mod fit;
pub mod i18n;
pub mod pack;
pub mod paths;
pub mod pinyin;
pub mod read_safe;
pub mod record;
pub mod reply;
pub mod report;
pub mod safe_text;
pub mod stats;
pub mod store;
#[cfg(test)]
pub(crate) mod testing;
pub mod text;
pub mod tui;
pub mod verify;
pub mod write_safe;

pub use error::{Error, Result};
