//! Quick replies, pure: templates, expansion and judging; the code drills (`recall`,
//! `recite`) and their Leitner schedule. No terminal, no clock.

pub mod codes;
pub mod judge;
pub mod leitner;
pub mod quickreply;
pub mod recall;
pub mod recite;
pub mod record;
pub mod replay;
pub mod reply_box;
pub mod shift;
