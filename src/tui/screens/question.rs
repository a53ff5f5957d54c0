//! A question over the screen that the next key answers: leaving an exam, claiming
//! sessions saved before anyone registered, checking who sits at a shared PC.

use super::{centered, safe};
use crate::fit::wrap;
use crate::text::AmbiWidth;
use crate::tr;
use ratatui::Frame;
use ratatui::style::{Color, Style, Stylize};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// What a question says: its title, what it is about, and the keys that answer it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asked {
    pub title: String,
    pub lines: Vec<String>,
    pub keys: String,
}

/// Leaving an exam (Esc or Ctrl-C pressed once).
pub fn leave_exam(quit: bool) -> Asked {
    Asked {
        title: tr!(" 离开考试？ ", " Leave the exam? "),
        lines: vec![tr!(
            "现在离开，这次考试按“中途退出”保存，算作你的第一次成绩。计时没有停。",
            "Leaving now saves this exam as left before its end, and it counts as your first attempt. The clock is still running."
        )],
        keys: if quit {
            tr!(
                "Enter 或 Ctrl-C 离开并退出 · 其他键继续考试",
                "Enter or Ctrl-C leave and quit · any other key goes on"
            )
        } else {
            tr!(
                "Enter 或 Esc 离开 · 其他键继续考试",
                "Enter or Esc leave · any other key goes on"
            )
        },
    }
}

/// Ending a shift before its time (Esc or Ctrl-C).
pub fn end_shift(quit: bool) -> Asked {
    Asked {
        title: tr!(" 结束班次？ ", " End the shift? "),
        lines: vec![tr!(
            "现在结束，还在等回复的顾客算作没有回复，这次班次按提前结束保存。计时没有停。",
            "Ending now leaves the buyers still waiting unanswered, and saves the shift as ended early. The clock is still running."
        )],
        keys: if quit {
            tr!(
                "Enter 或 Ctrl-C 结束并退出 · 其他键继续接待",
                "Enter or Ctrl-C end and quit · any other key goes on"
            )
        } else {
            tr!(
                "Enter 或 Esc 结束 · 其他键继续接待",
                "Enter or Esc end · any other key goes on"
            )
        },
    }
}

/// Sessions saved before anyone registered: are they the new student's?
pub fn claim(who: &str, count: u32) -> Asked {
    let who = safe(who);
    Asked {
        title: tr!(" 这些练习是你的吗？ ", " Are these sessions yours? "),
        lines: vec![tr!(
            "这台电脑上有 {count} 次练习是在登记学生之前做的。是 {who} 做的吗？是的话，它们记到你名下，导出时一起交。",
            "This PC has {count} sessions practised before anyone registered. Were they {who}'s? If so they become yours and go with your export."
        )],
        keys: tr!(
            "y 是我的 · n 不是（它们不记在任何人名下）",
            "y mine · n not mine (they stay nobody's)"
        ),
    }
}

/// A student set long ago on a shared PC: still them?
pub fn is_it_you(who: &str) -> Asked {
    let who = safe(who);
    Asked {
        title: tr!(" 你是 {who} 吗？ ", " Are you {who}? "),
        lines: vec![tr!(
            "这台电脑上次记的学生是 {who}，之后的练习都会记在这个名下。",
            "The student last set on this PC is {who}; sessions from now on are recorded as theirs."
        )],
        keys: tr!(
            "y 或 Enter 是我 · n 不是，换成我",
            "y or Enter it's me · n no, switch to me"
        ),
    }
}

/// Draw the question centred over whatever is on screen.
pub fn render(frame: &mut Frame, asked: &Asked, ambi: AmbiWidth) {
    let width = frame.area().width.clamp(20, 60);
    let inner_w = usize::from(width.saturating_sub(4));
    let mut lines: Vec<Line> = Vec::new();
    for text in &asked.lines {
        lines.extend(wrap(text, inner_w, ambi).into_iter().map(Line::from));
    }
    lines.push(Line::from(""));
    for row in wrap(&asked.keys, inner_w, ambi) {
        lines.push(Line::from(row).bold());
    }
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let area = centered(frame.area(), width, height);
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(Style::new().fg(Color::Yellow))
        .title(asked.title.clone());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(
        Paragraph::new(lines),
        ratatui::layout::Rect {
            x: inner.x + 1,
            width: inner.width.saturating_sub(1),
            ..inner
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::screens::testing::{terminal, text};

    #[test]
    fn the_question_is_drawn_whole_in_a_narrow_window() {
        crate::i18n::set_lang(crate::i18n::Lang::Zh);
        let mut term = terminal(40, 16);
        let frame = term
            .draw(|f| render(f, &leave_exam(false), AmbiWidth::Narrow))
            .unwrap();
        let text = text(frame.buffer).replace('\n', "");
        assert!(text.contains("离开考试"), "{text}");
        assert!(text.contains("其他键继续考试"), "{text}");
    }
}
