use super::*;
use crate::Error;
use crate::record::{Keystroke, MessageResult, Op, ResultsDoc, Student};
use std::path::Path;
use std::time::Duration;
use tempfile::TempDir;

/// A small builder for records: a text drill of 20 字 typed at `cpm` (one mistake fixed
/// on the way), its figures the engine's, as the trainer saves them. `cpm` 0: one 字
/// typed and left.
fn record(id: &str, started: &str, cpm: f64) -> SessionRecord {
    use crate::engine::{Batch, Key, Rules, Typing};
    let target = "亲在".repeat(10);
    let mut t = Typing::new(std::slice::from_ref(&target), Rules::default());
    let graphemes: Vec<char> = target.chars().collect();
    if cpm > 0.0 {
        let total_us = (1_200_000_000.0 / cpm) as u64;
        for (i, c) in graphemes.iter().enumerate() {
            let at = total_us * i as u64 / 19;
            if i == 1 {
                t.apply(at, &Batch::Keys(vec![Key::Char('再'), Key::Backspace]));
            }
            t.apply(at, &Batch::Keys(vec![Key::Char(*c)]));
        }
    } else {
        t.apply(0, &Batch::Keys(vec![Key::Char('亲')]));
    }
    let s = t.summary();
    SessionRecord {
        id: id.into(),
        student: Student {
            name: Some("张三".into()),
            id: Some("2026001".into()),
        },
        pack: "basics".into(),
        pack_version: "1".into(),
        pack_hash: "ab".repeat(32),
        drill: "greet".into(),
        drill_title: "迎接".into(),
        kind: "text".into(),
        mode: None,
        started_at: chrono::DateTime::parse_from_rfc3339(started).unwrap(),
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
        passed: None,
        start_code: None,
        time_limit: None,
        strict: false,
        pass: None,
        target: s.target.clone(),
        typed: s.typed.clone(),
        keystrokes: t.log().to_vec(),
        messages: None,
        shown_not_typed: false,
        target_seconds: None,
        readings: None,
        shift: None,
    }
}

/// `r` left before its end: its last 字 not typed.
fn left(mut r: SessionRecord) -> SessionRecord {
    r.keystrokes.pop();
    r.completed = false;
    r
}

/// A recall session of two codes, one right, on drill `:recall` of pack `basics`.
fn recall_record(id: &str, started: &str) -> SessionRecord {
    use crate::reply::recall::{Prompt, RecallItem, RecallKey, RecallSession};
    let item = |code: &str| RecallItem {
        code: code.into(),
        group: "售前".into(),
        prompt: Prompt::Reply("亲，在的".into()),
        text: "亲，在的".into(),
        accept: vec![code.into()],
    };
    let mut s = RecallSession::new(vec![item("hy"), item("fh")], None);
    s.start(0);
    let keys = |t: &str| {
        t.chars()
            .map(RecallKey::Char)
            .chain([RecallKey::Enter])
            .collect::<Vec<_>>()
    };
    s.apply(3_000_000, &keys("hy"));
    s.apply(12_000_000, &keys("fx"));
    let mut pack = crate::testing::pack(vec![], vec![]);
    pack.id = "basics".into();
    let drill = crate::pack::Drill::plain(
        ":recall",
        "回想".into(),
        crate::pack::DrillBody::Recall {
            group: None,
            count: None,
        },
    );
    let at = chrono::DateTime::parse_from_rfc3339(started).unwrap();
    s.record(&pack, &drill, id.into(), at)
}

fn with_messages(mut r: SessionRecord) -> SessionRecord {
    r.kind = "quickreply".into();
    r.keystrokes.insert(
        0,
        Keystroke {
            t_us: 0,
            op: Op::Show { index: 0 },
        },
    );
    r.keystrokes.push(Keystroke {
        t_us: 950_000,
        op: Op::Select { code: "hy".into() },
    });
    r.keystrokes.push(Keystroke {
        t_us: 990_000,
        op: Op::Send,
    });
    r.messages = Some(vec![MessageResult {
        customer: "在吗？".into(),
        expect: vec!["hy".into()],
        code: Some("hy".into()),
        reply: "亲，在的".into(),
        template_ok: true,
        slots_ok: true,
        extra: None,
        response_ms: Some(990),
        keys: 3,
        keys_if_typed: 5,
    }]);
    r
}

