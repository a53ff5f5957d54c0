//! Issue 16, point 2: many files at once. `verify` takes files, folders and zips like
//! `report`, one line per file with its findings under it, exit 1 when any fails;
//! `report --details` prints every finding per student; `report` exits 2 when nothing
//! could be read and names every file it could not read.
#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

mod common;

use common::class::*;
use common::cli::{stderr, stdout};
use tempfile::TempDir;

/// Three students' exports: two honest, one with a doctored figure.
fn class(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let pack = teacher();
    let mut paths = Vec::new();
    for (id, name, cpm, doctor) in [
        ("2026001", "张三", 50.0, false),
        ("2026002", "李四", 70.0, true),
        ("2026003", "王五", 45.0, false),
    ] {
        let who = student(id, name);
        let mut s = typed(
            &pack,
            "warmup",
            Hands::at(cpm),
            &who,
            "2026-12-01T10:05:00+08:00",
            None,
        );
        if doctor {
            s.accuracy = 100.0;
        }
        paths.push(write_doc(dir, &doc(&who, vec![s])));
    }
    paths
}

#[test]
fn verify_takes_files_folders_and_zips_one_line_per_file() {
    let tmp = TempDir::new().unwrap();
    let data = tmp.path().join("data");
    let pack = write_pack(tmp.path(), "teacher.toml", TEACHER_PACK);
    let folder = tmp.path().join("收作业");
    let paths = class(&folder);
    let zip_path = tmp.path().join("作业.zip");
    zip(
        &zip_path,
        &paths
            .iter()
            .map(|p| {
                let name = p.file_name().unwrap().to_string_lossy();
                (format!("第一周/{name}"), std::fs::read(p).unwrap())
            })
            .collect::<Vec<_>>(),
    );
    let pack_arg = pack.to_str().unwrap();
    // A folder: one line per file, the doctored one's findings under it, exit 1.
    let o = on_teachers_pc(
        &data,
        &[
            "--lang",
            "zh",
            "verify",
            folder.to_str().unwrap(),
            "--pack",
            pack_arg,
        ],
    );
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    let lines: Vec<&str> = out.lines().collect();
    let at = |name: &str| lines.iter().position(|l| l.contains(name)).unwrap();
    assert!(
        lines[at("2026001_张三")].ends_with("1 条记录全部相符（0 条未重算成绩）"),
        "{out}"
    );
    let li = at("2026002_李四");
    assert!(lines[li].contains("1 条记录中 1 条有问题"), "{out}");
    assert!(lines[li + 1].starts_with("  记录不符 · "), "{out}");
    assert!(lines[li + 1].contains("accuracy 记录为 100.00"), "{out}");
    assert!(
        out.contains("共 3 个成绩文件：1 个有问题；0 个文件无法读取"),
        "{out}"
    );
    // The zip, and files named one by one: the same verdicts.
    let o = on_teachers_pc(
        &data,
        &[
            "--lang",
            "zh",
            "verify",
            zip_path.to_str().unwrap(),
            "--pack",
            pack_arg,
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("作业.zip!第一周/2026002_李四_20261207.json：1 条记录中 1 条有问题")
    );
    let honest = [paths[0].to_str().unwrap(), paths[2].to_str().unwrap()];
    let o = on_teachers_pc(
        &data,
        &[
            "--lang", "zh", "verify", honest[0], honest[1], "--pack", pack_arg,
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(stdout(&o).matches("全部相符").count(), 2, "{}", stdout(&o));
    // Nothing readable at all: exit 2, and what was not read is named.
    let bad = tmp.path().join("bad.json");
    std::fs::write(&bad, b"{\"format\": ").unwrap();
    let o = on_teachers_pc(&data, &["--lang", "zh", "verify", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("bad.json"), "{}", stderr(&o));
    // A broken file beside good ones is a failure of the run, named under the files.
    let o = on_teachers_pc(
        &data,
        &[
            "--lang",
            "zh",
            "verify",
            honest[0],
            bad.to_str().unwrap(),
            "--pack",
            pack_arg,
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains("无法读取 · "), "{}", stdout(&o));
}

#[test]
fn report_names_every_file_it_could_not_read() {
    let tmp = TempDir::new().unwrap();
    let data = tmp.path().join("data");
    let folder = tmp.path().join("收作业");
    let paths = class(&folder);
    let pack = teacher();
    // One student handed in the CSV export, one a zip of the JSON, one a RAR.
    let zhao = student("2026004", "赵六");
    let zhao_doc = doc(
        &zhao,
        vec![typed(
            &pack,
            "warmup",
            Hands::at(50.0),
            &zhao,
            "2026-12-01T10:05:00+08:00",
            None,
        )],
    );
    let csv = export(tmp.path(), &zhao_doc, "csv", &folder.join("赵六"));
    assert_eq!(csv.extension().unwrap(), "csv");
    let inner = tmp.path().join("inner.zip");
    zip(&inner, &[("2026005_钱七.json".into(), b"{}".to_vec())]);
    std::fs::write(folder.join("2026006_孙八.rar"), b"Rar!\x1a\x07\x00rest").unwrap();
    std::fs::write(
        folder.join("2026007_周九.json"),
        b"{\"format\": \"kuaida-results\", ",
    )
    .unwrap();
    std::fs::write(folder.join(".DS_Store"), b"junk").unwrap();
    let outer = tmp.path().join("超星.zip");
    let mut entries: Vec<(String, Vec<u8>)> = paths
        .iter()
        .chain([&csv])
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (format!("作业/{name}"), std::fs::read(p).unwrap())
        })
        .collect();
    entries.push((
        "作业/2026005_钱七.zip".into(),
        std::fs::read(&inner).unwrap(),
    ));
    zip(&outer, &entries);

    let roster = tmp.path().join("名单.csv");
    std::fs::write(&roster, "学号,姓名\n2026001,张三\n2026004,赵六\n").unwrap();
    for input in [&folder, &outer] {
        let o = on_teachers_pc(
            &data,
            &[
                "--lang",
                "zh",
                "report",
                input.to_str().unwrap(),
                "--roster",
                roster.to_str().unwrap(),
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.contains("这是 CSV 导出，没有击键记录，无法核对：请学生交 JSON 文件"),
            "{err}"
        );
        assert!(
            err.contains(&csv.file_name().unwrap().to_string_lossy().into_owned()),
            "{err}"
        );
        assert!(!err.contains(".DS_Store"), "{err}");
        let out = stdout(&o);
        assert!(line(&out, "赵六").contains("未提交"), "{out}");
        if input == &folder {
            assert!(
                err.contains("2026006_孙八.rar: RAR、7z 压缩包读不了"),
                "{err}"
            );
            assert!(err.contains("2026007_周九.json"), "{err}");
        } else {
            assert!(err.contains("2026005_钱七.zip: zip 里又套了 zip"), "{err}");
        }
    }

    // Nothing readable: exit 2 even with a roster, and no table.
    let only_csv = tmp.path().join("only-csv");
    std::fs::create_dir_all(&only_csv).unwrap();
    std::fs::copy(&csv, only_csv.join("x.csv")).unwrap();
    let o = on_teachers_pc(
        &data,
        &[
            "--lang",
            "zh",
            "report",
            only_csv.to_str().unwrap(),
            "--roster",
            roster.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(stdout(&o).is_empty());
    assert!(
        stderr(&o).contains("x.csv: 这是 CSV 导出"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn report_details_prints_every_finding_per_student() {
    let tmp = TempDir::new().unwrap();
    let data = tmp.path().join("data");
    let folder = tmp.path().join("收作业");
    class(&folder);
    let pack = write_pack(tmp.path(), "teacher.toml", TEACHER_PACK);
    let o = on_teachers_pc(
        &data,
        &[
            "--lang",
            "zh",
            "report",
            folder.to_str().unwrap(),
            "--pack",
            pack.to_str().unwrap(),
            "--details",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let details = &out[out.find("详情：每个学生的每一处发现").expect("details")..];
    assert!(details.contains("2026002 李四\n  记录不符 · "), "{details}");
    assert!(
        details.contains("accuracy 记录为 100.00，按击键重算为"),
        "{details}"
    );
    assert!(!details.contains("张三"), "{details}");
    // In CSV, a Details column.
    let o = on_teachers_pc(
        &data,
        &[
            "--lang",
            "zh",
            "report",
            folder.to_str().unwrap(),
            "--pack",
            pack.to_str().unwrap(),
            "--details",
            "--format",
            "csv",
        ],
    );
    let text = stdout(&o);
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header = r.headers().unwrap().clone();
    let col = header
        .iter()
        .position(|h| h == "详情")
        .expect("a details column");
    let rows: Vec<csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
    let li = rows.iter().find(|r| &r[1] == "李四").unwrap();
    assert!(li[col].contains("记录不符"), "{li:?}");
}
