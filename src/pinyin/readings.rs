//! What may be typed for each grapheme of a line: every toneless reading of a 字 from
//! the `pinyin` crate (heteronyms included) in the spellings input methods accept, and
//! for anything else the key that types it with the input method off.

use pinyin::ToPinyinMulti;
use unicode_segmentation::UnicodeSegmentation;

/// One grapheme of a line and the key sequences accepted for it (never empty; the first
/// is the one shown until the typist picks another).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grapheme {
    pub text: String,
    pub keys: Vec<String>,
}

/// The graphemes of `text` with their accepted key sequences.
pub fn line(text: &str) -> Vec<Grapheme> {
    text.graphemes(true)
        .map(|g| Grapheme {
            text: g.to_string(),
            keys: readings(g),
        })
        .collect()
}

/// The key sequences accepted for one grapheme, most usual first, without repeats.
pub fn readings(g: &str) -> Vec<String> {
    let mut chars = g.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return vec![g.to_string()];
    };
    if c.is_ascii() {
        return vec![g.to_string()];
    }
    if let Some(twin) = ascii_twin(c) {
        return vec![twin.to_string()];
    }
    let mut out: Vec<String> = Vec::new();
    if c == '嗯' {
        // Input methods type 嗯 as en; the dictionary has only n and ng.
        out.push("en".into());
    }
    if let Some(multi) = c.to_pinyin_multi() {
        for reading in multi {
            for spelling in spellings(reading.plain()) {
                if !out.contains(&spelling) {
                    out.push(spelling);
                }
            }
        }
    }
    if out.is_empty() {
        out.push(g.to_string());
    }
    out
}

/// A toneless reading as input methods take it: ü as v (lüe also as lue, nüe as nue),
/// ê as e; anything but a–z dropped (a stray combining tone mark).
fn spellings(plain: &str) -> Vec<String> {
    let base: String = plain
        .chars()
        .filter_map(|c| match c {
            'ü' => Some('v'),
            'ê' => Some('e'),
            'a'..='z' => Some(c),
            _ => None,
        })
        .collect();
    if base.is_empty() {
        return Vec::new();
    }
    let mut out = vec![base.clone()];
    if plain.contains("üe") {
        out.push(base.replace("ve", "ue"));
    }
    out
}

/// The ASCII key that types a full-width mark with the input method off.
fn ascii_twin(c: char) -> Option<char> {
    let twin = match c {
        // Full-width forms of ASCII (，！？：；（）～ and full-width letters and digits).
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0)?,
        '\u{3000}' => ' ',
        '。' => '.',
        '、' => '\\',
        '“' | '”' => '"',
        '‘' | '’' => '\'',
        '《' | '〈' => '<',
        '》' | '〉' => '>',
        '【' | '「' | '『' => '[',
        '】' | '」' | '』' => ']',
        '·' => '`',
        '￥' | '¥' => '$',
        '…' => '^',
        '—' => '_',
        _ => return None,
    };
    Some(twin)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(g: &str) -> Vec<String> {
        readings(g)
    }

    #[test]
    fn polyphonic_zi_have_every_reading() {
        assert_eq!(r("的"), ["de", "di"]);
        assert_eq!(r("呢"), ["ne", "ni"]);
        assert_eq!(r("和"), ["he", "hu", "huo"]);
        assert_eq!(r("好"), ["hao"]);
    }

    #[test]
    fn u_umlaut_as_v_and_ue_both_ways() {
        assert_eq!(r("绿"), ["lv", "lu"]);
        assert_eq!(r("女"), ["nv", "ru"]);
        assert_eq!(r("略"), ["lve", "lue"]);
        assert_eq!(r("虐"), ["nve", "nue"]);
        // j/q/x/y already spell ü as u.
        assert_eq!(r("去"), ["qu"]);
    }

    #[test]
    fn en_for_the_interjection() {
        assert_eq!(r("嗯"), ["en", "n", "ng"]);
    }

    #[test]
    fn digits_latin_and_punctuation() {
        assert_eq!(r("7"), ["7"]);
        assert_eq!(r("A"), ["A"]);
        assert_eq!(r("，"), [","]);
        assert_eq!(r("。"), ["."]);
        assert_eq!(r("？"), ["?"]);
        assert_eq!(r("～"), ["~"]);
        assert_eq!(r("、"), ["\\"]);
        assert_eq!(r("“"), ["\""]);
        assert_eq!(r("８"), ["8"]);
        assert_eq!(r("\n"), ["\n"]);
        // Nothing to spell: the grapheme itself.
        assert_eq!(r("😊"), ["😊"]);
        assert_eq!(r("e\u{301}"), ["e\u{301}"]);
    }

    #[test]
    fn a_line_keeps_its_graphemes() {
        let l = line("亲，在的");
        let texts: Vec<&str> = l.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(texts, ["亲", "，", "在", "的"]);
        assert_eq!(l[0].keys, ["qin", "qing"]);
        assert!(l.iter().all(|g| !g.keys.is_empty()));
    }
}
