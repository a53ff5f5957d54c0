//! Issue 16, done when: a class of 40 exports — some tampered, copied, forged, late,
//! left midway, on an edited pack, exported as CSV — zipped as 超星 delivers them
//! (one folder per student) gives one `report --roster --pack` table that flags each
//! case on the right students and grades the rest from recomputed figures.
//!
//! Every session is typed through the engine on the teacher's pack and saved by the
//! engine's record builder; every file is what `kuaida export` writes from the
//! student's own data dir, tampered with afterwards where the case says so.
//! `KUAIDA_KEEP_CLASS=DIR` keeps the zip, roster and pack, to try them by hand.
#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

mod common;

use common::class::*;
use common::cli::{stderr, stdout};
use kuaida::engine::Key;
use kuaida::figures::{Body, Figures};
use kuaida::record::{ResultsDoc, SessionRecord, Student};
use tempfile::TempDir;

const NAMES: [&str; 40] = [
    "陈静", "李强", "王芳", "张伟", "刘洋", "杨敏", "赵磊", "黄丽", "周杰", "吴霞", "徐涛", "孙悦",
    "马超", "朱琳", "胡斌", "郭婷", "何勇", "高燕", "林峰", "罗娜", "郑凯", "梁爽", "谢晨", "宋佳",
    "唐亮", "许诺", "韩雪", "冯刚", "邓洁", "曹阳", "彭博", "曾琪", "肖鹏", "田甜", "董浩", "潘玉",
    "袁飞", "蒋欣", "蔡明", "余晖",
];

/// What each student did.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Case {
    Honest,
    /// A figure raised in the file.
    RaisedFigure,
    /// A slip's keystroke taken out of the file.
    RemovedKey,
    /// Another student's file, names and session ids changed.
    CopiedIdsChanged(usize),
    /// Another student's file, only the student changed.
    CopiedNamesOnly(usize),
    /// Times divided by five, figures recomputed to match.
    DividedTimes,
    /// A custom phrase of the input method expanding.
    Expansion,
    /// Everything after the due dates.
    Late,
    /// Left the exam after three 字.
    Left,
    /// The exam on an edited copy of the pack.
    EditedPack,
    /// Handed in the CSV export.
    Csv,
    /// Typed another start code.
    WrongCode,
    /// Handed in nothing.
    Missing,
    /// Handed in a zip of the export.
    Zipped,
    /// Handed in a RAR of the export.
    Rar,
}

fn case(i: usize) -> Case {
    match i {
        0 => Case::RaisedFigure,
        1 => Case::RemovedKey,
        2 => Case::CopiedIdsChanged(3),
        4 => Case::CopiedNamesOnly(5),
        6 => Case::DividedTimes,
        7 => Case::Expansion,
        8 | 9 => Case::Late,
        10 => Case::Left,
        11 => Case::EditedPack,
        12 => Case::Csv,
        13 => Case::WrongCode,
        14 => Case::Missing,
        15 => Case::Zipped,
        16 => Case::Rar,
        _ => Case::Honest,
    }
}

fn who(i: usize) -> Student {
    student(&format!("2026{:03}", i + 1), NAMES[i])
}