fn dir() -> (TempDir, DataDir) {
    let tmp = TempDir::new().unwrap();
    let data = DataDir::new(tmp.path().join("data"));
    (tmp, data)
}

#[test]
fn a_record_round_trips_with_keystrokes_and_messages() {
    let (_tmp, data) = dir();
    let mut store = Store::open(&data).unwrap();
    assert!(data.history().is_file());
    let r = with_messages(record("a", "2026-11-25T09:00:00+08:00", 61.5));
    store.save(&r).unwrap();
    let back = store.sessions(None).unwrap();
    assert_eq!(back, vec![r]);
    assert_eq!(store.journal_mode().unwrap(), "wal");
}

#[test]
fn sessions_come_newest_first_then_last_saved_first() {
    let (_tmp, data) = dir();
    let mut store = Store::open(&data).unwrap();
    store
        .save(&record("old", "2026-11-25T09:00:00+08:00", 10.0))
        .unwrap();
    // Same instant as "old" written in another offset: the later saved comes first.
    store
        .save(&record("same", "2026-11-25T01:00:00+00:00", 11.0))
        .unwrap();
    store
        .save(&record("new", "2026-11-26T09:00:00+08:00", 12.0))
        .unwrap();
    store
        .save(&record("oldest", "2026-11-24T09:00:00+08:00", 13.0))
        .unwrap();
    let ids: Vec<String> = store
        .sessions(None)
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(ids, ["new", "same", "old", "oldest"]);
    let ids: Vec<String> = store
        .sessions(Some(2))
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(ids, ["new", "same"]);
}

#[test]
fn saving_an_id_twice_adds_nothing() {
    let (_tmp, data) = dir();
    let mut store = Store::open(&data).unwrap();
    let r = record("a", "2026-11-25T09:00:00+08:00", 10.0);
    assert!(store.insert(&r).unwrap());
    let mut changed = r.clone();
    changed.cpm = 99.0;
    assert!(!store.insert(&changed).unwrap());
    store.save(&r).unwrap();
    assert_eq!(store.count().unwrap(), 1);
    assert_eq!(store.sessions(None).unwrap()[0].cpm, 10.0);
    let done = store
        .import(&[r.clone(), record("b", "2026-11-25T10:00:00+08:00", 1.0)])
        .unwrap();
    assert_eq!(
        done,
        Imported {
            added: 1,
            present: 1
        }
    );
}

#[test]
fn drill_figures_are_best_and_last_of_completed_sessions() {
    let (_tmp, data) = dir();
    let mut store = Store::open(&data).unwrap();
    store
        .save(&record("a", "2026-11-25T09:00:00+08:00", 50.0))
        .unwrap();
    store
        .save(&record("b", "2026-11-26T09:00:00+08:00", 40.0))
        .unwrap();
    store
        .save(&left(record("c", "2026-11-27T09:00:00+08:00", 90.0)))
        .unwrap();
    let mut other = record("d", "2026-11-20T09:00:00+08:00", 70.0);
    other.drill = "other".into();
    store.save(&other).unwrap();
    // A small sample never ranks, however fast: 20 字 in 6 s.
    store
        .save(&record("e", "2026-11-28T09:00:00+08:00", 200.0))
        .unwrap();
    let figures = store.drill_figures().unwrap();
    let typing = |drill: &str| {
        let b = figures[&("basics".to_string(), drill.to_string())]
            .typing
            .expect("typing bests");
        (
            (b.best * 10.0).round() / 10.0,
            (b.last * 10.0).round() / 10.0,
            b.sessions,
        )
    };
    assert_eq!(typing("greet"), (50.0, 40.0, 2));
    assert_eq!(typing("other"), (70.0, 70.0, 1));
    assert_eq!(figures.len(), 2);
}

