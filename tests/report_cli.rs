//! `kuaida report` on a folder and on a zip, with a roster.
#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tempfile::TempDir;

fn fixture() -> serde_json::Value {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/results/two_sessions.json");
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// The fixture's sessions as another student's, with their own ids.
fn student_doc(name: &str, id: &str, tamper: bool) -> Vec<u8> {
    let mut doc = fixture();
    doc["student"] = serde_json::json!({"name": name, "id": id});
    for s in doc["sessions"].as_array_mut().unwrap() {
        let sid = format!("{}-{id}", s["id"].as_str().unwrap());
        s["id"] = sid.into();
        s["student"] = serde_json::json!({"name": name, "id": id});
        if tamper && s["kind"] == "text" {
            s["cpm"] = serde_json::json!(999.0);
        }
    }
    serde_json::to_vec_pretty(&doc).unwrap()
}

/// The teacher's copy of the fixture's typing pack: the drill the exports were made on.
const TEACHER_PACK: &str = r#"[pack]
id = "typing-basics"
title = "打字基础"
version = "1"

[[drill]]
id = "greet-text"
title = "迎接问好 · 跟打"
kind = "text"
text = "亲，在"
time_limit = 120
pass = { cpm = 60, accuracy = 70.0 }
"#;

/// `kuaida --lang zh --data-dir (a fresh one) --pack (the teacher's) ARGS`.
fn kuaida(args: &[&std::ffi::OsStr]) -> Output {
    let data = TempDir::new().unwrap();
    let pack = data.path().join("teacher.toml");
    std::fs::write(&pack, TEACHER_PACK).unwrap();
    Command::new(env!("CARGO_BIN_EXE_kuaida"))
        .args(["--lang", "zh", "--data-dir"])
        .arg(data.path())
        .args(args)
        .arg("--pack")
        .arg(&pack)
        .env_remove("KUAIDA_DATA_DIR")
        .output()
        .unwrap()
}

fn roster(dir: &Path) -> PathBuf {
    // GBK, as Excel on Chinese Windows saves "CSV".
    let text = "学号,姓名\r\n2026001,张三\r\n2026002,=李四\r\n2026003,王五\r\n";
    let text = text.replace("=李四", "李四");
    let (bytes, _, _) = encoding_rs::GBK.encode(&text);
    let path = dir.join("roster.csv");
    std::fs::write(&path, bytes).unwrap();
    path
}

fn check_table(out: &str) {
    let line = |who: &str| {
        out.lines()
            .find(|l| l.contains(who))
            .unwrap_or("")
            .to_string()
    };
    assert!(line("张三").contains("已提交"), "{out}");
    assert!(line("李四").contains("已提交"), "{out}");
    assert!(line("王五").contains("未提交"), "{out}");
    // The doctored export is flagged, the honest one not.
    assert!(line("张三").contains("1: 记录不符"), "{out}");
    assert!(!line("李四").contains("记录不符"), "{out}");
    assert!(!out.contains("练习包被改动"), "{out}");
    assert!(out.contains("typing-basics/greet-text"), "{out}");
    assert!(!out.contains('\u{1b}'));
    // Each student's two sessions counted once, though one file is there twice.
    assert!(line("李四").contains("  2  "), "{out}");
}

#[test]
fn a_folder_with_a_roster_and_a_duplicate() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("收作业");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(
        dir.join("2026001_张三.json"),
        student_doc("张三", "2026001", true),
    )
    .unwrap();
    let li = student_doc("李四", "2026002", false);
    std::fs::write(dir.join("sub/2026002_李四.json"), &li).unwrap();
    std::fs::write(dir.join("2026002_李四(1).json"), &li).unwrap();
    std::fs::write(dir.join("broken.json"), b"{\"format\": \x1b[2J").unwrap();
    std::fs::write(dir.join("notes.txt"), b"ignored").unwrap();
    let roster = roster(tmp.path());
    let o = kuaida(&[
        "report".as_ref(),
        dir.as_os_str(),
        "--roster".as_ref(),
        roster.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8(o.stdout).unwrap();
    let err = String::from_utf8(o.stderr).unwrap();
    check_table(&out);
    assert!(err.contains("broken.json"), "{err}");
    assert!(!err.contains('\u{1b}'), "{err:?}");
    // Every file not read is named (issue 16), even one that was never a results file.
    assert!(err.contains("notes.txt: 不是成绩文件"), "{err}");
}

#[test]
fn a_zip_as_an_lms_hands_it_out_and_csv() {
    let tmp = TempDir::new().unwrap();
    let zip_path = tmp.path().join("作业.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in [
        (
            "作业/张三/2026001_张三.json",
            student_doc("张三", "2026001", true),
        ),
        (
            "作业/李四/2026002_李四.json",
            student_doc("李四", "2026002", false),
        ),
        (
            "作业/李四/again.json",
            student_doc("李四", "2026002", false),
        ),
        ("__MACOSX/._x.json", b"junk".to_vec()),
        ("作业/readme.txt", b"hello".to_vec()),
    ] {
        zip.start_file(name, opts).unwrap();
        zip.write_all(&bytes).unwrap();
    }
    zip.finish().unwrap();
    let roster = roster(tmp.path());
    let o = kuaida(&[
        "report".as_ref(),
        zip_path.as_os_str(),
        "--roster".as_ref(),
        roster.as_os_str(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = String::from_utf8(o.stdout).unwrap();
    check_table(&out);
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(err.matches("警告").count(), 1, "{err}");
    assert!(err.contains("作业/readme.txt: 不是成绩文件"), "{err}");

    let o = kuaida(&[
        "report".as_ref(),
        zip_path.as_os_str(),
        "--roster".as_ref(),
        roster.as_os_str(),
        "--format".as_ref(),
        "csv".as_ref(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(o.stdout).unwrap();
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header = r.headers().unwrap().clone();
    assert_eq!(&header[0], "学号");
    assert_eq!(header.iter().next_back(), Some("成绩"));
    let rows: Vec<csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(&rows[2][2], "未提交");
    assert!(rows.iter().all(|r| r.iter().next_back() == Some("")));
    assert!(text.contains("\r\n"));

    let file = tmp.path().join("成绩.csv");
    let o = kuaida(&[
        "report".as_ref(),
        zip_path.as_os_str(),
        "--format".as_ref(),
        "csv".as_ref(),
        "--out".as_ref(),
        file.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty());
    assert!(std::fs::read(&file).unwrap().starts_with(b"\xEF\xBB\xBF"));
}

#[test]
fn zip_limits_and_nothing_readable() {
    let tmp = TempDir::new().unwrap();
    let zip_path = tmp.path().join("many.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..10_001 {
        zip.start_file(format!("{i}.json"), opts).unwrap();
    }
    zip.finish().unwrap();
    let o = kuaida(&["report".as_ref(), zip_path.as_os_str()]);
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("10001"), "{err}");
    assert_eq!(o.status.code(), Some(2), "{err}");

    let o = kuaida(&["report".as_ref(), tmp.path().join("missing").as_os_str()]);
    assert_eq!(o.status.code(), Some(2));
    let fake = tmp.path().join("fake.zip");
    std::fs::write(&fake, b"PK\x03\x04garbage").unwrap();
    let o = kuaida(&["report".as_ref(), fake.as_os_str()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8(o.stderr).unwrap().contains("zip"));
}
