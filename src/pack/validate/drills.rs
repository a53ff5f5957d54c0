//! A `[[drill]]` table: the keys common to every drill, `pass` by kind, and the body
//! of each kind (text, phrases, quick-reply scenarios, code drills).

use super::*;

impl Validator<'_> {
    /// A drill, and whether it starts only with the teacher's code (`start_code`).
    pub(super) fn drill(
        &mut self,
        at: usize,
        t: &Table<'_>,
        templates: &[Template],
        seen: &mut HashMap<String, usize>,
    ) -> Option<(Drill, bool)> {
        let what = "[[drill]]";
        if let Some(id) = t.get("id").and_then(|v| v.get_ref().as_str()) {
            self.declared_drills.insert(id.to_owned());
        }
        let id = self.unique_id(at, t, what, seen, |id, first| {
            tr!(
                "练习 id \"{id}\" 重复了（第 {first} 行已有）",
                "duplicate drill id \"{id}\" (the first is on line {first})"
            )
        });
        let what = match &id {
            Some(id) => format!("[[drill]] {id}"),
            None => what.to_owned(),
        };
        let title = self.required_text(at, t, "title", &what);
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
                            "kind \"{k}\" 无效（可用：text, phrases, quickreply, recall, recite, shift）",
                            "kind \"{k}\" is not valid (text, phrases, quickreply, recall, recite, shift)"
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
            Some(DrillKind::Shift) => &SHIFT_KEYS,
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
        let strict = self.flag(t, "strict");
        let start_code = self.flag(t, "start_code");
        let pass = match t.get("pass") {
            Some(v) => self.pass(kind, v).map(Some),
            None => Some(None),
        };
        let body = kind.and_then(|k| self.body(k, at, t, templates, &what));
        let drill = Drill {
            id: id?,
            title: title?,
            description: description?,
            tags: tags?,
            time_limit: time_limit?,
            strict: strict?,
            pass: pass?,
            body: body?.into(),
        };
        Some((drill, start_code?))
    }

    /// An optional `true` or `false` (default false); `None` when it is something else.
    pub(super) fn flag(&mut self, t: &Table<'_>, key: &str) -> Option<bool> {
        let Some(v) = t.get(key) else {
            return Some(false);
        };
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            other => {
                let got = type_name(other);
                self.problem(
                    v.span().start,
                    tr!(
                        "{key} 应为 true 或 false，而不是{got}",
                        "{key} must be true or false, not {got}"
                    ),
                );
                None
            }
        }
    }

    /// `pass`, with the keys the drill's kind judges (PRODUCT.md "`pass` by kind").
    pub(super) fn pass(&mut self, kind: Option<DrillKind>, v: &Val<'_>) -> Option<Pass> {
        let t = self.table("pass", v)?;
        let keys: &[&str] = match kind {
            Some(DrillKind::Text | DrillKind::Phrases) => &["cpm", "accuracy"],
            Some(DrillKind::QuickReply) => &["correct", "seconds"],
            Some(DrillKind::Recall | DrillKind::Recite) => &["correct"],
            Some(DrillKind::Shift) => &["reply_rate", "seconds"],
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
            (Some(DrillKind::Shift), [reply_rate, seconds]) => Pass::Shift {
                reply_rate: *reply_rate,
                seconds: *seconds,
            },
            (_, [cpm, accuracy]) => Pass::Typing {
                cpm: *cpm,
                accuracy: *accuracy,
            },
            _ => return None,
        })
    }

    pub(super) fn count(&mut self, t: &Table<'_>) -> Option<Option<usize>> {
        match t.get("count") {
            Some(v) => self
                .integer("count", v, 1, MAX_COUNT)
                .map(|n| Some(n as usize)),
            None => Some(None),
        }
    }

    pub(super) fn body(
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
            DrillKind::Shift => self.shift(at, t, templates, what).map(DrillBody::Shift),
        }
    }

    /// A table of strings (`slots`, `card`), in file order.
    pub(super) fn string_table(&mut self, key: &str, v: &Val<'_>) -> Option<Vec<(String, String)>> {
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

    pub(super) fn scenario(
        &mut self,
        at: usize,
        t: &Table<'_>,
        templates: &[Template],
    ) -> Option<Scenario> {
        let what = "[[drill.scenario]]";
        self.unknown_keys(t, &["customer", "expect", "slots", "card", "context"], what);
        self.message(at, t, templates, what)
    }

    /// A customer message to answer (a quick-reply scenario, a shift buyer's turn): what
    /// the customer says, the accepted codes, the values their placeholders need, and
    /// the card and notes when the table has them. The caller checks the table's keys.
    pub(super) fn message(
        &mut self,
        at: usize,
        t: &Table<'_>,
        templates: &[Template],
        what: &str,
    ) -> Option<Scenario> {
        self.message_as(at, t, templates, what, None)
    }

    /// [`Self::message`], with `said` standing for `customer` when the student speaks
    /// first (a 催付, a 关怀: the order's line or the event).
    pub(super) fn message_as(
        &mut self,
        at: usize,
        t: &Table<'_>,
        templates: &[Template],
        what: &str,
        said: Option<String>,
    ) -> Option<Scenario> {
        let customer = match (said, t.get("customer")) {
            (Some(said), _) => Some(vec![said]),
            (None, None) => {
                self.missing(at, "customer", what);
                None
            }
            (None, Some(v)) => match v.get_ref() {
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
