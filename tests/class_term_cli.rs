//! Issue 16, point 4: the class and the term. Weekly zips read as one collection
//! (deduplicated by session id, ordered by time); per student the first, best and
//! latest figures and the trend; class figures per drill; a column per `[[assignment]]`
//! (完成 / 未完成 / 迟交); the CSV with the same columns, BOM, local times, Chinese
//! headers.
#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

mod common;

use common::class::*;
use common::cli::{stderr, stdout};
use kuaida::figures::Figures;
use kuaida::record::SessionRecord;
use tempfile::TempDir;

fn cpm(s: &SessionRecord) -> f64 {
    Figures::of(s).ranked_cpm().unwrap()
}

#[test]
fn weekly_zips_make_one_term() {
    let tmp = TempDir::new().unwrap();
    let data = tmp.path().join("data");
    let pack = teacher();
    let teacher_path = write_pack(tmp.path(), "teacher.toml", TEACHER_PACK);
    let day = |d: u32, h: u32| format!("2026-12-{d:02}T{h:02}:00:00+08:00");

    // 张三: warm-ups on the 1st (slow), 3rd (fast) and 8th; the exam in class.
    let a = student("2026001", "张三");
    let a1 = typed(&pack, "warmup", Hands::at(25.0), &a, &day(1, 10), None);
    let a2 = typed(&pack, "warmup", Hands::at(70.0), &a, &day(3, 10), None);
    let a3 = typed(&pack, "warmup", Hands::at(60.0), &a, &day(8, 10), None);
    let a_exam = typed(
        &pack,
        "exam",
        Hands::at(60.0),
        &a,
        "2026-12-07T10:05:00+08:00",
        Some("7421"),
    );
    // 李四: the exam in class, warm-ups only after the due dates.
    let b = student("2026002", "李四");
    let b_exam = typed(
        &pack,
        "exam",
        Hands::at(55.0),
        &b,
        "2026-12-07T10:06:00+08:00",
        Some("7421"),
    );
    let b1 = typed(&pack, "warmup", Hands::at(45.0), &b, &day(8, 20), None);
    let b2 = typed(&pack, "warmup", Hands::at(50.0), &b, &day(9, 20), None);
    // 王五: the exam only, failed.
    let c = student("2026003", "王五");
    let c_exam = typed(
        &pack,
        "exam",
        Hands::at(25.0),
        &c,
        "2026-12-07T10:07:00+08:00",
        Some("7421"),
    );

    // Week one's zip, and week two's: each export holds every session so far.
    let week = |n: u32, sessions: &[(&kuaida::record::Student, Vec<&SessionRecord>)]| {
        let dir = tmp.path().join(format!("week{n}"));
        let entries: Vec<(String, Vec<u8>)> = sessions
            .iter()
            .filter(|(_, s)| !s.is_empty())
            .map(|(who, s)| {
                let d = doc(who, s.iter().map(|s| (*s).clone()).collect());
                let file = export(&tmp.path().join(format!("w{n}")), &d, "json", &dir);
                let name = file.file_name().unwrap().to_string_lossy().into_owned();
                let folder = format!(
                    "{}_{}",
                    who.id.as_deref().unwrap(),
                    who.name.as_deref().unwrap()
                );
                (
                    format!("第{n}周作业/{folder}/{name}"),
                    std::fs::read(&file).unwrap(),
                )
            })
            .collect();
        let path = tmp.path().join(format!("第{n}周.zip"));
        zip(&path, &entries);
        path
    };
    let w1 = week(1, &[(&a, vec![&a1, &a2]), (&b, vec![]), (&c, vec![])]);
    let w2 = week(
        2,
        &[
            (&a, vec![&a1, &a2, &a3, &a_exam]),
            (&b, vec![&b_exam, &b1, &b2]),
            (&c, vec![&c_exam]),
        ],
    );
    let roster = tmp.path().join("名单.csv");
    std::fs::write(
        &roster,
        "学号,姓名\n2026001,张三\n2026002,李四\n2026003,王五\n2026004,赵六\n",
    )
    .unwrap();
    let args = |format: &str| -> Vec<String> {
        [
            "--lang",
            "zh",
            "report",
            w1.to_str().unwrap(),
            w2.to_str().unwrap(),
            "--roster",
            roster.to_str().unwrap(),
            "--pack",
            teacher_path.to_str().unwrap(),
            "--code",
            "7421",
            "--format",
            format,
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    };
    let table_args = args("table");
    let o = on_teachers_pc(
        &data,
        &table_args.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    // Read once each: 2 sessions of week one again in week two.
    assert!(
        out.contains("读取 4 个成绩文件，8 条记录（重复的 2 份只计一次）"),
        "{out}"
    );

    // 张三's warm-ups: first, best, latest and the trend between.
    let row = line(&out, "张三");
    let warmup = format!(
        "{:.1}/96% → {:.1}/96% | 近 {:.1}/96% {:+.1}",
        cpm(&a1),
        cpm(&a2),
        cpm(&a3),
        cpm(&a3) - cpm(&a1)
    );
    assert!(row.contains(&warmup), "{warmup}\n{out}");
    // Assignments: 张三 on time; 李四's warm-up minutes late, his exam (the midterm) in
    // class; 王五 not done; 赵六 nothing handed in.
    let cols = |row: &str| {
        row.split_whitespace()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(cols(row)[5..7], ["完成", "完成"], "{out}");
    assert_eq!(cols(line(&out, "李四"))[5..7], ["迟交", "完成"], "{out}");
    assert_eq!(
        cols(line(&out, "王五"))[5..7],
        ["未完成", "未完成"],
        "{out}"
    );
    assert!(line(&out, "赵六").contains("未提交"), "{out}");
    assert!(!out.contains("口令不符"), "{out}");

    // The class: each student's exam first attempt, each one's best warm-up.
    let exams = [cpm(&a_exam), cpm(&b_exam), cpm(&c_exam)];
    let mean = exams.iter().sum::<f64>() / 3.0;
    let mut sorted = exams;
    sorted.sort_by(f64::total_cmp);
    let passed = exams.iter().filter(|&&x| x >= 40.0).count();
    let class_exam = line(&out[out.find("班级").unwrap()..], "class-term/exam").to_string();
    let expected = format!("3     {mean:.1}  {:.1}    {passed}/3", sorted[1]);
    assert!(class_exam.contains(&expected), "{expected}\n{out}");
    let warmups = [cpm(&a2), cpm(&b2).max(cpm(&b1))];
    let class_warmup = line(&out[out.find("班级").unwrap()..], "class-term/warmup").to_string();
    let wmean = format!("{:.1}", (warmups[0] + warmups[1]) / 2.0);
    assert!(
        // No pass line: nobody passes or fails a warm-up.
        class_warmup.contains(&wmean) && class_warmup.trim_end().ends_with('—'),
        "{out}"
    );

    // The spreadsheet: the same columns, BOM, Chinese headers, Beijing times.
    let csv_args = args("csv");
    let o = on_teachers_pc(
        &data,
        &csv_args.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stdout.starts_with(b"\xEF\xBB\xBF"));
    let text = stdout(&o);
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    for h in [
        "学号",
        "第一周练习",
        "第一周练习 完成时间",
        "期中",
        "class-term/warmup 首次字/分",
        "class-term/warmup 最佳字/分",
        "class-term/warmup 最近字/分",
        "class-term/warmup 趋势",
        "class-term/warmup 最近时间",
        "class-term/exam 达标",
        "标记",
        "成绩",
    ] {
        assert!(header.iter().any(|x| x == h), "{h} in {header:?}");
    }
    let rows: Vec<csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 4);
    let col = |h: &str| header.iter().position(|x| x == h).unwrap();
    let zhang = &rows[0];
    assert_eq!(&zhang[col("第一周练习")], "完成");
    // Met by the second warm-up (the first, at 25 字/分, lasted under a minute).
    assert_eq!(&zhang[col("第一周练习 完成时间")], "2026-12-03 10:00");
    assert_eq!(&zhang[col("期中 完成时间")], "2026-12-07 10:05");
    assert_eq!(
        &zhang[col("class-term/warmup 最近时间")],
        "2026-12-08 10:00"
    );
    assert_eq!(
        zhang[col("class-term/warmup 趋势")],
        format!("{:.1}", cpm(&a3) - cpm(&a1))
    );
    assert_eq!(&rows[1][col("第一周练习")], "迟交");
    assert_eq!(&rows[1][col("期中")], "完成");
    assert_eq!(&rows[3][col("状态")], "未提交");
}
