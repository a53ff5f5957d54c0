//! A class's exports made the way the trainer makes them: each session typed through
//! the engine on a drill of the teacher's pack (or a student's copy of it) and saved
//! by the engine's own record builder; files written by `kuaida export` from a
//! student's data dir, or as the same document for the quick tests.

use kuaida::engine::record::typing_record;
use kuaida::engine::{Batch, Key, Rules, Typing};
use kuaida::pack::{DrillBody, Pack, PackSource, load_text};
use kuaida::record::{ResultsDoc, SessionRecord, Student};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The teacher's pack: a warm-up (practice: no pass line), an exam started with the code announced in class,
/// a drill with a typo the teacher may fix, and two assignments.
pub const TEACHER_PACK: &str = r#"[pack]
id = "class-term"
title = "售前接待 · 本学期"
version = "2026秋-1"

[[drill]]
id = "warmup"
title = "热身 · 问好"
kind = "text"
text = "亲，您好！欢迎光临小橙家居，请问有什么可以帮您？"

[[drill]]
id = "exam"
title = "期中 · 售前接待"
kind = "text"
text = """亲，您好！这款保温杯现在有货，今天下单明天就能发出。
杯身是三百零四不锈钢，保温十二个小时没有问题。
您还有什么想了解的，随时问我哦。"""
time_limit = 300
pass = { cpm = 40, accuracy = 90.0 }
start_code = true

[[drill]]
id = "closing"
title = "结束语"
kind = "text"
text = "感谢您的光顾，祝您生活愉快，再见！"

[[assignment]]
id = "week1"
title = "第一周练习"
drills = ["warmup"]
due = 2026-12-06
minutes = 1

[[assignment]]
id = "midterm"
title = "期中"
drills = ["exam"]
due = 2026-12-07T12:00:00+08:00
pass = true
"#;

pub fn pack_from(text: &str) -> Pack {
    load_text(
        text,
        "pack.toml",
        PackSource::File {
            path: "pack.toml".into(),
        },
    )
    .expect("a valid pack")
}

pub fn teacher() -> Pack {
    pack_from(TEACHER_PACK)
}

/// How a student types: `per_commit` 字 an input-method commit, `gap_us` between
/// commits (give or take up to 40 ms, drawn from `seed`: no two people type to the
/// microsecond alike), and every `slip_every`-th commit first typed wrong and taken
/// back.
#[derive(Debug, Clone, Copy)]
pub struct Hands {
    pub per_commit: usize,
    pub gap_us: u64,
    pub slip_every: usize,
    pub seed: u64,
}

impl Hands {
    /// A steady typist at about `cpm` 字/分, two 字 a commit.
    pub fn at(cpm: f64) -> Hands {
        Hands {
            per_commit: 2,
            gap_us: (2.0 * 60_000_000.0 / cpm) as u64,
            slip_every: 7,
            seed: 0,
        }
    }

    /// The gap before commit `n`.
    fn gap(&self, n: usize) -> u64 {
        if self.seed == 0 {
            return self.gap_us;
        }
        let x = self
            .seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(n as u64)
            .wrapping_mul(1442695040888963407);
        self.gap_us - 20_000 + (x >> 33) % 40_000
    }
}

/// A seed for the hands of `student` at `started_at`.
pub fn seed_of(student: &Student, started_at: &str) -> u64 {
    let key = format!("{:?}{started_at}", student.id);
    key.bytes().fold(1469598103934665603u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(1099511628211)
    }) | 1
}

/// The commits typing `text` (its graphemes, line breaks as Enter) the way `hands`
/// type, stopping after `stop` graphemes when given: (time, keys). Enter is a commit
/// of its own, as a key pressed alone is (a batch with a line break is a paste).
pub fn commits(text: &str, hands: Hands, stop: Option<usize>) -> Vec<(u64, Vec<Key>)> {
    let chars: Vec<char> = text.chars().collect();
    let end = stop.unwrap_or(chars.len()).min(chars.len());
    let mut pieces: Vec<Vec<Key>> = Vec::new();
    for line in chars[..end].split_inclusive(|&c| c == '\n') {
        let (words, enter) = match line.split_last() {
            Some((&'\n', words)) => (words, true),
            _ => (line, false),
        };
        for chunk in words.chunks(hands.per_commit.max(1)) {
            pieces.push(chunk.iter().map(|&c| Key::Char(c)).collect());
        }
        if enter {
            pieces.push(vec![Key::Enter]);
        }
    }
    let mut out = Vec::new();
    let mut t = 0;
    for (n, keys) in pieces.into_iter().enumerate() {
        if hands.slip_every > 0 && n % hands.slip_every == hands.slip_every - 1 {
            // A wrong candidate, seen and taken back.
            out.push((t, vec![Key::Char('再')]));
            t += hands.gap(n) / 2;
            out.push((t, vec![Key::Backspace]));
            t += hands.gap(n) / 2;
        }
        out.push((t, keys));
        t += hands.gap(n);
    }
    out
}

