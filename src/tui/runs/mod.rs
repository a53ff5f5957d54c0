//! A drill in the app, one kind each: the pure session (engine, quick reply, code
//! drill, shift) with the clock around it, the keys its screen takes, and the record it saves.

pub mod codes;
pub mod reply;
pub mod shift;
pub mod typing;
