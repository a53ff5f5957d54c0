//! The quick-reply chat screen, drawn from a [`QuickReplySession`]: the conversation,
//! the order card and notes, the response clock, the last verdict, the composer with its
//! placeholders, and the phrase list or card picker when open. Drawing only: the app
//! loop owns the terminal and puts the real cursor where [`render_chat`] says.

use super::reply_box::{BoxView, draw_card_picker, draw_composer, draw_phrase_list};
use crate::fit::{cut_marked, wrap};
use crate::reply::quickreply::{QuickReplySession, Turn};
use crate::text::{AmbiWidth, str_width};
use crate::tr;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, Widget};

/// Lines the composer shows; a longer reply scrolls to keep the insertion point in view.
pub const COMPOSER_LINES: u16 = 3;

/// How an unfilled placeholder is drawn.
pub fn placeholder_style() -> Style {
    Style::default()
        .fg(Color::Yellow)
        .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}

/// How the selected placeholder (the one typing replaces) is drawn.
pub fn selected_style() -> Style {
    placeholder_style().add_modifier(Modifier::REVERSED)
}

/// The response clock's colour: green under target, yellow up to twice it, red past.
pub fn clock_color(elapsed_us: u64, target_seconds: u32) -> Color {
    let target = u64::from(target_seconds) * 1_000_000;
    if elapsed_us < target {
        Color::Green
    } else if elapsed_us <= 2 * target {
        Color::Yellow
    } else {
        Color::Red
    }
}

/// Draw the chat screen into `area` at `now_us` (microseconds since the drill started).
/// Returns where the real terminal cursor belongs (the composer's insertion point, or the
/// end of the phrase filter), so an input method opens its candidate window there.
pub fn render_chat(
    buf: &mut Buffer,
    area: Rect,
    session: &QuickReplySession,
    now_us: u64,
    ambi: AmbiWidth,
) -> Option<Position> {
    if area.width < 20 || area.height < 12 {
        buf.set_stringn(
            area.x,
            area.y,
            tr!("窗口太小", "window too small"),
            area.width.into(),
            Style::default(),
        );
        return None;
    }
    let verdict_h: u16 = if session.last_ended().is_some() { 3 } else { 0 };
    let composer_h = COMPOSER_LINES + 2;
    let main_h = area.height - 2 - verdict_h - composer_h;
    let header = Rect::new(area.x, area.y, area.width, 1);
    let side_w = (area.width * 3 / 10).max(16);
    let chat = Rect::new(area.x, area.y + 1, area.width - side_w, main_h);
    let side = Rect::new(chat.right(), chat.y, side_w, main_h);
    let verdict = Rect::new(area.x, chat.bottom(), area.width, verdict_h);
    let composer = Rect::new(area.x, verdict.bottom(), area.width, composer_h);
    let hint = Rect::new(area.x, composer.bottom(), area.width, 1);

    draw_header(buf, header, session, now_us);
    draw_chat(buf, chat, session, ambi);
    draw_side(buf, side, session, ambi);
    if verdict_h > 0 {
        draw_verdict(buf, verdict, session, ambi);
    }
    let view = box_view(session);
    let cursor = draw_composer(buf, composer, &view, ambi);
    buf.set_stringn(
        hint.x,
        hint.y,
        tr!(
            "/ 快捷短语 · Tab 下一空 · Ctrl-O 订单信息 · Enter 发送 · Esc 放弃本条 · F1 帮助",
            "/ phrases · Tab next blank · Ctrl-O order card · Enter send · Esc skip message · F1 help"
        ),
        hint.width.into(),
        Style::default().fg(Color::DarkGray),
    );
    draw_phrase_list(buf, chat, composer, &view, ambi);
    draw_card_picker(buf, chat, composer, &view, ambi);
    cursor
}

fn draw_header(buf: &mut Buffer, area: Rect, session: &QuickReplySession, now_us: u64) {
    let total = session.scenarios().len();
    let shown = session.turns().len();
    // A skipped message was shown but never answered: it never counts as answered.
    let ended = session.turns().iter().filter(|t| !t.is_open());
    let skipped = ended.clone().filter(|t| t.abandoned).count();
    let answered = ended.count() - skipped;
    let progress = tr!(
        "消息 {shown}/{total} · 已回复 {answered}/{total}",
        "message {shown}/{total} · answered {answered}/{total}"
    );
    let (x, _) = buf.set_stringn(
        area.x,
        area.y,
        &progress,
        area.width.into(),
        Style::default().add_modifier(Modifier::BOLD),
    );
    let target = session.target_seconds();
    let clock = match session.response_elapsed_us(now_us) {
        Some(us) => {
            let secs = seconds(us);
            (
                tr!(
                    "   响应 {secs} 秒 / 目标 {target} 秒",
                    "   response {secs} s / target {target} s"
                ),
                Style::default().fg(clock_color(us, target)),
            )
        }
        None if session.is_waiting() => (
            tr!("   按 Enter 看下一条消息", "   Enter for the next message"),
            Style::default().fg(Color::Cyan),
        ),
        None if session.is_finished() && skipped > 0 => (
            tr!(
                "   未回复 {skipped} 条 · Enter 看成绩",
                "   {skipped} not answered · Enter for results"
            ),
            Style::default().fg(Color::Yellow),
        ),
        None if session.is_finished() => (
            tr!(
                "   全部答完 · Enter 看成绩",
                "   all answered · Enter for results"
            ),
            Style::default().fg(Color::Cyan),
        ),
        None => (String::new(), Style::default()),
    };
    buf.set_stringn(
        x,
        area.y,
        &clock.0,
        area.right().saturating_sub(x).into(),
        clock.1,
    );
}

