//! Results files come from students' machines: `history import`, `verify` and `report`
//! never panic on arbitrary or mutated documents, and their messages are one line with
//! no control characters. The quick-reply judge takes any reply.

use kuaida::commands::history::{parse_results, table};
use kuaida::pack::{DrillBody, Pack, builtin};
use kuaida::record::{Keystroke, Op, ResultsDoc, SessionRecord, Student};
use kuaida::reply::judge::judge;
use kuaida::report::{Loaded, build};
use kuaida::verify::check;
use proptest::prelude::*;

const FIXTURE: &str = include_str!("fixtures/results/two_sessions.json");

fn packs() -> &'static [Pack] {
    static PACKS: std::sync::OnceLock<Vec<Pack>> = std::sync::OnceLock::new();
    PACKS.get_or_init(builtin)
}

/// Everything the three commands do with a parsed document, short of the database.
fn use_doc(doc: &ResultsDoc, packs: &[Pack]) {
    for s in &doc.sessions {
        let checked = check(s, packs);
        for p in &checked.problems {
            let _ = p.message();
            let _ = p.short();
        }
    }
    let loaded = vec![Loaded {
        source: "fuzz.json".into(),
        doc: doc.clone(),
    }];
    let report = build(&loaded, &[]);
    let _ = report.render();
    let _ = report.csv_rows();
    let _ = table(&doc.sessions);
}

fn parse_and_use(bytes: &[u8], packs: &[Pack]) {
    match parse_results(bytes) {
        Ok(doc) => use_doc(&doc, packs),
        Err(why) => {
            assert!(!why.contains('\n'), "{why}");
            assert!(!why.chars().any(char::is_control), "{why:?}");
        }
    }
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (".{0,3}", any::<bool>()).prop_map(|(text, ok)| Op::Input { text, ok }),
        (
            prop_oneof![Just("\n".to_string()), Just("亲".to_string())],
            any::<bool>()
        )
            .prop_map(|(text, ok)| Op::Input { text, ok }),
        Just(Op::Backspace),
        any::<usize>().prop_map(|len| Op::PasteRejected { len }),
        any::<usize>().prop_map(|index| Op::Show { index }),
        ".{0,4}".prop_map(|code| Op::Select { code }),
        Just(Op::NextSlot),
        ".{0,4}".prop_map(|field| Op::Card { field }),
        Just(Op::Send),
        Just(Op::Abandon),
    ]
}

fn t_us() -> impl Strategy<Value = u64> {
    prop_oneof![0u64..5_000_000, any::<u64>(), Just(u64::MAX), Just(0)]
}

fn figure() -> impl Strategy<Value = f64> {
    prop_oneof![
        0.0f64..500.0,
        Just(f64::MAX),
        Just(-1.0),
        Just(f64::MIN_POSITIVE),
        -1e300f64..1e300
    ]
}

fn record() -> impl Strategy<Value = SessionRecord> {
    let pack = prop_oneof![
        Just("typing-basics".to_string()),
        Just("presale-basics".to_string()),
        ".{0,6}"
    ];
    let kind = prop_oneof![
        Just("text".to_string()),
        Just("phrases".to_string()),
        Just("quickreply".to_string()),
        ".{0,4}"
    ];
    (
        (pack, ".{0,6}", kind, ".{0,8}", ".{0,8}", any::<bool>()),
        prop::collection::vec((t_us(), op()), 0..40),
        (figure(), figure(), figure(), any::<u64>()),
        (any::<u32>(), any::<u32>(), any::<u32>(), any::<u32>()),
        (
            prop::option::of(any::<u32>()),
            any::<bool>(),
            prop::option::of((figure(), figure())),
            prop::option::of(any::<bool>()),
        ),
        (".{0,4}", any::<i64>()),
    )
        .prop_map(
            |(
                (pack, drill, kind, target, typed, completed),
                log,
                (cpm, accuracy, consistency, duration_ms),
                (backspaces, corrections, errors, halfwidth),
                (time_limit, strict, pass, passed),
                (name, secs),
            )| {
                let started_at = chrono::DateTime::from_timestamp(secs % 8_000_000_000, 0)
                    .unwrap_or_default()
                    .fixed_offset();
                SessionRecord {
                    id: format!("id-{secs}"),
                    student: Student {
                        name: Some(name),
                        id: None,
                    },
                    pack,
                    pack_version: "1".into(),
                    pack_hash: "h".into(),
                    drill,
                    drill_title: "t".into(),
                    kind: kind.as_str().into(),
                    mode: None,
                    started_at,
                    completed,
                    duration_ms,
                    cpm,
                    net_cpm: cpm,
                    wpm: cpm / 5.0,
                    kpm: cpm,
                    accuracy,
                    consistency,
                    backspaces,
                    corrections,
                    errors,
                    halfwidth,
                    passed,
                    time_limit,
                    strict,
                    pass: pass.map(|(cpm, accuracy)| kuaida::pack::Pass::Typing { cpm, accuracy }),
                    target,
                    typed,
                    keystrokes: log
                        .into_iter()
                        .map(|(t_us, op)| Keystroke { t_us, op })
                        .collect(),
                    messages: None,
                    shown_not_typed: false,
                    target_seconds: None,
                    readings: None,
                }
            },
        )
}

