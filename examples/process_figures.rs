//! Whole-process figures of the real binary on a pseudo-terminal of our own (no tmux in
//! between): start to first frame, key to the first byte of the redraw, peak memory
//! in a drill, and CPU of an idle drill over 10 s. Prints figures, asserts nothing.
//!
//! ```text
//! cargo build --release --bin kuaida
//! cargo run --release --example process_figures [-- PATH/TO/kuaida]
//! cargo run --release --example process_figures -- --keys-only
//! cargo run --release --example process_figures -- --compare PROGRAM [ARGS...]
//! cargo run --release --example process_figures -- --compare-start PROGRAM [ARGS...]
//! ```
//! `--compare` measures any terminal programs the same way, for a side-by-side figure
//! on the same machine: after they have settled, 400 keys alternating a letter and
//! Backspace, each timed from the write to the first byte of its redraw; several
//! programs (`--compare A ARGS --and B ARGS`) get one key each in turn. With
//! `sh -c 'stty raw -echo; exec cat'` it gives the machine's floor: a program that
//! only copies the key back.
//! `--compare-start` starts kuaida (a fresh data dir, and one with 10,000 sessions) and
//! PROGRAM in turn, 15 times each, and gives the medians of start to the first whole
//! frame: the last read before kuaida's width query (it asks right after its first
//! frame), or before the output goes quiet for 100 ms (a program that asks nothing).
//! kuaida is started from a copy in a temporary dir, as `cargo install` places a program:
//! a binary fresh from the linker starts 0.3–0.5 ms slower here until its pages are read
//! again (the page cache holds them as the linker wrote them).
//! Linux (reads /proc); the key and start figures run on any Unix.

#[cfg(unix)]
#[path = "../tests/common/pty.rs"]
mod pty;

#[cfg(unix)]
#[path = "../benches/common/mod.rs"]
mod made_up;

#[cfg(not(unix))]
fn main() {
    eprintln!("process_figures drives a Unix pseudo-terminal; it does not run here");
}

#[cfg(unix)]
fn main() {
    if let Err(e) = figures::run() {
        eprintln!("process_figures: {e}");
        std::process::exit(2);
    }
}

#[cfg(unix)]
mod figures {
    use super::pty::Pty;
    use std::path::{Path, PathBuf};
    use std::time::{Duration, Instant};

    type Res<T> = Result<T, String>;

    const SAMPLE: &str =
        "亲，您好！欢迎光临本店，请问有什么可以帮您？我们的商品都是正品，支持七天无理由退换货。";
    /// Graphemes of the drill text, as in `benches/drill_render.rs`.
    const GRAPHEMES: usize = 2000;
    const SHORT: usize = 500;
    const STARTS: usize = 30;
    const KEYS: usize = 400;
    const IDLE: Duration = Duration::from_secs(10);
    /// Interleaved starts of each program in `--compare-start`.
    const ROUNDS: usize = 15;
    /// Sessions in the history of the second kuaida in `--compare-start`.
    const HISTORY: usize = 10_000;
    /// Output quiet this long: the first frame is out.
    const QUIET: Duration = Duration::from_millis(100);
    const WAIT: Duration = Duration::from_secs(10);

    fn binary() -> Res<PathBuf> {
        if let Some(path) = std::env::args().nth(1).filter(|a| !a.starts_with("--")) {
            return Ok(PathBuf::from(path));
        }
        // target/release/examples/process_figures → target/release/kuaida
        let exe = std::env::current_exe().map_err(|e| e.to_string())?;
        let bin = exe
            .parent()
            .and_then(Path::parent)
            .map(|d| d.join("kuaida"))
            .ok_or("no target dir")?;
        if bin.is_file() {
            Ok(bin)
        } else {
            Err(format!(
                "{} is not built: cargo build --release --bin kuaida",
                bin.display()
            ))
        }
    }

    fn median(v: &mut [f64]) -> f64 {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    }

    fn percentile(v: &mut [f64], p: f64) -> f64 {
        v.sort_by(f64::total_cmp);
        let i = ((v.len() - 1) as f64 * p).round() as usize;
        v[i]
    }

