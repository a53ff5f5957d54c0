//! The one terminal filter: what in a string from a file or a record (a pack, a results
//! file, a file name, a zip entry, a roster) must never reach the terminal as it is.
//!
//! That is every control character — C0 (ESC starts every escape sequence), DEL and C1
//! (U+009B is a CSI on some terminals) — and every invisible format character that
//! reorders or hides text: the bidi marks (U+200E, U+200F, U+061C), embeddings,
//! overrides and isolates (U+202A–202E, U+2066–2069), zero-width spaces, joiners other
//! than ZWJ, invisible operators, the byte-order mark, interlinear annotations, line
//! and paragraph separators, Hangul fillers and tag characters. Kept: what emoji need —
//! ZWJ (U+200D) inside a sequence, variation selectors (not format characters), and tag
//! characters right after a black flag (subdivision flags such as England's).
//!
//! Self-contained: `build.rs` checks the built-in packs with the same rule.

/// Whether `c` is a control character (line breaks and tabs included) or an invisible
/// format character. ZWJ and tag characters are judged in context by [`unsafe_at`].
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_format(c)
}

/// The invisible format characters (Unicode category Cf, the line and paragraph
/// separators and the Hangul fillers), ZWJ and tags included.
pub fn is_format(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{0600}'..='\u{0605}'
            | '\u{061C}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
    )
}

/// The bidi marks, embeddings, overrides and isolates: what reorders text on screen.
pub fn is_bidi(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Whether the character at `i` of `chars` must not be shown: [`is_unsafe`], except a
/// ZWJ between two visible characters and tag characters continuing a black flag.
fn unsafe_at(chars: &[char], i: usize) -> bool {
    let c = chars[i];
    if !is_unsafe(c) {
        return false;
    }
    let visible = |c: Option<&char>| c.is_some_and(|&c| !is_unsafe(c) && !c.is_whitespace());
    match c {
        '\u{200D}' => !(i > 0 && visible(chars.get(i - 1)) && visible(chars.get(i + 1))),
        '\u{E0020}'..='\u{E007F}' => {
            // 🏴 then tag letters then CANCEL TAG (U+E007F).
            let start = chars[..i]
                .iter()
                .rposition(|c| !matches!(c, '\u{E0020}'..='\u{E007E}'));
            start.is_none_or(|s| chars[s] != '\u{1F3F4}')
        }
        _ => true,
    }
}

/// The first character of `s` that must not reach the terminal, other than a line
/// break, and its byte offset (what `pack check` reports).
pub fn first_unsafe(s: &str) -> Option<(usize, char)> {
    if !s.chars().any(|c| c != '\n' && is_unsafe(c)) {
        return None;
    }
    let chars: Vec<char> = s.chars().collect();
    let mut offset = 0;
    for (i, &c) in chars.iter().enumerate() {
        if c != '\n' && unsafe_at(&chars, i) {
            return Some((offset, c));
        }
        offset += c.len_utf8();
    }
    None
}

/// `s` with each character that must not be shown replaced by `replacement`; `keep`
/// names characters let through (the program's own line breaks and tabs).
pub fn filtered(s: &str, replacement: char, keep: &[char]) -> String {
    if !s.chars().any(|c| is_unsafe(c) && !keep.contains(&c)) {
        return s.to_string();
    }
    let chars: Vec<char> = s.chars().collect();
    (0..chars.len())
        .map(|i| {
            let c = chars[i];
            if keep.contains(&c) || !unsafe_at(&chars, i) {
                c
            } else {
                replacement
            }
        })
        .collect()
}

/// A string from a file, as one piece of a line: every control character (line breaks
/// included) and hidden format character becomes `replacement`.
pub fn clean(s: &str, replacement: char) -> String {
    filtered(s, replacement, &[])
}

/// Whole output of the program (its own lines with pieces from files): line breaks
/// (LF, and CR before LF as CSV ends its rows) and tabs stay, everything else [`clean`]
/// replaces becomes `?`.
pub fn for_output(s: &str) -> String {
    // A CSV document starts with a byte-order mark, for spreadsheets.
    if let Some(rest) = s.strip_prefix('\u{FEFF}') {
        return format!("\u{FEFF}{}", for_output(rest));
    }
    let out = filtered(s, '?', &['\n', '\t', '\r']);
    if !out.contains('\r') {
        return out;
    }
    // A lone CR moves back to the start of the line: what follows would overwrite it.
    out.replace("\r\n", "\n\u{0}")
        .replace('\r', "?")
        .replace("\n\u{0}", "\r\n")
}

/// JSON text (as serde_json writes it) safe for a terminal and the same document: such
/// characters stand only inside strings there, where `\uXXXX` (a surrogate pair past
/// U+FFFF) means the same text.
pub fn json_escaped(json: &str) -> String {
    if !json.chars().any(is_unsafe) {
        return json.to_string();
    }
    let chars: Vec<char> = json.chars().collect();
    let mut out = String::with_capacity(json.len() + 16);
    for (i, &c) in chars.iter().enumerate() {
        // Line breaks and tabs outside strings are serde_json's own layout.
        if matches!(c, '\n' | '\t' | '\r' | ' ') || !unsafe_at(&chars, i) {
            out.push(c);
            continue;
        }
        let mut units = [0u16; 2];
        for u in c.encode_utf16(&mut units) {
            out.push_str(&format!("\\u{u:04x}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_escapes_and_hidden_marks_are_replaced() {
        for c in [
            '\u{1b}',
            '\u{7}',
            '\u{7f}',
            '\u{9b}',
            '\u{85}',
            '\u{200E}',
            '\u{200F}',
            '\u{061C}',
            '\u{202A}',
            '\u{202E}',
            '\u{2066}',
            '\u{2069}',
            '\u{200B}',
            '\u{2028}',
            '\u{FEFF}',
            '\u{2060}',
            '\u{E0041}',
        ] {
            let s = format!("a{c}b");
            assert_eq!(clean(&s, '?'), "a?b", "U+{:04X}", u32::from(c));
            assert_eq!(first_unsafe(&s), Some((1, c)));
        }
        assert_eq!(clean("a\nb\tc", '?'), "a?b?c");
        assert_eq!(for_output("a\nb\tc\u{1b}[2J"), "a\nb\tc?[2J");
        assert_eq!(for_output("a\r\nb\rc\u{0}"), "a\r\nb?c?");
    }

    #[test]
    fn what_emoji_need_is_kept() {
        for s in [
            "👨\u{200d}👩\u{200d}👧",
            "❤\u{fe0f}",
            "👍🏽",
            "🏴\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}",
            "亲，您好",
        ] {
            assert_eq!(clean(s, '?'), s);
            assert_eq!(first_unsafe(s), None);
        }
        // A joiner with nothing to join hides text.
        assert_eq!(clean("a\u{200d}", '?'), "a?");
        assert_eq!(clean("\u{e0041}", '?'), "?");
    }

    #[test]
    fn json_escapes_keep_the_document() {
        let text = "a\u{9b}2J\u{7f}\u{202E}\u{200E}\u{E0041}b";
        let json = serde_json::to_string_pretty(&serde_json::json!({ "k": text })).unwrap();
        let safe = json_escaped(&json);
        assert!(!safe.chars().any(|c| is_unsafe(c) && c != '\n'), "{safe}");
        assert!(safe.contains("\\u009b") && safe.contains("\\udb40\\udc41"));
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["k"], text);
    }
}
