//! Issue 16, point 3: integrity across files, flagged on every student involved and
//! never resolved silently — copies (抄袭或重复), timing no hands make (疑似异常),
//! exams outside the dates (时间外), start codes (口令不符), attempts left (中途退出).
#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

mod common;

use common::class::*;
use common::cli::{stderr, stdout};
use kuaida::engine::Key;
use tempfile::TempDir;

const AT: &str = "2026-12-07T10:05:00+08:00";

fn report(data: &std::path::Path, args: &[&str]) -> String {
    let o = on_teachers_pc(data, args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    stdout(&o)
}

#[test]
fn copies_are_flagged_on_both_students_and_nobody_goes_missing() {
    let tmp = TempDir::new().unwrap();
    let data = tmp.path().join("data");
    let pack = teacher();
    let class = tmp.path().join("class");
    let [a, c] = [student("2026001", "张三"), student("2026003", "王五")];
    let a_doc = doc(
        &a,
        vec![typed(&pack, "warmup", Hands::at(50.0), &a, AT, None)],
    );
    let c_doc = doc(
        &c,
        vec![typed(&pack, "warmup", Hands::at(55.0), &c, AT, None)],
    );
    write_doc(&class, &a_doc);
    write_doc(&class, &c_doc);
    // 李四 handed in 张三's file with the names and session ids changed…
    let b = student("2026002", "李四");
    let mut b_doc = a_doc.clone();
    b_doc.student = b.clone();
    for s in &mut b_doc.sessions {
        s.student = b.clone();
        s.id = format!("{}-x", s.id);
    }
    write_doc(&class, &b_doc);
    // …赵六 王五's with only the student fields changed.
    let d = student("2026004", "赵六");
    let mut d_doc = c_doc.clone();
    d_doc.student = d.clone();
    for s in &mut d_doc.sessions {
        s.student = d.clone();
    }
    write_doc(&class, &d_doc);
    // 孙八's own honest file, at the same pace as nobody else.
    let e = student("2026005", "孙八");
    write_doc(
        &class,
        &doc(
            &e,
            vec![typed(&pack, "warmup", Hands::at(62.0), &e, AT, None)],
        ),
    );
    let roster = tmp.path().join("名单.csv");
    std::fs::write(
        &roster,
        "学号,姓名\n2026001,张三\n2026002,李四\n2026003,王五\n2026004,赵六\n2026005,孙八\n",
    )
    .unwrap();
    let out = report(
        &data,
        &[
            "--lang",
            "zh",
            "report",
            class.to_str().unwrap(),
            "--roster",
            roster.to_str().unwrap(),
            "--details",
        ],
    );
    for who in ["张三", "李四", "王五", "赵六"] {
        let row = line(&out, who);
        assert!(row.contains("已提交"), "{who}: {out}");
        assert!(row.contains("抄袭或重复"), "{who}: {out}");
        assert!(
            row.contains("待核") || !row.contains("达标"),
            "{who}: {out}"
        );
    }
    assert!(!line(&out, "孙八").contains("抄袭或重复"), "{out}");
    // Graded, not held: the warm-up has no pass line, so no verdict either way.
    assert!(!line(&out, "孙八").contains("待核"), "{out}");
    // Each side is told who the other is.
    assert!(out.contains("与李四（2026002）的"), "{out}");
    assert!(out.contains("与张三（2026001）的"), "{out}");
    assert!(out.contains("与王五（2026003）的"), "{out}");
    // verify of the folder fails both files of each pair.
    let o = on_teachers_pc(&data, &["--lang", "zh", "verify", class.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("共 5 个成绩文件：4 个有问题"),
        "{}",
        stdout(&o)
    );
}

/// `text` typed as commits of the given sizes, each `gap_us` after the one before,
/// except where `at` says otherwise: (index of the commit, its time).
fn commits_sized(
    text: &str,
    sizes: &[usize],
    gap_us: u64,
    at: &[(usize, u64)],
) -> Vec<(u64, Vec<Key>)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut t) = (0, 0);
    for (n, &size) in sizes.iter().enumerate() {
        if let Some(&(_, when)) = at.iter().find(|(k, _)| *k == n) {
            t = when;
        }
        out.push((
            t,
            chars[i..i + size].iter().map(|&c| Key::Char(c)).collect(),
        ));
        i += size;
        t += gap_us;
    }
    assert_eq!(i, chars.len(), "the sizes cover the text");
    out
}

