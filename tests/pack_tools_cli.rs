//! `kuaida pack new | import | export` through the real binary, on the fixtures in
//! tests/fixtures/import/.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

/// Runs kuaida in `cwd` with a data dir inside it.
fn kuaida(cwd: &Path, lang: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kuaida"))
        .current_dir(cwd)
        .arg("--lang")
        .arg(lang)
        .arg("--data-dir")
        .arg(cwd.join("data"))
        .args(args)
        .env_remove("KUAIDA_DATA_DIR")
        .output()
        .expect("run kuaida")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn check_ok(dir: &Path, pack: &Path) {
    let out = kuaida(dir, "en", &["pack", "check", s(pack)]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}\n{}",
        text(&out.stderr),
        std::fs::read_to_string(pack).unwrap_or_default()
    );
}

/// (code, group, text) of every [[template]] of a pack file written by kuaida.
fn templates(pack: &Path) -> Vec<(String, String, String)> {
    let body = std::fs::read_to_string(pack).expect("pack");
    let mut out = Vec::new();
    for block in body.split("[[template]]\n").skip(1) {
        let get = |key: &str| {
            block
                .lines()
                .find_map(|l| l.strip_prefix(&format!("{key} = ")))
                .unwrap_or("")
                .to_owned()
        };
        out.push((get("code"), get("group"), get("text")));
    }
    out
}

#[test]
fn new_writes_a_pack_that_passes_check_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("我的包.toml");
    let out = kuaida(dir.path(), "zh", &["pack", "new", s(&path)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("kuaida pack check"), "{stdout}");
    assert!(stdout.contains("kuaida pack add"), "{stdout}");
    check_ok(dir.path(), &path);
    let body = std::fs::read_to_string(&path).expect("pack");
    assert!(body.contains("# 题包编号"));
    for kind in ["text", "phrases", "quickreply", "recall", "recite"] {
        assert!(body.contains(&format!("kind = \"{kind}\"")), "{kind}");
    }
    std::fs::write(&path, "mine").expect("write");
    let again = kuaida(dir.path(), "en", &["pack", "new", s(&path)]);
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "mine");
}

