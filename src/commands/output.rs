//! What the CLI commands print: text from files made safe for a terminal, through the
//! terminal filter (tables are laid out by `crate::fit::aligned`).

use std::io::Write;

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
    fn escapes_never_reach_the_terminal() {
        assert_eq!(clean("a\u{1b}[31mb\u{202E}"), "a?[31mb?");
    }
}
