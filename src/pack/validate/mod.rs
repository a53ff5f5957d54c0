//! Validating a pack's text by hand over toml's spanned document, so that every problem
//! of a file is found in one run, each with its position.
//!
//! build.rs compiles this file too (with `model.rs`, `syntax.rs`, `crate::text`,
//! `super::template` and a `tr!`) to check the built-in packs at build time: reach
//! nothing else of the crate.

use super::model::{
    Assignment, Buyer, BuyerTurn, Care, Drill, DrillBody, DrillKind, Need, Next, Order, Pack,
    PackSource, Pass, PhraseOrder, Scenario, Shift, Template,
};
use super::template;
use crate::tr;
use std::collections::{BTreeSet, HashMap, HashSet};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The newest pack format this kuaida reads.
pub const FORMAT: i64 = 1;
/// The group a template without one belongs to.
pub const NO_GROUP: &str = "未分组";
mod assignments;
mod drills;
mod readers;
mod shift;
mod work;

use shift::SHIFT_KEYS;

/// The highest `pass.cpm` that makes sense (the fastest typists reach about 300 字/分).
const MAX_PASS_CPM: f64 = 2000.0;
/// The longest `time_limit` and `target_seconds` (a day).
const MAX_SECONDS: i64 = 86_400;
/// The largest `count`.
const MAX_COUNT: i64 = 100_000;

const COMMON_DRILL_KEYS: [&str; 9] = [
    "id",
    "title",
    "kind",
    "tags",
    "description",
    "time_limit",
    "strict",
    "pass",
    "start_code",
];

type Val<'i> = Spanned<DeValue<'i>>;
type Table<'i> = DeTable<'i>;

/// A problem at a byte offset of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawProblem {
    pub offset: usize,
    pub message: String,
}

/// Check `text` (already decoded) and build the pack, or return every problem in file order.
pub fn validate(text: &str, source: PackSource, hash: String) -> Result<Pack, Vec<RawProblem>> {
    let (doc, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        return Err(super::syntax::problems(text));
    }
    let mut v = Validator {
        text,
        problems: Vec::new(),
        declared_codes: HashSet::new(),
        declared_groups: HashSet::new(),
        declared_drills: HashSet::new(),
    };
    let pack = v.pack(doc.get_ref(), source, hash);
    if v.problems.is_empty() {
        Ok(pack)
    } else {
        let mut problems = v.problems;
        problems.sort_by_key(|p| p.offset);
        Err(problems)
    }
}

struct Validator<'t> {
    text: &'t str,
    problems: Vec<RawProblem>,
    /// Codes and groups of every `[[template]]`, valid or not, so a broken template
    /// is reported once rather than again at every drill that names it.
    declared_codes: HashSet<String>,
    declared_groups: HashSet<String>,
    /// Ids of every `[[drill]]`, valid or not, so an assignment naming a broken drill
    /// is not reported again.
    declared_drills: HashSet<String>,
}

fn type_name(v: &DeValue<'_>) -> String {
    match v {
        DeValue::String(_) => tr!("字符串", "a string"),
        DeValue::Integer(_) => tr!("整数", "an integer"),
        DeValue::Float(_) => tr!("小数", "a float"),
        DeValue::Boolean(_) => tr!("布尔值", "a boolean"),
        DeValue::Datetime(_) => tr!("日期时间", "a date-time"),
        DeValue::Array(_) => tr!("数组", "an array"),
        DeValue::Table(_) => tr!("表", "a table"),
    }
}

