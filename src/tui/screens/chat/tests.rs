use super::*;
use crate::pack::Scenario;
use crate::reply::quickreply::{ReplyBatch, ReplyKey};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::testing::template;

fn session() -> QuickReplySession {
    let templates = vec![
        template("cxy", "售后", "亲，{快递}的网点电话是{电话}哦～"),
        template(
            "cx",
            "售后",
            "亲，您的订单{单号}已由{快递}发出，请耐心等待哦～",
        ),
        template("hy", "售前", "亲，欢迎光临，请问有什么可以帮您？"),
        template("tk", "售后", "亲，退款{金额}元已原路退回，请注意查收。"),
    ];
    let scenarios = vec![
        Scenario {
            customer: vec!["我的快递到哪了".into()],
            expect: vec!["cx".into()],
            slots: vec![
                ("单号".into(), "2026112512345".into()),
                ("快递".into(), "中通".into()),
            ],
            card: vec![
                ("单号".into(), "2026112512345".into()),
                ("快递".into(), "中通".into()),
            ],
            context: Some("已发货\n预计后天到".into()),
        },
        Scenario {
            customer: vec!["退款到了吗".into()],
            expect: vec!["tk".into()],
            slots: vec![("金额".into(), "59".into())],
            card: vec![("金额".into(), "59".into())],
            context: None,
        },
    ];
    let mut s = QuickReplySession::new(scenarios, templates, 15);
    s.next_message(0);
    s
}

fn keys(s: &mut QuickReplySession, t: u64, text: &str) {
    s.apply(
        t,
        &ReplyBatch::Keys(text.chars().map(ReplyKey::Char).collect()),
    );
}

fn key(s: &mut QuickReplySession, t: u64, k: ReplyKey) {
    s.apply(t, &ReplyBatch::Keys(vec![k]));
}

/// Render at 100×30 on a TestBackend; the buffer and the cursor.
fn render(s: &QuickReplySession, now_us: u64) -> (Buffer, Option<Position>) {
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let mut cursor = None;
    terminal
        .draw(|f| {
            let area = f.area();
            cursor = render_chat(f.buffer_mut(), area, s, now_us, AmbiWidth::Narrow);
        })
        .unwrap();
    (terminal.backend().buffer().clone(), cursor)
}

/// Row `y` as text, the hidden cells behind wide graphemes left out; with the column
/// each grapheme starts at.
fn row(buf: &Buffer, y: u16) -> (String, Vec<u16>) {
    let mut text = String::new();
    let mut cols = Vec::new();
    let mut x = 0;
    while x < buf.area.width {
        let sym = buf[(x, y)].symbol();
        text.push_str(sym);
        cols.push(x);
        x += sym.width().max(1) as u16;
    }
    (text, cols)
}

fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    (0..buf.area.height).find_map(|y| {
        let (text, cols) = row(buf, y);
        let at = text.find(needle)?;
        let g = text[..at].graphemes(true).count();
        Some((cols[g], y))
    })
}

fn all_text(buf: &Buffer) -> String {
    (0..buf.area.height)
        .map(|y| row(buf, y).0)
        .collect::<Vec<_>>()
        .join("\n")
}

fn answer_first(s: &mut QuickReplySession) {
    keys(s, 1_000_000, "/cx");
    key(s, 1_100_000, ReplyKey::Enter);
    keys(s, 2_000_000, "2026112512345");
    key(s, 2_100_000, ReplyKey::Tab);
    keys(s, 2_200_000, "中通");
    key(s, 4_000_000, ReplyKey::Enter);
}