/// A session on `drill` of `pack`, typed as `commits` say, saved as the trainer saves
/// it, by `student` at `started_at`, with the start code typed (if any).
pub fn session(
    pack: &Pack,
    drill: &str,
    commits: &[(u64, Vec<Key>)],
    student: &Student,
    started_at: &str,
    code: Option<&str>,
) -> SessionRecord {
    let d = pack.drill(drill).expect("the drill");
    let DrillBody::Text { text } = &*d.body else {
        panic!("a text drill")
    };
    let rules = Rules {
        strict: d.strict,
        time_limit_us: d.time_limit.map(|s| u64::from(s) * 1_000_000),
        shown_not_typed: true,
    };
    let mut typing = Typing::new(std::slice::from_ref(text), rules);
    for (t, keys) in commits {
        typing.apply(*t, &Batch::Keys(keys.clone()));
    }
    let summary = typing.summary();
    let at = chrono::DateTime::parse_from_rfc3339(started_at).expect("a time");
    let mut r = typing_record(pack, d, &summary, typing.log(), student.clone(), at);
    r.start_code = code.map(str::to_owned);
    r
}

/// `text` of drill `drill` typed through by `hands` (seeded by who and when, unless
/// seeded already).
pub fn typed(
    pack: &Pack,
    drill: &str,
    mut hands: Hands,
    student: &Student,
    started_at: &str,
    code: Option<&str>,
) -> SessionRecord {
    let DrillBody::Text { text } = &*pack.drill(drill).expect("drill").body else {
        panic!("a text drill")
    };
    if hands.seed == 0 {
        hands.seed = seed_of(student, started_at);
    }
    session(
        pack,
        drill,
        &commits(text, hands, None),
        student,
        started_at,
        code,
    )
}

pub fn student(id: &str, name: &str) -> Student {
    Student {
        id: Some(id.into()),
        name: Some(name.into()),
    }
}

/// The results document of `student` holding `sessions` (newest first, as exports).
pub fn doc(student: &Student, mut sessions: Vec<SessionRecord>) -> ResultsDoc {
    sessions.sort_by_key(|s| std::cmp::Reverse(s.started_at));
    let at = chrono::DateTime::parse_from_rfc3339("2026-12-07T18:00:00+08:00").expect("time");
    ResultsDoc::new(student.clone(), at, sessions)
}

/// Write `doc` as `学号_姓名_20261207.json` into `dir`; the path.
pub fn write_doc(dir: &Path, doc: &ResultsDoc) -> PathBuf {
    std::fs::create_dir_all(dir).expect("dir");
    let name = format!(
        "{}_{}_20261207.json",
        doc.student.id.as_deref().unwrap_or("x"),
        doc.student.name.as_deref().unwrap_or("x")
    );
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_vec_pretty(doc).expect("json")).expect("written");
    path
}

/// The export `kuaida export` writes of `doc`'s sessions from a data dir of the
/// student's own (imported there first), in `format` (json or csv), into `out`.
pub fn export(work: &Path, doc: &ResultsDoc, format: &str, out: &Path) -> PathBuf {
    let id = doc.student.id.clone().unwrap_or_default();
    let name = doc.student.name.clone().unwrap_or_default();
    let data = work.join(format!("data-{id}"));
    std::fs::create_dir_all(&data).expect("data dir");
    let file = data.join("in.json");
    std::fs::write(&file, serde_json::to_vec(doc).expect("json")).expect("written");
    super::cli::kuaida_ok(&data, &["history", "import", file.to_str().expect("path")]);
    std::fs::create_dir_all(out).expect("out dir");
    let before: Vec<PathBuf> = files_in(out);
    super::cli::kuaida_ok(
        &data,
        &[
            "export",
            "--format",
            format,
            "--student",
            &name,
            "--student-id",
            &id,
            "--out",
            out.to_str().expect("path"),
        ],
    );
    files_in(out)
        .into_iter()
        .find(|p| !before.contains(p))
        .expect("export wrote a file")
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default()
}

/// A zip at `path` of (name inside, bytes).
pub fn zip(path: &Path, entries: &[(String, Vec<u8>)]) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).expect("zip file"));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        zip.start_file(name.as_str(), opts).expect("entry");
        zip.write_all(bytes).expect("written");
    }
    zip.finish().expect("finished");
}

/// Write `text` as a pack file `name` in `dir`.
pub fn write_pack(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("pack written");
    path
}

/// The line of stdout about `who` (a name or 学号).
pub fn line<'a>(out: &'a str, who: &str) -> &'a str {
    out.lines().find(|l| l.contains(who)).unwrap_or("")
}

/// `kuaida --data-dir DATA ARGS` on a teacher's PC in China (TZ=CST-8), so the dates
/// a teacher writes and the times a table shows are Beijing time on any test machine.
pub fn on_teachers_pc(data: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(super::BIN)
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("KUAIDA_DATA_DIR")
        .env("TZ", "CST-8")
        .output()
        .expect("kuaida runs")
}
