//! What the CLI commands print: aligned tables and text from files made safe for a terminal.

use crate::text::{AmbiWidth, str_width};
use std::io::Write;

/// Rows of cells as lines with columns aligned by display width (CJK counts 2);
/// `right[c]` right-aligns column `c` (figures).
pub fn aligned(rows: &[Vec<String>], right: &[bool]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|cell| width(cell))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            let pad = " ".repeat(widths[c].saturating_sub(width(cell)));
            if c > 0 {
                line.push_str("  ");
            }
            if right.get(c).copied().unwrap_or(false) {
                line.push_str(&pad);
                line.push_str(cell);
            } else {
                line.push_str(cell);
                if c + 1 < columns {
                    line.push_str(&pad);
                }
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn width(s: &str) -> usize {
    // "—" is ambiguous; Narrow keeps the columns right on most terminals, and a
    // Wide one only shifts the last column.
    str_width(s, AmbiWidth::Narrow)
}

/// Text from a file as it may reach the terminal: no control characters or escape
/// sequences (they would be drawn, not obeyed, as `?`).
pub fn clean(s: &str) -> String {
    crate::safe_text::clean(s, '?')
}

/// Print to stdout through the terminal filter (whether stdout is a terminal or a
/// pipe: a pipe often ends in one); a closed pipe (`kuaida history | head`) is not an
/// error.
pub fn print(text: &str) {
    let text = crate::safe_text::for_output(text);
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

/// One line to stderr through the terminal filter.
pub fn eprint_line(text: &str) {
    let mut text = crate::safe_text::for_output(text);
    text.push('\n');
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
}

/// `println!` through [`print`]: every line the commands write passes the one filter.
#[macro_export]
macro_rules! out_line {
    ($($arg:tt)*) => {{
        let mut line = format!($($arg)*);
        line.push('\n');
        $crate::commands::output::print(&line);
    }};
}

/// `eprintln!` through [`eprint_line`].
#[macro_export]
macro_rules! err_line {
    ($($arg:tt)*) => {
        $crate::commands::output::eprint_line(&format!($($arg)*))
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_by_display_width() {
        let rows = vec![
            vec!["练习".to_string(), "字/分".to_string()],
            vec!["ab".to_string(), "61.5".to_string()],
        ];
        assert_eq!(aligned(&rows, &[false, true]), "练习  字/分\nab     61.5\n");
    }

    #[test]
    fn escapes_never_reach_the_terminal() {
        assert_eq!(clean("a\u{1b}[31mb\u{202E}"), "a?[31mb?");
    }
}
