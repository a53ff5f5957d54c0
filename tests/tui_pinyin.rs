//! Pinyin practice in a real terminal (tmux): a phrases drill with `--pinyin`, typed as
//! letters, one 字 by its second reading; the saved session's mode, keystrokes and 字/分.

mod common;

use common::{Tmux, fixture};
use std::time::Duration;

#[test]
fn a_phrases_drill_typed_as_pinyin_is_saved_with_its_letters() {
    let file = fixture().display().to_string();
    let Some(t) = Tmux::start(
        "pinyin",
        &["--lang", "zh", "drill", "--file", &file, "phr", "--pinyin"],
    ) else {
        return;
    };
    // 在的 with its pinyin above; the cursor on the first letter (margin 2, row 4).
    let screen = t.wait_for("the drill", |s| s.contains("拼音") && s.contains("zai de"));
    assert!(screen.contains("在  的"), "{screen}");
    t.wait_display("#{cursor_x},#{cursor_y}", "2,4");
    t.type_text("zai");
    t.wait_for("zai typed", |s| s.contains("3/10"));
    t.wait_display("#{cursor_x},#{cursor_y}", "6,4");
    std::thread::sleep(Duration::from_millis(300));
    // de ends the phrase; the next follows without Enter.
    t.type_text("de");
    t.wait_for("the second phrase", |s| {
        s.contains("第 2/2 句") && s.contains("hao de")
    });
    std::thread::sleep(Duration::from_millis(300));
    t.type_text("hao");
    t.wait_for("hao typed", |s| s.contains("8/10"));
    // A slip, taken back, then 的 by its second reading.
    t.type_text("x");
    t.wait_for("the slip", |s| s.contains("9/10"));
    t.key("BSpace");
    t.wait_for("the backspace", |s| s.contains("8/10"));
    std::thread::sleep(Duration::from_millis(300));
    t.type_text("di");
    let screen = t.wait_for("results", |s| s.contains("成绩") && s.contains("码长"));
    for want in [
        "拼音练习",
        "击键/分",
        "字/分",
        "击键/秒",
        "码长",
        "最慢音节",
        "已保存到练习记录",
    ] {
        assert!(screen.contains(want), "{want} missing:\n{screen}");
    }
    let shown_zpm: f64 = screen
        .lines()
        .find_map(|l| l.trim_start_matches(['│', ' ']).strip_prefix("字/分"))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no 字/分 figure:\n{screen}"));
    t.leave_results("Escape");
    assert_eq!(t.wait_exit(), "0");

    let doc = t.history();
    let s = &doc["sessions"][0];
    assert_eq!(s["mode"], "pinyin");
    assert_eq!(s["kind"], "phrases");
    assert_eq!(s["completed"], true);
    assert_eq!(s["target"], "在的\n好的");
    assert_eq!(s["typed"], "zaide\nhaodi");
    assert_eq!(
        s["readings"],
        serde_json::json!([["zai", "de"], ["hao", "di"]])
    );
    let keys: Vec<String> = s["keystrokes"]
        .as_array()
        .expect("keystrokes")
        .iter()
        .map(|k| match k["op"].as_str() {
            Some("input") => k["text"].as_str().unwrap_or("?").to_string(),
            Some(op) => format!("<{op}>"),
            None => "?".into(),
        })
        .collect();
    assert_eq!(
        keys.concat(),
        "zaidehaox<backspace>di",
        "every letter is a keystroke"
    );
    assert_eq!(
        (s["backspaces"].as_u64(), s["corrections"].as_u64()),
        (Some(1), Some(1))
    );
    // 字/分: the four 字, all right, over the session's time, as the results showed it.
    let ms = s["duration_ms"].as_f64().expect("duration");
    assert!(ms >= 900.0, "three pauses of 300 ms: {ms}");
    // The record keeps whole milliseconds and the screen one decimal: the shown figure
    // lies between the rates of `ms + 1` and `ms`, give or take the rounding.
    let (low, high) = (4.0 * 60_000.0 / (ms + 1.0), 4.0 * 60_000.0 / ms);
    assert!(
        shown_zpm >= low - 0.05 && shown_zpm <= high + 0.05,
        "字/分 shown {shown_zpm}, from the record {low:.2}–{high:.2}"
    );
    // The record keeps that 字/分 in cpm, and 击键/分 (the 12 keys: 11 letters and a
    // Backspace) in kpm.
    // (T in µs lies within the whole milliseconds kept, so each rate between two bounds.)
    let within = |rate: f64, n: f64| {
        rate >= n * 60_000.0 / (ms + 1.0) - 1e-6 && rate <= n * 60_000.0 / ms + 1e-6
    };
    let cpm = s["cpm"].as_f64().expect("cpm");
    assert!(within(cpm, 4.0), "cpm {cpm} for {ms} ms");
    let kpm = s["kpm"].as_f64().expect("kpm");
    assert!(within(kpm, 12.0), "kpm {kpm} for {ms} ms");

    // Stats: the syllables and groups, and no 字/分 best from a rate of letters.
    let out = std::process::Command::new(common::BIN)
        .arg("--data-dir")
        .arg(&t.data_dir)
        .args(["stats", "--json"])
        .output()
        .expect("kuaida runs");
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(stats["pinyin"]["sessions"], 1);
    assert_eq!(stats["drills"], serde_json::json!([]));
    let groups = stats["pinyin"]["groups"].as_array().expect("groups");
    let z = groups
        .iter()
        .find(|g| g["group"] == "z")
        .expect("zai is flat z");
    assert_eq!(
        (z["typed"].as_u64(), z["missed"].as_u64()),
        (Some(1), Some(0))
    );
}

#[test]
fn home_toggles_pinyin_practice_with_one_key() {
    let file = fixture().display().to_string();
    let Some(t) = Tmux::start("pinyin-home", &["--lang", "zh", &file]) else {
        return;
    };
    t.wait_for("home", |s| s.contains("p 拼音"));
    t.type_text("p");
    t.wait_for("pinyin on", |s| {
        s.contains("拼音练习：开") && s.contains("p 关拼音")
    });
    // The first drill (短文 亲在吗好的) starts as pinyin practice.
    t.key("Enter");
    t.wait_for("the pinyin drill", |s| s.contains("qin zai ma hao de"));
    t.key("Escape");
    t.wait_for("home again", |s| s.contains("拼音练习：开"));
    t.type_text("p");
    t.wait_for("pinyin off", |s| !s.contains("拼音练习：开"));
    t.key("Escape");
    assert_eq!(t.wait_exit(), "0");
}

#[test]
fn pinyin_on_a_quick_reply_drill_is_a_usage_error() {
    let dir = tempfile::TempDir::new().expect("tempdir");
    let out = std::process::Command::new(common::BIN)
        .arg("--data-dir")
        .arg(dir.path())
        .args([
            "--lang",
            "en",
            "drill",
            "after-sale/track-reply",
            "--pinyin",
        ])
        .output()
        .expect("kuaida runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("pinyin practice is for text and phrases drills"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}
