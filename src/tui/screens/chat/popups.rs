//! The chat screen's pop-ups over the conversation: the quick-phrase list (`/`) and
//! the order card's field picker (Ctrl-O), both just above the composer.

use super::*;

/// A popup just above the composer, over the chat pane.
fn popup(chat: Rect, composer: Rect, rows: usize) -> Rect {
    let h = (rows as u16 + 2).min(chat.height);
    let w = chat.width.min(76);
    Rect::new(chat.x, composer.y.saturating_sub(h), w, h)
}

pub(super) fn draw_phrase_list(
    buf: &mut Buffer,
    chat: Rect,
    composer: Rect,
    session: &QuickReplySession,
    ambi: AmbiWidth,
) {
    let Some((filter, matches, chosen)) = session.phrase_list() else {
        return;
    };
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

pub(super) fn draw_card_picker(
    buf: &mut Buffer,
    chat: Rect,
    composer: Rect,
    session: &QuickReplySession,
    ambi: AmbiWidth,
) {
    let Some((card, chosen)) = session.card_picker() else {
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
