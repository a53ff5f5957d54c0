//! One student's file must never take down the class (issue 15): each hole the red-team
//! run found, reproduced through the real binary. `KUAIDA_BIN` runs these against
//! another build (how they were seen to fail before the fixes).
//!
//! Wall-clock bounds here are hang detectors only, many times what a fixed build takes;
//! memory bounds are set with `ulimit -v`, so a blow-up fails instead of swapping.
#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

use kuaida::pack::{DrillBody, Pack, builtin};
use kuaida::reply::quickreply::{Applied, QuickReplySession, ReplyBatch, ReplyKey};
use serde_json::{Value, json};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;

fn bin() -> String {
    std::env::var("KUAIDA_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_kuaida").to_string())
}

/// Run kuaida with `--data-dir data --lang en ARGS` under a virtual-memory limit (KiB),
/// killed after `hang` (a hang detector: the test then fails).
fn run_bounded(data: &Path, args: &[&str], mem_kib: u64, hang: Duration) -> Output {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {mem_kib}; exec \"$@\""))
        .arg("sh")
        .arg(bin())
        .arg("--data-dir")
        .arg(data)
        .args(["--lang", "en"])
        .args(args)
        .env_remove("KUAIDA_DATA_DIR")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read the pipes on threads so a large output cannot stall the child.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out_t = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = std::io::Read::read_to_end(&mut out, &mut v);
        v
    });
    let err_t = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = std::io::Read::read_to_end(&mut err, &mut v);
        v
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > hang {
            let _ = child.kill();
            let _ = child.wait();
            panic!("kuaida {args:?} still running after {hang:?}: a hang");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    Output {
        status,
        stdout: out_t.join().unwrap(),
        stderr: err_t.join().unwrap(),
    }
}

fn run(data: &Path, args: &[&str]) -> Output {
    run_bounded(data, args, 4_000_000, Duration::from_secs(120))
}

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr)
}

fn doc(student: (&str, &str), sessions: Vec<Value>) -> Value {
    json!({
        "format": "kuaida-results", "version": 1,
        "student": {"name": student.0, "id": student.1},
        "exported_at": "2026-12-01T12:00:00+08:00",
        "sessions": sessions,
    })
}

fn write(path: &Path, v: &Value) {
    std::fs::write(path, serde_json::to_vec(v).unwrap()).unwrap();
}

/// A plain typing session as JSON: `id`, on `drill`, typing `typed` one grapheme a
/// second.
fn typing_session(id: &str, drill: &str, typed: &str) -> Value {
    let keystrokes: Vec<Value> = typed
        .chars()
        .enumerate()
        .map(|(i, c)| json!({"t_us": i as u64 * 1_000_000, "op": "input", "text": c.to_string(), "ok": true}))
        .collect();
    let n = typed.chars().count() as u64;
    let t_ms = n.saturating_sub(1) * 1000;
    let cpm = if t_ms == 0 {
        0.0
    } else {
        n as f64 / (t_ms as f64 / 60_000.0)
    };
    json!({
        "id": id, "pack": "class", "pack_version": "1", "pack_hash": "h", "drill": drill,
        "drill_title": "练习", "kind": "text", "mode": null,
        "started_at": "2026-12-01T10:00:00+08:00", "completed": true,
        "duration_ms": t_ms, "cpm": cpm, "net_cpm": cpm, "wpm": cpm / 5.0, "kpm": cpm,
        "accuracy": 100.0, "consistency": 100.0, "backspaces": 0, "corrections": 0,
        "errors": 0, "halfwidth": 0, "passed": null, "time_limit": null, "strict": false,
        "pass": null, "target": typed, "typed": typed,
        "student": {"name": null, "id": null}, "start_code": null,
        "keystrokes": keystrokes,
    })
}

fn quick_reply_drill() -> (Pack, String) {
    for p in builtin() {
        if let Some(d) = p
            .drills
            .iter()
            .find(|d| matches!(*d.body, DrillBody::QuickReply { .. }))
        {
            let id = d.id.clone();
            return (p, id);
        }
    }
    panic!("no built-in quick-reply drill");
}

