//! The code drills in a real terminal (tmux), started from home as a student would: a
//! pack with templates but no recall or recite drill offers both. Recall: one code right,
//! one wrong, one right; home then shows one code due. Recite: the missed code comes
//! first, its 表情 is not typed; the saved sessions carry kind, mode and messages.

mod common;

use common::Tmux;
use std::path::Path;
use std::time::Duration;

fn fixture() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tui/codes.toml")
        .display()
        .to_string()
}

/// (code, text shown in recall, what is typed in recite).
const TEMPLATES: [(&str, &str, &str); 3] = [
    (
        "zd",
        "亲，在的呢[微笑]请问有什么可以帮您？",
        "亲，在的呢请问有什么可以帮您？",
    ),
    (
        "fh",
        "亲，您的包裹已经发出，单号{单号}，请留意物流哦～",
        "亲，您的包裹已经发出，单号，请留意物流哦～",
    ),
    (
        "xie",
        "感谢您的耐心等待，祝您生活愉快！",
        "感谢您的耐心等待，祝您生活愉快！",
    ),
];

/// The template whose recall prompt is on screen as item `n` of 3.
fn recall_prompt(s: &str, n: usize) -> Option<(&'static str, &'static str, &'static str)> {
    if !s.contains(&format!("第 {n}/3 题")) || !s.contains("这条回复的编码是") {
        return None;
    }
    // Only the prompt box (a miss's verdict below shows another reply); it wraps long
    // lines, so look for a text's start.
    let start = s.find("这条回复的编码是")?;
    let end = start + s[start..].find("分组：")?;
    let prompt = &s[start..end];
    TEMPLATES
        .into_iter()
        .find(|tpl| prompt.contains(&tpl.1.chars().take(8).collect::<String>()))
}

fn prompt_on(t: &Tmux, n: usize) -> (&'static str, &'static str, &'static str) {
    let screen = t.wait_for("a recall item", |s| recall_prompt(s, n).is_some());
    recall_prompt(&screen, n).expect("a template's text on screen")
}

/// The template whose code is on the recite screen as item `n` of 3.
fn recite_prompt(s: &str, n: usize) -> Option<(&'static str, &'static str, &'static str)> {
    if !s.contains(&format!("第 {n}/3 条")) {
        return None;
    }
    TEMPLATES
        .into_iter()
        .find(|tpl| s.contains(&format!("/{}   分组", tpl.0)))
}

#[test]
fn recall_and_recite_from_home_move_the_boxes() {
    let file = fixture();
    let Some(t) = Tmux::start("codes", &["--lang", "zh", &file]) else {
        return;
    };
    t.wait_for("home with the offered drills", |s| {
        s.contains("编码回想（全部短语）") && s.contains("短语默写（全部短语）")
    });
    t.key("Down");
    t.key("Enter");

    // Item 1 right, with the 千牛 habit of a leading slash.
    let first = prompt_on(&t, 1);
    t.wait_display("#{cursor_x}", "9");
    t.type_text(&format!("/{}", first.0));
    t.wait_for("the code typed", |s| {
        s.contains(&format!("编码  /{}", first.0))
    });
    t.key("Enter");
    // Item 2 wrong.
    let second = prompt_on(&t, 2);
    t.wait_for("the first verdict", |s| {
        s.contains(&format!("✓ 正确 /{}", first.0))
    });
    t.type_text("zz");
    t.key("Enter");
    let third = prompt_on(&t, 3);
    t.wait_for("the miss", |s| {
        s.contains(&format!("✗ 应为 /{}（你打了 /zz）", second.0))
    });
    t.type_text(third.0);
    t.key("Enter");
    t.wait_for("results", |s| {
        s.contains("成绩")
            && s.contains("编码回想")
            && s.contains("答对  2/3")
            && s.contains("已保存")
    });
    t.leave_results("Escape");
    // One code missed today: due.
    t.wait_for("the due count on home", |s| s.contains("待复习 1"));

    // Recite: the missed code comes first.
    t.key("Down");
    t.key("Enter");
    t.wait_for("the missed code first", |s| {
        s.contains("第 1/3 条") && s.contains(&format!("/{}", second.0))
    });
    t.type_like_a_person(second.2);
    for n in 2..=3 {
        let screen = t.wait_for("the next recite item", |s| recite_prompt(s, n).is_some());
        let (_, _, typed) = recite_prompt(&screen, n).expect("an item");
        t.type_like_a_person(typed);
    }
    t.wait_for("recite results", |s| {
        s.contains("成绩") && s.contains("短语默写") && s.contains("记住  3/3")
    });
    t.leave_results("Escape");
    t.wait_for("home again", |s| s.contains("编码回想（全部短语）"));
    // Recited right: nothing is due any more.
    std::thread::sleep(Duration::from_millis(300));
    assert!(!t.capture().contains("待复习"), "{}", t.capture());
    t.key("Escape");
    t.wait_exit();

    let doc = t.history();
    let recite = &doc["sessions"][0];
    assert_eq!(recite["kind"], "recite");
    assert_eq!(recite["mode"], "recite");
    assert_eq!(recite["drill"], ":recite");
    assert_eq!(recite["completed"], true);
    let m = recite["messages"].as_array().expect("messages");
    assert_eq!(m.len(), 3);
    assert_eq!(m[0]["code"], second.0);
    assert!(m.iter().all(|m| m["template_ok"] == true), "{m:?}");
    // The 表情 and placeholder were not typed.
    assert!(
        !recite["typed"].as_str().unwrap_or("").contains("[微笑]"),
        "{recite}"
    );

    let recall = &doc["sessions"][1];
    assert_eq!(recall["kind"], "recall");
    assert_eq!(recall["mode"], "recall");
    assert_eq!(recall["drill"], ":recall");
    assert_eq!(recall["completed"], true);
    let m = recall["messages"].as_array().expect("messages");
    let ok: Vec<bool> = m.iter().map(|m| m["template_ok"] == true).collect();
    assert_eq!(ok, [true, false, true]);
    assert_eq!(m[0]["code"], first.0);
    assert_eq!(m[0]["customer"], first.1);
    assert_eq!(m[1]["code"], "zz");
    assert_eq!(m[1]["expect"][0], second.0);
    assert!(m[0]["response_ms"].as_u64().is_some());
    assert_eq!(
        recall["target"],
        format!("{}\n{}\n{}", first.0, second.0, third.0)
    );
    assert!((recall["accuracy"].as_f64().unwrap_or(0.0) - 200.0 / 3.0).abs() < 0.01);

    // Both recompute from their keystrokes.
    let export = t.data.path().join("export.json");
    std::fs::write(&export, serde_json::to_vec(&doc).expect("json")).expect("write");
    let out = std::process::Command::new(common::BIN)
        .args(["--lang", "en", "verify"])
        .arg(&export)
        .args(["--pack", &file])
        .output()
        .expect("verify runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("all 2 sessions hold (0 not recomputed)"),
        "{text}"
    );
}

#[test]
fn kuaida_drill_starts_a_written_recall_drill_and_esc_leaves_unsaved() {
    let Some(t) = Tmux::start(
        "codes-cli",
        &["--lang", "zh", "drill", "after-sale/codes-recall"],
    ) else {
        return;
    };
    t.wait_for("the first item", |s| {
        s.contains("第 1/20 题") && s.contains("编码  /")
    });
    t.key("Escape");
    t.wait_exit();
    let doc = t.history();
    assert_eq!(
        doc["sessions"].as_array().map(Vec::len),
        Some(0),
        "nothing answered, nothing saved"
    );
}
