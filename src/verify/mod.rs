//! `verify`, pure: check a session record against the one recomputation of it
//! (`crate::figures`) and against the log's own plausibility, and list what does not add
//! up. No files, no terminal. Typing kinds here; the code drills in [`codes`], quick
//! replies (replayed through the trainer's own session) in [`reply`].

pub mod anomaly;
pub mod codes;
mod problem;
pub mod reference;
pub mod reply;
pub mod shift;

pub use problem::Problem;

use crate::engine::{Replayed, Summary, Typing};
use crate::figures::{Body, Figures, Unreadable};
use crate::pack::Pack;
use crate::record::{Keystroke, Op, SessionRecord};

/// Inputs faster than hands: this many in a row, each in its own batch…
pub const BURST_INPUTS: usize = 8;
/// …with every gap under this many microseconds.
pub const BURST_GAP_US: u64 = 15_000;
/// How far a recorded rate or percentage may be from the recomputation.
pub const TOLERANCE: f64 = 0.01;

/// What verifying one session found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Checked {
    pub problems: Vec<Problem>,
    /// The figures were not recomputed in full: a quick-reply session with no copy of
    /// its drill to replay (neither `--pack` nor the built-in pack of that version), or
    /// one too ambiguous to replay; only what its log alone decides was checked.
    pub not_recomputed: bool,
    /// What is worth saying but does not fail the session (an older record's format).
    pub notes: Vec<Problem>,
    /// The steps given ran out ([`crate::cost`]): not recomputed, and the file that
    /// cost them is to be named.
    pub over_cost: bool,
}

/// Check one session; `packs` are the teacher's copies (matched by pack id). At most
/// [`crate::cost::PER_SESSION`] steps.
pub fn check(session: &SessionRecord, packs: &[Pack]) -> Checked {
    check_metered(
        session,
        packs,
        &mut crate::cost::Meter::new(crate::cost::PER_SESSION),
    )
}

/// What checking `session` is charged before anything else: a walk over everything it
/// holds (the typing replay and the figures are linear in it).
fn linear_cost(s: &SessionRecord) -> u64 {
    let messages: usize = s
        .messages
        .iter()
        .flatten()
        .map(|m| 1 + m.reply.len() + m.customer.len())
        .sum();
    let readings: usize = s.readings.iter().flatten().map(|r| 1 + r.len()).sum();
    // Six steps a keystroke: the typing replay, and the timing rules' pass (anomaly).
    (1 + s.keystrokes.len() * 6 + s.target.len() + s.typed.len() + messages + readings) as u64
}

/// [`check`] charging `meter` (shared by a file's sessions and a run's files); a
/// session it cannot pay for is left [`Checked::over_cost`].
pub fn check_metered(
    session: &SessionRecord,
    packs: &[Pack],
    meter: &mut crate::cost::Meter,
) -> Checked {
    check_graded(session, packs, meter).0
}

/// [`check_metered`], with the figures to grade the session by: the one recomputation
/// ([`Figures::of`]) of the record, or for a quick reply replayed through the trainer,
/// of the record the replay gives (the record's own verdicts are not taken on trust).
/// `None` when the steps ran out.
pub fn check_graded(
    session: &SessionRecord,
    packs: &[Pack],
    meter: &mut crate::cost::Meter,
) -> (Checked, Option<Figures>) {
    let mut out = Checked::default();
    if let Some(what) = crate::record::limits::out_of_range(session) {
        // Named first; the recomputation (within its steps) still says what differs.
        out.problems.push(Problem::OutOfRange(what));
    }
    let mut part = meter.share(crate::cost::PER_SESSION);
    if !part.charge(linear_cost(session)) {
        out.not_recomputed = true;
        out.over_cost = true;
        return (out, None);
    }
    let out = check_within(session, packs, out, &mut part);
    meter.settle(&part);
    (out.0, Some(out.1))
}