/// The fixture's bytes with one edit.
fn mutate(bytes: &[u8], kind: u8, at: usize, with: &[u8]) -> Vec<u8> {
    let mut b = bytes.to_vec();
    let n = b.len();
    if n == 0 {
        // Truncated to nothing by an earlier edit.
        return b;
    }
    let at = at % n;
    match kind % 4 {
        0 => b[at] ^= with.first().copied().unwrap_or(1) | 1,
        1 => b.truncate(at),
        2 => {
            b.splice(at..at, with.iter().copied());
        }
        _ => {
            // Replace a number with an extreme one.
            let end = (at + with.len().max(1)).min(n);
            b.splice(at..end, b"-1e400".iter().copied());
        }
    }
    b
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        parse_and_use(&bytes, &[]);
    }

    #[test]
    fn mutated_fixture(
        edits in prop::collection::vec(
            (any::<u8>(), any::<usize>(), prop::collection::vec(
                prop_oneof![Just(b'"'), Just(b'{'), Just(b'['), Just(b'9'), Just(b'-'), Just(0x1b), any::<u8>()],
                0..6,
            )),
            1..4,
        )
    ) {
        let packs = packs();
        let mut bytes = FIXTURE.as_bytes().to_vec();
        for (kind, at, with) in &edits {
            bytes = mutate(&bytes, *kind, *at, with);
        }
        parse_and_use(&bytes, packs);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100, ..ProptestConfig::default() })]

    /// Well-formed documents holding any figures and any keystroke log: through JSON and
    /// back, then verify, report and the history table.
    #[test]
    fn arbitrary_sessions(sessions in prop::collection::vec(record(), 0..4)) {
        let packs = packs();
        let now = chrono::DateTime::from_timestamp(0, 0).unwrap_or_default().fixed_offset();
        let doc = ResultsDoc::new(Student::default(), now, sessions);
        use_doc(&doc, packs);
        let json = serde_json::to_vec(&doc).expect("serialises");
        parse_and_use(&json, packs);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 20, ..ProptestConfig::default() })]

    /// `history import` of arbitrary sessions: the database takes them or refuses with
    /// an error, never a panic, and a second import adds nothing.
    #[test]
    fn import_of_arbitrary_sessions(sessions in prop::collection::vec(record(), 1..4)) {
        let dir = tempfile::TempDir::new().expect("tempdir");
        let data = kuaida::paths::DataDir::new(dir.path().to_path_buf());
        let mut store = kuaida::store::Store::open(&data).expect("opens");
        let mut unique = sessions.clone();
        unique.dedup_by(|a, b| a.id == b.id);
        let first = store.import(&unique).expect("imports");
        let again = store.import(&unique).expect("imports again");
        prop_assert_eq!(again.added, 0);
        prop_assert_eq!(again.present, first.added + first.present);
        let _ = store.sessions(None).expect("lists");
    }
}

/// Every quick-reply scenario of the built-in packs, with the pack's templates.
fn scenarios() -> &'static [(kuaida::pack::Scenario, Vec<kuaida::pack::Template>)] {
    static ALL: std::sync::OnceLock<Vec<(kuaida::pack::Scenario, Vec<kuaida::pack::Template>)>> =
        std::sync::OnceLock::new();
    ALL.get_or_init(all_scenarios)
}