/// Finding 1: a quick-reply session on a built-in drill whose log types about 80
/// graphemes by hand against a recorded reply of 10,000.
fn long_reply_session(id: &str) -> Value {
    let (pack, drill_id) = quick_reply_drill();
    let drill = pack.drill(&drill_id).unwrap();
    let mut s = QuickReplySession::for_drill(&pack, drill).unwrap();
    s.next_message(0);
    let mut t = 1_000_000;
    let words = "亲您好请问有什么可以帮您的吗我们会尽快为您处理好的呢";
    for c in words.chars().cycle().take(80) {
        let _ = s.apply(t, &ReplyBatch::Keys(vec![ReplyKey::Char(c)]));
        t += 200_000;
    }
    if s.apply(t, &ReplyBatch::Keys(vec![ReplyKey::Enter])) == Applied::Next {
        s.next_message(t);
    }
    let started = chrono::DateTime::parse_from_rfc3339("2026-12-01T10:00:00+08:00").unwrap();
    let record = s.record(&pack, drill, id.into(), started);
    let mut v = serde_json::to_value(&record).unwrap();
    // Every way of placing the typed graphemes stands in it: only the end tells.
    let reply: String = words.chars().cycle().take(10_000).collect();
    v["messages"][0]["reply"] = json!(reply);
    v
}

#[test]
fn finding_1_a_long_recorded_reply_does_not_hang_verify_or_report() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("long.json");
    write(
        &file,
        &doc(
            ("甲", "1"),
            (0..3)
                .map(|i| long_reply_session(&format!("q{i}")))
                .collect(),
        ),
    );
    let data = dir.path().join("data");
    let hang = Duration::from_secs(90);
    let v = run_bounded(&data, &["verify", file.to_str().unwrap()], 4_000_000, hang);
    // Too costly to check honestly: named, and a finding (exit 1).
    assert_eq!(v.status.code(), Some(1), "{}", text(&v));
    assert!(
        text(&v).contains("long.json") && text(&v).contains("not checked"),
        "{}",
        text(&v)
    );
    let r = run_bounded(
        &data,
        &["report", dir.path().to_str().unwrap()],
        4_000_000,
        hang,
    );
    assert_eq!(r.status.code(), Some(0), "{}", text(&r));
}

#[test]
fn finding_2_students_on_different_drills_do_not_multiply_memory() {
    let dir = TempDir::new().unwrap();
    let n = 4000;
    let sessions: Vec<Value> = (0..n)
        .map(|i| {
            let mut s = typing_session(&format!("s{i}"), &format!("d{i}"), "亲");
            s["student"] = json!({"name": format!("学生{i}"), "id": format!("{i}")});
            s
        })
        .collect();
    write(&dir.path().join("many.json"), &doc(("甲", "1"), sessions));
    let data = dir.path().join("data");
    let r = run_bounded(
        &data,
        &["report", dir.path().to_str().unwrap()],
        600_000,
        Duration::from_secs(120),
    );
    assert_eq!(r.status.code(), Some(0), "{}", text(&r));
    let out = String::from_utf8_lossy(&r.stdout);
    assert!(
        out.contains("学生3999") && out.contains("d3999"),
        "{out:.2000}"
    );
}