fn seconds(us: u64) -> String {
    format!("{:.1}", us as f64 / 1_000_000.0)
}

/// One line of the chat pane.
struct ChatLine {
    text: String,
    right: bool,
    style: Style,
}

fn draw_chat(buf: &mut Buffer, area: Rect, session: &QuickReplySession, ambi: AmbiWidth) {
    let block = Block::bordered().title(tr!(" 对话 ", " Chat "));
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.width < 4 || inner.height == 0 {
        return;
    }
    let bubble = usize::from(inner.width) * 4 / 5;
    let mut lines: Vec<ChatLine> = Vec::new();
    for turn in session.turns() {
        let Some(scenario) = session.scenarios().get(turn.index) else {
            continue;
        };
        if !lines.is_empty() {
            lines.push(ChatLine {
                text: String::new(),
                right: false,
                style: Style::default(),
            });
        }
        lines.push(ChatLine {
            text: tr!("顾客", "Customer"),
            right: false,
            style: Style::default().fg(Color::Cyan),
        });
        for message in &scenario.customer {
            for l in wrap(message, bubble, ambi) {
                lines.push(ChatLine {
                    text: l,
                    right: false,
                    style: Style::default(),
                });
            }
        }
        if let Some(reply) = sent_lines(turn, bubble, ambi) {
            lines.extend(reply);
        }
    }
    let height = usize::from(inner.height);
    let skip = lines.len().saturating_sub(height);
    for (row, line) in lines.iter().skip(skip).enumerate() {
        let y = inner.y + row as u16;
        let width = str_width(&line.text, ambi).min(usize::from(inner.width));
        let x = if line.right {
            inner.right().saturating_sub(width as u16)
        } else {
            inner.x
        };
        buf.set_stringn(x, y, &line.text, inner.width.into(), line.style);
    }
}

/// The student's side of a finished turn, right-aligned.
fn sent_lines(turn: &Turn, width: usize, ambi: AmbiWidth) -> Option<Vec<ChatLine>> {
    turn.ended_us?;
    if turn.abandoned {
        return Some(vec![ChatLine {
            text: tr!("（未回复）", "(not answered)"),
            right: true,
            style: Style::default().fg(Color::DarkGray),
        }]);
    }
    let right = turn.judgement.as_ref().is_some_and(|j| j.is_right());
    let color = if right { Color::Green } else { Color::Red };
    let mut out = vec![ChatLine {
        text: tr!("我", "Me"),
        right: true,
        style: Style::default().fg(color),
    }];
    out.extend(
        wrap(&turn.reply, width, ambi)
            .into_iter()
            .map(|l| ChatLine {
                text: l,
                right: true,
                style: Style::default().fg(color),
            }),
    );
    Some(out)
}

fn draw_side(buf: &mut Buffer, area: Rect, session: &QuickReplySession, ambi: AmbiWidth) {
    let Some(scenario) = session.scenario() else {
        Block::bordered()
            .title(tr!(" 订单 ", " Order "))
            .render(area, buf);
        return;
    };
    // Card fields with their values wrapped under them: answers come from these facts.
    let inner_w = usize::from(area.width.saturating_sub(2));
    let mut rows: Vec<(String, String)> = Vec::new();
    for (field, value) in &scenario.card {
        let label = format!("{field}：");
        let label_w = str_width(&label, ambi);
        if label_w + 4 > inner_w {
            rows.push((
                String::new(),
                cut_marked(&format!("{label}{value}"), inner_w, ambi),
            ));
            continue;
        }
        for (i, line) in wrap(value, inner_w - label_w, ambi).into_iter().enumerate() {
            let lead = if i == 0 {
                label.clone()
            } else {
                " ".repeat(label_w)
            };
            rows.push((lead, line));
        }
    }
    let card_h = (rows.len().max(1) as u16 + 2)
        .min(area.height * 2 / 3)
        .max(3);
    let card_area = Rect::new(area.x, area.y, area.width, card_h);
    let notes_area = Rect::new(area.x, area.y + card_h, area.width, area.height - card_h);
    let block = Block::bordered().title(tr!(" 订单 Ctrl-O ", " Order Ctrl-O "));
    let inner = block.inner(card_area);
    block.render(card_area, buf);
    if scenario.card.is_empty() {
        buf.set_stringn(
            inner.x,
            inner.y,
            tr!("（无）", "(none)"),
            inner.width.into(),
            Style::default().fg(Color::DarkGray),
        );
    }
    for (row, (lead, value)) in rows.iter().enumerate().take(inner.height.into()) {
        let y = inner.y + row as u16;
        let (x, _) = buf.set_stringn(
            inner.x,
            y,
            lead,
            inner.width.into(),
            Style::default().fg(Color::DarkGray),
        );
        buf.set_stringn(
            x,
            y,
            value,
            inner.right().saturating_sub(x).into(),
            Style::default(),
        );
    }
    if notes_area.height < 3 {
        return;
    }
    let block = Block::bordered().title(tr!(" 备注 ", " Notes "));
    let inner = block.inner(notes_area);
    block.render(notes_area, buf);
    let notes = scenario.context.as_deref().unwrap_or_default();
    for (row, line) in wrap(notes, inner.width.into(), ambi)
        .into_iter()
        .take(inner.height.into())
        .enumerate()
    {
        buf.set_stringn(
            inner.x,
            inner.y + row as u16,
            line,
            inner.width.into(),
            Style::default(),
        );
    }
}

