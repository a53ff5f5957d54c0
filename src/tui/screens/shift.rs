//! 接待中心: a shift on screen, as in 千牛's workbench. The conversation list on the
//! left (name, how long a message has waited — red past the goal —, unread messages,
//! the last message), the buyer in focus in the middle, their order card and notes on
//! the right, the reply box below with the real terminal cursor in it.

use super::chat::{COMPOSER_LINES, clock_color};
use super::reply_box::{BoxView, draw_card_picker, draw_composer, draw_phrase_list};
use super::{clock, safe};
use crate::fit::{cut_marked, fit, wrap};
use crate::reply::shift::{Conversation, Line, ShiftSession, State};
use crate::text::{AmbiWidth, str_width};
use crate::tr;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, Widget};

/// The smallest window the screen is laid out for.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// What the app lays over the desk: a word on the hint line, the 待付款 order list.
#[derive(Debug, Clone, Copy, Default)]
pub struct Overlay<'a> {
    /// Said on the hint line instead of the keys (a 转接 with no note written).
    pub notice: Option<&'a str>,
    /// The order list, open, with the row chosen.
    pub order_list: Option<usize>,
}

/// Draw the shift at `now_us` into `area`; returns where the terminal cursor belongs.
pub fn render_shift(
    buf: &mut Buffer,
    area: Rect,
    session: &ShiftSession,
    title: &str,
    now_us: u64,
    overlay: &Overlay,
    ambi: AmbiWidth,
) -> Option<Position> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        buf.set_stringn(
            area.x,
            area.y,
            tr!(
                "窗口太小：接待中心至少要 {MIN_WIDTH}×{MIN_HEIGHT}",
                "window too small: the shift needs {MIN_WIDTH}×{MIN_HEIGHT}"
            ),
            area.width.into(),
            Style::default(),
        );
        return None;
    }
    let composer_h = COMPOSER_LINES + 2;
    let main_h = area.height - 2 - composer_h;
    let list_w = if area.width >= 90 { 24 } else { 20 };
    let card_w = if area.width >= 90 { 26 } else { 20 };
    let header = Rect::new(area.x, area.y, area.width, 1);
    let list = Rect::new(area.x, area.y + 1, list_w, main_h);
    let chat = Rect::new(list.right(), list.y, area.width - list_w - card_w, main_h);
    let card = Rect::new(chat.right(), list.y, card_w, main_h);
    let composer = Rect::new(area.x, list.bottom(), area.width, composer_h);
    let hint = Rect::new(area.x, composer.bottom(), area.width, 1);

    draw_header(buf, header, session, title, now_us);
    draw_list(buf, list, session, now_us, ambi);
    let focus = session.focus();
    let conv = focus.and_then(|b| session.conversation(b));
    draw_chat(buf, chat, session, now_us, ambi);
    draw_card(buf, card, session, ambi);
    let view = conv.map(|c| BoxView {
        open: matches!(
            c.state,
            State::Waiting | State::Writing | State::Done | State::Open
        ) && !session.is_over(),
        composer: c.reply_box.composer(),
        phrase_list: session.phrase_list(),
        card_picker: session.card_picker(),
    });
    let cursor = view
        .as_ref()
        .and_then(|v| draw_composer(buf, composer, v, ambi));
    if view.is_none() {
        Block::bordered()
            .title(tr!(" 回复 ", " Reply "))
            .render(composer, buf);
    }
    let hint_text = if area.width >= 96 {
        tr!(
            "/ 短语 · Ctrl-O 订单 · Enter 发送 · Ctrl-T 转接 · Ctrl-F 催付 · Ctrl-N/P 切换 · Ctrl-G 等最久 · F1",
            "/ phrases · Ctrl-O order · Enter send · Ctrl-T transfer · Ctrl-F remind · Ctrl-N/P · Ctrl-G longest · F1"
        )
    } else {
        tr!(
            "/短语 Ctrl-O订单 Enter发送 Ctrl-T转接 Ctrl-F催付 Ctrl-N/P切换 Esc结束",
            "/ phrases Ctrl-O order Ctrl-T pass on Ctrl-F remind Ctrl-N/P Esc end"
        )
    };
    let (hint_text, hint_style) = match overlay.notice {
        Some(n) => (n.to_string(), Style::default().fg(Color::Yellow)),
        None => (hint_text, Style::default().fg(Color::DarkGray)),
    };
    buf.set_stringn(hint.x, hint.y, hint_text, hint.width.into(), hint_style);
    if let Some(v) = &view {
        draw_phrase_list(buf, chat, composer, v, ambi);
        draw_card_picker(buf, chat, composer, v, ambi);
    }
    if let Some(row) = overlay.order_list {
        draw_order_list(buf, chat, session, row, now_us, ambi);
        return None;
    }
    cursor
}

