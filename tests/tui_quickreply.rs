//! The quick-reply drill in a real terminal (tmux): a customer message appears, `/cx`
//! shows the template, Enter inserts it with the first slot selected, the slot is typed,
//! Enter sends; the saved session has the code, verdict, response time and keys.

mod common;

use common::Tmux;
use std::path::Path;
use std::time::Duration;

fn fixture() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tui/quickreply.toml")
        .display()
        .to_string()
}

#[test]
fn slash_code_slot_and_send_are_saved_with_the_message() {
    let file = fixture();
    let Some(t) = Tmux::start("qr", &["--lang", "zh", "drill", "--file", &file, "qr"]) else {
        return;
    };
    t.wait_for("the customer message", |s| s.contains("我的快递到哪了"));
    t.type_text("/cx");
    // A capture can catch a frame half drawn: wait for every part at once.
    t.wait_for("the phrase list", |s| {
        s.contains("快捷短语 /cx") && s.contains("cx      售后     亲，您的订单{单号}已发出")
    });
    t.key("Enter");
    // The template in the composer; the notes beside the chat.
    t.wait_for("the template inserted", |s| {
        !s.contains("快捷短语 /cx")
            && s.contains("│亲，您的订单{单号}已发出")
            && s.contains("已发货")
    });
    // The first slot is selected: the real cursor sits on it (after the border and
    // 亲，您的订单 = 12 cells), and typing replaces it.
    t.wait_display("#{cursor_x}", "13");
    let y = t.display("#{cursor_y}");
    t.type_text("12345");
    t.wait_for("the slot filled", |s| {
        s.contains("│亲，您的订单12345已发出")
    });
    t.wait_display("#{cursor_x},#{cursor_y}", &format!("18,{y}"));
    std::thread::sleep(Duration::from_millis(100));
    t.key("Enter");
    t.wait_for("the verdict", |s| {
        s.contains("✓ 正确") && s.contains("可用编码 /cx") && s.contains("按键 10 / 全打 23")
    });
    // Every message answered: Enter shows the results, saved.
    t.key("Enter");
    t.wait_for("results", |s| {
        s.contains("成绩")
            && s.contains("已保存到练习记录")
            && squeezed(s).contains("目标内 1/1")
            && squeezed(s).contains("短语正确 1/1")
            && squeezed(s).contains("快捷省键 13")
    });
    t.leave_results("Escape");
    t.wait_exit();
    // tmux 3.3 now and then marks the pane dead without reporting its status; a status
    // it does report must be 0.
    let status = t.display("#{pane_dead_status}");
    assert!(status == "0" || status.is_empty(), "exit status {status}");

    let doc = t.history();
    let s = &doc["sessions"][0];
    assert_eq!(s["kind"], "quickreply");
    assert_eq!(s["drill"], "qr");
    assert_eq!(s["completed"], true);
    let m = &s["messages"][0];
    assert_eq!(m["customer"], "我的快递到哪了");
    assert_eq!(m["code"], "cx");
    assert_eq!(m["reply"], "亲，您的订单12345已发出，请耐心等待哦～");
    assert_eq!(m["template_ok"], true);
    assert_eq!(m["slots_ok"], true);
    assert!(m["response_ms"].as_u64().unwrap() >= 100, "{m}");
    // / c x, select, 1 2 3 4 5, send
    assert_eq!(m["keys"], 10);
    assert_eq!(
        m["keys_if_typed"],
        "亲，您的订单12345已发出，请耐心等待哦～".chars().count() + 1
    );
    let ops: Vec<&str> = s["keystrokes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["op"].as_str().unwrap())
        .collect();
    assert_eq!(ops.first(), Some(&"show"));
    assert!(ops.contains(&"select"));
    assert_eq!(ops.last(), Some(&"send"));
    let select = s["keystrokes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["op"] == "select")
        .unwrap();
    assert_eq!(select["code"], "cx");
}

/// The screen with every run of spaces as one (figures are padded to a column).
fn squeezed(s: &str) -> String {
    s.split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_skipped_message_is_not_answered_and_a_slot_shows_as_typed() {
    let file = fixture();
    let Some(t) = Tmux::start(
        "qr-skip",
        &["--lang", "zh", "drill", "--file", &file, "qr2"],
    ) else {
        return;
    };
    t.wait_for("the first message", |s| {
        s.contains("在吗") && s.contains("消息 1/2 · 已回复 0/2") && s.contains("响应")
    });
    // Skip the first message.
    t.key("Escape");
    t.wait_for("its verdict", |s| {
        s.contains("第 1 条  ✗ 未回复") && s.contains("按 Enter 看下一条消息")
    });
    t.key("Enter");
    t.wait_for("the second message", |s| {
        s.contains("消息 2/2 · 已回复 0/2")
    });
    t.choose_phrase("cx");
    t.wait_for("the template inserted", |s| {
        s.contains("│亲，您的订单{单号}已发出")
    });
    // The slot typed with a half-width colon, and wrong: shown as typed.
    t.type_text("17:30");
    t.wait_for("the slot filled", |s| {
        s.contains("│亲，您的订单17:30已发出")
    });
    std::thread::sleep(Duration::from_millis(100));
    t.key("Enter");
    let screen = t.wait_for("the verdict", |s| s.contains("第 2 条  ✗ 信息填错"));
    assert!(screen.contains("单号：17:30 → 16:00"), "{screen}");
    assert!(
        screen.contains("已回复 1/2") && screen.contains("未回复 1 条"),
        "{screen}"
    );
    assert!(!screen.contains("全部答完"), "{screen}");
    t.key("Enter");
    let screen = t.wait_for("results", |s| s.contains("成绩") && s.contains("快捷省键"));
    for want in ["已回复 1/2，未回复 1", "首次响应", "平均响应", "未完成"] {
        assert!(
            squeezed(&screen).contains(want),
            "{want} missing:\n{screen}"
        );
    }
    t.leave_results("Escape");
    t.wait_exit();
    let doc = t.history();
    let s = &doc["sessions"][0];
    assert_eq!(s["completed"], false);
    assert_eq!(
        s["messages"][1]["reply"],
        "亲，您的订单17:30已发出，请耐心等待哦～"
    );
}