/// The student's sessions: two warm-ups in the first week, the exam in class (10:0x
/// on the 7th, with the code), each as the case has it.
fn sessions(
    i: usize,
    teacher: &kuaida::pack::Pack,
    edited: &kuaida::pack::Pack,
) -> Vec<SessionRecord> {
    let s = who(i);
    let c = case(i);
    let speed = 28.0 + (i as f64 * 7.0) % 60.0;
    let late = c == Case::Late;
    let (w1, w2, exam_at) = if late {
        (
            "2026-12-08T19:00:00+08:00",
            "2026-12-09T19:00:00+08:00",
            "2026-12-07T14:30:00+08:00",
        )
    } else {
        (
            "2026-12-02T19:00:00+08:00",
            "2026-12-04T19:00:00+08:00",
            "2026-12-07T10:05:00+08:00",
        )
    };
    let warmups = [
        typed(teacher, "warmup", Hands::at(speed * 0.8), &s, w1, None),
        typed(teacher, "warmup", Hands::at(speed), &s, w2, None),
    ];
    let kuaida::pack::DrillBody::Text { text: exam } = &*teacher.drill("exam").unwrap().body else {
        panic!()
    };
    // The late ones pass the exam, after the due time.
    let mut hands = Hands::at(if late { 65.0 } else { speed });
    hands.seed = seed_of(&s, exam_at);
    let exam_session = match c {
        Case::DividedTimes => {
            let divided: Vec<(u64, Vec<Key>)> = commits(exam, Hands::at(80.0), None)
                .into_iter()
                .map(|(t, k)| (t / 5, k))
                .collect();
            session(teacher, "exam", &divided, &s, exam_at, Some("7421"))
        }
        Case::Expansion => {
            // 这款保温杯现在有货 (9 字) arrives 0.1 s after the input before it.
            let chars: Vec<char> = exam.chars().collect();
            let at = chars.iter().position(|&c| c == '这').unwrap();
            let before: String = chars[..at].iter().collect();
            let after: String = chars[at + 9..].iter().collect();
            let mut keys = commits(&before, hands, None);
            let t = keys.last().unwrap().0 + 100_000;
            keys.push((t, chars[at..at + 9].iter().map(|&c| Key::Char(c)).collect()));
            keys.extend(
                commits(&after, hands, None)
                    .into_iter()
                    .map(|(x, k)| (x + t + 1_000_000, k)),
            );
            session(teacher, "exam", &keys, &s, exam_at, Some("7421"))
        }
        Case::Left => session(
            teacher,
            "exam",
            &commits(exam, hands, Some(3)),
            &s,
            exam_at,
            Some("7421"),
        ),
        Case::EditedPack => typed(edited, "exam", hands, &s, exam_at, Some("7421")),
        Case::WrongCode => typed(teacher, "exam", hands, &s, exam_at, Some("1111")),
        _ => typed(teacher, "exam", hands, &s, exam_at, Some("7421")),
    };
    let mut all = warmups.to_vec();
    all.push(exam_session);
    all
}

/// The exam's cell as the table must show it: its recomputed 字/分 and accuracy.
fn exam_cell(s: &SessionRecord) -> String {
    let f = Figures::of(s);
    let Body::Typing(t) = &f.body else { panic!() };
    format!("考 {:.1}/{:.0}%", t.cpm, t.accuracy)
}

fn edited_pack_text() -> String {
    TEACHER_PACK
        .replace("杯身是三百零四不锈钢，保温十二个小时没有问题。\n", "")
        .replace(
            "pass = { cpm = 40, accuracy = 90.0 }",
            "pass = { cpm = 1, accuracy = 1.0 }",
        )
}

