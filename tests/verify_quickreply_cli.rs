//! `kuaida verify` on quick-reply sessions: an export of a conversation driven through
//! the trainer's own session holds; tampering is caught with the teacher's pack and,
//! where the log alone decides, without it; a built-in pack needs no `--pack`.
#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

use ReplyKey::*;
use kuaida::pack::{DrillBody, Pack, PackSource, load_file};
use kuaida::record::{ResultsDoc, SessionRecord, Student};
use kuaida::reply::quickreply::{Applied, QuickReplySession, ReplyBatch, ReplyKey};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;
use tempfile::TempDir;

const PACK: &str = r#"[pack]
id = "qr-class"
title = "快捷回复课堂测验"
version = "1"

[[template]]
code = "cx"
group = "售后"
text = "亲，您的订单{单号}已由{快递}发出，请耐心等待哦～"

[[template]]
code = "tk"
group = "售后"
text = "亲，退款{金额}元已原路退回，请注意查收。"

[[drill]]
id = "chat"
title = "售后对话"
kind = "quickreply"
target_seconds = 15

[[drill.scenario]]
customer = ["在吗", "我的快递到哪了"]
expect = "cx"
slots = { "单号" = "2026112512345", "快递" = "中通" }
card = { "单号" = "2026112512345", "快递" = "中通" }

[[drill.scenario]]
customer = "退款到了吗"
expect = "tk"
slots = { "金额" = "59" }
"#;

fn keys(s: &mut QuickReplySession, t: u64, k: &[ReplyKey]) {
    if s.apply(t, &ReplyBatch::Keys(k.to_vec())) == Applied::Next {
        s.next_message(t);
    }
}

fn type_each(s: &mut QuickReplySession, mut t: u64, text: &str) -> u64 {
    for c in text.chars() {
        keys(s, t, &[Char(c)]);
        t += 250_000;
    }
    t
}

fn started() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339("2026-12-01T10:00:00+08:00").unwrap()
}

/// `/cx`, the order number from the card, Tab, the courier by input method, send;
/// then a refund reply typed by hand with a slip taken back.
fn conversation(pack: &Pack) -> SessionRecord {
    let drill = pack.drill("chat").unwrap();
    let mut s = QuickReplySession::for_drill(pack, drill).unwrap();
    s.next_message(0);
    let t = type_each(&mut s, 1_200_000, "/cx");
    keys(&mut s, t, &[Enter]);
    keys(&mut s, t + 600_000, &[Card]);
    keys(&mut s, t + 900_000, &[Enter]);
    keys(&mut s, t + 1_300_000, &[Tab]);
    keys(&mut s, t + 2_000_000, &[Char('中'), Char('通')]);
    keys(&mut s, t + 2_600_000, &[Enter]);
    keys(&mut s, t + 3_400_000, &[Enter]);
    let t = type_each(&mut s, t + 4_500_000, "亲，退款6");
    keys(&mut s, t, &[Backspace]);
    let t = type_each(&mut s, t + 300_000, "59元已原路退回，请注意查收。");
    keys(&mut s, t + 500_000, &[Enter]);
    assert!(s.is_finished());
    let mut r = s.record(pack, drill, "qr-1".into(), started());
    r.student = Student {
        name: Some("李四".into()),
        id: Some("2026002".into()),
    };
    r
}

fn write_doc(dir: &Path, name: &str, sessions: Vec<SessionRecord>) -> PathBuf {
    let doc = ResultsDoc::new(
        Student {
            name: Some("李四".into()),
            id: Some("2026002".into()),
        },
        chrono::DateTime::parse_from_rfc3339("2026-12-01T12:00:00+08:00").unwrap(),
        sessions,
    );
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_vec_pretty(&doc).unwrap()).unwrap();
    path
}

fn verify(doc: &Path, pack: Option<&Path>) -> (i32, String) {
    let mut args: Vec<&OsStr> = vec!["--lang".as_ref(), "en".as_ref(), "verify".as_ref()];
    args.push(doc.as_os_str());
    if let Some(p) = pack {
        args.push("--pack".as_ref());
        args.push(p.as_os_str());
    }
    let o = Command::new(env!("CARGO_BIN_EXE_kuaida"))
        .args(args)
        .env_remove("KUAIDA_DATA_DIR")
        .output()
        .unwrap();
    let text = String::from_utf8(o.stdout).unwrap() + &String::from_utf8(o.stderr).unwrap();
    (o.status.code().unwrap(), text)
}

