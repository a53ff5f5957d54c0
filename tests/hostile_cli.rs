//! Files written by other people, through the real binary: escape sequences in a pack are
//! refused; escape sequences in a results file never reach the terminal from `report`,
//! `verify` or `history`; a pack id or a zip entry name cannot write outside.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_kuaida");
const ESC: u8 = 0x1b;

fn kuaida(data: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--data-dir")
        .arg(data)
        .args(["--lang", "en"])
        .args(args)
        .output()
        .expect("kuaida runs")
}

/// No ESC (nor any other C0/C1 control but line ends and tab) in the raw bytes.
fn no_escapes(what: &str, out: &Output) {
    for (name, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        assert!(
            !bytes.contains(&ESC),
            "{what}: ESC in {name}: {:?}",
            String::from_utf8_lossy(bytes)
        );
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text
                .chars()
                .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')),
            "{what}: a control character in {name}: {text:?}"
        );
    }
}

/// A valid pack with text, phrases and a quick-reply drill; `{X}` is replaced by the
/// field under test.
const PACK: &str = r#"[pack]
id = "hostile"
title = "PACK_TITLE"
version = "1"

[[template]]
code = "hy"
group = "问好"
text = "TEMPLATE_TEXT{店铺}"

[[drill]]
id = "t"
title = "DRILL_TITLE"
kind = "text"
text = "DRILL_TEXT"

[[drill]]
id = "p"
title = "短句"
kind = "phrases"
phrases = ["PHRASE", "好的"]

[[drill]]
id = "q"
title = "回复"
kind = "quickreply"
target_seconds = 20

[[drill.scenario]]
customer = "CUSTOMER"
expect = "hy"
slots = { "店铺" = "SLOT" }
"#;

const FIELDS: &[&str] = &[
    "PACK_TITLE",
    "TEMPLATE_TEXT",
    "DRILL_TITLE",
    "DRILL_TEXT",
    "PHRASE",
    "CUSTOMER",
    "SLOT",
];

fn pack_with(field: &str, value: &str) -> String {
    let mut text = PACK.to_string();
    for f in FIELDS {
        let v = if *f == field { value } else { "亲在" };
        text = text.replace(f, v);
    }
    text
}

#[test]
fn the_pack_itself_is_valid() {
    let dir = TempDir::new().expect("tempdir");
    let path = dir.path().join("ok.toml");
    std::fs::write(&path, pack_with("", "")).expect("writes");
    let out = kuaida(
        dir.path(),
        &["pack", "check", path.to_str().expect("utf-8")],
    );
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn escape_sequences_in_a_pack_are_refused_and_never_printed() {
    let dir = TempDir::new().expect("tempdir");
    for field in FIELDS {
        // As TOML escapes, and (for a literal string) as raw bytes, which TOML forbids.
        for value in [
            r"亲\u001b[31m在",
            r"\u001b]0;title\u0007",
            r"亲\u009b2J",
            r"\u0007\u0008",
        ] {
            let path = dir.path().join("esc.toml");
            std::fs::write(&path, pack_with(field, value)).expect("writes");
            let shown = path.to_str().expect("utf-8");
            let out = kuaida(dir.path(), &["pack", "check", shown]);
            assert_eq!(out.status.code(), Some(1), "{field} = {value}: not refused");
            no_escapes(&format!("pack check, {field} = {value}"), &out);
            let text = String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr);
            assert!(text.contains(&format!("{shown}:")), "{text}");
            let out = kuaida(dir.path(), &["pack", "add", shown]);
            assert_eq!(out.status.code(), Some(1), "{field}: pack add took it");
            no_escapes("pack add", &out);
        }
        let raw = pack_with(field, "亲\u{1b}[31m在").replace('"', "'");
        let path = dir.path().join("raw.toml");
        std::fs::write(&path, raw).expect("writes");
        let out = kuaida(
            dir.path(),
            &["pack", "check", path.to_str().expect("utf-8")],
        );
        assert_eq!(out.status.code(), Some(1), "{field}: raw ESC not refused");
        no_escapes(&format!("pack check, raw ESC in {field}"), &out);
    }
    assert!(
        !dir.path().join("packs").join("hostile.toml").exists(),
        "a refused pack was installed"
    );
}