#[test]
fn qianniu_utf8_bom_export_is_imported_with_reports() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pack = dir.path().join("qn.toml");
    let out = kuaida(
        dir.path(),
        "en",
        &[
            "pack",
            "import",
            s(&fixture("qianniu_utf8_bom.csv")),
            "--id",
            "qn-shop",
            "--out",
            s(&pack),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    for (row, what) in [
        (4, "no code; generated p1"),
        (5, "code hy repeats row 2; generated p2"),
        (7, "code \"好评\" is not valid"),
        (13, "code \"thisiswaytoolongacode\" is not valid"),
    ] {
        assert!(
            stderr.contains(&format!("qianniu_utf8_bom.csv:{row}: {what}")),
            "{row}: {stderr}"
        );
    }
    assert!(
        text(&out.stdout).contains("12 templates"),
        "{}",
        text(&out.stdout)
    );
    check_ok(dir.path(), &pack);
    let t = templates(&pack);
    let q = |x: &str| format!("\"{x}\"");
    assert_eq!(
        t[0],
        (
            q("hy"),
            q("售前/迎接"),
            q("亲，欢迎光临小橙家居[微笑]，请问有什么可以帮您？")
        )
    );
    assert_eq!(t[4].0, q("fh"));
    assert!(t[4].2.contains("\\n"), "line break escaped: {}", t[4].2);
    assert_eq!(t[7].2, q("亲，退款会在{{1-3}}个工作日内原路退回"));
    assert_eq!(t[8].1, q("未分组"));
    assert_eq!(t[8].2, q("亲，让您久等了[31m"), "escape removed");
    assert_eq!(t[9].2, q("感谢光临，祝您生活愉快[再见][成交]"));
    assert_eq!(t[11].2, q("=1+1 不是公式"));
    let body = std::fs::read_to_string(&pack).expect("pack");
    assert!(!body.contains('\u{1b}'));
    for kind in ["recall", "recite", "phrases"] {
        assert!(body.contains(&format!("kind = \"{kind}\"")), "{kind}");
    }
}

#[test]
fn gbk_export_is_decoded() {
    let bytes = std::fs::read(fixture("qianniu_gbk.csv")).expect("fixture");
    assert!(std::str::from_utf8(&bytes).is_err(), "the fixture is GBK");
    let dir = tempfile::tempdir().expect("tempdir");
    // The committed file, and one made here with encoding_rs.
    let (made, _, _) = encoding_rs::GBK
        .encode("快捷短语编码,快捷短语,快捷短语分组\r\nxh,\"亲，尺码表在详情页，可以参考一下哦/:^_^\",售前/尺码\r\n");
    let made_path = dir.path().join("made.csv");
    std::fs::write(&made_path, &made).expect("write");
    for (src, id) in [(fixture("qianniu_gbk.csv"), "gbk"), (made_path, "made")] {
        let out = kuaida(dir.path(), "en", &["pack", "import", s(&src), "--id", id]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let pack = dir.path().join(format!("{id}.toml"));
        check_ok(dir.path(), &pack);
        let body = std::fs::read_to_string(&pack).expect("pack");
        assert!(body.contains("售前/尺码"), "{body}");
        assert!(body.contains("[微笑]"), "{body}");
    }
}

#[test]
fn import_refuses_bad_id_existing_out_and_large_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = fixture("qianniu_gbk.csv");
    let bad = kuaida(
        dir.path(),
        "en",
        &["pack", "import", s(&src), "--id", "Bad_ID"],
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("--id \"Bad_ID\" is not valid"));
    let first = kuaida(
        dir.path(),
        "en",
        &["pack", "import", s(&src), "--id", "shop"],
    );
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    let again = kuaida(
        dir.path(),
        "en",
        &["pack", "import", s(&src), "--id", "shop"],
    );
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr).contains("already exists"));
    let big = dir.path().join("big.csv");
    let f = std::fs::File::create(&big).expect("create");
    f.set_len(10 * 1024 * 1024 + 1).expect("set_len");
    let out = kuaida(
        dir.path(),
        "en",
        &["pack", "import", s(&big), "--id", "big"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("too large"),
        "{}",
        text(&out.stderr)
    );
    assert!(!dir.path().join("big.toml").exists());
    let unknown = kuaida(
        dir.path(),
        "en",
        &[
            "pack",
            "import",
            s(&fixture("unknown_header.csv")),
            "--id",
            "u",
        ],
    );
    assert_eq!(unknown.status.code(), Some(1));
    assert!(text(&unknown.stderr).contains("row 1 (the header) is not recognised"));
    assert!(!dir.path().join("u.toml").exists());
}

