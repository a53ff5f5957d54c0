//! The class table for the terminal: one column per drill (or one line per student and
//! drill past `MAX_DRILL_COLUMNS`) and per assignment, the flags, the class figures of
//! each drill, and on request every finding per student. What cells and figures read
//! like is shared with the spreadsheet ([`super::csv`]).

use super::cell::{Attempt, DrillCell, Measure, Verdict};
use super::class::ClassFigures;
use super::clean;
use super::table::{Report, StudentRow};
use crate::tr;

/// Up to this many drills, one column (or nine, in CSV) per drill; past it, one line
/// per student and drill done, so the table grows with the sessions read, never with
/// students × drills.
pub const MAX_DRILL_COLUMNS: usize = 40;

pub(super) fn verdict_label(v: Option<Verdict>) -> String {
    match v {
        Some(Verdict::Passed) => tr!("达标", "passed"),
        Some(Verdict::Failed) => tr!("未达标", "failed"),
        Some(Verdict::Held) => tr!("待核", "to check"),
        None => String::new(),
    }
}

/// `N: flag, flag` (sessions with a finding, and the flags of all of them).
pub(super) fn flag_label(row: &StudentRow) -> String {
    if row.flags.is_empty() {
        return String::new();
    }
    let flags: Vec<String> = row.flags.iter().map(|f| f.label()).collect();
    format!("{}: {}", row.flagged, flags.join(", "))
}

pub(super) fn minutes(ms: u64) -> String {
    format!("{:.1}", ms as f64 / 60_000.0)
}

/// One attempt's figures as its kind shows them: `61.0/97%`, `88%/4.2s`; a small
/// sample's as "—", a left attempt's as 中途退出.
fn attempt_text(m: Measure, a: &Attempt) -> String {
    if a.left {
        return tr!("中途退出", "left");
    }
    let f = &a.figure;
    if f.small {
        return "—".to_string();
    }
    let b = f.b.map_or("—".to_string(), |b| match m {
        Measure::Typing => format!("{b:.0}%"),
        Measure::Reply | Measure::Codes | Measure::Shift => format!("{b:.1}s"),
    });
    match m {
        Measure::Typing => format!("{:.1}/{b}", f.a),
        Measure::Reply | Measure::Codes | Measure::Shift => format!("{:.0}%/{b}", f.a),
    }
}

/// `考 40.0/100% → 70.0/100% | 近 65.0/98% +25.0 达标`: first → best, then (with more
/// than one attempt) the latest and the trend, then the verdict.
fn cell_text(m: Measure, c: &DrillCell) -> String {
    let mut text = if c.exam {
        tr!("考 ", "exam ")
    } else {
        String::new()
    };
    text.push_str(&format!(
        "{} → {}",
        attempt_text(m, &c.first),
        attempt_text(m, &c.best)
    ));
    if c.attempts > 1 {
        let latest = attempt_text(m, &c.latest);
        text.push_str(&tr!(" | 近 {latest}", " | latest {latest}"));
        if let Some(t) = c.trend {
            text.push_str(&format!(" {t:+.1}"));
        }
    }
    let verdict = verdict_label(c.verdict);
    if !verdict.is_empty() {
        text.push(' ');
        text.push_str(&verdict);
    }
    text
}

/// A class figure as its drill's kind reads: 字/分 to a tenth, per cent whole.
pub(super) fn class_value(m: Measure, x: Option<f64>) -> String {
    match (m, x) {
        (_, None) => "—".to_string(),
        (Measure::Typing, Some(x)) => format!("{x:.1}"),
        (Measure::Reply | Measure::Codes | Measure::Shift, Some(x)) => format!("{x:.0}%"),
    }
}

/// `30/38` students passed, or "—" for a drill without a pass line.
pub(super) fn passed_text(c: &ClassFigures) -> String {
    c.passed
        .map_or("—".to_string(), |p| format!("{p}/{}", c.students))
}

impl Report {
    /// Whether the drills are laid out one per line instead of one per column.
    pub fn is_long(&self) -> bool {
        self.drills.len() > MAX_DRILL_COLUMNS
    }

    pub(super) fn student_cells(s: &StudentRow) -> Vec<String> {
        vec![
            s.id.clone(),
            s.name.clone(),
            s.status.label(),
            s.sessions.to_string(),
            minutes(s.practice_ms),
        ]
    }

    /// The standing on each assignment (empty for a student who handed in nothing).
    fn assignment_cells(&self, s: &StudentRow) -> Vec<String> {
        (0..self.assignments.len())
            .map(|i| {
                s.assignments
                    .get(i)
                    .map_or(String::new(), |a| a.done.label())
            })
            .collect()
    }