/// The fixture results file with escape sequences in every name and text.
fn hostile_results(dir: &Path) -> PathBuf {
    let text = include_str!("fixtures/results/two_sessions.json")
        .replace("李四", "李\\u001b[31m四\\u009b")
        .replace("\"presale-basics\"", "\"presale\\u001b]0;x\\u0007\"")
        .replace("\"typed\": \"亲\"", "\"typed\": \"亲\\u001b[2J\"")
        .replace("\"target\": \"亲\"", "\"target\": \"亲\\u001b[1m\"")
        .replace("greet-reply", "greet\\u001b[5m")
        .replace("迎接问好", "迎接\\u001b[7m问好");
    assert!(text.contains("\\u001b"), "the fixture changed");
    let path = dir.join("esc.json");
    std::fs::write(&path, text).expect("writes");
    path
}

#[test]
fn escape_sequences_in_a_results_file_never_reach_the_terminal() {
    let dir = TempDir::new().expect("tempdir");
    let file = hostile_results(dir.path());
    let f = file.to_str().expect("utf-8");
    let report = kuaida(dir.path(), &["report", f]);
    assert!(
        report.status.success(),
        "{}",
        String::from_utf8_lossy(&report.stderr)
    );
    no_escapes("report", &report);
    let csv = kuaida(dir.path(), &["report", "--format", "csv", f]);
    assert!(csv.status.success());
    no_escapes("report --format csv", &csv);
    let verify = kuaida(dir.path(), &["verify", f]);
    assert!(verify.status.code().is_some_and(|c| c <= 1));
    no_escapes("verify", &verify);
    let import = kuaida(dir.path(), &["history", "import", f]);
    assert!(
        import.status.success(),
        "{}",
        String::from_utf8_lossy(&import.stderr)
    );
    no_escapes("history import", &import);
    let history = kuaida(dir.path(), &["history"]);
    assert!(history.status.success());
    no_escapes("history", &history);
    // JSON keeps the text as it was, escaped (`\u001b`), never as a raw byte.
    let json = kuaida(dir.path(), &["history", "--json"]);
    assert!(json.status.success());
    no_escapes("history --json", &json);
    assert!(String::from_utf8_lossy(&json.stdout).contains("\\u001b"));
    let stats = kuaida(dir.path(), &["stats"]);
    no_escapes("stats", &stats);
}

#[test]
fn escape_sequences_in_a_broken_results_file_never_reach_the_terminal() {
    let dir = TempDir::new().expect("tempdir");
    let path = dir.path().join("broken.json");
    for bytes in [
        &b"\x1b[31m{not json"[..],
        b"{\"format\": \"kuaida-results\", \"version\": 1, \"x\x1b[2J\": ",
        b"{\"format\": \"\x1b[31m\", \"version\": 1}",
        b"{\"format\": \"kuaida-results\", \"version\": 1, \"student\": {}, \"exported_at\": \"\\u001b[31m\", \"sessions\": []}",
    ] {
        std::fs::write(&path, bytes).expect("writes");
        let f = path.to_str().expect("utf-8");
        for args in [
            vec!["report", f],
            vec!["verify", f],
            vec!["history", "import", f],
        ] {
            let out = kuaida(dir.path(), &args);
            assert_eq!(out.status.code(), Some(2), "{args:?}");
            no_escapes(&format!("{args:?} on {:?}", String::from_utf8_lossy(bytes)), &out);
        }
    }
}

/// Every file under `root`, relative.
fn files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p.clone());
            }
            out.push(p.strip_prefix(root).map(Path::to_path_buf).unwrap_or(p));
        }
    }
    out.sort();
    out
}

