//! Issue 16, point 1: the teacher's pack is the reference. An exam taken on a
//! student's edited copy (same id and version) is flagged 练习包被改动 and never 达标;
//! a typo fixed in another drill is no difference; without `--pack` the installed pack
//! of that id is the reference; a forged record is graded from its recomputed figures.
#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

mod common;

use common::class::*;
use common::cli::{stderr, stdout};
use tempfile::TempDir;

/// The teacher's pack as a student edited it: the exam cut to one line, its pass
/// line brought down to nothing.
fn edited() -> String {
    let exam_text = TEACHER_PACK
        .split("text = \"\"\"")
        .nth(1)
        .and_then(|t| t.split("\"\"\"").next())
        .unwrap();
    TEACHER_PACK.replace(exam_text, "亲，您好！").replace(
        "pass = { cpm = 40, accuracy = 90.0 }",
        "pass = { cpm = 1, accuracy = 1.0 }",
    )
}

#[test]
fn an_exam_on_an_edited_pack_is_flagged_and_never_passed() {
    let tmp = TempDir::new().unwrap();
    let data = tmp.path().join("data");
    let teacher_path = write_pack(tmp.path(), "teacher.toml", TEACHER_PACK);
    let copy = pack_from(&edited());
    let teacher = teacher();
    assert_eq!(
        (copy.id.as_str(), copy.version.as_str()),
        ("class-term", "2026秋-1")
    );
    assert_ne!(copy.hash, teacher.hash);

    let cheat = student("2026001", "张三");
    let honest = student("2026002", "李四");
    let at = "2026-12-07T10:05:00+08:00";
    let class = tmp.path().join("class");
    write_doc(
        &class,
        &doc(
            &cheat,
            vec![typed(
                &copy,
                "exam",
                Hands::at(30.0),
                &cheat,
                at,
                Some("7421"),
            )],
        ),
    );
    write_doc(
        &class,
        &doc(
            &honest,
            vec![typed(
                &teacher,
                "exam",
                Hands::at(60.0),
                &honest,
                at,
                Some("7421"),
            )],
        ),
    );
    let class_arg = class.to_str().unwrap();
    let pack_arg = teacher_path.to_str().unwrap();
    let o = on_teachers_pc(
        &data,
        &["--lang", "zh", "report", class_arg, "--pack", pack_arg],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let zhang = line(&out, "张三");
    assert!(zhang.contains("练习包被改动"), "{out}");
    assert!(!zhang.contains("达标") || zhang.contains("未达标"), "{out}");
    assert!(zhang.contains("待核"), "{out}");
    let li = line(&out, "李四");
    assert!(li.contains("达标") && !li.contains("练习包被改动"), "{out}");

    // verify says why, and fails the file.
    let o = on_teachers_pc(
        &data,
        &["--lang", "zh", "verify", class_arg, "--pack", pack_arg],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(out.contains("练习包被改动 · "), "{out}");
    assert!(out.contains("练习文本与老师的练习包不同"), "{out}");
    assert!(out.contains("练习规则"), "{out}");
    assert!(
        out.contains("2026002_李四_20261207.json：1 条记录全部相符"),
        "{out}"
    );
}

#[test]
fn a_typo_fixed_in_another_drill_is_not_a_difference() {
    let tmp = TempDir::new().unwrap();
    let data = tmp.path().join("data");
    let teacher_path = write_pack(tmp.path(), "teacher.toml", TEACHER_PACK);
    // The student's copy: 祝您 written 祝你 in the closing drill, nothing else.
    let copy = pack_from(&TEACHER_PACK.replace("祝您生活愉快", "祝你生活愉快"));
    assert_ne!(copy.hash, teacher().hash);
    let who = student("2026003", "王五");
    let class = tmp.path().join("class");
    write_doc(
        &class,
        &doc(
            &who,
            vec![typed(
                &copy,
                "exam",
                Hands::at(60.0),
                &who,
                "2026-12-07T10:05:00+08:00",
                Some("7421"),
            )],
        ),
    );
    let args = [
        "--lang",
        "en",
        "verify",
        class.to_str().unwrap(),
        "--pack",
        teacher_path.to_str().unwrap(),
    ];
    let o = on_teachers_pc(&data, &args);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("all 1 sessions hold"), "{out}");
    // Said, not held against the student.
    assert!(
        out.contains("(note) the pack (version 2026秋-1) differs"),
        "{out}"
    );
    let o = on_teachers_pc(
        &data,
        &[
            "--lang",
            "en",
            "report",
            class.to_str().unwrap(),
            "--pack",
            teacher_path.to_str().unwrap(),
        ],
    );
    let out = stdout(&o);
    let row = line(&out, "王五");
    assert!(
        row.contains("passed") && !row.contains("pack changed"),
        "{out}"
    );
}

#[test]
fn without_pack_the_installed_pack_of_that_id_is_the_reference() {
    let tmp = TempDir::new().unwrap();
    let data = tmp.path().join("data");
    let teacher_path = write_pack(tmp.path(), "teacher.toml", TEACHER_PACK);
    let o = on_teachers_pc(&data, &["pack", "add", teacher_path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let copy = pack_from(&edited());
    let who = student("2026001", "张三");
    let class = tmp.path().join("class");
    write_doc(
        &class,
        &doc(
            &who,
            vec![typed(
                &copy,
                "exam",
                Hands::at(30.0),
                &who,
                "2026-12-07T10:05:00+08:00",
                None,
            )],
        ),
    );
    let o = on_teachers_pc(&data, &["--lang", "zh", "report", class.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        line(&stdout(&o), "张三").contains("练习包被改动"),
        "{}",
        stdout(&o)
    );

    // A pack of an id neither given nor installed: said once, nothing flagged.
    let other = pack_from(&TEACHER_PACK.replace("id = \"class-term\"", "id = \"elsewhere\""));
    let class2 = tmp.path().join("class2");
    write_doc(
        &class2,
        &doc(
            &who,
            vec![typed(
                &other,
                "warmup",
                Hands::at(60.0),
                &who,
                "2026-12-01T10:05:00+08:00",
                None,
            )],
        ),
    );
    let o = on_teachers_pc(&data, &["--lang", "zh", "report", class2.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("练习包 elsewhere 没有老师的版本可以比对"),
        "{}",
        stderr(&o)
    );
    assert!(
        !line(&stdout(&o), "张三").contains("练习包被改动"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_forged_record_is_graded_from_its_recomputed_figures() {
    let tmp = TempDir::new().unwrap();
    let data = tmp.path().join("data");
    // The warm-up with a pass line (so an exam: its first attempt graded).
    let text = TEACHER_PACK.replace(
        "请问有什么可以帮您？\"\n",
        "请问有什么可以帮您？\"\npass = { cpm = 30, accuracy = 90.0 }\n",
    );
    assert_ne!(text, TEACHER_PACK);
    let teacher_path = write_pack(tmp.path(), "teacher.toml", &text);
    let pack = common::class::pack_from(&text);
    let who = student("2026004", "赵六");
    // 20 字/分 typed, claimed 567.2 and passed.
    let mut s = typed(
        &pack,
        "warmup",
        Hands::at(20.0),
        &who,
        "2026-12-01T10:05:00+08:00",
        None,
    );
    let honest_cpm = kuaida::figures::Figures::of(&s).ranked_cpm().unwrap();
    assert!(s.passed == Some(false) && honest_cpm < 30.0, "{honest_cpm}");
    s.cpm = 567.2;
    s.passed = Some(true);
    let class = tmp.path().join("class");
    write_doc(&class, &doc(&who, vec![s]));
    let o = on_teachers_pc(
        &data,
        &[
            "--lang",
            "zh",
            "report",
            class.to_str().unwrap(),
            "--pack",
            teacher_path.to_str().unwrap(),
        ],
    );
    let out = stdout(&o);
    let row = line(&out, "赵六");
    assert!(row.contains("记录不符"), "{out}");
    assert!(row.contains(&format!("{honest_cpm:.1}/")), "{out}");
    assert!(!out.contains("567"), "{out}");
    assert!(!row.contains(" 达标"), "{out}");
}
