//! The terminal UI: home, drill, results. State and layout are pure and tested on
//! `TestBackend`; only `terminal`, `paint`, `escape` and
//! `input` touch the real terminal.

pub mod app;
mod escape;
pub mod input;
pub mod keymap;
pub mod paint;
pub mod runs;
pub mod screens;
pub mod student_form;
pub mod students;
pub mod terminal;
pub mod wrap;

pub use app::{Exit, Start, run};
