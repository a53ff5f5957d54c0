//! One code book across packs: a quick-reply code should mean one reply wherever a class
//! meets it, or the recall drills train contradictory answers. `pack check` warns when a
//! pack defines a code another pack at hand defines with a different text.

use super::Pack;

/// A code this pack gives another text than another pack does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clash {
    pub code: String,
    pub here: String,
    pub other_pack: String,
    pub other_title: String,
    pub there: String,
}

/// Every code of `pack` that a pack of `others` (another id) defines with another text,
/// once per code (the first such pack).
pub fn clashes(pack: &Pack, others: &[&Pack]) -> Vec<Clash> {
    let mut out = Vec::new();
    for t in &pack.templates {
        let found = others.iter().filter(|o| o.id != pack.id).find_map(|o| {
            o.templates
                .iter()
                .find(|u| u.code == t.code && u.text != t.text)
                .map(|u| (o, u))
        });
        if let Some((o, u)) = found {
            out.push(Clash {
                code: t.code.clone(),
                here: t.text.clone(),
                other_pack: o.id.clone(),
                other_title: o.title.clone(),
                there: u.text.clone(),
            });
        }
    }
    out
}

/// Where `code = "CODE"` stands in a pack's text: 1-based line and column of the
/// code's quote, for a `PATH:LINE:COL` warning; the file's start when not found.
pub fn code_position(text: &str, code: &str) -> (usize, usize) {
    let quoted = format!("\"{code}\"");
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix("code")
            && let Some(value) = rest.trim_start().strip_prefix('=')
            && value.trim_start().starts_with(&quoted)
            && let Some(at) = line.find(&quoted)
        {
            return (i + 1, line[..at].chars().count() + 1);
        }
    }
    (1, 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{pack, template};

    #[test]
    fn a_code_with_another_text_elsewhere_is_a_clash() {
        let mut mine = pack(
            vec![
                template("ps", "售后", "亲，包裹破损真抱歉"),
                template("hy", "售前", "亲，欢迎光临"),
            ],
            vec![],
        );
        mine.id = "mine".into();
        let mut other = pack(
            vec![
                template("ps", "岗前", "亲，包裹已到达"),
                template("hy", "售前", "亲，欢迎光临"),
            ],
            vec![],
        );
        other.id = "prep".into();
        let found = clashes(&mine, &[&other, &mine]);
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].code.as_str(), found[0].other_pack.as_str()),
            ("ps", "prep")
        );
        // The same pack (another copy of it) is no clash.
        let mut copy = other.clone();
        copy.id = "mine".into();
        assert!(clashes(&mine, &[&copy]).is_empty());
    }

    #[test]
    fn the_code_is_found_where_it_is_written() {
        let text = "[[template]]\ncode = \"hy\"\n\n[[template]]\n  code=\"ps\" # 破损\n";
        assert_eq!(code_position(text, "ps"), (5, 8));
        assert_eq!(code_position(text, "hy"), (2, 8));
        assert_eq!(code_position(text, "zz"), (1, 1));
    }
}