/// The 待付款 orders over the chat: who, what, how much, how long since ordering by the
/// shop's clock, why unpaid, and where each stands.
fn draw_order_list(
    buf: &mut Buffer,
    area: Rect,
    s: &ShiftSession,
    chosen: usize,
    now_us: u64,
    ambi: AmbiWidth,
) {
    ratatui::widgets::Clear.render(area, buf);
    let block = Block::bordered().title(tr!(
        " 待付款订单 · ↑↓ 选择 · Enter 去催付 · Esc 关闭 ",
        " Unpaid orders · ↑↓ choose · Enter remind · Esc close "
    ));
    let inner = block.inner(area);
    block.render(area, buf);
    let w = usize::from(inner.width);
    let minutes_in = (now_us / 60_000_000) as i64;
    for (i, order) in s.shift().orders.iter().enumerate() {
        let y = inner.y + (i * 2) as u16;
        if y + 1 >= inner.bottom() {
            break;
        }
        let b = s.order_conversation(i);
        let stands = if s.is_paid(b) {
            tr!("已付款", "paid")
        } else if s.conversation(b).is_some_and(|c| c.sent > 0) {
            tr!("已催付", "reminded")
        } else {
            tr!("待付款", "unpaid")
        };
        let since = minutes_in - i64::from(order.ordered);
        let head = format!("{} · {} · {}", order.buyer, order.items, order.amount);
        let mark = if i == chosen { "▶" } else { " " };
        let style = if i == chosen {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default()
        };
        buf.set_stringn(
            inner.x,
            y,
            cut_marked(&safe(&format!("{mark}{head}")), w, ambi),
            w,
            style,
        );
        buf.set_stringn(
            inner.x + 1,
            y + 1,
            cut_marked(
                &safe(&tr!(
                    "{stands} · 下单 {since} 分钟 · 原因：{}",
                    "{stands} · ordered {since} min ago · why: {}",
                    order.reason
                )),
                w.saturating_sub(1),
                ambi,
            ),
            w,
            Style::default().fg(Color::DarkGray),
        );
    }
}

fn draw_header(buf: &mut Buffer, area: Rect, s: &ShiftSession, title: &str, now_us: u64) {
    let left = s.length_us().saturating_sub(now_us.min(s.ended_at_us()));
    // Buyers who wrote; the agent's own work (催付, 关怀) is not among them.
    let buyers = s.shift().buyers.len();
    let wrote = s.list().iter().filter(|&&b| b < buyers).count();
    let replied = s
        .list()
        .iter()
        .filter(|&&b| b < buyers)
        .filter_map(|&b| s.conversation(b))
        .filter(|c| c.lines.iter().any(|l| matches!(l, Line::Agent { .. })))
        .count();
    let gone = s
        .list()
        .iter()
        .filter_map(|&b| s.conversation(b))
        .filter(|c| c.state == State::Gone)
        .count();
    let waiting = s.waiting(now_us).len();
    // The figures first: a narrow window cuts the drill's title, never them.
    let text = tr!(
        " 接待中心  剩余 {}  等回复 {waiting}  已回复 {replied}/{wrote}  流失 {gone}  · {}",
        " Shift  {} left  waiting {waiting}  replied {replied}/{wrote}  lost {gone}  · {}",
        clock(left / 1_000_000),
        safe(title)
    );
    buf.set_stringn(
        area.x,
        area.y,
        text,
        area.width.into(),
        Style::default().add_modifier(Modifier::BOLD),
    );
}

