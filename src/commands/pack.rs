//! `kuaida pack …`.

use super::{Context, not_yet};
use crate::Result;
use crate::cli::PackCommand;

/// Returns the exit code.
pub fn run(ctx: &Context, command: PackCommand) -> Result<i32> {
    let _ = (ctx, command);
    Err(not_yet("pack"))
}
