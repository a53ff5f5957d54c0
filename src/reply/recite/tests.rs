use super::*;
use crate::engine::Key;

fn template(code: &str, text: &str) -> Template {
    crate::testing::template(code, "售前", text)
}

fn typed(s: &mut ReciteSession, t: u64, text: &str) {
    let keys = text
        .chars()
        .map(|c| {
            if c == '\u{8}' {
                Key::Backspace
            } else {
                Key::Char(c)
            }
        })
        .collect();
    s.apply(t, &Batch::Keys(keys));
}

#[test]
fn emoticons_placeholders_and_line_breaks_are_shown_not_typed() {
    let t = template("hy", "亲，欢迎光临{店铺}[微笑]\n请问[尺码]有货吗[再见]");
    let item = ReciteItem::of(&t);
    assert_eq!(
        item.pieces,
        vec![
            Piece::Type("亲，欢迎光临".into()),
            Piece::Show("{店铺}".into()),
            Piece::Show("[微笑]".into()),
            Piece::Show("\n".into()),
            // [尺码] is no 表情: typed like any text.
            Piece::Type("请问[尺码]有货吗".into()),
            Piece::Show("[再见]".into()),
        ]
    );
    assert_eq!(item.typable(), "亲，欢迎光临请问[尺码]有货吗");
    assert_eq!(item.full_text(), t.text);
    assert!(!has_typable(&template("bq", "[微笑][再见]")));
    assert!(has_typable(&template("hy", "亲[微笑]")));
}

#[test]
fn reciting_with_a_token_skipped_finishes_and_is_remembered() {
    let items = vec![
        ReciteItem::of(&template("hy", "亲，在的[微笑]")),
        ReciteItem::of(&template("bq", "[微笑]")),
        ReciteItem::of(&template("fh", "已发货哦")),
    ];
    let mut s = ReciteSession::new(items, Rules::default());
    assert_eq!(s.items().len(), 2, "nothing to type in a lone 表情");
    // The token is never typed: 亲，在的 finishes the first item.
    typed(&mut s, 0, "亲，在的");
    assert_eq!(s.current(), Some(1));
    // Second: one slip corrected (3 of 4 right when typed: under 90%), then finished.
    typed(&mut s, 1_000_000, "已发");
    typed(&mut s, 1_500_000, "或\u{8}货哦");
    assert!(s.is_over());
    let r = s.results();
    assert_eq!(r.len(), 2);
    assert!(r[0].finished && r[0].remembered());
    assert_eq!((r[0].typed.as_str(), r[0].keys), ("亲，在的", 4));
    assert!(r[1].finished && !r[1].remembered(), "{:?}", r[1]);
    assert_eq!((r[1].start_us, r[1].end_us), (0, 1_500_000));
    let sum = s.summary();
    assert!(sum.completed);
    assert_eq!(sum.target, "亲，在的\n已发货哦");
    assert_eq!(sum.backspaces, 1);
    let m = messages(s.items(), &r);
    assert_eq!(m[0].customer, "/hy · 售前");
    assert!(m[0].template_ok);
    assert!(!m[1].template_ok);
    assert_eq!(m[1].keys_if_typed, 4);
}

#[test]
fn tab_shows_the_reply_and_counts_a_miss() {
    let items = vec![ReciteItem::of(&template("hy", "亲，在的"))];
    let mut s = ReciteSession::new(items, Rules::default());
    assert!(s.hint(0));
    assert!(!s.hint(10), "once per item");
    assert!(s.hinted(0));
    typed(&mut s, 2_000_000, "亲，在的");
    assert!(s.is_over());
    let r = s.results();
    assert!(r[0].hinted && r[0].finished && !r[0].remembered());
    assert_eq!(r[0].keys, 5);
    assert_eq!(s.log()[0].op, Op::Select { code: "hy".into() });
    // The engine's figures ignore the hint.
    assert_eq!(s.summary().typed_graphemes, 4);
}

#[test]
fn the_time_limit_counts_from_a_hint_too() {
    let items = vec![ReciteItem::of(&template("hy", "亲，在的"))];
    let rules = Rules {
        strict: false,
        time_limit_us: Some(3_000_000),
        shown_not_typed: false,
    };
    let mut s = ReciteSession::new(items, rules);
    s.hint(0);
    assert!(!s.tick(2_000_000));
    assert!(s.tick(3_000_000));
    assert!(s.is_over());
}