fn check_within(
    session: &SessionRecord,
    packs: &[Pack],
    mut out: Checked,
    meter: &mut crate::cost::Meter,
) -> (Checked, Figures) {
    let log = &session.keystrokes;
    times(log, &mut out.problems);
    bursts(log, &mut out.problems);
    // Pinyin practice logs letters, judged by no rate of typed text.
    if session.mode != Some(crate::record::Mode::Pinyin) {
        out.problems
            .extend(anomaly::find(log).into_iter().map(Problem::Suspect));
    }
    let pastes = log
        .iter()
        .filter(|k| matches!(k.op, Op::PasteRejected { .. }))
        .count();
    if pastes > 0 {
        out.problems.push(Problem::Pastes { count: pastes });
    }
    if let Some(pack) = packs.iter().find(|p| p.id == session.pack) {
        reference::compare(session, pack, &mut out.problems);
    }
    // Every figure is the one recomputation's; what follows checks the record against it.
    let figures = Figures::of(session);
    let mut graded = None;
    let segments = crate::figures::segments(session);
    match &figures.body {
        Body::Typing(s) => recompute(session, s, &segments, &mut out.problems),
        Body::Recite { typing, .. } => {
            recompute(session, typing, &segments, &mut out.problems);
            crate::verify::codes::recite_messages(session, &segments, &mut out.problems);
        }
        Body::Pinyin { letters, pinyin } => {
            // The letters were typed against the readings accepted, which the record
            // keeps; its 字/分 is the 字 done right.
            if let Some(targets) = pinyin_targets(session, &segments) {
                pinyin_figures(session, letters, pinyin.zpm, &targets, &mut out.problems);
            }
        }
        Body::Recall(c) => {
            let passed = figures.passed;
            recall_figures(session, c, &figures, passed, &mut out.problems);
            crate::verify::codes::recall(session, &mut out.problems);
        }
        Body::QuickReply(_) => {
            use crate::verify::reply::Recomputed;
            match crate::verify::reply::quickreply(session, packs, &mut out.problems, meter) {
                Recomputed::Replayed(record) => graded = Some(Figures::of(&record)),
                Recomputed::Full => {}
                Recomputed::LogOnly => out.not_recomputed = true,
                Recomputed::OverCost => {
                    out.not_recomputed = true;
                    out.over_cost = true;
                }
            }
        }
        Body::Shift(_) => {
            use crate::verify::reply::Recomputed;
            match crate::verify::shift::check(session, packs, &mut out.problems, meter) {
                Recomputed::Replayed(record) => graded = Some(Figures::of(&record)),
                Recomputed::Full => {}
                Recomputed::LogOnly => out.not_recomputed = true,
                Recomputed::OverCost => {
                    out.not_recomputed = true;
                    out.over_cost = true;
                }
            }
        }
        Body::Unreadable(Unreadable::Readings) => out.problems.push(Problem::Target),
        Body::Unreadable(Unreadable::Kind(k)) => out.problems.push(Problem::UnknownKind(k.clone())),
        Body::Unreadable(Unreadable::Mode(m)) => out.problems.push(Problem::UnknownKind(format!(
            "{}/{m}",
            session.kind.as_str()
        ))),
    }
    let (notes, problems) = out.problems.into_iter().partition(Problem::is_note);
    out.problems = problems;
    out.notes = notes;
    (out, graded.unwrap_or(figures))
}

/// A pinyin session's letter targets: its readings joined per line, when they fit the
/// target's lines and graphemes.
fn pinyin_targets(session: &SessionRecord, lines: &[String]) -> Option<Vec<String>> {
    let readings = session.readings.as_ref()?;
    crate::pinyin::figures::readings_fit(lines, readings)
        .then(|| readings.iter().map(|r| r.concat()).collect())
}

fn times(log: &[Keystroke], problems: &mut Vec<Problem>) {
    if let Some(i) = (1..log.len()).find(|&i| log[i].t_us < log[i - 1].t_us) {
        problems.push(Problem::Backwards {
            index: i,
            from_us: log[i - 1].t_us,
            to_us: log[i].t_us,
        });
    }
}

/// Runs of input batches (events sharing one time) each under [`BURST_GAP_US`] after
/// the one before; a run of [`BURST_INPUTS`] or more batches is reported once.
fn bursts(log: &[Keystroke], problems: &mut Vec<Problem>) {
    let mut batches: Vec<u64> = Vec::new();
    for k in log {
        if matches!(k.op, Op::Input { .. } | Op::Backspace) && batches.last() != Some(&k.t_us) {
            batches.push(k.t_us);
        }
    }
    let mut start = 0;
    for i in 1..=batches.len() {
        let continues = i < batches.len()
            && batches[i] > batches[i - 1]
            && batches[i] - batches[i - 1] < BURST_GAP_US;
        if !continues {
            let run = i - start;
            if run >= BURST_INPUTS {
                problems.push(Problem::Burst {
                    inputs: run,
                    at_us: batches[start],
                    span_us: batches[i - 1] - batches[start],
                });
            }
            start = i;
        }
    }
}

