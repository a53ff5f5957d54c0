//! A drill in the app, one kind each: the pure session (engine, quick reply, code
//! drill, shift) with the clock around it, the keys its screen takes, and the record it saves.

pub mod codes;
pub mod reply;
pub mod shift;
pub mod typing;

/// Whether the trainer can run `drill` (a typing text, phrases, quick reply, a code
/// drill or a shift).
pub fn runnable(drill: &crate::pack::Drill) -> bool {
    typing::segments(drill).is_some()
        || matches!(
            drill.kind(),
            crate::pack::DrillKind::QuickReply | crate::pack::DrillKind::Shift
        )
        || crate::reply::codes::code_drill(drill).is_some()
}
