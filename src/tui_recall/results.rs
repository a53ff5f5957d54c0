//! The code drills' panel on the results screen: how many codes were right or
//! remembered, the mean time per item, and the codes to look at again.

use super::run::CodeSession;
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
    pub fn of(session: &CodeSession) -> CodePanel {
        match session {
            CodeSession::Recall(s) => {
                let sum = s.summary();
                let missed: Vec<String> = s
                    .answers()
                    .iter()
                    .filter(|a| !a.right)
                    .filter_map(|a| s.items().get(a.index))
                    .map(|i| format!("/{}", i.code))
                    .collect();
                let mean = sum
                    .mean_response_ms
                    .map_or("—".to_string(), |ms| format!("{:.1}", ms as f64 / 1000.0));
                CodePanel {
                    title: tr!(" 编码回想 ", " Code recall "),
                    lines: vec![
                        (
                            tr!("答对", "right"),
                            format!("{}/{}", sum.right, sum.answered),
                            share_color(sum.right, sum.answered),
                        ),
                        (
                            tr!("未练到", "not reached"),
                            (sum.items - sum.answered).to_string(),
                            Color::Reset,
                        ),
                        (
                            tr!("平均每题", "per item"),
                            tr!("{mean} 秒", "{mean} s"),
                            Color::Reset,
                        ),
                        missed_line(&missed),
                    ],
                }
            }
            CodeSession::Recite(s) => {
                let results = s.results();
                let remembered = results.iter().filter(|r| r.remembered()).count() as u32;
                let reached = results.len() as u32;
                let hints = results.iter().filter(|r| r.hinted).count();
                let missed: Vec<String> = results
                    .iter()
                    .filter(|r| !r.remembered())
                    .filter_map(|r| s.items().get(r.index))
                    .map(|i| format!("/{}", i.code))
                    .collect();
                CodePanel {
                    title: tr!(" 短语默写 ", " Recite "),
                    lines: vec![
                        (
                            tr!("记住", "remembered"),
                            format!("{remembered}/{reached}"),
                            share_color(remembered, reached),
                        ),
                        (
                            tr!("看了答案", "looked up"),
                            hints.to_string(),
                            if hints > 0 {
                                Color::Yellow
                            } else {
                                Color::Reset
                            },
                        ),
                        missed_line(&missed),
                    ],
                }
            }
        }
    }

    /// The panel of a stored recall or recite session (history reopens it), from its
    /// messages; `None` for other sessions.
    pub fn from_record(r: &crate::record::SessionRecord) -> Option<CodePanel> {
        let recall = match r.mode {
            Some(crate::record::Mode::Recall) => true,
            Some(crate::record::Mode::Recite) => false,
            _ => return None,
        };
        let messages = r.messages.as_deref().unwrap_or(&[]);
        let reached = messages.len() as u32;
        let right = messages.iter().filter(|m| m.template_ok).count() as u32;
        let missed: Vec<String> = messages
            .iter()
            .filter(|m| !m.template_ok)
            .filter_map(|m| m.expect.first().map(|c| format!("/{c}")))
            .collect();
        let times: Vec<u64> = messages.iter().filter_map(|m| m.response_ms).collect();
        let mean = if times.is_empty() {
            "—".to_string()
        } else {
            format!(
                "{:.1}",
                times.iter().sum::<u64>() as f64 / times.len() as f64 / 1000.0
            )
        };
        let (title, label) = if recall {
            (tr!(" 编码回想 ", " Code recall "), tr!("答对", "right"))
        } else {
            (tr!(" 短语默写 ", " Recite "), tr!("记住", "remembered"))
        };
        Some(CodePanel {
            title,
            lines: vec![
                (
                    label,
                    format!("{right}/{reached}"),
                    share_color(right, reached),
                ),
                (
                    tr!("平均每题", "per item"),
                    tr!("{mean} 秒", "{mean} s"),
                    Color::Reset,
                ),
                missed_line(&missed),
            ],
        })
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
            for row in wrap_words(&safe(value), width) {
                if y >= inner.bottom() {
                    break;
                }
                buf.set_stringn(x, y, row, width, style);
                y += 1;
            }
        }
    }
}

/// `text` in rows of at most `width` cells, broken at spaces (a word wider than a row
/// is cut by the caller's drawing).
fn wrap_words(text: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let mut rows = vec![String::new()];
    for word in text.split(' ') {
        let row = rows.last_mut().expect("one row at least");
        if row.is_empty() {
            row.push_str(word);
        } else if row.width() + 1 + word.width() <= width {
            row.push(' ');
            row.push_str(word);
        } else {
            rows.push(word.to_string());
        }
    }
    rows
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
