//! A template's text as literal and placeholder segments: `亲，{单号}已发出` →
//! `[Literal("亲，"), Slot("单号"), Literal("已发出")]`; `{{` and `}}` are literal braces.

/// One piece of a template's text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Segment {
    Literal(String),
    Slot(String),
}

/// Why a template's text cannot be parsed; `offset` is the byte offset in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    pub offset: usize,
    pub kind: TemplateErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateErrorKind {
    /// `{` without its `}`.
    Unclosed,
    /// `}` that closes nothing (write `}}` for a literal brace).
    StrayClose,
    /// `{}` or a name with braces or a line break inside.
    BadName,
}

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let msg = match self.kind {
            TemplateErrorKind::Unclosed => crate::tr!(
                "占位符缺少右括号 }}（字面的 {{ 请写成 {{{{）",
                "placeholder has no closing }} (write {{{{ for a literal brace)"
            ),
            TemplateErrorKind::StrayClose => crate::tr!(
                "多余的右括号 }}（字面的 }} 请写成 }}}}）",
                "stray }} (write }}}} for a literal brace)"
            ),
            TemplateErrorKind::BadName => crate::tr!(
                "占位符名称为空或含有括号、换行",
                "placeholder name is empty or holds a brace or line break"
            ),
        };
        f.write_str(&msg)
    }
}

/// Parse a template's text into segments. Adjacent literals are merged. The text
/// between braces is copied a run at a time (braces are ASCII: a byte search finds them).
pub fn parse(text: &str) -> Result<Vec<Segment>, TemplateError> {
    let error = |offset, kind| Err(TemplateError { offset, kind });
    let next = |from: usize, braces: &[u8]| {
        let found = text.as_bytes()[from..]
            .iter()
            .position(|b| braces.contains(b));
        found.map(|i| from + i)
    };
    let mut segments = Vec::new();
    let mut literal = String::new();
    let mut read = 0;
    while let Some(at) = next(read, b"{}") {
        literal.push_str(&text[read..at]);
        let brace = &text[at..at + 1];
        // `{{` and `}}` are a brace of the text.
        if text[at + 1..].starts_with(brace) {
            literal.push_str(brace);
            read = at + 2;
            continue;
        }
        if brace == "}" {
            return error(at, TemplateErrorKind::StrayClose);
        }
        let Some(close) = next(at + 1, b"}") else {
            return error(at, TemplateErrorKind::Unclosed);
        };
        let name = text[at + 1..close].trim();
        if name.is_empty() || name.contains(['{', '\n']) {
            return error(at, TemplateErrorKind::BadName);
        }
        if !literal.is_empty() {
            segments.push(Segment::Literal(std::mem::take(&mut literal)));
        }
        segments.push(Segment::Slot(name.to_string()));
        read = close + 1;
    }
    literal.push_str(&text[read..]);
    if !literal.is_empty() {
        segments.push(Segment::Literal(literal));
    }
    Ok(segments)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(s: &str) -> Segment {
        Segment::Literal(s.into())
    }
    fn slot(s: &str) -> Segment {
        Segment::Slot(s.into())
    }

    #[test]
    fn splits_literals_and_slots() {
        assert_eq!(
            parse("亲，{单号}已由{快递}发出").unwrap(),
            vec![
                lit("亲，"),
                slot("单号"),
                lit("已由"),
                slot("快递"),
                lit("发出")
            ]
        );
        assert_eq!(parse("{买家}").unwrap(), vec![slot("买家")]);
        assert_eq!(parse("").unwrap(), vec![]);
    }

    #[test]
    fn double_braces_are_literal() {
        assert_eq!(parse("a{{b}}c").unwrap(), vec![lit("a{b}c")]);
    }

    #[test]
    fn reports_bad_braces() {
        assert_eq!(
            parse("亲{单号").unwrap_err().kind,
            TemplateErrorKind::Unclosed
        );
        assert_eq!(
            parse("亲}").unwrap_err().kind,
            TemplateErrorKind::StrayClose
        );
        assert_eq!(parse("亲{}").unwrap_err().kind, TemplateErrorKind::BadName);
        assert_eq!(parse("ab{ }").unwrap_err().offset, 2);
    }
}
