//! The rules shown before a timed or graded drill; Enter starts it.

use super::{centered, safe};
use crate::pack::{Drill, Pass};
use crate::tr;
use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// Who is about to take the drill, and whether they took it before (known once the
/// loop has counted their attempts).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Taker {
    /// `姓名（学号）`, or `None` when nobody is set.
    pub student: Option<String>,
    pub attempts: Option<u32>,
}

/// The rule lines of a drill: who takes an exam and whether it counts, time, criteria,
/// Backspace on or off.
pub fn rule_lines(drill: &Drill, taker: &Taker) -> Vec<String> {
    let mut lines = Vec::new();
    if drill.is_exam() {
        lines.push(tr!(
            "这是一场考试：老师的成绩表按第一次的成绩计。",
            "This is an exam: the class report counts your first attempt."
        ));
        lines.push(match &taker.student {
            Some(who) => tr!("考生：{}", "Taking it: {}", safe(who)),
            None => tr!(
                "考生：未登记（按 u 填写学号和姓名）",
                "Taking it: nobody set (u to enter your ID and name)"
            ),
        });
        if taker.attempts.is_some_and(|n| n > 0) {
            lines.push(tr!(
                "你已经考过这一场：这次是练习，不计入成绩。",
                "You have taken this exam before: this attempt is practice and does not count."
            ));
        }
    }
    if let crate::pack::DrillBody::Shift(shift) = &drill.body {
        lines.push(tr!(
            "班次 {} 分钟，{} 位顾客陆续进来，几位同时在等。",
            "A {}-minute shift: {} buyers come in turn, several waiting at once.",
            shift.minutes,
            shift.buyers.len()
        ));
        lines.push(tr!(
            "每条消息 {} 秒内回复，顾客的第一条 {} 秒内。",
            "Reply to each message within {} s, a buyer's first within {} s.",
            shift.target_seconds,
            shift.first_response_seconds
        ));
        if let Some(w) = shift.max_wait {
            lines.push(tr!(
                "顾客等 {w} 秒没人回就走了（未回复流失）。",
                "A buyer left unanswered for {w} s leaves (lost)."
            ));
        }
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
        Some(Pass::Shift {
            reply_rate,
            seconds,
        }) => lines.push(tr!(
            "及格：回复率 ≥ {reply_rate}%，平均响应 ≤ {seconds} 秒，班次做到结束。",
            "To pass: ≥ {reply_rate}% of buyers replied to, mean response ≤ {seconds} s, the shift worked to its end."
        )),
        None => {}
    }
    if drill.kind() != crate::pack::DrillKind::Shift {
        lines.push(if drill.strict {
            tr!("退格键已禁用。", "Backspace is off.")
        } else {
            tr!("可以用退格键改错。", "Backspace is on.")
        });
    }
    lines.push(match drill.kind() {
        crate::pack::DrillKind::QuickReply => tr!(
            "按 Enter 后出现第一条顾客消息，计时开始。",
            "After Enter the first customer message appears; the clock starts."
        ),
        crate::pack::DrillKind::Recall => tr!(
            "按 Enter 后出现第一题，计时开始。",
            "After Enter the first item appears; the clock starts."
        ),
        crate::pack::DrillKind::Shift => tr!(
            "按 Enter 开始班次。Ctrl-N/Ctrl-P 切换顾客，Ctrl-G 跳到等得最久的，Esc 结束。",
            "Enter starts the shift. Ctrl-N/Ctrl-P switch buyers, Ctrl-G the longest wait, Esc ends."
        ),
        _ => tr!(
            "计时从按 Enter 之后的第一个字开始。",
            "The clock starts at the first key after Enter."
        ),
    });
    lines
}

pub fn render(frame: &mut Frame, pack_title: &str, drill: &Drill, taker: &Taker) {
    let area = centered(frame.area(), 64, 14);
    let mut lines: Vec<Line> = rule_lines(drill, taker)
        .into_iter()
        .map(Line::from)
        .collect();
    lines.push(Line::from(""));
    lines.push(Line::from(if drill.is_exam() {
        tr!(
            "Enter 开始 · u 换考生 · Esc 返回",
            "Enter start · u change who · Esc back"
        )
    } else {
        tr!("Enter 开始 · Esc 返回", "Enter start · Esc back")
    }));
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
        let taker = Taker {
            student: Some("张三（2026001）".into()),
            attempts: Some(0),
        };
        let lines = rule_lines(&drill(Some(180), Some(pass), true), &taker);
        assert_eq!(lines[0], "这是一场考试：老师的成绩表按第一次的成绩计。");
        assert_eq!(lines[1], "考生：张三（2026001）");
        assert_eq!(lines[2], "限时 180 秒，到时自动结束。");
        assert_eq!(lines[3], "及格：字/分 ≥ 60 且准确率 ≥ 95%。");
        assert_eq!(lines[4], "退格键已禁用。");
    }

    #[test]
    fn a_second_attempt_says_it_does_not_count_and_nobody_set_says_how_to_register() {
        crate::i18n::set_lang(crate::i18n::Lang::Zh);
        let pass = Pass::Typing {
            cpm: 60.0,
            accuracy: 95.0,
        };
        let taker = Taker {
            student: None,
            attempts: Some(1),
        };
        let lines = rule_lines(&drill(None, Some(pass), false), &taker);
        assert_eq!(lines[1], "考生：未登记（按 u 填写学号和姓名）");
        assert_eq!(lines[2], "你已经考过这一场：这次是练习，不计入成绩。");
    }

    #[test]
    fn a_timed_drill_without_criteria_is_no_exam() {
        let lines = rule_lines(&drill(Some(60), None, false), &Taker::default());
        assert_eq!(lines[0], "限时 60 秒，到时自动结束。");
        assert_eq!(lines[1], "可以用退格键改错。");
    }
}
