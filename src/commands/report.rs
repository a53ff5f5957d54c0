//! todo
use crate::Result;
pub fn run(_args: &crate::cli::ReportArgs) -> Result<i32> {
    Err(super::not_yet("report"))
}
