//! A reply box on screen (the quick-reply chat's, each shift conversation's): the reply
//! being composed with its placeholders, the real terminal cursor at its insertion point
//! (an input method's candidate window follows it), and the phrase list and card picker
//! that pop up above it.

use super::chat::{placeholder_style, selected_style};
use crate::fit::{cut_left, cut_marked, pad};
use crate::pack::Template;
use crate::reply::reply_box::Composer;
use crate::text::{AmbiWidth, grapheme_width};
use crate::tr;
use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, Clear, Widget};
use std::num::NonZeroU16;

const TWO: NonZeroU16 = NonZeroU16::MIN.saturating_add(1);
/// Rows of the phrase list and the card picker.
const LIST_ROWS: usize = 8;

/// What a reply box shows.
pub struct BoxView<'a> {
    /// A message waits for this reply (else the box is empty).
    pub open: bool,
    pub composer: &'a Composer,
    pub phrase_list: Option<(&'a str, Vec<&'a Template>, usize)>,
    pub card_picker: Option<(&'a [(String, String)], usize)>,
}

/// Draw the composer; return the insertion point's screen position.
pub fn draw_composer(
    buf: &mut Buffer,
    area: Rect,
    view: &BoxView<'_>,
    ambi: AmbiWidth,
) -> Option<Position> {
    let block = Block::bordered().title(tr!(" 回复 ", " Reply "));
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.width < 2 || inner.height == 0 || !view.open {
        return None;
    }
    let width = usize::from(inner.width) - 1;
    if let Some((filter, _, _)) = &view.phrase_list {
        let text = format!("/{filter}");
        let shown = cut_left(&text, width, ambi);
        let (x, y) = buf.set_stringn(
            inner.x,
            inner.y,
            &shown,
            width,
            Style::default().fg(Color::Cyan),
        );
        return Some(Position::new(x, y));
    }
    let composer = view.composer;
    // Lay the graphemes out in rows by display width.
    let mut cells: Vec<(usize, usize, usize)> = Vec::new(); // (row, col, width)
    let (mut row, mut col) = (0usize, 0usize);
    for piece in composer.pieces() {
        let w = grapheme_width(&piece.text, ambi);
        if col + w > width {
            row += 1;
            col = 0;
        }
        cells.push((row, col, w));
        col += w;
    }
    let cursor_at = composer.cursor();
    let (cursor_row, cursor_col) = match cells.get(cursor_at) {
        Some(&(r, c, _)) => (r, c),
        None => (row, col),
    };
    let rows = usize::from(inner.height);
    let top = (cursor_row + 1).saturating_sub(rows);
    for (i, (piece, &(r, c, _))) in composer.pieces().iter().zip(&cells).enumerate() {
        if r < top || r >= top + rows {
            continue;
        }
        let style = match composer.placeholder_at(i) {
            Some((p, _)) if composer.is_selected(p) => selected_style(),
            Some(_) => placeholder_style(),
            None => Style::default(),
        };
        let (x, y) = (inner.x + c as u16, inner.y + (r - top) as u16);
        buf.set_stringn(x, y, &piece.text, width + 1 - c, style);
        // A mark the terminal draws two cells wide though Unicode calls it narrow (a
        // Chinese console's “ ” …): tell ratatui, so what follows lands where the
        // terminal puts it and the cursor stays true.
        if grapheme_width(&piece.text, ambi) == 2
            && unicode_width::UnicodeWidthStr::width(piece.text.as_str()) < 2
        {
            buf[(x, y)].set_diff_option(CellDiffOption::ForcedWidth(TWO));
        }
    }
    Some(Position::new(
        inner.x + cursor_col as u16,
        inner.y + (cursor_row - top) as u16,
    ))
}

/// A popup just above the composer, over the chat pane.
fn popup(chat: Rect, composer: Rect, rows: usize) -> Rect {
    let h = (rows as u16 + 2).min(chat.height);
    let w = chat.width.min(76);
    Rect::new(chat.x, composer.y.saturating_sub(h), w, h)
}

pub fn draw_phrase_list(
    buf: &mut Buffer,
    chat: Rect,
    composer: Rect,
    view: &BoxView<'_>,
    ambi: AmbiWidth,
) {
    let Some((filter, matches, chosen)) = &view.phrase_list else {
        return;
    };
    let chosen = *chosen;
    let rows = matches.len().clamp(1, LIST_ROWS);
    let area = popup(chat, composer, rows);
    Clear.render(area, buf);
    let block = Block::bordered().title(tr!(" 快捷短语 /{filter} ", " Phrases /{filter} "));
    let inner = block.inner(area);
    block.render(area, buf);
    if matches.is_empty() {
        buf.set_stringn(
            inner.x,
            inner.y,
            tr!("没有匹配的短语", "no matching phrase"),
            inner.width.into(),
            Style::default().fg(Color::DarkGray),
        );
        return;
    }
    let visible = usize::from(inner.height).max(1);
    let first = (chosen + 1).saturating_sub(visible);
    for (row, (i, t)) in matches
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .enumerate()
    {
        let style = if i == chosen {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default()
        };
        let code = pad(&t.code, 8, ambi);
        let group = pad(&cut_marked(&t.group, 8, ambi), 9, ambi);
        let line = format!("{code}{group}{}", t.text);
        let w = usize::from(inner.width);
        buf.set_stringn(
            inner.x,
            inner.y + row as u16,
            pad(&cut_marked(&line, w, ambi), w, ambi),
            w,
            style,
        );
    }
}

pub fn draw_card_picker(
    buf: &mut Buffer,
    chat: Rect,
    composer: Rect,
    view: &BoxView<'_>,
    ambi: AmbiWidth,
) {
    let Some((card, chosen)) = view.card_picker else {
        return;
    };
    let area = popup(chat, composer, card.len().clamp(1, LIST_ROWS));
    Clear.render(area, buf);
    let block = Block::bordered().title(tr!(" 插入订单信息 ", " Insert from the order "));
    let inner = block.inner(area);
    block.render(area, buf);
    let w = usize::from(inner.width);
    let first = (chosen + 1).saturating_sub(usize::from(inner.height).max(1));
    for (row, (i, (field, value))) in card
        .iter()
        .enumerate()
        .skip(first)
        .take(inner.height.into())
        .enumerate()
    {
        let style = if i == chosen {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default()
        };
        let line = format!("{}{value}", pad(field, 10, ambi));
        buf.set_stringn(
            inner.x,
            inner.y + row as u16,
            pad(&cut_marked(&line, w, ambi), w, ambi),
            w,
            style,
        );
    }
}
