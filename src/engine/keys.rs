//! What reaches the engine and how one typed grapheme is judged: key presses and
//! pastes in batches, and whether a grapheme matches the target's.

use crate::text::{halfwidth_twin, interchangeable};
use unicode_segmentation::UnicodeSegmentation;

/// More graphemes than this arriving at once are a paste, not typing.
pub const MAX_BATCH_GRAPHEMES: usize = 32;

/// One key press, in the engine's own terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Enter,
    Backspace,
}

/// What arrived in one read: key presses (an input method's commit of several 字 is one
/// batch), or a bracketed paste.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Batch {
    Keys(Vec<Key>),
    Paste(String),
}

/// Whether `typed` is right where the target has `want`.
pub fn matches(want: &str, typed: &str) -> bool {
    want == typed || interchangeable(want, typed)
}

/// Whether `typed` is the half-width twin of a full-width `want` (wrong, counted apart).
pub fn is_halfwidth_slip(want: &str, typed: &str) -> bool {
    halfwidth_twin(want) == Some(typed)
}

/// A pasted text as the keys that would type it (CRLF and CR as one Enter).
pub(crate) fn paste_keys(text: &str) -> Vec<Key> {
    let normalised = text.replace("\r\n", "\n").replace('\r', "\n");
    normalised
        .chars()
        .map(|c| if c == '\n' { Key::Enter } else { Key::Char(c) })
        .collect()
}

/// Graphemes a batch would type (Enter counts one; Backspace none).
pub(crate) fn batch_graphemes(keys: &[Key]) -> usize {
    let mut count = 0;
    let mut run = String::new();
    for key in keys {
        match key {
            Key::Char(c) => run.push(*c),
            Key::Enter | Key::Backspace => {
                count += run.graphemes(true).count() + usize::from(*key == Key::Enter);
                run.clear();
            }
        }
    }
    count + run.graphemes(true).count()
}
