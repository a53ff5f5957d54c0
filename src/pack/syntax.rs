//! TOML syntax errors as a teacher can act on them: every one in a file, each at the
//! character to change, with a hint for the slips Chinese teachers make — full-width
//! marks, digits and closing quotes, a text over several lines in one pair of quotes, an
//! unquoted Chinese key.
//!
//! toml's own recovery stops at some mistakes (`id ＝ "x"`, a text over several lines):
//! everything after them stays hidden. So the lines found wrong are blanked, byte for
//! byte so that offsets hold, and the text is parsed again, until no new line is wrong.
//!
//! build.rs compiles this file with `validate.rs`: reach nothing else of the crate but
//! `tr!`.

use super::validate::RawProblem;
use crate::tr;
use std::collections::BTreeSet;
use toml::de::DeTable;

/// Parses of a text with its wrong lines blanked, after the first. Each one runs only
/// when the one before found a new wrong line, and only while the bytes parsed stay
/// within [`PARSE_BUDGET`]: a teacher's file of a few KiB gets all the rounds it needs, a
/// 10 MiB one a few.
const MAX_ROUNDS: usize = 100;

/// Bytes all the parses of one text may read together (the first always runs).
const PARSE_BUDGET: usize = 64 << 20;

/// How far below an unclosed `"` its closing quote is looked for.
const MAX_TEXT_LINES: usize = 200;

/// toml's errors as (byte offset, first line of the message), in offset order.
fn raw_errors(text: &str) -> Vec<(usize, String)> {
    let (_, errors) = DeTable::parse_recoverable(text);
    let mut out: Vec<(usize, String)> = errors
        .iter()
        .map(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            let message = e.message();
            let first = message.lines().next().unwrap_or(message).trim();
            (offset, first.to_owned())
        })
        .collect();
    out.sort_by_key(|(offset, _)| *offset);
    out
}

/// Every syntax problem of `text` in file order, one per line at most, or none when
/// toml reads it.
pub fn problems(text: &str) -> Vec<RawProblem> {
    let mut errors = raw_errors(text);
    if errors.is_empty() {
        return Vec::new();
    }
    let lines = Lines::new(text);
    let mut found = Vec::new();
    // Lines reported, or taken up by a text that runs over several lines.
    let mut done: BTreeSet<usize> = BTreeSet::new();
    let mut work = text.to_owned();
    for round in 0..=MAX_ROUNDS {
        let mut new = false;
        for (offset, message) in &errors {
            // Once lines are blanked, keys may land in a table they were not written in:
            // a duplicate then is an echo of the blanking, not the teacher's.
            if round > 0 && message.starts_with("duplicate key") {
                continue;
            }
            let offset = char_floor(text, *offset);
            let line = lines.index(offset);
            if done.contains(&line) {
                continue;
            }
            let (problem, last) = explain(text, &lines, offset, message);
            found.push(problem);
            done.extend(line..=last.max(line));
            new = true;
        }
        let spent = (round + 2).saturating_mul(text.len());
        if !new || round == MAX_ROUNDS || spent > PARSE_BUDGET {
            break;
        }
        for &line in &done {
            blank(&mut work, &lines, line);
        }
        errors = raw_errors(&work);
    }
    found.sort_by_key(|p| p.offset);
    found
}

/// Byte offsets of line starts.
struct Lines {
    starts: Vec<usize>,
    len: usize,
}

impl Lines {
    fn new(text: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines {
            starts,
            len: text.len(),
        }
    }

