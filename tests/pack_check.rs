//! `kuaida pack check|list|add|remove` through the real binary, on every fixture in
//! tests/fixtures/packs/{valid,invalid}.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs kuaida from the crate root with `--lang en` and a fresh data dir.
fn kuaida(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kuaida"))
        .current_dir(root())
        .arg("--lang")
        .arg("en")
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("KUAIDA_DATA_DIR")
        .output()
        .expect("run kuaida")
}

fn fixtures(kind: &str) -> Vec<String> {
    let dir = root().join("tests/fixtures/packs").join(kind);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixture dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .map(|n| format!("tests/fixtures/packs/{kind}/{n}"))
        .collect();
    names.sort();
    names
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn every_valid_fixture_passes() {
    let data = tempfile::tempdir().expect("tempdir");
    let files = fixtures("valid");
    assert!(files.len() >= 4);
    for f in &files {
        let out = kuaida(data.path(), &["pack", "check", f]);
        assert_eq!(out.status.code(), Some(0), "{f}: {}", text(&out.stderr));
        // Only notes of codes the built-in packs give other replies (a shop's own 欢迎).
        let err = text(&out.stderr);
        assert!(
            err.lines().all(|l| l.contains(": note: code ")),
            "{f}: {err}"
        );
        let stdout = text(&out.stdout);
        assert!(stdout.starts_with(&format!("{f}: ok (")), "{f}: {stdout}");
    }
}

#[test]
fn every_invalid_fixture_gives_exactly_its_expected_lines() {
    let data = tempfile::tempdir().expect("tempdir");
    let files = fixtures("invalid");
    assert!(files.len() >= 15);
    let mut failures = Vec::new();
    for f in &files {
        let expected_path = root().join(f.replace(".toml", ".expected"));
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("{} is missing", expected_path.display()));
        let out = kuaida(data.path(), &["pack", "check", f]);
        let stderr = text(&out.stderr);
        if out.status.code() != Some(1) || stderr != expected || !out.stdout.is_empty() {
            failures.push(format!(
                "{f}: exit {:?}\n--- expected\n{expected}--- got\n{stderr}",
                out.status.code()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn check_reports_in_chinese_by_default_language_zh() {
    let data = tempfile::tempdir().expect("tempdir");
    let out = Command::new(env!("CARGO_BIN_EXE_kuaida"))
        .current_dir(root())
        .args(["--lang", "zh", "--data-dir"])
        .arg(data.path())
        .args([
            "pack",
            "check",
            "tests/fixtures/packs/invalid/fullwidth-marks.toml",
            "tests/fixtures/packs/valid/minimal-text.toml",
        ])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("请切换英文标点"),
        "{}",
        text(&out.stderr)
    );
    assert!(text(&out.stdout).contains("通过"), "{}", text(&out.stdout));
}

#[test]
fn check_of_every_builtin_drill_file_passes() {
    let data = tempfile::tempdir().expect("tempdir");
    let mut args = vec!["pack".to_owned(), "check".to_owned()];
    let mut files: Vec<String> = std::fs::read_dir(root().join("drills"))
        .expect("drills")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .map(|n| format!("drills/{n}"))
        .collect();
    files.sort();
    args.extend(files);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = kuaida(data.path(), &args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn unreadable_file_exits_2_and_others_are_still_checked() {
    let data = tempfile::tempdir().expect("tempdir");
    let out = kuaida(
        data.path(),
        &[
            "pack",
            "check",
            "tests/fixtures/packs/does-not-exist.toml",
            "tests/fixtures/packs/valid/minimal-text.toml",
            "tests/fixtures/packs/invalid/format-2.toml",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stdout).contains("minimal-text.toml: ok"));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("does-not-exist.toml"), "{stderr}");
    assert!(stderr.contains("format-2.toml:5:10:"), "{stderr}");
}

#[test]
fn oversized_file_is_refused() {
    let data = tempfile::tempdir().expect("tempdir");
    let big = data.path().join("big.toml");
    let f = std::fs::File::create(&big).expect("create");
    f.set_len(10 * 1024 * 1024 + 1).expect("set_len");
    let out = kuaida(data.path(), &["pack", "check", big.to_str().expect("utf8")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("too large"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn add_list_replace_and_remove() {
    let data = tempfile::tempdir().expect("tempdir");
    let d = data.path();

    // Built-in packs are listed before anything is installed.
    let out = kuaida(d, &["pack", "list"]);
    assert_eq!(out.status.code(), Some(0));
    let list = text(&out.stdout);
    assert!(list.contains("typing-basics"), "{list}");
    assert!(list.contains("[built-in]"), "{list}");
    assert!(!list.contains("[installed]"), "{list}");

    // An invalid pack is not installed.
    let out = kuaida(
        d,
        &["pack", "add", "tests/fixtures/packs/invalid/several.toml"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("several.toml:3:9:"));
    assert!(!d.join("packs/several.toml").exists());

    // A GBK pack is installed as packs/<id>.toml, in UTF-8.
    let out = kuaida(d, &["pack", "add", "tests/fixtures/packs/valid/gbk.toml"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("installed gbk (version 1)"));
    let installed = std::fs::read_to_string(d.join("packs/gbk.toml")).expect("utf-8 copy");
    assert!(installed.contains("旧记事本的包"));

    let out = kuaida(d, &["pack", "list"]);
    let list = text(&out.stdout);
    assert!(
        list.contains("gbk  version 1  [installed]  旧记事本的包"),
        "{list}"
    );
    assert!(list.contains("  gbk/gbk-text  国标编码  (text)"), "{list}");

    // The same id again: replaced, and said so.
    let v2 = d.join("gbk-v2.toml");
    std::fs::write(
        &v2,
        "[pack]\nid = \"gbk\"\ntitle = \"新版\"\nversion = \"2\"\n[[drill]]\nid = \"x\"\ntitle = \"X\"\nkind = \"text\"\ntext = \"亲\"\n",
    )
    .expect("write");
    let out = kuaida(d, &["pack", "add", v2.to_str().expect("utf8")]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("replaced version 1 with 2"),
        "{}",
        text(&out.stdout)
    );
    let entries: Vec<_> = std::fs::read_dir(d.join("packs")).expect("packs").collect();
    assert_eq!(entries.len(), 1, "no temporary files left behind");

    // A pack with a built-in's id takes its place in the list.
    let shadow = d.join("shadow.toml");
    std::fs::write(
        &shadow,
        "[pack]\nid = \"typing-basics\"\ntitle = \"我的打字\"\nversion = \"mine\"\n[[drill]]\nid = \"x\"\ntitle = \"X\"\nkind = \"text\"\ntext = \"亲\"\n",
    )
    .expect("write");
    let out = kuaida(d, &["pack", "add", shadow.to_str().expect("utf8")]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        text(&out.stdout).contains("built-in"),
        "{}",
        text(&out.stdout)
    );
    let list = text(&kuaida(d, &["pack", "list"]).stdout);
    assert!(
        list.contains("typing-basics  version mine  [installed]"),
        "{list}"
    );
    assert_eq!(list.matches("typing-basics  ").count(), 1, "{list}");

    // Remove: installed ones go; built-in and unknown ids are refused with exit 2.
    let out = kuaida(d, &["pack", "remove", "gbk"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(!d.join("packs/gbk.toml").exists());
    let out = kuaida(d, &["pack", "remove", "typing-basics"]);
    assert_eq!(out.status.code(), Some(0), "removes the installed copy");
    let out = kuaida(d, &["pack", "remove", "typing-basics"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("built-in"),
        "{}",
        text(&out.stderr)
    );
    let out = kuaida(d, &["pack", "remove", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no installed pack nope"));
    let out = kuaida(d, &["pack", "remove", "../config"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn broken_installed_pack_is_reported_by_list_not_fatal() {
    let data = tempfile::tempdir().expect("tempdir");
    let packs = data.path().join("packs");
    std::fs::create_dir_all(&packs).expect("mkdir");
    std::fs::write(packs.join("broken.toml"), "[pack]\nid = \"broken\"\n").expect("write");
    let out = kuaida(data.path(), &["pack", "list"]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("broken.toml:1:1: [pack] is missing title"),
        "{stderr}"
    );
    assert!(text(&out.stdout).contains("typing-basics"));
}

/// Issue 18: a code another pack at hand gives another reply is a warning (exit 0), at the
/// line of the code, naming the other pack and both texts.
#[test]
fn a_code_that_means_another_reply_elsewhere_is_warned_about() {
    let tmp = tempfile::TempDir::new().expect("tempdir");
    let pack = tmp.path().join("mine.toml");
    std::fs::write(
        &pack,
        "[pack]\nid = \"mine\"\ntitle = \"我的\"\nversion = \"1\"\n\n\
         [[template]]\ncode = \"zz9\"\ngroup = \"售后\"\ntext = \"亲，稍等\"\n\n\
         [[template]]\ncode = \"ps\"\ngroup = \"售后\"\ntext = \"亲，包裹已到达\"\n\n\
         [[drill]]\nid = \"r\"\ntitle = \"回想\"\nkind = \"recall\"\n",
    )
    .expect("pack written");
    let path = pack.to_str().expect("UTF-8 path");
    let out = kuaida(&tmp.path().join("data"), &["pack", "check", path]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(&format!(
            "{path}:12:8: note: code ps is \"亲，真抱歉让您收到破损的"
        )),
        "{err}"
    );
    assert!(
        err.contains("(after-sale)") && err.contains("\"亲，包裹已到达\" here"),
        "{err}"
    );
}

/// A workbook saved as .xlsx instead of CSV: `pack import` and `pack check` both say to
/// save it as CSV (a small workbook can even pass for GBK text, so its bytes are looked at).
#[test]
fn a_workbook_given_for_a_sheet_says_save_as_csv() {
    let data = tempfile::tempdir().expect("tempdir");
    let xlsx = "tests/fixtures/packs/invalid/workbook.xlsx";
    let out_pack = data.path().join("wb.toml");
    let import = kuaida(
        data.path(),
        &[
            "pack",
            "import",
            xlsx,
            "--id",
            "wb",
            "--out",
            out_pack.to_str().expect("utf-8"),
        ],
    );
    let expected = std::fs::read_to_string(
        root().join("tests/fixtures/packs/invalid/workbook.import.expected"),
    )
    .expect("expected");
    assert_eq!(import.status.code(), Some(1));
    assert_eq!(text(&import.stderr), expected);
    assert!(!out_pack.exists());
    let check = kuaida(data.path(), &["pack", "check", xlsx]);
    let expected = std::fs::read_to_string(
        root().join("tests/fixtures/packs/invalid/workbook.check.expected"),
    )
    .expect("expected");
    assert_eq!(check.status.code(), Some(1));
    assert_eq!(text(&check.stderr), expected);
}

/// The hints for teachers' common slips, in Chinese (the default language).
#[test]
fn slips_are_explained_in_chinese() {
    let data = tempfile::tempdir().expect("tempdir");
    let out = Command::new(env!("CARGO_BIN_EXE_kuaida"))
        .current_dir(root())
        .args(["--lang", "zh", "--data-dir"])
        .arg(data.path())
        .args([
            "pack",
            "check",
            "tests/fixtures/packs/invalid/multiline-text.toml",
            "tests/fixtures/packs/invalid/fullwidth-digits.toml",
            "tests/fixtures/packs/invalid/utf16.toml",
            "tests/fixtures/packs/invalid/duplicate-drill.toml",
        ])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    for want in [
        "multiline-text.toml:10:8: 这段文字跨了几行：多行文字的开头和结尾都要写三个英文引号，text = \"\"\"…\"\"\"\n",
        "fullwidth-digits.toml:11:14: 全角数字 １２０：数字要用半角，写成 120（切换到英文输入）\n",
        "utf16.toml:1:1: 文件是 UTF-16 编码（记事本里叫“Unicode”）：用记事本打开，“另存为”时编码选 UTF-8\n",
        "duplicate-drill.toml:13:6: 练习 id \"same\" 重复了（第 7 行已有）\n",
    ] {
        assert!(err.contains(want), "missing {want:?} in\n{err}");
    }
}