/// A conversation's status in the list: how long it has waited, or how it stands.
fn status(c: &Conversation, now_us: u64, target: u32) -> (String, Style) {
    match c.state {
        State::Waiting => {
            let waited = c.waiting_us(now_us).unwrap_or(0);
            (
                tr!("等 {} 秒", "{} s", waited / 1_000_000),
                Style::default().fg(clock_color(waited, target)),
            )
        }
        State::Writing => (
            tr!("对方输入中", "typing…"),
            Style::default().fg(Color::DarkGray),
        ),
        State::Done => (tr!("已完成", "done"), Style::default().fg(Color::Green)),
        State::Gone => (tr!("已离开", "left"), Style::default().fg(Color::Red)),
        State::Transferred => (tr!("已转接", "passed on"), Style::default().fg(Color::Cyan)),
        State::Coming => (String::new(), Style::default()),
        State::Open => (tr!("待发送", "yours"), Style::default().fg(Color::Yellow)),
    }
}

fn draw_list(buf: &mut Buffer, area: Rect, s: &ShiftSession, now_us: u64, ambi: AmbiWidth) {
    let block = Block::bordered().title(tr!(" 会话 ", " Buyers "));
    let inner = block.inner(area);
    block.render(area, buf);
    let w = usize::from(inner.width);
    if w < 6 {
        return;
    }
    let target = s.shift().target_seconds;
    let rows_each = 2;
    let fits = usize::from(inner.height) / rows_each;
    // Keep the focused conversation in view.
    let at = s
        .focus()
        .and_then(|f| s.list().iter().position(|&b| b == f))
        .unwrap_or(0);
    let first = (at + 1).saturating_sub(fits.max(1));
    for (row, &b) in s.list().iter().skip(first).take(fits).enumerate() {
        let Some(c) = s.conversation(b) else { continue };
        let name = s.name_of(b);
        let focused = s.focus() == Some(b);
        let y = inner.y + (row * rows_each) as u16;
        let mark = if focused { "▶" } else { " " };
        let (st, st_style) = status(c, now_us, target);
        let unread = if c.unread > 0 {
            format!(" ●{}", c.unread)
        } else {
            String::new()
        };
        let name_w = w.saturating_sub(str_width(&st, ambi) + str_width(&unread, ambi) + 2);
        let head = format!("{mark}{}", fit(&safe(&name), name_w, ambi));
        let base = if focused {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default()
        };
        buf.set_stringn(inner.x, y, &head, w, base.add_modifier(Modifier::BOLD));
        let x = inner.x + str_width(&head, ambi) as u16;
        let (x, _) = buf.set_stringn(x, y, &unread, w, Style::default().fg(Color::Yellow));
        buf.set_stringn(x + 1, y, &st, w, st_style);
        let last = c.last_message().map(safe).unwrap_or_default();
        buf.set_stringn(
            inner.x + 1,
            y + 1,
            cut_marked(&last, w.saturating_sub(1), ambi),
            w,
            Style::default().fg(Color::DarkGray),
        );
    }
}

/// One line of the chat pane.
struct ChatRow {
    text: String,
    right: bool,
    style: Style,
}