    /// The 0-based line holding `offset`.
    fn index(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// The byte range of line `i`, without its `\n`.
    fn range(&self, i: usize) -> std::ops::Range<usize> {
        let start = self.starts.get(i).copied().unwrap_or(self.len);
        let end = self
            .starts
            .get(i + 1)
            .map_or(self.len, |next| next.saturating_sub(1));
        start..end.max(start)
    }

    fn count(&self) -> usize {
        self.starts.len()
    }
}

fn char_floor(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    (0..=offset)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

/// Line `i` of `work` made harmless with the same number of bytes: a broken table header
/// becomes a header of its own (so the keys under it do not land in the table before and
/// read as duplicates), anything else spaces.
fn blank(work: &mut String, lines: &Lines, i: usize) {
    let range = lines.range(i);
    let Some(line) = work.get(range.clone()) else {
        return;
    };
    let len = range.len();
    let header = format!("[_{i}]");
    let replacement = if line.trim_start().starts_with('[') && header.len() <= len {
        format!("{header}{}", " ".repeat(len - header.len()))
    } else {
        " ".repeat(len)
    };
    work.replace_range(range, &replacement);
}

/// The problem for toml's error at `offset` (a char boundary), and the last line it
/// takes up (a text over several lines takes the lines down to its closing quote).
fn explain(text: &str, lines: &Lines, offset: usize, message: &str) -> (RawProblem, usize) {
    let index = lines.index(offset);
    let range = lines.range(index);
    let line = &text[range.clone()];
    let at = |i: usize| range.start + i;
    let with_hint = |offset: usize, hint: String| RawProblem {
        offset,
        message: format!("{message} ({hint})"),
    };
    let scan = scan_line(line);
    if let Some(open) = scan.unclosed {
        let content = &line[open + 1..];
        // The closing quote typed full-width: `"亲，欢迎光临”`.
        if let Some((i, c)) = content.trim_end().char_indices().last()
            && matches!(c, '”' | '“')
        {
            return (with_hint(at(open + 1 + i), fullwidth_hint(c)), index);
        }
        // A text that goes on over the next lines to a closing quote.
        if let Some(last) = closing_line(text, lines, index) {
            let before = line[..open].trim_end();
            let key = before.strip_suffix('=').map(str::trim_end).unwrap_or("");
            let example = if key.is_empty() || !key.is_ascii() {
                "\"\"\"…\"\"\"".to_owned()
            } else {
                format!("{key} = \"\"\"…\"\"\"")
            };
            let message = tr!(
                "这段文字跨了几行：多行文字的开头和结尾都要写三个英文引号，{example}",
                "this text runs over several lines: a text of several lines needs three quotes at each end, {example}"
            );
            return (
                RawProblem {
                    offset: at(open),
                    message,
                },
                last,
            );
        }
    }
    let rel = offset - range.start;
    // Full-width digits where a number is wanted: `time_limit = １２０`.
    if let Some(token) = number_token(&line[rel.min(line.len())..])
        && token.chars().any(|c| ('０'..='９').contains(&c))
    {
        let ascii: String = token.chars().map(halfwidth).collect();
        let message = tr!(
            "全角数字 {token}：数字要用半角，写成 {ascii}（切换到英文输入）",
            "full-width digits {token} where TOML wants a number: write {ascii} (switch the input method to English)"
        );
        return (RawProblem { offset, message }, index);
    }
    // A full-width mark outside any string: at the error, else after it, else before it.
    let marks: Vec<(usize, char)> = line
        .char_indices()
        .filter(|&(i, c)| full_width_twin(c).is_some() && !scan.in_string(i))
        .collect();
    let mark = marks
        .iter()
        .find(|&&(i, _)| i >= rel)
        .or_else(|| marks.first());
    if let Some(&(i, c)) = mark {
        return (with_hint(at(i), fullwidth_hint(c)), index);
    }
    // A bare key with Chinese in it: `店铺 = "…"` needs `"店铺" = "…"`.
    let rest = &line[rel.min(line.len())..];
    let key: String = rest
        .chars()
        .take_while(|&c| !c.is_whitespace() && c != '=' && c != '"' && c != '\'' && c != ',')
        .collect();
    if !key.is_empty() && !key.is_ascii() && rest[key.len()..].trim_start().starts_with('=') {
        let hint = tr!(
            "中文键名要加引号：\"{key}\" = …",
            "a Chinese key needs quotes: \"{key}\" = …"
        );
        return (with_hint(offset, hint), index);
    }
    (
        RawProblem {
            offset,
            message: message.to_owned(),
        },
        index,
    )
}

fn full_width_twin(c: char) -> Option<char> {
    Some(match c {
        '“' | '”' => '"',
        '‘' | '’' => '\'',
        '＝' | '：' => '=',
        '［' | '【' => '[',
        '］' | '】' => ']',
        '，' => ',',
        '｛' => '{',
        '｝' => '}',
        '＃' => '#',
        '\u{3000}' => ' ',
        _ => return None,
    })
}

fn fullwidth_hint(c: char) -> String {
    if c == '\u{3000}' {
        return tr!(
            "这里有一个全角空格，请改成半角空格：请切换英文标点",
            "a full-width space where TOML wants a space: switch the input method to English punctuation"
        );
    }
    let twin = full_width_twin(c).unwrap_or(c);
    tr!(
        "这里用了全角的 {c}，TOML 要的是 {twin}：请切换英文标点",
        "full-width {c} where TOML wants {twin}: switch the input method to English punctuation"
    )
}

fn halfwidth(c: char) -> char {
    match c {
        '０'..='９' | '．' | '－' | '＋' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// The number-like token at the start of `s` (digits of either width, signs, points,
/// underscores), if it is one.
fn number_token(s: &str) -> Option<&str> {
    let end = s
        .char_indices()
        .find(|&(_, c)| {
            !(c.is_ascii_digit()
                || ('０'..='９').contains(&c)
                || matches!(c, '.' | '．' | '-' | '－' | '+' | '＋' | '_'))
        })
        .map_or(s.len(), |(i, _)| i);
    let token = &s[..end];
    let rest = s[end..].trim_start();
    let ends = rest.is_empty() || rest.starts_with([',', '}', ']', '#', '，', '｝', '］']);
    (!token.is_empty() && ends).then_some(token)
}

/// Where the strings of one line are.
struct LineScan {
    /// Byte ranges inside quotes (the quotes included).
    strings: Vec<std::ops::Range<usize>>,
    /// The opening `"` of a one-line string the line never closes.
    unclosed: Option<usize>,
}

impl LineScan {
    fn in_string(&self, i: usize) -> bool {
        self.strings.iter().any(|r| r.contains(&i))
    }
}

/// The strings of a line as TOML reads them: `"…"` with `\` escapes, `'…'`, and `"""` or
/// `'''` that open a text over several lines (the rest of the line is inside). A `#`
/// outside them starts a comment.
fn scan_line(line: &str) -> LineScan {
    let mut strings = Vec::new();
    let mut unclosed = None;
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => break,
            q @ (b'"' | b'\'') => {
                if line[i..].starts_with(if q == b'"' { "\"\"\"" } else { "'''" }) {
                    strings.push(i..line.len());
                    break;
                }
                let mut j = i + 1;
                let mut closed = false;
                while j < bytes.len() {
                    if q == b'"' && bytes[j] == b'\\' {
                        j += 2;
                        continue;
                    }
                    if bytes[j] == q {
                        closed = true;
                        break;
                    }
                    j += 1;
                }
                if closed {
                    strings.push(i..j + 1);
                    i = j + 1;
                } else {
                    strings.push(i..line.len());
                    if q == b'"' {
                        unclosed = Some(i);
                    }
                    break;
                }
            }
            _ => i += 1,
        }
    }
    LineScan { strings, unclosed }
}

/// The line that closes a `"` left open on line `open`: the first line below holding a
/// `"`, unless a line that starts something new (`key =`, `[table]`) comes first.
fn closing_line(text: &str, lines: &Lines, open: usize) -> Option<usize> {
    let last = lines.count().min(open + 1 + MAX_TEXT_LINES);
    for i in open + 1..last {
        let line = &text[lines.range(i)];
        if line.contains('"') {
            return Some(i);
        }
        if starts_something(line) {
            return None;
        }
    }
    None
}

/// `[table]` or `key =` (an ASCII bare key): TOML, not the words of a text.
fn starts_something(line: &str) -> bool {
    let t = line.trim_start();
    if t.starts_with('[') {
        return true;
    }
    let key_len = t
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.'))
        .unwrap_or(t.len());
    key_len > 0 && t[key_len..].trim_start().starts_with('=')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (line, column) of each problem, 1-based, columns in characters.
    fn positions(text: &str) -> Vec<(usize, usize, String)> {
        problems(text)
            .into_iter()
            .map(|p| {
                let before = &text[..p.offset];
                let line = before.matches('\n').count() + 1;
                let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
                (line, col, p.message)
            })
            .collect()
    }

    #[test]
    fn a_clean_text_has_none() {
        assert!(problems("a = 1\nb = \"亲，在的\"\n").is_empty());
    }

    #[test]
    fn a_fullwidth_equals_sign_no_longer_hides_what_follows() {
        let found = positions("a ＝ \"x\"\nb = ture\n[t\nc = 1\nd = ture\n");
        let at: Vec<(usize, usize)> = found.iter().map(|(l, c, _)| (*l, *c)).collect();
        assert_eq!(at, [(1, 3), (2, 5), (3, 3), (5, 5)], "{found:?}");
    }

    #[test]
    fn a_text_over_several_lines_is_one_problem_at_its_opening_quote() {
        let found = positions("t = \"顾客：在吗？\n客服：亲，在的\"\nb = ture\n");
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!((found[0].0, found[0].1), (1, 5));
        assert!(found[0].2.contains("t = \"\"\"…\"\"\""), "{found:?}");
        assert_eq!((found[1].0, found[1].1), (3, 5));
    }

    #[test]
    fn an_unclosed_quote_before_a_new_key_is_not_a_text_over_lines() {
        let found = positions("t = \"亲，在的\nb = 1\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(!found[0].2.contains("\"\"\""), "{found:?}");
        // Chinese commas inside the text are not blamed.
        assert!(!found[0].2.contains('，'), "{found:?}");
    }

    #[test]
    fn a_fullwidth_closing_quote_is_pointed_at() {
        let found = positions("t = \"亲，欢迎{店铺}”\n");
        assert_eq!((found[0].0, found[0].1), (1, 14));
        assert!(found[0].2.contains('”'), "{found:?}");
    }

    #[test]
    fn fullwidth_digits_say_the_number() {
        let found = positions("a = １２０\nb = { c = ６.５, d = 1 }\n");
        assert_eq!((found[0].0, found[0].1), (1, 5));
        assert!(found[0].2.contains(" 120"), "{found:?}");
        assert_eq!((found[1].0, found[1].1), (2, 11));
        assert!(found[1].2.contains(" 6.5"), "{found:?}");
    }

    #[test]
    fn marks_inside_strings_are_not_blamed() {
        let found = positions("a = \"亲，在的\" b\n");
        assert_eq!(found.len(), 1);
        assert!(!found[0].2.contains('，'), "{found:?}");
    }

    #[test]
    fn a_broken_header_does_not_turn_the_keys_below_into_duplicates() {
        let found = positions("[pack]\nid = \"a\"\n[[drill]\nid = \"b\"\nx = ture\n");
        let at: Vec<(usize, usize)> = found.iter().map(|(l, c, _)| (*l, *c)).collect();
        assert_eq!(at, [(3, 9), (5, 5)], "{found:?}");
    }

    #[test]
    fn many_mistakes_that_stop_toml_are_all_found_in_a_small_file() {
        // Each unclosed header stops toml's recovery; every one is still found.
        let text: String = (0..40).map(|i| format!("[t{i}\nk = 1\n")).collect();
        assert_eq!(problems(&text).len(), 40);
    }

    #[test]
    fn scanning_lines() {
        let s = scan_line(r#"a = "x\"y" 'z' # "#);
        assert_eq!(s.strings, [4..10, 11..14]);
        assert_eq!(s.unclosed, None);
        assert_eq!(scan_line("a = \"亲").unclosed, Some(4));
        assert_eq!(scan_line("a = \"\"\"亲").unclosed, None);
        assert!(starts_something("  time_limit = 3"));
        assert!(!starts_something("客服：亲"));
    }
}
