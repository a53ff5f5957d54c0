//! Students on a shared PC, in a real terminal (tmux): `u` switches student and the next
//! sessions are theirs; `e` asks for 学号 and 姓名 when none is set, then exports; with
//! `export.dir` set the export is written there on quit.

mod common;

use common::cli::kuaida_ok;
use common::{Opts, Tmux};
use std::path::{Path, PathBuf};
use std::time::Duration;
use tempfile::TempDir;
use unicode_width::UnicodeWidthStr;

fn exam_pack() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tui/exam.toml")
        .display()
        .to_string()
}

/// A data dir prepared before the trainer starts (settings already written).
fn data_dir(settings: &[(&str, &str)]) -> (TempDir, PathBuf) {
    let tmp = TempDir::new().expect("tempdir");
    let data = tmp.path().join("data");
    for (k, v) in settings {
        kuaida_ok(&data, &["config", "set", k, v]);
    }
    (tmp, data)
}

fn start(test: &str, data: &Path) -> Option<Tmux> {
    let pack = exam_pack();
    Tmux::start_with(
        test,
        &["--lang", "zh", &pack],
        Opts {
            data_dir: Some(data.to_path_buf()),
            stderr_to_file: true,
            ..Opts::default()
        },
    )
}

/// From home, with the warm-up drill of the exam pack chosen: type it and come back.
fn practise_warmup(t: &Tmux) {
    t.wait_for("the drill", |s| {
        s.contains("考前热身") && s.contains("0/11")
    });
    t.type_text("好的亲，马上");
    t.wait_for("six typed", |s| s.contains("6/11"));
    std::thread::sleep(Duration::from_millis(50));
    t.type_text("为您安排。");
    t.wait_for("results", |s| s.contains("成绩"));
    t.leave_results("Escape");
    t.wait_for("home", |s| s.contains("u 换学生"));
}

fn choose_warmup(t: &Tmux) {
    t.wait_for("home", |s| s.contains("考前热身"));
    t.key("Down");
    t.key("Enter");
}

fn today() -> String {
    chrono::Local::now().format("%Y%m%d").to_string()
}

fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap_or_else(|e| panic!("{path:?}: {e}")))
        .expect("json")
}

#[test]
fn sessions_after_a_switch_belong_to_the_new_student() {
    let (_tmp, data) = data_dir(&[("student.id", "2026001"), ("student.name", "张三")]);
    let Some(t) = start("switch", &data) else {
        return;
    };
    t.wait_for("home", |s| s.contains("学员：张三（2026001）"));
    choose_warmup(&t);
    practise_warmup(&t);

    t.key("u");
    t.wait_for("the form", |s| s.contains("换学生") && s.contains("学号"));
    // The form holds the current student: clear it and type the next one.
    for _ in 0..8 {
        t.key("BSpace");
    }
    t.type_text("2026002");
    t.key("Tab");
    for _ in 0..3 {
        t.key("BSpace");
    }
    t.type_text("李四");
    t.key("Enter");
    t.wait_for("the new student", |s| s.contains("学员：李四（2026002）"));
    assert_eq!(
        kuaida_ok(&data, &["config", "get", "student.id"]).trim(),
        "2026002"
    );

    t.key("Enter");
    practise_warmup(&t);
    t.key("Escape");
    assert_eq!(t.wait_exit(), "0");

    let doc = t.history();
    let sessions = doc["sessions"].as_array().expect("sessions");
    assert_eq!(sessions.len(), 2);
    assert_eq!(sessions[0]["student"]["id"], "2026002");
    assert_eq!(sessions[0]["student"]["name"], "李四");
    assert_eq!(sessions[1]["student"]["id"], "2026001");
    assert_eq!(sessions[1]["student"]["name"], "张三");
    // The CLI export follows the student now set: only 李四's session.
    let export: serde_json::Value =
        serde_json::from_str(&kuaida_ok(&data, &["export"])).expect("json");
    let ids: Vec<&serde_json::Value> = export["sessions"]
        .as_array()
        .expect("sessions")
        .iter()
        .map(|s| &s["student"]["id"])
        .collect();
    assert_eq!(ids, ["2026002"]);
}

