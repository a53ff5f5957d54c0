//! Turning a CSV sheet into a pack: a 千牛 quick-phrase export, a phrase sheet or a
//! scenario sheet, told apart by the header row. Pure: text in, a pack and notes out.

use super::csv::{self, Record};
use super::emoticon;
use super::model::{Drill, DrillBody, Pack, PackSource, PhraseOrder, Scenario, Template};
use super::template;
use super::validate::NO_GROUP;
use crate::tr;
use std::collections::{HashMap, HashSet};

/// The 千牛 quick-phrase file's columns.
pub const QN_CODE: &str = "快捷短语编码";
pub const QN_TEXT: &str = "快捷短语";
pub const QN_GROUP: &str = "快捷短语分组";

/// Which sheet a CSV file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetKind {
    Qianniu,
    Phrases,
    Scenarios,
}

/// What the pack is called; the rest comes from the sheet.
#[derive(Debug, Clone)]
pub struct ImportMeta {
    pub id: String,
    pub title: String,
    pub version: String,
    pub description: Option<String>,
}

/// A message about one spreadsheet row (1-based; the header is row 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowNote {
    pub row: usize,
    pub message: String,
}

#[derive(Debug)]
pub struct Imported {
    pub kind: SheetKind,
    pub pack: Pack,
    /// What was changed on the way (generated codes, skipped rows); the pack is still written.
    pub notes: Vec<RowNote>,
    /// How many 旺旺 emoticon codes became 表情 tokens.
    pub emoticons: usize,
}

#[derive(Debug)]
pub enum ImportError {
    /// The header row is none of the three sheets.
    UnknownHeader,
    /// The sheet has no usable row.
    Empty,
    /// Rows that cannot work, each with its row number.
    Rows(Vec<RowNote>),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::UnknownHeader => f.write_str(&tr!(
                "第 1 行（表头）认不出：千牛导出的表头是 快捷短语编码,快捷短语,快捷短语分组；短语表要有“短语”列（可选“分组”）；情景表要有“顾客消息”和“编码”列",
                "row 1 (the header) is not recognised: a 千牛 export has 快捷短语编码,快捷短语,快捷短语分组; a phrase sheet needs a 短语 column (分组 optional); a scenario sheet needs 顾客消息 and 编码"
            )),
            ImportError::Empty => f.write_str(&tr!(
                "表里没有可用的行",
                "the sheet has no usable row"
            )),
            ImportError::Rows(rows) => {
                for (i, r) in rows.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{}: {}", r.row, r.message)?;
                }
                Ok(())
            }
        }
    }
}

/// A cell as text for a pack: control characters and bidi overrides removed (a tab becomes
/// a space, line breaks stay), a spreadsheet's formula guard `'` undone, edges trimmed.
pub fn clean_cell(cell: &str) -> String {
    let cell = csv::unneutralise(cell.trim());
    cell.chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            c if c != '\u{200D}' && crate::safe_text::is_unsafe(c) => None,
            c => Some(c),
        })
        .collect::<String>()
        .trim()
        .to_owned()
}

/// `{` and `}` as literal braces in a template's text.
pub fn escape_braces(s: &str) -> String {
    s.replace('{', "{{").replace('}', "}}")
}