#[test]
fn phrase_and_scenario_sheets() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = kuaida(
        dir.path(),
        "en",
        &["pack", "import", s(&fixture("phrases.csv")), "--id", "ph"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let pack = dir.path().join("ph.toml");
    check_ok(dir.path(), &pack);
    let body = std::fs::read_to_string(&pack).expect("pack");
    assert_eq!(body.matches("kind = \"phrases\"").count(), 3, "{body}");
    assert!(body.contains("title = \"迎接问好\""));
    assert!(
        body.contains("\"亲，满{199}减20哦\""),
        "phrases keep braces: {body}"
    );

    let out = kuaida(
        dir.path(),
        "en",
        &["pack", "import", s(&fixture("scenarios.csv")), "--id", "sc"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let pack = dir.path().join("sc.toml");
    check_ok(dir.path(), &pack);
    let body = std::fs::read_to_string(&pack).expect("pack");
    assert_eq!(body.matches("[[drill.scenario]]").count(), 4);
    assert!(body.contains("slots = { \"快递\" = \"圆通速递\", \"单号\" = \"YT1234567890\" }"));
    assert!(body.contains("context = \"昨天下午已发货\""));
    assert_eq!(templates(&pack).len(), 2);

    let out = kuaida(
        dir.path(),
        "en",
        &[
            "pack",
            "import",
            s(&fixture("scenarios_bad.csv")),
            "--id",
            "bad",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    for (row, what) in [
        (3, "the 顾客消息 cell is empty"),
        (4, "code wl has no 短语"),
        (5, "placeholders 店铺 of hy have no value"),
        (6, "code hy already has a different 短语 on row 2"),
        (7, "code \"code!\" is not valid"),
    ] {
        assert!(
            stderr.contains(&format!("scenarios_bad.csv:{row}: {what}")),
            "{row}: {stderr}"
        );
    }
    assert!(!dir.path().join("bad.toml").exists());
}

#[test]
fn qianniu_round_trip_keeps_codes_and_phrases() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let first = d.join("first.toml");
    let out = kuaida(
        d,
        "en",
        &[
            "pack",
            "import",
            s(&fixture("qianniu_utf8_bom.csv")),
            "--id",
            "shop",
            "--out",
            s(&first),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let add = kuaida(d, "en", &["pack", "add", s(&first)]);
    assert_eq!(add.status.code(), Some(0), "{}", text(&add.stderr));
    let csv = d.join("back.csv");
    let out = kuaida(
        d,
        "en",
        &[
            "pack",
            "export",
            "shop",
            "--format",
            "qianniu",
            "--out",
            s(&csv),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let bytes = std::fs::read(&csv).expect("csv");
    assert!(bytes.starts_with("\u{FEFF}快捷短语编码,快捷短语,快捷短语分组\r\n".as_bytes()));
    let body = text(&bytes);
    assert!(body.contains("hy,亲，欢迎光临小橙家居/:^_^，请问有什么可以帮您？,售前/迎接\r\n"));
    assert!(
        body.contains("'=1+1 不是公式"),
        "formula neutralised: {body}"
    );
    assert!(body.contains("\"亲，您的订单已发出，物流单号：\n请注意查收/:^O^\""));
    assert!(body.contains("\"亲，\"\"七天无理由\"\"退换"), "{body}");
    let second = d.join("second.toml");
    let out = kuaida(
        d,
        "en",
        &[
            "pack",
            "import",
            s(&csv),
            "--id",
            "shop",
            "--out",
            s(&second),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).is_empty(),
        "every code kept: {}",
        text(&out.stderr)
    );
    assert_eq!(templates(&first), templates(&second));

    // --format toml gives an installed pack's own text.
    let copy = d.join("copy.toml");
    let out = kuaida(
        d,
        "en",
        &[
            "pack",
            "export",
            "shop",
            "--format",
            "toml",
            "--out",
            s(&copy),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        std::fs::read_to_string(&copy).expect("copy"),
        std::fs::read_to_string(&first).expect("first")
    );

    // A pack file's path works too, and existing files are not replaced.
    let again = kuaida(
        d,
        "en",
        &[
            "pack",
            "export",
            s(&first),
            "--format",
            "qianniu",
            "--out",
            s(&csv),
        ],
    );
    assert_eq!(again.status.code(), Some(2));
}

#[test]
fn export_toml_gives_the_pack_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out_path = dir.path().join("presale.toml");
    let out = kuaida(
        dir.path(),
        "en",
        &[
            "pack",
            "export",
            "presale",
            "--format",
            "toml",
            "--out",
            s(&out_path),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let original = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("drills/presale.toml"),
    )
    .expect("drills/presale.toml")
    .replace("\r\n", "\n");
    assert_eq!(
        std::fs::read_to_string(&out_path).expect("export"),
        original
    );
    let missing = kuaida(
        dir.path(),
        "en",
        &[
            "pack",
            "export",
            "no-such-pack",
            "--format",
            "toml",
            "--out",
            "x.toml",
        ],
    );
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("no pack no-such-pack"));
}

/// `pack new --sheet DIR`: the phrase sheet, the scenario sheet and the roster as a
/// spreadsheet opens them (UTF-8 with BOM, CRLF, the header and one example row), which
/// `pack import` and `report --roster` read back as they are.
#[test]
fn sheet_templates_are_spreadsheet_ready_and_read_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let out = kuaida(d, "zh", &["pack", "new", "--sheet", "表格"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let sheets = d.join("表格");
    for (name, header) in [
        ("短语表.csv", "分组,短语"),
        ("情景表.csv", "顾客消息,编码,短语,分组,店铺,备注"),
        ("名单.csv", "学号,姓名"),
    ] {
        assert!(stdout.contains(name), "{name}: {stdout}");
        let bytes = std::fs::read(sheets.join(name)).expect(name);
        let body = std::str::from_utf8(&bytes).expect("utf-8");
        let body = body.strip_prefix('\u{feff}').expect("a BOM, for Excel");
        assert!(body.ends_with("\r\n"), "{name}: {body:?}");
        let lines: Vec<&str> = body.split_terminator("\r\n").collect();
        assert_eq!(
            lines.len(),
            2,
            "{name}: the header and one example: {body:?}"
        );
        assert_eq!(lines[0], header, "{name}");
        assert!(!lines[1].contains('\n') && !lines[1].is_empty(), "{name}");
    }
    assert!(stdout.contains("kuaida pack import"), "{stdout}");
    assert!(stdout.contains("--roster"), "{stdout}");

    // Each sheet reads back through the command it is for.
    for (sheet, id) in [("短语表.csv", "ph"), ("情景表.csv", "sc")] {
        let out = kuaida(
            d,
            "zh",
            &["pack", "import", s(&sheets.join(sheet)), "--id", id],
        );
        assert_eq!(out.status.code(), Some(0), "{sheet}: {}", text(&out.stderr));
        assert!(out.stderr.is_empty(), "{sheet}: {}", text(&out.stderr));
        check_ok(d, &d.join(format!("{id}.toml")));
    }
    let scenario = std::fs::read_to_string(d.join("sc.toml")).expect("pack");
    assert!(
        scenario.contains("slots = { \"店铺\" = \"小橙家居\" }"),
        "{scenario}"
    );
    // One student has handed in (an export with nothing practised yet): the roster's
    // others are 未提交. (A folder with nothing readable is exit 2, not a table.)
    let empty = d.join("作业");
    std::fs::create_dir(&empty).expect("dir");
    let handed = kuaida(d, "zh", &["export", "--out", s(&empty)]);
    assert_eq!(handed.status.code(), Some(0), "{}", text(&handed.stderr));
    let out = kuaida(
        d,
        "zh",
        &[
            "report",
            s(&empty),
            "--roster",
            s(&sheets.join("名单.csv")),
            "--format",
            "csv",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    assert!(
        table.contains("2024010101") && table.contains("张三"),
        "{table}"
    );

    // Never over a teacher's own sheet: nothing is written when one is there.
    std::fs::write(sheets.join("名单.csv"), "mine").expect("write");
    std::fs::remove_file(sheets.join("短语表.csv")).expect("remove");
    std::fs::remove_file(sheets.join("情景表.csv")).expect("remove");
    let again = kuaida(d, "zh", &["pack", "new", "--sheet", s(&sheets)]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        text(&again.stderr).contains("名单.csv"),
        "{}",
        text(&again.stderr)
    );
    assert!(!sheets.join("短语表.csv").exists());
    assert_eq!(
        std::fs::read_to_string(sheets.join("名单.csv")).expect("read"),
        "mine"
    );

    // In English the files are named in English; the headers stay what import reads.
    let out = kuaida(d, "en", &["pack", "new", "--sheet", "sheets"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    for name in ["phrase-sheet.csv", "scenario-sheet.csv", "roster.csv"] {
        assert!(d.join("sheets").join(name).is_file(), "{name}");
    }
}