/// A typing record (text, phrases, recite) against the recomputation `summary` of it.
fn recompute(
    session: &SessionRecord,
    summary: &Summary,
    segments: &[String],
    problems: &mut Vec<Problem>,
) {
    let passed = summary.passed(session.pass.as_ref());
    compare_typing(session, summary, summary.cpm, passed, problems);
    if summary.target != session.target {
        problems.push(Problem::Target);
    }
    log_marks(session, segments, false, problems);
}

/// A pinyin record: its `cpm` is 字/分 (the 字 done right), the rest the letters'
/// figures. The record's target is the Chinese text while the letters were typed
/// against the readings, and a letter right for one reading, taken back and retyped for
/// another, was logged right but replays wrong; so neither the target nor the logged
/// marks are compared.
fn pinyin_figures(
    session: &SessionRecord,
    letters: &Summary,
    zpm: f64,
    targets: &[String],
    problems: &mut Vec<Problem>,
) {
    let mut found = Vec::new();
    // Pinyin practice is never judged against the drill's 字/分 line.
    compare_typing(session, letters, zpm, None, &mut found);
    // Saved before pinyin records kept 字/分 in `cpm`: the letters' rate stands there.
    // Noted, not failed (the history database migrates its own copies).
    let old_cpm = |p: &Problem| matches!(p, Problem::Figure { name: "cpm", .. });
    if found.iter().any(old_cpm) && close(session.cpm, letters.cpm) {
        found.retain(|p| !old_cpm(p));
        found.push(Problem::PinyinCpmBeforeRule);
    }
    problems.extend(found);
    log_marks(session, targets, true, problems);
}

/// The figures every typing record keeps, against the recomputation; `cpm` as the kind
/// defines it.
fn compare_typing(
    session: &SessionRecord,
    summary: &Summary,
    cpm: f64,
    passed: Option<bool>,
    problems: &mut Vec<Problem>,
) {
    let floats = [
        ("cpm", session.cpm, cpm),
        ("net_cpm", session.net_cpm, summary.net_cpm),
        ("wpm", session.wpm, summary.wpm),
        ("kpm", session.kpm, summary.kpm),
        ("accuracy", session.accuracy, summary.accuracy),
    ];
    for (name, recorded, recomputed) in floats {
        float(problems, name, recorded, recomputed);
    }
    // Records saved before Chinese took 5-second windows carry the per-second figure.
    let legacy = summary.legacy_consistency();
    if !close(session.consistency, legacy) {
        float(
            problems,
            "consistency",
            session.consistency,
            summary.consistency,
        );
    }
    let shown = |p: Option<bool>| p.map_or("null".to_string(), |p| p.to_string());
    let exact = [
        (
            "backspaces",
            session.backspaces.to_string(),
            summary.backspaces.to_string(),
        ),
        (
            "corrections",
            session.corrections.to_string(),
            summary.corrections.to_string(),
        ),
        (
            "errors",
            session.errors.to_string(),
            summary.errors.to_string(),
        ),
        (
            "halfwidth",
            session.halfwidth.to_string(),
            summary.halfwidth.to_string(),
        ),
        (
            "duration_ms",
            session.duration_ms.to_string(),
            summary.duration_ms().to_string(),
        ),
        (
            "completed",
            session.completed.to_string(),
            summary.completed.to_string(),
        ),
        ("passed", shown(session.passed), shown(passed)),
    ];
    for (name, recorded, recomputed) in exact {
        figure(problems, name, recorded, recomputed);
    }
    if summary.typed != session.typed {
        problems.push(Problem::Typed);
    }
}

/// A recall record's figures against the recomputation.
fn recall_figures(
    session: &SessionRecord,
    c: &crate::figures::CodeFigures,
    f: &Figures,
    passed: Option<bool>,
    problems: &mut Vec<Problem>,
) {
    float(problems, "cpm", session.cpm, c.cpm);
    float(problems, "accuracy", session.accuracy, c.accuracy);
    float(problems, "kpm", session.kpm, c.kpm);
    let shown = |p: Option<bool>| p.map_or("null".to_string(), |p| p.to_string());
    let exact = [
        (
            "duration_ms",
            session.duration_ms.to_string(),
            (f.duration_us / 1000).to_string(),
        ),
        (
            "completed",
            session.completed.to_string(),
            f.completed.to_string(),
        ),
        (
            "backspaces",
            session.backspaces.to_string(),
            c.backspaces.to_string(),
        ),
        (
            "errors",
            session.errors.to_string(),
            (c.reached - c.right).to_string(),
        ),
        ("passed", shown(session.passed), shown(passed)),
    ];
    for (name, recorded, recomputed) in exact {
        figure(problems, name, recorded, recomputed);
    }
}

