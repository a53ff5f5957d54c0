//! The terminal read by kuaida itself, on a real pseudo-terminal. At the start kuaida
//! asks the terminal once how wide it draws an ambiguous mark (right after the first
//! frame), puts right the corner it drew the mark in, and reads every key typed from the
//! first moment, whether or not the terminal answers. A bracketed paste that arrives in
//! several parts, with pauses between them (a large paste through a slow link), is still
//! one paste: refused in a drill, with the notice, and none of its characters typed.
#![cfg(unix)]

#[path = "common/pty.rs"]
mod pty;

use pty::Pty;
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_kuaida");
const WAIT: Duration = Duration::from_secs(10);
const QUERY: &[u8] = b"\x1b[6n";

fn drill(data: &tempfile::TempDir, answer: bool) -> Pty {
    let args = pty::fixture_drill(data.path(), "short");
    Pty::spawn_with(BIN, &args, &[], (100, 30), answer).expect("starts on a pty")
}

fn queries(pty: &Pty) -> usize {
    pty.output()
        .bytes
        .windows(QUERY.len())
        .filter(|w| *w == QUERY)
        .count()
}

#[test]
fn the_width_is_asked_once_and_keys_typed_at_once_are_read() {
    let data = tempfile::TempDir::new().expect("tempdir");
    let pty = drill(&data, true);
    let asked = pty.wait_until(0, WAIT, |b| b.windows(QUERY.len()).any(|w| w == QUERY));
    assert!(asked.is_some(), "no width probe:\n{}", pty.text());
    // Typed the moment the frame is up: read, not taken by a second question.
    let from = pty.len();
    pty.write("亲在".as_bytes());
    let typed = pty.wait_text(from, "亲在", WAIT);
    assert!(
        typed.is_some(),
        "the keys typed at the start were lost:\n{}",
        pty.text()
    );
    pty.settle(Duration::from_millis(300), WAIT);
    assert_eq!(queries(&pty), 1, "the terminal was asked more than once");
}

#[test]
fn a_terminal_that_never_answers_delays_the_start_by_the_probe_only() {
    let data = tempfile::TempDir::new().expect("tempdir");
    let pty = drill(&data, false);
    let asked = pty.wait_until(0, WAIT, |b| b.windows(QUERY.len()).any(|w| w == QUERY));
    assert!(asked.is_some(), "no width probe:\n{}", pty.text());
    let from = pty.len();
    let at = pty.write("亲在".as_bytes());
    let typed = pty
        .wait_text(from, "亲在", WAIT)
        .expect("the keys are read and drawn");
    // The probe waits 100 ms for an answer; nothing else may wait on the terminal.
    assert!(
        typed - at < Duration::from_millis(1500),
        "the first keys took {:?} to show",
        typed - at
    );
    pty.settle(Duration::from_millis(300), WAIT);
    assert_eq!(queries(&pty), 1);
}

#[test]
fn a_paste_in_parts_is_one_paste() {
    let data = tempfile::TempDir::new().expect("tempdir");
    let pty = drill(&data, true);
    assert!(
        pty.wait_text(0, "亲在吗好的", WAIT).is_some(),
        "no drill:\n{}",
        pty.text()
    );
    pty.settle(Duration::from_millis(300), WAIT);
    let from = pty.len();
    pty.write(b"\x1b[200~");
    // Four parts 200 ms apart: longer in all than a cut sequence is waited for.
    for _ in 0..4 {
        std::thread::sleep(Duration::from_millis(200));
        pty.write("亲在吗好的亲在吗好的".as_bytes());
    }
    std::thread::sleep(Duration::from_millis(200));
    pty.write(b"\x1b[201~");
    let notice = pty.wait_text(from, "pasted text is not counted", WAIT);
    assert!(notice.is_some(), "no paste notice:\n{}", pty.text());
    pty.settle(Duration::from_millis(300), WAIT);
    // Nothing was typed: the progress count still says none of the text.
    let after = pty::visible(&pty.output().bytes[from..]);
    assert!(
        !after.contains("1/") && !after.contains("10/"),
        "characters of the paste were typed:\n{after}"
    );
}

/// Times the process went to sleep by itself (Linux: its main thread's count).
#[cfg(target_os = "linux")]
fn wake_ups(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("voluntary_ctxt_switches:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("voluntary_ctxt_switches")
}

/// Before the first key nothing on the screen changes: kuaida sleeps until a key, a
/// resize or a signal, and never wakes to look (it looked four times a second).
#[cfg(target_os = "linux")]
#[test]
fn a_drill_left_alone_before_the_first_key_does_not_wake() {
    let data = tempfile::TempDir::new().expect("tempdir");
    let pty = drill(&data, true);
    let up = pty.wait_text(0, "短文", WAIT);
    assert!(up.is_some(), "no drill screen:\n{}", pty.text());
    pty.settle(Duration::from_millis(300), WAIT);
    let before = wake_ups(pty.pid());
    std::thread::sleep(Duration::from_millis(1300));
    let after = wake_ups(pty.pid());
    assert_eq!(after - before, 0, "kuaida woke {} times", after - before);
    // Still awake to the student.
    let from = pty.len();
    pty.write("亲".as_bytes());
    assert!(pty.wait_text(from, "亲", WAIT).is_some(), "{}", pty.text());
}