#[test]
fn timing_no_hands_make_is_suspect() {
    let tmp = TempDir::new().unwrap();
    let data = tmp.path().join("data");
    let pack = teacher();
    let class = tmp.path().join("class");
    let teacher_path = write_pack(tmp.path(), "teacher.toml", TEACHER_PACK);
    // 伪造: an honest 80 字/分 exam with every time divided by five, figures and all.
    let forger = student("2026011", "周一");
    let kuaida::pack::DrillBody::Text { text: exam } = &*pack.drill("exam").unwrap().body else {
        panic!()
    };
    let divided: Vec<(u64, Vec<Key>)> = commits(exam, Hands::at(80.0), None)
        .into_iter()
        .map(|(t, k)| (t / 5, k))
        .collect();
    let forged = session(&pack, "exam", &divided, &forger, AT, Some("7421"));
    let forged_cpm = kuaida::figures::Figures::of(&forged).ranked_cpm().unwrap();
    assert!(
        forged_cpm > 300.0 && forged.passed == Some(true),
        "{forged_cpm}"
    );
    write_doc(&class, &doc(&forger, vec![forged]));
    // 自定义短语: 欢迎光临小橙家居 committed 0.2 s after the input before.
    let warmup = "亲，您好！欢迎光临小橙家居，请问有什么可以帮您？";
    let phrase = student("2026012", "吴二");
    let expanded = commits_sized(
        warmup,
        &[2, 3, 8, 3, 3, 5],
        1_000_000,
        &[(2, 1_200_000), (3, 2_200_000)],
    );
    write_doc(
        &class,
        &doc(
            &phrase,
            vec![session(&pack, "warmup", &expanded, &phrase, AT, None)],
        ),
    );
    // 程序输入: three pairs of commits 5 ms apart.
    let bot = student("2026013", "郑三");
    let close = commits_sized(
        warmup,
        &[2, 3, 4, 4, 3, 3, 5],
        1_000_000,
        &[
            (1, 5_000),
            (2, 1_000_000),
            (3, 1_005_000),
            (4, 2_000_000),
            (5, 2_005_000),
        ],
    );
    write_doc(
        &class,
        &doc(&bot, vec![session(&pack, "warmup", &close, &bot, AT, None)]),
    );
    // A fast, honest typist: 180 字/分 is not suspect.
    let fast = student("2026014", "王四");
    write_doc(
        &class,
        &doc(
            &fast,
            vec![typed(
                &pack,
                "exam",
                Hands::at(180.0),
                &fast,
                AT,
                Some("7421"),
            )],
        ),
    );
    let out = report(
        &data,
        &[
            "--lang",
            "zh",
            "report",
            class.to_str().unwrap(),
            "--pack",
            teacher_path.to_str().unwrap(),
            "--code",
            "7421",
            "--details",
        ],
    );
    let row = line(&out, "周一");
    assert!(row.contains("疑似异常") && row.contains("待核"), "{out}");
    assert!(!row.contains("记录不符"), "the figures add up: {out}");
    assert!(
        out.contains("秒内中文达到") && out.contains("字/分，超过 250"),
        "{out}"
    );
    assert!(line(&out, "吴二").contains("疑似异常"), "{out}");
    assert!(
        out.contains("一次上屏 8 个字，离上一个输入只有 200 毫秒"),
        "{out}"
    );
    assert!(line(&out, "郑三").contains("疑似异常"), "{out}");
    assert!(out.contains("3 对中文上屏相隔不到 15 毫秒"), "{out}");
    let row = line(&out, "王四");
    assert!(!row.contains("疑似异常") && row.contains("达标"), "{out}");
}

