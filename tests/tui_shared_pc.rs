//! Exams and shared lab PCs in a real terminal (tmux), as students taking turns see
//! them: one Esc in an exam only asks (an input method's Esc must not end it), and the
//! next class's student is asked whether they are the one set on the PC.

mod common;

use common::cli::kuaida_ok;
use common::results::{import, session_lasting};
use common::{Opts, Tmux};
use std::path::{Path, PathBuf};

fn exam_pack() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tui/exam.toml")
        .display()
        .to_string()
}

fn start(test: &str, data: &Path, args: &[&str]) -> Option<Tmux> {
    Tmux::start_with(
        test,
        args,
        Opts {
            data_dir: Some(data.to_path_buf()),
            ..Opts::default()
        },
    )
}

fn with_student(tmp: &Path, id: &str, name: &str) -> PathBuf {
    let data = tmp.join("data");
    kuaida_ok(&data, &["config", "set", "student.id", id]);
    kuaida_ok(&data, &["config", "set", "student.name", name]);
    data
}

#[test]
fn one_esc_in_an_exam_asks_and_typing_goes_on() {
    let tmp = tempfile::TempDir::new().expect("tempdir");
    let data = with_student(tmp.path(), "2026010", "孙八");
    let pack = exam_pack();
    let Some(t) = start(
        "pcexamesc",
        &data,
        &["--lang", "zh", "drill", "--file", &pack, "midterm"],
    ) else {
        return;
    };
    t.wait_for("the rules", |s| s.contains("考生：孙八（2026010）"));
    t.key("Enter");
    t.wait_for("the drill", |s| s.contains("0/23"));
    t.type_text("亲，");
    t.wait_for("two typed", |s| s.contains("2/23"));
    t.key("Escape");
    t.wait_for("the question", |s| {
        s.contains("离开考试") && s.contains("其他键继续考试")
    });
    // Another key goes on; it is not typed.
    t.type_text("x");
    t.wait_for("back to the exam", |s| {
        !s.contains("离开考试") && s.contains("2/23")
    });
    t.type_text("今天");
    t.wait_for("typing goes on", |s| s.contains("4/23"));
    // Esc, then Esc again: left, and saved as not completed.
    t.key("Escape");
    t.wait_for("asked again", |s| s.contains("离开考试"));
    t.key("Escape");
    assert_eq!(t.wait_exit(), "0");
    let doc = t.history();
    let s = doc["sessions"].as_array().expect("sessions");
    assert_eq!(s.len(), 1);
    assert_eq!(s[0]["completed"], false);
    assert_eq!(s[0]["typed"], "亲，今天");
    assert_eq!(s[0]["student"]["name"], "孙八");
}

#[test]
fn the_next_class_is_asked_whether_it_is_the_student_set_and_switches() {
    let tmp = tempfile::TempDir::new().expect("tempdir");
    let data = with_student(tmp.path(), "2026001", "张三");
    // 张三 practised two hours ago.
    let two_hours_ago = chrono::Local::now() - chrono::Duration::hours(2);
    let mut s = session_lasting(
        "old-1",
        &two_hours_ago.format("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        60_000,
    );
    s["student"] = serde_json::json!({ "id": "2026001", "name": "张三" });
    import(&data, vec![s]);
    let Some(t) = start("pcwho", &data, &["--lang", "zh"]) else {
        return;
    };
    t.wait_for("the question", |s| {
        s.contains("你是 张三（2026001） 吗") && s.contains("n 不是，换成我")
    });
    t.key("n");
    t.wait_for("an empty form", |s| {
        s.contains("换学生") && s.contains("学号")
    });
    t.type_text("2026002");
    t.key("Enter");
    t.type_text("李四");
    t.key("Enter");
    let home = t.wait_for("李四 at home", |s| s.contains("学员：李四（2026002）"));
    assert!(!home.contains("你是"), "{home}");
    // 张三's session is not 李四's: the history shows none until `a`.
    t.key("h");
    let list = t.wait_for("the history", |s| s.contains("快打 · 历史记录"));
    assert!(!list.contains("打字基础"), "{list}");
    t.key("Escape");
    t.wait_for("home", |s| s.contains("学员：李四"));
    t.key("a");
    t.wait_for("everyone", |s| s.contains("显示全部学生"));
    t.key("h");
    t.wait_for("everyone's history", |s| {
        s.contains("快打 · 历史记录") && s.contains("打字基础")
    });
}