#[test]
fn code_recall_is_not_a_typing_speed_in_bests_or_the_trend() {
    let (_tmp, data) = dir();
    let mut store = Store::open(&data).unwrap();
    store
        .save(&record("a", "2026-11-25T09:00:00+08:00", 50.0))
        .unwrap();
    store
        .save(&recall_record("r", "2026-11-26T09:00:00+08:00"))
        .unwrap();
    let bests = store.drill_bests().unwrap();
    assert_eq!(
        bests.iter().map(|b| b.drill.as_str()).collect::<Vec<_>>(),
        ["greet"]
    );
    let trend = store.trend().unwrap();
    assert_eq!(
        trend.points.iter().map(|p| p.cpm).collect::<Vec<_>>(),
        [50.0]
    );
    assert!(
        store
            .trend_of(Some(("basics", ":recall")))
            .unwrap()
            .points
            .is_empty()
    );
    // Home shows the recall drill's own best: the share right.
    let figures = store.drill_figures().unwrap();
    let recall = figures[&("basics".to_string(), ":recall".to_string())];
    assert_eq!(recall.typing, None);
    assert_eq!(
        recall.answers.map(|b| (b.best, b.sessions)),
        Some((50.0, 1))
    );
}

#[test]
fn per_character_figures_are_kept_for_typing_sessions() {
    let (_tmp, data) = dir();
    let mut store = Store::open(&data).unwrap();
    store
        .save(&record("a", "2026-11-25T09:00:00+08:00", 50.0))
        .unwrap();
    store
        .save(&record("b", "2026-11-25T10:00:00+08:00", 50.0))
        .unwrap();
    store
        .save(&with_messages(record(
            "q",
            "2026-11-25T11:00:00+08:00",
            50.0,
        )))
        .unwrap();
    let totals = store.char_totals().unwrap();
    let zai = totals.iter().find(|t| t.grapheme == "在").unwrap();
    // Ten 在 and one 再 in each typing session; the quick-reply one has none.
    assert_eq!((zai.typed, zai.wrong), (22, 2));
    assert_eq!(zai.confusions, vec![("再".to_string(), 2)]);
}

#[test]
fn a_schema_1_history_gains_its_totals_when_migrated() {
    let (_tmp, data) = dir();
    let mut r = record("a", "2026-11-25T09:00:00+08:00", 50.0);
    r.halfwidth = 3;
    let mut store = Store::open(&data).unwrap();
    store.save(&r).unwrap();
    // Take the file back to schema 1: no summary tables, halfwidth only in the JSON
    // (this connection's views over them go first).
    store
        .conn
        .execute_batch(
            "DROP VIEW temp.scoped_char_total; DROP VIEW temp.scoped_confusion_total;
             DROP VIEW temp.scoped; DROP INDEX session_day; ALTER TABLE session DROP COLUMN day;
             DROP TRIGGER session_char_added; DROP TRIGGER session_char_removed;
             DROP TRIGGER session_confusion_added; DROP TRIGGER session_confusion_removed;
             DROP TABLE char_total; DROP TABLE confusion_total;
             ALTER TABLE session DROP COLUMN halfwidth; DROP TABLE leitner;
             ALTER TABLE session DROP COLUMN small; ALTER TABLE session DROP COLUMN headline;
             ALTER TABLE session DROP COLUMN score; ALTER TABLE session DROP COLUMN mean_ms;
             PRAGMA user_version = 1;",
        )
        .unwrap();
    drop(store);
    let store = Store::open(&data).unwrap();
    let zai = store
        .char_totals()
        .unwrap()
        .into_iter()
        .find(|t| t.grapheme == "在")
        .unwrap();
    assert_eq!((zai.typed, zai.wrong), (11, 1));
    assert_eq!(zai.confusions, vec![("再".to_string(), 1)]);
    // Schema 2 copied the record's claimed 3 half-width marks; schema 5 put in what
    // its log gives.
    assert_eq!(store.totals().unwrap().halfwidth, 0);
    // Schema 3: the local date filled in for the daily goal.
    let days = store.practice_days().unwrap();
    assert_eq!(days.len(), 1);
    assert_eq!(days[0].0.to_string(), "2026-11-25");
}