#[test]
fn a_pack_id_cannot_climb_out_of_the_data_dir() {
    let root = TempDir::new().expect("tempdir");
    let data = root.path().join("a").join("b").join("data");
    std::fs::create_dir_all(&data).expect("mkdir");
    let src = root.path().join("src");
    std::fs::create_dir_all(&src).expect("mkdir");
    for id in [
        "../evil",
        "../../evil",
        "../../../../../../tmp/evil",
        "..",
        "a/b",
        "a\\\\..\\\\b",
        "/abs",
        "ok/../../evil",
        "evil\\u0000",
        "Evil",
        ".hidden",
    ] {
        let text = PACK
            .replace("id = \"hostile\"", &format!("id = \"{id}\""))
            .replace("PACK_TITLE", "包");
        let text = FIELDS.iter().fold(text, |t, f| t.replace(f, "亲在"));
        let path = src.join("pack.toml");
        std::fs::write(&path, text).expect("writes");
        let before = files(root.path());
        let out = kuaida(&data, &["pack", "add", path.to_str().expect("utf-8")]);
        assert_eq!(out.status.code(), Some(1), "id {id:?} was taken");
        no_escapes("pack add", &out);
        let after: Vec<PathBuf> = files(root.path())
            .into_iter()
            .filter(|p| !p.starts_with("a/b/data/packs") || p == Path::new("a/b/data/packs"))
            .collect();
        let before: Vec<PathBuf> = before
            .into_iter()
            .filter(|p| !p.starts_with("a/b/data/packs") || p == Path::new("a/b/data/packs"))
            .collect();
        let new: Vec<&PathBuf> = after.iter().filter(|p| !before.contains(p)).collect();
        assert!(
            new.iter().all(|p| p.starts_with("a/b/data")),
            "id {id:?} wrote {new:?}"
        );
        let packs = data.join("packs");
        let installed = files(&packs);
        assert!(installed.is_empty(), "id {id:?} installed {installed:?}");
    }
    assert!(!Path::new("/tmp/evil.toml").exists());
}

#[test]
fn zip_entries_that_climb_never_write_anything() {
    use std::io::Write;
    let root = TempDir::new().expect("tempdir");
    let deep = root.path().join("x").join("y");
    std::fs::create_dir_all(&deep).expect("mkdir");
    let zip_path = deep.join("class.zip");
    let results = include_str!("fixtures/results/two_sessions.json");
    {
        let file = std::fs::File::create(&zip_path).expect("creates");
        let mut zip = zip::ZipWriter::new(file);
        let opts = zip::write::SimpleFileOptions::default();
        for name in [
            "../../x.json",
            "../../../../../../../tmp/kuaida-zip-evil.json",
            "/abs/evil.json",
            "ok/../../../y.json",
            "..\\..\\win.json",
            "good.json",
        ] {
            zip.start_file(name, opts).expect("entry");
            zip.write_all(results.as_bytes()).expect("writes");
        }
        zip.finish().expect("finishes");
    }
    let before = files(root.path());
    let out = Command::new(BIN)
        .current_dir(&deep)
        .args(["--lang", "en", "report", "class.zip"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    no_escapes("report of a zip", &out);
    assert_eq!(files(root.path()), before, "report wrote files");
    assert!(!Path::new("/tmp/kuaida-zip-evil.json").exists());
    assert!(!Path::new("/abs/evil.json").exists());
}

#[test]
fn report_csv_cells_cannot_become_formulas() {
    let dir = TempDir::new().expect("tempdir");
    let fixture = include_str!("fixtures/results/two_sessions.json");
    let mut paths = Vec::new();
    for (i, (name, id)) in [
        ("=HYPERLINK(\\\"http://x\\\",\\\"y\\\")", "=1+1"),
        ("+1", "-2"),
        ("@SUM(A1)", "\\t=1"),
        ("\\r=1", "-cmd"),
    ]
    .iter()
    .enumerate()
    {
        let text = fixture
            .replace("李四", name)
            .replace("2026002", id)
            .replace("5f0c1c1e-2b7a-4f4e-9d7e-00000000000", &format!("s{i}-"));
        let path = dir.path().join(format!("r{i}.json"));
        std::fs::write(&path, text).expect("writes");
        paths.push(path.display().to_string());
    }
    let mut args = vec!["report", "--format", "csv"];
    args.extend(paths.iter().map(String::as_str));
    let out = kuaida(dir.path(), &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    no_escapes("report csv", &out);
    let text = String::from_utf8_lossy(&out.stdout);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut cells = 0;
    for row in reader.records() {
        for cell in row.expect("csv").iter() {
            cells += 1;
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a formula cell: {cell:?}\n{text}"
            );
        }
    }
    assert!(cells > 10, "{text}");
    assert!(
        text.contains("'=HYPERLINK") || text.contains("'=1+1"),
        "{text}"
    );
}
