//! A quick-reply exam in a real terminal (tmux): the rules come first, the clock starts
//! after Enter, the time limit ends the drill with a message still open, and the results
//! say it did not pass; the saved session has `passed: false` and the open message
//! unanswered at the limit.

mod common;

use common::Tmux;
use std::path::Path;

#[test]
fn the_time_limit_ends_a_quick_reply_exam_and_pass_is_judged() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tui/quickreply-exam.toml")
        .display()
        .to_string();
    let Some(t) = Tmux::start(
        "qrexam",
        &["--lang", "zh", "drill", "--file", &file, "exam"],
    ) else {
        return;
    };
    // Nobody is set: the exam asks who takes it first; this one registers.
    t.wait_for("the form", |s| s.contains("考试前请填写学号和姓名"));
    t.type_text("2026009");
    t.key("Enter");
    t.type_text("周九");
    t.key("Enter");
    t.wait_for("the rules", |s| {
        s.contains("考生：周九（2026009）")
            && s.contains("限时 3 秒")
            && s.contains("及格：回复正确（短语和信息都对）≥ 50%")
    });
    t.key("Enter");
    t.wait_for("the first message", |s| s.contains("我的快递到哪了"));
    // F1 shows the chat screen's keys; F1 again closes them.
    t.key("F1");
    t.wait_for("the chat help", |s| {
        s.contains("Ctrl-O    插入订单信息里的一项")
    });
    t.key("F1");
    t.wait_for("help closed", |s| {
        !s.contains("Ctrl-O    插入订单信息里的一项")
    });
    t.type_text("亲");
    // Nothing more: the time runs out with the message open.
    t.wait_for("results", |s| {
        s.contains("成绩") && s.contains("✗ 未通过：没有完成") && s.contains("已保存")
    });
    t.leave_results("Escape");
    t.wait_exit();

    let doc = t.history();
    let s = &doc["sessions"][0];
    assert_eq!(s["kind"], "quickreply");
    assert_eq!(s["completed"], false);
    assert_eq!(s["passed"], false);
    assert_eq!(s["time_limit"], 3);
    assert_eq!(s["duration_ms"], 3000, "{s}");
    let m = s["messages"].as_array().expect("messages");
    assert_eq!(m.len(), 1, "the second message was never shown");
    assert_eq!(m[0]["template_ok"], false);
    assert!(m[0]["response_ms"].is_null());
    let last = s["keystrokes"].as_array().and_then(|k| k.last()).cloned();
    let last = last.expect("keystrokes");
    assert_eq!(
        (last["op"].as_str(), last["t_us"].as_u64()),
        (Some("abandon"), Some(3_000_000))
    );
}