#[test]
fn export_from_home_asks_who_first_then_says_where_the_file_went() {
    let (tmp, data) = data_dir(&[]);
    let out = tmp.path().join("交作业");
    kuaida_ok(
        &data,
        &["config", "set", "export.dir", &out.display().to_string()],
    );
    let Some(t) = start("tuiexport", &data) else {
        return;
    };
    t.wait_for("home", |s| s.contains("学员：未设置学生"));
    choose_warmup(&t);
    practise_warmup(&t);

    t.key("e");
    t.wait_for("the form", |s| s.contains("导出前请填写学号和姓名"));
    t.key("Enter");
    t.key("Enter");
    t.wait_for("what is missing", |s| s.contains("请填写学号和姓名"));
    t.type_text("2026003");
    t.key("Enter");
    t.type_text("王五");
    let screen = t.wait_for("the name", |s| s.contains("姓名  王五"));
    // The real cursor sits right after the name, where an input method opens.
    let (row, line) = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("姓名  王五"))
        .expect("the name row");
    let col = line[..line.find("王五").expect("王五")].width() + 4;
    t.wait_display("#{cursor_x},#{cursor_y}", &format!("{col},{row}"));
    t.key("Enter");
    // The warm-up was practised before anyone registered: 王五 is asked, says yes.
    t.wait_for("the question", |s| {
        s.contains("这些练习是你的吗") && s.contains("有 1 次练习")
    });
    t.key("y");
    let name = format!("2026003_王五_{}.json", today());
    let screen = t.wait_for("the notice", |s| s.contains("已导出到"));
    assert!(screen.contains(&name), "{screen}");
    assert!(screen.contains("学员：王五（2026003）"), "{screen}");

    let doc = read_json(&out.join(&name));
    assert_eq!(doc["format"], "kuaida-results");
    assert_eq!(doc["student"]["id"], "2026003");
    assert_eq!(doc["student"]["name"], "王五");
    assert_eq!(doc["sessions"].as_array().expect("sessions").len(), 1);
    assert_eq!(doc["sessions"][0]["drill"], "warmup");
    assert_eq!(
        kuaida_ok(&data, &["config", "get", "student.name"]).trim(),
        "王五"
    );

    // Esc on the form cancels: nothing changes.
    t.key("u");
    t.wait_for("the form", |s| s.contains("换学生"));
    t.type_text("x");
    t.key("Escape");
    t.wait_for("the form gone", |s| !s.contains("Tab 换栏"));
    t.key("Escape");
    assert_eq!(t.wait_exit(), "0");
    assert_eq!(
        kuaida_ok(&data, &["config", "get", "student.id"]).trim(),
        "2026003"
    );
}

#[test]
fn export_dir_gets_the_students_file_on_quit() {
    let (tmp, data) = data_dir(&[("student.id", "2026004"), ("student.name", "赵六")]);
    let out = tmp.path().join("U盘");
    kuaida_ok(
        &data,
        &["config", "set", "export.dir", &out.display().to_string()],
    );
    let Some(t) = start("quitexport", &data) else {
        return;
    };
    choose_warmup(&t);
    practise_warmup(&t);
    t.key("Escape");
    assert_eq!(t.wait_exit(), "0");

    let path = out.join(format!("2026004_赵六_{}.json", today()));
    let doc = read_json(&path);
    assert_eq!(doc["student"]["name"], "赵六");
    let sessions = doc["sessions"].as_array().expect("sessions");
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0]["typed"], "好的亲，马上为您安排。");
    assert_eq!(sessions[0]["student"]["id"], "2026004");
    // The file is what `kuaida export` writes, and verify accepts it.
    kuaida_ok(&data, &["verify", &path.display().to_string()]);
    let said = t.stderr();
    assert!(
        said.contains("已导出到") && said.contains("2026004_赵六_"),
        "{said}"
    );
}

#[test]
fn an_export_dir_that_cannot_be_written_is_reported_and_nothing_is_lost() {
    let (tmp, data) = data_dir(&[("student.id", "2026005"), ("student.name", "钱七")]);
    // A file where the folder should be (a USB stick's letter now taken by a file).
    let blocked = tmp.path().join("blocked");
    std::fs::write(&blocked, "不是文件夹").expect("file");
    let wanted = blocked.join("sub");
    kuaida_ok(
        &data,
        &["config", "set", "export.dir", &wanted.display().to_string()],
    );
    let Some(t) = start("quitfail", &data) else {
        return;
    };
    choose_warmup(&t);
    practise_warmup(&t);
    t.key("Escape");
    assert_eq!(t.wait_exit(), "0");
    // Nothing is lost: the export went into the data dir instead, and stderr says so.
    let name = format!("2026005_钱七_{}.json", today());
    let doc = read_json(&data.join(&name));
    assert_eq!(doc["sessions"].as_array().map(Vec::len), Some(1));
    let said = t.stderr();
    assert!(said.contains("写不进去") && said.contains(&name), "{said}");
    assert!(!said.contains("panicked"), "{said}");
}
