//! Per-character figures of a typing session for the `session_char` and
//! `session_confusion` tables: the one recomputation's, of text and phrases drills only
//! (pinyin letters and recited replies do not line up with a typing target's 字).

use crate::engine::CharFigure;
use crate::figures::{Body, Figures};

pub(super) fn figures(f: &Figures) -> &[CharFigure] {
    match &f.body {
        Body::Typing(s) => &s.chars,
        _ => &[],
    }
}
