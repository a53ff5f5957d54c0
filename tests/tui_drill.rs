//! The trainer in a real terminal (tmux): type a drill, see results, find it saved;
//! the cursor after CJK text; the terminal restored after quitting and on SIGTERM.

mod common;

use common::{Tmux, fixture};

fn drill(test: &str, id: &str, lang: &str) -> Option<Tmux> {
    let file = fixture().display().to_string();
    Tmux::start(test, &["--lang", lang, "drill", "--file", &file, id])
}

#[test]
fn chinese_drill_with_a_fix_shows_results_and_is_saved() {
    let Some(t) = drill("fix", "short", "zh") else {
        return;
    };
    t.wait_for("the drill", |s| s.contains("终端测试包 · 短文"));
    t.type_text("亲再");
    t.wait_for("two typed", |s| s.contains("2/5"));
    t.key("BSpace");
    t.wait_for("the backspace", |s| s.contains("1/5"));
    t.type_text("在吗");
    t.wait_for("four typed", |s| s.contains("3/5"));
    t.type_text("好的");
    // The whole frame, down to its key hints (a capture can fall mid-frame).
    let screen = t.wait_for("results", |s| s.contains("成绩") && s.contains("r/Enter"));
    for want in ["字/分", "准确率", "退格", "回改", "已保存到练习记录"] {
        assert!(screen.contains(want), "{want} missing:\n{screen}");
    }
    // 在 typed twice, once wrong: too few samples to list it as often missed.
    assert!(!screen.contains("常错"), "{screen}");
    // Results ignore keys for 300 ms; then Esc exits (started with `kuaida drill`).
    t.leave_results("Escape");
    assert_eq!(t.wait_exit(), "0");
    let doc = t.history();
    let s = &doc["sessions"][0];
    assert_eq!(s["drill"], "short");
    assert_eq!(s["backspaces"], 1);
    assert_eq!(s["corrections"], 1);
    assert_eq!(s["completed"], true);
    assert_eq!(s["typed"], "亲在吗好的");
}

#[test]
fn the_cursor_sits_right_after_typed_cjk() {
    let Some(t) = drill("cursor", "long", "zh") else {
        return;
    };
    t.wait_for("the drill", |s| s.contains("终端测试包 · 长文"));
    t.type_text("亲，您好");
    t.wait_for("four typed", |s| s.contains("4/"));
    // Left margin 2, four full-width graphemes of 2 cells; the text starts on row 4.
    t.wait_display("#{cursor_x},#{cursor_y}", "10,4");
    // A half-width ! where the full-width ！ is due keeps the two cells of ！ (the text
    // after it does not move): the cursor is after them, where the next 字 is drawn.
    t.type_text("!");
    t.wait_for("five typed", |s| {
        s.contains("5/") && s.contains("您好! 欢迎")
    });
    t.wait_display("#{cursor_x},#{cursor_y}", "12,4");
}

#[test]
fn quitting_home_leaves_the_alternate_screen() {
    let Some(t) = Tmux::start("quit", &["--lang", "en"]) else {
        return;
    };
    t.wait_for("home", |s| s.contains("Packs") && s.contains("Enter start"));
    assert_eq!(t.display("#{alternate_on}"), "1");
    t.key("Escape");
    assert_eq!(t.wait_exit(), "0");
    assert_eq!(t.display("#{alternate_on}"), "0");
}

#[test]
fn sigterm_mid_drill_saves_the_attempt_and_restores_the_terminal() {
    let Some(t) = drill("term", "short", "zh") else {
        return;
    };
    t.wait_for("the drill", |s| s.contains("终端测试包 · 短文"));
    t.type_text("亲在");
    t.wait_for("two typed", |s| s.contains("2/5"));
    let pid = t.kuaida_pid();
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill runs");
    assert!(status.success());
    t.wait_exit();
    assert_eq!(t.display("#{alternate_on}"), "0");
    let doc = t.history();
    let s = &doc["sessions"][0];
    assert_eq!(s["completed"], false);
    assert_eq!(s["typed"], "亲在");
    assert_eq!(s["keystrokes"].as_array().map(Vec::len), Some(2));
}

#[test]
fn enter_after_each_phrase_is_ignored_and_the_session_verifies() {
    let Some(t) = drill("phrases-enter", "phr", "zh") else {
        return;
    };
    t.wait_for("the drill", |s| s.contains("终端测试包 · 短句"));
    t.key("F1");
    t.wait_for("the help", |s| s.contains("不用按 Enter"));
    t.key("F1");
    t.wait_for("the help closed", |s| !s.contains("不用按 Enter"));
    t.type_text("在的");
    t.wait_for("the first phrase", |s| s.contains("2/4"));
    t.key("Enter");
    t.key("Enter");
    t.type_text("好");
    t.wait_for("the second phrase begun", |s| s.contains("3/4"));
    t.type_text("的");
    let screen = t.wait_for("results", |s| s.contains("成绩") && s.contains("r/Enter"));
    assert!(screen.contains("100.0%"), "{screen}");
    assert!(!screen.contains("常错"), "{screen}");
    t.leave_results("Escape");
    assert_eq!(t.wait_exit(), "0");
    let doc = t.history();
    let s = &doc["sessions"][0];
    assert_eq!(s["accuracy"], 100.0);
    assert_eq!(s["typed"], "在的\n好的");
    let logged: Vec<&str> = s["keystrokes"]
        .as_array()
        .expect("keystrokes")
        .iter()
        .filter_map(|k| k["text"].as_str())
        .collect();
    assert_eq!(logged, ["在", "的", "好", "的"]);
    // verify recomputes the session from its log and the pack: it holds.
    let file = t.data.path().join("results.json");
    std::fs::write(&file, doc.to_string()).expect("results written");
    let out = std::process::Command::new(common::BIN)
        .args(["--lang", "en", "verify"])
        .arg(&file)
        .arg("--pack")
        .arg(fixture())
        .output()
        .expect("kuaida runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_refused_paste_is_told_for_three_seconds() {
    let Some(t) = drill("paste", "long", "zh") else {
        return;
    };
    t.wait_for("the drill", |s| s.contains("终端测试包 · 长文"));
    t.type_text("亲，");
    t.wait_for("two typed", |s| s.contains("2/"));
    t.tmux(&["set-buffer", &"复制来的一大段话".repeat(5)]);
    t.tmux(&["paste-buffer", "-p"]);
    let notice = "粘贴的内容不计入：一次最多 32 个字";
    let screen = t.wait_for("the notice", |s| s.contains(notice));
    assert!(screen.contains("2/"), "nothing pasted is typed:\n{screen}");
    // The cursor stays where the next 字 goes (left margin 2, two wide graphemes).
    t.wait_display("#{cursor_x},#{cursor_y}", "6,4");
    let screen = t.wait_for("the notice gone", |s| !s.contains(notice));
    assert!(screen.contains("2/"), "{screen}");
    t.wait_display("#{cursor_x},#{cursor_y}", "6,4");
    t.key("Escape");
    assert_eq!(t.wait_exit(), "0");
    let doc = t.history();
    let ops: Vec<&str> = doc["sessions"][0]["keystrokes"]
        .as_array()
        .expect("keystrokes")
        .iter()
        .filter_map(|k| k["op"].as_str())
        .collect();
    assert_eq!(ops, ["input", "input", "paste_rejected"]);
}