/// The log's own marks and events, replayed one by one as the summary does: `ok` marks
/// the replay contradicts (not for pinyin), events the trainer would never have logged.
fn log_marks(
    session: &SessionRecord,
    segments: &[String],
    pinyin: bool,
    problems: &mut Vec<Problem>,
) {
    let rules = crate::figures::rules(session);
    let mut typing = Typing::new(segments, rules);
    let (mut wrong_flags, mut impossible) = (0, 0);
    for k in &session.keystrokes {
        if let Some(limit) = rules.time_limit_us
            && k.t_us >= limit
        {
            typing.set_time_up();
        }
        match (typing.replay(&k.op), &k.op) {
            (
                Replayed::Typed { ok, .. } | Replayed::Merged { ok, .. },
                Op::Input { ok: logged, .. },
            ) if ok != *logged && !pinyin => wrong_flags += 1,
            (Replayed::Ignored, Op::Input { .. } | Op::Backspace) => impossible += 1,
            _ => {}
        }
    }
    if wrong_flags > 0 {
        problems.push(Problem::OkFlags { count: wrong_flags });
    }
    if impossible > 0 {
        problems.push(Problem::Impossible { count: impossible });
    }
}

/// A recorded figure that is not what the log gives is a problem.
pub(crate) fn figure(
    problems: &mut Vec<Problem>,
    name: &'static str,
    recorded: String,
    recomputed: String,
) {
    if recorded != recomputed {
        problems.push(Problem::Figure {
            name,
            recorded,
            recomputed,
        });
    }
}

/// A recorded float not [`close`] to what the log gives is a problem.
pub(crate) fn float(
    problems: &mut Vec<Problem>,
    name: &'static str,
    recorded: f64,
    recomputed: f64,
) {
    if !close(recorded, recomputed) {
        problems.push(Problem::Figure {
            name,
            recorded: format!("{recorded:.2}"),
            recomputed: format!("{recomputed:.2}"),
        });
    }
}

