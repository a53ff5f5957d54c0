//! Timing fidelity, whole process: keys written to a pseudo-terminal 100 ms apart are
//! logged with the gaps they were written with. A loop that sleeps between polls, or
//! stamps times when it draws, fails this. Our own pty, not tmux (tmux adds latency).
#![cfg(unix)]

#[path = "common/pty.rs"]
mod pty;

use pty::Pty;
use std::process::Command;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_kuaida");
const GAP: Duration = Duration::from_millis(100);
/// How far a logged gap may be from the gap the keys were actually written with.
const TOLERANCE_US: i64 = 3_000;

/// The long drill's text as the keys that type it (a line break is Enter).
fn keys() -> Vec<Vec<u8>> {
    let text =
        "亲，您好！欢迎光临本店，请问有什么可以帮您？\n我们的商品都是正品，支持七天无理由退换货。";
    text.chars()
        .map(|c| match c {
            '\n' => b"\r".to_vec(),
            c => c.to_string().into_bytes(),
        })
        .collect()
}

fn history(data: &std::path::Path) -> serde_json::Value {
    let out = Command::new(BIN)
        .arg("--data-dir")
        .arg(data)
        .args(["history", "--json"])
        .output()
        .expect("kuaida runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

/// Nanoseconds the process's threads have waited for a CPU (Linux schedstat), to tell
/// a busy machine from a slow program in a failure message.
fn run_delay_ns(pid: u32) -> Option<u64> {
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task")).ok()?;
    let mut sum = 0;
    for task in tasks.flatten() {
        let stat = std::fs::read_to_string(task.path().join("schedstat")).ok()?;
        sum += stat.split_whitespace().nth(1)?.parse::<u64>().ok()?;
    }
    Some(sum)
}

/// How long kuaida may wait for a CPU around one key before that key's stamp is not
/// held against it.
const CPU_WAIT_NS: u64 = 1_000_000;

/// One drill typed at 100 ms a key: what was measured, or what went wrong. Gaps next to
/// a key during which the machine kept kuaida off the CPU for over 1 ms (schedstat
/// run-queue time) are reported but not judged: a stamp cannot be earlier than the
/// thread runs.
fn one_run(attempt: u32) -> Result<String, String> {
    let data = tempfile::TempDir::new().expect("tempdir");
    let args = pty::fixture_drill(data.path(), "long");
    let mut pty = Pty::spawn(BIN, &args, &[], 100, 30).expect("starts on a pty");
    let up = pty.wait_text(0, "欢迎光临", Duration::from_secs(10));
    assert!(up.is_some(), "no drill screen:\n{}", pty.text());
    // Past the first frame, the width probe and the redraw after it.
    pty.settle(Duration::from_millis(300), Duration::from_secs(5));

    let keys = keys();
    let pid = pty.pid();
    let first = Instant::now() + GAP;
    let mut sent = Vec::with_capacity(keys.len());
    // kuaida's run-queue time just before each key, and once after the last.
    let mut waited = Vec::with_capacity(keys.len() + 1);
    for (i, key) in keys.iter().enumerate() {
        // Absolute deadlines: a late key does not push the later ones back.
        let deadline = first + GAP * u32::try_from(i).expect("few keys");
        if let Some(wait) = deadline.checked_duration_since(Instant::now()) {
            std::thread::sleep(wait);
        }
        waited.push(run_delay_ns(pid));
        sent.push(pty.write(key));
    }
    std::thread::sleep(GAP);
    waited.push(run_delay_ns(pid));
    // Whether the machine held kuaida back while key i was read.
    let disturbed: Vec<bool> = (0..keys.len())
        .map(|i| match (waited[i], waited[i + 1]) {
            (Some(a), Some(b)) => b.saturating_sub(a) > CPU_WAIT_NS,
            _ => false,
        })
        .collect();
    // The session is saved as the last key ends the drill.
    let deadline = Instant::now() + Duration::from_secs(10);
    let doc = loop {
        let doc = history(data.path());
        if doc["sessions"].as_array().is_some_and(|s| !s.is_empty()) {
            break doc;
        }
        assert!(Instant::now() < deadline, "nothing saved:\n{}", pty.text());
        std::thread::sleep(Duration::from_millis(50));
    };
    // The results ignore keys for a moment after they appear (a key typed on).
    std::thread::sleep(Duration::from_millis(600));
    pty.write(b"\x1b");
    assert!(pty.wait_exit(Duration::from_secs(10)).is_some(), "no exit");

    let session = &doc["sessions"][0];
    assert_eq!(session["completed"], true, "{doc}");
    let logged: Vec<i64> = session["keystrokes"]
        .as_array()
        .expect("keystrokes")
        .iter()
        .map(|k| k["t_us"].as_i64().expect("t_us"))
        .collect();
    assert_eq!(logged.len(), keys.len(), "one logged event per key: {doc}");

    let mut worst = 0;
    let mut judged = 0;
    let mut sent_gaps = Vec::with_capacity(keys.len());
    let mut bad = Vec::new();
    let mut excused = Vec::new();
    for i in 1..keys.len() {
        let logged_gap = logged[i] - logged[i - 1];
        let sent_gap = i64::try_from((sent[i] - sent[i - 1]).as_micros()).expect("small");
        sent_gaps.push(sent_gap);
        // The writer is another process on a maybe busy machine: what must hold is that
        // the gap logged is the gap written.
        let off = logged_gap - sent_gap;
        let line = format!("key {i}: written {sent_gap} µs, logged {logged_gap} µs");
        if disturbed[i - 1] || disturbed[i] {
            if off.abs() > TOLERANCE_US {
                excused.push(line);
            }
            continue;
        }
        judged += 1;
        worst = worst.max(off.abs());
        if off.abs() > TOLERANCE_US {
            bad.push(line);
        }
    }
    sent_gaps.sort_unstable();
    let median = sent_gaps[sent_gaps.len() / 2];
    // The keys did go out about 100 ms apart (deadlines are absolute, so late keys
    // do not add up), so this tested what the issue asks for.
    assert!(
        (median - 100_000).abs() <= 5_000,
        "the writer's median gap was {median} µs"
    );
    let summary = format!(
        "run {attempt}: {} gaps written (median {median} µs); {judged} judged, worst \
         logged-vs-written difference {worst} µs; {} next to a key kuaida waited over 1 ms \
         for a CPU{}",
        sent_gaps.len(),
        sent_gaps.len() - judged,
        if excused.is_empty() {
            String::new()
        } else {
            format!(" (off there: {})", excused.join("; "))
        }
    );
    if !bad.is_empty() {
        return Err(format!("{summary}\n  {}", bad.join("\n  ")));
    }
    if judged * 2 < sent_gaps.len() {
        return Err(format!(
            "{summary}\n  too few gaps judged: the machine is too busy"
        ));
    }
    Ok(summary)
}

#[test]
fn keys_written_100_ms_apart_are_logged_100_ms_apart() {
    // On a loaded machine the kernel's pty worker or kuaida's thread can wait
    // milliseconds for a CPU; a program that polls with sleeps or stamps at draw misses
    // in every run, so one clean run out of five is the bar.
    let mut failures = Vec::new();
    for attempt in 1..=5 {
        match one_run(attempt) {
            Ok(summary) => {
                for f in &failures {
                    eprintln!("{f}");
                }
                eprintln!("{summary}");
                return;
            }
            Err(f) => failures.push(f),
        }
    }
    panic!(
        "no run logged every gap within ±3 ms of how it was written:\n{}",
        failures.join("\n")
    );
}
