//! `kuaida history [--limit N] [--json]` and `kuaida history import`.

use super::{Context, not_yet};
use crate::Result;
use crate::cli::HistoryArgs;

/// Returns the exit code.
pub fn run(ctx: &Context, args: &HistoryArgs) -> Result<i32> {
    let _ = (ctx, args);
    Err(not_yet("history"))
}
