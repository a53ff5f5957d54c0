//! A small RFC 4180 reader and writer for the sheets teachers save from Excel/WPS and for
//! 千牛's quick-phrase files: quoted fields with commas, doubled quotes and line breaks.

/// One record of a CSV text with the spreadsheet row it starts on (1-based; the header is 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub row: usize,
    pub fields: Vec<String>,
}

/// Parse decoded CSV text (LF or CRLF line ends). Never fails: a quote left open runs to
/// the end of the text, a stray quote inside an unquoted field is kept as text.
pub fn parse(text: &str) -> Vec<Record> {
    let mut records = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    // Inside a field that began with a quote: a lone quote ends the quoting.
    let mut in_quotes = false;
    let mut at_field_start = true;
    let mut row = 1;
    let mut chars = text.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        any = true;
        if in_quotes {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    in_quotes = false;
                }
            } else if c != '\r' || chars.peek() != Some(&'\n') {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                in_quotes = true;
                at_field_start = false;
            }
            ',' => {
                fields.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                fields.push(std::mem::take(&mut field));
                records.push(Record {
                    row,
                    fields: std::mem::take(&mut fields),
                });
                row += 1;
                at_field_start = true;
                any = false;
            }
            _ => {
                // Text after a closing quote (`"a"b`) is kept, as spreadsheets do.
                field.push(c);
                at_field_start = false;
            }
        }
    }
    if any || !fields.is_empty() || !field.is_empty() {
        fields.push(field);
        records.push(Record { row, fields });
    }
    records
}

/// A field as a CSV cell: quoted when it holds a comma, quote, line break or edge spaces.
pub fn quote(field: &str) -> String {
    let needs = field.contains([',', '"', '\n', '\r'])
        || field.starts_with(char::is_whitespace)
        || field.ends_with(char::is_whitespace);
    if needs {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a tab or CR first)
/// gets a leading `'`, which spreadsheets show as text.
pub fn neutralise(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// Undo [`neutralise`] on a cell read back: `'=…`, `'+…`, `'-…`, `'@…` lose the `'`.
pub fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => cell,
    }
}

/// One CSV line (CRLF-terminated) of neutralised, quoted cells.
pub fn line(cells: &[&str]) -> String {
    let mut out = cells
        .iter()
        .map(|c| quote(&neutralise(c)))
        .collect::<Vec<_>>()
        .join(",");
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Vec<String>> {
        parse(text).into_iter().map(|r| r.fields).collect()
    }

    #[test]
    fn plain_and_quoted_fields() {
        assert_eq!(
            rows("a,b,c\n1,\"x,y\",\"say \"\"hi\"\"\"\n"),
            vec![vec!["a", "b", "c"], vec!["1", "x,y", "say \"hi\""]]
        );
    }

    #[test]
    fn line_breaks_inside_quotes_and_row_numbers() {
        let recs = parse("h1,h2\r\n\"line1\r\nline2\",g\r\nz,\r\n");
        assert_eq!(recs.len(), 3);
        assert_eq!(recs[1].fields, vec!["line1\nline2", "g"]);
        assert_eq!(recs[1].row, 2);
        assert_eq!(recs[2].row, 3);
        assert_eq!(recs[2].fields, vec!["z", ""]);
    }

    #[test]
    fn no_final_newline_and_open_quote() {
        assert_eq!(rows("a,b"), vec![vec!["a", "b"]]);
        assert_eq!(rows("\"open,x"), vec![vec!["open,x"]]);
        assert_eq!(rows(""), Vec::<Vec<String>>::new());
        assert_eq!(rows("a\"b,c\n"), vec![vec!["a\"b", "c"]]);
    }

    #[test]
    fn writing_quotes_and_neutralises() {
        assert_eq!(quote("a,b"), "\"a,b\"");
        assert_eq!(quote("x\"y"), "\"x\"\"y\"");
        assert_eq!(quote("plain"), "plain");
        assert_eq!(line(&["=1+1", "ok", "l1\nl2"]), "'=1+1,ok,\"l1\nl2\"\r\n");
        assert_eq!(unneutralise("'=1+1"), "=1+1");
        assert_eq!(unneutralise("'abc"), "'abc");
        let back = rows(&line(&["-5", "a,b"]));
        assert_eq!(unneutralise(&back[0][0]), "-5");
        assert_eq!(back[0][1], "a,b");
    }

    proptest::proptest! {
        #[test]
        fn written_lines_read_back(rows in proptest::collection::vec(
            proptest::collection::vec("[a-z亲，,\"\n =+@ -]{0,8}", 1..4), 1..4)
        ) {
            let mut text = String::new();
            for r in &rows {
                let cells: Vec<&str> = r.iter().map(String::as_str).collect();
                text.push_str(&line(&cells));
            }
            let back: Vec<Vec<String>> = parse(&text)
                .into_iter()
                .map(|r| r.fields.iter().map(|f| unneutralise(f).to_owned()).collect())
                .collect();
            proptest::prop_assert_eq!(back, rows);
        }

        #[test]
        fn any_text_parses(text in "\\PC{0,64}") {
            let _ = parse(&text);
        }
    }
}