#[test]
fn a_quick_reply_export_is_recomputed_and_tampering_caught() {
    let tmp = TempDir::new().unwrap();
    let pack_path = tmp.path().join("qr-class.toml");
    std::fs::write(&pack_path, PACK).unwrap();
    let pack = load_file(
        &pack_path,
        PackSource::File {
            path: pack_path.clone(),
        },
    )
    .unwrap();
    let honest = conversation(&pack);
    let m = honest.messages.clone().unwrap();
    assert!(m.iter().all(|m| m.template_ok && m.slots_ok));
    assert_eq!(m[0].code.as_deref(), Some("cx"));
    assert!(m[0].keys < m[0].keys_if_typed, "the code saved keys");
    assert_eq!((honest.errors, honest.backspaces), (1, 1));

    // Through JSON and back, with the teacher's pack: every figure recomputed.
    let doc = write_doc(tmp.path(), "honest.json", vec![honest.clone()]);
    let (code, out) = verify(&doc, Some(&pack_path));
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("all 1 sessions hold (0 not recomputed)"),
        "{out}"
    );

    // Without it (not a built-in pack): the log-only checks hold, and it says so.
    let (code, out) = verify(&doc, None);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("(1 not recomputed)") && out.contains("give --pack"),
        "{out}"
    );

    // A faster first response.
    let mut s = honest.clone();
    s.messages.as_mut().unwrap()[0].response_ms = Some(1_000);
    let doc = write_doc(tmp.path(), "fast.json", vec![s]);
    for pack in [Some(pack_path.as_path()), None] {
        let (code, out) = verify(&doc, pack);
        assert_eq!(code, 1, "{out}");
        assert!(
            out.contains(
                "qr-1 (qr-class/chat, 2026-12-01 10:00): messages is #1 response_ms 1000ms"
            ),
            "{out}"
        );
    }

    // A better cpm, a reply claimed right, a keystroke taken out: caught with the pack.
    let mut cpm = honest.clone();
    cpm.cpm += 20.0;
    let mut right = honest.clone();
    right.messages.as_mut().unwrap()[1].slots_ok = false;
    let mut removed = honest.clone();
    let at = removed
        .keystrokes
        .iter()
        .position(|k| k.op == kuaida::record::Op::Backspace)
        .unwrap();
    removed.keystrokes.remove(at);
    for (name, s, says) in [
        ("cpm.json", cpm, "cpm is"),
        ("slots.json", right, "#2 slots_ok false"),
        (
            "removed.json",
            removed,
            "the typed text does not follow from the keystrokes",
        ),
    ] {
        let (code, out) = verify(&write_doc(tmp.path(), name, vec![s]), Some(&pack_path));
        assert_eq!(code, 1, "{name}: {out}");
        assert!(out.contains(says), "{name}: {out}");
    }
}

#[test]
fn a_built_in_pack_needs_no_pack_option() {
    let pack = kuaida::pack::builtin()
        .into_iter()
        .find(|p| p.id == "after-sale")
        .unwrap();
    let drill = pack
        .drills
        .iter()
        .find(|d| matches!(*d.body, DrillBody::QuickReply { .. }))
        .unwrap();
    let mut s = QuickReplySession::for_drill(&pack, drill).unwrap();
    s.next_message(0);
    let code = s.scenario().unwrap().expect[0].clone();
    let t = type_each(&mut s, 900_000, &format!("/{code}"));
    keys(&mut s, t, &[Enter]);
    keys(&mut s, t + 700_000, &[Enter]);
    keys(&mut s, t + 1_500_000, &[Esc]);
    let r = s.record(&pack, drill, "qr-2".into(), started());
    let tmp = TempDir::new().unwrap();
    let doc = write_doc(tmp.path(), "builtin.json", vec![r.clone()]);
    let (code, out) = verify(&doc, None);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("all 1 sessions hold (0 not recomputed)"),
        "{out}"
    );
    let mut bad = r;
    bad.messages.as_mut().unwrap()[0].template_ok = !bad.messages.as_ref().unwrap()[0].template_ok;
    let (code, out) = verify(&write_doc(tmp.path(), "bad.json", vec![bad]), None);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("#1 template_ok"), "{out}");
}

fn report(doc: &Path) -> (i32, String) {
    let args: Vec<&OsStr> = vec![
        "--lang".as_ref(),
        "en".as_ref(),
        "report".as_ref(),
        doc.as_os_str(),
    ];
    let o = Command::new(env!("CARGO_BIN_EXE_kuaida"))
        .args(args)
        .env_remove("KUAIDA_DATA_DIR")
        .output()
        .unwrap();
    let text = String::from_utf8(o.stdout).unwrap() + &String::from_utf8(o.stderr).unwrap();
    (o.status.code().unwrap(), text)
}

