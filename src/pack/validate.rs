//! Validating a pack's text by hand over toml's spanned document, so that every problem
//! of a file is found in one run, each with its position.
//!
//! build.rs compiles this file too (with `model.rs`, `syntax.rs`, `crate::text`,
//! `super::template` and a `tr!`) to check the built-in packs at build time: reach
//! nothing else of the crate.

use super::model::{
    Drill, DrillBody, DrillKind, Pack, PackSource, Pass, PhraseOrder, Scenario, Template,
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
/// The highest `pass.cpm` that makes sense (the fastest typists reach about 300 字/分).
const MAX_PASS_CPM: f64 = 2000.0;
/// The longest `time_limit` and `target_seconds` (a day).
const MAX_SECONDS: i64 = 86_400;
/// The largest `count`.
const MAX_COUNT: i64 = 100_000;

const COMMON_DRILL_KEYS: [&str; 8] = [
    "id",
    "title",
    "kind",
    "tags",
    "description",
    "time_limit",
    "strict",
    "pass",
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
    /// The 1-based line of a byte offset, for messages that name another line.
    fn line_of(&self, offset: usize) -> usize {
        self.text
            .get(..offset)
            .map_or(1, |s| s.matches('\n').count() + 1)
    }

    fn problem(&mut self, offset: usize, message: String) {
        self.problems.push(RawProblem { offset, message });
    }

    /// Where a string value's character at `byte` (of the decoded value) sits in the text,
    /// when the source spells the value literally; else the value's start.
    fn offset_in_string(&self, span: std::ops::Range<usize>, value: &str, byte: usize) -> usize {
        let raw = self.text.get(span.clone()).unwrap_or("");
        let quote = if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
            3
        } else {
            1
        };
        let mut inner = span.start + quote;
        let prefix = value.get(..byte).unwrap_or("");
        for skip in [0usize, 1] {
            let start = inner + skip;
            if let Some(src) = self.text.get(start..)
                && src.starts_with(prefix)
            {
                inner = start;
                return inner + byte;
            }
        }
        span.start
    }

    /// A string value without control characters or escape sequences.
    fn clean_str(&mut self, key: &str, v: &Val<'_>) -> Option<String> {
        match v.get_ref() {
            DeValue::String(s) => {
                if let Some((i, c)) = crate::text::first_control_char(s) {
                    let at = self.offset_in_string(v.span(), s, i);
                    let code = format!("U+{:04X}", c as u32);
                    self.problem(
                        at,
                        tr!(
                            "{key} 含有控制字符或终端转义序列（{code}）",
                            "{key} holds a control character or terminal escape sequence ({code})"
                        ),
                    );
                    return None;
                }
                Some(s.to_string())
            }
            other => {
                let got = type_name(other);
                self.problem(
                    v.span().start,
                    tr!(
                        "{key} 应为字符串，而不是{got}",
                        "{key} must be a string, not {got}"
                    ),
                );
                None
            }
        }
    }

    /// A string that must not be blank.
    fn text_str(&mut self, key: &str, v: &Val<'_>) -> Option<String> {
        let s = self.clean_str(key, v)?;
        if s.trim().is_empty() {
            self.problem(
                v.span().start,
                tr!("{key} 不能为空", "{key} must not be empty"),
            );
            return None;
        }
        Some(s)
    }

    fn check_key_name(&mut self, key: &Spanned<std::borrow::Cow<'_, str>>) -> bool {
        if let Some((_, c)) = crate::text::first_control_char(key.get_ref()) {
            let code = format!("U+{:04X}", c as u32);
            self.problem(
                key.span().start,
                tr!(
                    "键名含有控制字符或终端转义序列（{code}）",
                    "a key holds a control character or terminal escape sequence ({code})"
                ),
            );
            return false;
        }
        true
    }

    fn unknown_keys(&mut self, table: &Table<'_>, allowed: &[&str], what: &str) {
        for key in table.keys() {
            if !self.check_key_name(key) {
                continue;
            }
            let name = key.get_ref();
            if !allowed.contains(&name.as_ref()) {
                let list = allowed.join(", ");
                self.problem(
                    key.span().start,
                    tr!(
                        "{what} 中没有 {name} 这个键（可用：{list}）",
                        "unknown key {name} in {what} (allowed: {list})"
                    ),
                );
            }
        }
    }

    fn missing(&mut self, at: usize, key: &str, what: &str) {
        self.problem(at, tr!("{what} 缺少 {key}", "{what} is missing {key}"));
    }

    fn string_list(&mut self, key: &str, v: &Val<'_>, non_empty: bool) -> Option<Vec<String>> {
        let DeValue::Array(items) = v.get_ref() else {
            let got = type_name(v.get_ref());
            self.problem(
                v.span().start,
                tr!(
                    "{key} 应为字符串数组，而不是{got}",
                    "{key} must be an array of strings, not {got}"
                ),
            );
            return None;
        };
        if non_empty && items.is_empty() {
            self.problem(
                v.span().start,
                tr!("{key} 不能为空", "{key} must not be empty"),
            );
            return None;
        }
        let mut out = Vec::new();
        let mut ok = true;
        for item in items.iter() {
            let got = if non_empty {
                self.text_str(key, item)
            } else {
                self.clean_str(key, item)
            };
            match got {
                Some(s) => out.push(s),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn integer(&mut self, key: &str, v: &Val<'_>, min: i64, max: i64) -> Option<i64> {
        let n = match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok(),
            _ => None,
        };
        match n {
            Some(n) if (min..=max).contains(&n) => Some(n),
            Some(n) => {
                self.problem(
                    v.span().start,
                    tr!(
                        "{key} = {n} 超出范围（{min} 到 {max}）",
                        "{key} = {n} is out of range ({min} to {max})"
                    ),
                );
                None
            }
            None => {
                let got = type_name(v.get_ref());
                self.problem(
                    v.span().start,
                    tr!(
                        "{key} 应为整数，而不是{got}",
                        "{key} must be an integer, not {got}"
                    ),
                );
                None
            }
        }
    }

    fn number(&mut self, key: &str, v: &Val<'_>) -> Option<f64> {
        let n = match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .ok()
                .map(|n| n as f64),
            DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
            _ => None,
        };
        match n {
            Some(n) if n.is_finite() => Some(n),
            _ => {
                let got = type_name(v.get_ref());
                self.problem(
                    v.span().start,
                    tr!(
                        "{key} 应为数字，而不是{got}",
                        "{key} must be a number, not {got}"
                    ),
                );
                None
            }
        }
    }

    fn table<'a, 'i>(&mut self, key: &str, v: &'a Val<'i>) -> Option<&'a Table<'i>> {
        match v.get_ref() {
            DeValue::Table(t) => Some(t),
            other => {
                let got = type_name(other);
                self.problem(
                    v.span().start,
                    tr!(
                        "{key} 应为表，而不是{got}",
                        "{key} must be a table, not {got}"
                    ),
                );
                None
            }
        }
    }

    /// `[[key]]`: an array of tables.
    fn tables<'a, 'i>(
        &mut self,
        key: &str,
        header: &str,
        v: &'a Val<'i>,
    ) -> Option<Vec<(usize, &'a Table<'i>)>> {
        let DeValue::Array(items) = v.get_ref() else {
            let got = type_name(v.get_ref());
            self.problem(
                v.span().start,
                tr!(
                    "{key} 应为表数组 {header}，而不是{got}",
                    "{key} must be an array of tables {header}, not {got}"
                ),
            );
            return None;
        };
        let mut out = Vec::new();
        for item in items.iter() {
            if let Some(t) = self.table(key, item) {
                out.push((item.span().start, t));
            }
        }
        Some(out)
    }

    fn pack(&mut self, doc: &Table<'_>, source: PackSource, hash: String) -> Pack {
        self.unknown_keys(
            doc,
            &["pack", "template", "drill"],
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
                    if let Some(d) = self.drill(at, t, &pack.templates, &mut seen) {
                        pack.drills.push(d);
                    }
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
        Some(Template {
            code,
            group,
            text,
            segments,
        })
    }

    fn drill(
        &mut self,
        at: usize,
        t: &Table<'_>,
        templates: &[Template],
        seen: &mut HashMap<String, usize>,
    ) -> Option<Drill> {
        let what = "[[drill]]";
        let id = match t.get("id") {
            None => {
                self.missing(at, "id", what);
                None
            }
            Some(v) => match self.clean_str("id", v) {
                Some(id) if !is_id(&id) => {
                    self.problem(
                        v.span().start,
                        tr!(
                            "id \"{id}\" 无效：只能用小写字母、数字和 -，1 到 64 个",
                            "id \"{id}\" is not valid: use 1 to 64 of a-z, 0-9 and -"
                        ),
                    );
                    None
                }
                Some(id) if seen.contains_key(&id) => {
                    let first = self.line_of(seen.get(&id).copied().unwrap_or(0));
                    self.problem(
                        v.span().start,
                        tr!(
                            "练习 id \"{id}\" 重复了（第 {first} 行已有）",
                            "duplicate drill id \"{id}\" (the first is on line {first})"
                        ),
                    );
                    None
                }
                Some(id) => {
                    seen.insert(id.clone(), v.span().start);
                    Some(id)
                }
                other => other,
            },
        };
        let what = match &id {
            Some(id) => format!("[[drill]] {id}"),
            None => what.to_owned(),
        };
        let title = match t.get("title") {
            None => {
                self.missing(at, "title", &what);
                None
            }
            Some(v) => self.text_str("title", v),
        };
        let kind = match t.get("kind") {
            None => {
                self.missing(at, "kind", &what);
                None
            }
            Some(v) => self.clean_str("kind", v).and_then(|k| {
                let kind = DrillKind::parse(&k);
                if kind.is_none() {
                    self.problem(
                        v.span().start,
                        tr!(
                            "kind \"{k}\" 无效（可用：text, phrases, quickreply, recall, recite）",
                            "kind \"{k}\" is not valid (text, phrases, quickreply, recall, recite)"
                        ),
                    );
                }
                kind
            }),
        };
        let extra: &[&str] = match kind {
            Some(DrillKind::Text) => &["text"],
            Some(DrillKind::Phrases) => &["phrases", "order", "count"],
            Some(DrillKind::QuickReply) => &["scenario", "target_seconds"],
            Some(DrillKind::Recall | DrillKind::Recite) => &["group", "count"],
            None => &[],
        };
        if kind.is_some() {
            let allowed: Vec<&str> = COMMON_DRILL_KEYS.iter().chain(extra).copied().collect();
            self.unknown_keys(t, &allowed, &what);
        } else {
            for key in t.keys() {
                self.check_key_name(key);
            }
        }
        let tags = match t.get("tags") {
            Some(v) => self.string_list("tags", v, false),
            None => Some(Vec::new()),
        };
        let description = match t.get("description") {
            Some(v) => self.text_str("description", v).map(Some),
            None => Some(None),
        };
        let time_limit = match t.get("time_limit") {
            Some(v) => self
                .integer("time_limit", v, 1, MAX_SECONDS)
                .map(|n| Some(n as u32)),
            None => Some(None),
        };
        let strict = match t.get("strict") {
            Some(v) => match v.get_ref() {
                DeValue::Boolean(b) => Some(*b),
                other => {
                    let got = type_name(other);
                    self.problem(
                        v.span().start,
                        tr!(
                            "strict 应为 true 或 false，而不是{got}",
                            "strict must be true or false, not {got}"
                        ),
                    );
                    None
                }
            },
            None => Some(false),
        };
        let pass = match t.get("pass") {
            Some(v) => self.pass(kind, v).map(Some),
            None => Some(None),
        };
        let body = kind.and_then(|k| self.body(k, at, t, templates, &what));
        Some(Drill {
            id: id?,
            title: title?,
            description: description?,
            tags: tags?,
            time_limit: time_limit?,
            strict: strict?,
            pass: pass?,
            body: body?,
        })
    }

    /// `pass`, with the keys the drill's kind judges (PRODUCT.md "`pass` by kind").
    fn pass(&mut self, kind: Option<DrillKind>, v: &Val<'_>) -> Option<Pass> {
        let t = self.table("pass", v)?;
        let keys: &[&str] = match kind {
            Some(DrillKind::Text | DrillKind::Phrases) => &["cpm", "accuracy"],
            Some(DrillKind::QuickReply) => &["correct", "seconds"],
            Some(DrillKind::Recall | DrillKind::Recite) => &["correct"],
            // The kind's own problem is reported; nothing to check the keys against.
            None => return None,
        };
        self.unknown_keys(t, keys, "pass");
        let at = v.span().start;
        let mut values = Vec::new();
        for key in keys {
            let (low, high, low_open) = match *key {
                "cpm" => (0.0, MAX_PASS_CPM, true),
                "seconds" => (0.0, MAX_SECONDS as f64, true),
                // accuracy, correct: per cent.
                _ => (0.0, 100.0, false),
            };
            let value = match t.get(*key) {
                None => {
                    self.missing(at, key, "pass");
                    None
                }
                Some(c) => self.number(&format!("pass.{key}"), c).and_then(|n| {
                    let above = if low_open { n > low } else { n >= low };
                    if above && n <= high {
                        Some(n)
                    } else {
                        let range = if low_open {
                            tr!("应大于 {low}，不超过 {high}", "above {low}, at most {high}")
                        } else {
                            tr!("{low} 到 {high}", "{low} to {high}")
                        };
                        self.problem(
                            c.span().start,
                            tr!(
                                "pass.{key} = {n} 超出范围（{range}）",
                                "pass.{key} = {n} is out of range ({range})"
                            ),
                        );
                        None
                    }
                }),
            };
            values.push(value);
        }
        let values: Vec<f64> = values.into_iter().collect::<Option<_>>()?;
        Some(match (kind, values.as_slice()) {
            (Some(DrillKind::QuickReply), [correct, seconds]) => Pass::Reply {
                correct: *correct,
                seconds: *seconds,
            },
            (Some(DrillKind::Recall | DrillKind::Recite), [correct]) => {
                Pass::Codes { correct: *correct }
            }
            (_, [cpm, accuracy]) => Pass::Typing {
                cpm: *cpm,
                accuracy: *accuracy,
            },
            _ => return None,
        })
    }

    fn count(&mut self, t: &Table<'_>) -> Option<Option<usize>> {
        match t.get("count") {
            Some(v) => self
                .integer("count", v, 1, MAX_COUNT)
                .map(|n| Some(n as usize)),
            None => Some(None),
        }
    }

    fn body(
        &mut self,
        kind: DrillKind,
        at: usize,
        t: &Table<'_>,
        templates: &[Template],
        what: &str,
    ) -> Option<DrillBody> {
        match kind {
            DrillKind::Text => match t.get("text") {
                None => {
                    self.missing(at, "text", what);
                    None
                }
                Some(v) => self
                    .text_str("text", v)
                    .map(|text| DrillBody::Text { text }),
            },
            DrillKind::Phrases => {
                let phrases = match t.get("phrases") {
                    None => {
                        self.missing(at, "phrases", what);
                        None
                    }
                    Some(v) => self.string_list("phrases", v, true),
                };
                let order = match t.get("order") {
                    None => Some(PhraseOrder::default()),
                    Some(v) => self.clean_str("order", v).and_then(|o| match o.as_str() {
                        "shuffle" => Some(PhraseOrder::Shuffle),
                        "fixed" => Some(PhraseOrder::Fixed),
                        _ => {
                            self.problem(
                                v.span().start,
                                tr!(
                                    "order \"{o}\" 无效（可用：shuffle, fixed）",
                                    "order \"{o}\" is not valid (shuffle or fixed)"
                                ),
                            );
                            None
                        }
                    }),
                };
                let count = self.count(t);
                Some(DrillBody::Phrases {
                    phrases: phrases?,
                    order: order?,
                    count: count?,
                })
            }
            DrillKind::QuickReply => {
                let target_seconds = match t.get("target_seconds") {
                    None => Some(15),
                    Some(v) => self
                        .integer("target_seconds", v, 1, MAX_SECONDS)
                        .map(|n| n as u32),
                };
                let scenarios = match t.get("scenario") {
                    None => {
                        self.missing(at, "[[drill.scenario]]", what);
                        None
                    }
                    Some(v) => {
                        let tables = self.tables("scenario", "[[drill.scenario]]", v)?;
                        if tables.is_empty() {
                            self.missing(v.span().start, "[[drill.scenario]]", what);
                        }
                        let mut out = Vec::new();
                        let mut ok = !tables.is_empty();
                        for (s_at, s) in tables {
                            match self.scenario(s_at, s, templates) {
                                Some(sc) => out.push(sc),
                                None => ok = false,
                            }
                        }
                        ok.then_some(out)
                    }
                };
                Some(DrillBody::QuickReply {
                    scenarios: scenarios?,
                    target_seconds: target_seconds?,
                })
            }
            DrillKind::Recall | DrillKind::Recite => {
                if self.declared_codes.is_empty() && templates.is_empty() {
                    let k = kind.as_str();
                    self.problem(
                        at,
                        tr!(
                            "{k} 练习需要包里有 [[template]]",
                            "a {k} drill needs [[template]] entries in the pack"
                        ),
                    );
                }
                let group = match t.get("group") {
                    None => Some(None),
                    Some(v) => self.text_str("group", v).and_then(|g| {
                        if self.declared_groups.is_empty() || self.declared_groups.contains(&g) {
                            Some(Some(g))
                        } else {
                            self.problem(
                                v.span().start,
                                tr!("没有分组为 \"{g}\" 的模板", "no template has group \"{g}\""),
                            );
                            None
                        }
                    }),
                };
                let count = self.count(t);
                let (group, count) = (group?, count?);
                Some(if kind == DrillKind::Recall {
                    DrillBody::Recall { group, count }
                } else {
                    DrillBody::Recite { group, count }
                })
            }
        }
    }

    /// A table of strings (`slots`, `card`), in file order.
    fn string_table(&mut self, key: &str, v: &Val<'_>) -> Option<Vec<(String, String)>> {
        let t = self.table(key, v)?;
        let mut entries: Vec<_> = t.iter().collect();
        entries.sort_by_key(|(k, _)| k.span().start);
        let mut out = Vec::new();
        let mut ok = true;
        for (k, val) in entries {
            if !self.check_key_name(k) {
                ok = false;
                continue;
            }
            // The common case, a clean string, needs no `key.name` for a message.
            if let DeValue::String(s) = val.get_ref()
                && crate::text::first_control_char(s).is_none()
            {
                out.push((k.get_ref().to_string(), s.to_string()));
                continue;
            }
            let name = format!("{key}.{}", k.get_ref());
            match self.clean_str(&name, val) {
                Some(s) => out.push((k.get_ref().to_string(), s)),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn scenario(&mut self, at: usize, t: &Table<'_>, templates: &[Template]) -> Option<Scenario> {
        let what = "[[drill.scenario]]";
        self.unknown_keys(t, &["customer", "expect", "slots", "card", "context"], what);
        let customer = match t.get("customer") {
            None => {
                self.missing(at, "customer", what);
                None
            }
            Some(v) => match v.get_ref() {
                DeValue::Array(_) => self.string_list("customer", v, true),
                _ => self.text_str("customer", v).map(|s| vec![s]),
            },
        };
        let mut expect_ok = true;
        let expect = match t.get("expect") {
            None => {
                self.missing(at, "expect", what);
                None
            }
            Some(v) => {
                let codes = match v.get_ref() {
                    DeValue::Array(items) => {
                        let codes = self.string_list("expect", v, true);
                        codes.map(|c| {
                            c.into_iter()
                                .zip(items.iter().map(|i| i.span().start))
                                .collect::<Vec<_>>()
                        })
                    }
                    _ => self
                        .text_str("expect", v)
                        .map(|s| vec![(s, v.span().start)]),
                };
                codes.map(|codes| {
                    let mut known = Vec::new();
                    for (code, pos) in codes {
                        if templates.iter().any(|tp| tp.code == code) {
                            known.push(code);
                        } else if self.declared_codes.contains(&code) {
                            // That template is broken and reported already.
                            expect_ok = false;
                        } else {
                            self.problem(
                                pos,
                                tr!(
                                    "expect 中的 \"{code}\" 不是本包的模板编码",
                                    "expect names \"{code}\", which is no template of this pack"
                                ),
                            );
                            expect_ok = false;
                        }
                    }
                    known
                })
            }
        };
        let slots = match t.get("slots") {
            None => Some(Vec::new()),
            Some(v) => self.string_table("slots", v),
        };
        // `slots` covers the union of the accepted templates' placeholders (each template
        // is judged with its own): one missing from it, or one no accepted template
        // uses, is a problem.
        if let (Some(expect), Some(slots)) = (&expect, &slots) {
            let pos = t.get("slots").map_or(at, |v| v.span().start);
            let given: BTreeSet<&str> = slots.iter().map(|(k, _)| k.as_str()).collect();
            let mut used: BTreeSet<&str> = BTreeSet::new();
            for code in expect {
                let Some(tp) = templates.iter().find(|tp| &tp.code == code) else {
                    continue;
                };
                let wanted: BTreeSet<&str> = tp.placeholders().into_iter().collect();
                let missing: Vec<&str> = wanted.difference(&given).copied().collect();
                if !missing.is_empty() {
                    let names = missing.join(", ");
                    self.problem(
                        pos,
                        tr!(
                            "slots 缺少模板 {code} 的占位符：{names}",
                            "slots lacks placeholders of template {code}: {names}"
                        ),
                    );
                }
                used.extend(wanted);
            }
            let extra: Vec<&str> = given.difference(&used).copied().collect();
            if !extra.is_empty() {
                let names = extra.join(", ");
                let codes = expect.join(", ");
                self.problem(
                    pos,
                    tr!(
                        "slots 中的 {names} 不是 expect（{codes}）中任何模板的占位符",
                        "slots names {names}, which no template in expect ({codes}) has a placeholder for"
                    ),
                );
            }
        }
        let card = match t.get("card") {
            None => Some(Vec::new()),
            Some(v) => self.string_table("card", v),
        };
        let context = match t.get("context") {
            None => Some(None),
            Some(v) => self.clean_str("context", v).map(Some),
        };
        Some(Scenario {
            customer: customer?,
            expect: expect.filter(|_| expect_ok)?,
            slots: slots?,
            card: card?,
            context: context?,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::pack::{DrillBody, Pack, PackSource, Pass, PhraseOrder, Problem, load_text};

    const HEAD: &str = "[pack]\nid = \"p\"\ntitle = \"P\"\nversion = \"1\"\n";

    fn load(body: &str) -> Result<Pack, Vec<Problem>> {
        load_text(
            &format!("{HEAD}{body}"),
            "t.toml",
            PackSource::File {
                path: "t.toml".into(),
            },
        )
    }

    /// The (line, col) of every problem; lines count from the first line of HEAD.
    fn positions(body: &str) -> Vec<(usize, usize)> {
        match load(body) {
            Ok(_) => Vec::new(),
            Err(problems) => problems.iter().map(|p| (p.line, p.col)).collect(),
        }
    }

    fn messages(body: &str) -> Vec<String> {
        load(body)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|p| p.message)
            .collect()
    }

    const TEMPLATES: &str = "[[template]]\ncode = \"hy\"\ngroup = \"售前\"\ntext = \"欢迎光临{店铺}\"\n\
        [[template]]\ncode = \"zj\"\ntext = \"再见\"\n";

    #[test]
    fn quickreply_forms_and_defaults() {
        let pack = load(&format!(
            "{TEMPLATES}[[drill]]\nid = \"q\"\ntitle = \"Q\"\nkind = \"quickreply\"\n\
             [[drill.scenario]]\ncustomer = [\"在吗\", \"有货吗\"]\nexpect = \"hy\"\n\
             slots = {{ \"店铺\" = \"小米\" }}\ncard = {{ \"单号\" = \"1\", \"店铺\" = \"小米\" }}\n\
             [[drill.scenario]]\ncustomer = \"再见\"\nexpect = [\"zj\"]\ncontext = \"\"\"a\nb\"\"\"\n"
        ))
        .unwrap();
        assert_eq!(pack.templates[1].group, super::NO_GROUP);
        let DrillBody::QuickReply {
            scenarios,
            target_seconds,
        } = &pack.drills[0].body
        else {
            panic!("not quickreply");
        };
        assert_eq!(*target_seconds, 15);
        assert_eq!(scenarios[0].customer, ["在吗", "有货吗"]);
        assert_eq!(scenarios[0].expect, ["hy"]);
        assert_eq!(scenarios[0].slots, [("店铺".to_owned(), "小米".to_owned())]);
        // The card keeps file order, not key order.
        assert_eq!(scenarios[0].card[0].0, "单号");
        assert_eq!(scenarios[1].customer, ["再见"]);
        assert_eq!(scenarios[1].context.as_deref(), Some("a\nb"));
    }

    #[test]
    fn phrases_defaults_and_pass_numbers() {
        let pack = load(
            "[[drill]]\nid = \"ph\"\ntitle = \"T\"\nkind = \"phrases\"\nphrases = [\"a\"]\n\
             pass = { cpm = 60, accuracy = 95.5 }\ntime_limit = 60\nstrict = true\n",
        )
        .unwrap();
        let d = &pack.drills[0];
        assert_eq!(
            d.pass,
            Some(crate::pack::Pass::Typing {
                cpm: 60.0,
                accuracy: 95.5
            })
        );
        assert_eq!(d.time_limit, Some(60));
        assert!(d.strict);
        assert_eq!(
            d.body,
            DrillBody::Phrases {
                phrases: vec!["a".into()],
                order: PhraseOrder::Shuffle,
                count: None
            }
        );
    }

    #[test]
    fn unknown_key_is_reported_at_the_key() {
        // Line 5 is `[[drill]]`; the typo sits on line 9, column 1.
        let body =
            "[[drill]]\nid = \"d\"\ntitle = \"T\"\nkind = \"text\"\ntxet = \"x\"\ntext = \"y\"\n";
        assert_eq!(positions(body), [(9, 1)]);
        // A key of another kind is unknown too.
        let body =
            "[[drill]]\nid = \"d\"\ntitle = \"T\"\nkind = \"text\"\ntext = \"y\"\ncount = 3\n";
        assert_eq!(positions(body), [(10, 1)]);
    }

    #[test]
    fn every_problem_in_file_order() {
        let body =
            "[[drill]]\nid = \"A\"\ntitle = \"\"\nkind = \"text\"\ntext = \"\"\ntime_limit = 0\n";
        assert_eq!(positions(body), [(6, 6), (7, 9), (9, 8), (10, 14)]);
    }

    #[test]
    fn duplicates() {
        let body = format!(
            "{TEMPLATES}[[template]]\ncode = \"hy\"\ntext = \"x\"\n\
             [[drill]]\nid = \"a\"\ntitle = \"T\"\nkind = \"recall\"\n\
             [[drill]]\nid = \"a\"\ntitle = \"T\"\nkind = \"recite\"\n"
        );
        assert_eq!(positions(&body), [(13, 8), (20, 6)]);
    }

    #[test]
    fn control_characters_anywhere() {
        let body =
            "[[drill]]\nid = \"d\"\ntitle = \"a\\u001b[2Jb\"\nkind = \"text\"\ntext = \"x\ty\"\n";
        // Both point at the character: the `\u` escape and the raw tab.
        assert_eq!(positions(body), [(7, 11), (9, 10)]);
        let body = format!(
            "{TEMPLATES}[[drill]]\nid = \"q\"\ntitle = \"Q\"\nkind = \"quickreply\"\n\
             [[drill.scenario]]\ncustomer = \"x\"\nexpect = \"zj\"\ncard = {{ \"a\\u0007\" = \"1\" }}\n"
        );
        assert_eq!(positions(&body).len(), 1);
    }

    #[test]
    fn slots_must_match_placeholders() {
        let scenario = |extra: &str| {
            format!(
                "{TEMPLATES}[[drill]]\nid = \"q\"\ntitle = \"Q\"\nkind = \"quickreply\"\n\
                 [[drill.scenario]]\ncustomer = \"x\"\nexpect = [\"hy\", \"zj\"]\n{extra}"
            )
        };
        // zj has no placeholders, hy has one: missing slots are wrong.
        assert_eq!(messages(&scenario("")).len(), 1);
        // Naming it for hy covers the union: zj is judged with its own (none).
        assert!(load(&scenario("slots = { \"店铺\" = \"x\" }\n")).is_ok());
        // A slot no accepted template uses is a slip.
        let extra = messages(&scenario(
            "slots = { \"店铺\" = \"x\", \"单号\" = \"1\" }\n",
        ));
        assert_eq!(extra.len(), 1, "{extra:?}");
        assert!(extra[0].contains("单号"), "{extra:?}");
        let only_zj = format!(
            "{TEMPLATES}[[drill]]\nid = \"q\"\ntitle = \"Q\"\nkind = \"quickreply\"\n\
             [[drill.scenario]]\ncustomer = \"x\"\nexpect = \"zj\"\n"
        );
        assert!(load(&only_zj).is_ok());
    }

    #[test]
    fn expect_must_name_a_template() {
        let body = format!(
            "{TEMPLATES}[[drill]]\nid = \"q\"\ntitle = \"Q\"\nkind = \"quickreply\"\n\
             [[drill.scenario]]\ncustomer = \"x\"\nexpect = [\"zj\", \"nope\"]\n"
        );
        assert_eq!(positions(&body), [(18, 17)]);
    }

    #[test]
    fn recall_needs_templates_and_a_known_group() {
        let body = "[[drill]]\nid = \"r\"\ntitle = \"R\"\nkind = \"recall\"\n";
        assert_eq!(positions(body).len(), 1);
        let body = format!("{TEMPLATES}{body}group = \"售后\"\n");
        assert_eq!(positions(&body), [(16, 9)]);
        let ok = format!(
            "{TEMPLATES}[[drill]]\nid = \"r\"\ntitle = \"R\"\nkind = \"recite\"\ngroup = \"售前\"\ncount = 3\n"
        );
        assert!(load(&ok).is_ok());
    }

    #[test]
    fn template_error_points_into_the_text() {
        let body = "[[template]]\ncode = \"hy\"\ntext = \"亲{单号\"\n[[drill]]\nid = \"r\"\ntitle = \"R\"\nkind = \"recall\"\n";
        // `text = "亲{` : the brace is the 10th character.
        assert_eq!(positions(body), [(7, 10)]);
    }

    #[test]
    fn pass_has_the_keys_of_its_kind() {
        let drill = |kind: &str, body: &str, pass: &str| {
            format!(
                "[[template]]\ncode = \"hy\"\ngroup = \"g\"\ntext = \"亲\"\n\
                 [[drill]]\nid = \"d\"\ntitle = \"T\"\nkind = \"{kind}\"\n{body}pass = {pass}\n"
            )
        };
        let reply = "[[drill.scenario]]\ncustomer = \"在吗\"\nexpect = \"hy\"\n";
        let pack = load(&drill("recall", "", "{ correct = 80 }")).unwrap();
        assert_eq!(pack.drills[0].pass, Some(Pass::Codes { correct: 80.0 }));
        // A quick-reply drill's table comes after its keys, so its scenarios follow it.
        let qr = format!(
            "[[template]]\ncode = \"hy\"\ngroup = \"g\"\ntext = \"亲\"\n\
             [[drill]]\nid = \"d\"\ntitle = \"T\"\nkind = \"quickreply\"\n\
             pass = {{ correct = 90, seconds = 20 }}\n{reply}"
        );
        assert_eq!(
            load(&qr).unwrap().drills[0].pass,
            Some(Pass::Reply {
                correct: 90.0,
                seconds: 20.0
            })
        );
        // A typing line on a code drill names the keys it takes.
        let wrong = drill("recite", "", "{ cpm = 60, accuracy = 95 }");
        let problems = load(&wrong).unwrap_err();
        assert!(
            problems.iter().any(|p| p.message.contains("correct")),
            "{problems:?}"
        );
        assert_eq!(
            positions(&drill("recall", "", "{ correct = 101 }")).len(),
            1
        );
        assert_eq!(
            positions(&drill("text", "text = \"x\"\n", "{ correct = 50 }")).len(),
            3
        );
    }

    #[test]
    fn pass_limits() {
        let drill = |pass: &str| {
            format!(
                "[[drill]]\nid = \"d\"\ntitle = \"T\"\nkind = \"text\"\ntext = \"x\"\npass = {pass}\n"
            )
        };
        assert!(load(&drill("{ cpm = 1, accuracy = 0 }")).is_ok());
        assert!(load(&drill("{ cpm = 300.5, accuracy = 100.0 }")).is_ok());
        assert_eq!(positions(&drill("{ cpm = -5, accuracy = 100.1 }")).len(), 2);
        assert_eq!(positions(&drill("{ cpm = nan, accuracy = 90 }")).len(), 1);
        assert_eq!(
            positions(&drill("{ cpm = 60, accuracy = 90, x = 1 }")).len(),
            1
        );
        assert_eq!(positions(&drill("60")).len(), 1);
    }

    #[test]
    fn format_and_header() {
        let text = "[pack]\nid = \"p\"\ntitle = \"P\"\nversion = \"1\"\nformat = 2\n[[drill]]\nid = \"d\"\ntitle = \"T\"\nkind = \"text\"\ntext = \"x\"\n";
        let problems = load_text(text, "t", PackSource::File { path: "t".into() }).unwrap_err();
        assert_eq!((problems[0].line, problems[0].col), (5, 10));
        let problems = load_text("", "t", PackSource::File { path: "t".into() }).unwrap_err();
        assert_eq!(problems.len(), 2, "no [pack], no [[drill]]");
    }

    #[test]
    fn syntax_hints() {
        let full = load_text(
            "[pack]\nid ＝ \"p\"\n",
            "t",
            PackSource::File { path: "t".into() },
        )
        .unwrap_err();
        assert_eq!((full[0].line, full[0].col), (2, 4));
        assert!(full[0].message.contains('＝'), "{}", full[0].message);
        let key = load_text(
            "[pack]\n店铺 = \"p\"\n",
            "t",
            PackSource::File { path: "t".into() },
        )
        .unwrap_err();
        assert!(key[0].message.contains("\"店铺\""), "{}", key[0].message);
        assert_eq!(key.len(), 1);
    }
}
