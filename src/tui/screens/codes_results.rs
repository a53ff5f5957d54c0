//! The code drills' panel on the results screen: how many codes were right or
//! remembered, the mean time per item, and the codes to look at again.

use crate::figures::CodeFigures;
use crate::fit::wrap_words;
use crate::text::AmbiWidth;
use crate::tr;
use crate::tui::screens::safe;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, Clear, Widget};

/// The panel's lines: (label, value, colour).
#[derive(Debug, Clone, PartialEq)]
pub struct CodePanel {
    pub title: String,
    pub lines: Vec<(String, String, Color)>,
}

impl CodePanel {
    /// A recall session's panel: codes right, not reached, time per item, to practise again.
    pub fn recall(c: &CodeFigures) -> CodePanel {
        CodePanel {
            title: tr!(" 编码回想 ", " Code recall "),
            lines: vec![
                (
                    tr!("答对", "right"),
                    format!("{}/{}", c.right, c.reached),
                    share_color(c.right, c.reached),
                ),
                (
                    tr!("未练到", "not reached"),
                    c.items.saturating_sub(c.reached).to_string(),
                    Color::Reset,
                ),
                per_item(c),
                missed_line(&c.missed),
            ],
        }
    }

    /// A recite session's panel: replies remembered, looked up, time per item, again.
    pub fn recite(c: &CodeFigures) -> CodePanel {
        CodePanel {
            title: tr!(" 短语默写 ", " Recite "),
            lines: vec![
                (
                    tr!("记住", "remembered"),
                    format!("{}/{}", c.right, c.reached),
                    share_color(c.right, c.reached),
                ),
                (
                    tr!("看了答案", "looked up"),
                    c.hints.to_string(),
                    if c.hints > 0 {
                        Color::Yellow
                    } else {
                        Color::Reset
                    },
                ),
                per_item(c),
                missed_line(&c.missed),
            ],
        }
    }

    /// Draw the panel into `area` (over whatever is there).
    pub fn render(&self, buf: &mut Buffer, area: Rect) {
        Clear.render(area, buf);
        let block = Block::bordered().title(self.title.as_str());
        let inner = block.inner(area);
        block.render(area, buf);
        let mut y = inner.y;
        for (label, value, color) in &self.lines {
            if y >= inner.bottom() {
                break;
            }
            let (x, _) = buf.set_stringn(
                inner.x,
                y,
                format!("{label}  "),
                inner.width.into(),
                Style::default().fg(Color::DarkGray),
            );
            // A long value (the codes to practise again) goes on below, word by word.
            let width = usize::from(inner.right().saturating_sub(x));
            let style = Style::default().fg(*color).add_modifier(Modifier::BOLD);
            for row in wrap_words(&safe(value), width, AmbiWidth::Narrow) {
                if y >= inner.bottom() {
                    break;
                }
                buf.set_stringn(x, y, row, width, style);
                y += 1;
            }
        }
    }
}

fn share_color(n: u32, of: u32) -> Color {
    if of == 0 {
        Color::Reset
    } else if n == of {
        Color::Green
    } else if n * 2 >= of {
        Color::Yellow
    } else {
        Color::Red
    }
}

fn per_item(c: &CodeFigures) -> (String, String, Color) {
    let mean = c
        .mean_ms
        .map_or("—".to_string(), |ms| format!("{:.1}", ms as f64 / 1000.0));
    (
        tr!("平均每题", "per item"),
        tr!("{mean} 秒", "{mean} s"),
        Color::Reset,
    )
}

fn missed_line(codes: &[String]) -> (String, String, Color) {
    if codes.is_empty() {
        (
            tr!("再练", "again"),
            tr!("无，全部记住了", "none, all remembered"),
            Color::Green,
        )
    } else {
        (tr!("再练", "again"), codes.join(" "), Color::Yellow)
    }
}
