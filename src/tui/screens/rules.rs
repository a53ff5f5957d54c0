//! The rules shown before a timed or graded drill; Enter starts it.

use super::{centered, safe};
use crate::pack::{Drill, Pass};
use crate::tr;
use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// The rule lines of a drill: time, criteria, Backspace on or off.
pub fn rule_lines(drill: &Drill) -> Vec<String> {
    let mut lines = Vec::new();
    if drill.time_limit.is_some() && drill.pass.is_some() {
        lines.push(tr!(
            "这是一场考试：老师的成绩表按第一次的成绩计。",
            "This is an exam: the class report counts your first attempt."
        ));
    }
    if let Some(s) = drill.time_limit {
        lines.push(tr!(
            "限时 {s} 秒，到时自动结束。",
            "Time limit {s} s; the drill ends when it runs out."
        ));
    }
    match drill.pass {
        Some(Pass::Typing { cpm, accuracy }) => lines.push(tr!(
            "及格：字/分 ≥ {cpm} 且准确率 ≥ {accuracy}%。",
            "To pass: cpm ≥ {cpm} and accuracy ≥ {accuracy}%."
        )),
        Some(Pass::Reply { correct, seconds }) => lines.push(tr!(
            "及格：回复正确（短语和信息都对）≥ {correct}%，平均响应 ≤ {seconds} 秒，每条都要回复。",
            "To pass: ≥ {correct}% of replies right (reply and details), mean response ≤ {seconds} s, every message answered."
        )),
        Some(Pass::Codes { correct }) => lines.push(tr!(
            "及格：答对 ≥ {correct}%，做完全部题目。",
            "To pass: ≥ {correct}% right, every item done."
        )),
        None => {}
    }
    lines.push(if drill.strict {
        tr!("退格键已禁用。", "Backspace is off.")
    } else {
        tr!("可以用退格键改错。", "Backspace is on.")
    });
    lines.push(match drill.kind() {
        crate::pack::DrillKind::QuickReply => tr!(
            "按 Enter 后出现第一条顾客消息，计时开始。",
            "After Enter the first customer message appears; the clock starts."
        ),
        crate::pack::DrillKind::Recall => tr!(
            "按 Enter 后出现第一题，计时开始。",
            "After Enter the first item appears; the clock starts."
        ),
        _ => tr!(
            "计时从按 Enter 之后的第一个字开始。",
            "The clock starts at the first key after Enter."
        ),
    });
    lines
}

pub fn render(frame: &mut Frame, pack_title: &str, drill: &Drill) {
    let area = centered(frame.area(), 64, 12);
    let mut lines: Vec<Line> = rule_lines(drill).into_iter().map(Line::from).collect();
    lines.push(Line::from(""));
    lines.push(Line::from(tr!(
        "Enter 开始 · Esc 返回",
        "Enter start · Esc back"
    )));
    let block = Block::default()
        .borders(Borders::ALL)
        .title(safe(&format!(" {pack_title} · {} ", drill.title)));
    frame.render_widget(
        Paragraph::new(lines).block(block).wrap(Wrap { trim: true }),
        area,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::{DrillBody, Pass};

    fn drill(time_limit: Option<u32>, pass: Option<Pass>, strict: bool) -> Drill {
        Drill {
            id: "t".into(),
            title: "t".into(),
            description: None,
            tags: vec![],
            time_limit,
            strict,
            pass,
            body: DrillBody::Text { text: "亲".into() },
        }
    }

    #[test]
    fn an_exam_says_so_with_its_time_criteria_and_backspace() {
        let pass = Pass::Typing {
            cpm: 60.0,
            accuracy: 95.0,
        };
        let lines = rule_lines(&drill(Some(180), Some(pass), true));
        assert_eq!(lines[0], "这是一场考试：老师的成绩表按第一次的成绩计。");
        assert_eq!(lines[1], "限时 180 秒，到时自动结束。");
        assert_eq!(lines[2], "及格：字/分 ≥ 60 且准确率 ≥ 95%。");
        assert_eq!(lines[3], "退格键已禁用。");
    }

    #[test]
    fn a_timed_drill_without_criteria_is_no_exam() {
        let lines = rule_lines(&drill(Some(60), None, false));
        assert_eq!(lines[0], "限时 60 秒，到时自动结束。");
        assert_eq!(lines[1], "可以用退格键改错。");
    }
}