#[test]
fn chat_with_two_turns_keeps_the_first_visible() {
    let mut s = session();
    answer_first(&mut s);
    s.next_message(5_000_000);
    keys(&mut s, 6_000_000, "亲");
    let (buf, cursor) = render(&s, 7_000_000);
    let text = all_text(&buf);
    assert!(text.contains("我的快递到哪了"), "{text}");
    assert!(text.contains("退款到了吗"), "{text}");
    // The sent reply sits on the right, in green (right).
    let (x, y) = find(&buf, "亲，您的订单2026112512345已由中通").unwrap();
    let reply_w = "亲，您的订单2026112512345已由中通发出，请耐心等待哦～".width() as u16;
    assert_eq!(x + reply_w, 69, "right-aligned inside the chat pane");
    assert_eq!(buf[(x, y)].fg, Color::Green);
    // The customer's messages sit on the left.
    assert_eq!(find(&buf, "我的快递到哪了").unwrap().0, 1);
    // Card and notes of the open message, beside the chat.
    let (cx, _) = find(&buf, "59").unwrap();
    assert!(cx >= 70);
    // The verdict of the first message: its code, keys against typing in full.
    assert!(text.contains("/cx"));
    let (_, vy) = find(&buf, "4.0").unwrap();
    let verdict = row(&buf, vy).0;
    assert!(
        verdict.contains(" 21 / ") && verdict.contains(" 34"),
        "{verdict}"
    );
    // Clock: 2 s into message 2, under target.
    let (hx, hy) = find(&buf, "2.0").unwrap();
    assert_eq!(buf[(hx, hy)].fg, Color::Green);
    assert!(text.contains("2/2"));
    // The cursor is after 亲 in the composer.
    let c = cursor.unwrap();
    assert_eq!((c.x, c.y), (3, 25));
    assert_eq!(buf[(1, 25)].symbol(), "亲");
}

#[test]
fn phrase_list_with_a_filter() {
    let mut s = session();
    keys(&mut s, 1_000, "/c");
    let (buf, cursor) = render(&s, 2_000);
    let (cxy_x, cxy_y) = find(&buf, "cxy").unwrap();
    let (cx_x, cx_y) = find(&buf, "cx      售后").unwrap();
    assert_eq!(cxy_x, cx_x);
    assert_eq!(cx_y, cxy_y + 1);
    // The first row is chosen.
    assert!(buf[(cxy_x, cxy_y)].modifier.contains(Modifier::REVERSED));
    assert!(!buf[(cx_x, cx_y)].modifier.contains(Modifier::REVERSED));
    assert!(
        row(&buf, cx_y)
            .0
            .contains("亲，您的订单{单号}已由{快递}发出")
    );
    assert!(find(&buf, "/c ").is_some(), "title shows the filter");
    // The composer shows the filter with the cursor after it.
    let c = cursor.unwrap();
    assert_eq!(buf[(1, c.y)].symbol(), "/");
    assert_eq!(buf[(2, c.y)].symbol(), "c");
    assert_eq!(c.x, 3);
    // A Chinese keyword filters by text, and a long text is cut by width.
    let mut s = session();
    keys(&mut s, 1_000, "/退款");
    let (buf, _) = render(&s, 2_000);
    let (_, y) = find(&buf, "tk").unwrap();
    assert!(row(&buf, y).0.contains("亲，退款{金额}元"));
    assert!(find(&buf, "cxy").is_none());
}

#[test]
fn placeholders_are_highlighted_and_the_selected_one_reversed() {
    let mut s = session();
    keys(&mut s, 1_000, "/cx");
    key(&mut s, 2_000, ReplyKey::Enter);
    let (buf, cursor) = render(&s, 3_000);
    let (x1, y) = find(&buf, "{单号}").unwrap();
    let (x2, _) = find(&buf, "{快递}").unwrap();
    let sel = &buf[(x1, y)];
    assert!(sel.modifier.contains(Modifier::REVERSED));
    assert_eq!(sel.fg, Color::Yellow);
    let other = &buf[(x2, y)];
    assert!(!other.modifier.contains(Modifier::REVERSED));
    assert_eq!(other.fg, Color::Yellow);
    assert!(other.modifier.contains(Modifier::UNDERLINED));
    // Literal template text is plain.
    assert_eq!(buf[(1, y)].fg, Color::Reset);
    // The cursor sits on the selected placeholder.
    assert_eq!(cursor, Some(Position::new(x1, y)));
    // Tab: the second is selected now.
    key(&mut s, 4_000, ReplyKey::Tab);
    let (buf, cursor) = render(&s, 5_000);
    assert!(!buf[(x1, y)].modifier.contains(Modifier::REVERSED));
    assert!(buf[(x2, y)].modifier.contains(Modifier::REVERSED));
    assert_eq!(cursor, Some(Position::new(x2, y)));
}

