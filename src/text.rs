//! Graphemes and display widths: the units kuaida counts and draws in.
//!
//! A grapheme cluster is one 字, one letter, one emoji (with its joiners and marks).
//! Widths are terminal cells: CJK is 2, and East Asian ambiguous marks (“ ” … —)
//! are 1 or 2 as the terminal draws them, which [`AmbiWidth`] records.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The grapheme clusters of `s`, in order.
pub fn graphemes(s: &str) -> Vec<&str> {
    s.graphemes(true).collect()
}

/// How many grapheme clusters `s` has.
pub fn grapheme_count(s: &str) -> usize {
    s.graphemes(true).count()
}

/// How wide the terminal draws East Asian ambiguous-width characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AmbiWidth {
    #[default]
    Narrow,
    Wide,
}

impl AmbiWidth {
    pub fn from_cells(cells: u8) -> Option<AmbiWidth> {
        match cells {
            1 => Some(AmbiWidth::Narrow),
            2 => Some(AmbiWidth::Wide),
            _ => None,
        }
    }

    pub fn cells(self) -> u8 {
        match self {
            AmbiWidth::Narrow => 1,
            AmbiWidth::Wide => 2,
        }
    }
}

/// Display width of one grapheme in terminal cells. Control characters count 0;
/// a line break is drawn by the caller, not as a cell.
pub fn grapheme_width(g: &str, ambi: AmbiWidth) -> usize {
    match ambi {
        AmbiWidth::Narrow => g.width(),
        AmbiWidth::Wide => g.width_cjk(),
    }
}

/// Display width of a string in terminal cells.
pub fn str_width(s: &str, ambi: AmbiWidth) -> usize {
    s.graphemes(true).map(|g| grapheme_width(g, ambi)).sum()
}

/// Whether the terminal's choice of ambiguous width changes how wide `g` is drawn.
pub fn is_ambiguous(g: &str) -> bool {
    g.width() != g.width_cjk()
}

/// Whether `c` is a Han character (汉字): the CJK unified ideographs with their
/// extensions, compatibility ideographs and 〇.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3007
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0x20000..=0x2A6DF
        | 0x2A700..=0x2EBEF
        | 0x2F800..=0x2FA1F
        | 0x30000..=0x323AF)
}

/// `s` with each line break (LF, CRLF, CR) as ↵, as kuaida shows a typed Enter.
pub fn line_breaks_shown(s: &str) -> String {
    s.replace("\r\n", "↵").replace(['\n', '\r'], "↵")
}

/// Full-width marks of Chinese text and their half-width (ASCII) twins.
pub const FULLWIDTH_TWINS: [(&str, &str); 9] = [
    ("，", ","),
    ("。", "."),
    ("？", "?"),
    ("！", "!"),
    ("：", ":"),
    ("；", ";"),
    ("～", "~"),
    ("（", "("),
    ("）", ")"),
];

/// The half-width twin of a full-width mark, if it has one.
pub fn halfwidth_twin(full: &str) -> Option<&'static str> {
    FULLWIDTH_TWINS
        .iter()
        .find(|(f, _)| *f == full)
        .map(|(_, h)| *h)
}

/// Whether `typed` stands for `target` although the code points differ: input methods
/// alternate “/” and ‘/’ on their own, so either of a pair is right; and the yuan sign
/// is ￥ (full-width, what Shift+4 gives in Chinese input methods) or ¥ as the font has it.
pub fn interchangeable(target: &str, typed: &str) -> bool {
    matches!(
        (target, typed),
        ("“", "”") | ("”", "“") | ("‘", "’") | ("’", "‘") | ("￥", "¥") | ("¥", "￥")
    )
}

/// Whether `s` holds a character that must never reach the terminal from a file
/// (other than a line break): see [`crate::safe_text`].
pub fn first_control_char(s: &str) -> Option<(usize, char)> {
    crate::safe_text::first_unsafe(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_graphemes_not_chars() {
        assert_eq!(grapheme_count("亲，您好"), 4);
        // e + combining acute is one grapheme; a family emoji with joiners is one.
        assert_eq!(grapheme_count("e\u{301}"), 1);
        assert_eq!(grapheme_count("👨\u{200d}👩\u{200d}👧"), 1);
    }

    #[test]
    fn widths_follow_the_terminal() {
        assert_eq!(str_width("亲a", AmbiWidth::Narrow), 3);
        assert_eq!(grapheme_width("“", AmbiWidth::Narrow), 1);
        assert_eq!(grapheme_width("“", AmbiWidth::Wide), 2);
        assert_eq!(grapheme_width("，", AmbiWidth::Narrow), 2);
        assert!(is_ambiguous("…"));
        assert!(!is_ambiguous("字"));
    }

    #[test]
    fn twins_and_quotes() {
        assert_eq!(halfwidth_twin("，"), Some(","));
        assert_eq!(halfwidth_twin("字"), None);
        assert!(interchangeable("“", "”"));
        assert!(interchangeable("¥", "￥"));
        assert!(!interchangeable("“", "\""));
    }

    #[test]
    fn finds_control_characters() {
        assert_eq!(first_control_char("好\n的"), None);
        assert_eq!(first_control_char("a\u{1b}[31m"), Some((1, '\u{1b}')));
        assert_eq!(first_control_char("a\tb"), Some((1, '\t')));
    }
}
