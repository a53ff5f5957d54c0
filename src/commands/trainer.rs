//! The terminal trainer: `kuaida`, `kuaida PACK.toml`, `kuaida drill …`.

use super::{Context, not_yet};
use crate::Result;
use crate::cli::DrillArgs;
use std::path::Path;

/// The home screen (optionally on a pack file given on the command line).
pub fn run_home(ctx: &Context, pack_file: Option<&Path>) -> Result<i32> {
    let _ = (ctx, pack_file);
    Err(not_yet("kuaida"))
}

/// One drill directly.
pub fn run_drill(ctx: &Context, args: &DrillArgs) -> Result<i32> {
    let _ = (ctx, args);
    Err(not_yet("drill"))
}
