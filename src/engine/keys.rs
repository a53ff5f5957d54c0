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

/// Whether `g` surely begins a grapheme of its own after `prev`, told without segmenting
/// (the common case on each key: a letter after a letter, a 字 after a 字). Both sides
/// must be a printable ASCII character, a CJK ideograph, or CJK or general punctuation
/// that never joins (no combining, joining, prepended or regional mark is among them);
/// anything else is left to the segmenter.
pub(crate) fn surely_apart(prev: &str, g: &str) -> bool {
    let plain = |c: char| {
        matches!(c,
            ' '..='~'
            | '\u{2010}'..='\u{2027}'
            | '\u{3000}'..='\u{3029}'
            | '\u{3030}'..='\u{303F}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{FF01}'..='\u{FF5E}')
    };
    prev.chars().next_back().is_some_and(plain) && g.chars().next().is_some_and(plain)
}

#[cfg(test)]
mod apart_tests {
    use super::*;

    #[test]
    fn what_is_surely_apart_is_two_graphemes_to_the_segmenter() {
        // Plain characters, and the joiners, marks and pairs around them.
        let pool = [
            "a", "Z", " ", "~", "\r", "\n", "字", "好", "，", "。", "“", "…", "—", "〰", "〽",
            "\u{302A}", "\u{3099}", "ｱ", "\u{FF9E}", "\u{301}", "\u{200D}", "🇨", "🇳", "👍",
            "\u{FE0F}", "ᄀ", "ᅡ", "\u{0600}", "\u{0915}", "\u{094D}", "！", "～",
        ];
        let mut apart = 0;
        for prev in pool {
            for g in pool {
                if surely_apart(prev, g) {
                    apart += 1;
                    let joined = format!("{prev}{g}");
                    assert_eq!(joined.graphemes(true).count(), 2, "{prev:?} {g:?}");
                }
            }
        }
        assert!(apart >= 100, "only {apart} pairs told apart");
        // Every character told plain, beside a letter, a 字 and itself.
        for c in (0..0x1_0000).filter_map(char::from_u32) {
            let c = c.to_string();
            for other in ["a", "字", c.as_str()] {
                for (prev, g) in [(c.as_str(), other), (other, c.as_str())] {
                    if surely_apart(prev, g) {
                        let joined = format!("{prev}{g}");
                        assert_eq!(joined.graphemes(true).count(), 2, "{prev:?} {g:?}");
                    }
                }
            }
        }
        assert!(surely_apart("ab", "c") && surely_apart("字", "好"));
        assert!(!surely_apart("e", "\u{301}") && !surely_apart("", "a"));
    }
}