#[test]
fn an_empty_database_is_migrated_in_place() {
    let (_tmp, data) = dir();
    std::fs::create_dir_all(&data.root).unwrap();
    // An empty SQLite file, as another tool may leave it, and a zero-length file.
    rusqlite::Connection::open(data.history()).unwrap();
    let store = Store::open(&data).unwrap();
    let conn = &store.conn;
    let app: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    let version: i32 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!((app, version), (APPLICATION_ID, SCHEMA_VERSION));
    assert_eq!(version as usize, schema::migrations().len());
    drop(store);
    // Reopening does nothing more.
    let store = Store::open(&data).unwrap();
    assert_eq!(store.count().unwrap(), 0);
}

/// Every byte of the data dir's history file and its companions.
fn snapshot(data: &DataDir) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&data.root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_newer_database_is_refused_and_left_byte_for_byte() {
    let (_tmp, data) = dir();
    let mut store = Store::open(&data).unwrap();
    store
        .save(&record("a", "2026-11-25T09:00:00+08:00", 50.0))
        .unwrap();
    store
        .conn
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    store
        .conn
        .pragma_update(None, "journal_mode", "DELETE")
        .unwrap();
    drop(store);
    let before = snapshot(&data);
    let err = Store::open(&data).unwrap_err();
    assert!(matches!(err, Error::Store { .. }));
    let msg = err.to_string();
    assert!(
        msg.contains("newer kuaida") || msg.contains("更新版本"),
        "{msg}"
    );
    assert_eq!(snapshot(&data), before);
    // Saving falls back to a results file and still leaves history alone.
    let saved = save_session(&data, &record("b", "2026-11-25T10:00:00+08:00", 1.0)).unwrap();
    assert!(matches!(saved, Saved::Fallback { .. }), "{saved:?}");
    let Saved::Fallback { path, .. } = saved else {
        unreachable!()
    };
    assert!(path.starts_with(data.root.join(FALLBACK_DIR)));
    std::fs::remove_dir_all(data.root.join(FALLBACK_DIR)).unwrap();
    assert_eq!(snapshot(&data), before);
}

#[test]
fn a_text_file_named_like_history_is_refused_and_left_byte_for_byte() {
    let (_tmp, data) = dir();
    std::fs::create_dir_all(&data.root).unwrap();
    let text = "这不是数据库 — just some notes the teacher saved here\n".repeat(200);
    std::fs::write(data.history(), &text).unwrap();
    let before = snapshot(&data);
    let err = Store::open(&data).unwrap_err();
    assert!(matches!(err, Error::Store { .. }));
    assert!(!err.to_string().contains('\n'));
    assert_eq!(sqlite_code(&err), Some(rusqlite::ErrorCode::NotADatabase));
    assert_eq!(snapshot(&data), before);
}

/// What SQLite said under a store error, read from its source rather than its words.
fn sqlite_code(err: &Error) -> Option<rusqlite::ErrorCode> {
    std::error::Error::source(err)?
        .downcast_ref::<rusqlite::Error>()?
        .sqlite_error_code()
}

#[test]
fn a_locked_history_says_so_in_its_source() {
    let (_tmp, data) = dir();
    drop(Store::open(&data).unwrap());
    let holder = rusqlite::Connection::open(data.history()).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let r = record("locked-2", "2026-11-25T09:00:00+08:00", 1.0);
    let err = Store::open_with_timeout(&data, Duration::from_millis(50))
        .and_then(|mut store| store.save(&r))
        .unwrap_err();
    assert_eq!(sqlite_code(&err), Some(rusqlite::ErrorCode::DatabaseBusy));
    holder.execute_batch("ROLLBACK").unwrap();
}

#[test]
fn a_foreign_database_is_refused_and_left_byte_for_byte() {
    let (_tmp, data) = dir();
    std::fs::create_dir_all(&data.root).unwrap();
    let conn = rusqlite::Connection::open(data.history()).unwrap();
    conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hi');")
        .unwrap();
    drop(conn);
    let before = snapshot(&data);
    assert!(matches!(Store::open(&data), Err(Error::Store { .. })));
    assert_eq!(snapshot(&data), before);
}

