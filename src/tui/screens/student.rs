//! The 学号/姓名 form over home, with the real terminal cursor in the field being typed
//! (input methods open their candidate window at the cursor).

use super::{centered, safe};
use crate::text::{AmbiWidth, grapheme_width};
use crate::tr;
use crate::tui::student_form::{Purpose, StudentForm};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

/// The graphemes of a field that fit in `width` cells with the cursor visible, and the
/// cursor's column from the field's left edge.
fn visible(graphemes: &[String], cursor: usize, width: usize, ambi: AmbiWidth) -> (String, usize) {
    let w = |g: &String| grapheme_width(&safe(g), ambi);
    // Scroll so the cursor (plus one cell for it) fits.
    let mut start = 0;
    while start < cursor && graphemes[start..cursor].iter().map(w).sum::<usize>() + 1 > width {
        start += 1;
    }
    let mut shown = String::new();
    let mut used = 0;
    let mut cursor_col = 0;
    for (i, g) in graphemes.iter().enumerate().skip(start) {
        if i == cursor {
            cursor_col = used;
        }
        let gw = w(g);
        if used + gw > width {
            break;
        }
        shown.push_str(&safe(g));
        used += gw;
    }
    if cursor >= graphemes.len() {
        cursor_col = used;
    }
    (shown, cursor_col.min(width.saturating_sub(1)))
}

/// Draw the form centred over the screen; puts the terminal cursor in the focused field.
pub fn render(frame: &mut Frame, form: &StudentForm, ambi: AmbiWidth) {
    let area = centered(frame.area(), 48, 7);
    frame.render_widget(Clear, area);
    let title = match form.purpose {
        Purpose::Switch => tr!(" 换学生 ", " Switch student "),
        Purpose::Export => tr!(" 导出前请填写学号和姓名 ", " Who is exporting? "),
        Purpose::Exam => tr!(" 考试前请填写学号和姓名 ", " Who is taking the exam? "),
    };
    let block = Block::default().borders(Borders::ALL).title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let labels = [tr!("学号", "ID"), tr!("姓名", "Name")];
    let label_w = labels.iter().map(|l| l.width()).max().unwrap_or(4) + 2;
    let mut lines = vec![
        Line::from(tr!(
            "之后的练习记在这位学生名下。",
            "Sessions from now on are this student's."
        ))
        .dim(),
    ];
    let field_x = inner.x.saturating_add(1 + label_w as u16);
    let field_w = usize::from(inner.width).saturating_sub(2 + label_w);
    let mut cursor = None;
    for (i, label) in labels.iter().enumerate() {
        let (graphemes, at) = form.field(i);
        let (shown, col) = visible(graphemes, at, field_w, ambi);
        let pad = field_w.saturating_sub(crate::text::str_width(&shown, ambi));
        let focused = form.focus == i;
        let style = if focused {
            Style::new().add_modifier(Modifier::UNDERLINED)
        } else {
            Style::new()
        };
        let label = Span::from(format!(" {label}{}", " ".repeat(label_w - label.width())));
        lines.push(Line::from(vec![
            if focused {
                label.fg(Color::Cyan).bold()
            } else {
                label
            },
            Span::styled(format!("{shown}{}", " ".repeat(pad)), style),
        ]));
        if focused {
            let y = inner.y.saturating_add(lines.len() as u16 - 1);
            cursor = Some(Position::new(field_x.saturating_add(col as u16), y));
        }
    }
    lines.push(match &form.error {
        Some(e) => Line::from(format!(" {}", safe(e))).fg(Color::Yellow),
        None => Line::from(""),
    });
    lines.push(
        Line::from(tr!(
            "Enter 确定 · Tab 换栏 · Esc 取消",
            "Enter OK · Tab next field · Esc cancel"
        ))
        .dim(),
    );
    frame.render_widget(Paragraph::new(lines), inner);
    if let Some(pos) = cursor
        && Rect::new(pos.x, pos.y, 1, 1).intersects(inner)
    {
        frame.set_cursor_position(pos);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Student;
    use crate::tui::screens::testing::{terminal, text};
    use crate::tui::student_form::{FormKey, Purpose};

    #[test]
    fn the_form_shows_both_fields_and_the_cursor_after_typed_chinese() {
        let mut form = StudentForm::new(Purpose::Switch, &Student::default());
        for c in "2026001".chars() {
            form.apply(FormKey::Char(c));
        }
        form.apply(FormKey::Enter);
        for c in "张三".chars() {
            form.apply(FormKey::Char(c));
        }
        let mut term = terminal(60, 12);
        let frame = term
            .draw(|f| render(f, &form, AmbiWidth::Narrow))
            .expect("draws");
        let shown = text(frame.buffer);
        for want in ["换学生", "学号", "2026001", "张三", "Esc 取消"] {
            assert!(shown.contains(want), "{want} missing in\n{shown}");
        }
        let row = shown.lines().position(|l| l.contains("张三")).expect("row");
        let col = shown
            .lines()
            .nth(row)
            .expect("row")
            .find("张三")
            .expect("col");
        let x = shown.lines().nth(row).expect("row")[..col].width() as u16;
        term.backend_mut()
            .assert_cursor_position((x + 4, row as u16));
    }

    #[test]
    fn a_missing_field_is_said_and_the_export_form_says_why() {
        let mut form = StudentForm::new(Purpose::Export, &Student::default());
        form.apply(FormKey::Enter);
        form.apply(FormKey::Enter);
        let mut term = terminal(60, 12);
        let frame = term
            .draw(|f| render(f, &form, AmbiWidth::Narrow))
            .expect("draws");
        let shown = text(frame.buffer);
        assert!(shown.contains("导出前请填写学号和姓名"), "{shown}");
        assert!(shown.contains("请填写学号和姓名"), "{shown}");
    }

    #[test]
    fn a_long_field_scrolls_to_keep_the_cursor_in_view() {
        let g: Vec<String> = "一二三四五六七八九十".chars().map(String::from).collect();
        let (shown, col) = visible(&g, g.len(), 9, AmbiWidth::Narrow);
        assert_eq!(shown, "七八九十");
        assert_eq!(col, 8);
        let (shown, col) = visible(&g, 0, 9, AmbiWidth::Narrow);
        assert_eq!(shown, "一二三四");
        assert_eq!(col, 0);
    }
}
