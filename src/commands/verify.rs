//! todo
use crate::Result;
use std::path::PathBuf;
pub fn run(_results: &std::path::Path, _packs: &[PathBuf]) -> Result<i32> {
    Err(super::not_yet("verify"))
}
