//! The rules shown before a timed or graded drill (or one that asks for the teacher's
//! start code); Enter starts it.

use super::{centered, safe};
use crate::pack::{Drill, Pass};
use crate::tr;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

/// Who is about to take the drill, and whether they took it before (known once the
/// loop has counted their attempts).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Taker {
    /// `姓名（学号）`, or `None` when nobody is set.
    pub student: Option<String>,
    pub attempts: Option<u32>,
    /// The start code being typed, when the drill asks for one.
    pub code: Option<CodeEntry>,
}

/// The start code typed on the rules screen, and whether Enter came before it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CodeEntry {
    pub typed: String,
    pub missing: bool,
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
    if let Some(code) = &taker.code {
        lines.push(if code.missing {
            tr!(
                "请先输入老师在课上宣布的开始口令，再按 Enter。",
                "Type the start code your teacher announced in class first, then Enter."
            )
        } else {
            tr!(
                "开始前输入老师在课上宣布的开始口令（数字）。",
                "Before you start, type the start code your teacher announced in class (digits)."
            )
        });
    }
    if let crate::pack::DrillBody::Shift(shift) = &*drill.body {
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
        if shift
            .buyers
            .iter()
            .flat_map(|b| &b.turns)
            .any(|t| t.transfer)
        {
            lines.push(tr!(
                "该转给同事的（售后、投诉），在回复框写好备注按 Ctrl-T 转接。",
                "What is a colleague's (after-sales, complaints): write a note in the reply box, Ctrl-T passes it on."
            ));
        }
        if !shift.orders.is_empty() {
            lines.push(tr!(
                "有 {} 个待付款订单：Ctrl-F 打开列表去催付（看准时机，只催一次），催付后 Ctrl-R 写结果备注。",
                "{} unpaid orders: Ctrl-F lists them for a 催付 (mind the timing, once each); Ctrl-R saves the result note.",
                shift.orders.len()
            ));
        }
        if !shift.cares.is_empty() {
            lines.push(tr!(
                "班次中有 {} 个订单事件（签收等），到时发一条关怀消息。",
                "{} order events (signed for…) come during the shift: send a care message.",
                shift.cares.len()
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
    // Room for the start code's field, when one is asked.
    let field = u16::from(taker.code.is_some()) * 2;
    let area = centered(frame.area(), 64, 14 + field);
    let lines: Vec<Line> = rule_lines(drill, taker)
        .into_iter()
        .map(Line::from)
        .collect();
    let hint = match (taker.code.is_some(), drill.is_exam()) {
        (true, true) => tr!(
            "数字 输入口令 · Enter 开始 · u 换考生 · Esc 返回",
            "digits the code · Enter start · u change who · Esc back"
        ),
        (true, false) => tr!(
            "数字 输入口令 · Enter 开始 · Esc 返回",
            "digits the code · Enter start · Esc back"
        ),
        (false, true) => tr!(
            "Enter 开始 · u 换考生 · Esc 返回",
            "Enter start · u change who · Esc back"
        ),
        (false, false) => tr!("Enter 开始 · Esc 返回", "Enter start · Esc back"),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(safe(&format!(" {pack_title} · {} ", drill.title)));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 3 {
        return;
    }
    // The rules on top; the code's field, then the keys, at the bottom.
    let bottom = |up: u16| Rect {
        y: inner.y + inner.height - up,
        height: 1,
        ..inner
    };
    let rules = Rect {
        height: inner.height.saturating_sub(2 + field),
        ..inner
    };
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), rules);
    frame.render_widget(Paragraph::new(Line::from(hint)), bottom(1));
    if let Some(code) = &taker.code
        && field <= inner.height - 3
    {
        code_field(frame, bottom(3), code);
    }
}

/// `开始口令：7421` in `row`, with the terminal's cursor after the digits typed (where
/// an input method's window follows it).
fn code_field(frame: &mut Frame, row: Rect, code: &CodeEntry) {
    let label = tr!("开始口令：", "Start code: ");
    let text = format!("{label}{}", code.typed);
    let style = if code.missing {
        Style::default().fg(Color::Red)
    } else {
        Style::default().add_modifier(Modifier::BOLD)
    };
    let at = (text.width() as u16).min(row.width.saturating_sub(1));
    frame.render_widget(Paragraph::new(Line::styled(text, style)), row);
    frame.set_cursor_position(Position::new(row.x + at, row.y));
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
            body: DrillBody::Text { text: "亲".into() }.into(),
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
            code: None,
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
            code: None,
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