fn draw_chat(buf: &mut Buffer, area: Rect, s: &ShiftSession, now_us: u64, ambi: AmbiWidth) {
    let focus = s.focus();
    let name = focus.map_or(String::new(), |b| safe(&s.name_of(b)));
    let conv = focus.and_then(|b| s.conversation(b));
    let title = match conv.and_then(|c| c.waiting_us(now_us)) {
        Some(w) => tr!(
            " {name} · 已等 {} 秒 ",
            " {name} · waiting {} s ",
            w / 1_000_000
        ),
        None => format!(" {name} "),
    };
    let block = Block::bordered().title(title);
    let inner = block.inner(area);
    block.render(area, buf);
    let Some(conv) = conv else {
        buf.set_stringn(
            inner.x,
            inner.y,
            tr!("还没有顾客来", "no buyer yet"),
            inner.width.into(),
            Style::default().fg(Color::DarkGray),
        );
        return;
    };
    if inner.width < 4 || inner.height == 0 {
        return;
    }
    let bubble = usize::from(inner.width) * 4 / 5;
    let mut rows: Vec<ChatRow> = Vec::new();
    let mut push = |text: &str, right: bool, style: Style| {
        for l in wrap(text, bubble, ambi) {
            rows.push(ChatRow {
                text: safe(&l),
                right,
                style,
            });
        }
    };
    for line in &conv.lines {
        match line {
            Line::Buyer { text, .. } => push(text, false, Style::default()),
            Line::Nudge { text, .. } => push(text, false, Style::default().fg(Color::Yellow)),
            Line::Agent {
                text, judgement, ..
            } => {
                let colour = if judgement.is_right() {
                    Color::Green
                } else {
                    Color::Red
                };
                push(text, true, Style::default().fg(colour));
            }
            Line::Left { .. } => push(
                &tr!("—— 顾客已离开 ——", "—— the buyer left ——"),
                false,
                Style::default().fg(Color::Red),
            ),
            Line::Card {
                field, from, to, ..
            } => {
                let text = match from {
                    Some(from) => tr!(
                        "—— 订单{field}：{from} → {to} ——",
                        "—— order {field}: {from} → {to} ——"
                    ),
                    None => tr!("—— 订单{field}：{to} ——", "—— order {field}: {to} ——"),
                };
                push(&text, false, Style::default().fg(Color::Cyan));
            }
            Line::Ordered { .. } => push(
                &tr!("—— 顾客已下单 ——", "—— the buyer ordered ——"),
                false,
                Style::default().fg(Color::Green),
            ),
            Line::Transferred { note, .. } => push(
                &tr!(
                    "—— 已转接同事，备注：{note} ——",
                    "—— passed on, note: {note} ——"
                ),
                true,
                Style::default().fg(Color::Cyan),
            ),
            Line::Work { text, .. } => push(
                &format!("—— {text} ——"),
                false,
                Style::default().fg(Color::Cyan),
            ),
            Line::Rule { text, .. } => push(
                &tr!(
                    "—— 违反催付规则：{text} ——",
                    "—— against the rules: {text} ——"
                ),
                true,
                Style::default().fg(Color::Red),
            ),
            Line::Paid { .. } => push(
                &tr!("—— 顾客已付款 ——", "—— the buyer paid ——"),
                false,
                Style::default().fg(Color::Green),
            ),
            Line::Note { text, .. } => push(
                &tr!("催付结果备注：{text}", "result note: {text}"),
                true,
                Style::default().fg(Color::DarkGray),
            ),
        }
    }
    if conv.state == State::Writing {
        push(
            &tr!("对方正在输入……", "typing…"),
            false,
            Style::default().fg(Color::DarkGray),
        );
    }
    let height = usize::from(inner.height);
    let skip = rows.len().saturating_sub(height);
    for (i, row) in rows.iter().skip(skip).enumerate() {
        let y = inner.y + i as u16;
        let width = str_width(&row.text, ambi).min(usize::from(inner.width));
        let x = if row.right {
            inner.right().saturating_sub(width as u16)
        } else {
            inner.x
        };
        buf.set_stringn(x, y, &row.text, inner.width.into(), row.style);
    }
}

fn draw_card(buf: &mut Buffer, area: Rect, s: &ShiftSession, ambi: AmbiWidth) {
    let block = Block::bordered().title(tr!(" 订单 ", " Order "));
    let inner = block.inner(area);
    block.render(area, buf);
    let Some(b) = s.focus() else {
        return;
    };
    let Some(conv) = s.conversation(b) else {
        return;
    };
    let (first_card, notes) = s.first_card(b);
    let w = usize::from(inner.width);
    let mut rows: Vec<(String, Style)> = Vec::new();
    // The card as it stands: a field a message changed reads as changed.
    for (field, value) in &conv.card {
        let text = format!("{field}：{value}");
        let changed = !first_card.iter().any(|(f, v)| f == field && v == value);
        let style = if changed {
            Style::default()
                .fg(Color::Cyan)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default()
        };
        rows.extend(wrap(&text, w, ambi).into_iter().map(|l| (safe(&l), style)));
    }
    if let Some(notes) = notes {
        rows.push((String::new(), Style::default()));
        for l in wrap(notes, w, ambi) {
            rows.push((safe(&l), Style::default().fg(Color::DarkGray)));
        }
    }
    for (i, (text, style)) in rows.iter().take(inner.height.into()).enumerate() {
        buf.set_stringn(inner.x, inner.y + i as u16, text, w, *style);
    }
}

#[cfg(test)]
mod tests;
