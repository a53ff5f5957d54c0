//! Packs are written by other people: the loader never panics on any bytes, every
//! problem it reports has a 1-based position and no control characters, and deeply
//! nested TOML does not overflow the stack.

use kuaida::pack::{BUILTIN_SOURCES, PackSource, Problem, load_bytes};
use proptest::prelude::*;

fn source() -> PackSource {
    PackSource::File {
        path: "fuzz.toml".into(),
    }
}

/// Load and check the shape of whatever comes back.
fn load_and_check(bytes: &[u8]) {
    if let Err(problems) = load_bytes(bytes, "fuzz.toml", source()) {
        assert!(!problems.is_empty(), "refused without a problem");
        for p in &problems {
            check_problem(p);
        }
    }
}

fn check_problem(p: &Problem) {
    assert!(p.line >= 1 && p.col >= 1, "position {}:{}", p.line, p.col);
    assert!(
        !p.message.chars().any(|c| c.is_control() && c != '\n'),
        "control character in {:?}",
        p.message
    );
}

fn builtin_text() -> impl Strategy<Value = &'static str> {
    (0..BUILTIN_SOURCES.len()).prop_map(|i| BUILTIN_SOURCES[i].1)
}

/// One edit of a valid pack's text.
#[derive(Debug, Clone)]
enum Edit {
    Flip { at: usize, bit: u8 },
    Truncate { at: usize },
    DuplicateLine { line: usize },
    DeleteLine { line: usize },
    Insert { at: usize, bytes: Vec<u8> },
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), 0u8..8).prop_map(|(at, bit)| Edit::Flip { at, bit }),
        any::<usize>().prop_map(|at| Edit::Truncate { at }),
        any::<usize>().prop_map(|line| Edit::DuplicateLine { line }),
        any::<usize>().prop_map(|line| Edit::DeleteLine { line }),
        (
            any::<usize>(),
            prop::collection::vec(
                prop_oneof![
                    Just(b'['),
                    Just(b']'),
                    Just(b'{'),
                    Just(b'"'),
                    Just(b'='),
                    Just(b'\n'),
                    Just(0x1b),
                    Just(0xff),
                    any::<u8>()
                ],
                1..8
            )
        )
            .prop_map(|(at, bytes)| Edit::Insert { at, bytes }),
    ]
}

fn apply(mut bytes: Vec<u8>, e: &Edit) -> Vec<u8> {
    if bytes.is_empty() {
        return bytes;
    }
    let n = bytes.len();
    let lines =
        |b: &[u8]| -> Vec<Vec<u8>> { b.split(|&c| c == b'\n').map(<[u8]>::to_vec).collect() };
    match e {
        Edit::Flip { at, bit } => bytes[at % n] ^= 1 << bit,
        Edit::Truncate { at } => bytes.truncate(at % n),
        Edit::DuplicateLine { line } => {
            let mut ls = lines(&bytes);
            let i = line % ls.len();
            let copy = ls[i].clone();
            ls.insert(i, copy);
            bytes = ls.join(&b'\n');
        }
        Edit::DeleteLine { line } => {
            let mut ls = lines(&bytes);
            let i = line % ls.len();
            ls.remove(i);
            bytes = ls.join(&b'\n');
        }
        Edit::Insert { at, bytes: ins } => {
            let at = at % (n + 1);
            bytes.splice(at..at, ins.iter().copied());
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        load_and_check(&bytes);
    }

    #[test]
    fn toml_shaped_noise_never_panics(
        parts in prop::collection::vec(
            prop_oneof![
                Just("[pack]\n"), Just("[[drill]]\n"), Just("[[template]]\n"), Just("id = \"x\"\n"),
                Just("kind = \"text\"\n"), Just("kind = \"quickreply\"\n"), Just("text = \"你好\"\n"),
                Just("title = \"\u{1b}[31m\"\n"), Just("phrases = [\"a\", 1]\n"), Just("= ="),
                Just("\"\"\""), Just("[[scenario]]\n"), Just("expect = [\"a\"]\n"), Just("{"),
                Just("time_limit = -1\n"), Just("time_limit = 99999999999999999999\n"),
                Just("pass = { cpm = nan, accuracy = inf }\n"), Just("\u{feff}"), Just("\r\n"),
                Just("text = \"{slot\"\n"), Just("format = 99\n"), Just("x.y.z = 1\n"),
            ],
            0..40,
        )
    ) {
        load_and_check(parts.concat().as_bytes());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, ..ProptestConfig::default() })]

    #[test]
    fn mutated_builtin_packs_never_panic(
        text in builtin_text(),
        edits in prop::collection::vec(edit(), 1..6),
    ) {
        let mut bytes = text.as_bytes().to_vec();
        for e in &edits {
            bytes = apply(bytes, e);
        }
        load_and_check(&bytes);
    }
}

#[test]
fn every_builtin_pack_loads() {
    for (file, text) in BUILTIN_SOURCES {
        if let Err(p) = load_bytes(text.as_bytes(), file, source()) {
            panic!("{file}: {p:?}");
        }
    }
}

/// Run `f` on a thread with a small stack (the main thread's is 8 MiB; a test thread's
/// 2 MiB): an overflow aborts the whole test binary, so this is what a deep file does.
fn on_small_stack(bytes: Vec<u8>) {
    let handle = std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(move || load_and_check(&bytes))
        .expect("thread");
    handle.join().expect("no panic");
}

#[test]
fn deeply_nested_arrays_do_not_overflow_the_stack() {
    for n in [100, 1_000, 100_000] {
        let mut text = String::from("[pack]\nid = ");
        text.push_str(&"[".repeat(n));
        on_small_stack(text.into_bytes());
    }
}

#[test]
fn deeply_nested_inline_tables_do_not_overflow_the_stack() {
    for n in [100, 1_000, 100_000] {
        let mut text = String::from("[pack]\nid = ");
        text.push_str(&"{a=".repeat(n));
        text.push_str(&"}".repeat(n));
        on_small_stack(text.into_bytes());
    }
}

#[test]
fn deeply_nested_closed_arrays_do_not_overflow_the_stack() {
    let n = 100_000;
    let text = format!("[pack]\nid = {}1{}\n", "[".repeat(n), "]".repeat(n));
    on_small_stack(text.into_bytes());
}

#[test]
fn long_dotted_keys_do_not_overflow_the_stack() {
    let text = format!("[pack]\n{} = 1\n", vec!["a"; 50_000].join("."));
    on_small_stack(text.into_bytes());
    let text = format!("[{}]\n", vec!["a"; 50_000].join("."));
    on_small_stack(text.into_bytes());
}
