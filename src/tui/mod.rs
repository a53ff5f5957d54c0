//! The terminal UI: home, drill, results. State and layout are pure and tested on
//! `TestBackend`; only `terminal`, `paint`, `escape` and
//! `input` touch the real terminal.

pub mod app;
pub mod backend;
pub mod clock;
mod digits;
mod escape;
pub mod input;
pub mod keymap;
pub mod main_loop;
pub mod paint;
pub mod runs;
pub mod screens;
pub mod student_form;
pub mod students;
pub mod terminal;
pub mod world;
pub mod wrap;

pub use app::{Exit, Start};
pub use main_loop::run;
