use super::*;
use crate::pack::{DrillBody, PackSource, load_text};
use crate::reply::reply_box::{ReplyBatch, ReplyKey};
use crate::tui::screens::testing::{rows, terminal};

const S: u64 = 1_000_000;

const PACK: &str = r#"
[pack]
id = "p"
title = "P"
version = "1"
[[template]]
code = "hy"
text = "亲，欢迎光临{店铺}"
[[drill]]
id = "s"
title = "早班"
kind = "shift"
minutes = 5
target_seconds = 20
[[drill.buyer]]
name = "小鹿"
arrive = 0
card = { "店铺" = "小橙家居" }
context = "关心尺码"
[[drill.buyer.turn]]
customer = "在吗，这款有货吗"
expect = ["hy"]
slots = { "店铺" = "小橙家居" }
[[drill.buyer]]
name = "阿杰"
arrive = 10
card = { "店铺" = "小橙家居" }
[[drill.buyer.turn]]
customer = "我的快递到哪了"
expect = ["hy"]
slots = { "店铺" = "小橙家居" }
"#;

fn session() -> ShiftSession {
    let p = load_text(
        PACK,
        "p.toml",
        PackSource::File {
            path: "p.toml".into(),
        },
    )
    .expect("valid");
    let DrillBody::Shift(shift) = DrillBody::clone(&p.drills[0].body) else {
        panic!()
    };
    ShiftSession::new(shift, p.templates, 1)
}

fn draw(s: &ShiftSession, w: u16, h: u16, now_us: u64) -> (Vec<String>, Option<Position>) {
    crate::i18n::set_lang(crate::i18n::Lang::Zh);
    let mut term = terminal(w, h);
    let mut cursor = None;
    let frame = term
        .draw(|f| {
            let area = f.area();
            cursor = render_shift(
                f.buffer_mut(),
                area,
                s,
                "早班",
                now_us,
                &Overlay::default(),
                AmbiWidth::Narrow,
            );
        })
        .expect("draws");
    (rows(frame.buffer), cursor)
}

#[test]
fn the_desk_shows_every_buyer_the_one_in_focus_and_their_order() {
    let mut s = session();
    s.advance(12 * S);
    s.apply(
        12 * S,
        &ReplyBatch::Keys("亲".chars().map(ReplyKey::Char).collect()),
    );
    for (w, h) in [(100, 30), (80, 24)] {
        let (screen, cursor) = draw(&s, w, h, 12 * S);
        let all = screen.join("\n");
        assert!(
            screen[0].contains("接待中心") && screen[0].contains("早班"),
            "{all}"
        );
        assert!(screen[0].contains("剩余 4:48"), "{all}");
        assert!(all.contains("▶小鹿"), "{all}");
        assert!(all.contains("等 12 秒"), "{all}");
        // 阿杰 came while 小鹿 was in focus: one unread, and waiting 2 s.
        assert!(all.contains("阿杰") && all.contains("●1"), "{all}");
        assert!(all.contains("等 2 秒"), "{all}");
        assert!(all.contains("在吗，这款有货吗"), "{all}");
        assert!(
            all.contains("小橙家居") && all.contains("关心尺码"),
            "{all}"
        );
        // The cursor sits after 亲 in the reply box, where an input method opens.
        let (x, y) = cursor.map(|p| (p.x, p.y)).expect("a cursor");
        let row = &screen[usize::from(y)];
        assert!(row.contains("亲"), "{row:?}");
        assert_eq!(x, 3, "inside the border, after one wide 字");
        assert!(y >= h - 5, "in the reply box at the bottom");
    }
}

#[test]
fn a_small_window_says_what_it_needs() {
    let s = session();
    let (screen, cursor) = draw(&s, 50, 12, 0);
    assert!(screen[0].contains("窗口太小"), "{screen:?}");
    assert!(cursor.is_none());
}
