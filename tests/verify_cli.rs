//! `kuaida verify`: an honest export passes, each kind of tampering is caught.
#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

use kuaida::engine::{Batch, Key, Rules, Typing};
use kuaida::pack::{Pack, PackSource, load_file};
use kuaida::record::{Op, ResultsDoc, SessionRecord, Student};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tempfile::TempDir;

const PACK: &str = r#"[pack]
id = "class-test"
title = "课堂测验"
version = "1"

[[drill]]
id = "greet"
title = "问好"
kind = "text"
text = "亲，您好！请问有什么可以帮您？"
pass = { cpm = 10, accuracy = 80.0 }
"#;

fn kuaida(args: &[&OsArg]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kuaida"))
        .args(["--lang", "en"])
        .args(args)
        .env_remove("KUAIDA_DATA_DIR")
        .output()
        .unwrap()
}
type OsArg = std::ffi::OsStr;

fn write_pack(dir: &Path, name: &str, text: &str) -> (PathBuf, Pack) {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    let pack = load_file(&path, PackSource::File { path: path.clone() }).unwrap();
    (path, pack)
}

/// A session typed through the engine: one char every `gap_us`, with one slip corrected.
fn session(pack: &Pack, id: &str, gap_us: u64) -> SessionRecord {
    let drill = pack.drill("greet").unwrap();
    let kuaida::pack::DrillBody::Text { text } = &*drill.body else {
        panic!("text drill")
    };
    let mut typing = Typing::new(std::slice::from_ref(text), Rules::default());
    let mut t = 0;
    for (i, c) in text.chars().enumerate() {
        if i == 3 {
            typing.apply(t, &Batch::Keys(vec![Key::Char('在')]));
            t += gap_us;
            typing.apply(t, &Batch::Keys(vec![Key::Backspace]));
            t += gap_us;
        }
        typing.apply(t, &Batch::Keys(vec![Key::Char(c)]));
        t += gap_us;
    }
    let s = typing.summary();
    SessionRecord {
        id: id.into(),
        student: Student::default(),
        pack: pack.id.clone(),
        pack_version: pack.version.clone(),
        pack_hash: pack.hash.clone(),
        drill: drill.id.clone(),
        drill_title: drill.title.clone(),
        kind: "text".into(),
        mode: None,
        started_at: chrono::DateTime::parse_from_rfc3339("2026-11-25T09:30:00+08:00").unwrap(),
        completed: s.completed,
        duration_ms: s.duration_ms(),
        cpm: s.cpm,
        net_cpm: s.net_cpm,
        wpm: s.wpm,
        kpm: s.kpm,
        accuracy: s.accuracy,
        consistency: s.consistency,
        backspaces: s.backspaces,
        corrections: s.corrections,
        errors: s.errors,
        halfwidth: s.halfwidth,
        passed: s.passed(drill.pass.as_ref()),
        start_code: None,
        time_limit: drill.time_limit,
        strict: drill.strict,
        pass: drill.pass,
        target: s.target.clone(),
        typed: s.typed.clone(),
        keystrokes: typing.log().to_vec(),
        messages: None,
        shown_not_typed: false,
        target_seconds: None,
        readings: None,
        shift: None,
    }
}

fn write_doc(dir: &Path, name: &str, sessions: Vec<SessionRecord>) -> PathBuf {
    let doc = ResultsDoc::new(
        Student {
            name: Some("张三".into()),
            id: Some("2026001".into()),
        },
        chrono::DateTime::parse_from_rfc3339("2026-11-26T09:00:00+08:00").unwrap(),
        sessions,
    );
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_vec_pretty(&doc).unwrap()).unwrap();
    path
}

fn verify(doc: &Path, pack: &Path) -> (i32, String) {
    let o = kuaida(&[
        "verify".as_ref(),
        doc.as_os_str(),
        "--pack".as_ref(),
        pack.as_os_str(),
    ]);
    let text = String::from_utf8(o.stdout).unwrap() + &String::from_utf8(o.stderr).unwrap();
    (o.status.code().unwrap(), text)
}