    /// The table for the terminal, columns aligned by display width, then the class
    /// figures of each drill.
    pub fn render(&self) -> String {
        let mut header = vec![
            tr!("学号", "ID"),
            tr!("姓名", "Name"),
            tr!("状态", "Status"),
            tr!("次数", "Sessions"),
            tr!("时长(分)", "Minutes"),
        ];
        header.extend(self.assignments.iter().cloned());
        let long = self.is_long();
        if long {
            header.push(tr!("练习", "Drill"));
            header.push(tr!("首次 → 最佳", "first → best"));
        } else {
            header.extend(self.drills.iter().cloned());
        }
        header.push(tr!("标记", "Flags"));
        let mut rows = vec![header];
        let blank = 5 + self.assignments.len();
        for s in &self.students {
            let mut lead = Report::student_cells(s);
            lead.extend(self.assignment_cells(s));
            if long {
                let mut first = true;
                for (d, c) in &s.drills {
                    let mut row = if first {
                        lead.clone()
                    } else {
                        vec![String::new(); blank]
                    };
                    row.push(self.drills[*d].clone());
                    row.push(cell_text(self.measures[*d], c));
                    row.push(if first { flag_label(s) } else { String::new() });
                    rows.push(row.into_iter().map(|c| clean(&c)).collect());
                    first = false;
                }
                if s.drills.is_empty() {
                    lead.extend(["—".to_string(), String::new(), flag_label(s)]);
                    rows.push(lead.into_iter().map(|c| clean(&c)).collect());
                }
                continue;
            }
            let mut row = lead;
            let mut next = 0;
            for (d, c) in &s.drills {
                row.extend(std::iter::repeat_n("—".to_string(), d - next));
                row.push(cell_text(self.measures[*d], c));
                next = d + 1;
            }
            row.extend(std::iter::repeat_n(
                "—".to_string(),
                self.drills.len() - next,
            ));
            row.push(flag_label(s));
            rows.push(row.into_iter().map(|c| clean(&c)).collect());
        }
        let mut out = String::new();
        if long {
            let n = self.drills.len();
            out.push_str(&tr!(
                "共 {n} 个练习，超过 {MAX_DRILL_COLUMNS} 个：每个学生的每个练习各占一行\n",
                "{n} drills, more than {MAX_DRILL_COLUMNS}: one line per student and drill\n"
            ));
        }
        out.push_str(&crate::fit::aligned(&rows, &[]));
        let legend = tr!(
            "每个练习：首次 → 最佳 | 近 最近一次 和趋势（最近 − 首次），按击键重算；跟打和短句是 字/分/准确率，快捷回复是 正确%/平均响应，编码是 正确%/每题用时，班次是 回复率/平均响应；— 为样本不足；考试以首次为准；待核：有标记，老师核对后再定",
            "each drill: first → best | latest and the trend (latest − first), recomputed from the keystrokes; typing cpm/accuracy, quick reply % right/mean response, codes % right/time per item, shifts % replied/mean response; — a small sample; for exams the first attempt counts; to check: flagged, for the teacher to decide"
        );
        out.push_str(&format!("\n{legend}\n"));
        if !self.drills.is_empty() {
            out.push('\n');
            out.push_str(&self.render_class());
        }
        out
    }

    /// How the class did at each drill.
    fn render_class(&self) -> String {
        let mut rows = vec![vec![
            tr!("班级", "Class"),
            tr!("人数", "Students"),
            tr!("平均", "Mean"),
            tr!("中位数", "Median"),
            tr!("达标", "Passed"),
        ]];
        for ((d, m), c) in self.drills.iter().zip(&self.measures).zip(&self.class) {
            rows.push(vec![
                clean(d),
                c.students.to_string(),
                class_value(*m, c.mean),
                class_value(*m, c.median),
                passed_text(c),
            ]);
        }
        let note = tr!(
            "平均和中位数：考试看首次，其余看最佳；样本不足、待核和中途退出的不计入",
            "mean and median: an exam's first attempt, another drill's best; small samples, attempts to check and left ones are not counted"
        );
        format!("{}{note}\n", crate::fit::aligned(&rows, &[]))
    }

    /// Every finding, per student who has one.
    pub fn render_details(&self) -> String {
        let mut out = tr!(
            "详情：每个学生的每一处发现\n",
            "Details: every finding per student\n"
        );
        let mut any = false;
        for s in self.students.iter().filter(|s| !s.findings.is_empty()) {
            any = true;
            out.push_str(&format!("{} {}\n", clean(&s.id), clean(&s.name)));
            for f in &s.findings {
                out.push_str(&format!("  {}\n", clean(&f.line())));
            }
        }
        if !any {
            out.push_str(&tr!("  （没有发现）\n", "  (nothing found)\n"));
        }
        out
    }
}
