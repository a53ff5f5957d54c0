//! One keystroke as the trainer handles it: the key through the engine, a full draw of
//! the drill screen at 120×40 (2,000-grapheme Chinese text, half typed), and the diff
//! against the previous frame written through crossterm to a counting sink.
//! Target: median under 200 µs. And the same keystroke as the trainer now draws it:
//! only the cells it changed (`tui::paint::Painter` with `drill::repaint`).
//!
//! One drill runs on through the whole bench as in the program: the keys alternate
//! between a grapheme (right, or a mistake) and Backspace, each drawn over the frame the
//! key before left, so every diff has real changes to write (the grapheme, the cursor,
//! the figures, the gauge).
mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use kuaida::engine::{Batch, Key};
use kuaida::text::AmbiWidth;
use kuaida::tui::backend::Fast;
use kuaida::tui::paint::Painter;
use kuaida::tui::runs::typing::Run;
use kuaida::tui::screens::drill;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::cell::Cell;
use std::hint::black_box;
use std::io::Write;
use std::rc::Rc;
use std::time::{Duration, Instant};

const SAMPLE: &str =
    "亲，您好！欢迎光临本店，请问有什么可以帮您？我们的商品都是正品，支持七天无理由退换货。";

fn text_of(graphemes: usize) -> String {
    SAMPLE.chars().cycle().take(graphemes).collect()
}

/// A terminal that counts what it is sent.
#[derive(Default, Clone)]
struct Sink {
    bytes: Rc<Cell<usize>>,
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.bytes.set(self.bytes.get() + buf.len());
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(unix)]
fn thread_cpu() -> Duration {
    use rustix::time::{ClockId, clock_gettime};
    let t = clock_gettime(ClockId::ThreadCPUTime);
    Duration::new(
        u64::try_from(t.tv_sec).unwrap_or(0),
        u32::try_from(t.tv_nsec).unwrap_or(0),
    )
}

fn drill_render(c: &mut Criterion) {
    let text = text_of(2000);
    let pack = common::text_drill_pack(&text);
    let mut run = Run::new(0, &pack, &pack.drills[0]).expect("text drill");
    // Half the text typed, so the log is long and the cursor mid-screen.
    let t0 = Instant::now();
    for (i, ch) in text.chars().take(1000).enumerate() {
        run.apply(
            common::stamp(t0 + Duration::from_millis(300 * i as u64)),
            &Batch::Keys(vec![Key::Char(ch)]),
        );
    }
    let right = text.chars().nth(1000).expect("long enough");
    let start = t0 + Duration::from_millis(300 * 1000);

    for (name, key, in_part) in [
        (
            "keystroke + drill render 120x40, 2000 字",
            Key::Char(right),
            false,
        ),
        (
            "wrong keystroke + drill render 120x40, 2000 字",
            Key::Char('x'),
            false,
        ),
        (
            "keystroke + drill redrawn in part 120x40, 2000 字",
            Key::Char(right),
            true,
        ),
        (
            "wrong keystroke + drill redrawn in part 120x40, 2000 字",
            Key::Char('x'),
            true,
        ),
    ] {
        let mut r = run.clone();
        let sink = Sink::default();
        // A fixed 120×40 viewport: a full screen that does not ask a tty for its size.
        let area = Rect::new(0, 0, 120, 40);
        let mut term = Terminal::with_options(
            Fast::new(sink.clone()),
            TerminalOptions {
                viewport: Viewport::Fixed(area),
            },
        )
        .expect("backend");
        let mut painter = Painter::default();
        painter
            .whole(&mut term, true, |f| {
                drill::render(f, &r, start, AmbiWidth::Narrow)
            })
            .expect("draws");
        let mut k = 0u64;
        let mut keystroke = |r: &mut Run, term: &mut Terminal<Fast<Sink>>| {
            k += 1;
            let at = start + Duration::from_millis(150 * k);
            let key = if k % 2 == 1 { key } else { Key::Backspace };
            r.apply(common::stamp(at), &Batch::Keys(vec![key]));
            if in_part {
                let drawn = painter
                    .cells(term, area, |buf, room| {
                        drill::repaint(buf, room, r, at, AmbiWidth::Narrow)
                    })
                    .expect("draws");
                assert!(drawn, "a keystroke is redrawn in part");
            } else {
                term.draw(|f| drill::render(f, r, at, AmbiWidth::Narrow))
                    .expect("draws");
            }
        };
        for what in ["the key", "Backspace"] {
            let sent = sink.bytes.get();
            keystroke(&mut r, &mut term);
            eprintln!("{name}: {what} sends {} bytes", sink.bytes.get() - sent);
        }
        c.bench_function(name, |b| b.iter(|| keystroke(&mut r, &mut term)));
        // The same keystrokes timed by the thread's CPU clock, which stops while the
        // thread waits for a core.
        #[cfg(unix)]
        c.bench_function(&format!("{name} (thread CPU time)"), |b| {
            b.iter_custom(|iters| {
                let start = thread_cpu();
                for _ in 0..iters {
                    keystroke(&mut r, &mut term);
                }
                thread_cpu().saturating_sub(start)
            })
        });
        black_box(&r);
    }
}

criterion_group!(benches, drill_render);
criterion_main!(benches);