/// A log with more show/send pairs than the record's `messages` (and one with fewer):
/// `verify` names the problem and `report` flags the session; neither panics.
#[test]
fn messages_and_log_that_disagree_are_a_problem_not_a_panic() {
    let tmp = TempDir::new().unwrap();
    let pack_path = tmp.path().join("qr-class.toml");
    std::fs::write(&pack_path, PACK).unwrap();
    let pack = load_file(
        &pack_path,
        PackSource::File {
            path: pack_path.clone(),
        },
    )
    .unwrap();
    let honest = conversation(&pack);
    let lines: Vec<String> = honest.target.split('\n').map(str::to_string).collect();
    assert_eq!(lines.len(), 2);

    // Two messages in the log, one in the record, whose target has one line.
    let mut fewer = honest.clone();
    fewer.id = "qr-fewer".into();
    fewer.messages.as_mut().unwrap().truncate(1);
    fewer.target = lines[0].clone();
    // Three in the record, three target lines, two in the log.
    let mut more = honest.clone();
    more.id = "qr-more".into();
    let extra = more.messages.as_ref().unwrap()[1].clone();
    more.messages.as_mut().unwrap().push(extra);
    more.target = [lines[0].as_str(), &lines[1], &lines[1]].join("\n");
    // No messages at all, and a log of shows only.
    let mut none = honest.clone();
    none.id = "qr-none".into();
    none.messages = None;
    let mut shows = honest.clone();
    shows.id = "qr-shows".into();
    shows
        .keystrokes
        .retain(|k| matches!(k.op, kuaida::record::Op::Show { .. }));

    for s in [fewer, more, none, shows] {
        let id = s.id.clone();
        let doc = write_doc(tmp.path(), &format!("{id}.json"), vec![s]);
        for pack in [Some(pack_path.as_path()), None] {
            let (code, out) = verify(&doc, pack);
            assert_eq!(code, 1, "{id}, pack {pack:?}: {out}");
            assert!(!out.contains("panicked"), "{id}: {out}");
            assert!(out.contains(&format!("{id} (qr-class/chat")), "{id}: {out}");
            assert!(out.contains("messages is #"), "{id}: {out}");
        }
        let (code, out) = report(&doc);
        assert_eq!(code, 0, "{id}: {out}");
        assert!(!out.contains("panicked"), "{id}: {out}");
        assert!(out.contains("record does not add up"), "{id}: {out}");
    }
}

mod crafted {
    //! Quick-reply records whose `messages`, `target` and log were put together by hand:
    //! `verify` (with the teacher's pack and without) and `report` never panic.
    use super::*;
    use kuaida::record::{Keystroke, Op};
    use proptest::prelude::*;

    fn pack() -> Pack {
        kuaida::pack::load_text(
            PACK,
            "qr-class.toml",
            PackSource::Builtin {
                file: "qr-class.toml".into(),
            },
        )
        .unwrap()
    }

    fn any_op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (0usize..5).prop_map(|index| Op::Show { index }),
            Just(Op::Send),
            Just(Op::Abandon),
            Just(Op::Backspace),
            Just(Op::NextSlot),
            prop::sample::select(vec!["亲", "/", "c", "x", "5"]).prop_map(|t| Op::Input {
                text: t.to_string(),
                ok: true
            }),
            prop::sample::select(vec!["cx", "tk", "zz"]).prop_map(|c| Op::Select {
                code: c.to_string()
            }),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn crafted_messages_and_logs_never_panic(
            keep in 0usize..4,
            copies in 0usize..3,
            lines in 0usize..5,
            inserted in prop::collection::vec((0usize..40, any_op()), 0..8),
            dropped in prop::collection::vec(0usize..40, 0..4),
        ) {
            let pack = pack();
            let mut r = conversation(&pack);
            let mut messages = r.messages.take().unwrap_or_default();
            messages.truncate(keep);
            if let Some(last) = messages.last().cloned() {
                messages.extend(std::iter::repeat_n(last, copies));
            }
            r.messages = Some(messages);
            r.target = vec!["亲，退款59元已原路退回，请注意查收。"; lines].join("\n");
            for at in dropped {
                if at < r.keystrokes.len() {
                    r.keystrokes.remove(at);
                }
            }
            for (at, op) in inserted {
                let at = at.min(r.keystrokes.len());
                let t_us = r.keystrokes.get(at).map_or(20_000_000, |k| k.t_us);
                r.keystrokes.insert(at, Keystroke { t_us, op });
            }
            let _ = kuaida::verify::check(&r, std::slice::from_ref(&pack));
            let _ = kuaida::verify::check(&r, &[]);
            let doc = kuaida::report::Loaded {
                source: "crafted.json".into(),
                doc: ResultsDoc::new(Student::default(), started(), vec![r]),
            };
            let _ = kuaida::report::build(&[doc], &[]);
        }
    }
}
