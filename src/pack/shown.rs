//! What a text or phrases drill shows but does not have typed (PRODUCT.md "Shown, not
//! typed"): a 旺旺 face token `[微笑]` anywhere, and a line's leading speaker label
//! `顾客：` or `客服：`. The cursor skips them, they are not counted, and the record's
//! target keeps them.

use super::emoticon::EMOTICONS;

/// The speaker labels a line of a dialogue may start with.
pub const LABELS: [&str; 2] = ["顾客：", "客服："];

/// The byte length of a 旺旺 face token (`[微笑]`) at the start of `s`, if one is there.
pub fn token_len(s: &str) -> Option<usize> {
    let inner = s.strip_prefix('[')?;
    let end = inner.find(']')?;
    let name = &inner[..end];
    EMOTICONS
        .iter()
        .any(|(_, meaning)| *meaning == name)
        .then_some(end + 2)
}

/// For each grapheme of a segment, whether it is shown and not typed.
pub fn shown_marks(graphemes: &[String]) -> Vec<bool> {
    let mut shown = vec![false; graphemes.len()];
    let mut line_start = true;
    let mut i = 0;
    while i < graphemes.len() {
        if graphemes[i] == "\n" {
            line_start = true;
            i += 1;
            continue;
        }
        if line_start {
            line_start = false;
            if let Some(label) = LABELS.iter().find(|l| starts_with(graphemes, i, l)) {
                let n = label.chars().count();
                shown[i..i + n].fill(true);
                i += n;
                continue;
            }
        }
        if graphemes[i] == "[" {
            let rest: String = graphemes[i..].iter().take(16).map(String::as_str).collect();
            if let Some(len) = token_len(&rest) {
                let n = rest[..len].chars().count();
                if i + n <= graphemes.len() {
                    shown[i..i + n].fill(true);
                    i += n;
                    continue;
                }
            }
        }
        i += 1;
    }
    shown
}

fn starts_with(graphemes: &[String], at: usize, s: &str) -> bool {
    let mut k = at;
    for c in s.chars() {
        match graphemes.get(k) {
            Some(g) if g.chars().eq(std::iter::once(c)) => k += 1,
            _ => return false,
        }
    }
    true
}

/// A segment's text without what is shown and not typed.
pub fn typable(text: &str) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    let graphemes: Vec<String> = text.graphemes(true).map(str::to_string).collect();
    let shown = shown_marks(&graphemes);
    graphemes
        .iter()
        .zip(shown)
        .filter(|(_, s)| !s)
        .map(|(g, _)| g.as_str())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(s: &str) -> String {
        use unicode_segmentation::UnicodeSegmentation;
        let g: Vec<String> = s.graphemes(true).map(str::to_string).collect();
        shown_marks(&g)
            .iter()
            .map(|&m| if m { '^' } else { '.' })
            .collect()
    }

    #[test]
    fn faces_and_leading_labels_are_shown_not_typed() {
        assert_eq!(marks("亲[微笑]好"), ".^^^^.");
        assert_eq!(
            marks("顾客：在吗\n客服：在的"),
            "^^^...".to_string() + "^^^.."
        );
        // A label inside a line, an unknown name and a half-width colon are typed.
        assert_eq!(marks("他说顾客：好"), "......");
        assert_eq!(marks("[抱拳]顾客:好"), "........");
        assert_eq!(typable("顾客：在吗？[微笑]\n客服：在的"), "在吗？\n在的");
        assert_eq!(typable("[微笑"), "[微笑");
    }
}
