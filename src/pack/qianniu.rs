//! Writing a pack's templates as a 千牛 quick-phrase import file: header
//! 快捷短语编码,快捷短语,快捷短语分组, one row per template, UTF-8 with BOM, CRLF.

use super::csv;
use super::emoticon;
use super::import::{QN_CODE, QN_GROUP, QN_TEXT};
use super::model::Pack;
use super::template::Segment;

/// A template's text as 千牛 shows it: literal braces single again, placeholders kept as
/// `{name}` for the agent to fill in, 表情 tokens back as 旺旺 codes.
pub fn plain_text(segments: &[Segment]) -> String {
    let mut out = String::new();
    for seg in segments {
        match seg {
            Segment::Literal(s) => out.push_str(s),
            Segment::Slot(name) => {
                out.push('{');
                out.push_str(name);
                out.push('}');
            }
        }
    }
    emoticon::tokens_to_codes(&out)
}

/// The file's bytes.
pub fn to_qianniu_csv(pack: &Pack) -> Vec<u8> {
    let mut out = String::from("\u{FEFF}");
    out.push_str(&csv::line(&[QN_CODE, QN_TEXT, QN_GROUP]));
    for t in &pack.templates {
        let text = plain_text(t.segments());
        out.push_str(&csv::line(&[&t.code, &text, &t.group]));
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::import::{ImportMeta, import};

    #[test]
    fn round_trip_keeps_codes_groups_and_text() {
        let sheet = "快捷短语编码,快捷短语,快捷短语分组\n\
                     hy,\"亲，在的/:^_^，满{200}减20\",售前/欢迎\n\
                     fh,\"第一行\n第二行，\"\"引号\"\"\",\n\
                     jg,-5元优惠,活动\n";
        let meta = ImportMeta {
            id: "t".into(),
            title: "T".into(),
            version: "1".into(),
            description: None,
        };
        let first = import(sheet, &meta).unwrap().pack;
        let bytes = to_qianniu_csv(&first);
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        let text = crate::pack::decode(&bytes).unwrap();
        assert!(text.contains("/:^_^"));
        assert!(text.contains("'-5元优惠"));
        let second = import(&text, &meta).unwrap().pack;
        assert_eq!(first.templates, second.templates);
    }
}