#[test]
fn two_handles_in_two_threads_save_all_their_sessions() {
    let (_tmp, data) = dir();
    let threads: Vec<_> = (0..2)
        .map(|t| {
            let data = data.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&data).unwrap();
                for i in 0..50 {
                    let id = format!("t{t}-{i}");
                    store
                        .save(&record(&id, "2026-11-25T09:00:00+08:00", 1.0))
                        .unwrap();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let store = Store::open(&data).unwrap();
    assert_eq!(store.count().unwrap(), 100);
    assert_eq!(store.sessions(None).unwrap().len(), 100);
}

fn parses_as_one_session(path: &Path, id: &str) {
    let doc: ResultsDoc = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    assert_eq!(doc.format, "kuaida-results");
    assert_eq!(doc.sessions.len(), 1);
    assert_eq!(doc.sessions[0].id, id);
}

#[test]
fn a_lock_held_past_the_busy_timeout_sends_the_session_to_a_fallback_file() {
    let (_tmp, data) = dir();
    drop(Store::open(&data).unwrap());
    let holder = rusqlite::Connection::open(data.history()).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let r = record("locked-1", "2026-11-25T09:00:00+08:00", 1.0);
    let saved = save_session_with_timeout(&data, &r, Duration::from_millis(100)).unwrap();
    let Saved::Fallback { path, reason } = saved else {
        panic!("expected a fallback, got {saved:?}")
    };
    assert!(!reason.is_empty());
    assert_eq!(
        path,
        data.root
            .join(FALLBACK_DIR)
            .join("kuaida-unsaved-locked-1.json")
    );
    parses_as_one_session(&path, "locked-1");
    holder.execute_batch("ROLLBACK").unwrap();
    // Once the lock is gone, the same session goes into history.
    assert!(matches!(save_session(&data, &r).unwrap(), Saved::History));
}

#[cfg(unix)]
#[test]
fn a_read_only_data_dir_sends_the_session_to_the_temp_dir() {
    use std::os::unix::fs::PermissionsExt;
    let (_tmp, data) = dir();
    std::fs::create_dir_all(&data.root).unwrap();
    std::fs::set_permissions(&data.root, std::fs::Permissions::from_mode(0o555)).unwrap();
    // Root ignores permissions: nothing to test then.
    let probe = data.root.join("probe");
    if std::fs::write(&probe, b"x").is_ok() {
        eprintln!("skipped: permissions are not enforced (running as root?)");
        return;
    }
    let id = format!("readonly-{}", uuid::Uuid::new_v4());
    let saved = save_session(&data, &record(&id, "2026-11-25T09:00:00+08:00", 1.0)).unwrap();
    std::fs::set_permissions(&data.root, std::fs::Permissions::from_mode(0o755)).unwrap();
    let Saved::Fallback { path, .. } = saved else {
        panic!("expected a fallback, got {saved:?}")
    };
    assert_eq!(
        path,
        std::env::temp_dir().join(format!("kuaida-unsaved-{id}.json"))
    );
    parses_as_one_session(&path, &id);
    std::fs::remove_file(&path).unwrap();
}

/// Schema 5: every row's figure columns are its record's recomputation; a pinyin record
/// saved with the letters' rate in `cpm` gets its 字/分 there, in the row and the JSON.
#[test]
fn a_schema_4_history_is_refigured_by_kind() {
    let (_tmp, data) = dir();
    // A pinyin session as saved before the rule.
    let phrases = vec!["好的".to_string(), "和我".to_string()];
    let (mut p, mut typing) =
        crate::pinyin::PinyinDrill::start(&phrases, crate::engine::Rules::default());
    let mut t = 0;
    for word in ["hao", "de", "he", "wo", "x"] {
        for c in word.chars() {
            p.apply(
                &mut typing,
                t,
                &crate::engine::Batch::Keys(vec![crate::engine::Key::Char(c)]),
            );
            t += 1_500_000;
        }
    }
    let mut pinyin = record("py", "2026-11-20T09:00:00+08:00", 50.0);
    let s = typing.summary();
    pinyin.keystrokes = typing.log().to_vec();
    (pinyin.cpm, pinyin.kpm, pinyin.net_cpm, pinyin.wpm) = (s.cpm, s.kpm, s.net_cpm, s.wpm);
    (pinyin.accuracy, pinyin.consistency) = (s.accuracy, s.consistency);
    (pinyin.duration_ms, pinyin.completed) = (s.duration_ms(), s.completed);
    (pinyin.backspaces, pinyin.corrections, pinyin.errors) =
        (s.backspaces, s.corrections, s.errors);
    pinyin.typed = s.typed.clone();
    pinyin.kind = crate::record::Kind::Phrases;
    p.mark(&mut pinyin);
    let letters_cpm = s.cpm;
    let zpm = pinyin.cpm;
    pinyin.cpm = letters_cpm;
    assert!(letters_cpm > zpm * 2.0, "{letters_cpm} {zpm}");
    let small = record("small", "2026-11-21T09:00:00+08:00", 300.0);
    let mut store = Store::open(&data).unwrap();
    store.save(&pinyin).unwrap();
    store.save(&small).unwrap();
    store
        .save(&record("ok", "2026-11-22T09:00:00+08:00", 60.0))
        .unwrap();
    // Back to schema 4, with the columns as a schema 4 kuaida wrote them.
    store
        .conn
        .execute_batch(&format!(
            "UPDATE session SET cpm = {letters_cpm}, small = 0 WHERE id = 'py';
             DROP INDEX session_day;
             ALTER TABLE session DROP COLUMN small; ALTER TABLE session DROP COLUMN headline;
             ALTER TABLE session DROP COLUMN score; ALTER TABLE session DROP COLUMN mean_ms;
             CREATE INDEX session_day ON session (day, completed, duration_ms, cpm, accuracy, halfwidth, mode);
             PRAGMA user_version = 4;"
        ))
        .unwrap();
    store
        .conn
        .execute(
            "UPDATE session SET record = ?1 WHERE id = 'py'",
            [serde_json::to_string(&pinyin).unwrap()],
        )
        .unwrap();
    drop(store);
    let store = Store::open(&data).unwrap();
    let back = store.session("py").unwrap().unwrap();
    assert!((back.cpm - zpm).abs() < 1e-9, "{} {zpm}", back.cpm);
    let checked = crate::verify::check(&back, &[]);
    assert_eq!(checked.problems, vec![]);
    let rows = store.session_rows(None, 10).unwrap();
    let row = |id: &str| rows.iter().find(|r| r.id == id).unwrap().clone();
    let crate::figures::Headline::Pinyin { cpm, kpm } = row("py").headline else {
        panic!("a pinyin headline: {:?}", row("py").headline)
    };
    assert!((cpm - zpm).abs() < 1e-9 && kpm > cpm);
    assert!(row("small").small);
    // 20 字 in 4 s: a small sample, so home has no typing best but the 60 字/分 one.
    let figures = store.drill_figures().unwrap();
    let typing = figures[&("basics".to_string(), "greet".to_string())]
        .typing
        .unwrap();
    assert_eq!((typing.best.round(), typing.sessions), (60.0, 1));
    let pinyin_best = figures[&("basics".to_string(), "greet".to_string())].pinyin;
    assert_eq!(pinyin_best, None, "a pinyin session of 4 字 is small too");
}

/// `record` for another student, or for nobody.
fn owned(id: &str, cpm: f64, who: Option<(&str, &str)>) -> SessionRecord {
    let mut r = record(id, "2026-11-25T09:00:00+08:00", cpm);
    r.student = who.map_or_else(Student::default, |(sid, name)| Student {
        id: Some(sid.into()),
        name: Some(name.into()),
    });
    r
}

fn student(sid: &str, name: &str) -> Student {
    Student {
        id: Some(sid.into()),
        name: Some(name.into()),
    }
}

#[test]
fn a_student_scope_reads_only_their_sessions_and_everyone_reads_all() {
    let mut store = Store::open_in_memory().unwrap();
    store.save(&owned("a1", 40.0, Some(("1", "张三")))).unwrap();
    store.save(&owned("a2", 50.0, Some(("1", "张三")))).unwrap();
    store.save(&owned("b1", 90.0, Some(("2", "李四")))).unwrap();
    store.save(&owned("n1", 120.0, None)).unwrap();
    let best = |s: &Store| {
        s.drill_figures().unwrap()[&("basics".to_string(), "greet".to_string())]
            .typing
            .unwrap()
    };
    assert_eq!(store.count().unwrap(), 4);
    assert_eq!(best(&store).sessions, 4);

    store.set_scope(&Scope::of(&student("1", "张三"))).unwrap();
    assert_eq!(store.count().unwrap(), 2);
    let mine = best(&store);
    assert_eq!(mine.sessions, 2);
    assert!(mine.best < 60.0, "{mine:?}");
    let ids: Vec<String> = store
        .sessions(None)
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.iter().all(|i| i.starts_with('a')), "{ids:?}");
    assert_eq!(store.attempts("basics", "greet").unwrap(), 2);
    // Weak characters are summed over the student's sessions only.
    let typed: u32 = store.char_totals().unwrap().iter().map(|c| c.typed).sum();
    store.set_scope(&Scope::Everyone).unwrap();
    let all: u32 = store.char_totals().unwrap().iter().map(|c| c.typed).sum();
    assert_eq!(typed * 2, all, "two of four sessions, all alike");
    assert_eq!(store.count().unwrap(), 4);
    // Matched by name when the student has no 学号.
    store
        .set_scope(&Scope::of(&Student {
            id: None,
            name: Some("李四".into()),
        }))
        .unwrap();
    assert_eq!(store.count().unwrap(), 1);
}

#[test]
fn unassigned_sessions_are_nobodys_until_claimed_then_exported_as_theirs() {
    let mut store = Store::open_in_memory().unwrap();
    store.save(&owned("n1", 60.0, None)).unwrap();
    store.save(&owned("n2", 60.0, None)).unwrap();
    store.save(&owned("b1", 60.0, Some(("2", "李四")))).unwrap();
    let wang = student("3", "王五");
    store.set_scope(&Scope::of(&wang)).unwrap();
    assert_eq!(store.count().unwrap(), 0);
    assert_eq!(store.unassigned().unwrap(), 2);
    assert!(
        crate::export::sessions_in(&store, &wang)
            .unwrap()
            .is_empty()
    );
    assert_eq!(store.claim_unassigned(&wang).unwrap(), 2);
    assert_eq!(store.unassigned().unwrap(), 0);
    assert_eq!(store.count().unwrap(), 2);
    let exported = crate::export::sessions_in(&store, &wang).unwrap();
    assert_eq!(exported.len(), 2);
    assert!(exported.iter().all(|r| r.student == wang), "{exported:?}");
    // 李四's session stayed 李四's.
    store.set_scope(&Scope::of(&student("2", "李四"))).unwrap();
    assert_eq!(store.count().unwrap(), 1);
}

#[test]
fn the_last_session_is_told_from_when_it_ended() {
    let mut store = Store::open_in_memory().unwrap();
    assert_eq!(store.last_ended_at().unwrap(), None);
    let r = owned("a1", 60.0, Some(("1", "张三")));
    let end = r.started_at + chrono::Duration::milliseconds(r.duration_ms as i64);
    store.save(&r).unwrap();
    assert_eq!(store.last_ended_at().unwrap(), Some(end.to_utc()));
}

#[cfg(unix)]
#[test]
fn a_read_only_history_can_be_scoped() {
    let (_tmp, data) = dir();
    let mut store = Store::open(&data).unwrap();
    store.save(&owned("a1", 60.0, Some(("1", "张三")))).unwrap();
    store.save(&owned("b1", 60.0, Some(("2", "李四")))).unwrap();
    drop(store);
    let mut ro = Store::open_read_only(&data).unwrap();
    ro.set_scope(&Scope::of(&student("2", "李四"))).unwrap();
    assert_eq!(ro.count().unwrap(), 1);
}