    fn us(d: Duration) -> f64 {
        d.as_secs_f64() * 1e6
    }

    /// CPU time of the whole process: (utime + stime in clock ticks, the sum of its
    /// threads' on-CPU nanoseconds from schedstat).
    fn cpu(pid: u32) -> Option<(u64, u64)> {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        let rest = stat.rsplit_once(')')?.1;
        let fields: Vec<&str> = rest.split_whitespace().collect();
        // Fields after the name start at 3 (state); utime is 14, stime 15.
        let ticks = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
        let mut ns = 0;
        for task in std::fs::read_dir(format!("/proc/{pid}/task"))
            .ok()?
            .flatten()
        {
            let s = std::fs::read_to_string(task.path().join("schedstat")).ok()?;
            ns += s.split_whitespace().next()?.parse::<u64>().ok()?;
        }
        Some((ticks, ns))
    }

    fn status_kb(pid: u32, key: &str) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        status
            .lines()
            .find(|l| l.starts_with(key))?
            .split_whitespace()
            .nth(1)?
            .parse()
            .ok()
    }

    fn spawn(bin: &Path, data: &Path, args: &[&str], answer: bool) -> Res<Pty> {
        let mut all = vec!["--data-dir", data.to_str().ok_or("path")?, "--lang", "en"];
        all.extend_from_slice(args);
        Pty::spawn_with(bin.to_str().ok_or("path")?, &all, &[], (120, 40), answer)
            .map_err(|e| format!("spawn: {e}"))
    }

    /// A pack with a 2,000-grapheme text drill (`long`) and, to tell the cost of the
    /// text's size from the rest, a 500-grapheme one (`short`).
    fn bench_pack(dir: &Path) -> Res<PathBuf> {
        let long: String = SAMPLE.chars().cycle().take(GRAPHEMES).collect();
        let short: String = SAMPLE.chars().cycle().take(SHORT).collect();
        let toml = format!(
            "[pack]\nid = \"figures\"\ntitle = \"测速\"\nversion = \"1\"\n\n\
             [[drill]]\nid = \"long\"\ntitle = \"长文\"\nkind = \"text\"\ntext = \"{long}\"\n\n\
             [[drill]]\nid = \"short\"\ntitle = \"短文\"\nkind = \"text\"\ntext = \"{short}\"\n"
        );
        let path = dir.join("figures.toml");
        std::fs::write(&path, toml).map_err(|e| e.to_string())?;
        Ok(path)
    }

    fn quit(mut pty: Pty) {
        pty.write(b"\x1b");
        if pty.wait_exit(Duration::from_secs(2)).is_none() {
            drop(pty);
        }
    }

    /// Spawn to the first byte, and to the first frame complete (the width probe's
    /// query follows the first frame's flush). The query is left unanswered, so kuaida
    /// waits there and the CPU it used up to the first frame can be read.
    fn start_figures(bin: &Path) -> Res<()> {
        let mut first_byte = Vec::new();
        let mut first_frame = Vec::new();
        let mut cpu_ms = Vec::new();
        for _ in 0..STARTS {
            let data = tempfile::TempDir::new().map_err(|e| e.to_string())?;
            let pty = spawn(bin, data.path(), &[], false)?;
            let byte = pty.first_byte_after(0, WAIT).ok_or("no output")?;
            let frame = pty
                .wait_until(0, WAIT, |b| b.windows(4).any(|w| w == b"\x1b[6n"))
                .ok_or("no width probe after the first frame")?;
            if let Some((_, ns)) = cpu(pty.pid()) {
                cpu_ms.push(ns as f64 / 1e6);
            }
            if !pty.text().contains("Packs") {
                return Err(format!("the first frame is not home:\n{}", pty.text()));
            }
            first_byte.push(us(byte - pty.spawned));
            first_frame.push(us(frame - pty.spawned));
            pty.settle(Duration::from_millis(150), WAIT);
            quit(pty);
        }
        println!(
            "start to first frame (home, 120×40, fresh data dir, {STARTS} starts): \
             median {:.1} ms, p90 {:.1} ms; first byte median {:.1} ms",
            median(&mut first_frame) / 1000.0,
            percentile(&mut first_frame, 0.9) / 1000.0,
            median(&mut first_byte) / 1000.0,
        );
        if !cpu_ms.is_empty() {
            println!(
                "  CPU used up to the first frame (schedstat, after exec): median {:.1} ms",
                median(&mut cpu_ms)
            );
        }
        Ok(())
    }

    /// Type the drill key by key: write, wait for the first byte of the redraw, let
    /// it finish, pause a little, next.
    fn key_figures(bin: &Path, pack: &Path, drill: &str, graphemes: usize) -> Res<u32> {
        let data = tempfile::TempDir::new().map_err(|e| e.to_string())?;
        let pack = pack.to_str().ok_or("path")?;
        let pty = spawn(bin, data.path(), &["drill", "--file", pack, drill], true)?;
        pty.wait_text(0, "欢迎光临", WAIT)
            .ok_or_else(|| format!("no drill screen:\n{}", pty.text()))?;
        pty.settle(Duration::from_millis(300), WAIT);
        let pid = pty.pid();
        let mut first = Vec::new();
        let mut whole = Vec::new();
        let mut bytes = Vec::new();
        let before = cpu(pid);
        for c in SAMPLE.chars().cycle().take(KEYS) {
            let from = pty.len();
            let at = pty.write(c.to_string().as_bytes());
            let t = pty.first_byte_after(from, WAIT).ok_or("no redraw")?;
            pty.settle(Duration::from_millis(3), WAIT);
            let (end_at, end) = {
                let out = pty.output();
                *out.reads.last().ok_or("no reads")?
            };
            first.push(us(t - at));
            whole.push(us(end_at - at));
            bytes.push((end - from) as f64);
            std::thread::sleep(Duration::from_millis(2 + fastrand::u64(0..8)));
        }
        println!(
            "key to first byte of the redraw (drill, 120×40, {graphemes}-grapheme Chinese \
             text, {KEYS} keys): median {:.0} µs, p90 {:.0} µs; to the last byte median \
             {:.0} µs; {:.0} bytes a redraw (median)",
            median(&mut first),
            percentile(&mut first, 0.9),
            median(&mut whole),
            median(&mut bytes),
        );
        if let (Some((_, n0)), Some((_, n1))) = (before, cpu(pid)) {
            println!(
                "  CPU per key (schedstat over the {KEYS} keys, clock redraws included): {:.0} µs",
                (n1 - n0) as f64 / 1e3 / KEYS as f64
            );
        }
        match (status_kb(pid, "VmHWM:"), status_kb(pid, "VmRSS:")) {
            (Some(hwm), Some(rss)) => println!(
                "peak memory in the drill after {KEYS} keys: VmHWM {:.1} MB (VmRSS now {:.1} MB)",
                hwm as f64 / 1024.0,
                rss as f64 / 1024.0
            ),
            _ => println!("peak memory: /proc not readable here"),
        }
        quit(pty);
        Ok(pid)
    }

    /// CPU over [`IDLE`] of a drill left alone: before the first key (no clock) and
    /// after it (the clock redraws once a second).
    fn idle_figures(bin: &Path, pack: &Path) -> Res<()> {
        let data = tempfile::TempDir::new().map_err(|e| e.to_string())?;
        let pack = pack.to_str().ok_or("path")?;
        let pty = spawn(bin, data.path(), &["drill", "--file", pack, "long"], true)?;
        pty.wait_text(0, "欢迎光临", WAIT)
            .ok_or_else(|| format!("no drill screen:\n{}", pty.text()))?;
        pty.settle(Duration::from_millis(500), WAIT);
        let pid = pty.pid();
        for (what, key) in [
            ("before the first key", None),
            ("clock running", Some("亲")),
        ] {
            if let Some(k) = key {
                pty.write(k.as_bytes());
                pty.settle(Duration::from_millis(100), WAIT);
            }
            let from_bytes = pty.len();
            let Some((t0, n0)) = cpu(pid) else {
                println!("idle CPU: /proc not readable here");
                return Ok(());
            };
            let started = Instant::now();
            std::thread::sleep(IDLE);
            let (t1, n1) = cpu(pid).ok_or("the drill ended")?;
            let secs = started.elapsed().as_secs_f64();
            println!(
                "idle drill, {what}, {secs:.1} s: {:.1} ms CPU (schedstat), {} ms \
                 (utime+stime at 100 Hz); {} bytes drawn",
                (n1 - n0) as f64 / 1e6,
                (t1 - t0) * 10,
                pty.len() - from_bytes
            );
        }
        quit(pty);
        Ok(())
    }

    /// Key to first byte of the redraw of any programs, a letter then Backspace, one
    /// key to each program in turn: whatever else the machine does in that minute falls
    /// on all of them alike.
    fn compare_figures(programs: &[Vec<String>]) -> Res<()> {
        let mut ptys = Vec::new();
        for p in programs {
            let (program, args) = p.split_first().ok_or("--compare needs a program")?;
            let pty = Pty::spawn_with(program, args, &[], (120, 40), true)
                .map_err(|e| format!("spawn {program}: {e}"))?;
            ptys.push(pty);
        }
        for pty in &ptys {
            pty.settle(Duration::from_millis(1500), WAIT);
        }
        let before: Vec<_> = ptys.iter().map(|p| cpu(p.pid())).collect();
        let mut first = vec![Vec::new(); ptys.len()];
        for i in 0..KEYS {
            let key: &[u8] = if i % 2 == 0 { b"f" } else { b"\x7f" };
            for (pty, first) in ptys.iter().zip(first.iter_mut()) {
                let from = pty.len();
                let at = pty.write(key);
                let t = pty
                    .first_byte_after(from, WAIT)
                    .ok_or_else(|| format!("no redraw after key {i}:\n{}", pty.text()))?;
                pty.settle(Duration::from_millis(3), WAIT);
                first.push(us(t - at));
                std::thread::sleep(Duration::from_millis(2 + fastrand::u64(0..8)));
            }
        }
        for (((p, pty), first), before) in programs.iter().zip(&ptys).zip(&mut first).zip(before) {
            println!(
                "{}: key to first byte of the redraw ({KEYS} keys, a letter then \
                 Backspace): median {:.0} µs, p90 {:.0} µs",
                p.join(" "),
                median(first),
                percentile(first, 0.9),
            );
            if let (Some((_, n0)), Some((_, n1))) = (before, cpu(pty.pid())) {
                println!(
                    "  CPU per key (schedstat): {:.0} µs",
                    (n1 - n0) as f64 / 1e3 / KEYS as f64
                );
            }
        }
        Ok(())
    }

    /// When the first whole frame was out: the read that brought its last byte, the one
    /// before kuaida's width query, or the last before the output went quiet.
    fn first_frame(pty: &Pty) -> Res<Duration> {
        pty.first_byte_after(0, WAIT).ok_or("no output")?;
        pty.settle(QUIET, WAIT);
        let out = pty.output();
        let end = out
            .bytes
            .windows(4)
            .position(|w| w == b"\x1b[6n")
            .unwrap_or(out.bytes.len());
        let read = out.reads.iter().find(|(_, upto)| *upto >= end);
        read.map(|(at, _)| *at - pty.spawned)
            .ok_or_else(|| "no frame".to_string())
    }

    /// A data dir with `n` sessions of the built-in text drills over 60 days, as a
    /// student's term leaves it.
    fn history(dir: &Path, n: usize) -> Res<()> {
        use kuaida::pack::DrillBody;
        let data = kuaida::paths::DataDir::new(dir.to_path_buf());
        let mut store = kuaida::store::Store::open(&data).map_err(|e| e.to_string())?;
        let packs = kuaida::pack::builtin();
        let drills: Vec<_> = packs
            .iter()
            .flat_map(|p| p.drills.iter().map(move |d| (p, d)))
            .filter_map(|(p, d)| match &*d.body {
                DrillBody::Text { text } => Some((p, d, text.chars().take(100).collect())),
                _ => None,
            })
            .collect::<Vec<(_, _, String)>>();
        let first = chrono::DateTime::parse_from_rfc3339("2026-09-01T09:00:00+08:00")
            .map_err(|e| e.to_string())?;
        let mut batch = Vec::new();
        for i in 0..n {
            let (pack, drill, target) = &drills[i % drills.len()];
            let (keys, t) = super::made_up::keystrokes(target, 17, "在", |k| {
                250_000 + (k as u64 % 7) * 30_000
            });
            let mut record =
                super::made_up::session(format!("history-{i}"), target.clone(), keys, t);
            record.pack = pack.id.clone();
            record.pack_version = pack.version.clone();
            record.drill = drill.id.clone();
            record.drill_title = drill.title.clone();
            record.started_at = first
                + chrono::Duration::days((i % 60) as i64)
                + chrono::Duration::seconds((i / 60) as i64 * 30);
            batch.push(record);
            if batch.len() == 1000 {
                store.import(&batch).map_err(|e| e.to_string())?;
                batch.clear();
            }
        }
        store.import(&batch).map_err(|e| e.to_string())?;
        Ok(())
    }

    /// Start kuaida (fresh, and with [`HISTORY`] sessions) and `program` in turn,
    /// [`ROUNDS`] times, each to its first whole frame.
    fn compare_starts(program: &str, args: &[String]) -> Res<()> {
        let installed = tempfile::TempDir::new().map_err(|e| e.to_string())?;
        let bin = installed.path().join("kuaida");
        std::fs::copy(binary()?, &bin).map_err(|e| format!("copy kuaida: {e}"))?;
        let full = tempfile::TempDir::new().map_err(|e| e.to_string())?;
        history(full.path(), HISTORY)?;
        let mut times: [Vec<f64>; 3] = Default::default();
        for _ in 0..ROUNDS {
            let fresh = tempfile::TempDir::new().map_err(|e| e.to_string())?;
            for (i, data) in [Some(fresh.path()), Some(full.path()), None]
                .iter()
                .enumerate()
            {
                let pty = match data {
                    Some(d) => spawn(&bin, d, &[], true)?,
                    None => Pty::spawn_with(program, args, &[], (120, 40), true)
                        .map_err(|e| format!("spawn {program}: {e}"))?,
                };
                times[i].push(us(first_frame(&pty)?));
                if data.is_some() && !pty.text().contains("Packs") {
                    return Err(format!("the first frame is not home:\n{}", pty.text()));
                }
                if data.is_some() {
                    quit(pty);
                } else {
                    drop(pty);
                }
            }
        }
        let names = [
            "kuaida, fresh data dir".to_string(),
            format!("kuaida, {HISTORY} sessions"),
            program.to_string(),
        ];
        for (name, t) in names.iter().zip(times.iter_mut()) {
            println!(
                "{name}: start to first whole frame (120×40, {ROUNDS} interleaved starts): \
                 median {:.2} ms, p90 {:.2} ms",
                median(t) / 1000.0,
                percentile(t, 0.9) / 1000.0
            );
        }
        Ok(())
    }

    pub fn run() -> Res<()> {
        let args: Vec<String> = std::env::args().skip(1).collect();
        if let Some(i) = args.iter().position(|a| a == "--compare-start") {
            let program = args.get(i + 1).ok_or("--compare-start needs a program")?;
            return compare_starts(program, &args[i + 2..]);
        }
        if let Some(i) = args.iter().position(|a| a == "--compare") {
            let programs: Vec<Vec<String>> = args[i + 1..]
                .split(|a| a == "--and")
                .map(<[String]>::to_vec)
                .collect();
            return compare_figures(&programs);
        }
        let keys_only = args.iter().any(|a| a == "--keys-only");
        let bin = binary()?;
        let dir = tempfile::TempDir::new().map_err(|e| e.to_string())?;
        let pack = bench_pack(dir.path())?;
        println!("binary: {}", bin.display());
        if let Ok(load) = std::fs::read_to_string("/proc/loadavg") {
            println!("load average at start: {}", load.trim());
        }
        if !keys_only {
            start_figures(&bin)?;
        }
        key_figures(&bin, &pack, "long", GRAPHEMES)?;
        key_figures(&bin, &pack, "short", SHORT)?;
        if !keys_only {
            idle_figures(&bin, &pack)?;
        }
        Ok(())
    }
}