#[test]
fn the_verdict_of_a_wrong_reply() {
    let mut s = session();
    keys(&mut s, 1_000_000, "/hy");
    key(&mut s, 1_100_000, ReplyKey::Enter);
    key(&mut s, 40_000_000, ReplyKey::Enter);
    let (buf, cursor) = render(&s, 41_000_000);
    assert_eq!(cursor, None, "no message open");
    let text = all_text(&buf);
    let (mx, my) = find(&buf, "✗").unwrap();
    assert_eq!(buf[(mx, my)].fg, Color::Red);
    assert!(row(&buf, my).0.contains("/cx"));
    assert!(row(&buf, my).0.contains("/hy"), "the code used");
    // The reply as it should read, under the mark.
    assert!(
        row(&buf, my + 1)
            .0
            .contains("亲，您的订单2026112512345已由中通发出")
    );
    // 40 s against 15: past twice the target, red.
    let (tx, ty) = find(&buf, "40.0").unwrap();
    assert_eq!(buf[(tx, ty)].fg, Color::Red);
    let verdict = row(&buf, ty).0;
    assert!(
        verdict.contains(" 5 / ") && verdict.contains(" 34"),
        "{text}"
    );
    // The wrong reply shows in red on the right.
    let (rx, ry) = find(&buf, "亲，欢迎光临").unwrap();
    assert!(rx > 30);
    assert_eq!(buf[(rx, ry)].fg, Color::Red);
}

#[test]
fn a_wrong_slot_is_named_in_the_verdict() {
    let mut s = session();
    keys(&mut s, 1_000, "/cx");
    key(&mut s, 2_000, ReplyKey::Enter);
    keys(&mut s, 3_000, "2026112512345");
    key(&mut s, 4_000, ReplyKey::Tab);
    keys(&mut s, 5_000, "圆通");
    key(&mut s, 6_000, ReplyKey::Enter);
    let (buf, _) = render(&s, 7_000);
    let (_, y) = find(&buf, "✗").unwrap();
    assert!(row(&buf, y).0.contains("圆通 → 中通"), "{}", row(&buf, y).0);
}

#[test]
fn card_picker_and_notes() {
    let mut s = session();
    key(&mut s, 1_000, ReplyKey::Card);
    key(&mut s, 2_000, ReplyKey::Down);
    let (buf, _) = render(&s, 3_000);
    let (x, y) = find(&buf, "快递      中通").unwrap();
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
    assert!(find(&buf, "预计后天到").is_some(), "notes keep their lines");
    assert!(find(&buf, "已发货").is_some());
}

#[test]
fn long_card_values_wrap_under_their_field() {
    let mut s = QuickReplySession::new(
        vec![Scenario {
            customer: vec!["到哪了".into()],
            expect: vec!["hy".into()],
            slots: vec![],
            card: vec![
                (
                    "物流信息".into(),
                    "11-24 21:16 已到达【杭州转运中心】，正在发往下一站".into(),
                ),
                ("快递".into(), "中通".into()),
            ],
            context: None,
        }],
        vec![template("hy", "售前", "亲，欢迎光临")],
        15,
    );
    s.next_message(0);
    let (buf, _) = render(&s, 1_000);
    let (x, y) = find(&buf, "物流信息：11-24").unwrap();
    assert_eq!(x, 71);
    let next = row(&buf, y + 1).0;
    assert!(next.contains("          "), "{next}");
    assert!(all_text(&buf).contains("正在发往"), "{}", all_text(&buf));
    assert!(row(&buf, y + 2).0.contains("快递：中通") || row(&buf, y + 3).0.contains("快递：中通"));
}

#[test]
fn wide_ambiguous_marks_move_the_cursor_two_cells() {
    let mut s = session();
    keys(&mut s, 1_000, "“好”");
    let mut buf = Buffer::empty(Rect::new(0, 0, 100, 30));
    let area = buf.area;
    let narrow = render_chat(&mut buf, area, &s, 2_000, AmbiWidth::Narrow).unwrap();
    let wide = render_chat(&mut buf, area, &s, 2_000, AmbiWidth::Wide).unwrap();
    assert_eq!(wide.x, narrow.x + 2);
}

#[test]
fn clock_colours() {
    assert_eq!(clock_color(14_900_000, 15), Color::Green);
    assert_eq!(clock_color(15_000_000, 15), Color::Yellow);
    assert_eq!(clock_color(30_000_000, 15), Color::Yellow);
    assert_eq!(clock_color(30_000_001, 15), Color::Red);
}