#[test]
fn exams_outside_the_dates_start_codes_and_attempts_left() {
    let tmp = TempDir::new().unwrap();
    let data = tmp.path().join("data");
    let pack = teacher();
    let class = tmp.path().join("class");
    let teacher_path = write_pack(tmp.path(), "teacher.toml", TEACHER_PACK);
    let hands = Hands::at(60.0);
    // At home the evening before, then in class: the home attempt is 时间外 and left
    // out; the class attempt counts.
    let early = student("2026021", "钱一");
    let in_class = typed(&pack, "exam", Hands::at(45.0), &early, AT, Some("7421"));
    let in_class_cpm = kuaida::figures::Figures::of(&in_class)
        .ranked_cpm()
        .unwrap();
    write_doc(
        &class,
        &doc(
            &early,
            vec![
                typed(
                    &pack,
                    "exam",
                    hands,
                    &early,
                    "2026-12-06T20:00:00+08:00",
                    Some("7421"),
                ),
                in_class,
                // Practice a week before is no exam: left out, not flagged.
                typed(
                    &pack,
                    "warmup",
                    hands,
                    &early,
                    "2026-12-01T10:00:00+08:00",
                    None,
                ),
            ],
        ),
    );
    let wrong = student("2026022", "钱二");
    let none = student("2026023", "钱三");
    let wide = student("2026024", "钱四");
    for (who, code) in [
        (&wrong, Some("1234")),
        (&none, None),
        (&wide, Some("７４２１")),
    ] {
        write_doc(
            &class,
            &doc(who, vec![typed(&pack, "exam", hands, who, AT, code)]),
        );
    }
    // Left after three 字.
    let left = student("2026025", "钱五");
    let kuaida::pack::DrillBody::Text { text: exam } = &*pack.drill("exam").unwrap().body else {
        panic!()
    };
    let three = commits(
        exam,
        Hands {
            per_commit: 1,
            gap_us: 600_000,
            slip_every: 0,
            seed: 0,
        },
        Some(3),
    );
    write_doc(
        &class,
        &doc(
            &left,
            vec![session(&pack, "exam", &three, &left, AT, Some("7421"))],
        ),
    );
    let o = on_teachers_pc(
        &data,
        &[
            "--lang",
            "zh",
            "report",
            class.to_str().unwrap(),
            "--pack",
            teacher_path.to_str().unwrap(),
            "--from",
            "2026-12-07 10:00",
            "--to",
            "2026-12-07 10:45",
            "--code",
            "7421",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let (out, err) = (stdout(&o), stderr(&o));
    let row = line(&out, "钱一");
    assert!(row.contains("时间外"), "{out}");
    let counted = format!("考 {in_class_cpm:.1}/");
    assert!(row.contains(&counted), "the class attempt counts: {out}");
    assert!(
        err.contains("2 条记录不在 --from/--to 之内，没有计入成绩"),
        "{err}"
    );
    assert!(line(&out, "钱二").contains("口令不符"), "{out}");
    assert!(line(&out, "钱三").contains("口令不符"), "{out}");
    let row = line(&out, "钱四");
    assert!(!row.contains("口令不符") && row.contains("达标"), "{out}");
    let row = line(&out, "钱五");
    assert!(row.contains("考 中途退出 → 中途退出 未达标"), "{out}");
    assert!(row.contains("中途退出"), "{out}");
    assert!(!row.contains("待核"), "{out}");
    // Without --code the codes are not checked, and that is said.
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
    assert!(
        stderr(&o).contains("要求开始口令，但没有给出 --code"),
        "{}",
        stderr(&o)
    );
    assert!(
        line(&stdout(&o), "钱三").contains("口令不符"),
        "no code typed at all: {}",
        stdout(&o)
    );
    assert!(
        !line(&stdout(&o), "钱二").contains("口令不符"),
        "{}",
        stdout(&o)
    );
}
