//! How a report is written out: the terminal table (one column per drill, or one
//! line per student and drill past `MAX_DRILL_COLUMNS`) and the spreadsheet's rows.

use super::clean;
use super::table::{DrillCell, Figure, Measure, Report, StudentRow};
use crate::tr;

fn passed_label(p: Option<bool>) -> String {
    match p {
        Some(true) => tr!("达标", "passed"),
        Some(false) => tr!("未达标", "failed"),
        None => String::new(),
    }
}

fn flag_label(row: &StudentRow) -> String {
    if row.flagged == 0 {
        String::new()
    } else {
        format!("{}: {}", row.flagged, row.reasons.join(", "))
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

fn minutes(ms: u64) -> String {
    format!("{:.1}", ms as f64 / 60_000.0)
}

/// Up to this many drills, one column (or five, in CSV) per drill; past it, one line
/// per student and drill done, so the table grows with the sessions read, never with
/// students × drills.
pub const MAX_DRILL_COLUMNS: usize = 40;

/// One attempt's figures as its kind shows them: `61.0/97%`, `88%/4.2s`; a small
/// sample's as "—".
fn figure_text(m: Measure, f: &Figure) -> String {
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

fn cell_text(m: Measure, c: &DrillCell) -> String {
    let verdict = passed_label(c.passed);
    let head = if c.exam {
        tr!("考 ", "exam ")
    } else {
        String::new()
    };
    format!(
        "{head}{} → {} {verdict}",
        figure_text(m, &c.first),
        figure_text(m, &c.best)
    )
    .trim_end()
    .to_string()
}

/// A cell's five spreadsheet columns: first and best, two figures each, and passed;
/// a small sample's figures left empty.
fn cell_figures(m: Measure, c: &DrillCell) -> [String; 5] {
    let (a_places, b_places) = match m {
        Measure::Typing => (1, 1),
        Measure::Reply | Measure::Codes | Measure::Shift => (0, 1),
    };
    let a = |f: &Figure| {
        if f.small {
            String::new()
        } else {
            format!("{:.a_places$}", f.a)
        }
    };
    let b = |f: &Figure| match f.b {
        Some(b) if !f.small => format!("{b:.b_places$}"),
        _ => String::new(),
    };
    [
        a(&c.first),
        b(&c.first),
        a(&c.best),
        b(&c.best),
        passed_label(c.passed),
    ]
}

/// The five spreadsheet headers of a drill's cell, by its kind.
fn cell_headers(m: Measure, d: &str) -> [String; 5] {
    match m {
        Measure::Typing => [
            tr!("{d} 首次字/分", "{d} first cpm"),
            tr!("{d} 首次准确率", "{d} first accuracy"),
            tr!("{d} 最佳字/分", "{d} best cpm"),
            tr!("{d} 最佳准确率", "{d} best accuracy"),
            tr!("{d} 达标", "{d} passed"),
        ],
        Measure::Reply => [
            tr!("{d} 首次正确%", "{d} first % right"),
            tr!("{d} 首次平均响应（秒）", "{d} first mean response (s)"),
            tr!("{d} 最佳正确%", "{d} best % right"),
            tr!("{d} 最佳平均响应（秒）", "{d} best mean response (s)"),
            tr!("{d} 达标", "{d} passed"),
        ],
        Measure::Codes => [
            tr!("{d} 首次正确%", "{d} first % right"),
            tr!("{d} 首次每题（秒）", "{d} first per item (s)"),
            tr!("{d} 最佳正确%", "{d} best % right"),
            tr!("{d} 最佳每题（秒）", "{d} best per item (s)"),
            tr!("{d} 达标", "{d} passed"),
        ],
        Measure::Shift => [
            tr!("{d} 首次回复率%", "{d} first % replied"),
            tr!("{d} 首次平均响应（秒）", "{d} first mean response (s)"),
            tr!("{d} 最佳回复率%", "{d} best % replied"),
            tr!("{d} 最佳平均响应（秒）", "{d} best mean response (s)"),
            tr!("{d} 达标", "{d} passed"),
        ],
    }
}

impl Report {
    /// Whether the drills are laid out one per line instead of one per column.
    pub fn is_long(&self) -> bool {
        self.drills.len() > MAX_DRILL_COLUMNS
    }

    fn student_cells(s: &StudentRow) -> Vec<String> {
        vec![
            s.id.clone(),
            s.name.clone(),
            s.status.label(),
            s.sessions.to_string(),
            minutes(s.practice_ms),
        ]
    }

    /// Header and rows for a spreadsheet: one column per figure, and an empty score.
    pub fn csv_rows(&self) -> (Vec<String>, Vec<Vec<String>>) {
        let mut header = vec![
            tr!("学号", "Student ID"),
            tr!("姓名", "Name"),
            tr!("状态", "Status"),
            tr!("练习次数", "Sessions"),
            tr!("练习时长（分钟）", "Practice (min)"),
        ];
        if self.is_long() {
            // One line per student and drill: the drill's kind says what its figures are.
            header.extend([
                tr!("练习", "Drill"),
                tr!("成绩类型", "Measured by"),
                tr!("首次", "first"),
                tr!("首次（二）", "first (2)"),
                tr!("最佳", "best"),
                tr!("最佳（二）", "best (2)"),
                tr!("达标", "passed"),
            ]);
        } else {
            for (d, m) in self.drills.iter().zip(&self.measures) {
                header.extend(cell_headers(*m, d));
            }
        }
        header.push(tr!("标记", "Flags"));
        header.push(tr!("成绩", "Score"));
        let mut rows = Vec::new();
        for s in &self.students {
            if self.is_long() {
                let mut first = true;
                for (d, c) in &s.drills {
                    let mut row = Report::student_cells(s);
                    row.push(self.drills[*d].clone());
                    row.push(measure_label(self.measures[*d]));
                    row.extend(cell_figures(self.measures[*d], c));
                    row.push(if first { flag_label(s) } else { String::new() });
                    row.push(String::new());
                    rows.push(row);
                    first = false;
                }
                if s.drills.is_empty() {
                    let mut row = Report::student_cells(s);
                    row.extend(std::iter::repeat_n(String::new(), 7));
                    row.push(flag_label(s));
                    row.push(String::new());
                    rows.push(row);
                }
                continue;
            }
            let mut row = Report::student_cells(s);
            let mut next = 0;
            for (d, c) in &s.drills {
                row.extend(std::iter::repeat_n(String::new(), 5 * (d - next)));
                row.extend(cell_figures(self.measures[*d], c));
                next = d + 1;
            }
            row.extend(std::iter::repeat_n(
                String::new(),
                5 * (self.drills.len() - next),
            ));
            row.push(flag_label(s));
            row.push(String::new());
            rows.push(row);
        }
        (header, rows)
    }

    /// The table for the terminal, columns aligned by display width.
    pub fn render(&self) -> String {
        let mut header = vec![
            tr!("学号", "ID"),
            tr!("姓名", "Name"),
            tr!("状态", "Status"),
            tr!("次数", "Sessions"),
            tr!("时长(分)", "Minutes"),
        ];
        let long = self.is_long();
        if long {
            header.push(tr!("练习", "Drill"));
            header.push(tr!("首次 → 最佳", "first → best"));
        } else {
            header.extend(self.drills.iter().cloned());
        }
        header.push(tr!("标记", "Flags"));
        let mut rows = vec![header];
        for s in &self.students {
            if long {
                let mut first = true;
                for (d, c) in &s.drills {
                    let mut row = if first {
                        Report::student_cells(s)
                    } else {
                        vec![String::new(); 5]
                    };
                    row.push(self.drills[*d].clone());
                    row.push(cell_text(self.measures[*d], c));
                    row.push(if first { flag_label(s) } else { String::new() });
                    rows.push(row.into_iter().map(|c| clean(&c)).collect());
                    first = false;
                }
                if s.drills.is_empty() {
                    let mut row = Report::student_cells(s);
                    row.extend(["—".to_string(), String::new(), flag_label(s)]);
                    rows.push(row.into_iter().map(|c| clean(&c)).collect());
                }
                continue;
            }
            let mut row = Report::student_cells(s);
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
            "每个练习：首次 → 最佳，按击键重算；跟打和短句是 字/分/准确率，快捷回复是 正确%/平均响应，编码是 正确%/每题用时；— 为样本不足；考试以首次为准",
            "each drill: first → best, recomputed from the keystrokes; typing cpm/accuracy, quick reply % right/mean response, codes % right/time per item; — a small sample; for exams the first attempt counts"
        );
        out.push_str(&format!("\n{legend}\n"));
        out
    }
}