#[test]
fn long_replies_wrap_and_keep_the_cursor_in_view() {
    let mut s = session();
    keys(&mut s, 1_000, &"好".repeat(30));
    keys(&mut s, 2_000, &"好".repeat(30));
    keys(&mut s, 3_000, &"好".repeat(30));
    keys(&mut s, 4_000, &"好".repeat(30));
    let (_, cursor) = render(&s, 5_000);
    let c = cursor.unwrap();
    // 120 wide graphemes, 48 to a line of 97 cells (one kept for the cursor): three lines, the cursor on the last.
    assert_eq!((c.x, c.y), (1 + 24 * 2, 27));
    assert_eq!(
        crate::fit::wrap("ab\ncd", 1, AmbiWidth::Narrow),
        ["a", "b", "c", "d"]
    );
    assert_eq!(
        crate::fit::cut_marked("亲，您好", 5, AmbiWidth::Narrow),
        "亲，…"
    );
}

#[test]
fn a_skipped_message_is_not_answered_in_the_header() {
    let mut s = session();
    let (buf, _) = render(&s, 500_000);
    assert!(all_text(&buf).contains("已回复 0/2"), "{}", all_text(&buf));
    answer_first(&mut s);
    s.next_message(5_000_000);
    key(&mut s, 6_000_000, ReplyKey::Esc);
    assert!(s.is_finished());
    let (buf, _) = render(&s, 7_000_000);
    let header = row(&buf, 0).0;
    assert!(header.contains("已回复 1/2"), "{header}");
    assert!(header.contains("未回复 1 条"), "{header}");
    assert!(!header.contains("全部答完"), "{header}");
    // Both answered: all answered.
    let mut s = session();
    answer_first(&mut s);
    s.next_message(5_000_000);
    keys(&mut s, 6_000_000, "/tk");
    key(&mut s, 6_100_000, ReplyKey::Enter);
    keys(&mut s, 7_000_000, "59");
    key(&mut s, 8_000_000, ReplyKey::Enter);
    let (buf, _) = render(&s, 9_000_000);
    let header = row(&buf, 0).0;
    assert!(
        header.contains("已回复 2/2") && header.contains("全部答完"),
        "{header}"
    );
}

#[test]
fn a_verdict_names_its_message_and_marks_a_late_reply() {
    let mut s = session();
    answer_first(&mut s);
    let (buf, _) = render(&s, 4_500_000);
    let (_, y) = find(&buf, "✓").unwrap();
    let first = row(&buf, y).0;
    assert!(first.contains("第 1 条"), "{first}");
    assert!(!first.contains("超时"), "4 s of 15: {first}");
    assert!(row(&buf, y + 2).0.contains("响应 4.0 秒 / 目标 15 秒"));
    // The second message answered right but after 20 s: right, and late.
    s.next_message(5_000_000);
    keys(&mut s, 6_000_000, "/tk");
    key(&mut s, 6_100_000, ReplyKey::Enter);
    keys(&mut s, 7_000_000, "59");
    key(&mut s, 25_000_000, ReplyKey::Enter);
    let (buf, _) = render(&s, 26_000_000);
    let (_, y) = find(&buf, "✓").unwrap();
    let first = row(&buf, y).0;
    assert!(first.contains("第 2 条"), "{first}");
    assert!(first.contains("超时"), "{first}");
    let time = row(&buf, y + 2).0;
    assert!(time.contains("响应 20.0 秒 / 目标 15 秒（超时）"), "{time}");
}

#[test]
fn the_response_clock_is_called_response() {
    let s = session();
    let (buf, _) = render(&s, 2_000_000);
    let header = row(&buf, 0).0;
    assert!(header.contains("响应 2.0 秒 / 目标 15 秒"), "{header}");
    assert!(!all_text(&buf).contains("回应"));
}

#[test]
fn a_wrong_slot_shows_what_was_typed_not_its_full_width_reading() {
    let mut s = QuickReplySession::new(
        vec![Scenario {
            customer: vec!["几点发货".into()],
            expect: vec!["fh".into()],
            slots: vec![("时间".into(), "17:00".into())],
            card: vec![("时间".into(), "17:00".into())],
            context: None,
        }],
        vec![template("fh", "售前", "亲，今天{时间}前下单当天发货哦～")],
        15,
    );
    s.next_message(0);
    keys(&mut s, 1_000, "/fh");
    key(&mut s, 2_000, ReplyKey::Enter);
    keys(&mut s, 3_000, "16:00");
    key(&mut s, 4_000, ReplyKey::Enter);
    let (buf, _) = render(&s, 5_000);
    let (_, y) = find(&buf, "✗").unwrap();
    let verdict = row(&buf, y).0;
    assert!(verdict.contains("时间：16:00 → 17:00"), "{verdict}");
}