#[test]
fn an_honest_export_passes_and_each_tampering_is_caught() {
    let tmp = TempDir::new().unwrap();
    let (pack_path, pack) = write_pack(tmp.path(), "pack.toml", PACK);
    let honest = session(&pack, "honest-1", 300_000);
    assert!(honest.completed && honest.backspaces == 1 && honest.passed == Some(true));

    let doc = write_doc(tmp.path(), "honest.json", vec![honest.clone()]);
    let (code, out) = verify(&doc, &pack_path);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("all 1 sessions hold"), "{out}");

    // A changed figure.
    let mut s = honest.clone();
    s.cpm += 10.0;
    let (code, out) = verify(&write_doc(tmp.path(), "cpm.json", vec![s]), &pack_path);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("honest-1 (class-test/greet, 2026-11-25 09:30): cpm is"),
        "{out}"
    );

    // A removed keystroke (the slip): the figures and the typed text no longer follow.
    let mut s = honest.clone();
    let slip = s
        .keystrokes
        .iter()
        .position(|k| matches!(&k.op, Op::Input { ok: false, .. }))
        .unwrap();
    s.keystrokes.remove(slip);
    let (code, out) = verify(&write_doc(tmp.path(), "removed.json", vec![s]), &pack_path);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("the typed text does not follow"), "{out}");

    // Reordered times.
    let mut s = honest.clone();
    let (a, b) = (s.keystrokes[4].t_us, s.keystrokes[5].t_us);
    s.keystrokes[4].t_us = b;
    s.keystrokes[5].t_us = a;
    let (code, out) = verify(
        &write_doc(tmp.path(), "reordered.json", vec![s]),
        &pack_path,
    );
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("time goes backwards: keystroke 6"), "{out}");

    // An inhuman burst: honest figures, but 10 ms between separate inputs.
    let fast = session(&pack, "fast-1", 10_000);
    let (code, out) = verify(&write_doc(tmp.path(), "fast.json", vec![fast]), &pack_path);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("faster than hands"), "{out}");
    assert!(!out.contains("cpm is"), "{out}");

    // An edited pack: the student shortened the text, so the hash differs.
    let short = PACK.replace("请问有什么可以帮您？", "");
    let (_, short_pack) = write_pack(tmp.path(), "short.toml", &short);
    let s = session(&short_pack, "short-1", 300_000);
    let (code, out) = verify(&write_doc(tmp.path(), "short.json", vec![s]), &pack_path);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("differs from the teacher's copy (pack_hash)"),
        "{out}"
    );
    assert!(out.contains("drill's text differs"), "{out}");
}

#[test]
fn unreadable_files_exit_2() {
    let tmp = TempDir::new().unwrap();
    let (pack_path, _) = write_pack(tmp.path(), "pack.toml", PACK);
    let bad = tmp.path().join("bad.json");
    std::fs::write(&bad, b"\x1b[31mnot json").unwrap();
    let (code, out) = verify(&bad, &pack_path);
    assert_eq!(code, 2, "{out}");
    assert!(!out.contains('\u{1b}'));
    let (code, _) = verify(&tmp.path().join("missing.json"), &pack_path);
    assert_eq!(code, 2);
}

/// Records saved before consistency took 5-second windows for Chinese carry the
/// per-second figure: they still hold; any other consistency does not.
#[test]
fn a_record_with_the_older_per_second_consistency_still_holds() {
    let tmp = TempDir::new().unwrap();
    let (pack_path, pack) = write_pack(tmp.path(), "pack.toml", PACK);
    let mut old = session(&pack, "old-1", 900_000);
    let drill = pack.drill("greet").unwrap();
    let kuaida::pack::DrillBody::Text { text } = &*drill.body else {
        panic!("text drill")
    };
    let summary = kuaida::engine::summarize(
        std::slice::from_ref(text),
        Rules::default(),
        &old.keystrokes,
        false,
    );
    assert!(summary.consistency_measured());
    assert!((summary.legacy_consistency() - summary.consistency).abs() > 1.0);
    old.consistency = summary.legacy_consistency();
    let (code, out) = verify(
        &write_doc(tmp.path(), "old.json", vec![old.clone()]),
        &pack_path,
    );
    assert_eq!(code, 0, "{out}");
    let mut wrong = old;
    wrong.consistency = (summary.consistency + summary.legacy_consistency()) / 2.0;
    let (code, out) = verify(
        &write_doc(tmp.path(), "wrong.json", vec![wrong]),
        &pack_path,
    );
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("consistency is"), "{out}");
}
