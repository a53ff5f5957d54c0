//! docs/teachers.md keeps up with the pack format: every key `pack check` allows, as its
//! own "unknown key" message lists them, is in the key reference (section 13) of both
//! the Chinese and the English part.

use std::path::Path;
use std::process::Command;

/// The keys `pack check` lists as allowed for the unknown key `zz` in `body`.
fn allowed(dir: &Path, body: &str) -> Vec<String> {
    let path = dir.join("p.toml");
    std::fs::write(&path, body).expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_kuaida"))
        .args(["--lang", "en", "--data-dir"])
        .arg(dir.join("data"))
        .arg("pack")
        .arg("check")
        .arg(&path)
        .env_remove("KUAIDA_DATA_DIR")
        .output()
        .expect("run kuaida");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    let line = err
        .lines()
        .find(|l| l.contains("unknown key zz"))
        .unwrap_or_else(|| panic!("no unknown-key line for:\n{body}\n{err}"));
    let list = line
        .rsplit_once("(allowed: ")
        .map(|(_, l)| l.trim_end_matches(')'))
        .unwrap_or_else(|| panic!("{line}"));
    list.split(", ").map(str::to_owned).collect()
}

/// Section 13 of one language's part: from its heading to the next `### `.
fn section<'a>(doc: &'a str, heading: &str) -> &'a str {
    let start = doc.find(heading).unwrap_or_else(|| panic!("no {heading}"));
    let rest = &doc[start + heading.len()..];
    &rest[..rest.find("\n### ").unwrap_or(rest.len())]
}

#[test]
fn every_pack_key_is_in_the_reference_in_both_languages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let head = "[pack]\nid = \"p\"\ntitle = \"P\"\nversion = \"1\"\n";
    let template = "[[template]]\ncode = \"hy\"\ngroup = \"g\"\ntext = \"亲\"\n";
    let drill = |kind: &str, extra: &str| {
        format!("{head}{template}[[drill]]\nid = \"d\"\ntitle = \"T\"\nkind = \"{kind}\"\n{extra}")
    };
    let mut keys: Vec<String> = Vec::new();
    keys.extend(allowed(d, &format!("{head}zz = 1\n{template}")));
    keys.extend(allowed(
        d,
        &format!("{head}[[template]]\ncode = \"hy\"\ntext = \"亲\"\nzz = 1\n"),
    ));
    for kind in ["text", "phrases", "quickreply", "recall", "recite", "shift"] {
        keys.extend(allowed(d, &drill(kind, "zz = 1\n")));
    }
    let turn = "[[drill.buyer.turn]]\ncustomer = \"在吗\"\nexpect = \"hy\"\n";
    keys.extend(allowed(
        d,
        &drill(
            "shift",
            &format!("minutes = 1\n[[drill.buyer]]\nname = \"a\"\nzz = 1\n{turn}"),
        ),
    ));
    keys.extend(allowed(
        d,
        &drill(
            "shift",
            &format!("minutes = 1\n[[drill.buyer]]\nname = \"a\"\n{turn}zz = 1\n"),
        ),
    ));
    keys.extend(allowed(
        d,
        &drill(
            "quickreply",
            "[[drill.scenario]]\ncustomer = \"在吗\"\nexpect = \"hy\"\nzz = 1\n",
        ),
    ));
    for (kind, pass) in [
        (
            "text",
            "pass = { cpm = 1, accuracy = 1, zz = 1 }\ntext = \"x\"\n",
        ),
        (
            "quickreply",
            "pass = { correct = 1, seconds = 1, zz = 1 }\n",
        ),
        ("recall", "pass = { correct = 1, zz = 1 }\n"),
        ("shift", "pass = { reply_rate = 1, seconds = 1, zz = 1 }\n"),
    ] {
        keys.extend(allowed(d, &drill(kind, pass)));
    }
    // The top level, and an assignment (issue 16).
    keys.extend(allowed(d, &format!("zz = 1\n{head}{template}")));
    keys.extend(allowed(
        d,
        &format!(
            "{}[[assignment]]\nid = \"a\"\nzz = 1\n",
            drill("text", "text = \"x\"\n")
        ),
    ));
    keys.sort();
    keys.dedup();
    assert!(keys.len() >= 30, "{keys:?}");
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/teachers.md"))
            .expect("docs/teachers.md");
    for heading in ["### 13. 练习包格式参考", "### 13. Pack format reference"] {
        let part = section(&doc, heading);
        let missing: Vec<&String> = keys
            .iter()
            .filter(|k| {
                // `scenario` is written as its table, `[[drill.scenario]]`; the top
                // level's keys as their tables, `[pack]`, `[[assignment]]`.
                ![
                    format!("`{k}`"),
                    format!("{k} = "),
                    format!(".{k}]]"),
                    format!("[{k}]"),
                ]
                .iter()
                .any(|form| part.contains(form.as_str()))
            })
            .collect();
        assert!(missing.is_empty(), "{heading} lacks {missing:?}");
    }
}
