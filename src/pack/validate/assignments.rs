//! An `[[assignment]]` table: drills of the pack to finish by a date, each passed
//! (`pass = true`) or practised for so many minutes in all (`minutes = N`).

use super::*;

/// The most minutes an assignment may ask for (a term of daily hours).
const MAX_MINUTES: i64 = 100_000;

impl Validator<'_> {
    pub(super) fn assignment(
        &mut self,
        at: usize,
        t: &Table<'_>,
        drills: &[Drill],
        seen: &mut HashMap<String, usize>,
    ) -> Option<Assignment> {
        let what = "[[assignment]]";
        self.unknown_keys(
            t,
            &["id", "title", "drills", "due", "pass", "minutes"],
            what,
        );
        let id = self.unique_id(at, t, what, seen, |id, first| {
            tr!(
                "作业 id \"{id}\" 重复了（第 {first} 行已有）",
                "duplicate assignment id \"{id}\" (the first is on line {first})"
            )
        });
        let what = match &id {
            Some(id) => format!("[[assignment]] {id}"),
            None => what.to_owned(),
        };
        let title = self.required_text(at, t, "title", &what);
        let (listed, listed_ok) = match t.get("drills") {
            None => {
                self.missing(at, "drills", &what);
                (None, false)
            }
            Some(v) => match self.drill_ids(v) {
                Some((ids, ok)) => (Some(ids), ok),
                None => (None, false),
            },
        };
        let due = match t.get("due") {
            None => {
                self.missing(at, "due", &what);
                None
            }
            Some(v) => self.due(v),
        };
        let need = self.need(at, t, &what);
        // Passing needs a pass line on every drill named.
        if let (Some(Need::Pass), Some(listed)) = (need, &listed) {
            for (name, pos) in listed {
                if drills.iter().any(|d| &d.id == name && d.pass.is_none()) {
                    self.problem(
                        *pos,
                        tr!(
                            "练习 {name} 没有 pass（及格线），作业不能要求 pass = true：给它加 pass，或改用 minutes",
                            "drill {name} has no pass line, so the assignment cannot ask for pass = true: give it a pass line, or use minutes"
                        ),
                    );
                }
            }
        }
        Some(Assignment {
            id: id?,
            title: title?,
            drills: listed
                .filter(|_| listed_ok)?
                .into_iter()
                .map(|(d, _)| d)
                .collect(),
            due: due?,
            need: need?,
        })
    }

    /// `drills`: a non-empty list of this pack's drill ids: those that are, each with
    /// its position, and whether all were.
    fn drill_ids(&mut self, v: &Val<'_>) -> Option<(Vec<(String, usize)>, bool)> {
        let names = self.string_list("drills", v, true)?;
        let DeValue::Array(items) = v.get_ref() else {
            return None;
        };
        let mut out = Vec::new();
        let mut ok = true;
        for (name, item) in names.into_iter().zip(items.iter()) {
            let pos = item.span().start;
            if !self.declared_drills.contains(&name) {
                self.problem(
                    pos,
                    tr!(
                        "drills 中的 \"{name}\" 不是本包的练习",
                        "drills names \"{name}\", which is no drill of this pack"
                    ),
                );
                ok = false;
            } else if out.iter().any(|(n, _)| n == &name) {
                self.problem(
                    pos,
                    tr!(
                        "drills 中 \"{name}\" 写了两次",
                        "drills names \"{name}\" twice"
                    ),
                );
                ok = false;
            } else {
                out.push((name, pos));
            }
        }
        Some((out, ok))
    }

    /// `due`: a TOML date or date-time, kept as text (`YYYY-MM-DD`,
    /// `YYYY-MM-DDTHH:MM:SS`, or with an offset).
    fn due(&mut self, v: &Val<'_>) -> Option<String> {
        let hint = tr!(
            "due 写成不加引号的日期或时间，例如 due = 2026-12-14 或 due = 2026-12-14T18:00:00",
            "write due as a date or date-time without quotes, e.g. due = 2026-12-14 or due = 2026-12-14T18:00:00"
        );
        let DeValue::Datetime(dt) = v.get_ref() else {
            let got = type_name(v.get_ref());
            self.problem(
                v.span().start,
                tr!("due 不能是{got}：{hint}", "due cannot be {got}: {hint}"),
            );
            return None;
        };
        let Some(date) = dt.date else {
            self.problem(
                v.span().start,
                tr!("due 缺少日期：{hint}", "due has no date: {hint}"),
            );
            return None;
        };
        let mut due = format!("{:04}-{:02}-{:02}", date.year, date.month, date.day);
        if let Some(time) = dt.time {
            let second = time.second.unwrap_or(0);
            due.push_str(&format!("T{:02}:{:02}:{second:02}", time.hour, time.minute));
            match dt.offset {
                None => {}
                Some(toml::value::Offset::Z) => due.push_str("+00:00"),
                Some(toml::value::Offset::Custom { minutes }) => {
                    let sign = if minutes < 0 { '-' } else { '+' };
                    let m = minutes.unsigned_abs();
                    due.push_str(&format!("{sign}{:02}:{:02}", m / 60, m % 60));
                }
            }
        }
        Some(due)
    }

    /// `pass = true` or `minutes = N`, exactly one of them.
    fn need(&mut self, at: usize, t: &Table<'_>, what: &str) -> Option<Need> {
        match (t.get("pass"), t.get("minutes")) {
            (Some(_), Some(m)) => {
                self.problem(
                    m.span().start,
                    tr!(
                        "{what} 只能写 pass 或 minutes 中的一个",
                        "{what} takes pass or minutes, not both"
                    ),
                );
                None
            }
            (None, None) => {
                self.problem(
                    at,
                    tr!(
                        "{what} 缺少 pass = true 或 minutes = 分钟数",
                        "{what} needs pass = true or minutes = N"
                    ),
                );
                None
            }
            (Some(p), None) => match p.get_ref() {
                DeValue::Boolean(true) => Some(Need::Pass),
                _ => {
                    self.problem(
                        p.span().start,
                        tr!(
                            "作业的 pass 只能写 true（每个练习都达标）；要求练习时长请写 minutes",
                            "an assignment's pass can only be true (every drill passed); for practice time write minutes"
                        ),
                    );
                    None
                }
            },
            (None, Some(m)) => self
                .integer("minutes", m, 1, MAX_MINUTES)
                .map(|n| Need::Minutes(n as u32)),
        }
    }
}