fn all_scenarios() -> Vec<(kuaida::pack::Scenario, Vec<kuaida::pack::Template>)> {
    let mut out = Vec::new();
    for p in builtin() {
        for d in &p.drills {
            if let DrillBody::QuickReply { scenarios, .. } = &d.body {
                for s in scenarios {
                    out.push((s.clone(), p.templates.clone()));
                }
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn the_judge_takes_any_reply(
        pick in any::<usize>(),
        reply in prop_oneof![
            ".{0,40}",
            "[{}亲您好，。！？ ￥¥“”\\u{0}\\u{1b}\\u{301}]{0,30}",
        ],
        around in (".{0,5}", ".{0,5}"),
    ) {
        let all = scenarios();
        prop_assume!(!all.is_empty());
        let (scenario, templates) = &all[pick % all.len()];
        let _ = judge(&reply, scenario, templates);
        // The right reply with noise around it.
        if let Some(code) = scenario.expect.first()
            && let Some(t) = templates.iter().find(|t| &t.code == code)
        {
            let right = kuaida::reply::judge::expected_reply(t, scenario);
            let j = judge(&format!("{}{right}{}", around.0, around.1), scenario, templates);
            let _ = j.is_right();
            let exact = judge(&right, scenario, templates);
            prop_assert!(exact.is_right(), "{right:?} judged {exact:?}");
        }
    }
}

#[test]
fn the_fixture_itself_parses() {
    let doc = parse_results(FIXTURE.as_bytes()).expect("fixture parses");
    use_doc(&doc, packs());
}

/// Found by `import_of_arbitrary_sessions`: one keystroke stamped near `u64::MAX` µs made
/// the per-second counts allocate terabytes (abort), and latencies overflowed their sum.
#[test]
fn a_keystroke_at_the_end_of_time_is_summarised_in_bounded_memory() {
    let log = vec![
        Keystroke {
            t_us: 0,
            op: Op::Input {
                text: "亲".into(),
                ok: true,
            },
        },
        Keystroke {
            t_us: u64::MAX,
            op: Op::Input {
                text: "在".into(),
                ok: true,
            },
        },
        Keystroke {
            t_us: u64::MAX,
            op: Op::Input {
                text: "吗".into(),
                ok: true,
            },
        },
    ];
    let s = kuaida::engine::summarize(
        &["亲在吗".to_string()],
        kuaida::engine::Rules::default(),
        &log,
        false,
    );
    assert!(s.per_second.len() <= kuaida::engine::summary::MAX_PER_SECOND + 1);
}

/// A zip archive of two results files, built once.
fn class_zip() -> &'static [u8] {
    static ZIP: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    ZIP.get_or_init(|| {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, method) in [
            ("a.json", zip::CompressionMethod::Deflated),
            ("sub/b.json", zip::CompressionMethod::Stored),
        ] {
            let opts = zip::write::SimpleFileOptions::default().compression_method(method);
            zip.start_file(name, opts).expect("entry");
            zip.write_all(FIXTURE.as_bytes()).expect("writes");
        }
        zip.finish().expect("finishes").into_inner()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    /// `report` of a damaged zip archive: read what can be read, warn about the rest.
    #[test]
    fn mutated_zip_archives(
        edits in prop::collection::vec((any::<u8>(), any::<usize>(), prop::collection::vec(any::<u8>(), 1..6)), 1..5)
    ) {
        let mut bytes = class_zip().to_vec();
        for (kind, at, with) in &edits {
            bytes = match kind % 3 {
                // Overwrite (header fields: sizes, offsets, counts), flip, truncate.
                0 => {
                    // An earlier truncation may have left nothing.
                    let at = at % bytes.len().max(1);
                    let end = (at + with.len()).min(bytes.len());
                    bytes.splice(at..end, with.iter().copied());
                    bytes
                }
                1 => mutate(&bytes, 0, *at, with),
                _ => mutate(&bytes, 1, *at, with),
            };
        }
        let dir = tempfile::TempDir::new().expect("tempdir");
        let path = dir.path().join("class.zip");
        std::fs::write(&path, &bytes).expect("writes");
        let collected = kuaida::report::collect(&[path], &|b| parse_results(b));
        for w in &collected.warnings {
            prop_assert!(!w.chars().any(char::is_control), "{w:?}");
        }
        let report = build(&collected.docs, &[]);
        let _ = report.render();
    }
}
