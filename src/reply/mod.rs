//! Quick replies, pure: templates, expansion and judging. No terminal, no clock.

pub mod judge;
pub mod session;
pub mod template;