fn draw_verdict(buf: &mut Buffer, area: Rect, session: &QuickReplySession, ambi: AmbiWidth) {
    let Some(turn) = session.last_ended() else {
        return;
    };
    let (Some(j), Some(m)) = (&turn.judgement, &turn.result) else {
        return;
    };
    let w = usize::from(area.width);
    let codes = m
        .expect
        .iter()
        .map(|c| format!("/{c}"))
        .collect::<Vec<_>>()
        .join(" ");
    let target = session.target_seconds();
    let late = m
        .response_ms
        .is_some_and(|ms| ms > u64::from(target) * 1000);
    let (mark, style) = if turn.abandoned {
        (tr!("✗ 未回复", "✗ not answered"), Color::DarkGray)
    } else if j.is_right() {
        (tr!("✓ 正确", "✓ right"), Color::Green)
    } else if j.template_ok {
        (tr!("✗ 信息填错", "✗ wrong details"), Color::Red)
    } else {
        (tr!("✗ 短语不对", "✗ wrong reply"), Color::Red)
    };
    let which = tr!("第 {} 条", "message {}", turn.index + 1);
    let late_mark = if late {
        tr!(" · 超时", " · over time")
    } else {
        String::new()
    };
    let mut first = format!(
        "{which}  {mark}{late_mark}  {}{codes}",
        tr!("可用编码 ", "codes ")
    );
    if let Some(code) = &m.code {
        first.push_str(&tr!("  你用了 /{code}", "  you used /{code}"));
    }
    for (name, want, found) in &j.wrong_slots {
        first.push_str(&tr!(
            "  {name}：{found} → {want}",
            "  {name}: {found} → {want}"
        ));
    }
    if let Some(extra) = &m.extra {
        first.push_str(&tr!("  另加：{extra}", "  added: {extra}"));
    }
    buf.set_stringn(
        area.x,
        area.y,
        cut_marked(&first, w, ambi),
        w,
        Style::default().fg(style).add_modifier(Modifier::BOLD),
    );
    let should = format!("{}{}", tr!("应为：", "should read: "), j.expected);
    buf.set_stringn(
        area.x,
        area.y + 1,
        cut_marked(&should, w, ambi),
        w,
        Style::default(),
    );
    let time = match m.response_ms {
        Some(ms) if late => {
            let secs = seconds(ms * 1000);
            tr!(
                "响应 {secs} 秒 / 目标 {target} 秒（超时）",
                "response {secs} s / target {target} s (over time)"
            )
        }
        Some(ms) => {
            let secs = seconds(ms * 1000);
            tr!(
                "响应 {secs} 秒 / 目标 {target} 秒",
                "response {secs} s / target {target} s"
            )
        }
        None => tr!("未回复", "not answered"),
    };
    let time_color = m
        .response_ms
        .map_or(Color::DarkGray, |ms| clock_color(ms * 1000, target));
    let (x, y) = buf.set_stringn(
        area.x,
        area.y + 2,
        &time,
        w,
        Style::default().fg(time_color),
    );
    let (keys, full) = (m.keys, m.keys_if_typed);
    buf.set_stringn(
        x,
        y,
        tr!(
            "  ·  按键 {keys} / 全打 {full}",
            "  ·  keys {keys} / typed in full {full}"
        ),
        area.right().saturating_sub(x).into(),
        Style::default(),
    );
}

/// The session's reply box, for drawing.
fn box_view(session: &QuickReplySession) -> BoxView<'_> {
    BoxView {
        open: session.open_turn().is_some(),
        composer: session.composer(),
        phrase_list: session.phrase_list(),
        card_picker: session.card_picker(),
    }
}

#[cfg(test)]
mod tests;
