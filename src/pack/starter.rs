//! The commented starter pack `kuaida pack new` writes.

/// The starter pack's text (LF line ends): one drill of each kind, Chinese comments on every key.
pub const STARTER_PACK: &str = include_str!("starter.toml");

/// The starter text with the platform's line ends (CRLF on Windows, for old Notepad).
pub fn starter_text() -> String {
    if cfg!(windows) {
        STARTER_PACK.replace('\n', "\r\n")
    } else {
        STARTER_PACK.to_owned()
    }
}

/// One of the spreadsheet templates `kuaida pack new --sheet DIR` writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetTemplate {
    /// The file name, in the UI language (the headers inside are what import reads).
    pub name: String,
    /// What it is for and the command that reads it, one line.
    pub what: String,
    pub bytes: Vec<u8>,
}

/// The phrase sheet and the scenario sheet (for `pack import`) and the roster (for
/// `report --roster`): the header and one example row each, as a spreadsheet opens them
/// — UTF-8 with a BOM (else Excel reads GBK), CRLF line ends.
pub fn sheet_templates() -> Vec<SheetTemplate> {
    let sheet = |rows: &[&[&str]]| {
        let mut out = String::from("\u{feff}");
        for row in rows {
            let cells: Vec<String> = row.iter().map(|c| super::csv::quote(c)).collect();
            out.push_str(&cells.join(","));
            out.push_str("\r\n");
        }
        out.into_bytes()
    };
    vec![
        SheetTemplate {
            name: crate::tr!("短语表.csv", "phrase-sheet.csv"),
            what: crate::tr!(
                "短语表：“短语”一列（“分组”可选），每组变成一个短句练习",
                "phrase sheet: a 短语 column (分组 optional), one phrases drill per group"
            ),
            bytes: sheet(&[
                &["分组", "短语"],
                &["迎接问好", "亲，在的哦～请问有什么可以帮您？"],
            ]),
        },
        SheetTemplate {
            name: crate::tr!("情景表.csv", "scenario-sheet.csv"),
            what: crate::tr!(
                "情景表：每行一条顾客消息；“店铺”这样的其余各列都是占位符",
                "scenario sheet: one customer message a row; other columns such as 店铺 are placeholders"
            ),
            bytes: sheet(&[
                &["顾客消息", "编码", "短语", "分组", "店铺", "备注"],
                &[
                    "在吗？这款还有货吗",
                    "hy",
                    "亲，欢迎光临{店铺}，请问有什么可以帮您？",
                    "迎接问好",
                    "小橙家居",
                    "现货，今天下单明天发货",
                ],
            ]),
        },
        SheetTemplate {
            name: crate::tr!("名单.csv", "roster.csv"),
            what: crate::tr!(
                "名单：学号、姓名两列，给 kuaida report --roster 用",
                "roster: 学号 and 姓名, for kuaida report --roster"
            ),
            bytes: sheet(&[&["学号", "姓名"], &["2024010101", "张三"]]),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::import::{ImportMeta, SheetKind, import};
    use crate::pack::{DrillKind, PackSource, load_text};

    #[test]
    fn sheet_templates_import_as_their_kind() {
        let sheets = sheet_templates();
        let meta = ImportMeta {
            id: "t".into(),
            title: "t".into(),
            version: "1".into(),
            description: None,
        };
        let text = |b: &[u8]| crate::pack::decode(b).expect("text");
        let phrases = import(&text(&sheets[0].bytes), &meta).expect("phrases");
        assert_eq!(phrases.kind, SheetKind::Phrases);
        assert!(phrases.notes.is_empty());
        let scenarios = import(&text(&sheets[1].bytes), &meta).expect("scenarios");
        assert_eq!(scenarios.kind, SheetKind::Scenarios);
        assert_eq!(scenarios.pack.templates.len(), 1);
        assert!(scenarios.notes.is_empty());
        let roster = crate::report::parse_roster(&sheets[2].bytes).expect("roster");
        assert_eq!(roster.len(), 1);
        assert_eq!(roster[0].id, "2024010101");
    }

    #[test]
    fn starter_passes_check_with_every_kind() {
        let pack = load_text(
            STARTER_PACK,
            "starter.toml",
            PackSource::File {
                path: "starter.toml".into(),
            },
        )
        .unwrap_or_else(|p| panic!("{p:?}"));
        for kind in DrillKind::ALL {
            assert!(
                pack.drills.iter().any(|d| d.kind() == kind),
                "no {} drill",
                kind.as_str()
            );
        }
        assert!(pack.templates.iter().any(|t| !t.placeholders().is_empty()));
        assert!(STARTER_PACK.contains("# 题包编号"));
    }
}
