//! An exam with `start_code = true` in a real terminal (tmux): the rules screen asks for
//! the code the teacher announced, with the terminal's cursor after the digits typed;
//! Enter waits for it; the record keeps it, and `report --code` tells the right code
//! from a wrong one.

mod common;

use common::cli::kuaida_ok;
use common::{BIN, Opts, Tmux};
use std::path::Path;
use std::process::Command;

#[test]
fn the_rules_ask_for_the_start_code_and_report_checks_it() {
    let tmp = tempfile::TempDir::new().expect("tempdir");
    let data = tmp.path().join("data");
    kuaida_ok(&data, &["config", "set", "student.id", "2026011"]);
    kuaida_ok(&data, &["config", "set", "student.name", "周九"]);
    let pack = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui/start_code.toml");
    let pack = pack.display().to_string();
    let Some(t) = Tmux::start_with(
        "start-code",
        &["--lang", "zh", "drill", "--file", &pack, "quiz"],
        Opts {
            data_dir: Some(data.clone()),
            ..Opts::default()
        },
    ) else {
        return;
    };
    let rules = t.wait_for("the rules", |s| s.contains("开始口令："));
    assert!(rules.contains("老师在课上宣布的开始口令"), "{rules}");
    // Enter first: still the rules, saying what is missing.
    t.key("Enter");
    t.wait_for("the reminder", |s| s.contains("请先输入"));
    t.type_text("7421");
    let shown = t.wait_for("the code", |s| s.contains("开始口令：7421"));
    // The cursor sits right after the digits.
    let row = shown
        .lines()
        .position(|l| l.contains("开始口令：7421"))
        .expect("the code's row");
    let line = shown.lines().nth(row).unwrap_or("");
    let before = &line[..line.find("开始口令：7421").unwrap_or(0)];
    let col = unicode_width::UnicodeWidthStr::width(before)
        + unicode_width::UnicodeWidthStr::width("开始口令：7421");
    t.wait_display("#{cursor_y}", &row.to_string());
    t.wait_display("#{cursor_x}", &col.to_string());
    t.key("Enter");
    t.wait_for("the drill", |s| s.contains("0/5"));
    t.type_like_a_person("亲，在的。");
    t.wait_for("results", |s| s.contains("成绩") && s.contains("再练一次"));
    t.leave_results("Escape");
    assert_eq!(t.wait_exit(), "0");
    assert_eq!(t.history()["sessions"][0]["start_code"], "7421");

    // The teacher's side: the right code passes, a wrong one is flagged.
    let out = tmp.path().join("收作业");
    std::fs::create_dir_all(&out).expect("dir");
    let export = Command::new(BIN)
        .arg("--data-dir")
        .arg(&data)
        .args(["export", "--out", &out.display().to_string()])
        .output()
        .expect("export runs");
    assert!(export.status.success());
    let report = |code: &str| {
        kuaida_ok(
            &data,
            &[
                "--lang",
                "zh",
                "report",
                &out.display().to_string(),
                "--pack",
                &pack,
                "--code",
                code,
            ],
        )
    };
    let right = report("7421");
    assert!(!right.contains("口令不符"), "{right}");
    let wrong = report("1111");
    assert!(wrong.contains("口令不符"), "{wrong}");
}