/// Finding 3: zip entries that parse to many times their size.
fn swollen_zip(path: &Path, entries: usize, entry_bytes: usize) {
    use std::io::Write;
    let mut s = typing_session("z", "d", "亲");
    s["kind"] = json!("text");
    s["mode"] = json!("pinyin");
    s["readings"] = json!([]);
    let head = serde_json::to_string(&doc(("乙", "2"), vec![s])).unwrap();
    // Put the padding inside "readings": [[],[],…].
    let (before, after) = head.split_once("\"readings\":[]").unwrap();
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    for e in 0..entries {
        zip.start_file(format!("e{e}.json"), opts).unwrap();
        // Each entry its own (identical files would be read once).
        zip.write_all(before.replacen("\"z\"", &format!("\"z{e}\""), 1).as_bytes())
            .unwrap();
        zip.write_all(b"\"readings\":[[]").unwrap();
        let chunk = ",[]".repeat(1 << 16);
        let mut written = 0;
        while written + chunk.len() < entry_bytes {
            zip.write_all(chunk.as_bytes()).unwrap();
            written += chunk.len();
        }
        zip.write_all(b"]").unwrap();
        zip.write_all(after.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}

#[test]
fn finding_3_a_zip_of_swollen_entries_is_read_one_entry_at_a_time() {
    let dir = TempDir::new().unwrap();
    swollen_zip(&dir.path().join("class.zip"), 4, 60 << 20);
    write(
        &dir.path().join("ok.json"),
        &doc(("丙", "3"), vec![typing_session("ok", "d", "亲在吗")]),
    );
    let data = dir.path().join("data");
    let r = run_bounded(
        &data,
        &["report", dir.path().to_str().unwrap()],
        1_500_000,
        Duration::from_secs(120),
    );
    assert_eq!(r.status.code(), Some(0), "{}", text(&r));
    let err = String::from_utf8_lossy(&r.stderr);
    for e in 0..4 {
        assert!(err.contains(&format!("class.zip!e{e}.json")), "{err}");
    }
    assert!(String::from_utf8_lossy(&r.stdout).contains("丙"));
}

/// Finding 4: times past a day are refused at the door; a history that already holds
/// them still opens and shows the rest.
#[test]
fn finding_4_sessions_at_the_end_of_time_are_refused_and_never_break_stats() {
    let dir = TempDir::new().unwrap();
    let mut late = typing_session("late-1", "d", "亲在吗");
    late["keystrokes"][2]["t_us"] = json!(5_000_000_000_000_000_000u64);
    let mut late2 = typing_session("late-2", "d", "亲在吗");
    late2["keystrokes"][2]["t_us"] = json!(5_000_000_000_000_000_000u64);
    let file = dir.path().join("late.json");
    write(&file, &doc(("丁", "4"), vec![late.clone(), late2.clone()]));
    let data = dir.path().join("data");
    let i = run(&data, &["history", "import", file.to_str().unwrap()]);
    assert_ne!(i.status.code(), Some(0), "{}", text(&i));
    assert!(text(&i).contains("late-1"), "{}", text(&i));
    let v = run(&data, &["verify", file.to_str().unwrap()]);
    assert_eq!(v.status.code(), Some(1), "{}", text(&v));
    assert!(text(&v).contains("late-1"), "{}", text(&v));

    // A history written before the door was there.
    let old = dir.path().join("old");
    let store_data = kuaida::paths::DataDir::new(old.clone());
    let mut store = kuaida::store::Store::open(&store_data).unwrap();
    let records: Vec<kuaida::record::SessionRecord> = [
        late,
        late2,
        typing_session("fine", "d", "亲在吗亲在吗亲在吗亲在吗"),
    ]
    .into_iter()
    .map(|v| serde_json::from_value(v).unwrap())
    .collect();
    let _ = store.import(&records);
    drop(store);
    for args in [
        &["stats"][..],
        &["stats", "--json"],
        &["history"],
        &["export"],
    ] {
        let o = run(&old, args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", text(&o));
    }
}

/// Everything a string from a file may not carry to a terminal.
const HOSTILE: &str =
    "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{85}\u{202E}\u{2067}\u{200E}\u{200F}\u{061C}\u{200B}";

fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<String> = text
        .chars()
        .filter(|&c| !matches!(c, '\n' | '\r' | '\t' | '\u{FEFF}'))
        .filter(|&c| kuaida::safe_text::is_unsafe(c) && c != '\u{200D}')
        .map(|c| format!("U+{:04X}", u32::from(c)))
        .collect();
    assert!(bad.is_empty(), "{what}: {bad:?} in {text:?}");
}

#[test]
fn finding_5_no_escape_or_hidden_mark_reaches_any_output() {
    let dir = TempDir::new().unwrap();
    let data = dir.path().join("data");
    let mut s = typing_session("esc-1", &format!("d{HOSTILE}"), "亲在吗");
    s["pack"] = json!(format!("p{HOSTILE}"));
    s["drill_title"] = json!(format!("t{HOSTILE}"));
    s["pack_version"] = json!(format!("v{HOSTILE}"));
    s["student"] = json!({"name": format!("n{HOSTILE}"), "id": "5"});
    let file = dir.path().join("esc.json");
    write(&file, &doc((&format!("n{HOSTILE}"), "5"), vec![s]));
    let i = run(&data, &["history", "import", file.to_str().unwrap()]);
    assert_eq!(i.status.code(), Some(0), "{}", text(&i));
    let _ = run(&data, &["config", "set", "student.id", "5"]);
    let hostile_name = dir.path().join(format!("x{HOSTILE}.toml"));
    std::fs::write(
        &hostile_name,
        "[pack]\nid = \"bidi\"\ntitle = \"售前\u{200E}\u{061C}\"\nversion = \"1\"\n\n[[drill]]\nid = \"t\"\ntitle = \"t\"\nkind = \"text\"\ntext = \"亲\"\n",
    )
    .unwrap();
    let pack_dir = data.join("packs");
    std::fs::create_dir_all(&pack_dir).unwrap();
    std::fs::write(
        pack_dir.join(format!("y{HOSTILE}.toml")),
        "[pack]\nid = \"named\"\ntitle = \"t\"\nversion = \"1\"\n\n[[drill]]\nid = \"t\"\ntitle = \"t\"\nkind = \"text\"\ntext = \"亲\"\n",
    )
    .unwrap();
    let out_dir = dir.path().join("out");
    std::fs::create_dir_all(&out_dir).unwrap();
    let f = file.to_str().unwrap();
    let h = hostile_name.to_str().unwrap();
    let d = dir.path().to_str().unwrap();
    let runs: Vec<Vec<&str>> = vec![
        vec!["history"],
        vec!["history", "--json"],
        vec!["stats"],
        vec!["stats", "--json"],
        vec!["export"],
        vec!["export", "--format", "csv"],
        vec!["verify", f],
        vec!["report", f],
        vec!["report", d, "--format", "csv"],
        vec!["pack", "check", h],
        vec!["pack", "list"],
        vec!["pack", "add", h],
    ];
    for args in &runs {
        let o = run(&data, args);
        assert_clean(&format!("{args:?} stdout"), &o.stdout);
        assert_clean(&format!("{args:?} stderr"), &o.stderr);
    }
    // A pack title with a left-to-right mark is refused by pack check.
    let c = run(&data, &["pack", "check", h]);
    assert_eq!(c.status.code(), Some(1), "{}", text(&c));
    // Files written hold the text escaped (JSON) or replaced (CSV).
    let json_out = out_dir.join("e.json");
    let csv_out = out_dir.join("e.csv");
    let _ = run(&data, &["export", "--out", json_out.to_str().unwrap()]);
    let _ = run(
        &data,
        &[
            "export",
            "--format",
            "csv",
            "--out",
            csv_out.to_str().unwrap(),
        ],
    );
    for p in [&json_out, &csv_out] {
        assert_clean(&p.display().to_string(), &std::fs::read(p).unwrap());
    }
    let back: Value = serde_json::from_slice(&std::fs::read(&json_out).unwrap()).unwrap();
    assert_eq!(back["sessions"][0]["drill"], json!(format!("d{HOSTILE}")));
}

/// Names the old scheme gave temporary files (`.NAME.PID.tmp`) for the next pids.
#[cfg(target_os = "linux")]
fn plant_links(dir: &Path, name: &str, victim: &Path) {
    let last: u32 = std::fs::read_to_string("/proc/sys/kernel/ns_last_pid")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(1);
    for pid in last..last + 400 {
        let _ = std::os::unix::fs::symlink(victim, dir.join(format!(".{name}.{pid}.tmp")));
    }
}

#[cfg(target_os = "linux")]
#[test]
fn finding_6_pack_add_and_config_never_write_through_a_planted_link() {
    let dir = TempDir::new().unwrap();
    let data = dir.path().join("data");
    let packs = data.join("packs");
    std::fs::create_dir_all(&packs).unwrap();
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "teacher's file").unwrap();
    let pack = dir.path().join("p.toml");
    std::fs::write(
        &pack,
        "[pack]\nid = \"linked\"\ntitle = \"t\"\nversion = \"1\"\n\n[[drill]]\nid = \"t\"\ntitle = \"t\"\nkind = \"text\"\ntext = \"亲\"\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(&victim, packs.join("linked.toml")).unwrap();
    plant_links(&packs, "linked.toml", &victim);
    let o = run(&data, &["pack", "add", pack.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "teacher's file");
    let installed = std::fs::symlink_metadata(packs.join("linked.toml")).unwrap();
    assert!(installed.file_type().is_file());

    plant_links(&data, "config.toml", &victim);
    let o = run(&data, &["config", "set", "student.name", "张三"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "teacher's file");
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"))
}

/// Run kuaida on a data dir it can read but not write: a read-only bind mount in a
/// private mount namespace as root (root ignores file modes), else the modes.
#[cfg(target_os = "linux")]
fn run_read_only(data: &Path, args: &[&str]) -> Option<Output> {
    let mut cmd = if is_root() {
        let mut c = Command::new("unshare");
        c.args(["-m", "--propagation", "private", "sh", "-c"])
            .arg("mount --bind -o ro \"$1\" \"$1\" && shift && exec \"$@\"")
            .arg("sh")
            .arg(data)
            .arg(bin());
        c
    } else {
        let _ = Command::new("chmod")
            .arg("-R")
            .arg("a-w")
            .arg(data)
            .status();
        Command::new(bin())
    };
    cmd.arg("--data-dir")
        .arg(data)
        .args(["--lang", "en"])
        .args(args)
        .env_remove("KUAIDA_DATA_DIR");
    let o = cmd.output().ok()?;
    if is_root() && String::from_utf8_lossy(&o.stderr).contains("mount:") {
        return None; // no private mounts here
    }
    Some(o)
}

#[cfg(target_os = "linux")]
#[test]
fn finding_7_a_read_only_data_dir_still_shows_history_stats_and_exports() {
    let dir = TempDir::new().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("r.json");
    write(
        &file,
        &doc(
            ("戊", "7"),
            vec![typing_session("ro-1", "d", "亲在吗亲在吗亲在吗亲在吗")],
        ),
    );
    let i = run(&data, &["history", "import", file.to_str().unwrap()]);
    assert_eq!(i.status.code(), Some(0), "{}", text(&i));
    for args in [
        &["history"][..],
        &["history", "--json"],
        &["stats"],
        &["stats", "--json"],
        &["export"],
    ] {
        let Some(o) = run_read_only(&data, args) else {
            eprintln!("not run: no read-only mount here");
            return;
        };
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", text(&o));
    }
    let h = run_read_only(&data, &["history", "--json"]).unwrap();
    assert!(String::from_utf8_lossy(&h.stdout).contains("ro-1"));
}

#[cfg(unix)]
#[test]
fn finding_8_a_fifo_named_json_does_not_block_report() {
    let dir = TempDir::new().unwrap();
    let fifo = dir.path().join("pipe.json");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    write(
        &dir.path().join("ok.json"),
        &doc(("己", "8"), vec![typing_session("f-1", "d", "亲在吗")]),
    );
    let data = dir.path().join("data");
    let r = run_bounded(
        &data,
        &["report", dir.path().to_str().unwrap()],
        4_000_000,
        Duration::from_secs(30),
    );
    assert_eq!(r.status.code(), Some(0), "{}", text(&r));
    assert!(text(&r).contains("pipe.json"), "{}", text(&r));
    let v = run_bounded(
        &data,
        &["verify", fifo.to_str().unwrap()],
        4_000_000,
        Duration::from_secs(30),
    );
    assert_eq!(v.status.code(), Some(2), "{}", text(&v));
}

/// Done when: 40 normal exports and one file from each finding, in one folder.
#[test]
fn a_class_folder_with_one_bad_file_of_each_kind_is_reported_in_bounded_memory() {
    let dir = TempDir::new().unwrap();
    let class = dir.path().join("class");
    std::fs::create_dir_all(&class).unwrap();
    for i in 0..40 {
        let sessions = (0..5)
            .map(|k| {
                typing_session(
                    &format!("n{i}-{k}"),
                    &format!("d{}", k % 3),
                    "亲，您好！请问有什么可以帮您？我们马上为您处理。",
                )
            })
            .collect();
        write(
            &class.join(format!("2026{i:03}_学生{i}.json")),
            &doc((&format!("学生{i}"), &format!("2026{i:03}")), sessions),
        );
    }
    write(
        &class.join("bad1_long_reply.json"),
        &doc(
            ("坏1", "b1"),
            (0..3)
                .map(|i| long_reply_session(&format!("b1-{i}")))
                .collect(),
        ),
    );
    let many: Vec<Value> = (0..4000)
        .map(|i| {
            let mut s = typing_session(&format!("b2-{i}"), &format!("x{i}"), "亲");
            s["student"] = json!({"name": format!("坏2-{i}"), "id": format!("b2-{i}")});
            s
        })
        .collect();
    write(
        &class.join("bad2_many_drills.json"),
        &doc(("坏2", "b2"), many),
    );
    swollen_zip(&class.join("bad3_swollen.zip"), 4, 60 << 20);
    let mut late = typing_session("b4", "d", "亲在吗");
    late["keystrokes"][2]["t_us"] = json!(5_000_000_000_000_000_000u64);
    write(
        &class.join("bad4_late.json"),
        &doc(("坏4", "b4"), vec![late]),
    );
    let mut esc = typing_session("b5", &format!("d{HOSTILE}"), "亲在吗");
    esc["student"] = json!({"name": format!("坏5{HOSTILE}"), "id": "b5"});
    write(
        &class.join(format!("bad5{HOSTILE}.json")),
        &doc(("坏5", "b5"), vec![esc]),
    );
    #[cfg(unix)]
    {
        let made = Command::new("mkfifo")
            .arg(class.join("bad8_fifo.json"))
            .status()
            .unwrap();
        assert!(made.success());
    }
    let data = dir.path().join("data");
    let started = Instant::now();
    let r = run_bounded(
        &data,
        &["report", class.to_str().unwrap()],
        1_500_000,
        Duration::from_secs(120),
    );
    let took = started.elapsed();
    eprintln!("report of the class folder: {took:?}");
    assert_eq!(r.status.code(), Some(0), "{}", text(&r));
    assert_clean("stdout", &r.stdout);
    assert_clean("stderr", &r.stderr);
    let out = String::from_utf8_lossy(&r.stdout);
    let err = String::from_utf8_lossy(&r.stderr);
    for i in 0..40 {
        assert!(out.contains(&format!("学生{i}")), "student {i} missing");
    }
    assert!(err.contains("bad3_swollen.zip!e0.json"), "{err}");
    assert!(err.contains("bad1_long_reply.json"), "{err}");
    assert!(err.contains("bad4_late.json"), "{err}");
    assert!(out.contains("too costly to check"), "{out:.3000}");
    #[cfg(unix)]
    assert!(err.contains("bad8_fifo.json"), "{err}");
    assert!(text(&r).contains("b4"), "{}", text(&r));
    // KUAIDA_KEEP_CLASS=DIR keeps the folder, to measure a release build on it.
    if let Some(keep) = std::env::var_os("KUAIDA_KEEP_CLASS") {
        let _ = std::fs::rename(&class, keep);
    }
}