fn is_code(s: &str) -> bool {
    (1..=16).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// Which sheet the header row makes this.
pub fn detect(header: &[String]) -> Option<SheetKind> {
    let has = |name: &str| header.iter().any(|h| h == name);
    if has(QN_TEXT) {
        Some(SheetKind::Qianniu)
    } else if has("顾客消息") && has("编码") {
        Some(SheetKind::Scenarios)
    } else if has("短语") {
        Some(SheetKind::Phrases)
    } else {
        None
    }
}

/// Import decoded CSV text (UTF-8, LF line ends).
pub fn import(text: &str, meta: &ImportMeta) -> Result<Imported, ImportError> {
    let mut records = csv::parse(text).into_iter();
    let header: Vec<String> = records
        .next()
        .map(|r| r.fields.iter().map(|f| clean_cell(f)).collect())
        .ok_or(ImportError::UnknownHeader)?;
    let kind = detect(&header).ok_or(ImportError::UnknownHeader)?;
    let rows: Vec<Record> = records
        .filter(|r| r.fields.iter().any(|f| !clean_cell(f).is_empty()))
        .collect();
    let col = |name: &str| header.iter().position(|h| h == name);
    let mut pack = Pack {
        id: meta.id.clone(),
        title: meta.title.clone(),
        version: meta.version.clone(),
        author: None,
        description: meta.description.clone(),
        tags: Vec::new(),
        templates: Vec::new(),
        drills: Vec::new(),
        start_code: Vec::new(),
        assignments: Vec::new(),
        hash: String::new(),
        source: PackSource::File {
            path: format!("{}.toml", meta.id).into(),
        },
    };
    let mut notes = Vec::new();
    let mut emoticons = 0;
    match kind {
        SheetKind::Qianniu => {
            let cols = (col(QN_CODE), col(QN_TEXT), col(QN_GROUP));
            emoticons = qianniu(&rows, cols, &mut pack, &mut notes)?;
        }
        SheetKind::Phrases => phrases(&rows, col("短语"), col("分组"), &mut pack, &mut notes)?,
        SheetKind::Scenarios => scenarios(&rows, &header, &mut pack)?,
    }
    Ok(Imported {
        kind,
        pack,
        notes,
        emoticons,
    })
}

fn cell(r: &Record, col: Option<usize>) -> String {
    col.and_then(|i| r.fields.get(i))
        .map(|c| clean_cell(c))
        .unwrap_or_default()
}

fn note(row: usize, message: String) -> RowNote {
    RowNote { row, message }
}

/// At most 20 items per round when there are more.
fn round(n: usize) -> Option<usize> {
    (n > 20).then_some(20)
}

fn template_from(code: String, group: String, text: String) -> Option<Template> {
    let segments = template::parse(&text).ok()?;
    Some(Template::parsed(code, group, text, segments))
}

/// Recall and recite drills over the pack's templates.
fn code_drills(pack: &mut Pack) {
    let n = pack.templates.len();
    pack.drills.push(Drill::plain(
        "recall",
        tr!("快捷编码 · 回想", "Codes · recall"),
        DrillBody::Recall {
            group: None,
            count: round(n),
        },
    ));
    pack.drills.push(Drill::plain(
        "recite",
        tr!("快捷短语 · 默打", "Phrases · recite"),
        DrillBody::Recite {
            group: None,
            count: round(n),
        },
    ));
}

fn qianniu(
    rows: &[Record],
    (code_col, text_col, group_col): (Option<usize>, Option<usize>, Option<usize>),
    pack: &mut Pack,
    notes: &mut Vec<RowNote>,
) -> Result<usize, ImportError> {
    struct Entry {
        row: usize,
        raw_code: String,
        code: Option<String>,
        group: String,
        text: String,
        plain: String,
    }
    let mut entries = Vec::new();
    let mut emoticons = 0;
    for r in rows {
        let raw = cell(r, text_col);
        let (text, n) = emoticon::codes_to_tokens(&raw);
        if text.is_empty() {
            notes.push(note(
                r.row,
                tr!("短语为空，已跳过", "the phrase is empty; skipped"),
            ));
            continue;
        }
        emoticons += n;
        let group = cell(r, group_col);
        entries.push(Entry {
            row: r.row,
            raw_code: cell(r, code_col),
            code: None,
            group: if group.is_empty() {
                NO_GROUP.to_owned()
            } else {
                group
            },
            plain: emoticon::strip_tokens(&text),
            text: escape_braces(&text),
        });
    }
    if entries.is_empty() {
        return Err(ImportError::Empty);
    }
    // First the codes that can stay (valid, first use), so generated ones avoid them all.
    let mut first_row: HashMap<String, usize> = HashMap::new();
    for e in &mut entries {
        let code = e.raw_code.to_lowercase();
        if is_code(&code) && !first_row.contains_key(&code) {
            first_row.insert(code.clone(), e.row);
            e.code = Some(code);
        }
    }
    let mut used: HashSet<String> = first_row.keys().cloned().collect();
    let mut next = 1;
    for e in &mut entries {
        if e.code.is_some() {
            continue;
        }
        let generated = loop {
            let c = format!("p{next}");
            next += 1;
            if used.insert(c.clone()) {
                break c;
            }
        };
        let lower = e.raw_code.to_lowercase();
        let shown: String = e.raw_code.chars().take(40).collect();
        let message = if e.raw_code.is_empty() {
            tr!(
                "没有编码，生成了 {generated}",
                "no code; generated {generated}"
            )
        } else if let Some(first) = first_row.get(&lower).filter(|_| is_code(&lower)) {
            tr!(
                "编码 {lower} 与第 {first} 行重复，改为 {generated}",
                "code {lower} repeats row {first}; generated {generated}"
            )
        } else {
            tr!(
                "编码 \"{shown}\" 无效（只能用小写字母和数字，1 到 16 个），改为 {generated}",
                "code \"{shown}\" is not valid (1 to 16 of a-z and 0-9); generated {generated}"
            )
        };
        notes.push(note(e.row, message));
        e.code = Some(generated);
    }
    let mut plain = Vec::new();
    for e in entries {
        let code = e.code.unwrap_or_default();
        match template_from(code, e.group, e.text) {
            Some(t) => pack.templates.push(t),
            None => notes.push(note(
                e.row,
                tr!("短语无法使用，已跳过", "the phrase cannot be used; skipped"),
            )),
        }
        if !e.plain.is_empty() {
            plain.push(e.plain);
        }
    }
    notes.sort_by_key(|n| n.row);
    code_drills(pack);
    if !plain.is_empty() {
        let n = plain.len();
        pack.drills.push(Drill::plain(
            "phrases",
            tr!("快捷短语 · 跟打", "Phrases · typing"),
            DrillBody::Phrases {
                phrases: plain,
                order: PhraseOrder::Shuffle,
                count: round(n),
            },
        ));
    }
    Ok(emoticons)
}

fn phrases(
    rows: &[Record],
    text_col: Option<usize>,
    group_col: Option<usize>,
    pack: &mut Pack,
    notes: &mut Vec<RowNote>,
) -> Result<(), ImportError> {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for r in rows {
        let text = cell(r, text_col);
        if text.is_empty() {
            notes.push(note(
                r.row,
                tr!("短语为空，已跳过", "the phrase is empty; skipped"),
            ));
            continue;
        }
        let group = cell(r, group_col);
        let group = if group.is_empty() {
            NO_GROUP.to_owned()
        } else {
            group
        };
        match groups.iter_mut().find(|(g, _)| *g == group) {
            Some((_, list)) => list.push(text),
            None => groups.push((group, vec![text])),
        }
    }
    if groups.is_empty() {
        return Err(ImportError::Empty);
    }
    let single = groups.len() == 1;
    for (i, (group, list)) in groups.into_iter().enumerate() {
        let id = if single {
            "phrases".to_owned()
        } else {
            format!("phrases-{}", i + 1)
        };
        let title = if single && group == NO_GROUP {
            pack.title.clone()
        } else {
            group
        };
        let n = list.len();
        pack.drills.push(Drill::plain(
            &id,
            title,
            DrillBody::Phrases {
                phrases: list,
                order: PhraseOrder::Shuffle,
                count: round(n),
            },
        ));
    }
    Ok(())
}

/// Columns of a scenario sheet that are not slots.
const SCENARIO_COLUMNS: [&str; 5] = ["顾客消息", "编码", "短语", "分组", "备注"];

fn scenarios(rows: &[Record], header: &[String], pack: &mut Pack) -> Result<(), ImportError> {
    let col = |name: &str| header.iter().position(|h| h == name);
    let (customer_col, code_col, text_col, group_col, note_col) = (
        col("顾客消息"),
        col("编码"),
        col("短语"),
        col("分组"),
        col("备注"),
    );
    let slot_cols: Vec<(usize, &String)> = header
        .iter()
        .enumerate()
        .filter(|(_, h)| !SCENARIO_COLUMNS.contains(&h.as_str()))
        .collect();
    let mut errors = Vec::new();
    for (k, (_, name)) in slot_cols.iter().enumerate() {
        if !name.is_empty() && slot_cols[..k].iter().any(|(_, n)| n == name) {
            errors.push(note(
                1,
                tr!(
                    "列名 {name} 出现了两次（每个占位符只能有一列）",
                    "the column {name} appears twice (one column per placeholder)"
                ),
            ));
        }
    }
    // code → (template, row that defined it)
    let mut defined: Vec<(Template, usize)> = Vec::new();
    let mut scenarios: Vec<(usize, Scenario)> = Vec::new();
    for r in rows {
        let customer = cell(r, customer_col);
        if customer.is_empty() {
            errors.push(note(
                r.row,
                tr!("“顾客消息”是空的", "the 顾客消息 cell is empty"),
            ));
        }
        let raw_codes = cell(r, code_col).to_lowercase();
        let codes: Vec<String> = raw_codes
            .split([' ', ',', '，', '、', '/', '|', ';', '；', '\n'])
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect();
        if codes.is_empty() {
            errors.push(note(r.row, tr!("“编码”是空的", "the 编码 cell is empty")));
        }
        for c in &codes {
            if !is_code(c) {
                errors.push(note(
                    r.row,
                    tr!(
                        "编码 \"{c}\" 无效：只能用小写字母和数字，1 到 16 个",
                        "code \"{c}\" is not valid: use 1 to 16 of a-z and 0-9"
                    ),
                ));
            }
        }
        let text = cell(r, text_col);
        if !text.is_empty() {
            if codes.len() != 1 {
                errors.push(note(
                    r.row,
                    tr!(
                        "填了“短语”的行只能有一个编码",
                        "a row with a 短语 must have exactly one code"
                    ),
                ));
            } else if let Some((t, first)) = defined.iter().find(|(t, _)| t.code == codes[0]) {
                if t.text != text {
                    let (code, first) = (&t.code, *first);
                    errors.push(note(
                        r.row,
                        tr!(
                            "编码 {code} 在第 {first} 行已有不同的短语",
                            "code {code} already has a different 短语 on row {first}"
                        ),
                    ));
                }
            } else {
                match template::parse(&text) {
                    Ok(segments) => {
                        let group = cell(r, group_col);
                        defined.push((
                            Template::parsed(
                                codes[0].clone(),
                                if group.is_empty() {
                                    NO_GROUP.to_owned()
                                } else {
                                    group
                                },
                                text,
                                segments,
                            ),
                            r.row,
                        ));
                    }
                    Err(e) => errors.push(note(r.row, format!("{}: {e}", tr!("短语", "短语")))),
                }
            }
        }
        let mut slots = Vec::new();
        for (i, name) in &slot_cols {
            let value = cell(r, Some(*i));
            if value.is_empty() {
                continue;
            }
            if name.is_empty() {
                let n = i + 1;
                errors.push(note(
                    r.row,
                    tr!(
                        "第 {n} 列有内容但没有列名（列名就是占位符名）",
                        "column {n} has a value but no name (the column name is the placeholder)"
                    ),
                ));
                continue;
            }
            slots.push(((*name).clone(), value));
        }
        let context = cell(r, note_col);
        scenarios.push((
            r.row,
            Scenario {
                customer: vec![customer],
                expect: codes,
                card: slots.clone(),
                slots,
                context: (!context.is_empty()).then_some(context),
            },
        ));
    }
    if scenarios.is_empty() {
        return Err(ImportError::Empty);
    }
    for (row, s) in &scenarios {
        for code in &s.expect {
            if !is_code(code) {
                continue;
            }
            let Some((t, _)) = defined.iter().find(|(t, _)| &t.code == code) else {
                errors.push(note(
                    *row,
                    tr!(
                        "编码 {code} 没有短语：在它第一次出现的那一行的“短语”列写上内容",
                        "code {code} has no 短语: write its text in the 短语 column of a row with it"
                    ),
                ));
                continue;
            };
            let wanted = t.placeholders();
            let missing: Vec<&str> = wanted
                .iter()
                .filter(|w| !s.slots.iter().any(|(k, _)| k == *w))
                .copied()
                .collect();
            let extra: Vec<&str> = s
                .slots
                .iter()
                .map(|(k, _)| k.as_str())
                .filter(|k| !wanted.contains(k))
                .collect();
            if !missing.is_empty() {
                let names = missing.join("、");
                errors.push(note(
                    *row,
                    tr!(
                        "短语 {code} 的占位符 {names} 没有填值（填在同名的列里）",
                        "placeholders {names} of {code} have no value (fill the columns of that name)"
                    ),
                ));
            }
            if !extra.is_empty() {
                let names = extra.join("、");
                errors.push(note(
                    *row,
                    tr!(
                        "列 {names} 填了值，但短语 {code} 没有这些占位符",
                        "columns {names} have values but {code} has no such placeholders"
                    ),
                ));
            }
        }
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.row);
        return Err(ImportError::Rows(errors));
    }
    pack.templates = defined.into_iter().map(|(t, _)| t).collect();
    pack.drills.push(Drill::plain(
        "reply",
        tr!("快捷回复", "Quick replies"),
        DrillBody::QuickReply {
            scenarios: scenarios.into_iter().map(|(_, s)| s).collect(),
            target_seconds: 15,
        },
    ));
    code_drills(pack);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta() -> ImportMeta {
        ImportMeta {
            id: "t".into(),
            title: "T".into(),
            version: "1".into(),
            description: None,
        }
    }

    #[test]
    fn qianniu_codes_groups_emoticons_braces() {
        let csv = "快捷短语编码,快捷短语,快捷短语分组\n\
                   hy,\"亲，在的/:^_^\",售前/欢迎\n\
                   ,没有编码,\n\
                   HY,重复的编码,售前\n\
                   好的,中文编码,售后\n\
                   p1,满{200}减20,活动\n\
                   x,,空\n";
        let im = import(csv, &meta()).unwrap();
        assert_eq!(im.kind, SheetKind::Qianniu);
        let t: Vec<(&str, &str, &str)> = im
            .pack
            .templates
            .iter()
            .map(|t| (t.code.as_str(), t.group.as_str(), t.text.as_str()))
            .collect();
        assert_eq!(
            t,
            vec![
                ("hy", "售前/欢迎", "亲，在的[微笑]"),
                ("p2", "未分组", "没有编码"),
                ("p3", "售前", "重复的编码"),
                ("p4", "售后", "中文编码"),
                ("p1", "活动", "满{{200}}减20"),
            ]
        );
        assert_eq!(im.emoticons, 1);
        let rows: Vec<usize> = im.notes.iter().map(|n| n.row).collect();
        assert_eq!(rows, vec![3, 4, 5, 7]);
        assert!(im.notes[1].message.contains("p3"));
        assert!(im.pack.drills.iter().any(
            |d| matches!(&*d.body, DrillBody::Phrases { phrases, .. } if phrases[0] == "亲，在的")
        ));
    }

    #[test]
    fn cells_lose_control_characters() {
        assert_eq!(clean_cell(" a\u{1b}[31mb\tc\u{202E}\n "), "a[31mb c");
        assert_eq!(clean_cell("'=SUM(A1)"), "=SUM(A1)");
    }

    #[test]
    fn unknown_header_and_empty() {
        assert!(matches!(
            import("a,b\n1,2\n", &meta()),
            Err(ImportError::UnknownHeader)
        ));
        assert!(matches!(
            import("", &meta()),
            Err(ImportError::UnknownHeader)
        ));
        assert!(matches!(
            import("快捷短语编码,快捷短语,快捷短语分组\n", &meta()),
            Err(ImportError::Empty)
        ));
    }

    #[test]
    fn phrase_sheet_one_drill_per_group() {
        let im = import("分组,短语\n售前,亲在的\n售后,抱歉\n售前,好的\n", &meta()).unwrap();
        assert_eq!(im.pack.drills.len(), 2);
        assert_eq!(im.pack.drills[0].title, "售前");
        assert_eq!(im.pack.drills[1].id, "phrases-2");
    }

    #[test]
    fn scenario_sheet_rules() {
        let ok = "顾客消息,编码,短语,店铺,单号\n\
                  在吗,hy,亲，欢迎光临{店铺},小橙家居,\n\
                  快递到哪了,wl,亲，单号{单号},,123\n\
                  还在吗,hy,,小橙家居,\n";
        let im = import(ok, &meta()).unwrap();
        assert_eq!(im.pack.templates.len(), 2);
        let DrillBody::QuickReply { scenarios, .. } = &*im.pack.drills[0].body else {
            panic!("not quickreply");
        };
        assert_eq!(scenarios.len(), 3);
        assert_eq!(scenarios[1].slots, vec![("单号".into(), "123".into())]);
        let bad = "顾客消息,编码,短语,店铺\n\
                   在吗,hy,亲{店铺},\n\
                   ,zz,,\n\
                   在吗,hy,不同的{店铺},小橙\n";
        let Err(ImportError::Rows(errs)) = import(bad, &meta()) else {
            panic!("expected row errors");
        };
        let rows: Vec<usize> = errs.iter().map(|e| e.row).collect();
        assert_eq!(rows, vec![2, 3, 3, 4], "{errs:?}");
        let Err(ImportError::Rows(errs)) = import(
            "顾客消息,编码,短语,店铺,店铺\n在吗,hy,亲{店铺},a,\n",
            &meta(),
        ) else {
            panic!("expected a header error");
        };
        assert_eq!(errs[0].row, 1);
    }

    proptest::proptest! {
        #[test]
        fn any_sheet_imports_or_is_refused_and_what_is_made_passes_check(
            body in "[a-zA-Z0-9亲在{}/:^_,\"\n\t\u{1b} ]{0,120}",
            head in 0usize..3,
        ) {
            let header = ["快捷短语编码,快捷短语,快捷短语分组\n", "分组,短语\n", "顾客消息,编码,短语,店铺\n"][head];
            let text = format!("{header}{body}");
            if let Ok(im) = import(&text, &meta()) {
                let toml = crate::pack::write::to_toml(&im.pack, &[]);
                let checked = crate::pack::load_text(&toml, "t.toml", PackSource::File { path: "t.toml".into() });
                proptest::prop_assert!(checked.is_ok(), "{:?}\n{}", checked.err(), toml);
            }
        }
    }
}