fn is_id(s: &str) -> bool {
    (1..=64).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn is_code(s: &str) -> bool {
    (1..=16).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

impl<'t> Validator<'t> {
    fn pack(&mut self, doc: &Table<'_>, source: PackSource, hash: String) -> Pack {
        self.unknown_keys(
            doc,
            &["pack", "template", "drill", "assignment"],
            tr!("顶层", "the top level").as_str(),
        );
        let mut pack = Pack {
            id: String::new(),
            title: String::new(),
            version: String::new(),
            author: None,
            description: None,
            tags: Vec::new(),
            templates: Vec::new(),
            drills: Vec::new(),
            start_code: Vec::new(),
            assignments: Vec::new(),
            hash,
            source,
        };
        match doc.get("pack") {
            None => self.problem(0, tr!("缺少 [pack] 表", "the [pack] table is missing")),
            Some(v) => {
                if let Some(t) = self.table("pack", v) {
                    self.pack_header(v.span().start, t, &mut pack);
                }
            }
        }
        if let Some(v) = doc.get("template") {
            let mut seen: HashMap<String, usize> = HashMap::new();
            for (at, t) in self
                .tables("template", "[[template]]", v)
                .unwrap_or_default()
            {
                if let Some(tpl) = self.template(at, t, &mut seen) {
                    pack.templates.push(tpl);
                }
            }
        }
        match doc.get("drill") {
            None => self.problem(0, tr!("没有任何 [[drill]]", "the pack has no [[drill]]")),
            Some(v) => {
                let mut seen: HashMap<String, usize> = HashMap::new();
                for (at, t) in self.tables("drill", "[[drill]]", v).unwrap_or_default() {
                    if let Some((d, start_code)) = self.drill(at, t, &pack.templates, &mut seen) {
                        if start_code {
                            pack.start_code.push(d.id.clone());
                        }
                        pack.drills.push(d);
                    }
                }
            }
        }
        if let Some(v) = doc.get("assignment") {
            let mut seen: HashMap<String, usize> = HashMap::new();
            for (at, t) in self
                .tables("assignment", "[[assignment]]", v)
                .unwrap_or_default()
            {
                if let Some(a) = self.assignment(at, t, &pack.drills, &mut seen) {
                    pack.assignments.push(a);
                }
            }
        }
        pack
    }

    fn pack_header(&mut self, at: usize, t: &Table<'_>, pack: &mut Pack) {
        let what = "[pack]";
        self.unknown_keys(
            t,
            &[
                "id",
                "title",
                "version",
                "author",
                "description",
                "tags",
                "format",
            ],
            what,
        );
        if let Some(v) = t.get("format") {
            match v.get_ref() {
                DeValue::Integer(i) => {
                    let n = i64::from_str_radix(i.as_str(), i.radix()).unwrap_or(i64::MAX);
                    if n > FORMAT {
                        self.problem(
                            v.span().start,
                            tr!(
                                "format = {n}：这个包需要更新版本的快打（本版本只读 format = {FORMAT}）",
                                "format = {n}: this pack needs a newer kuaida (this one reads format = {FORMAT})"
                            ),
                        );
                    } else if n < 1 {
                        self.problem(
                            v.span().start,
                            tr!(
                                "format = {n} 无效（应为 1）",
                                "format = {n} is not valid (it must be 1)"
                            ),
                        );
                    }
                }
                other => {
                    let got = type_name(other);
                    self.problem(
                        v.span().start,
                        tr!(
                            "format 应为整数，而不是{got}",
                            "format must be an integer, not {got}"
                        ),
                    );
                }
            }
        }
        match t.get("id") {
            None => self.missing(at, "id", what),
            Some(v) => {
                if let Some(id) = self.clean_str("id", v) {
                    if is_id(&id) {
                        pack.id = id;
                    } else {
                        self.problem(
                            v.span().start,
                            tr!(
                                "id \"{id}\" 无效：只能用小写字母、数字和 -，1 到 64 个",
                                "id \"{id}\" is not valid: use 1 to 64 of a-z, 0-9 and -"
                            ),
                        );
                    }
                }
            }
        }
        for key in ["title", "version"] {
            match t.get(key) {
                None => self.missing(at, key, what),
                Some(v) => {
                    if let Some(s) = self.text_str(key, v) {
                        if key == "title" {
                            pack.title = s;
                        } else {
                            pack.version = s;
                        }
                    }
                }
            }
        }
        if let Some(v) = t.get("author") {
            pack.author = self.clean_str("author", v);
        }
        if let Some(v) = t.get("description") {
            pack.description = self.clean_str("description", v);
        }
        if let Some(v) = t.get("tags") {
            pack.tags = self.string_list("tags", v, false).unwrap_or_default();
        }
    }

    fn template(
        &mut self,
        at: usize,
        t: &Table<'_>,
        seen: &mut HashMap<String, usize>,
    ) -> Option<Template> {
        let what = "[[template]]";
        self.unknown_keys(t, &["code", "group", "text"], what);
        if let Some(code) = t.get("code").and_then(|v| v.get_ref().as_str()) {
            self.declared_codes.insert(code.to_owned());
        }
        let declared_group = t
            .get("group")
            .and_then(|v| v.get_ref().as_str())
            .unwrap_or(NO_GROUP);
        self.declared_groups.insert(declared_group.to_owned());
        let code = match t.get("code") {
            None => {
                self.missing(at, "code", what);
                None
            }
            Some(v) => match self.clean_str("code", v) {
                Some(code) if !is_code(&code) => {
                    self.problem(
                        v.span().start,
                        tr!(
                            "code \"{code}\" 无效：只能用小写字母和数字，1 到 16 个",
                            "code \"{code}\" is not valid: use 1 to 16 of a-z and 0-9"
                        ),
                    );
                    None
                }
                Some(code) if seen.contains_key(&code) => {
                    let first = self.line_of(seen.get(&code).copied().unwrap_or(0));
                    self.problem(
                        v.span().start,
                        tr!(
                            "code \"{code}\" 重复了（第 {first} 行已有）",
                            "duplicate template code \"{code}\" (the first is on line {first})"
                        ),
                    );
                    None
                }
                Some(code) => {
                    seen.insert(code.clone(), v.span().start);
                    Some(code)
                }
                other => other,
            },
        };
        let group = match t.get("group") {
            None => Some(NO_GROUP.to_owned()),
            Some(v) => self.text_str("group", v),
        };
        let text = match t.get("text") {
            None => {
                self.missing(at, "text", what);
                None
            }
            Some(v) => self
                .text_str("text", v)
                .and_then(|s| match template::parse(&s) {
                    Ok(segments) => Some((s, segments)),
                    Err(e) => {
                        let pos = self.offset_in_string(v.span(), &s, e.offset);
                        self.problem(pos, e.to_string());
                        None
                    }
                }),
        };
        let (code, group, (text, segments)) = (code?, group?, text?);
        Some(Template::parsed(code, group, text, segments))
    }
}

#[cfg(test)]
mod tests;
