//! The class table built from documents, as `report` builds it.

use super::*;
use crate::record::Student;
use crate::record::{ResultsDoc, SessionRecord};
use crate::report::parse_roster;

/// A text session of 20 字 typed at `cpm` on day `day` (an exam: a minute's limit
/// and a line of 50 字/分 at 90 %), `slips` 字 left wrong; its figures the engine's.
fn session(id: &str, day: u32, cpm: f64, slips: u64, exam: bool) -> SessionRecord {
    let at = format!("2026-11-{day:02}T09:00:00+08:00");
    let total_us = (1_200_000_000.0 / cpm) as u64;
    let mut r = crate::testing::typed_with_slips(id, &at, 20, total_us, true, slips);
    r.pack = "p".into();
    r.drill = "d".into();
    if exam {
        r.time_limit = Some(60);
        r.pass = Some(crate::pack::Pass::Typing {
            cpm: 50.0,
            accuracy: 90.0,
        });
        // As the trainer saves it: the verdict under the drill's line.
        r.passed = crate::figures::Figures::of(&r).passed;
    }
    r
}

fn loaded(name: &str, id: &str, sessions: Vec<SessionRecord>) -> Loaded {
    let student = Student {
        name: Some(name.into()),
        id: Some(id.into()),
    };
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-30T09:00:00+08:00").unwrap();
    Loaded {
        source: format!("{id}.json"),
        doc: ResultsDoc::new(student, at, sessions),
    }
}

#[test]
fn exams_count_the_first_attempt_with_the_best_beside_it() {
    // Given newest first, as exports are.
    let docs = [loaded(
        "张三",
        "1",
        vec![
            session("b", 3, 70.0, 0, true),
            session("a", 2, 40.0, 0, true),
        ],
    )];
    let report = build(&docs, &[]);
    let cell = report.students[0].drills[0].1.clone();
    assert!(cell.exam);
    assert_eq!(report.measures, [Measure::Typing]);
    let round = |x: f64| (x * 10.0).round() / 10.0;
    assert_eq!(
        (round(cell.first.figure.a), round(cell.best.figure.a)),
        (40.0, 70.0)
    );
    assert_eq!(cell.verdict, Some(crate::report::cell::Verdict::Failed));
    assert_eq!(cell.attempts, 2);
}

#[test]
fn the_best_attempt_is_a_passed_one_before_a_faster_one_that_failed() {
    let docs = [loaded(
        "张三",
        "1",
        vec![
            session("b", 3, 55.0, 0, true),
            // Faster, but three 字 of 20 left wrong: 85 %, under the line.
            session("a", 2, 90.0, 3, true),
        ],
    )];
    let report = build(&docs, &[]);
    let cell = report.students[0].drills[0].1.clone();
    let round = |x: f64| (x * 10.0).round() / 10.0;
    assert_eq!(
        (round(cell.first.figure.a), round(cell.best.figure.a)),
        (76.5, 55.0)
    );
}

#[test]
fn pinyin_practice_is_not_a_drills_best() {
    let mut pinyin = session("p", 4, 300.0, 0, false);
    pinyin.mode = Some(crate::record::Mode::Pinyin);
    let docs = [loaded(
        "张三",
        "1",
        vec![pinyin, session("a", 2, 40.0, 0, false)],
    )];
    let report = build(&docs, &[]);
    let cell = report.students[0].drills[0].1.clone();
    assert_eq!(cell.attempts, 1);
    assert!((cell.best.figure.a - 40.0).abs() < 0.01);
}

/// Graded from the recomputation: a record claiming 567 字/分 shows what its
/// keystrokes give, flagged; a small sample shows "—".
#[test]
fn cells_are_recomputed_and_small_samples_dashed() {
    let mut forged = session("f", 2, 40.0, 0, false);
    forged.cpm = 567.2;
    let small = {
        let mut r = crate::testing::typed("s", "2026-11-03T09:00:00+08:00", 5, 2_000_000, true);
        r.pack = "p".into();
        r.drill = "d".into();
        r
    };
    let docs = [loaded("张三", "1", vec![forged, small])];
    let report = build(&docs, &[]);
    let row = &report.students[0];
    let cell = &row.drills[0].1;
    assert!((cell.first.figure.a - 40.0).abs() < 0.01, "{cell:?}");
    assert!(row.flagged >= 1, "{row:?}");
    assert!(
        cell.best.figure.a < 100.0,
        "the small sample never is the best"
    );
    let table = report.render();
    assert!(table.contains("40.0/100% → 40.0/100%"), "{table}");
    assert!(!table.contains("567"), "{table}");
}

#[test]
fn sessions_seen_twice_count_once_and_rosters_match_by_id_or_name() {
    let s = session("a", 2, 40.0, 0, false);
    let docs = [
        loaded("张三", "1", vec![s.clone()]),
        loaded("张三", "1", vec![s]),
    ];
    let roster = parse_roster("\u{feff}姓名,学号\n张三,1\n李四,2\n".as_bytes()).unwrap();
    let report = build(&docs, &roster);
    assert_eq!(report.sessions, 1);
    assert_eq!(report.duplicate_sessions, 1);
    assert_eq!(report.students.len(), 2);
    assert_eq!(report.students[0].sessions, 1);
    assert_eq!(report.students[1].status, Status::Missing);
    assert!(parse_roster(b"id,name\n1,x\n").is_err());
}
