//! Reading one TOML value as the pack format wants it (a clean string, a number in its
//! range, a list, a table), each problem at its place in the text.

use super::*;

impl Validator<'_> {
    /// The 1-based line of a byte offset, for messages that name another line.
    pub(super) fn line_of(&self, offset: usize) -> usize {
        self.text
            .get(..offset)
            .map_or(1, |s| s.matches('\n').count() + 1)
    }

    pub(super) fn problem(&mut self, offset: usize, message: String) {
        self.problems.push(RawProblem { offset, message });
    }

    /// Where a string value's character at `byte` (of the decoded value) sits in the text,
    /// when the source spells the value literally; else the value's start.
    pub(super) fn offset_in_string(
        &self,
        span: std::ops::Range<usize>,
        value: &str,
        byte: usize,
    ) -> usize {
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
    pub(super) fn clean_str(&mut self, key: &str, v: &Val<'_>) -> Option<String> {
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
    pub(super) fn text_str(&mut self, key: &str, v: &Val<'_>) -> Option<String> {
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

    pub(super) fn check_key_name(&mut self, key: &Spanned<std::borrow::Cow<'_, str>>) -> bool {
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

    pub(super) fn unknown_keys(&mut self, table: &Table<'_>, allowed: &[&str], what: &str) {
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

    pub(super) fn missing(&mut self, at: usize, key: &str, what: &str) {
        self.problem(at, tr!("{what} 缺少 {key}", "{what} is missing {key}"));
    }

    /// Text under `key` of table `t` (at `at`, named `what`), which must be there.
    pub(super) fn required_text(
        &mut self,
        at: usize,
        t: &Table<'_>,
        key: &str,
        what: &str,
    ) -> Option<String> {
        match t.get(key) {
            None => {
                self.missing(at, key, what);
                None
            }
            Some(v) => self.text_str(key, v),
        }
    }

    /// The `id` of table `t` (at `at`, named `what`): there, valid, and not one of
    /// `seen` (ids and where they stand, this one added); `duplicate(id, line)` says a
    /// repeat, naming the line of the first.
    pub(super) fn unique_id(
        &mut self,
        at: usize,
        t: &Table<'_>,
        what: &str,
        seen: &mut HashMap<String, usize>,
        duplicate: impl Fn(&str, usize) -> String,
    ) -> Option<String> {
        let Some(v) = t.get("id") else {
            self.missing(at, "id", what);
            return None;
        };
        let id = self.clean_str("id", v)?;
        if !is_id(&id) {
            self.problem(
                v.span().start,
                tr!(
                    "id \"{id}\" 无效：只能用小写字母、数字和 -，1 到 64 个",
                    "id \"{id}\" is not valid: use 1 to 64 of a-z, 0-9 and -"
                ),
            );
            return None;
        }
        if let Some(&first) = seen.get(&id) {
            let line = self.line_of(first);
            self.problem(v.span().start, duplicate(&id, line));
            return None;
        }
        seen.insert(id.clone(), v.span().start);
        Some(id)
    }

    pub(super) fn string_list(
        &mut self,
        key: &str,
        v: &Val<'_>,
        non_empty: bool,
    ) -> Option<Vec<String>> {
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

    pub(super) fn integer(&mut self, key: &str, v: &Val<'_>, min: i64, max: i64) -> Option<i64> {
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

    pub(super) fn number(&mut self, key: &str, v: &Val<'_>) -> Option<f64> {
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

    pub(super) fn table<'a, 'i>(&mut self, key: &str, v: &'a Val<'i>) -> Option<&'a Table<'i>> {
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
    pub(super) fn tables<'a, 'i>(
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
}