/// A recorded float against the recomputation: within [`TOLERANCE`], or the
/// recomputation rounded as a record might round it (1 or 2 decimals).
pub(crate) fn close(recorded: f64, recomputed: f64) -> bool {
    if !recorded.is_finite() {
        return false;
    }
    let round = |x: f64, places: i32| (x * 10f64.powi(places)).round() / 10f64.powi(places);
    (recorded - recomputed).abs() <= TOLERANCE + 1e-9
        || (recorded - round(recomputed, 1)).abs() <= 1e-9
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Rules;

    fn ks(t_us: u64) -> Keystroke {
        Keystroke {
            t_us,
            op: Op::Input {
                text: "a".into(),
                ok: true,
            },
        }
    }

    #[test]
    fn bursts_need_eight_separate_fast_batches() {
        let mut p = Vec::new();
        let log: Vec<Keystroke> = (0..8).map(|i| ks(i * 10_000)).collect();
        bursts(&log, &mut p);
        assert!(matches!(p[..], [Problem::Burst { inputs: 8, .. }]), "{p:?}");
        let mut p = Vec::new();
        let log: Vec<Keystroke> = (0..7).map(|i| ks(i * 10_000)).collect();
        bursts(&log, &mut p);
        assert!(p.is_empty());
        // One input-method commit (one time) is one batch, however many 字.
        let mut p = Vec::new();
        let log: Vec<Keystroke> = (0..20).map(|_| ks(5)).collect();
        bursts(&log, &mut p);
        assert!(p.is_empty());
        let mut p = Vec::new();
        let log: Vec<Keystroke> = (0..20).map(|i| ks(i * 16_000)).collect();
        bursts(&log, &mut p);
        assert!(p.is_empty());
    }

    /// A record as the trainer builds it, from an engine run over `segments`.
    fn record(kind: &str, rules: Rules, typing: &Typing) -> SessionRecord {
        let s = typing.summary();
        let pass = Some(crate::pack::Pass::Typing {
            cpm: 10.0,
            accuracy: 50.0,
        });
        SessionRecord {
            id: "t".into(),
            student: Default::default(),
            pack: "p".into(),
            pack_version: "1".into(),
            pack_hash: "h".into(),
            drill: "d".into(),
            drill_title: String::new(),
            kind: kind.into(),
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
            passed: s.passed(pass.as_ref()),
            start_code: None,
            time_limit: rules.time_limit_us.map(|us| (us / 1_000_000) as u32),
            strict: rules.strict,
            pass,
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

    fn type_keys(typing: &mut Typing, text: &str, mut t: u64, gap: u64) -> u64 {
        use crate::engine::{Batch, Key};
        for c in text.chars() {
            let key = if c == '\n' { Key::Enter } else { Key::Char(c) };
            typing.apply(t, &Batch::Keys(vec![key]));
            t += gap;
        }
        t
    }

    #[test]
    fn honest_phrases_and_timed_out_exams_hold() {
        let phrases = vec!["亲，在的哦～".to_string(), "好的呢".to_string()];
        let rules = Rules::default();
        let mut typing = Typing::new(&phrases, rules);
        // The line break between phrases is not typed.
        type_keys(&mut typing, "亲,在的哦～好的呢", 0, 250_000);
        let r = record("phrases", rules, &typing);
        assert_eq!(r.target, "亲，在的哦～\n好的呢");
        assert_eq!(r.halfwidth, 1);
        assert_eq!(check(&r, &[]), Checked::default());

        let text = vec!["一二三四五六七八九十\n十一".to_string()];
        let rules = Rules {
            strict: true,
            time_limit_us: Some(2_000_000),
            shown_not_typed: false,
        };
        let mut typing = Typing::new(&text, rules);
        let t = type_keys(&mut typing, "一二三四五", 0, 300_000);
        assert!(typing.tick(t.max(2_000_000)));
        let r = record("text", rules, &typing);
        assert!(r.completed && r.duration_ms == 2000);
        assert_eq!(check(&r, &[]), Checked::default());

        // Claiming a left drill ran to its end changes the figures: caught.
        let mut left = Typing::new(&text, rules);
        type_keys(&mut left, "一二三", 0, 300_000);
        let mut r = record("text", rules, &left);
        assert!(!r.completed);
        r.completed = true;
        assert!(!check(&r, &[]).problems.is_empty());
    }

    #[test]
    fn pinyin_sessions_are_recomputed_against_their_readings() {
        let phrases = vec!["和我".to_string(), "好的".to_string()];
        let rules = Rules::default();
        let (mut p, mut typing) = crate::pinyin::PinyinDrill::start(&phrases, rules);
        let keys =
            |s: &str| crate::engine::Batch::Keys(s.chars().map(crate::engine::Key::Char).collect());
        for (i, k) in ["hu", "o", "w", "o", "h", "a", "x", "\u{8}", "o", "d", "i"]
            .into_iter()
            .enumerate()
        {
            let batch = if k == "\u{8}" {
                crate::engine::Batch::Keys(vec![crate::engine::Key::Backspace])
            } else {
                keys(k)
            };
            p.apply(&mut typing, i as u64 * 200_000, &batch);
        }
        assert!(typing.is_over());
        let mut r = record("phrases", rules, &typing);
        p.mark(&mut r);
        assert_eq!(r.target, "和我\n好的");
        assert_eq!(
            r.readings,
            Some(vec![
                vec!["huo".into(), "wo".into()],
                vec!["hao".into(), "di".into()]
            ])
        );
        assert_eq!(check(&r, &[]), Checked::default());
        // Readings that do not fit the text: refused, not recomputed.
        let mut bad = r.clone();
        bad.readings = Some(vec![vec!["huo".into()], vec!["hao".into(), "di".into()]]);
        assert_eq!(check(&bad, &[]).problems, [Problem::Target]);
        // Other readings than the letters typed: the figures no longer add up.
        let mut other = r.clone();
        other.readings = Some(vec![
            vec!["he".into(), "wo".into()],
            vec!["hao".into(), "de".into()],
        ]);
        assert!(!check(&other, &[]).problems.is_empty());
        // Issue 14, case 3: the record keeps 字/分 in cpm and 击键/分 in kpm.
        let Body::Pinyin { letters, pinyin } = Figures::of(&r).body else {
            panic!("a pinyin record")
        };
        assert_eq!((r.cpm, r.kpm), (pinyin.zpm, letters.kpm));
        assert!(r.kpm > r.cpm);
        // A record saved before that rule (the letters' rate in cpm) is noted, not failed.
        let mut old = r.clone();
        old.cpm = letters.cpm;
        let checked = check(&old, &[]);
        assert_eq!(checked.problems, []);
        assert_eq!(checked.notes, [Problem::PinyinCpmBeforeRule]);
        // Anything else in cpm is a figure that does not add up.
        old.cpm = 999.0;
        assert!(matches!(
            check(&old, &[]).problems[..],
            [Problem::Figure { name: "cpm", .. }]
        ));
    }

    #[test]
    fn close_allows_rounding() {
        assert!(close(60.0, 60.004));
        assert!(close(97.1, 97.06));
        assert!(!close(61.0, 60.0));
        assert!(!close(f64::NAN, 1.0));
    }
}
