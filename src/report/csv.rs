//! The class table as spreadsheet rows: the terminal table's columns, each figure in a
//! column of its own (a small sample's or a left attempt's left empty), times on the
//! teacher's clock, Chinese headers, and an empty score column to fill in.

use super::cell::{Attempt, DrillCell, Measure};
use super::layout::{flag_label, verdict_label};
use super::table::{Report, StudentRow};
use crate::tr;

/// Columns per drill: first, best and latest (two figures each), trend, when the
/// latest was, verdict.
const PER_DRILL: usize = 9;

/// The nine spreadsheet headers of drill `d`'s cell, by its kind.
fn cell_headers(m: Measure, d: &str) -> [String; PER_DRILL] {
    let (a, b) = match m {
        Measure::Typing => (tr!("字/分", "cpm"), tr!("准确率", "accuracy")),
        Measure::Reply => (
            tr!("正确%", "% right"),
            tr!("平均响应（秒）", "mean response (s)"),
        ),
        Measure::Codes => (tr!("正确%", "% right"), tr!("每题（秒）", "per item (s)")),
        Measure::Shift => (
            tr!("回复率%", "% replied"),
            tr!("平均响应（秒）", "mean response (s)"),
        ),
    };
    [
        tr!("{d} 首次{a}", "{d} first {a}"),
        tr!("{d} 首次{b}", "{d} first {b}"),
        tr!("{d} 最佳{a}", "{d} best {a}"),
        tr!("{d} 最佳{b}", "{d} best {b}"),
        tr!("{d} 最近{a}", "{d} latest {a}"),
        tr!("{d} 最近{b}", "{d} latest {b}"),
        tr!("{d} 趋势", "{d} trend"),
        tr!("{d} 最近时间", "{d} latest at"),
        tr!("{d} 达标", "{d} passed"),
    ]
}

impl Report {
    /// A cell's nine spreadsheet columns.
    fn cell_figures(&self, m: Measure, c: &DrillCell) -> [String; PER_DRILL] {
        let (a_places, b_places) = match m {
            Measure::Typing => (1, 1),
            Measure::Reply | Measure::Codes | Measure::Shift => (0, 1),
        };
        let shown = |x: &Attempt| !x.figure.small && !x.left;
        let a = |x: &Attempt| {
            if shown(x) {
                format!("{:.a_places$}", x.figure.a)
            } else {
                String::new()
            }
        };
        let b = |x: &Attempt| match x.figure.b {
            Some(b) if shown(x) => format!("{b:.b_places$}"),
            _ => String::new(),
        };
        [
            a(&c.first),
            b(&c.first),
            a(&c.best),
            b(&c.best),
            a(&c.latest),
            b(&c.latest),
            // Unsigned when it rises: a leading + is what the formula guard quotes.
            c.trend.map_or(String::new(), |t| format!("{t:.a_places$}")),
            self.zone.show(c.latest.at),
            verdict_label(c.verdict),
        ]
    }

    /// Each assignment's standing and when it was met.
    fn assignment_figures(&self, s: &StudentRow) -> Vec<String> {
        (0..self.assignments.len())
            .flat_map(|i| match s.assignments.get(i) {
                Some(a) => [
                    a.done.label(),
                    a.at.map_or(String::new(), |t| self.zone.show(t)),
                ],
                None => [String::new(), String::new()],
            })
            .collect()
    }

    /// Header and rows for a spreadsheet, without the details.
    pub fn csv_rows(&self) -> (Vec<String>, Vec<Vec<String>>) {
        self.csv(false)
    }

    /// Header and rows for a spreadsheet; with `details`, a column of every finding.
    pub fn csv(&self, details: bool) -> (Vec<String>, Vec<Vec<String>>) {
        let mut header = vec![
            tr!("学号", "Student ID"),
            tr!("姓名", "Name"),
            tr!("状态", "Status"),
            tr!("练习次数", "Sessions"),
            tr!("练习时长（分钟）", "Practice (min)"),
        ];
        for t in &self.assignments {
            header.push(t.clone());
            header.push(tr!("{t} 完成时间", "{t} met at"));
        }
        if self.is_long() {
            // One line per student and drill: the drill's kind says what its figures are.
            header.push(tr!("练习", "Drill"));
            header.push(tr!("成绩类型", "Measured by"));
            header.extend([
                tr!("首次", "first"),
                tr!("首次（二）", "first (2)"),
                tr!("最佳", "best"),
                tr!("最佳（二）", "best (2)"),
                tr!("最近", "latest"),
                tr!("最近（二）", "latest (2)"),
                tr!("趋势", "trend"),
                tr!("最近时间", "latest at"),
                tr!("达标", "passed"),
            ]);
        } else {
            for (d, m) in self.drills.iter().zip(&self.measures) {
                header.extend(cell_headers(*m, d));
            }
        }
        header.push(tr!("标记", "Flags"));
        if details {
            header.push(tr!("详情", "Details"));
        }
        header.push(tr!("成绩", "Score"));
        let width = 5 + 2 * self.assignments.len();
        let mut rows = Vec::new();
        for s in &self.students {
            let mut lead = Report::student_cells(s);
            lead.extend(self.assignment_figures(s));
            let tail = |first: bool| {
                let mut t = vec![if first { flag_label(s) } else { String::new() }];
                if details {
                    let lines: Vec<String> = s.findings.iter().map(|f| f.line()).collect();
                    t.push(if first {
                        lines.join("\n")
                    } else {
                        String::new()
                    });
                }
                t.push(String::new());
                t
            };
            if self.is_long() {
                for (i, (d, c)) in s.drills.iter().enumerate() {
                    let mut row = if i == 0 {
                        lead.clone()
                    } else {
                        let mut r = Report::student_cells(s);
                        r.resize(width, String::new());
                        r
                    };
                    row.push(self.drills[*d].clone());
                    row.push(measure_label(self.measures[*d]));
                    row.extend(self.cell_figures(self.measures[*d], c));
                    row.extend(tail(i == 0));
                    rows.push(row);
                }
                if s.drills.is_empty() {
                    let mut row = lead;
                    row.extend(std::iter::repeat_n(String::new(), 2 + PER_DRILL));
                    row.extend(tail(true));
                    rows.push(row);
                }
                continue;
            }
            let mut row = lead;
            let mut next = 0;
            for (d, c) in &s.drills {
                row.extend(std::iter::repeat_n(String::new(), PER_DRILL * (d - next)));
                row.extend(self.cell_figures(self.measures[*d], c));
                next = d + 1;
            }
            row.extend(std::iter::repeat_n(
                String::new(),
                PER_DRILL * (self.drills.len() - next),
            ));
            row.extend(tail(true));
            rows.push(row);
        }
        (header, rows)
    }
}

fn measure_label(m: Measure) -> String {
    match m {
        Measure::Typing => tr!("字/分/准确率", "cpm/accuracy"),
        Measure::Reply => tr!("正确%/平均响应秒", "% right/mean response s"),
        Measure::Codes => tr!("正确%/每题秒", "% right/s per item"),
        Measure::Shift => tr!("回复率%/平均响应秒", "% replied/mean response s"),
    }
}