#[test]
fn a_class_of_forty_zipped_as_chaoxing_delivers_it() {
    let tmp = TempDir::new().unwrap();
    let data = tmp.path().join("teacher-data");
    let teacher = teacher();
    let edited = pack_from(&edited_pack_text());
    assert_eq!(
        (edited.id.as_str(), edited.version.as_str()),
        (teacher.id.as_str(), teacher.version.as_str())
    );
    let exports = tmp.path().join("exports");
    let work = tmp.path().join("work");

    // Every student's export, as kuaida writes it.
    let mut docs: Vec<ResultsDoc> = Vec::new();
    let mut files: Vec<Option<std::path::PathBuf>> = Vec::new();
    for i in 0..40 {
        let d = doc(&who(i), sessions(i, &teacher, &edited));
        let out = exports.join(format!("{i:02}"));
        let format = if case(i) == Case::Csv { "csv" } else { "json" };
        files.push((case(i) != Case::Missing).then(|| export(&work, &d, format, &out)));
        docs.push(d);
    }
    // The cases that are made after the export, on the file.
    let read = |p: &std::path::Path| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap()
    };
    let write = |p: &std::path::Path, v: &serde_json::Value| {
        std::fs::write(p, serde_json::to_vec_pretty(v).unwrap()).unwrap()
    };
    for i in 0..40 {
        let Some(path) = files[i].clone() else {
            continue;
        };
        match case(i) {
            Case::RaisedFigure => {
                let mut v = read(&path);
                for s in v["sessions"].as_array_mut().unwrap() {
                    if s["drill"] == "exam" {
                        s["cpm"] = serde_json::json!(s["cpm"].as_f64().unwrap() * 2.0);
                    }
                }
                write(&path, &v);
            }
            Case::RemovedKey => {
                let mut v = read(&path);
                let exam = v["sessions"]
                    .as_array_mut()
                    .unwrap()
                    .iter_mut()
                    .find(|s| s["drill"] == "exam")
                    .unwrap();
                let keys = exam["keystrokes"].as_array_mut().unwrap();
                let slip = keys.iter().position(|k| k["ok"] == false).unwrap();
                keys.remove(slip);
                write(&path, &v);
            }
            Case::CopiedIdsChanged(from) | Case::CopiedNamesOnly(from) => {
                let mut v = read(files[from].as_ref().unwrap());
                let me = serde_json::to_value(who(i)).unwrap();
                v["student"] = me.clone();
                for s in v["sessions"].as_array_mut().unwrap() {
                    s["student"] = me.clone();
                    if matches!(case(i), Case::CopiedIdsChanged(_)) {
                        s["id"] = serde_json::json!(format!("{}-copy", s["id"].as_str().unwrap()));
                    }
                }
                write(&path, &v);
            }
            _ => {}
        }
    }
    // 超星's bulk download: one folder per student, under the assignment's name.
    let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
    for (i, path) in files.iter().enumerate() {
        let Some(path) = path else { continue };
        let s = who(i);
        let folder = format!(
            "期中考试/{}_{}",
            s.id.as_deref().unwrap(),
            s.name.as_deref().unwrap()
        );
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(path).unwrap();
        match case(i) {
            Case::Zipped => {
                let inner = tmp.path().join("inner.zip");
                zip(&inner, &[(name.clone(), bytes)]);
                entries.push((
                    format!("{folder}/{name}.zip"),
                    std::fs::read(&inner).unwrap(),
                ));
            }
            Case::Rar => {
                let mut rar = b"Rar!\x1a\x07\x01\x00".to_vec();
                rar.extend(bytes);
                entries.push((format!("{folder}/{name}.rar"), rar));
            }
            _ => entries.push((format!("{folder}/{name}"), bytes)),
        }
    }
    let class_zip = tmp.path().join("期中考试_批量下载.zip");
    zip(&class_zip, &entries);
    let roster = tmp.path().join("名单.csv");
    let mut text = String::from("学号,姓名\r\n");
    for i in 0..40 {
        let s = who(i);
        text.push_str(&format!("{},{}\r\n", s.id.unwrap(), s.name.unwrap()));
    }
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    std::fs::write(&roster, gbk).unwrap();
    let pack = write_pack(tmp.path(), "期中.toml", TEACHER_PACK);

    let o = on_teachers_pc(
        &data,
        &[
            "--lang",
            "zh",
            "report",
            class_zip.to_str().unwrap(),
            "--roster",
            roster.to_str().unwrap(),
            "--pack",
            pack.to_str().unwrap(),
            "--code",
            "7421",
        ],
    );
    let (out, err) = (stdout(&o), stderr(&o));
    assert_eq!(o.status.code(), Some(0), "{err}");
    eprintln!("{out}\n{err}");

    // Each row in roster order; each case flagged on the right students.
    let rows: Vec<&str> = out.lines().skip(1).take(40).collect();
    for (i, (row, name)) in rows.iter().zip(NAMES).enumerate() {
        assert!(row.contains(name), "row {i} is {name}: {row}");
        let flags_of = |row: &str| {
            [
                "练习包被改动",
                "记录不符",
                "抄袭或重复",
                "疑似异常",
                "时间外",
                "口令不符",
                "中途退出",
                "粘贴",
            ]
            .into_iter()
            .filter(|f| row.contains(f))
            .collect::<Vec<_>>()
        };
        let victim = (0..40).any(
            |j| matches!(case(j), Case::CopiedIdsChanged(f) | Case::CopiedNamesOnly(f) if f == i),
        );
        let expected: Vec<&str> = match case(i) {
            Case::RaisedFigure | Case::RemovedKey => vec!["记录不符"],
            Case::CopiedIdsChanged(_) | Case::CopiedNamesOnly(_) => vec!["抄袭或重复"],
            Case::DividedTimes | Case::Expansion => vec!["疑似异常"],
            Case::Left => vec!["中途退出"],
            Case::EditedPack => vec!["练习包被改动"],
            Case::WrongCode => vec!["口令不符"],
            _ if victim => vec!["抄袭或重复"],
            _ => vec![],
        };
        assert_eq!(flags_of(row), expected, "{name} ({:?}): {row}", case(i));
        match case(i) {
            Case::Csv | Case::Missing | Case::Zipped | Case::Rar => {
                assert!(row.contains("未提交"), "{name}: {row}")
            }
            _ => assert!(row.contains("已提交"), "{name}: {row}"),
        }
        // Graded from recomputed figures: the exam's first attempt as the engine
        // gives it, 达标 only for a clean pass.
        let exam = docs[i].sessions.iter().find(|s| s.drill == "exam").unwrap();
        let clean = expected.is_empty();
        match case(i) {
            Case::Honest | Case::Late if clean => {
                assert!(
                    row.contains(&exam_cell(exam)),
                    "{name}: {}\n{row}",
                    exam_cell(exam)
                );
                let verdict = if exam.passed == Some(true) {
                    "达标"
                } else {
                    "未达标"
                };
                let cell = &row[row.find("考 ").unwrap()..];
                assert!(
                    cell.split_whitespace().any(|w| w == verdict),
                    "{name}: {row}"
                );
            }
            Case::RaisedFigure | Case::RemovedKey | Case::DividedTimes | Case::Expansion => {
                assert!(
                    row.contains("待核") || row.contains("未达标"),
                    "{name}: {row}"
                );
                if case(i) == Case::RaisedFigure {
                    // The recomputed figure, never the raised one.
                    assert!(row.contains(&exam_cell(exam)), "{name}: {row}");
                }
            }
            Case::EditedPack => assert!(row.contains("待核"), "{name}: {row}"),
            Case::Left => assert!(
                row.contains("考 中途退出 → 中途退出 未达标"),
                "{name}: {row}"
            ),
            _ => {}
        }
    }
    // The late ones: the midterm 迟交 (the exam after noon on the 7th, the warm-ups
    // after the week); 吴霞's slow warm-ups reach the week's minute, late; 周杰's fast
    // ones never do.
    let cols = |i: usize| rows[i].split_whitespace().collect::<Vec<_>>();
    assert_eq!(cols(8)[5..7], ["未完成", "迟交"], "{}", rows[8]);
    assert_eq!(cols(9)[5..7], ["迟交", "迟交"], "{}", rows[9]);
    assert_eq!(
        rows[20].split_whitespace().nth(5),
        Some("完成"),
        "{}",
        rows[20]
    );
    // Every file not read is named, and what to do.
    for (i, why) in [
        (12, "这是 CSV 导出"),
        (15, "zip 里又套了 zip"),
        (16, "RAR、7z 压缩包读不了"),
    ] {
        let s = who(i);
        let folder = format!("{}_{}", s.id.unwrap(), s.name.unwrap());
        let warning = err.lines().find(|l| l.contains(&folder)).unwrap_or("");
        assert!(
            warning.starts_with("警告：") && warning.contains(why),
            "{i}: {err}"
        );
    }
    assert!(out.contains("读取 36 个成绩文件"), "{out}");

    if let Some(keep) = std::env::var_os("KUAIDA_KEEP_CLASS") {
        let keep = std::path::PathBuf::from(keep);
        std::fs::create_dir_all(&keep).unwrap();
        for f in [&class_zip, &roster, &pack] {
            std::fs::copy(f, keep.join(f.file_name().unwrap())).unwrap();
        }
    }
}
