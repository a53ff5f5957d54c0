//! Fitting text into terminal cells: cut, pad, wrap and align by display width.
//!
//! Every screen and printed table lays its text out through here, by graphemes and
//! their display width (CJK counts 2; ambiguous marks as the terminal draws them), so a
//! name or a drill title is never cut through a character or a flag emoji.

use crate::text::{AmbiWidth, grapheme_width, str_width};
use unicode_segmentation::UnicodeSegmentation;

/// `text` cut to at most `width` cells.
pub fn cut(text: &str, width: usize, ambi: AmbiWidth) -> String {
    let mut out = String::new();
    let mut used = 0;
    for g in text.graphemes(true) {
        let w = grapheme_width(g, ambi);
        if used + w > width {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out
}

/// `text` on one line in at most `width` cells, ending in … when cut.
pub fn cut_marked(text: &str, width: usize, ambi: AmbiWidth) -> String {
    let text = text.replace('\n', " ");
    if str_width(&text, ambi) <= width {
        return text;
    }
    let ellipsis = grapheme_width("…", ambi);
    let mut out = cut(&text, width.saturating_sub(ellipsis), ambi);
    if width >= ellipsis {
        out.push('…');
    }
    out
}

/// The end of `text` that fits in `width` cells (what a composer shows while typing).
pub fn cut_left(text: &str, width: usize, ambi: AmbiWidth) -> String {
    let mut kept: Vec<&str> = Vec::new();
    let mut used = 0;
    for g in text.graphemes(true).rev() {
        let w = grapheme_width(g, ambi);
        if used + w > width {
            break;
        }
        kept.push(g);
        used += w;
    }
    kept.reverse();
    kept.concat()
}

/// `text` padded with spaces to at least `width` cells.
pub fn pad(text: &str, width: usize, ambi: AmbiWidth) -> String {
    let used = str_width(text, ambi);
    format!("{text}{}", " ".repeat(width.saturating_sub(used)))
}

/// `text` right-aligned in at least `width` cells.
pub fn pad_left(text: &str, width: usize, ambi: AmbiWidth) -> String {
    let used = str_width(text, ambi);
    format!("{}{text}", " ".repeat(width.saturating_sub(used)))
}

/// `text` in exactly `width` cells: cut, then padded (a column of a table).
pub fn fit(text: &str, width: usize, ambi: AmbiWidth) -> String {
    pad(&cut(text, width, ambi), width, ambi)
}

/// Lines of at most `width` cells, broken between graphemes (Chinese has no spaces to
/// break at) but not inside a number or a Latin word that fits on a line of its own (an
/// order number stays whole); a line break in the text starts a new line. A grapheme
/// wider than `width` gets a line of its own.
pub fn wrap(text: &str, width: usize, ambi: AmbiWidth) -> Vec<String> {
    let is_word = |g: &str| g.len() == 1 && g.as_bytes()[0].is_ascii_alphanumeric();
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for g in para.graphemes(true) {
            let w = grapheme_width(g, ambi);
            if used + w > width && !line.is_empty() {
                // The word this grapheme continues moves down whole, unless it is the
                // whole line already.
                let word = if is_word(g) {
                    line.len()
                        - line
                            .trim_end_matches(|c: char| c.is_ascii_alphanumeric())
                            .len()
                } else {
                    0
                };
                let carry = if word > 0 && word < line.len() {
                    line.split_off(line.len() - word)
                } else {
                    String::new()
                };
                out.push(std::mem::replace(&mut line, carry));
                used = str_width(&line, ambi);
            }
            line.push_str(g);
            used += w;
        }
        out.push(line);
    }
    out
}

/// Lines of at most `width` cells broken at spaces (English, lists of codes); a word
/// wider than a line is left whole for the caller to cut.
pub fn wrap_words(text: &str, width: usize, ambi: AmbiWidth) -> Vec<String> {
    let mut rows = vec![String::new()];
    for word in text.split(' ') {
        let row = rows.last_mut().expect("one row at least");
        if row.is_empty() {
            row.push_str(word);
        } else if str_width(row, ambi) + 1 + str_width(word, ambi) <= width {
            row.push(' ');
            row.push_str(word);
        } else {
            rows.push(word.to_string());
        }
    }
    rows
}

/// Rows of cells as lines, columns two spaces apart and aligned by display width;
/// `right[c]` right-aligns column `c` (figures). Lines carry no trailing spaces.
///
/// Printed tables take ambiguous marks (such as "—") as narrow: that keeps the columns
/// right on most terminals, and on a wide one only shifts what follows the mark.
pub fn aligned(rows: &[Vec<String>], right: &[bool]) -> String {
    let ambi = AmbiWidth::Narrow;
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|cell| str_width(cell, ambi))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            if c > 0 {
                line.push_str("  ");
            }
            if right.get(c).copied().unwrap_or(false) {
                line.push_str(&pad_left(cell, widths[c], ambi));
            } else {
                line.push_str(&pad(cell, widths[c], ambi));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    const N: AmbiWidth = AmbiWidth::Narrow;

    #[test]
    fn cuts_by_display_width_never_through_a_grapheme() {
        assert_eq!(cut("亲，您好", 5, N), "亲，");
        assert_eq!(cut("🇨🇳ab", 1, N), "");
        assert_eq!(cut("🇨🇳ab", 3, N), "🇨🇳a");
        assert_eq!(fit("好", 4, N), "好  ");
        assert_eq!(fit("abcdef", 3, N), "abc");
    }

    #[test]
    fn marks_a_cut_and_keeps_what_fits() {
        assert_eq!(cut_marked("亲，您好", 5, N), "亲，…");
        assert_eq!(cut_marked("亲，您好", 8, N), "亲，您好");
        assert_eq!(cut_marked("a\nb", 3, N), "a b");
        assert_eq!(cut_marked("abc", 0, N), "");
        assert_eq!(cut_left("订单号123", 4, N), "123");
    }

    #[test]
    fn ambiguous_marks_follow_the_terminal() {
        assert_eq!(str_width(&pad("—", 3, AmbiWidth::Wide), AmbiWidth::Wide), 3);
        assert_eq!(pad("—", 3, AmbiWidth::Wide), "— ");
        assert_eq!(pad("—", 3, N), "—  ");
    }

    #[test]
    fn wraps_chinese_anywhere_and_words_at_spaces() {
        assert_eq!(wrap("ab\ncd", 1, N), ["a", "b", "c", "d"]);
        assert_eq!(wrap("您好亲", 4, N), ["您好", "亲"]);
        assert_eq!(wrap("", 4, N), [""]);
        // A number stays whole when it fits on a line; one longer than a line is cut.
        assert_eq!(wrap("单号（2026003）", 10, N), ["单号（", "2026003）"]);
        assert_eq!(wrap("123456", 4, N), ["1234", "56"]);
        assert_eq!(wrap_words("/hy /fh /tk", 7, N), ["/hy /fh", "/tk"]);
        assert_eq!(
            wrap_words("averyverylongword x", 4, N),
            ["averyverylongword", "x"]
        );
    }

    #[test]
    fn columns_align_by_display_width() {
        let rows = vec![
            vec!["练习".to_string(), "1".to_string(), "x".to_string()],
            vec!["ab".to_string(), "100".to_string(), String::new()],
        ];
        assert_eq!(aligned(&rows, &[false, true]), "练习    1  x\nab    100\n");
    }
}
